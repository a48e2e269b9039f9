#include "columns.hpp"

#include <algorithm>

#include "common/files.hpp"
#include "common/suggest.hpp"
#include "data/node.hpp"
#include "data/schema.hpp"

namespace reviewkit::chronology {

namespace fs = std::filesystem;

namespace {

struct Kinds {
  ColumnKind kind;
  const char* name;
};
const Kinds kKinds[] = {
    {ColumnKind::Date, "date"},   {ColumnKind::Time, "time"},       {ColumnKind::DateTime, "date-time"},
    {ColumnKind::Agency, "agency"}, {ColumnKind::Subjects, "subjects"}, {ColumnKind::Age, "age"},
    {ColumnKind::YesNo, "yes-no"}, {ColumnKind::Staff, "staff"},     {ColumnKind::Text, "text"},
};

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (const auto& k : kKinds) out.push_back(k.name);
  return out;
}

// The case file's chronology fields a column may fill (casefile/schema.cpp, chronology entry).
const std::vector<std::string>& entry_fields() {
  static const std::vector<std::string> fields = {"date",  "time",    "agency",   "subjects", "age",
                                                  "child_seen", "seen_alone", "wishes_and_feelings",
                                                  "source", "staff",   "event",    "response", "comment"};
  return fields;
}

// The shapes of the file, built once: a column, a set, the file.
struct Shapes {
  data::Shape column{"column", {}}, set{"column set", {}}, root{"column sets file", {}};
  Shapes() {
    column.fields = {
        {"heading", data::text(), true, "the heading, in the source's words"},
        {"group", data::text(), false, "the first heading row's words over the column"},
        {"field", data::choice(entry_fields()), true, "the case file's chronology field the column fills"},
        {"kind", data::choice(kind_names()), true, "what the cells hold"},
        {"mandatory", data::boolean(), false, "true when every entry must fill the cell"},
        {"contact_type", data::choice({"with-child", "with-parents-carers", "inter-agency", "intra-agency"}), false,
         "what the column says of the contact"},
        {"rule", data::text(), false, "the source's rule for the column"},
    };
    set.fields = {
        {"title", data::text(), true, "what the set is, with its source"},
        {"source", data::text(), true, "the source and its section: '004 e'"},
        {"header", data::list_of(data::text()), false, "the fields above the table"},
        {"columns", data::list_of(data::map_of(column)), true, "the table's columns, in order"},
        {"rules", data::list_of(data::text()), false, "the source's rules for the whole chronology"},
    };
    root.fields = {{"sets", data::any(), true, "the column sets, each under its name"}};
  }
};

const Shapes& shapes() {
  static const Shapes s;
  return s;
}

std::string str(const data::Node* map, const char* key) {
  const data::Node* n = map ? map->get(key) : nullptr;
  return n ? n->text() : std::string();
}

}  // namespace

const char* kind_name(ColumnKind k) {
  for (const auto& entry : kKinds)
    if (entry.kind == k) return entry.name;
  return "text";
}

bool ColumnSet::two_heading_rows() const {
  return std::any_of(columns.begin(), columns.end(), [](const Column& c) { return !c.group.empty(); });
}

const ColumnSet* ColumnSets::find(const std::string& name) const {
  for (const auto& s : sets)
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<std::string> ColumnSets::names() const {
  std::vector<std::string> out;
  for (const auto& s : sets) out.push_back(s.name);
  return out;
}

std::optional<ColumnSets> load_column_sets(const fs::path& file, Diagnostics& diags) {
  std::size_t before = diags.error_count();
  auto root = data::load_yaml_file(file.string(), diags);
  if (!root) return std::nullopt;
  data::IdTable unused;
  data::check(*root, shapes().root, "", unused, diags);
  const data::Node* sets = root->is_map() ? root->get("sets") : nullptr;
  if (sets && !sets->is_map()) diags.error(sets->where(), "'sets' must be a map: each column set under its name");
  ColumnSets out;
  if (sets && sets->is_map()) {
    for (const auto& e : sets->entries) {
      data::check(*e.value, shapes().set, "sets." + e.key, unused, diags);
      if (!e.value->is_map()) continue;
      ColumnSet set;
      set.name = e.key;
      set.title = str(e.value.get(), "title");
      set.source = str(e.value.get(), "source");
      if (const data::Node* header = e.value->get("header"); header && header->is_list())
        for (const auto& h : header->items) set.header.push_back(h->text());
      if (const data::Node* rules = e.value->get("rules"); rules && rules->is_list())
        for (const auto& r : rules->items) set.rules.push_back(r->text());
      std::vector<std::string> headings;
      if (const data::Node* columns = e.value->get("columns"); columns && columns->is_list()) {
        for (const auto& c : columns->items) {
          Column col;
          col.heading = str(c.get(), "heading");
          col.group = str(c.get(), "group");
          col.field = str(c.get(), "field");
          std::string kind = str(c.get(), "kind");
          for (const auto& k : kKinds)
            if (kind == k.name) col.kind = k.kind;
          col.mandatory = data::parse_bool(str(c.get(), "mandatory")).value_or(false);
          col.contact_type = str(c.get(), "contact_type");
          col.rule = str(c.get(), "rule");
          std::string key = col.group + "\n" + col.heading;
          if (std::find(headings.begin(), headings.end(), key) != headings.end())
            diags.error(c->where(), "set '" + e.key + "' has the heading '" + col.heading + "' twice",
                        "returns are read by their headings: each must be its own");
          headings.push_back(key);
          set.columns.push_back(std::move(col));
        }
      }
      if (std::none_of(set.columns.begin(), set.columns.end(), [](const Column& c) { return c.field == "date"; }))
        diags.error(e.value->where(), "set '" + e.key + "' has no column for the date",
                    "every entry is placed by its date: add a column with field: date");
      out.sets.push_back(std::move(set));
    }
  }
  if (diags.error_count() != before) return std::nullopt;
  return out;
}

fs::path default_column_sets_file() { return data_dir() / "templates" / "chronology" / "columns.yaml"; }

}  // namespace reviewkit::chronology
