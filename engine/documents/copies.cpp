#include "copies.hpp"

#include <algorithm>

#include "common/csv.hpp"
#include "common/files.hpp"
#include "common/suggest.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"
#include "data/schema.hpp"
#include "documents/batch.hpp"
#include "templating/docx_template.hpp"

namespace reviewkit::documents {

namespace {

const data::Shape& recipient_shape() {
  static const data::Shape shape{"recipient",
                                 {
                                     {"name", data::text(), true, "who the copy is issued to, as they sign for it", {}},
                                     {"organisation", data::text(), true, "their organisation", {}},
                                     {"role", data::text(), false, "their job title", {}},
                                     {"email", data::email(), false, "their e-mail address", {}},
                                     {"phone", data::text(), false, "their telephone number", {}},
                                     {"address", data::text(), false, "their postal address, one line a line", {}},
                                 }};
  return shape;
}

struct Limit {
  const char* key;
  std::size_t characters;
  bool lines;  ///< line breaks allowed
};
constexpr Limit kLimits[] = {{"name", 120, false},  {"organisation", 160, false}, {"role", 160, false},
                             {"email", 254, false}, {"phone", 40, false},         {"address", 400, true}};

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// The scalar's text, without the line break YAML's | leaves at the end.
std::string value_of(const data::Node* n) {
  if (!n || !n->is_scalar()) return {};
  std::string s = n->scalar;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return trim(s);
}

// The limits and the characters a recipient's words may hold; problems at their places.
void check_words(const data::Node& item, Diagnostics& diags) {
  for (const auto& limit : kLimits) {
    const data::Node* n = item.get(limit.key);
    if (!n || !n->is_scalar()) continue;
    std::string v = value_of(n);
    if (characters(v) > limit.characters)
      diags.error(n->where(),
                  std::string("'") + limit.key + "' is " + std::to_string(characters(v)) + " characters long, more than the " +
                      std::to_string(limit.characters) + " a copy's marking can hold",
                  "shorten it");
    bool bad = false;
    for (unsigned char c : v)
      if ((c < 0x20 && !(limit.lines && c == '\n')) || c == 0x7F) bad = true;
    if (bad)
      diags.error(n->where(), std::string("'") + limit.key + "' holds a control character" + (limit.lines ? "" : " or a line break"),
                  limit.lines ? "remove it" : "write it on one line");
    if (std::string(limit.key) == "name" && v.empty())
      diags.error(n->where(), "'name' is empty", "write the name of the person the copy is issued to");
  }
}

CopyRecipient recipient_of(const data::Node& item, const std::string& source) {
  CopyRecipient r;
  r.name = value_of(item.get("name"));
  r.organisation = value_of(item.get("organisation"));
  r.role = value_of(item.get("role"));
  r.email = value_of(item.get("email"));
  r.phone = value_of(item.get("phone"));
  r.address = value_of(item.get("address"));
  r.source = source;
  return r;
}

std::string where_text(const data::Node& n) {
  Location w = n.where();
  return w.file + ":" + std::to_string(w.line) + ":" + std::to_string(w.column);
}

// Apostrophes as typed or as Word curls them, in small letters: for matching roles.
std::string plain(const std::string& s) {
  std::string out = change_case(s, LetterCase::Lower);
  for (std::size_t at; (at = out.find("\u2019")) != std::string::npos;) out.replace(at, 3, "'");
  return out;
}

bool head_of_legal(const CopyRecipient& r) {
  std::string role = plain(r.role);
  return role.find("legal") != std::string::npos;
}

bool director_of_childrens_services(const CopyRecipient& r) {
  std::string role = plain(r.role);
  return role.find("director of children's services") != std::string::npos ||
         role.find("director of children's social care") != std::string::npos ||
         role.find("director of children and") != std::string::npos;  // "Director of Children and Families"
}

}  // namespace

std::optional<std::vector<CopyRecipient>> read_recipients(const std::string& path, Diagnostics& diags) {
  Diagnostics mine;
  auto root = data::load_yaml_file(path, mine);
  std::vector<CopyRecipient> out;
  if (root) {
    const data::Node* list = root.get();
    // A map with `recipients:` is taken too, so that the file can carry a comment key beside it.
    if (root->is_map() && root->get("recipients")) list = root->get("recipients");
    if (!list->is_list()) {
      mine.error(list->where(), "the recipients must be a YAML list, one '- name: …' item a recipient",
                 "write each recipient as '- {name: …, organisation: …}' on its own line");
    } else if (list->items.empty()) {
      mine.error(list->where(), "the list of recipients is empty", "add at least one '- {name: …, organisation: …}'");
    } else {
      if (list->items.size() > kMaxCopies)
        mine.error(list->items[kMaxCopies]->where(),
                   "there are " + std::to_string(list->items.size()) + " recipients, more than the " +
                       std::to_string(kMaxCopies) + " numbered copies one register holds",
                   "hard copies are limited in number: make fewer, or split the list");
      data::IdTable ids;
      for (std::size_t i = 0; i < list->items.size() && i <= kMaxCopies; ++i) {
        const data::Node& item = *list->items[i];
        data::check(item, recipient_shape(), "recipients[" + std::to_string(i) + "]", ids, mine);
        if (!item.is_map()) continue;
        check_words(item, mine);
        out.push_back(recipient_of(item, where_text(item)));
      }
    }
  }
  diags.append(mine);
  if (!root || mine.has_errors()) return std::nullopt;
  return out;
}

std::optional<std::vector<CopyRecipient>> contacts_recipients(const data::Node& contacts, const std::vector<std::string>& keys,
                                                              Diagnostics& diags) {
  // Every contact, in the order written: maps as one, lists item by item.
  struct Found {
    std::string path;
    const data::Node* node;
  };
  std::vector<Found> every;
  std::vector<std::string> names;
  for (const auto& e : contacts.entries) {
    if (!e.value) continue;
    names.push_back(e.key);
    if (e.value->is_map()) every.push_back({"contacts." + e.key, e.value.get()});
    else if (e.value->is_list())
      for (std::size_t i = 0; i < e.value->items.size(); ++i)
        if (e.value->items[i]->is_map())
          every.push_back({"contacts." + e.key + "[" + std::to_string(i) + "]", e.value->items[i].get()});
  }
  std::vector<Found> chosen;
  bool ok = true;
  if (keys.empty()) {
    // 002: "Hard copies will be provided for Ofsted, the local authority's Head of Legal Services, and the
    // Executive Director of Children's Services."
    std::vector<CopyRecipient> all;
    for (const auto& f : every) all.push_back(recipient_of(*f.node, f.path));
    auto pick = [&](auto&& test, const char* who, const char* how) {
      for (std::size_t i = 0; i < every.size(); ++i)
        if (test(every[i], all[i])) {
          if (std::none_of(chosen.begin(), chosen.end(), [&](const Found& c) { return c.node == every[i].node; }))
            chosen.push_back(every[i]);
          return;
        }
      diags.warning(contacts.where(),
                    std::string("the case's contacts have no ") + who +
                        ", one of those Tameside's procedure (002) gives hard copies to: no copy is made for them",
                    std::string("add one ") + how + ", or choose the recipients with --contacts KEY,KEY or --to FILE");
    };
    pick([](const Found& f, const CopyRecipient&) { return f.path == "contacts.ofsted"; }, "Ofsted (contacts.ofsted)",
         "as contacts.ofsted");
    pick([](const Found&, const CopyRecipient& r) { return head_of_legal(r); },
         "head of legal services (a contact whose role names legal services)",
         "under contacts.others with role: Head of Legal Services");
    pick([](const Found&, const CopyRecipient& r) { return director_of_childrens_services(r); },
         "director of children's services (a contact whose role is Director of Children's Services)",
         "under contacts.board_members or contacts.others with role: Director of Children's Services");
    if (chosen.empty()) {
      diags.error(contacts.where(), "none of the contacts Tameside's procedure (002) gives hard copies to is in the case",
                  "choose the recipients with --contacts KEY,KEY (or --contacts all) or --to RECIPIENTS.yaml");
      return std::nullopt;
    }
  } else {
    for (const auto& key : keys) {
      if (key == "all") {
        for (const auto& f : every)
          if (std::none_of(chosen.begin(), chosen.end(), [&](const Found& c) { return c.node == f.node; })) chosen.push_back(f);
        continue;
      }
      const data::Node* n = data::find(contacts, key);
      if (!n || !(n->is_map() || n->is_list())) {
        std::string base = key.substr(0, key.find('['));
        std::string hint = did_you_mean(base, names);
        diags.error(contacts.where(), "--contacts names '" + key + "', which the case's contacts do not hold",
                    (hint.empty() ? std::string() : hint + "; ") + "the case's contacts are " + one_of(names) +
                        (n ? "" : " (a list's item as board_members[0], counted from 0)"));
        ok = false;
        continue;
      }
      for (const auto& f : every) {
        bool in = f.node == n || (n->is_list() && std::any_of(n->items.begin(), n->items.end(),
                                                              [&](const data::NodePtr& i) { return i.get() == f.node; }));
        if (in && std::none_of(chosen.begin(), chosen.end(), [&](const Found& c) { return c.node == f.node; }))
          chosen.push_back(f);
      }
    }
  }
  std::vector<CopyRecipient> out;
  for (const auto& f : chosen) {
    Diagnostics words;
    check_words(*f.node, words);
    if (!f.node->get("organisation") || value_of(f.node->get("organisation")).empty())
      words.error(f.node->where(), "'" + f.path + "' has no organisation, which a copy's marking names",
                  "add organisation: to the contact");
    if (words.has_errors()) ok = false;
    diags.append(words);
    out.push_back(recipient_of(*f.node, f.path));
  }
  if (out.size() > kMaxCopies) {
    diags.error(contacts.where(), std::to_string(out.size()) + " contacts are chosen, more than the " +
                                      std::to_string(kMaxCopies) + " numbered copies one register holds",
                "choose fewer with --contacts KEY,KEY");
    ok = false;
  }
  if (out.empty() && ok) {
    diags.error(contacts.where(), "--contacts chose no contact", "name the contacts, e.g. --contacts ofsted,board_members[0]");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::string copy_file_name(int number, std::size_t total, const std::string& name) {
  std::size_t width = std::max<std::size_t>(2, std::to_string(total).size());
  auto padded = [&](std::size_t n) {
    std::string s = std::to_string(n);
    return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
  };
  return safe_file_name("Copy " + padded(static_cast<std::size_t>(number)) + " of " + padded(total) + " - " + name) + ".pdf";
}

CopySet plan_copies(const std::vector<CopyRecipient>& recipients, const std::string& title, const std::string& document,
                    const Date& date) {
  CopySet set;
  set.title = title;
  set.document = document;
  set.date = date;
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    IssuedCopy c;
    c.number = static_cast<int>(i + 1);
    c.to = recipients[i];
    c.file = copy_file_name(c.number, recipients.size(), c.to.name);
    set.copies.push_back(std::move(c));
  }
  return set;
}

std::string copy_line(const IssuedCopy& copy, std::size_t total, const Date& date) {
  std::string who = copy.to.name;
  if (!copy.to.organisation.empty()) who += ", " + copy.to.organisation;
  return "Copy " + std::to_string(copy.number) + " of " + std::to_string(total) + " \u2014 issued to " + who + ", " +
         date.uk() + " \u2014 RESTRICTED";
}

std::string copy_diagonal(const IssuedCopy& copy, std::size_t total) {
  return "COPY " + std::to_string(copy.number) + " OF " + std::to_string(total) + " \u2014 RESTRICTED";
}

std::string readable_password() {
  // Letters and digits without 0 O 1 I L, which are read for each other.
  static const char symbols[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  static_assert(sizeof symbols - 1 == 31);
  std::string out;
  // 31 symbols: bytes of 248 (8 x 31) and above are drawn again, so that every symbol is as likely.
  while (out.size() < 23) {
    for (unsigned char c : random_bytes(32)) {
      if (c >= 248) continue;
      if (out.size() == 5 || out.size() == 11 || out.size() == 17) out += '-';
      out += symbols[c % 31];
      if (out.size() == 23) break;
    }
  }
  return out;
}

std::string contact_details(const CopyRecipient& r) {
  std::vector<std::string> parts;
  if (!r.email.empty()) parts.push_back(r.email);
  if (!r.phone.empty()) parts.push_back(r.phone);
  if (!r.address.empty()) {
    std::string a;
    std::size_t at = 0;
    while (at <= r.address.size()) {
      std::size_t nl = r.address.find('\n', at);
      if (nl == std::string::npos) nl = r.address.size();
      std::string line = trim(r.address.substr(at, nl - at));
      if (!line.empty()) a += (a.empty() ? "" : ", ") + line;
      at = nl + 1;
    }
    if (!a.empty()) parts.push_back(a);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string register_csv(const CopySet& set) {
  std::string out = kCsvBom;
  out += csv_line({"Sign-out register:", set.title});
  out += csv_line({"Document:", set.document});
  if (!set.reference.empty()) out += csv_line({"Reference:", set.reference});
  if (!set.board.empty()) out += csv_line({"Board:", set.board});
  out += csv_line({"Copies:", std::to_string(set.copies.size())});
  out += csv_line({"Marking:", "RESTRICTED"});
  out += "\r\n";
  out += csv_line({"Copy", "Issued to", "Role", "Organisation", "Contact details", "Date issued", "Signature", "Date returned"});
  for (const auto& c : set.copies)
    out += csv_line({std::to_string(c.number) + " of " + std::to_string(set.copies.size()), c.to.name, c.to.role,
                     c.to.organisation, contact_details(c.to), set.date.iso(), "", ""});
  return out;
}

std::string passwords_csv(const CopySet& set) {
  std::string out = kCsvBom;
  out += csv_line({"Note:", "Send each password separately from its copy (by telephone, or another message), never with it. "
                            "Keep this file as securely as the copies, and delete it once every password is sent."});
  out += "\r\n";
  out += csv_line({"Copy", "Issued to", "Organisation", "File", "Password"});
  for (const auto& c : set.copies)
    out += csv_line({std::to_string(c.number) + " of " + std::to_string(set.copies.size()), c.to.name, c.to.organisation,
                     c.file, c.password});
  return out;
}

std::optional<std::string> register_docx(const CopySet& set, Diagnostics& diags) {
  auto path = data_dir() / "templates" / "registers" / "copies-register.docx";
  auto tmpl = templating::DocxTemplate::load(path, diags);
  if (!tmpl || tmpl->has_errors()) return std::nullopt;
  auto data = data::Node::make_map();
  auto reg = data::Node::make_map();
  reg->set("title", data::Node::make_scalar(set.title));
  reg->set("document", data::Node::make_scalar(set.document));
  if (!set.reference.empty()) reg->set("reference", data::Node::make_scalar(set.reference));
  if (!set.board.empty()) reg->set("board", data::Node::make_scalar(set.board));
  reg->set("total", data::Node::make_scalar(std::to_string(set.copies.size())));
  reg->set("date", data::Node::make_scalar(set.date.uk()));
  data->set("register", reg);
  auto list = data::Node::make_list();
  for (const auto& c : set.copies) {
    auto item = data::Node::make_map();
    item->set("number", data::Node::make_scalar(std::to_string(c.number)));
    item->set("name", data::Node::make_scalar(c.to.name));
    // Empty values are left out: the template writes them | default: "".
    if (!c.to.role.empty()) item->set("role", data::Node::make_scalar(c.to.role));
    if (!c.to.organisation.empty()) item->set("organisation", data::Node::make_scalar(c.to.organisation));
    std::string contact;
    for (const auto& part : {c.to.email, c.to.phone, c.to.address})
      if (!part.empty()) contact += (contact.empty() ? "" : "\n") + part;
    if (!contact.empty()) item->set("contact", data::Node::make_scalar(contact));
    item->set("date", data::Node::make_scalar(set.date.uk()));
    list->items.push_back(item);
  }
  data->set("copies", list);
  templating::FillOptions options;
  options.label = "the sign-out register";
  return tmpl->fill(*data, options, diags);
}

}  // namespace reviewkit::documents
