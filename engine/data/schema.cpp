#include "schema.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/date.hpp"
#include "common/suggest.hpp"

namespace reviewkit::data {

const Field* Shape::field(std::string_view key) const {
  for (const auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

FieldType text() { return {Type::Text, {}, {}, nullptr, nullptr}; }
FieldType date() { return {Type::Date, {}, {}, nullptr, nullptr}; }
FieldType time_of_day() { return {Type::Time, {}, {}, nullptr, nullptr}; }
FieldType boolean() { return {Type::Bool, {}, {}, nullptr, nullptr}; }
FieldType integer() { return {Type::Integer, {}, {}, nullptr, nullptr}; }
FieldType email() { return {Type::Email, {}, {}, nullptr, nullptr}; }
FieldType choice(std::vector<std::string> choices) { return {Type::Choice, std::move(choices), {}, nullptr, nullptr}; }
FieldType id(std::string space) { return {Type::Id, {}, std::move(space), nullptr, nullptr}; }
FieldType ref(std::string space) { return {Type::Ref, {}, std::move(space), nullptr, nullptr}; }
FieldType map_of(const Shape& shape) { return {Type::Map, {}, {}, &shape, nullptr}; }
FieldType list_of(FieldType item) {
  return {Type::List, {}, {}, nullptr, std::make_shared<const FieldType>(std::move(item))};
}
FieldType any() { return {Type::Any, {}, {}, nullptr, nullptr}; }

bool IdTable::has(const std::string& space, const std::string& name) const {
  auto it = spaces.find(space);
  if (it == spaces.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const Definition& d) { return d.id == name; });
}

std::vector<std::string> IdTable::ids(const std::string& space) const {
  std::vector<std::string> out;
  if (auto it = spaces.find(space); it != spaces.end())
    for (const auto& d : it->second) out.push_back(d.id);
  return out;
}

std::string describe(const FieldType& t) {
  switch (t.type) {
    case Type::Text: return "text";
    case Type::Date: return "a date written YYYY-MM-DD";
    case Type::Time: return "a time written HH:MM (24-hour clock)";
    case Type::Bool: return "true or false";
    case Type::Integer: return "a whole number";
    case Type::Email: return "an e-mail address";
    case Type::Choice: return "one of " + one_of(t.choices);
    case Type::Id: return "a short unique name";
    case Type::Ref: return "the id of a " + t.space;
    case Type::Map: return "a map of " + (t.shape ? t.shape->name : std::string("fields"));
    case Type::List: return "a list of " + (t.item ? describe(*t.item) : std::string("values"));
    case Type::Any: return "anything";
  }
  return "a value";
}

namespace {

std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string what_it_is(const Node& n) {
  switch (n.kind) {
    case Kind::Null: return "empty";
    case Kind::Scalar: return "'" + n.scalar + "'";
    case Kind::List: return "a list";
    case Kind::Map: return "a map";
  }
  return "something else";
}

bool valid_time(const std::string& s) {
  if (s.size() != 5 || s[2] != ':') return false;
  int h = 0, m = 0;
  auto p1 = std::from_chars(s.data(), s.data() + 2, h);
  auto p2 = std::from_chars(s.data() + 3, s.data() + 5, m);
  return p1.ec == std::errc() && p1.ptr == s.data() + 2 && p2.ec == std::errc() && p2.ptr == s.data() + 5 &&
         h >= 0 && h < 24 && m >= 0 && m < 60;
}

bool valid_email(const std::string& s) {
  auto at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('@', at + 1) == std::string::npos &&
         s.find('.', at) != std::string::npos && s.back() != '.' &&
         std::none_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

void check_value(const Node& n, const FieldType& t, const std::string& path, IdTable& ids, Diagnostics& diags,
                 const StageReached& reached);

void check_scalar(const Node& n, const FieldType& t, const std::string& path, IdTable& ids, Diagnostics& diags) {
  const std::string& s = n.scalar;
  auto wrong = [&](const std::string& hint = {}) {
    diags.error(n.where(), "'" + path + "' must be " + describe(t) + ", not " + what_it_is(n), hint);
  };
  switch (t.type) {
    case Type::Text:
      return;
    case Type::Date:
      if (!Date::parse(s)) {
        if (auto g = Date::guess(s)) return wrong("did you mean " + g->iso() + "?");
        if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
          return diags.error(n.where(), "'" + path + "' is not a date that exists: " + s,
                             "check the day and the month");
        }
        return wrong("write dates as YYYY-MM-DD, for example 2025-03-02");
      }
      return;
    case Type::Time:
      if (!valid_time(s)) {
        if (s.size() == 4 && s[1] == ':' && valid_time("0" + s)) return wrong("did you mean 0" + s + "?");
        return wrong("for example 09:30 or 17:45");
      }
      return;
    case Type::Bool:
      if (!parse_bool(s)) wrong("write true or false");
      return;
    case Type::Integer: {
      long v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size()) wrong();
      return;
    }
    case Type::Email:
      if (!valid_email(s)) wrong("for example name@example.org");
      return;
    case Type::Choice:
      if (std::find(t.choices.begin(), t.choices.end(), s) == t.choices.end()) {
        std::string hint = did_you_mean(s, t.choices);
        diags.error(n.where(), "'" + path + "' must be " + describe(t) + ", not '" + s + "'", hint);
      }
      return;
    case Type::Id: {
      if (s.empty()) return wrong();
      auto& defs = ids.spaces[t.space];
      auto same = std::find_if(defs.begin(), defs.end(), [&](const IdTable::Definition& d) { return d.id == s; });
      if (same != defs.end()) {
        diags.error(n.where(), "the " + t.space + " '" + s + "' is defined twice",
                    "it is already used at line " + std::to_string(same->where.line) + ": give each " + t.space +
                        " its own");
        return;
      }
      defs.push_back({s, n.where()});
      return;
    }
    case Type::Ref:
      ids.uses.push_back({t.space, s, path, n.where()});
      return;
    default:
      wrong();
  }
}

void check_map(const Node& n, const Shape& shape, const std::string& path, IdTable& ids, Diagnostics& diags,
               const StageReached& reached) {
  std::vector<std::string> keys;
  for (const auto& f : shape.fields) keys.push_back(f.key);
  std::vector<std::string> misspelt;  // keys a misspelling stands for: not reported missing as well
  // The required keys that are missing, found once (a map may hold a hundred thousand unknown keys).
  std::vector<std::string> missing;
  std::string fallback_hint;  // made once, for every key that is close to none
  // Why each field is required now: "" when always, the stage's words when required from a stage.
  std::vector<std::optional<std::string>> why(shape.fields.size());
  for (std::size_t i = 0; i < shape.fields.size(); ++i) {
    const Field& f = shape.fields[i];
    if (f.required) why[i] = "";
    else if (!f.required_from.empty() && reached) why[i] = reached(f.required_from);
  }
  for (std::size_t i = 0; i < shape.fields.size(); ++i)
    if (why[i] && !n.entry(shape.fields[i].key)) missing.push_back(shape.fields[i].key);
  for (const auto& e : n.entries) {
    if (e.key == "extra") {
      if (!e.value->is_map() && !e.value->is_null()) {
        diags.error(e.value->where(), "'" + join_path(path, "extra") + "' must be a map of the board's own fields",
                    "write each field on its own line under extra:");
      }
      continue;
    }
    Location at = n.where();
    at.line = e.key_mark.line;
    at.column = e.key_mark.column;
    const Field* f = shape.field(e.key);
    if (!f) {
      auto best = closest(e.key, keys);
      if (!best) {
        // Not close to any key, but if exactly one required key is missing, it is probably that.
        if (missing.size() == 1) best = missing[0];
      }
      if (best) misspelt.push_back(*best);
      std::string hint = best ? "did you mean '" + *best + "'?" : "";
      if (hint.empty()) {
        if (fallback_hint.empty()) {
          std::string article = std::string("aeiou").find(shape.name[0]) == std::string::npos ? "a " : "an ";
          fallback_hint = article + shape.name + " has " + one_of(keys) + "; put a board's own fields under 'extra:'";
        }
        hint = fallback_hint;
      }
      diags.error(at, "unknown key '" + e.key + "' in " + (path.empty() ? shape.name : "'" + path + "'"), hint);
      continue;
    }
    check_value(*e.value, f->type, join_path(path, e.key), ids, diags, reached);
  }
  for (std::size_t i = 0; i < shape.fields.size(); ++i) {
    const Field& f = shape.fields[i];
    if (!why[i] || std::find(misspelt.begin(), misspelt.end(), f.key) != misspelt.end()) continue;
    const Node* v = n.get(f.key);
    if (v && !v->is_null()) continue;
    std::string where = path.empty() ? "the " + shape.name : "'" + path + "'";
    Location at = n.where();
    if (const Entry* e = n.entry(f.key)) {  // an empty value: point at its key
      at.line = e->key_mark.line;
      at.column = e->key_mark.column;
    }
    diags.error(at, where + (v ? " has an empty '" : " is missing '") + f.key + "'",
                "add " + f.key + ": " + (f.doc.empty() ? describe(f.type) : "(" + f.doc + ")") +
                    (why[i]->empty() ? "" : "; it is needed now that " + *why[i]));
  }
}

void check_value(const Node& n, const FieldType& t, const std::string& path, IdTable& ids, Diagnostics& diags,
                 const StageReached& reached) {
  if (n.is_null() || t.type == Type::Any) return;  // empty optional values are allowed; required ones are caught above
  if (t.type == Type::Map) {
    if (!n.is_map()) {
      diags.error(n.where(), "'" + path + "' must be " + describe(t) + ", not " + what_it_is(n),
                  "write its fields on the lines below it, indented");
      return;
    }
    check_map(n, *t.shape, path, ids, diags, reached);
    return;
  }
  if (t.type == Type::List) {
    if (!n.is_list()) {
      diags.error(n.where(), "'" + path + "' must be " + describe(t) + ", not " + what_it_is(n),
                  n.is_scalar() ? "write it as [" + n.scalar + "] or as lines starting with '- '"
                                : "write each item on a line starting with '- '");
      return;
    }
    for (std::size_t i = 0; i < n.items.size(); ++i)
      check_value(*n.items[i], *t.item, path + "[" + std::to_string(i) + "]", ids, diags, reached);
    return;
  }
  if (!n.is_scalar()) {
    diags.error(n.where(), "'" + path + "' must be " + describe(t) + ", not " + what_it_is(n));
    return;
  }
  check_scalar(n, t, path, ids, diags);
}

}  // namespace

void check(const Node& node, const Shape& shape, const std::string& path, IdTable& ids, Diagnostics& diags,
           const StageReached& reached) {
  if (!node.is_map()) {
    diags.error(node.where(), (path.empty() ? "the " + shape.name : "'" + path + "'") + " must be a map of keys and values, not " +
                                  what_it_is(node),
                "start with the keys of a " + shape.name + ", one a line, each followed by ':'");
    return;
  }
  check_map(node, shape, path, ids, diags, reached);
}

void resolve_references(const IdTable& ids, const std::map<std::string, std::string>& space_names,
                        Diagnostics& diags) {
  std::map<std::string, std::size_t> undefined_spaces;  // spaces with no ids at all: one message each
  for (const auto& use : ids.uses)
    if (ids.ids(use.space).empty()) ++undefined_spaces[use.space];
  std::map<std::string, bool> reported;
  for (const auto& use : ids.uses) {
    if (ids.has(use.space, use.id)) continue;
    auto known = ids.ids(use.space);
    auto name = space_names.count(use.space) ? space_names.at(use.space) : use.space;
    if (known.empty()) {
      if (reported[use.space]) continue;
      reported[use.space] = true;
      std::size_t others = undefined_spaces[use.space] - 1;
      diags.error(use.where, "'" + use.path + "' names the " + use.space + " '" + use.id + "', but no " + use.space +
                                 " is defined" +
                                 (others ? " (nor for " + std::to_string(others) + " more reference" + (others == 1 ? "" : "s") + ")" : ""),
                  "define it in " + name);
      continue;
    }
    std::string hint = did_you_mean(use.id, known);
    if (hint.empty()) hint = "the ones defined in " + name + " are " + one_of(known);
    diags.error(use.where, "'" + use.path + "' names an unknown " + use.space + " '" + use.id + "'", hint);
  }
}

std::vector<PathDoc> document(const Shape& shape, const std::string& prefix) {
  std::vector<PathDoc> out;
  for (const auto& f : shape.fields) {
    std::string path = join_path(prefix, f.key);
    const FieldType* t = &f.type;
    std::string shown = path;
    if (t->type == Type::List && t->item) {
      shown += "[]";
    }
    out.push_back({shown, describe(f.type), f.required, f.doc, f.required_from});
    if (t->type == Type::Map && t->shape) {
      auto inner = document(*t->shape, path);
      out.insert(out.end(), inner.begin(), inner.end());
    } else if (t->type == Type::List && t->item && t->item->type == Type::Map && t->item->shape) {
      auto inner = document(*t->item->shape, path + "[]");
      out.insert(out.end(), inner.begin(), inner.end());
    }
  }
  return out;
}

}  // namespace reviewkit::data
