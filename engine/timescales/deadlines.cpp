#include "deadlines.hpp"

#include "working_days.hpp"

namespace reviewkit {

namespace {
std::string words(int n, const char* unit) {
  static const char* kSmall[] = {"zero", "one", "two", "three", "four", "five", "six",
                                 "seven", "eight", "nine", "ten", "eleven", "twelve"};
  std::string number = n >= 0 && n <= 12 ? kSmall[n] : std::to_string(n);
  return number + " " + unit + (n == 1 ? "" : "s");
}

std::string spaced(std::string s) {
  for (auto& c : s)
    if (c == '_') c = ' ';
  return s;
}
}  // namespace

std::string DeadlineRule::describe() const {
  if (!due.empty()) return "on the date set in " + due;
  if (every_months) return (every_months == 1 ? std::string("every month") : "every " + words(every_months, "month")) +
                           " from " + spaced(anchor);
  std::string amount;
  auto add = [&](const std::string& part) { amount += (amount.empty() ? "" : " and ") + part; };
  if (months) add(words(months, "month"));
  if (days) add(days % 7 == 0 ? words(days / 7, "week") : words(days, "day"));
  if (working_days) add(words(working_days, "working day"));
  if (amount.empty()) amount = "on the day of";
  else amount += before ? " before" : " after";
  return amount + " " + spaced(anchor);
}

Date DeadlineRule::due_from(const Date& from) const {
  int sign = before ? -1 : 1;
  Date d = from.add_months(sign * months).add_days(sign * days);
  if (working_days) d = add_working_days(d, sign * working_days);
  return d;
}

const char* status_name(DeadlineStatus s) {
  switch (s) {
    case DeadlineStatus::Waiting: return "waiting";
    case DeadlineStatus::Met: return "met";
    case DeadlineStatus::Late: return "late";
    case DeadlineStatus::Due: return "due";
    case DeadlineStatus::Overdue: return "overdue";
  }
  return "waiting";
}

std::optional<long> Deadline::days_late() const {
  if (!due || !done) return std::nullopt;
  return done->days() - due->days();
}

DeadlineStatus Deadline::status(const Date& today) const {
  if (!due) return DeadlineStatus::Waiting;
  if (done) return *done <= *due ? DeadlineStatus::Met : DeadlineStatus::Late;
  return *due < today ? DeadlineStatus::Overdue : DeadlineStatus::Due;
}

long Deadline::days_over(const Date& today) const {
  switch (status(today)) {
    case DeadlineStatus::Late: return done->days() - due->days();
    case DeadlineStatus::Overdue: return today.days() - due->days();
    default: return 0;
  }
}

std::vector<Deadline> compute_deadlines(
    const std::vector<DeadlineRule>& rules,
    const std::function<std::optional<Date>(const std::string& key, const std::string& subject)>& date_of,
    const std::vector<std::string>& subjects, const std::function<bool(const DeadlineRule&)>& applies,
    const std::optional<Date>& today) {
  std::vector<Deadline> out;
  for (const auto& rule : rules) {
    if (applies && !applies(rule)) continue;
    auto one = [&](const std::string& subject) {
      Deadline d;
      d.rule = &rule;
      d.subject = subject;
      if (!rule.due.empty()) {
        d.due = d.statutory = date_of(rule.due, subject);
        if (!d.due) return;  // an agency that was never asked has no deadline
      } else {
        d.anchor = date_of(rule.anchor, subject);
        // Counted from an event still to come: nothing is due yet (a `before` rule counts back from a
        // planned date, such as publication, and is due already).
        if (d.anchor && today && *today < *d.anchor && !rule.before) d.anchor.reset();
        if (!subject.empty() && !d.anchor) return;
        if (d.anchor && rule.every_months) {
          // The next report on or after today; without a day, the first.
          Date next = d.anchor->add_months(rule.every_months);
          for (int i = 2; today && next < *today && i < 1200; ++i) next = d.anchor->add_months(rule.every_months * i);
          d.due = d.statutory = next;
        } else if (d.anchor) {
          d.due = d.statutory = rule.due_from(*d.anchor);
        }
      }
      if (!rule.every_months) d.done = date_of(rule.done_key(), subject);
      if (d.done && today && *today < *d.done) d.done.reset();  // recorded ahead: a plan, not yet done
      out.push_back(d);
    };
    if (rule.each.empty()) {
      one("");
    } else {
      for (const auto& s : subjects) one(s);
    }
  }
  return out;
}

}  // namespace reviewkit
