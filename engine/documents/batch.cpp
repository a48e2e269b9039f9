#include "batch.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include "common/files.hpp"
#include "common/suggest.hpp"
#include "common/text.hpp"
#include "documents/publication.hpp"
#include "expressions/expression.hpp"
#include "layout/render.hpp"
#include "security/encryption.hpp"
#include "templating/docx_template.hpp"

namespace reviewkit::documents {

namespace fs = std::filesystem;

std::optional<std::vector<Recipient>> find_recipients(const data::Node& data, const std::string& each,
                                                      const std::string& data_file, std::string& error) {
  std::vector<Recipient> out;
  std::size_t at = 0;
  while (at <= each.size()) {
    std::size_t comma = each.find(',', at);
    if (comma == std::string::npos) comma = each.size();
    std::string path = trim(each.substr(at, comma - at));
    at = comma + 1;
    // "contacts.dfe?": a recipient only some cases have (the DfE, where a board's procedure tells it).
    bool optional = !path.empty() && path.back() == '?';
    if (optional) path = trim(path.substr(0, path.size() - 1));
    const data::Node* found = path.empty() ? nullptr : data::find(data, path);
    if (optional && (!found || found->is_null())) continue;
    if (found && found->is_list()) {
      for (std::size_t i = 0; i < found->items.size(); ++i) out.push_back({found->items[i].get(), path + "[" + std::to_string(i) + "]"});
      continue;
    }
    if (found && found->is_map()) {
      out.push_back({found, path});
      continue;
    }
    std::string what = !found ? "does not exist in " + data_file : "is " + std::string(found->is_null() ? "empty" : "a single value") + ", not a list or a map";
    std::vector<std::string> candidates;
    for (const auto& e : data.entries)
      if (e.value->is_list() || e.value->is_map()) candidates.push_back(e.key);
    std::string hint = candidates.empty() ? "" : did_you_mean(path, candidates);
    if (hint.empty() && !candidates.empty()) hint = "the lists and maps at the top of the data are " + one_of(candidates);
    error = "'" + path + "' " + what + (hint.empty() ? "" : " (" + hint + ")");
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<Recipient>> select_recipients(const data::Node& data, const std::vector<Recipient>& all,
                                                        const std::string& condition, const std::string& as,
                                                        std::string& error) {
  if (condition.empty()) return all;
  auto expr = expressions::parse_expression(condition, error);
  if (!expr) return std::nullopt;
  std::vector<Recipient> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    expressions::Scope scope(&data);
    scope.push({{as, expressions::Value::of(all[i].node, as)}});
    auto ev = expressions::evaluate(*expr, scope);
    if (!ev.error.empty() || ev.value.kind == expressions::Value::Missing) {
      error = describe_recipient(i + 1, all[i].path, *all[i].node) + ": " +
              (!ev.error.empty() ? ev.error : "unknown variable '" + ev.value.path + "'" + (ev.hint.empty() ? "" : " (" + ev.hint + ")")) +
              " (to test whether a field is there, write '" + as + ".FIELD is defined')";
      return std::nullopt;
    }
    if (ev.value.truthy()) out.push_back(all[i]);
  }
  return out;
}

std::string safe_file_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|')
      out += '-';
    else
      out += static_cast<char>(c);
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(0, 1);
  if (out.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  std::string upper = ascii_lower(out.substr(0, out.find('.')));
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static const std::set<std::string> reserved = {"CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4",
                                                 "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3",
                                                 "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
  if (reserved.count(upper)) out = "_" + out;
  return out;
}

std::string describe_recipient(std::size_t number, const std::string& path, const data::Node& item) {
  std::string who;
  if (item.is_map()) {
    for (const char* key : {"name", "pseudonym", "abbreviation", "id"})
      if (const data::Node* n = item.get(key); n && n->is_scalar()) {
        who = n->scalar;
        break;
      }
  } else if (item.is_scalar()) {
    who = item.scalar;
  }
  return "letter " + std::to_string(number) + " (" + path + (who.empty() ? "" : ", " + who) + ")";
}

std::vector<std::string> file_names(const data::Node& data, const std::vector<Recipient>& recipients,
                                    const std::string& pattern, const std::string& as, const std::string& data_file,
                                    Diagnostics& diags) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  std::string count = std::to_string(recipients.size());
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    std::string number = std::to_string(i + 1);
    std::string base = std::string(count.size() > number.size() ? count.size() - number.size() : 0, '0') + number;
    if (!pattern.empty()) {
      expressions::Scope scope(&data);
      scope.push({{as, expressions::Value::of(recipients[i].node, as)}});
      std::string error;
      auto rendered = expressions::render_text(pattern, scope, error);
      if (!rendered) {
        diags.error(Location{data_file, 0, 0, {}, {}, 0},
                    describe_recipient(i + 1, recipients[i].path, *recipients[i].node) + ": " + error, "check the file name pattern");
        names.push_back(base);
        continue;
      }
      std::string safe = safe_file_name(*rendered);
      if (!safe.empty()) base = safe;
    }
    std::string name = base;
    for (int n = 2; taken.count(ascii_lower(name)); ++n) name = base + " (" + std::to_string(n) + ")";
    taken.insert(ascii_lower(name));
    names.push_back(name);
  }
  return names;
}

layout::PdfMetadata pdf_metadata(const data::Node* data) {
  layout::PdfMetadata m;
  if (!data) return m;
  auto text = [&](const char* path) {
    const data::Node* n = data::find(*data, path);
    return n && n->is_scalar() ? n->scalar : std::string();
  };
  m.keywords = text("review.reference");
  m.subject = text("review.kind_name");
  if (m.subject.empty()) m.subject = text("review.title");
  m.author = text("board.name");
  return m;
}

std::optional<std::string> encrypted_docx(const std::string& docx, const std::string& label, const std::string& password,
                                          Diagnostics& diags) {
  std::string why;
  auto bytes = security::encrypt_office_package(docx, password, why);
  if (!bytes)
    diags.error(Location{label, 0, 0, {}, {}, 0}, "cannot encrypt the Word document: " + why,
                why.find("password") != std::string::npos ? "choose another password (in --password-file or REVIEWKIT_PASSWORD)" : "");
  return bytes;
}

namespace {
std::optional<std::string> write_docx(const std::string& docx, const FormatContext& c, Diagnostics& diags) {
  if (c.password.empty()) return docx;
  return encrypted_docx(docx, c.label, c.password, diags);
}
std::optional<std::string> write_pdf(const std::string& docx, const FormatContext& c, Diagnostics& diags) {
  std::unique_ptr<pdf::FontBook> own;
  pdf::FontBook* fonts = c.fonts;
  if (!fonts) {
    own = std::make_unique<pdf::FontBook>();
    fonts = own.get();
  }
  return layout::render_docx(docx, c.label, {c.metadata, c.password}, *fonts, diags);
}
}  // namespace

const std::vector<Format>& formats() {
  static const std::vector<Format> table = {{"docx", ".docx", write_docx}, {"pdf", ".pdf", write_pdf}};
  return table;
}

const Format* find_format(const std::string& name) {
  for (const auto& f : formats())
    if (name == f.name) return &f;
  return nullptr;
}

std::size_t Plan::count() const {
  std::size_t n = 0;
  for (const auto& d : documents) n += d.recipients.size();
  return n;
}

Plan plan_documents(const data::Node& data, const Kinds& kinds, const std::vector<std::string>& ids,
                    const std::string& data_file, Diagnostics& diags) {
  Plan plan;
  std::vector<const Kind*> chosen;
  std::vector<std::string> known;
  for (const auto& k : kinds.kinds) known.push_back(k.id);
  if (ids.empty()) {
    for (const auto& k : kinds.kinds) chosen.push_back(&k);
  } else {
    for (const auto& id : ids) {
      const Kind* k = kinds.find(id);
      if (!k) {
        std::string hint = did_you_mean(id, known);
        diags.error(Location{data_file, 0, 0, {}, {}, 0}, "there is no document kind '" + id + "'",
                    hint.empty() ? "reviewkit documents lists them" : hint);
        continue;
      }
      chosen.push_back(k);
    }
  }
  Location at{data_file, 0, 0, {}, {}, 0};
  for (const Kind* k : chosen) {
    const data::Node* reached = data::find(data, "review.dates." + k->stage);
    if (!reached || !reached->is_scalar()) {
      plan.skipped.push_back({k, "the case has no review.dates." + k->stage + " yet"});
      continue;
    }
    // A date recorded ahead of time (a meeting planned) is reached on the day.
    const data::Node* today = data.get("today");
    if (today && today->is_scalar() && reached->scalar > today->scalar) {
      plan.skipped.push_back({k, "review.dates." + k->stage + " is " + reached->scalar + ", after today (" + today->scalar + ")"});
      continue;
    }
    std::string error;
    if (!k->when.empty()) {  // a kind some cases do not need: the Coroner only when a child died
      auto condition = expressions::parse_expression(k->when, error);
      if (!condition) {
        diags.error(k->where_defined, k->id + ": when " + k->when + ": " + error);
        continue;
      }
      expressions::Scope scope(&data);
      auto ev = expressions::evaluate(*condition, scope);
      if (!ev.error.empty()) {
        diags.error(at, k->id + ": when " + k->when + ": " + ev.error);
        continue;
      }
      if (!ev.value.truthy()) {
        plan.skipped.push_back({k, "this case does not need it (" + k->when + ")"});
        continue;
      }
    }
    auto all = find_recipients(data, k->each, data_file, error);
    if (!all) {
      diags.error(at, k->id + ": --each " + k->each + ": " + error, "check templates/documents.yaml or the case file");
      continue;
    }
    auto selected = select_recipients(data, *all, k->where, "recipient", error);
    if (!selected) {
      diags.error(at, k->id + ": where " + k->where + ": " + error);
      continue;
    }
    if (selected->empty()) {
      plan.skipped.push_back({k, all->empty() ? "the case lists nobody in " + k->each : "nobody in " + k->each + " is selected by: " + k->where});
      continue;
    }
    Planned p{k, *selected, file_names(data, *selected, k->name, "recipient", data_file, diags)};
    plan.documents.push_back(std::move(p));
  }
  return plan;
}

bool fill_for_pdf(const templating::DocxTemplate& tmpl, const data::Node& data, const templating::FillOptions& fill,
                  const std::vector<std::string>& formats, std::optional<std::string>& pdf_docx, Diagnostics& diags) {
  pdf_docx.reset();
  if (!tmpl.has_figures() || std::find(formats.begin(), formats.end(), "pdf") == formats.end()) return true;
  // The PDF draws the figures as vector art: it is laid out from a fill that holds them as PDF.
  templating::FillOptions vector = fill;
  vector.figures_as_pdf = true;
  Diagnostics again;  // the same problems as the first fill's: told once
  pdf_docx = tmpl.fill(data, vector, again);
  if (pdf_docx) return true;
  diags.append(again);
  return false;
}

bool write_batch(const Plan& plan, const data::Node& plan_data, const fs::path& dir, const BatchOptions& options,
                 Diagnostics& diags, std::size_t& written) {
  written = 0;
  std::unique_ptr<pdf::FontBook> own_fonts;
  pdf::FontBook* fonts = options.fonts;
  if (!fonts) {
    own_fonts = std::make_unique<pdf::FontBook>();
    fonts = own_fonts.get();
  }
  std::size_t errors_before = diags.error_count();
  // DIR itself is made when missing (its parent must exist), and removed again if nothing goes in.
  std::error_code ec;
  bool made_dir = false;
  if (!fs::exists(fs::symlink_status(dir, ec))) {
    made_dir = fs::create_directory(dir, ec);
    if (ec) {
      diags.error(Location{dir.string(), 0, 0, {}, {}, 0}, "cannot make the folder: " + ec.message(),
                  "check that the folder it goes in exists and can be written to");
      return false;
    }
  }
  struct Cleanup {
    const fs::path& dir;
    bool armed;
    ~Cleanup() {
      std::error_code ignored;
      if (armed) fs::remove(dir, ignored);  // only if empty
    }
  } cleanup{dir, made_dir};
  std::vector<StagedFolder> staged;
  // Publication safety: one matcher for the batch, and the case file's own text's hits, so that a
  // name typed there is told there.
  Publication publication{scan::Matcher(options.identifiers), {}, options.allowed, {}, options.replace_names, {}};
  std::map<const data::Node*, std::vector<SourceHit>> sources;  // each data's once
  std::map<const data::Node*, data::NodePtr> anonymised;  // --replace-names: each data once
  std::vector<std::string> replacements;
  std::set<std::string> told_replacements;
  for (const auto& planned : plan.documents) {
    const Kind& kind = *planned.kind;
    auto tmpl = templating::DocxTemplate::load(kind.templ, diags);
    if (!tmpl) continue;
    std::string why;
    std::vector<std::string> notes;
    auto folder = StagedFolder::open(dir / kind.id, options.overwrite, why, notes);
    if (!folder) {
      diags.error(Location{(dir / kind.id).string(), 0, 0, {}, {}, 0}, why);
      continue;
    }
    const auto& formats = options.formats.empty() ? kind.formats : options.formats;  // names in formats()
    std::optional<templating::DocxTemplate::Combined> combined;
    if (!kind.combined.empty()) combined.emplace(tmpl);
    const data::Node* source = planned.data ? planned.data.get() : &plan_data;
    bool for_publication = options.scan_documents && kind.audience != Audience::Restricted;
    if (for_publication && options.replace_names) {
      auto& copy = anonymised[source];
      if (!copy) {  // a kind dated another day has data of its own: what both hold is told once
        Diagnostics here;
        std::vector<std::string> recorded;
        copy = with_names_replaced(*source, publication.matcher, here, recorded);
        for (const auto& d : here.items())
          if (told_replacements.insert(format(d)).second) diags.add(d);
        for (auto& r : recorded)
          if (std::find(replacements.begin(), replacements.end(), r) == replacements.end()) replacements.push_back(std::move(r));
      }
      source = copy.get();
    }
    const data::Node& data = *source;
    if (for_publication) {
      auto it = sources.find(source);
      if (it == sources.end()) it = sources.emplace(source, source_hits(data, publication.matcher)).first;
      publication.sources = it->second;
    }
    for (std::size_t i = 0; i < planned.recipients.size(); ++i) {
      Recipient r = planned.recipients[i];
      if (source != &plan_data) {  // the same recipient in the data of the day the document is dated, or with names replaced
        const data::Node* again = data::find(data, r.path);
        if (!again) {
          diags.error(Location{kind.id, 0, 0, {}, {}, 0}, kind.id + ": " + r.path + " is not in the case as of its date");
          continue;
        }
        r.node = again;
      }
      templating::FillOptions fill;
      fill.lenient = options.lenient;
      fill.unbound_hints = options.unbound_hints;
      fill.bindings = {{"recipient", r.node}};
      fill.label = kind.id + ": " + describe_recipient(i + 1, r.path, *r.node);
      fill.image_base = options.image_base;
      fill.image_roots = {kind.templ.parent_path()};
      fill.figures = options.figures;
      auto docx = tmpl->fill(data, fill, diags);
      if (!docx) continue;
      std::vector<std::pair<std::string, std::string>> properties;
      if (for_publication) {
        std::vector<std::string> recorded;
        if (!publishable(*docx, (dir / kind.id / (planned.names[i] + ".docx")).string(), kind, publication, diags, recorded)) continue;
        // What the document holds deliberately, and the pseudonyms put in, recorded in its properties.
        if (!recorded.empty()) properties.emplace_back("reviewkit: allowed (--allow)", listed(recorded, "and"));
        if (options.replace_names && !replacements.empty())
          properties.emplace_back("reviewkit: pseudonyms put in (--replace-names)", listed(replacements, "and"));
        if (!properties.empty()) *docx = with_custom_properties(*docx, properties);
      }
      std::optional<std::string> for_pdf;
      if (!fill_for_pdf(*tmpl, data, fill, formats, for_pdf, diags)) continue;
      FormatContext context{fill.label, pdf_metadata(&data), options.password, fonts};
      for (const auto& [key, value] : properties)  // and in the PDF's keywords
        context.metadata.keywords += (context.metadata.keywords.empty() ? "" : "; ") + key + ": " + value;
      for (const auto& name : formats) {
        const Format* format = find_format(name);
        const std::string& source = name == std::string("pdf") && for_pdf ? *for_pdf : *docx;
        auto bytes = format ? format->write(source, context, diags) : std::nullopt;
        if (!bytes) continue;
        std::string file = planned.names[i] + format->extension;
        if (!folder->write(file, *bytes, why))
          diags.error(Location{(dir / kind.id).string(), 0, 0, {}, {}, 0}, "cannot write " + file + ": " + why);
        else
          ++written;
      }
      if (combined) {
        Diagnostics again;  // the same problems as above: told once
        combined->add(data, fill, again);
      }
    }
    if (combined && diags.error_count() == errors_before) {
      std::string bytes = combined->finish();
      if (!options.password.empty()) {  // a combined .docx is protected like the documents beside it
        auto encrypted = encrypted_docx(bytes, kind.id + ": " + kind.combined, options.password, diags);
        if (!encrypted) continue;
        bytes = std::move(*encrypted);
      }
      if (!folder->write(kind.combined, bytes, why))
        diags.error(Location{(dir / kind.id).string(), 0, 0, {}, {}, 0}, "cannot write " + kind.combined + ": " + why);
      else
        ++written;
    }
    staged.push_back(std::move(*folder));
  }
  for (const auto& a : options.allowed)
    if (!publication.allowed_used.count(a))
      diags.warning(Location{"--allow", 0, 0, {}, {}, 0}, "'" + a + "' let nothing through: no document of the run holds it where it would be a hit",
                    "check its spelling, or leave it out");
  if (diags.error_count() != errors_before) {
    written = 0;
    return false;  // the staging folders go when `staged` does: nothing is left behind
  }
  SignalsHeld held;
  cleanup.armed = false;
  for (auto& folder : staged) {
    std::string why;
    if (!folder.commit(why)) {
      diags.error(Location{folder.target().string(), 0, 0, {}, {}, 0}, why);
      return false;
    }
  }
  return true;
}

}  // namespace reviewkit::documents
