#include "check.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <cctype>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "common/numbers.hpp"
#include "common/suggest.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"
#include "data/node.hpp"
#include "ooxml/xml.hpp"

namespace reviewkit::chronology {

namespace {

std::string loose(const std::string& s) { return letters_and_digits(s); }

std::string lower(const std::string& s) { return change_case(s, LetterCase::Lower); }

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

// Removes a word (any case) from the start of s; true when it was there.
bool strip_prefix(std::string& s, const std::vector<std::string>& words) {
  std::string l = lower(s);
  for (const auto& w : words)
    if (starts_with(l, w)) {
      s = trim(s.substr(w.size()));
      return true;
    }
  return false;
}

bool strip_suffix(std::string& s, const std::vector<std::string>& words) {
  std::string l = lower(s);
  for (const auto& w : words)
    if (l.size() >= w.size() && l.compare(l.size() - w.size(), w.size(), w) == 0) {
      s = trim(s.substr(0, s.size() - w.size()));
      return true;
    }
  return false;
}

const std::vector<std::string> kApproximate = {"?", "c.", "circa ", "approx.", "approx ", "approximately ", "about ",
                                               "around ", "~", "est.", "est "};

// 22nd → 22, and weekday names dropped: what Date::guess reads.
std::string plain_date_words(const std::string& text) {
  static const char* weekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                   "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"};
  std::vector<std::string> words;
  std::string cur;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (c == ' ' || c == ',') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  std::string out;
  for (auto w : words) {
    std::string l = lower(w);
    if (std::find(std::begin(weekdays), std::end(weekdays), l) != std::end(weekdays)) continue;
    if (l.size() >= 3 && std::isdigit(static_cast<unsigned char>(l[0]))) {
      std::string tail = l.substr(l.size() - 2);
      bool digits = std::all_of(l.begin(), l.end() - 2, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      if (digits && (tail == "st" || tail == "nd" || tail == "rd" || tail == "th")) w = w.substr(0, w.size() - 2);
    }
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

// The numbers of a numeric date ("30/02/2023" → 30, 2, 2023), when it is one.
std::optional<std::vector<int>> numeric_parts(const std::string& text) {
  std::vector<int> out;
  std::string cur;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : '/';
    if (std::isdigit(static_cast<unsigned char>(c))) {
      cur += c;
    } else if (c == '/' || c == '-' || c == '.') {
      if (cur.empty() || cur.size() > 4) return std::nullopt;
      out.push_back(parse_integer<int>(cur).value_or(0));
      cur.clear();
    } else {
      return std::nullopt;
    }
  }
  if (out.size() != 3) return std::nullopt;
  return out;
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

std::optional<Date> date_from_serial(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465) return std::nullopt;  // 31/12/9999
  long days = static_cast<long>(std::floor(serial));
  // The 1904 system (Excel for the Mac before 2011, and workbooks made there) counts from 1 January 1904.
  if (date1904) return Date{1904, 1, 1}.add_days(days);
  // Excel counts 29 February 1900, which did not exist: serials from 61 on are one day ahead.
  if (days < 61) days += 1;
  return Date{1899, 12, 30}.add_days(days);
}

std::string time_from_serial(double serial) {
  if (!std::isfinite(serial) || serial < 0) return {};
  double fraction = serial - std::floor(serial);
  long minutes = std::lround(fraction * 24 * 60);
  if (minutes >= 24 * 60) minutes = 0;
  return two(static_cast<int>(minutes / 60)) + ":" + two(static_cast<int>(minutes % 60));
}

namespace {

// The latest year a chronology's date can have: next year (a chronology records what happened).
const int kLatestYear = [] {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900 + 1;
}();

// A date no chronology holds (before 1900, after next year) is a mistyped one.
EntryDate sane(EntryDate d) {
  if (d.date && (d.date->year < 1900 || d.date->year > kLatestYear)) {
    d.problem = "the year " + std::to_string(d.date->year) + " cannot be right for a chronology";
    d.fix = "check the year; write the date DD/MM/YYYY";
    d.date.reset();
  }
  return d;
}

}  // namespace

EntryDate parse_entry_date(const std::string& input) {
  EntryDate out;
  std::string text = normalise_heading(input);
  std::string l = lower(text);
  if (l == "not known" || l == "unknown" || l == "n/k" || l == "date not known") {
    out.not_known = true;
    return out;
  }
  // Periods: "12/03/2024 - 15/03/2024", "from March to May 2024", "12/03/2024 to 15/03/2024".
  for (const char* sep : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " to ", " until ", " till "}) {
    if (l.find(sep) != std::string::npos || starts_with(l, "between ") || starts_with(l, "from ")) {
      out.period = true;
      out.problem = "it is a period of time, not a date";
      return out;
    }
  }
  if (strip_prefix(text, kApproximate)) out.approximate = true;
  if (!text.empty() && text.back() == '?') {
    text.pop_back();
    text = trim(text);
    out.approximate = true;
  }
  // A time after the date: "06/11/2023 14:30", "06/11/2023 at 14:30", "2023-11-06T14:30".
  {
    std::string date_part = text;
    auto t = text.find('T');
    if (t == 10 && text.size() > 11) {
      date_part = text.substr(0, 10);
      out.time = text.substr(11);
    } else {
      auto space = text.rfind(' ');
      if (space != std::string::npos) {
        std::string tail = trim(text.substr(space + 1));
        bool dotted = tail.size() >= 3 && tail.size() <= 5 && tail.find('.') != std::string::npos &&
                      std::all_of(tail.begin(), tail.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) || ch == '.'; }) &&
                      trim(text.substr(0, space)).find_first_of("/-.") != std::string::npos;
        if (tail.find(':') != std::string::npos || ascii_lower(tail).find("am") != std::string::npos ||
            ascii_lower(tail).find("pm") != std::string::npos || dotted) {
          date_part = trim(text.substr(0, space));
          out.time = tail;
          if (strip_suffix(date_part, {" at", ","})) {}
        }
      }
    }
    text = date_part;
  }
  if (auto d = Date::parse(text)) {
    out.date = d;
    return sane(out);
  }
  std::string words = plain_date_words(text);
  if (auto parts = numeric_parts(words)) {
    int a = (*parts)[0], b = (*parts)[1], c = (*parts)[2];
    bool year_first = words.find_first_of("/-.") == 4;
    int year = year_first ? a : c, month = b, day = year_first ? c : a;
    std::size_t year_digits = year_first ? words.find_first_of("/-.") : words.size() - words.find_last_of("/-.") - 1;
    if (year_digits == 3 || year_digits == 1) {
      out.problem = "the year '" + std::to_string(year) + "' is not a year";
      out.fix = "write the year in full: DD/MM/YYYY";
      return out;
    }
    // Two figures: this century's up to next year, else the last century's (06/11/23 is 2023).
    if (year_digits == 2) year += year + 2000 <= kLatestYear + 1 ? 2000 : 1900;
    if (month < 1 || month > 12) {
      out.problem = std::to_string(month) + " is not a month";
      if (!year_first && month <= 31 && day >= 1 && day <= 12 && Date::exists(year, day, month)) {
        Date swapped{year, day, month};
        out.problem += " (dates are written day first)";
        out.fix = "if it is " + swapped.uk() + ", write " + swapped.format("%d/%m/%Y");
      } else {
        out.fix = "write the date day first: DD/MM/YYYY";
      }
      return out;
    }
    if (!Date::exists(year, month, day)) {
      Date first{year, month, 1};
      out.problem = "there is no " + (day >= 1 ? std::to_string(day) + " " : std::string("day ") + std::to_string(day) + " in ") +
                    first.format("%B %Y");
      out.fix = first.format("%B %Y") + " has " + std::to_string(days_in_month(year, month)) + " days";
      return out;
    }
    out.date = Date{year, month, day};
    return sane(out);
  }
  if (auto d = Date::guess(words)) {
    out.date = d;
    return sane(out);
  }
  out.problem = "reviewkit cannot read it as a day, a month and a year";
  out.fix = "write the date of the event day first, DD/MM/YYYY (06/11/2023), with ? before it if it is approximate";
  return out;
}

EntryTime parse_entry_time(const std::string& input) {
  EntryTime out;
  std::string text = normalise_heading(input);
  if (strip_prefix(text, kApproximate)) out.estimated = true;
  if (strip_suffix(text, {"(estimated)", "(estimate)", "(est)", "(est.)", "(approx)", "(approx.)", "est", "est.",
                          "approx", "approx.", "estimated", "?"}))
    out.estimated = true;
  std::string l = ascii_lower(text);
  auto hm = [&](int h, int m) { return two(h) + ":" + two(m); };
  // HH:MM and H:MM; HH:MM:SS as a spreadsheet writes it.
  auto colon = l.find(':');
  std::string digits;
  for (char c : l)
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  bool pm = l.find("pm") != std::string::npos || l.find("p.m.") != std::string::npos;
  bool am = l.find("am") != std::string::npos || l.find("a.m.") != std::string::npos;
  if (colon != std::string::npos && !am && !pm) {
    auto h = parse_integer<int>(l.substr(0, colon));
    std::string rest = l.substr(colon + 1);
    if (rest.size() == 5 && rest[2] == ':') rest = rest.substr(0, 2);
    auto m = parse_integer<int>(rest);
    if (h && m && *h >= 0 && *h < 24 && *m >= 0 && *m < 60 && rest.size() == 2) {
      out.time = hm(*h, *m);
      return out;
    }
    return out;
  }
  // What it probably meant, for the message: 9.30 → 09:30, 1730 → 17:30, 5pm → 17:00.
  int h = -1, m = 0;
  auto dot = l.find_first_of(".h");
  if (am || pm) {
    std::string num;
    for (char c : l)
      if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':') num += c;
    while (!num.empty() && (num.back() == '.' || num.back() == ':')) num.pop_back();
    auto sep = num.find_first_of(".:");
    h = parse_integer<int>(num.substr(0, sep)).value_or(-1);
    if (sep != std::string::npos) m = parse_integer<int>(num.substr(sep + 1)).value_or(-1);
    if (h == 12) h = 0;
    if (pm && h >= 0) h += 12;
    if (h > 23 || (h < 12 && pm) || h < 0) h = -1;
  } else if (dot != std::string::npos && dot > 0) {
    h = parse_integer<int>(l.substr(0, dot)).value_or(-1);
    std::string mm = l.substr(dot + 1);
    m = parse_integer<int>(mm).value_or(-1);
    if (mm.size() == 1 && m >= 0) m *= 10;  // 9.3 is half past nine
  } else if (digits.size() == 4 && digits == l) {
    h = parse_integer<int>(l.substr(0, 2)).value_or(-1);
    m = parse_integer<int>(l.substr(2)).value_or(-1);
  }
  if (h >= 0 && h < 24 && m >= 0 && m < 60) out.fix = hm(h, m);
  return out;
}

std::vector<std::string> heading_words(const ColumnSets& sets) {
  std::vector<std::string> out;
  for (const auto& s : sets.sets)
    for (const auto& c : s.columns) {
      out.push_back(c.heading);
      if (!c.group.empty()) {
        out.push_back(c.group);
        // A heading of two paragraphs ("Child" above "Specify if views recorded…") is matched by
        // its words; its first word alone is what some copies keep.
        out.push_back(c.heading.substr(0, c.heading.find(' ')));
      }
    }
  return out;
}

namespace {

// What one column of the return is: the (group, heading) it has, and the set's column it is.
struct Mapped {
  std::string group, heading;  ///< as the return has them
  const Column* column = nullptr;
  std::size_t index = 0;       ///< in the return
  Location where;
};

std::pair<std::string, std::string> return_heading(const RawReturn& raw, std::size_t c) {
  auto at = [&](std::size_t row) -> std::string {
    return c < raw.headings[row].size() ? normalise_heading(raw.headings[row][c].text) : std::string();
  };
  if (raw.headings.size() < 2) return {"", at(0)};
  std::string top = at(0), sub = at(1);
  if (sub.empty() || loose(sub) == loose(top)) return {"", top};
  return {top, sub};
}

std::string shown(const Column& c) { return c.group.empty() ? c.heading : c.group + " / " + c.heading; }

// How well a set's headings fit a return's: exact matches count 2, loose ones 1.
int fit(const ColumnSet& set, const std::vector<std::pair<std::string, std::string>>& headings) {
  int score = 0;
  for (const auto& [g, h] : headings)
    for (const auto& c : set.columns) {
      if (normalise_heading(c.group) == g && normalise_heading(c.heading) == h) {
        score += 2;
        break;
      }
      if (loose(c.group + c.heading) == loose(g + h)) {
        score += 1;
        break;
      }
    }
  return score;
}

// The rule of the set about its headings, or about periods, to quote in a hint.
std::string set_rule(const ColumnSet& set, const std::string& about) {
  for (const auto& r : set.rules)
    if (lower(r).find(about) != std::string::npos) return r;
  return {};
}

std::string quoted_rule(const std::string& rule, const ColumnSet& set) {
  if (rule.empty()) return {};
  return set.source + ": \"" + rule + "\"";
}

struct PersonName {
  std::string id, label;
};

}  // namespace

std::optional<CheckedReturn> check_return(const RawReturn& raw, const ColumnSets& sets, const CheckOptions& options,
                                          Diagnostics& diags) {
  if (raw.headings.empty() || sets.sets.empty()) return std::nullopt;
  const casefile::Case* kase = options.kase;
  CheckedReturn out;
  out.file = raw.file;

  // ---------------------------------------------------------------- the set and its columns
  std::size_t width = raw.headings[0].size();
  for (const auto& h : raw.headings) width = std::max(width, h.size());
  for (const auto& row : raw.rows) width = std::max(width, row.cells.size());
  std::vector<std::pair<std::string, std::string>> headings;
  for (std::size_t c = 0; c < width; ++c) headings.push_back(return_heading(raw, c));

  std::vector<Mapped> mapped;
  const ColumnSet* set = nullptr;
  static const ColumnSet yaml_set = [] {
    ColumnSet s;
    s.name = "case-file";
    s.title = "the case file's chronology entries";
    s.source = "docs/case-file.md";
    auto add = [&](const char* f, ColumnKind k, bool mandatory) {
      Column c;
      c.heading = f;
      c.field = f;
      c.kind = k;
      c.mandatory = mandatory;
      s.columns.push_back(c);
    };
    add("date", ColumnKind::Date, true);
    add("date_estimated", ColumnKind::YesNo, false);
    add("time", ColumnKind::Time, false);
    add("time_estimated", ColumnKind::YesNo, false);
    add("agency", ColumnKind::Agency, true);
    add("subjects", ColumnKind::Subjects, false);
    add("age", ColumnKind::Age, false);
    add("child_seen", ColumnKind::YesNo, false);
    add("seen_alone", ColumnKind::YesNo, false);
    add("wishes_and_feelings", ColumnKind::YesNo, false);
    add("contact_type", ColumnKind::Text, false);
    add("source", ColumnKind::Text, true);
    add("staff", ColumnKind::Staff, false);
    add("event", ColumnKind::Text, true);
    add("response", ColumnKind::Text, false);
    add("comment", ColumnKind::Text, false);
    return s;
  }();
  if (raw.by_field) {
    set = &yaml_set;
    for (std::size_t c = 0; c < set->columns.size(); ++c) mapped.push_back({"", set->columns[c].heading, &set->columns[c], c, raw.table_where});
  } else {
    const ColumnSet* expected = options.set.empty() ? nullptr : sets.find(options.set);
    int best = -1;
    for (const auto& s : sets.sets) {
      int f = fit(s, headings);
      if (f > best || (f == best && &s == expected)) {
        best = f;
        set = &s;
      }
    }
    if (expected && set != expected) {
      diags.add({Severity::Note, raw.table_where,
                  "the return uses the columns of " + set->title + ", not the board's (" + expected->title +
                      "); it is read by its own headings",
                  "send the agency the board's template for its next return"});
    }
    std::vector<bool> used(set->columns.size(), false);
    std::vector<std::size_t> unmatched;
    auto where_of = [&](std::size_t c) {
      const auto& row = raw.headings.back();
      if (c < row.size()) return row[c].where;
      return raw.table_where;
    };
    // Exact headings first, then the same words in another case or spacing.
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t c = 0; c < width; ++c) {
        if (pass == 1 && std::any_of(mapped.begin(), mapped.end(), [&](const Mapped& m) { return m.index == c; })) continue;
        const auto& [g, h] = headings[c];
        if (h.empty() && g.empty()) continue;
        for (std::size_t k = 0; k < set->columns.size(); ++k) {
          if (used[k]) continue;
          const Column& col = set->columns[k];
          bool exact = normalise_heading(col.group) == g && normalise_heading(col.heading) == h;
          bool near = loose(col.group + col.heading) == loose(g + h);
          if (pass == 0 ? !exact : !near) continue;
          used[k] = true;
          mapped.push_back({g, h, &col, c, where_of(c)});
          if (pass == 1)
            diags.error(where_of(c), "the heading '" + (g.empty() ? h : g + " / " + h) + "' has been changed: the template's is '" + shown(col) + "'",
                        "put the heading back as it was; " + quoted_rule(set_rule(*set, "heading"), *set));
          break;
        }
      }
    }
    for (std::size_t c = 0; c < width; ++c) {
      if (std::any_of(mapped.begin(), mapped.end(), [&](const Mapped& m) { return m.index == c; })) continue;
      const auto& [g, h] = headings[c];
      if (h.empty() && g.empty()) {
        bool data = std::any_of(raw.rows.begin(), raw.rows.end(),
                                [&](const RawRow& r) { return c < r.cells.size() && !trim(r.cells[c].text).empty(); });
        if (data)
          diags.error(where_of(c), "column " + std::to_string(c + 1) + " has no heading but holds entries",
                      "move what it holds into the template's columns; " + quoted_rule(set_rule(*set, "heading"), *set));
        continue;
      }
      unmatched.push_back(c);
    }
    // A heading that is not the template's: a changed one when it is close to one missing, else added.
    std::vector<std::string> missing;
    for (std::size_t k = 0; k < set->columns.size(); ++k)
      if (!used[k]) missing.push_back(set->columns[k].heading);
    for (std::size_t c : unmatched) {
      const auto& [g, h] = headings[c];
      std::string name = g.empty() ? h : g + " / " + h;
      std::optional<std::size_t> near;
      for (std::size_t k = 0; k < set->columns.size() && !near; ++k) {
        if (used[k]) continue;
        const std::string& want = set->columns[k].heading;
        std::string a = loose(h), b = loose(want);
        bool prefix = !a.empty() && (starts_with(b, a) || starts_with(a, b));
        if (prefix || edit_distance(h, want) <= std::max<std::size_t>(2, want.size() / 4)) near = k;
      }
      if (near) {
        used[*near] = true;
        mapped.push_back({g, h, &set->columns[*near], c, where_of(c)});
        diags.error(where_of(c), "the heading '" + name + "' has been changed: the template's is '" + shown(set->columns[*near]) + "'",
                    "put the heading back as it was; " + quoted_rule(set_rule(*set, "heading"), *set));
      } else {
        diags.error(where_of(c), "the column '" + name + "' has been added: it is not one of the template's columns",
                    "move what it holds into the template's columns and delete it; " +
                        quoted_rule(set_rule(*set, "heading"), *set));
      }
    }
    for (std::size_t k = 0; k < set->columns.size(); ++k)
      if (!used[k])
        diags.error(raw.table_where, "the column '" + shown(set->columns[k]) + "' has been removed",
                    "put it back where the template has it (" + set->title + ")" +
                        (set_rule(*set, "heading").empty() ? "" : "; " + quoted_rule(set_rule(*set, "heading"), *set)));
    // Reordered: read by heading, and said.
    std::vector<const Mapped*> by_index;
    for (const auto& m : mapped) by_index.push_back(&m);
    std::sort(by_index.begin(), by_index.end(), [](const Mapped* a, const Mapped* b) { return a->index < b->index; });
    bool ordered = true;
    for (std::size_t i = 1; i < by_index.size(); ++i)
      if (by_index[i]->column < by_index[i - 1]->column) ordered = false;
    if (!ordered) {
      std::vector<std::string> order;
      for (const auto& c : set->columns) order.push_back(c.heading);
      diags.warning(raw.table_where, "the columns are not in the template's order; they are read by their headings",
                    "the template's order is " + listed(order));
    }
  }
  out.set = set->name;

  // ---------------------------------------------------------------- the return's header
  if (const Cell* by = raw.header_value("Name of person completing chronology")) out.completed_by = by->text;
  else if (const Cell* by2 = raw.header_value("Completed by")) out.completed_by = by2->text;
  else if (const Cell* by3 = raw.header_value("completed_by")) out.completed_by = by3->text;
  for (const char* label : {"Date completed", "completed_on", "Date of completion"})
    if (const Cell* on = raw.header_value(label)) {
      auto d = parse_entry_date(on->text);
      if (on->serial && on->date_styled) d.date = date_from_serial(*on->serial, raw.date1904);
      if (d.date) out.completed_on = d.date;
      else if (!trim(on->text).empty())
        diags.error(on->where, "the date the return was completed, '" + on->text + "', is not a date", d.fix);
    }
  if (out.completed_by.empty() && !raw.by_field)
    diags.add({Severity::Note, in_file(raw.file), "the return does not say who completed it",
               "the template asks for it above the table: 'Completed by: NAME' and 'Date completed: DD/MM/YYYY'"});

  // The agency of a return whose set has no agency column: the header, --agency, or the file's name.
  std::vector<std::string> abbreviations;
  if (kase)
    for (const auto& a : kase->agencies) abbreviations.push_back(a.abbreviation);
  // Each agency by its abbreviation or name, compared loosely ("csc", "Children's Social Care").
  std::vector<std::pair<std::string, std::string>> agency_keys;  // loose key → abbreviation
  if (kase)
    for (const auto& a : kase->agencies) {
      agency_keys.emplace_back(loose(a.abbreviation), a.abbreviation);
      agency_keys.emplace_back(loose(a.name), a.abbreviation);
    }
  std::map<std::string, std::string> agency_seen;  // the texts already looked up
  auto agency_of = [&](const std::string& text) -> std::string {
    std::string t = trim(text);
    if (!kase || t.empty()) return t;
    if (auto it = agency_seen.find(t); it != agency_seen.end()) return it->second;
    std::string found, key = loose(t);
    // "Children's Social Care (CSC)": the abbreviation in brackets at the end.
    auto open = t.rfind('(');
    std::string bracket = open != std::string::npos && t.back() == ')' ? loose(t.substr(open)) : std::string();
    for (std::size_t k = 0; k < agency_keys.size() && found.empty(); ++k)
      if (agency_keys[k].first == key || (k % 2 == 0 && !bracket.empty() && agency_keys[k].first == bracket))
        found = agency_keys[k].second;
    agency_seen[t] = found;
    return found;
  };
  bool agency_column = std::any_of(mapped.begin(), mapped.end(), [](const Mapped& m) { return m.column->kind == ColumnKind::Agency; });
  std::string return_agency;
  Location agency_where = in_file(raw.file);
  if (const Cell* a = raw.header_value("Agency")) {
    return_agency = a->text;
    agency_where = a->where;
  } else if (!options.agency.empty()) {
    return_agency = options.agency;
  } else if (kase && !agency_column) {
    // The file's name, when one of its words is an agency's abbreviation: Housing-chronology.docx.
    std::string stem = std::filesystem::path(raw.file).stem().string(), word;
    for (std::size_t i = 0; i <= stem.size() && return_agency.empty(); ++i) {
      char c = i < stem.size() ? stem[i] : '-';
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += c;
        continue;
      }
      for (const auto& abbr : abbreviations)
        if (!word.empty() && ascii_lower(word) == ascii_lower(abbr)) return_agency = abbr;
      word.clear();
    }
    if (!return_agency.empty())
      diags.add({Severity::Note, in_file(raw.file), "the agency is taken from the file's name: " + return_agency,
                 "say it above the table ('Agency: " + return_agency + "') or with --agency"});
  }
  if (!return_agency.empty()) {
    std::string abbr = agency_of(return_agency);
    if (abbr.empty())
      diags.error(agency_where, "the agency '" + return_agency + "' is not one of the case's agencies",
                  !did_you_mean(return_agency, abbreviations).empty() ? did_you_mean(return_agency, abbreviations)
                                                                        : "the case's agencies are " + listed(abbreviations));
    out.agency = abbr.empty() ? return_agency : abbr;
  } else if (!agency_column) {
    diags.error(in_file(raw.file), "the return does not say which agency it is from, and its columns have no Agency column",
                "write 'Agency: ABBREVIATION' above the table, or give --agency ABBREVIATION");
  }

  // People, by pseudonym, name, id or relationship.
  std::vector<PersonName> people;  // each with its label compared loosely
  std::vector<std::string> person_labels;
  if (kase)
    for (const auto* p : kase->people()) {
      for (const auto& label : {p->pseudonym, p->name, p->id, p->relationship})
        if (!label.empty()) people.push_back({p->id, loose(label)});
      if (!p->pseudonym.empty()) person_labels.push_back(p->pseudonym);
    }
  std::set<std::string> role_codes;
  if (kase)
    for (const auto& pro : kase->professionals) role_codes.insert(pro.role_code);

  // ---------------------------------------------------------------- the entries
  std::optional<std::pair<Date, std::string>> previous;
  for (const auto& row : raw.rows) {
    if (row.empty()) continue;  // the blank rows agencies leave
    ReturnEntry e;
    e.file = raw.file;
    e.row = row.number;
    e.where = row.where;
    e.order = out.entries.size();
    bool have_date = false;
    std::string date_cell_text;
    Location date_where = row.where, time_where = row.where;
    std::string time_text, comment_text;
    const Cell* time_cell = nullptr;
    auto cell_of = [&](const Mapped& m) -> const Cell* { return m.index < row.cells.size() ? &row.cells[m.index] : nullptr; };
    auto at = [&](const Mapped& m, const Cell* c) {
      Location l = c ? c->where : row.where;
      (void)m;
      return l;
    };
    auto label = [&](const Mapped& m) {
      return raw.by_field ? "'" + m.column->field + "'" : "'" + shown(*m.column) + "'";
    };
    auto in_row = [&](const Mapped& m, const std::string& what) {
      return "row " + std::to_string(row.number) + ", " + label(m) + ": " + what;
    };
    for (const auto& m : mapped) {
      const Cell* cell = cell_of(m);
      std::string text = cell ? trim(cell->text) : std::string();
      const Column& col = *m.column;
      // A number in a cell Excel shows as a date or a time is read as one; any other number as its text.
      bool serial = cell && cell->serial && cell->date_styled;
      if (text.empty() && !serial) {
        if (col.mandatory)
          diags.error(at(m, cell), in_row(m, "the cell is empty, and it must be filled for every entry"),
                      col.rule.empty() ? "it is mandatory in " + set->title : quoted_rule(col.rule, *set));
        continue;
      }
      switch (col.kind) {
        case ColumnKind::Date:
        case ColumnKind::DateTime: {
          EntryDate d;
          if (serial) {
            d.date = date_from_serial(*cell->serial, raw.date1904);
            if (col.kind == ColumnKind::DateTime && std::floor(*cell->serial) != *cell->serial) d.time = time_from_serial(*cell->serial);
            if (!d.date) {
              d.problem = "the number " + text + " in a date cell is not a date Excel can show";
              d.fix = "type the date as DD/MM/YYYY";
            }
          } else {
            d = parse_entry_date(text);
          }
          date_cell_text = text;
          date_where = at(m, cell);
          if (d.not_known) {
            bool allowed = !set_rule(*set, "not known").empty();
            if (allowed) {
              diags.warning(date_where, in_row(m, "the date is 'not known': the entry cannot be placed in the integrated chronology and is listed in its notes"),
                            "find the date in the agency's records if it can be found");
              out.undated.push_back(std::filesystem::path(raw.file).filename().string() + " row " + std::to_string(row.number));
            }
            else
              diags.error(date_where, in_row(m, "'" + text + "' is not a date, and the entry cannot be placed without one"),
                          "write the date as nearly as it is known with ? before it (?06/11/2023); " + quoted_rule(col.rule, *set));
            break;
          }
          if (d.period) {
            std::string rule = col.rule.empty() ? set_rule(*set, "period") : col.rule;
            diags.error(date_where, in_row(m, "'" + text + "' is a period of time: the column takes one date"),
                        "write the date the period started, and its end in the comment" +
                            (rule.empty() ? std::string() : "; " + quoted_rule(rule, *set)));
            break;
          }
          if (!d.date) {
            diags.error(date_where, in_row(m, "'" + text + "' is not a date: " + d.problem), d.fix);
            break;
          }
          have_date = true;
          e.entry.date = *d.date;
          e.entry.date_estimated = d.approximate;
          if (!d.time.empty()) {
            time_text = d.time;
            time_where = date_where;
          }
          if (kase && kase->period_from && kase->period_to && (*d.date < *kase->period_from || *d.date > *kase->period_to)) {
            std::string rule = set_rule(*set, "period");
            diags.warning(date_where,
                          in_row(m, d.date->uk() + " is " + (*d.date < *kase->period_from ? "before" : "after") +
                                        " the period under review (" + kase->period_from->uk() + " to " +
                                        kase->period_to->uk() + ")"),
                          rule.empty() ? "leave it out unless the terms of reference ask for it" : quoted_rule(rule, *set));
          }
          break;
        }
        case ColumnKind::Time:
          time_text = text;
          time_cell = cell;
          time_where = at(m, cell);
          break;
        case ColumnKind::Agency: {
          std::string abbr = agency_of(text);
          if (kase && abbr.empty()) {
            diags.error(at(m, cell), in_row(m, "'" + text + "' is not one of the case's agencies"),
                        did_you_mean(text, abbreviations).empty() ? "the agencies are " + listed(abbreviations)
                                                                  : did_you_mean(text, abbreviations));
          }
          e.entry.agency = abbr.empty() ? text : abbr;
          break;
        }
        case ColumnKind::Subjects: {
          std::string cur;
          std::vector<std::string> names;
          std::string t = text;
          for (std::size_t i = 0; i <= t.size(); ++i) {
            bool split = i == t.size() || t[i] == ',' || t[i] == ';' || t[i] == '\n' || t[i] == '/' || t[i] == '&';
            if (!split && t.compare(i, 5, " and ") == 0) {
              split = true;
              i += 4;
            }
            if (split) {
              if (!trim(cur).empty()) names.push_back(trim(cur));
              cur.clear();
            } else {
              cur += t[i];
            }
          }
          for (const auto& n : names) {
            e.subject_names.push_back(n);
            if (!kase) continue;
            std::string id, key = loose(n);
            for (const auto& p : people)
              if (p.label == key) {
                id = p.id;
                break;
              }
            if (id.empty()) {
              std::string dym = did_you_mean(n, person_labels);
              diags.error(at(m, cell), in_row(m, "'" + n + "' is not one of the case's people"),
                          dym.empty() ? "name the people by their pseudonyms: " + listed(person_labels) : dym);
            } else if (std::find(e.entry.subjects.begin(), e.entry.subjects.end(), id) == e.entry.subjects.end()) {
              e.entry.subjects.push_back(id);
            }
          }
          break;
        }
        case ColumnKind::Age: {
          e.age = text;
          std::string num = text;
          // "2", "2 years", "18 months", "3 weeks": months, weeks and days are under 18 years whatever their number.
          bool years = true;
          if (strip_suffix(num, {" months", " month", " mths", " weeks", " week", " wks", " days", " day"})) years = false;
          else strip_suffix(num, {" years old", " year old", " years", " year", " yrs", " yr", " y", "y"});
          auto n = parse_integer<int>(num);
          if (!n || *n < 0) {
            diags.error(at(m, cell), in_row(m, "'" + text + "' is not a whole number"),
                        "write the age in whole years, in figures (2)" + (col.rule.empty() ? "" : "; " + quoted_rule(col.rule, *set)));
          } else if (*n >= 18 && years) {
            diags.error(at(m, cell), in_row(m, "'" + text + "' is 18 or over: the column is for subjects under 18"),
                        col.rule.empty() ? "leave it empty for adults" : quoted_rule(col.rule, *set));
          } else {
            e.entry.age = text;
          }
          break;
        }
        case ColumnKind::YesNo: {
          auto b = data::parse_bool(text);
          if (!b) {
            diags.error(at(m, cell), in_row(m, "'" + text + "' is not " + (raw.by_field ? "true or false" : "Y or N")),
                        col.rule.empty() ? "write Y or N" : quoted_rule(col.rule, *set));
            break;
          }
          const std::string& f = col.field;
          if (f == "child_seen") e.entry.child_seen = *b;
          else if (f == "seen_alone") e.entry.seen_alone = *b;
          else if (f == "wishes_and_feelings") e.entry.wishes_and_feelings = *b;
          else if (f == "date_estimated") e.entry.date_estimated = e.entry.date_estimated || *b;
          else if (f == "time_estimated") e.entry.time_estimated = *b;
          break;
        }
        case ColumnKind::Staff: {
          std::string cur;
          for (std::size_t i = 0; i <= text.size(); ++i) {
            if (i == text.size() || text[i] == ',' || text[i] == ';' || text[i] == '\n' || text[i] == '/') {
              std::string code = trim(cur);
              cur.clear();
              if (code.empty()) continue;
              std::string by_name;
              if (kase && !role_codes.count(code))
                for (const auto& pro : kase->professionals)
                  if (!pro.name.empty() && (loose(pro.name) == loose(code) || loose(code).find(loose(pro.name)) != std::string::npos))
                    by_name = pro.role_code;
              if (!kase || role_codes.count(code)) {
                e.entry.staff.push_back(code);
              } else if (!by_name.empty()) {
                e.entry.staff.push_back(by_name);
                diags.warning(at(m, cell), in_row(m, "a name is written where the column takes role codes"),
                              "write " + by_name + ", the role code the case gives them");
              } else {
                diags.warning(at(m, cell), in_row(m, "'" + code + "' is not the role code of one of the case's professionals"),
                              "add them to professionals: with a role code, or use the code the case gives them");
              }
            } else {
              cur += text[i];
            }
          }
          break;
        }
        case ColumnKind::Text: {
          const std::string& f = col.field;
          std::string* target = f == "source" ? &e.entry.source : f == "event" ? &e.entry.event
                                : f == "response" ? &e.entry.response : f == "comment" ? &e.entry.comment
                                : f == "contact_type" ? &e.entry.contact_type : nullptr;
          if (!target) break;
          if (f == "contact_type" && kase) {
            static const std::vector<std::string> kinds = {"with-child", "with-parents-carers", "inter-agency", "intra-agency"};
            if (std::find(kinds.begin(), kinds.end(), text) == kinds.end())
              diags.error(at(m, cell), in_row(m, "'" + text + "' is not a kind of contact"), "it is one of " + one_of(kinds));
          }
          if (!target->empty()) *target += "\n";
          *target += text;
          if (f == "event" && !col.contact_type.empty() && e.entry.contact_type.empty()) e.entry.contact_type = col.contact_type;
          if (f == "comment") comment_text = *target;
          break;
        }
      }
    }
    if (!agency_column) e.entry.agency = out.agency;
    // The time, with the comment known.
    bool time_serial = time_cell && time_cell->serial && time_cell->date_styled;
    if (!time_text.empty() || time_serial) {
      EntryTime t;
      if (time_serial) t.time = time_from_serial(*time_cell->serial);
      else t = parse_entry_time(time_text);
      // The column the time was written in: the Time column, or the date's when it came with the date.
      const Mapped* time_column = nullptr;
      for (const auto& m : mapped)
        if (time_cell ? m.column->kind == ColumnKind::Time
                      : (m.column->kind == ColumnKind::Date || m.column->kind == ColumnKind::DateTime))
          time_column = &m;
      std::string what = time_column ? label(*time_column) : std::string("'time'");
      std::string rule = time_column ? time_column->column->rule : std::string();
      if (t.time.empty()) {
        diags.error(time_where, "row " + std::to_string(row.number) + ", " + what + ": '" + time_text +
                                    "' is not a time on the 24-hour clock (HH:MM, with a colon)",
                    (t.fix.empty() ? std::string("write it as HH:MM, 17:45") : "write " + t.fix) +
                        (rule.empty() ? "" : "; " + quoted_rule(rule, *set)));
      } else {
        e.entry.time = t.time;
        if (t.estimated) {
          e.entry.time_estimated = true;
          std::string c = lower(comment_text);
          if (c.find("estimat") == std::string::npos && c.find("approx") == std::string::npos && !raw.by_field)
            diags.warning(time_where, "row " + std::to_string(row.number) + ", " + what + ": '" + time_text +
                                          "' is an estimate, and the comment does not say so",
                          "say in the comment that the time is estimated" + (rule.empty() ? "" : "; " + quoted_rule(rule, *set)));
        }
      }
    }
    if (e.entry.event.empty() && e.entry.response.empty()) {
      diags.warning(row.where, "row " + std::to_string(row.number) + ": the entry says nothing of what happened",
                    "summarise the record in the event's column");
    }
    if (have_date) {
      std::pair<Date, std::string> key{e.entry.date, e.entry.time};
      if (previous && (key.first < previous->first ||
                       (key.first == previous->first && !key.second.empty() && !previous->second.empty() && key.second < previous->second)))
        diags.warning(date_where, "row " + std::to_string(row.number) + ": the entry of " + e.entry.date.uk() +
                                      (e.entry.time.empty() ? "" : " " + e.entry.time) + " comes after one of " +
                                      previous->first.uk() + (previous->second.empty() ? "" : " " + previous->second) +
                                      ": entries are out of date and time order",
                      "check the date; the integrated chronology puts every entry in order");
      previous = key;
      e.entry.node = nullptr;
      out.entries.push_back(std::move(e));
    }
  }
  if (out.entries.empty())
    diags.add({Severity::Note, raw.table_where.file.empty() ? in_file(raw.file) : raw.table_where,
               "the return has no entries", "if the agency had no contact in the period, record a nil return (agencies[].chronology.status: nil-return)"});
  // A return whose entries are all one agency's is that agency's return.
  if (out.agency.empty() && !out.entries.empty() &&
      std::all_of(out.entries.begin(), out.entries.end(),
                  [&](const ReturnEntry& e) { return e.entry.agency == out.entries[0].entry.agency; }))
    out.agency = out.entries[0].entry.agency;
  return out;
}

std::vector<CheckedReturn> check_returns(const std::vector<std::string>& files, const ColumnSets& sets,
                                         const CheckOptions& options, Diagnostics& diags, const std::string& sheet) {
  auto words = heading_words(sets);
  std::vector<Diagnostics> found(files.size());
  // The same file named twice (or by two paths) is read once: merged twice, it would count twice.
  std::vector<bool> repeat(files.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    auto a = std::filesystem::weakly_canonical(files[i], ec);
    for (std::size_t k = 0; k < i && !ec; ++k) {
      std::error_code ec2;
      if (!repeat[k] && std::filesystem::weakly_canonical(files[k], ec2) == a && !ec2) {
        repeat[i] = true;
        found[i].warning(in_file(files[i]), "this return is " + files[k] + " again: it is read once", "");
        break;
      }
    }
  }
  std::vector<std::optional<CheckedReturn>> results(files.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      if (repeat[i]) continue;
      auto raw = read_return(files[i], words, found[i], sheet);
      if (!raw) continue;
      if (raw->format == ReturnFormat::Csv && raw->encoding == "Windows-1252")
        found[i].add({Severity::Note, in_file(files[i]), "read as Windows-1252, the encoding Excel's 'CSV (Comma delimited)' uses",
                      "'CSV UTF-8' keeps every character"});
      results[i] = check_return(*raw, sets, options, found[i]);
    }
  };
  ooxml::prepare_xml_for_threads();
  std::size_t threads = std::min<std::size_t>(files.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  std::vector<CheckedReturn> out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    diags.append(found[i]);
    if (results[i]) out.push_back(std::move(*results[i]));
  }
  return out;
}

}  // namespace reviewkit::chronology
