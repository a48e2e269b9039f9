#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <set>

#include <unistd.h>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/suggest.hpp"
#include "documents.hpp"
#include "templating/docx_template.hpp"
#include "expressions/expression.hpp"

namespace reviewkit::cli {

namespace fs = std::filesystem;

namespace {

// A name every filesystem accepts: no separators or reserved characters, no trailing dots or
// spaces, not a Windows device name, at most 120 bytes.
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
  std::string upper;
  for (char c : out.substr(0, out.find('.'))) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static const std::set<std::string> reserved = {"CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4",
                                                 "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3",
                                                 "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
  if (reserved.count(upper)) out = "_" + out;
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string padded(std::size_t n, std::size_t width) {
  std::string s = std::to_string(n);
  return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

// Who a letter is for, in messages: "letter 3 (agencies[2], Northbrook Police)".
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

struct Progress {
  bool on;
  std::size_t total;
  void show(std::size_t done) const {
    if (!on) return;
    const int width = 30;
    int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '=')
              << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done << "/" << total << " letters"
              << std::flush;
    if (done == total) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
  }
};

}  // namespace

int letters_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--each", "--as", "--name", "--combined", "--format", "--today", "--where",
                                    "--password-file", "--assets"},
                             {"--force", "--lenient", "--pdf", "--encrypt"}, "letters", err);
  if (!p.ok) return 2;
  auto usage = [&](const std::string& message) {
    err << "reviewkit letters: error: " << message
        << " (usage: reviewkit letters TEMPLATE.docx DATA.yaml --each PATH -o DIR)\n";
    return 2;
  };
  if (p.positional.size() != 2) return usage("expected a template and a data file, got " + std::to_string(p.positional.size()));
  const std::string* each = p.option("--each");
  if (!each) return usage("say which list the letters go to with --each, for example --each agencies");
  const std::string* dir_option = p.option("-o") ? p.option("-o") : p.option("--output");
  const std::string* combined_path = p.option("--combined");
  if (!dir_option && !combined_path) return usage("say where to write the letters with -o DIR, --combined FILE.docx, or both");
  std::string as = p.option("--as") ? *p.option("--as") : "recipient";
  if ((dir_option && *dir_option == "-") || (combined_path && *combined_path == "-"))
    return usage("-o - (standard output) takes one document, and letters writes one for each recipient: give a "
                 "folder with -o DIR, or a file with --combined FILE.docx");
  std::string combined_ext = combined_path ? lower_extension(*combined_path) : "";
  if (combined_path && combined_ext != ".docx" && combined_ext != ".pdf")
    return usage("--combined must name a .docx or a .pdf file, not '" + *combined_path + "'");
  // Without -o only the combined document is written, so its extension is the format.
  auto formats = output_formats(p, "letters", err, !dir_option && combined_ext == ".pdf" ? "pdf" : "docx");
  if (!formats) return 2;
  if (p.option("--encrypt") && combined_ext == ".docx")
    return usage("--encrypt protects PDF output only, and --combined " + *combined_path +
                 " would be an unprotected .docx: name a .pdf for the combined document");
  int password_status = 0;
  auto password = encryption_password(p, "letters", err, password_status);
  if (!password) return password_status;
  pdf::FontBook fonts;  // found and measured once for the whole batch
  const Outputs outputs{*formats, *password, false, &fonts};
  const bool want_docx = std::find(formats->begin(), formats->end(), "docx") != formats->end();
  const bool want_pdf = std::find(formats->begin(), formats->end(), "pdf") != formats->end();
  Date as_of = today();
  if (!today_option(p, "letters", err, as_of)) return 2;
  bool force = p.option("--force") != nullptr;

  Diagnostics diags;
  auto tmpl = templating::DocxTemplate::load(p.positional[0], diags);
  auto data = load_template_data(p.positional[1], as_of, diags);
  if (!tmpl || !data) {
    diags.print(err);
    err << "reviewkit letters: " << count_problems(diags) << "; no letter was written\n";
    return 1;
  }
  // The recipients: the items of each list named by --each (comma-separated), or a single map.
  struct Recipient {
    const data::Node* node;
    std::string path;
  };
  std::vector<Recipient> recipients;
  std::size_t at = 0;
  while (at <= each->size()) {
    std::size_t comma = each->find(',', at);
    if (comma == std::string::npos) comma = each->size();
    std::string path = each->substr(at, comma - at);
    while (!path.empty() && path.front() == ' ') path.erase(0, 1);
    while (!path.empty() && path.back() == ' ') path.pop_back();
    at = comma + 1;
    const data::Node* found = path.empty() ? nullptr : data::find(*data, path);
    if (found && found->is_list()) {
      for (std::size_t i = 0; i < found->items.size(); ++i)
        recipients.push_back({found->items[i].get(), path + "[" + std::to_string(i) + "]"});
      continue;
    }
    if (found && found->is_map()) {
      recipients.push_back({found, path});
      continue;
    }
    std::string what = !found ? "does not exist in " + p.positional[1]
                              : "is " + std::string(found->is_null() ? "empty" : "a single value") + ", not a list or a map";
    std::vector<std::string> candidates;
    for (const auto& e : data->entries)
      if (e.value->is_list() || e.value->is_map()) candidates.push_back(e.key);
    std::string hint = candidates.empty() ? "" : did_you_mean(path, candidates);
    if (hint.empty() && !candidates.empty()) hint = "the lists and maps at the top of the data are " + one_of(candidates);
    err << p.positional[1] << ": error: --each " << *each << ": '" << path << "' " << what
        << (hint.empty() ? "" : " (" + hint + ")") << "\n";
    return 1;
  }
  // The items that get a letter: all of them, or those --where selects.
  std::vector<std::size_t> chosen;
  if (const std::string* where = p.option("--where")) {
    std::string error;
    auto condition = expressions::parse_expression(*where, error);
    if (!condition) return usage("--where: " + error);
    for (std::size_t i = 0; i < recipients.size(); ++i) {
      expressions::Scope scope(data.get());
      scope.push({{as, expressions::Value::of(recipients[i].node, as)}});
      auto ev = expressions::evaluate(*condition, scope);
      if (!ev.error.empty() || ev.value.kind == expressions::Value::Missing) {
        std::string problem = !ev.error.empty() ? ev.error : "unknown variable '" + ev.value.path + "'" +
                                                                 (ev.hint.empty() ? "" : " (" + ev.hint + ")");
        err << p.positional[1] << ": error: --where " << *where << ": "
            << describe_recipient(i + 1, recipients[i].path, *recipients[i].node) << ": " << problem
            << " (to test whether a field is there, write '" << as << ".FIELD is defined')\n";
        return 1;
      }
      if (ev.value.truthy()) chosen.push_back(i);
    }
  } else {
    for (std::size_t i = 0; i < recipients.size(); ++i) chosen.push_back(i);
  }
  const std::size_t total = chosen.size();
  if (total == 0) {
    err << p.positional[1] << ": error: --each " << *each << ": "
        << (recipients.empty() ? "the list is empty" : "--where leaves no item") << ", so there is no letter to write\n";
    return 1;
  }

  // The outputs: refused before any work when they cannot be written.
  fs::path dir = dir_option ? without_trailing_slash(*dir_option) : fs::path();
  bool combined_refused = false;
  if (combined_path) {
    if (auto problem = output_problem(*combined_path, force)) {
      err << *combined_path << ": error: " << *problem << "\n";
      combined_refused = true;  // the folder is checked too, so both problems are told at once
    }
  }
  // Names first, so that clashes are settled before anything is written.
  std::vector<std::string> names;
  std::set<std::string> taken;
  std::size_t width = std::to_string(total).size();
  const std::string* pattern = p.option("--name");
  for (std::size_t i = 0; i < total; ++i) {
    const data::Node& item = *recipients[chosen[i]].node;
    std::string base = padded(i + 1, width);
    if (pattern) {
      expressions::Scope scope(data.get());
      scope.push({{as, expressions::Value::of(&item, as)}});
      std::string error;
      auto rendered = expressions::render_text(*pattern, scope, error);
      if (!rendered) {
        diags.error(Location{p.positional[1], 0, 0, {}, {}, 0},
                    describe_recipient(i + 1, recipients[chosen[i]].path, item) + ": " + error,
                    "check --name");
        continue;
      }
      base = safe_file_name(*rendered);
      if (base.empty()) base = padded(i + 1, width);
    }
    std::string name = base;
    for (int n = 2; taken.count(lower(name)); ++n) name = base + " (" + std::to_string(n) + ")";
    taken.insert(lower(name));
    names.push_back(name);
  }

  // The combined document must not be one of the letters (the letter would replace it).
  if (combined_path && dir_option) {
    std::error_code same_ec;
    fs::path combined_dir = fs::weakly_canonical(fs::absolute(*combined_path).parent_path(), same_ec);
    fs::path letters_dir = fs::weakly_canonical(fs::absolute(dir), same_ec);
    std::string combined_name = lower(fs::path(*combined_path).filename().string());
    for (const auto& name : names)
      for (const auto& f : *formats)
        if (combined_dir == letters_dir && combined_name == lower(name + "." + f))
          return usage("--combined " + *combined_path + " is also the name of a letter in " + dir.string() +
                       "; give the combined document another name or folder");
  }
  // Letters go to a private staging folder and are moved into place only when every one was filled;
  // the folder is locked against other runs until then.
  std::optional<StagedFolder> staging;
  if (dir_option) {
    std::string why;
    std::vector<std::string> notes;
    auto opened = StagedFolder::open(dir, force, why, notes);
    for (const auto& n : notes) err << "reviewkit letters: " << n << "\n";
    if (opened) staging.emplace(std::move(*opened));
    if (!staging) {
      err << dir.string() << ": error: " << why << "\n";
      return 1;
    }
  }
  if (combined_refused) return 1;
  std::optional<templating::DocxTemplate::Combined> combined;
  if (combined_path) combined.emplace(tmpl);

  auto started = std::chrono::steady_clock::now();
  Progress progress{&err == &std::cerr && isatty(STDERR_FILENO) == 1, total};
  std::vector<std::string> failed;
  bool write_failed = false;
  for (std::size_t i = 0; i < total && !write_failed; ++i) {
    const data::Node& item = *recipients[chosen[i]].node;
    const std::string& path = recipients[chosen[i]].path;
    templating::FillOptions options;
    options.lenient = p.option("--lenient") != nullptr;
    options.bindings = {{as, &item}};
    options.label = describe_recipient(i + 1, path, item);
    options.image_base = fs::path(p.positional[1]).parent_path();
    options.image_roots = {fs::path(p.positional[0]).parent_path()};
    if (const std::string* assets = p.option("--assets")) options.image_roots.push_back(*assets);
    bool ok = true;
    if (staging && names.size() == total) {
      auto bytes = tmpl->fill(*data, options, diags);
      if (!bytes) {
        ok = false;
      } else if (failed.empty()) {
        // The staging folder is what makes the run all or nothing, so each file is written directly.
        auto put = [&](const std::string& file_name, const std::string& content) {
          std::string why;
          if (!staging->write(file_name, content, why)) {
            err << dir.string() << ": error: " << why << "\n";
            write_failed = true;
          }
        };
        if (want_docx) put(names[i] + ".docx", *bytes);
        if (want_pdf && !write_failed) {
          auto pdf = pdf_of(*bytes, outputs, data.get(), options.label, diags);
          if (pdf) put(names[i] + ".pdf", *pdf);
          else ok = false;
        }
      }
    }
    if (combined && ok) {
      Diagnostics combined_diags;  // the same problems as above: report them once
      ok = combined->add(*data, options, dir_option ? combined_diags : diags);
    }
    if (!ok) failed.push_back(options.label);
    progress.show(i + 1);
  }
  diags.print(err);
  if (!failed.empty() || write_failed || diags.has_errors()) {
    if (tmpl->has_errors()) {
      err << "reviewkit letters: " << count_problems(diags) << " (the template has errors); no letter was written\n";
    } else if (!failed.empty()) {
      err << "reviewkit letters: no letter was written: " << failed.size() << " of " << total << " could not be filled:";
      for (const auto& f : failed) err << "\n  " << f;
      err << "\n";
    } else if (!write_failed) {
      err << "reviewkit letters: " << count_problems(diags) << "; no letter was written\n";
    }
    return 1;
  }
  StagedFiles combined_file;
  if (combined_path) {
    std::string why, bytes = combined->finish();
    if (combined_ext == ".pdf") {
      Diagnostics pdf_diags;
      auto pdf = pdf_of(bytes, outputs, data.get(), *combined_path, pdf_diags);
      pdf_diags.print(err);
      if (!pdf) {
        err << "reviewkit letters: the combined PDF could not be made; no letter was written\n";
        return 1;
      }
      bytes = std::move(*pdf);
    }
    if (!combined_file.add(*combined_path, bytes, why)) {
      err << *combined_path << ": error: cannot write the combined document: " << why << "; no letter was written\n";
      return 1;
    }
  }
  // The combined document and the folder are one output: both appear, or neither (and a file
  // either replaced comes back).
  std::string why;
  SignalsHeld held;
  if (combined_path && !combined_file.commit(force, why)) {
    err << "reviewkit letters: error: " << why << "; no letter was written\n";
    return 1;
  }
  if (staging && !staging->commit(why)) {
    if (combined_path) combined_file.undo();
    err << dir.string() << ": error: " << why << "; no letter was written\n";
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s", seconds);
  out << "wrote " << total << " letter" << (total == 1 ? "" : "s");
  if (dir_option) out << " to " << dir.string() << "/";
  if (combined_path) out << (dir_option ? " and " : " to ") << *combined_path;
  out << " in " << rate << "\n";
  return 0;
}

}  // namespace reviewkit::cli
