#include "merge.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/numbers.hpp"
#include "common/text.hpp"

namespace reviewkit::chronology {

namespace {

bool word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

std::vector<std::string> name_parts(const std::string& name) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    char c = i < name.size() ? name[i] : ' ';
    if (c == ' ' || c == '-') {
      if (cur.size() >= 3) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// Titles and words that are not anyone's name on their own.
bool not_a_name(const std::string& part) {
  static const std::set<std::string> words = {"mrs", "miss", "dr.", "mr.", "the", "and", "baby", "unborn", "child", "parent"};
  return words.count(ascii_lower(part)) > 0;
}

}  // namespace

NameKey name_key(const casefile::Case& kase) {
  NameKey key;
  // Whole names first; then each part that belongs to one person only; parts several people share
  // (a family's surname) are replaced by words that name no one.
  std::vector<std::pair<std::string, std::string>> whole, parts;
  std::map<std::string, std::set<std::string>> owners;
  auto add = [&](const std::string& name, const std::string& instead) {
    if (trim(name).empty() || instead.empty()) return;
    whole.emplace_back(trim(name), instead);
    for (const auto& p : name_parts(name))
      if (!not_a_name(p)) owners[ascii_lower(p)].insert(instead);
  };
  for (const auto* p : kase.people()) add(p->name, p->pseudonym);
  for (const auto& pro : kase.professionals) add(pro.name, pro.role_code);
  for (const auto& pl : kase.places) whole.emplace_back(pl.name, pl.pseudonym);
  for (const auto* p : kase.people())
    for (const auto& part : name_parts(p->name)) {
      auto it = owners.find(ascii_lower(part));
      if (it == owners.end()) continue;
      parts.emplace_back(part, it->second.size() == 1 ? *it->second.begin() : std::string("[family name]"));
    }
  for (const auto& pro : kase.professionals)
    for (const auto& part : name_parts(pro.name)) {
      auto it = owners.find(ascii_lower(part));
      if (it == owners.end()) continue;
      parts.emplace_back(part, it->second.size() == 1 ? *it->second.begin() : std::string("[name]"));
    }
  key.names = whole;
  key.names.insert(key.names.end(), parts.begin(), parts.end());
  std::stable_sort(key.names.begin(), key.names.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // The same real text once.
  std::vector<std::pair<std::string, std::string>> unique;
  std::set<std::string> seen;
  for (const auto& n : key.names)
    if (seen.insert(ascii_lower(n.first)).second) unique.push_back(n);
  key.names = std::move(unique);
  return key;
}

std::string anonymise(const std::string& text, const NameKey& key, std::vector<std::string>& replaced) {
  std::string out = text;
  std::string lower_out = ascii_lower(out);
  for (const auto& [real, instead] : key.names) {
    std::string lower_real = ascii_lower(real);
    if (lower_out.find(lower_real) == std::string::npos) continue;
    std::size_t at = 0;
    std::string next;
    bool changed = false;
    while (true) {
      std::size_t found = lower_out.find(lower_real, at);
      if (found == std::string::npos) break;
      std::size_t end = found + lower_real.size();
      bool start_ok = found == 0 || !word_char(static_cast<unsigned char>(out[found - 1]));
      bool end_ok = end >= out.size() || !word_char(static_cast<unsigned char>(out[end]));
      next += out.substr(at, found - at);
      if (start_ok && end_ok) {
        next += instead;
        changed = true;
        if (std::find(replaced.begin(), replaced.end(), instead) == replaced.end()) replaced.push_back(instead);
      } else {
        next += out.substr(found, lower_real.size());
      }
      at = end;
    }
    if (changed) {
      next += out.substr(at);
      out = std::move(next);
      lower_out = ascii_lower(out);
    }
  }
  return out;
}

namespace {

// The words of an event that say what happened: small letters, three letters or more, without the
// commonest words.
std::set<std::string> event_words(const std::string& s) {
  static const std::set<std::string> stop = {"the", "and", "was", "were", "for", "with", "that", "this", "from",
                                             "her", "his", "she", "they", "has", "had", "not", "but", "are"};
  std::set<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    unsigned char c = i < s.size() ? static_cast<unsigned char>(s[i]) : ' ';
    if (word_char(c)) {
      cur += static_cast<char>(std::tolower(c));
    } else {
      if (cur.size() >= 3 && !stop.count(cur)) out.insert(cur);
      cur.clear();
    }
  }
  return out;
}

bool same_word_sets(const std::set<std::string>& x, const std::set<std::string>& y) {
  if (x.empty() || y.empty()) return false;
  std::size_t common = 0;
  for (const auto& w : x) common += y.count(w);
  std::size_t all = x.size() + y.size() - common;
  return common * 10 >= all * 6;  // at least 60 % of their words shared
}

}  // namespace

bool same_words(const std::string& a, const std::string& b) { return same_word_sets(event_words(a), event_words(b)); }

namespace {

std::string month_key(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  return buf;
}

void add_gaps(std::vector<Date> dates, const std::string& agency, std::optional<Date> from, std::optional<Date> to,
              int threshold, std::vector<Gap>& out) {
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  if (dates.empty()) return;
  std::vector<Date> points;
  if (from && *from < dates.front()) points.push_back(*from);
  points.insert(points.end(), dates.begin(), dates.end());
  if (to && dates.back() < *to) points.push_back(*to);
  for (std::size_t i = 1; i < points.size(); ++i) {
    // Days between two contacts with none in between: 1 March to 31 March is 29 days without.
    long days = points[i].days() - points[i - 1].days() - 1;
    if (days > threshold) out.push_back({agency, points[i - 1], points[i], days});
  }
}

}  // namespace

Integrated merge_returns(const std::vector<CheckedReturn>& returns, const casefile::Case& kase, const MergeOptions& options) {
  Integrated out;
  out.named = options.named;
  out.from = options.from ? options.from : kase.period_from;
  out.to = options.to ? options.to : kase.period_to;
  NameKey key = name_key(kase);
  std::size_t left_out = 0;
  for (const auto& r : returns)
    for (const auto& e : r.entries) {
      const auto& x = e.entry;
      bool keep = options.agencies.empty() ||
                  std::find(options.agencies.begin(), options.agencies.end(), x.agency) != options.agencies.end();
      if (!options.subject.empty() && std::find(x.subjects.begin(), x.subjects.end(), options.subject) == x.subjects.end())
        keep = false;
      if (options.from && x.date < *options.from) keep = false;
      if (options.to && *options.to < x.date) keep = false;
      if (!keep) {
        ++left_out;
        continue;
      }
      MergedEntry m;
      m.entry = e;
      out.entries.push_back(std::move(m));
    }
  if (left_out)
    out.notes.push_back(counted(static_cast<long long>(left_out), "entry", "entries") +
                        " of the returns left out by the choice of agencies, person or dates");

  // The case's order of agencies, for ties and for the lanes.
  std::map<std::string, std::size_t> agency_rank;
  for (std::size_t i = 0; i < kase.agencies.size(); ++i) agency_rank[kase.agencies[i].abbreviation] = i;
  auto rank = [&](const std::string& a) {
    auto it = agency_rank.find(a);
    return it == agency_rank.end() ? agency_rank.size() : it->second;
  };
  std::map<std::string, std::size_t> file_rank;
  for (std::size_t i = 0; i < returns.size(); ++i) file_rank.emplace(returns[i].file, i);
  std::stable_sort(out.entries.begin(), out.entries.end(), [&](const MergedEntry& a, const MergedEntry& b) {
    const auto& x = a.entry.entry;
    const auto& y = b.entry.entry;
    if (x.date != y.date) return x.date < y.date;
    if (x.time.empty() != y.time.empty()) return x.time.empty();  // untimed first
    if (x.time != y.time) return x.time < y.time;
    if (x.agency != y.agency) {
      std::size_t ra = rank(x.agency), rb = rank(y.agency);
      return ra != rb ? ra < rb : x.agency < y.agency;
    }
    if (a.entry.file != b.entry.file) return file_rank[a.entry.file] < file_rank[b.entry.file];
    return a.entry.order < b.entry.order;
  });

  // The same event from different agencies: each later entry of it follows the first, marked.
  // (The leader of each entry's event is found first; the order is then made in one pass.)
  std::vector<std::size_t> leader(out.entries.size());
  for (std::size_t i = 0; i < leader.size(); ++i) leader[i] = i;
  int group = 0;
  std::vector<std::vector<std::size_t>> followers(out.entries.size());
  std::vector<std::set<std::string>> people(out.entries.size()), words(out.entries.size());
  for (std::size_t i = 0; i < out.entries.size(); ++i) {
    const auto& x = out.entries[i].entry.entry;
    people[i] = std::set<std::string>(x.subjects.begin(), x.subjects.end());
    words[i] = event_words(x.event);
  }
  // Entries of a day are compared with at most the next kSameDayWindow of that day, so that a
  // return of thousands of entries on one date (a mistake, or a crafted file) stays quick.
  constexpr std::size_t kSameDayWindow = 500;
  for (std::size_t i = 0; i < out.entries.size(); ++i) {
    if (leader[i] != i) continue;
    const auto& x = out.entries[i].entry.entry;
    if (x.subjects.empty()) continue;
    for (std::size_t j = i + 1; j < out.entries.size() && j <= i + kSameDayWindow && out.entries[j].entry.entry.date == x.date; ++j) {
      const auto& y = out.entries[j].entry.entry;
      if (leader[j] != j || !followers[j].empty() || y.agency == x.agency) continue;
      if (people[j] != people[i] || !same_word_sets(words[i], words[j])) continue;
      if (followers[i].empty()) out.entries[i].same_event = ++group;
      leader[j] = i;
      followers[i].push_back(j);
      out.entries[j].same_event = out.entries[i].same_event;
      out.entries[j].same_as = x.agency + ", row " + std::to_string(out.entries[i].entry.row);
    }
  }
  if (group) {
    std::vector<MergedEntry> ordered;
    ordered.reserve(out.entries.size());
    for (std::size_t i = 0; i < out.entries.size(); ++i) {
      if (leader[i] != i) continue;
      ordered.push_back(std::move(out.entries[i]));
      for (std::size_t j : followers[i]) ordered.push_back(std::move(out.entries[j]));
    }
    out.entries = std::move(ordered);
  }
  if (group)
    out.notes.push_back(counted(group, "event") + " recorded by more than one agency: their entries are shown together, "
                        "each marked with the entry it repeats");

  // The anonymised view: real names out of the free text.
  if (!options.named) {
    for (auto& m : out.entries) {
      std::vector<std::string> used;
      auto& x = m.entry.entry;
      for (std::string* field : {&x.event, &x.response, &x.comment, &x.source}) *field = anonymise(*field, key, used);
      for (auto& n : m.entry.subject_names) n = anonymise(n, key, used);
      std::sort(used.begin(), used.end());
      if (!used.empty())
        out.notes.push_back(std::filesystem::path(m.entry.file).filename().string() + " row " + std::to_string(m.entry.row) +
                            ": real names in the text replaced by " + listed(used));
    }
  }

  // ---------------------------------------------------------------- analysis
  Analysis& a = out.analysis;
  a.gap_days = options.gap_days.value_or(kDefaultGapDays);
  if (!options.gap_days && kase.data)
    if (const data::Node* c = kase.data->get("chronology"))
      if (const data::Node* g = c->get("gap_days"))
        if (auto n = parse_integer<int>(g->text()); n && *n > 0) a.gap_days = *n;
  std::vector<std::string> agencies;
  for (const auto& ag : kase.agencies) agencies.push_back(ag.abbreviation);
  for (const auto& m : out.entries)
    if (std::find(agencies.begin(), agencies.end(), m.entry.entry.agency) == agencies.end())
      agencies.push_back(m.entry.entry.agency);
  std::map<std::string, SeenCounts> by_agency;
  SeenCounts all;
  std::map<std::string, std::vector<Date>> dates;
  std::vector<Date> every;
  std::string child_id = kase.child.id;
  for (const auto& m : out.entries) {
    const auto& x = m.entry.entry;
    for (SeenCounts* s : {&by_agency[x.agency], &all}) {
      ++s->entries;
      bool about = std::find(x.subjects.begin(), x.subjects.end(), child_id) != x.subjects.end() ||
                   x.contact_type == "with-child" || x.child_seen.value_or(false);
      if (about) ++s->about_child;
      if (x.child_seen.value_or(false)) {
        ++s->seen;
        s->seen_on.push_back(x.date);
      }
      if (x.seen_alone.value_or(false)) {
        ++s->seen_alone;
        s->alone_on.push_back(x.date);
      }
      if (x.wishes_and_feelings.value_or(false)) {
        ++s->wishes;
        s->wishes_on.push_back(x.date);
      }
      if (about && !x.child_seen) ++s->not_recorded;
    }
    dates[x.agency].push_back(x.date);
    every.push_back(x.date);
    ++a.per_month[month_key(x.date)][x.agency];
  }
  for (const auto& ag : agencies) {
    if (!by_agency.count(ag)) continue;
    out.agencies.push_back(ag);
    SeenCounts s = by_agency[ag];
    s.agency = ag;
    a.seen.push_back(s);
  }
  a.seen.push_back(all);
  add_gaps(every, "", out.from, out.to, a.gap_days, a.gaps);
  for (const auto& ag : out.agencies) add_gaps(dates[ag], ag, std::nullopt, std::nullopt, a.gap_days, a.gaps);
  return out;
}

}  // namespace reviewkit::chronology
