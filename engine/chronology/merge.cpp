#include "merge.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <thread>

#include "common/numbers.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"
#include "data/node.hpp"

namespace reviewkit::chronology {

namespace {

bool word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

std::vector<std::string> name_parts(const std::string& name) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    char c = i < name.size() ? name[i] : ' ';
    if (c == ' ' || c == '-' || c == ',' || c == '(' || c == ')') {
      if (cur.size() >= 3 && cur.find('.') == std::string::npos) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// Titles, ranks and roles: parts of a name that on their own name no one ("the Constable arrived").
// Names that are everyday words too ("Grace", "Birch"): replaced only where written with their
// capital ("Grace said", not "a period of grace").
bool everyday_word(const std::string& part) { return scan::everyday_word(part); }

bool not_a_name(const std::string& part) { return scan::names_no_one(part); }

// What the anonymised view says for someone the case names without a pseudonym: their role.
std::string role_of(const data::Node& n) {
  for (const char* key : {"role", "job_title"})
    if (const data::Node* r = n.get(key); r && r->is_scalar() && !r->text().empty()) return "[" + r->text() + "]";
  return "[name]";
}

}  // namespace

NameKey name_key(const casefile::Case& kase) {
  NameKey key;
  // Whole names first; then each part that belongs to one person only; parts several people share
  // (a family's surname) are replaced by words that name no one.
  std::vector<std::pair<std::string, std::string>> whole, parts;
  std::map<std::string, std::set<std::string>> owners;
  std::vector<std::string> named;  // every name with parts, in order
  auto add = [&](const std::string& name, const std::string& instead) {
    std::string n = trim(name);
    if (n.empty() || instead.empty()) return;
    whole.emplace_back(n, instead);
    named.push_back(n);
    for (const auto& p : name_parts(n))
      if (!not_a_name(p)) owners[change_case(p, LetterCase::Lower)].insert(instead);
  };
  for (const auto* p : kase.people()) add(p->name, p->pseudonym);
  for (const auto& pro : kase.professionals) add(pro.name, pro.role_code);
  // Everyone else the case file names (agencies' chief officers, senior managers and authors, the
  // board's contacts, the panel, who made a visit): by their role.
  std::set<std::string> known;
  for (const auto& w : whole) known.insert(w.first);
  if (kase.data) {
    std::function<void(const data::Node&, const std::string&)> walk = [&](const data::Node& n, const std::string& key) {
      if (n.is_map()) {
        const data::Node* name = n.get("name");
        bool organisation = key == "agencies" || key == "places" || key == "board";
        if (name && name->is_scalar() && !organisation && !known.count(trim(name->text())) && !n.get("pseudonym") && !n.get("abbreviation"))
          add(name->text(), role_of(n));
        if (const data::Node* by = n.get("by"); by && by->is_scalar()) {
          std::string who = by->text().substr(0, by->text().find(" ("));
          if (name_parts(who).size() >= 2 && !known.count(who)) add(who, "[name]");
        }
        for (const auto& e : n.entries) walk(*e.value, e.key);
      } else if (n.is_list()) {
        for (const auto& item : n.items) walk(*item, key);
      }
    };
    walk(*kase.data, "");
  }
  // Places: the whole name, the name without its house or flat number ("Fernbank Close"), and each
  // word of it that is not an everyday one ("Millbrook").
  for (const auto& pl : kase.places) {
    whole.emplace_back(pl.name, pl.pseudonym);
    std::string street = pl.name;
    auto comma = street.rfind(',');
    if (comma != std::string::npos) street = trim(street.substr(comma + 1));
    while (!street.empty() && (std::isdigit(static_cast<unsigned char>(street[0])) || street[0] == ' ')) street.erase(0, 1);
    if (!street.empty() && street != pl.name && name_parts(street).size() >= 2) whole.emplace_back(street, pl.pseudonym);
    for (const auto& part : name_parts(pl.name))
      if (!not_a_name(part) && std::isupper(static_cast<unsigned char>(part[0])))
        parts.emplace_back(everyday_word(part) ? "\x01" + part : part, pl.pseudonym);
  }
  for (const auto& n : named)
    for (const auto& part : name_parts(n)) {
      auto it = owners.find(change_case(part, LetterCase::Lower));
      if (it == owners.end()) continue;
      // An everyday word is matched as written, with its capital (marked for anonymise()).
      parts.emplace_back(everyday_word(part) ? "\x01" + part : part,
                         it->second.size() == 1 ? *it->second.begin() : std::string("[family name]"));
    }
  std::vector<std::pair<std::string, std::string>> names = whole;
  names.insert(names.end(), parts.begin(), parts.end());
  std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // The same real text once.
  std::vector<scan::Identifier> ids;
  std::set<std::string> seen;
  for (const auto& [entry, instead] : names) {
    bool exact = !entry.empty() && entry[0] == '\x01';  // an everyday word, matched with its capital only
    std::string real = exact ? entry.substr(1) : entry;
    if (!seen.insert(change_case(real, LetterCase::Lower)).second) continue;
    scan::Identifier id;
    id.text = real;
    id.replacement = instead;
    id.as_written = exact;
    ids.push_back(std::move(id));
  }
  key.matcher = scan::Matcher(std::move(ids));
  return key;
}

std::string anonymise(const std::string& text, const NameKey& key, std::vector<std::string>& replaced) {
  return scan::replace_hits(text, key.matcher.find(text, false), replaced);
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
  // Between two contacts, the days with none: 1 March to 31 March is 29 days without. From the
  // period's first day, that day is without a contact too; so is its last day, up to the end.
  if (from && *from < dates.front()) {
    long days = dates.front().days() - from->days();
    if (days > threshold) out.push_back({agency, *from, dates.front(), days, true, false});
  }
  for (std::size_t i = 1; i < dates.size(); ++i) {
    long days = dates[i].days() - dates[i - 1].days() - 1;
    if (days > threshold) out.push_back({agency, dates[i - 1], dates[i], days, false, false});
  }
  if (to && dates.back() < *to) {
    long days = to->days() - dates.back().days();
    if (days > threshold) out.push_back({agency, dates.back(), *to, days, false, true});
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
  for (const auto& r : returns)
    for (const auto& u : r.undated)
      out.notes.push_back(u + ": an entry dated 'not known', which cannot be placed in the chronology; see the return");
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
      // Both timed: the same event only within two hours of each other.
      if (!x.time.empty() && !y.time.empty()) {
        auto minutes = [](const std::string& t) {
          return parse_integer<int>(t.substr(0, 2)).value_or(0) * 60 + parse_integer<int>(t.substr(3, 2)).value_or(0);
        };
        if (std::abs(minutes(x.time) - minutes(y.time)) > 120) continue;
      }
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
  // (Entries are independent: the work is shared between the machine's cores, the notes kept in order.)
  if (!options.named) {
    std::vector<std::vector<std::string>> used(out.entries.size());
    auto work = [&](std::size_t from, std::size_t to) {
      for (std::size_t i = from; i < to; ++i) {
        auto& x = out.entries[i].entry.entry;
        for (std::string* field : {&x.event, &x.response, &x.comment, &x.source}) *field = anonymise(*field, key, used[i]);
        for (auto& n : out.entries[i].entry.subject_names) n = anonymise(n, key, used[i]);
      }
    };
    std::size_t n = out.entries.size();
    std::size_t threads = n < 256 ? 1 : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work, n * t / threads, n * (t + 1) / threads);
    work(0, n / threads);
    for (auto& t : pool) t.join();
    for (std::size_t i = 0; i < n; ++i) {
      std::sort(used[i].begin(), used[i].end());
      const auto& m = out.entries[i];
      if (!used[i].empty())
        out.notes.push_back(std::filesystem::path(m.entry.file).filename().string() + " row " + std::to_string(m.entry.row) +
                            ": real names in the text replaced by " + listed(used[i]));
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
  std::set<int> events_counted;  // an event several agencies record is one occasion for all agencies
  std::size_t outside = 0;
  for (const auto& m : out.entries) {
    const auto& x = m.entry.entry;
    // The analysis is of the period shown; entries outside it are listed, not counted.
    if ((out.from && x.date < *out.from) || (out.to && *out.to < x.date)) {
      ++outside;
      continue;
    }
    bool first_of_event = m.same_event == 0 || events_counted.insert(m.same_event).second;
    for (SeenCounts* s : {&by_agency[x.agency], &all}) {
      if (s == &all && !first_of_event) continue;
      ++s->entries;
      bool about = std::find(x.subjects.begin(), x.subjects.end(), child_id) != x.subjects.end() ||
                   x.contact_type == "with-child" || x.child_seen.value_or(false);
      if (about) ++s->about_child;
      if (x.child_seen.value_or(false)) {
        ++s->seen;
        s->seen_on.push_back(x.date);
      }
      // Seen alone only where the child was seen, or the return says nothing either way.
      if (x.seen_alone.value_or(false) && x.child_seen.value_or(true)) {
        ++s->seen_alone;
        s->alone_on.push_back(x.date);
      }
      if (x.wishes_and_feelings.value_or(false)) {
        ++s->wishes;
        s->wishes_on.push_back(x.date);
      }
      if (x.seen_alone.has_value()) s->alone_recorded = true;
      if (x.wishes_and_feelings.has_value()) s->wishes_recorded = true;
      if (about && !x.child_seen) ++s->not_recorded;
    }
    dates[x.agency].push_back(x.date);
    every.push_back(x.date);
    ++a.per_month[month_key(x.date)][x.agency];
  }
  if (outside)
    out.notes.push_back(counted(static_cast<long long>(outside), "entry", "entries") +
                        " outside the period are listed but not counted in the analysis");
  auto unique_dates = [](std::vector<Date>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  for (auto* s : {&all}) {
    unique_dates(s->seen_on);
    unique_dates(s->alone_on);
    unique_dates(s->wishes_on);
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
