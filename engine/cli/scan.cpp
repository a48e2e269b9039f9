// reviewkit scan DOC... --case CASE.yaml [--json]: what in documents could identify the family.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <ostream>

#include "casefile/case.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "documents.hpp"
#include "scan.hpp"
#include "scan/scan.hpp"
#include "security/encryption.hpp"

namespace reviewkit::cli {

namespace fs = std::filesystem;

std::vector<scan::Identifier> case_identifiers(const casefile::Case& c) {
  std::vector<scan::Identifier> out;
  auto add = [&](std::vector<scan::Identifier> more) { out.insert(out.end(), more.begin(), more.end()); };
  for (const casefile::Person* p : c.people()) {
    std::string who = p->pseudonym.empty() ? p->id : p->pseudonym;
    if (!p->name.empty()) add(scan::name_identifiers(p->name, who, who));
    if (p->date_of_birth)
      add(scan::date_identifiers(p->date_of_birth->year, p->date_of_birth->month, p->date_of_birth->day, "the date of birth of " + who,
                                 "give an age or the year instead"));
    const data::Node* n = p->node;
    if (!n) continue;
    if (const data::Node* a = n->get("address"); a && a->is_scalar()) {
      // The first line (the house and the street) and any line with a number identify the home; a
      // town's name alone does not, and is a word published reports use for other things.
      std::string line;
      bool first = true;
      for (char ch : a->scalar + "\n") {
        if (ch == '\n') {
          while (!line.empty() && (line.back() == ' ' || line.back() == ',')) line.pop_back();
          bool numbered = std::any_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; });
          if (line.size() >= 6 && (first || numbered)) {
            out.push_back({line, "part of the address of " + who + " ('" + line + "')", "remove it: no published document gives an address", true});
          } else if (line.size() >= 3) {  // the town: told only with an uncommon ethnicity in the same document
            scan::Identifier town{line, "the town where " + who + " lived ('" + line + "')", "", false};
            town.place = town.silent = true;
            out.push_back(town);
          }
          if (!line.empty()) first = false;
          line.clear();
        } else {
          line += ch;
        }
      }
    }
    // An ethnicity most people in England do not share (all but White British: 74 % in the 2021
    // census) identifies the family together with the name of a place.
    if (const data::Node* e = n->get("ethnicity"); e && e->is_scalar()) {
      std::string ethnicity = trim(e->text());
      std::string l = ascii_lower(ethnicity);
      if (ethnicity.size() >= 3 && l != "white british" && l != "white english" && l != "british" && l != "english" && l != "not recorded" &&
          l != "unknown" && l != "not known") {
        scan::Identifier id{ethnicity, "the ethnicity of " + who + " ('" + ethnicity + "') in a document that also names a place: together they can identify the family",
                            "leave out the ethnicity or the place, or say in the report why both are needed", false};
        id.with_a_place = true;
        out.push_back(id);
      }
    }
    for (const char* key : {"phone", "email"})
      if (const data::Node* v = n->get(key); v && v->is_scalar() && v->scalar.size() >= 6)
        out.push_back({v->scalar,
                       std::string(key == std::string("phone") ? "the phone number" : "the e-mail address") + " of " + who + " ('" + v->scalar + "')",
                       "remove it", true});
  }
  for (const auto& pro : c.professionals)
    if (!pro.name.empty()) add(scan::name_identifiers(pro.name, "professional " + pro.role_code, pro.role_code));
  std::vector<const casefile::PanelPerson*> panel{&c.board_chair, &c.panel_chair, &c.author};
  for (const auto& m : c.panel_members) panel.push_back(&m);
  for (const auto* m : panel)
    if (!m->name.empty() && !m->named_in_publication) {
      std::string title = m->job_title.empty() ? "their job title" : m->job_title;
      add(scan::name_identifiers(m->name, title + " (not named in publication)", title));
    }
  for (const auto& place : c.places)
    if (!place.name.empty())
    {
      out.push_back({place.name, "the name of " + (place.pseudonym.empty() ? place.id : place.pseudonym) + " ('" + place.name + "')",
                     "write '" + place.pseudonym + "'", true, 0, false, place.pseudonym});
      out.back().place = true;
    }
  // The board's own address, and the addresses, e-mail addresses and phone numbers of its contacts, may be published.
  auto publishable_lines = [&](const data::Node* n) {
    if (!n || !n->is_scalar()) return;
    std::string line;
    for (char ch : n->scalar + "\n") {
      if (ch == '\n') {
        while (!line.empty() && (line.back() == ' ' || line.back() == ',')) line.pop_back();
        if (line.size() >= 5) out.push_back({line, "", "", false, 0, true});
        line.clear();
      } else {
        line += ch;
      }
    }
  };
  if (c.board.node) publishable_lines(c.board.node->get("address"));
  if (const data::Node* contacts = c.data ? c.data->get("contacts") : nullptr; contacts && contacts->is_map())
    for (const auto& e : contacts->entries) {
      std::vector<const data::Node*> each;
      if (e.value && e.value->is_list())
        for (const auto& item : e.value->items) each.push_back(item.get());
      else
        each.push_back(e.value.get());
      // Contacts are offices (the board's, Ofsted's, the coroner's court, the National Panel): their
      // addresses are public, and a report may give them.
      for (const data::Node* contact : each)
        if (contact && contact->is_map())
          for (const char* field : {"email", "phone", "address"}) publishable_lines(contact->get(field));
    }
  // Details that identify the child together with others: the exact date of death.
  if (c.child.died) {
    auto d = *c.child.died;
    for (auto& id : scan::date_identifiers(d.year, d.month, d.day, "the exact date of the child's death (it identifies the child together with other details)",
                                           "give the month and year"))
      if (id.text.find(std::to_string(d.year)) != std::string::npos) {  // with its year: a bare "15 January" is common
        id.error = false;
        out.push_back(id);
      }
  }
  // Initials that are also the abbreviations reports use (a role code's letters, GP, HV) are not
  // looked for without their dots.
  std::set<std::string> abbreviations{"GP", "HV", "SW", "PC", "DS", "DC", "DI", "CP", "MP", "UK", "ED", "AE", "IT", "ID", "ST", "NB",
                                      "RS", "TM", "FW", "YOT", "CSC", "ICB", "NHS", "MS", "DR", "OK", "AM", "PM", "TV"};
  for (const auto& pro : c.professionals) {
    std::string letters;
    for (char ch : pro.role_code)
      if (std::isalpha(static_cast<unsigned char>(ch))) letters += ch;
    abbreviations.insert(letters);
  }
  out.erase(std::remove_if(out.begin(), out.end(), [&](const scan::Identifier& id) { return id.needs_context && abbreviations.count(id.text); }),
            out.end());
  // One identifier for one text: a surname the family shares is told as theirs together.
  std::vector<scan::Identifier> merged;
  std::map<std::string, std::size_t> at;
  std::map<std::string, std::vector<std::string>> whose;
  for (auto& id : out) {
    if (id.publishable) {
      merged.push_back(id);
      continue;
    }
    std::string key;
    for (char ch : id.text) key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto it = at.find(key);
    std::string who = id.hint.rfind("write '", 0) == 0 ? id.hint.substr(7, id.hint.size() - 8) : std::string();
    if (it == at.end()) {
      at[key] = merged.size();
      whose[key] = {who};
      merged.push_back(id);
      continue;
    }
    auto& names = whose[key];
    scan::Identifier& first = merged[it->second];
    bool first_named = !names.empty() && !names.front().empty();
    if (!who.empty() && !first_named) {  // an address line that is also a place: the place's pseudonym helps more
      first = id;
      names = {who};
      continue;
    }
    if (who.empty() || !first_named || std::find(names.begin(), names.end(), who) != names.end()) continue;
    names.push_back(who);
    scan::Identifier& m = merged[it->second];
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) list += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    m.what = "a name of " + list + " ('" + id.text + "')";
    m.hint = "write the pseudonym of the one meant";
    m.replacement.clear();  // which of them is meant only the author knows
    m.shared = true;
    m.error = m.error || id.error;
  }
  return merged;
}

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20) {
      const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else out += static_cast<char>(c);
  }
  return out + "\"";
}

}  // namespace

int scan_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"--case", "--today", "--password-file"}, {"--json"}, "scan", err);
  if (!p.ok) return kUsage;
  auto usage = [&](const std::string& what) {
    err << "reviewkit scan: error: " << what << " (usage: reviewkit scan DOC... --case CASE.yaml [--json] [--password-file FILE])\n";
    return kUsage;
  };
  if (p.positional.empty()) return usage("expected one or more documents (.docx, .pdf, .txt)");
  const std::string* case_file = p.option("--case");
  if (!case_file) return usage("--case CASE.yaml is required: the case says whose names to look for");
  Date as_of = today();
  if (!today_option(p, "scan", err, as_of)) return kUsage;
  Diagnostics loading;
  auto kase = casefile::load_case(*case_file, loading, as_of);
  if (!kase || loading.has_errors()) {
    loading.print(err);
    err << *case_file << ": " << count_problems(loading) << "; fix them and run reviewkit scan again\n";
    return kInputProblem;
  }
  auto ids = case_identifiers(*kase);
  int password_status = 1;
  auto password = read_password(p, "scan", err, password_status, false);  // for encrypted PDFs and .docx; never asked for
  if (!password) return password_status;
  Diagnostics found;
  for (const auto& doc : p.positional) {
    std::string why;
    auto bytes = read_file(doc, why);
    if (!bytes) {
      found.error(Location{doc, 0, 0, {}, {}, 0}, "cannot read the file: " + why);
      continue;
    }
    std::string ext = fs::path(doc).extension().string();
    for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::vector<scan::Span> spans;
    // What a file is, by its content rather than its name: a .docx renamed .doc is still read, and
    // a file reviewkit cannot read is an error, never a clean result.
    auto starts = [&](std::string_view magic) { return bytes->compare(0, magic.size(), magic) == 0; };
    bool office = security::is_encrypted_office_file(*bytes);
    bool binary = !office && bytes->find('\0') != std::string::npos && !starts("\xFF\xFE") && !starts("\xFE\xFF");
    if (office || starts("PK") || ext == ".docx" || ext == ".docm" || ext == ".dotx") {
      if (office && !password->empty()) {  // Word's Encrypt with Password
        auto plain = security::decrypt_office_package(*bytes, *password, why);
        if (!plain) {
          found.error(Location{doc, 0, 0, {}, {}, 0}, "cannot be opened: " + why, "give the document's password with --password-file FILE");
          continue;
        }
        *bytes = std::move(*plain);
      }
      spans = scan::docx_spans(*bytes, doc, why);
      if (spans.empty() && !why.empty()) {
        found.error(Location{doc, 0, 0, {}, {}, 0}, "cannot be read as a Word document: " + why,
                    office ? "give its password with --password-file FILE or $REVIEWKIT_PASSWORD"
                           : "save it from Word (or LibreOffice) as a Word document (.docx), then scan that");
        continue;
      }
    } else if (starts("%PDF-") || ext == ".pdf") {
      spans = scan::pdf_spans(*bytes, doc, why, *password, &found);
      if (spans.empty() && !why.empty()) {
        found.error(Location{doc, 0, 0, {}, {}, 0}, "cannot be read as a PDF: " + why);
        continue;
      }
    } else if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
      found.error(Location{doc, 0, 0, {}, {}, 0}, "is an old binary Office file (.doc, .xls, .ppt), which reviewkit cannot read",
                  "save it as a Word document (.docx) and scan that");
      continue;
    } else if (binary) {
      found.error(Location{doc, 0, 0, {}, {}, 0}, "is not a kind of file reviewkit can read (a picture, a spreadsheet or another binary file)",
                  "scan the Word document or PDF it came from; reviewkit scan reads .docx, .pdf and plain text");
      continue;
    } else {
      spans = scan::text_spans(*bytes, doc);
    }
    scan::scan_spans(spans, ids, found);
  }
  if (p.option("--json")) {
    out << "[";
    bool first = true;
    for (const auto& d : found.items()) {
      out << (first ? "\n" : ",\n") << "  {\"file\": " << json_string(d.where.file) << ", \"place\": " << json_string(d.where.part)
          << ", \"line\": " << d.where.line << ", \"severity\": " << json_string(d.severity == Severity::Error ? "error" : "warning")
          << ", \"message\": " << json_string(d.message) << ", \"hint\": " << json_string(d.hint)
          << ", \"text\": " << json_string(d.where.excerpt) << "}";
      first = false;
    }
    out << (first ? "]\n" : "\n]\n");
  } else {
    for (const auto& d : found.items()) out << format(d) << "\n";
    out << "reviewkit scan: " << p.positional.size() << (p.positional.size() == 1 ? " document" : " documents") << ", "
        << (found.empty() ? std::string("nothing found that could identify the family") : count_problems(found)) << "\n";
  }
  return found.has_errors() ? kInputProblem : kDone;
}

}  // namespace reviewkit::cli
