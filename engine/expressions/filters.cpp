#include "filters.hpp"

#include <cmath>

#include "common/date.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"

namespace reviewkit::expressions {

namespace {

Evaluation text_result(const FilterCall& c, std::string s) {
  Evaluation out;
  out.value = Value::of_text(std::move(s));
  out.value.path = c.in.value.path;
  return out;
}

Evaluation number_result(const FilterCall& c, std::size_t n) {  // a number: `| count - 1`, `not (x | count)`
  Evaluation out;
  out.value = number_value(static_cast<double>(n));
  out.value.path = c.in.value.path;
  return out;
}

Evaluation default_filter(const FilterCall& c) {
  const Value& v = c.in.value;
  if (v.kind == Value::Missing || v.kind == Value::Null || (v.kind == Value::Text && is_blank(v.text))) {
    Evaluation out;
    out.value = c.args[0];
    return out;
  }
  return c.in;
}

Evaluation count_filter(const FilterCall& c) {
  const Value& v = c.in.value;
  if (v.kind == Value::Null) return number_result(c, 0);
  if (v.kind == Value::List) return number_result(c, v.node->items.size());
  return number_result(c, v.node->entries.size());
}

Evaluation join_filter(const FilterCall& c) {
  const Value& v = c.in.value;
  if (v.kind == Value::Null) return c.in;
  if (v.kind != Value::List) return failure("'" + c.subject + "' is " + describe(v) + "; join works on lists");
  std::string sep = c.args.empty() ? ", " : c.args[0].text;
  std::string out;
  for (std::size_t i = 0; i < v.node->items.size(); ++i) {
    const data::Node& item = *v.node->items[i];
    if (!item.is_scalar()) return failure("'" + c.subject + "' holds maps, which join cannot print; use a {% for %} loop");
    out += (i ? sep : "") + item.scalar;
  }
  return text_result(c, out);
}

Evaluation date_filter(const FilterCall& c) {
  auto d = Date::parse(c.in.value.text);
  if (!d)
    return failure("'" + c.subject + "' is '" + c.in.value.text +
                   "', not a date written YYYY-MM-DD, so it cannot be formatted as a date");
  return text_result(c, c.args.empty() ? d->uk() : d->format(c.args[0].text));
}

Evaluation upper_filter(const FilterCall& c) { return text_result(c, change_case(c.in.value.text, LetterCase::Upper)); }
Evaluation lower_filter(const FilterCall& c) { return text_result(c, change_case(c.in.value.text, LetterCase::Lower)); }
Evaluation title_filter(const FilterCall& c) { return text_result(c, change_case(c.in.value.text, LetterCase::Title)); }

Evaluation initials_filter(const FilterCall& c) { return text_result(c, initials(c.in.value.text)); }

Evaluation ordinal_filter(const FilterCall& c) {
  auto n = number_of(c.in.value);
  if (!n || std::floor(*n) != *n)
    return failure("'" + c.subject + "' is " + describe(c.in.value) + ", not a whole number, so it has no ordinal");
  if (std::fabs(*n) > 1e15) return failure("'" + c.subject + "' is too large a number for an ordinal");
  return text_result(c, ordinal(static_cast<long long>(*n)));
}

}  // namespace

const std::vector<FilterDef>& filters() {
  static const std::vector<FilterDef> table = {
      {"date", 0, 1, "| date or | date: \"%d/%m/%Y\"", "a date written YYYY-MM-DD, in UK style or the format given",
       FilterDef::Single, date_filter},
      {"upper", 0, 0, "| upper", "capitals, in every alphabet", FilterDef::Single, upper_filter},
      {"lower", 0, 0, "| lower", "small letters, in every alphabet", FilterDef::Single, lower_filter},
      {"title", 0, 0, "| title", "Each Word Capitalised", FilterDef::Single, title_filter},
      {"initials", 0, 0, "| initials", "the first letter of each word, capitalised", FilterDef::Single, initials_filter},
      {"default", 1, 1, "| default: \"…\"", "the value given when the value is missing, empty or blank", FilterDef::Any,
       default_filter},
      {"join", 0, 1, "| join: \", \"", "a list's items with the separator between them", FilterDef::Collection, join_filter},
      {"count", 0, 0, "| count", "the number of items in a list or entries in a map", FilterDef::Collection, count_filter},
      {"ordinal", 0, 0, "| ordinal", "1st, 2nd, 3rd, 11th, 22nd", FilterDef::Single, ordinal_filter},
  };
  return table;
}

const FilterDef* find_filter(std::string_view name) {
  for (const auto& f : filters())
    if (name == f.name) return &f;
  return nullptr;
}

const std::vector<std::string>& filter_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : filters()) out.push_back(f.name);
    return out;
  }();
  return names;
}

Evaluation apply_filter(const Filter& f, Evaluation in, const Scope& scope, const std::string& subject) {
  const FilterDef* def = find_filter(f.name);
  if (!def) return failure("unknown filter '" + f.name + "'");
  std::vector<Value> args;
  for (const auto& a : f.args) {
    Evaluation ev = evaluate(*a, scope);
    if (!ev.error.empty()) return ev;
    args.push_back(ev.value);
  }
  const Value& v = in.value;
  if (def->input != FilterDef::Any) {
    if (v.kind == Value::Missing) return in;  // the caller reports the missing value itself
    if (v.kind == Value::Null && def->input == FilterDef::Single) return in;
    if (def->input == FilterDef::Collection && v.kind != Value::Null && v.kind != Value::List && v.kind != Value::Map &&
        f.name == "count")
      return failure("'" + subject + "' is " + describe(v) + "; count works on lists");
    if (def->input == FilterDef::Single && (v.kind == Value::List || v.kind == Value::Map))
      return failure("'" + subject + "' is " + describe(v) + "; the " + f.name + " filter works on a single value");
  }
  return def->apply(FilterCall{in, args, subject});
}

}  // namespace reviewkit::expressions
