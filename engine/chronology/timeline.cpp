#include "timeline.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace reviewkit::chronology {

namespace {

std::string category_words(const std::string& category) {
  std::string out = category;
  std::replace(out.begin(), out.end(), '-', ' ');
  return out;
}

}  // namespace

figures::Timeline timeline_of(const std::vector<const casefile::ChronologyEntry*>& entries, const casefile::Case& kase,
                              std::optional<Date> from, std::optional<Date> to, bool named) {
  figures::Timeline t;
  // The period: the one asked for, else the review's, else the entries' own span.
  if (!from) from = kase.period_from;
  if (!to) to = kase.period_to;
  for (const auto* e : entries) {
    if (!from || e->date < *from) from = from ? from : e->date;
    if (!to) to = e->date;
  }
  if (!from || !to) {
    Date d = entries.empty() ? Date{2000, 1, 1} : entries.front()->date;
    from = from ? from : d;
    to = to ? to : d;
  }
  t.from = *from;
  t.to = *to;
  auto label = [&](const casefile::Person& p) { return named || p.pseudonym.empty() ? p.name : p.pseudonym; };
  t.title = "Agency contact with " + label(kase.child) + ", " + t.from.uk() + " to " + t.to.uk();
  for (const auto& a : kase.agencies)
    if (std::any_of(entries.begin(), entries.end(), [&](const casefile::ChronologyEntry* e) { return e->agency == a.abbreviation; }))
      t.lanes.push_back(a.abbreviation);
  for (const auto* e : entries)
    if (std::find(t.lanes.begin(), t.lanes.end(), e->agency) == t.lanes.end()) t.lanes.push_back(e->agency);
  for (const auto* e : entries) {
    auto lane = static_cast<std::size_t>(std::find(t.lanes.begin(), t.lanes.end(), e->agency) - t.lanes.begin());
    t.marks.push_back({e->date, lane, e->child_seen.value_or(false) || e->seen_alone.value_or(false), e->seen_alone.value_or(false)});
  }
  auto in_period = [&](const Date& d) { return !(d < t.from) && !(t.to < d); };
  if (auto incident = kase.date("incident"); incident && in_period(*incident))
    t.events.push_back({*incident, std::nullopt, "Incident"});
  std::vector<const casefile::Person*> children = {&kase.child};
  for (const auto& c : kase.other_children) children.push_back(&c);
  for (const auto* p : kase.people()) {
    const data::Node* plans = p->node ? p->node->get("child_protection_plans") : nullptr;
    if (plans && plans->is_list())
      for (const auto& plan : plans->items) {
        auto start = Date::parse(plan->get("from") ? plan->get("from")->text() : "");
        auto end = Date::parse(plan->get("to") ? plan->get("to")->text() : "");
        if (!start) continue;
        std::string what = "Child protection plan: " + label(*p);
        if (const data::Node* cat = plan->get("category")) what += " (" + category_words(cat->text()) + ")";
        Date stop = end ? *end : t.to;
        if (stop < t.from || t.to < *start) continue;
        t.events.push_back({std::max(*start, t.from), std::min(stop, t.to), what});
      }
    if (p->date_of_birth && in_period(*p->date_of_birth)) t.events.push_back({*p->date_of_birth, std::nullopt, label(*p) + " born"});
    if (p->died && in_period(*p->died)) t.events.push_back({*p->died, std::nullopt, label(*p) + " died"});
  }
  if (kase.data)
    if (const data::Node* c = kase.data->get("chronology"))
      if (const data::Node* key = c->get("key_events"); key && key->is_list())
        for (const auto& k : key->items) {
          auto d = Date::parse(k->get("date") ? k->get("date")->text() : "");
          auto end = Date::parse(k->get("to") ? k->get("to")->text() : "");
          std::string what = k->get("label") ? k->get("label")->text() : std::string();
          if (d && in_period(*d)) t.events.push_back({*d, end ? std::optional<Date>(std::min(*end, t.to)) : std::nullopt, what});
        }
  std::stable_sort(t.events.begin(), t.events.end(), [](const figures::TimelineEvent& a, const figures::TimelineEvent& b) { return a.from < b.from; });
  return t;
}

figures::MonthlyBars monthly_bars_of(const Integrated& merged) {
  figures::MonthlyBars c;
  c.title = "Contacts per agency per month";
  c.series = merged.agencies;
  const auto& per = merged.analysis.per_month;
  if (per.empty()) return c;
  auto first = Date::parse(per.begin()->first + "-01"), last = Date::parse(per.rbegin()->first + "-01");
  if (!first || !last) return c;
  for (Date d = *first; d <= *last; d = d.add_months(1)) {
    c.months.push_back(d.format("%b %Y"));
    std::vector<int> row;
    auto it = per.find(d.format("%Y-%m"));
    for (const auto& a : c.series) row.push_back(it != per.end() && it->second.count(a) ? it->second.at(a) : 0);
    c.counts.push_back(row);
  }
  return c;
}

}  // namespace reviewkit::chronology
