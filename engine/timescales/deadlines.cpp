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
}  // namespace

std::string DeadlineRule::describe() const {
  std::string amount;
  auto add = [&](const std::string& part) { amount += (amount.empty() ? "" : " and ") + part; };
  if (months) add(words(months, "month"));
  if (days) add(days % 7 == 0 ? words(days / 7, "week") : words(days, "day"));
  if (working_days) add(words(working_days, "working day"));
  if (amount.empty()) amount = "on the day of";
  else amount += before ? " before" : " after";
  std::string what = anchor;
  for (auto& c : what) if (c == '_') c = ' ';
  return amount + " " + what;
}

Date DeadlineRule::due_from(const Date& from) const {
  int sign = before ? -1 : 1;
  Date d = from.add_months(sign * months).add_days(sign * days);
  if (working_days) d = add_working_days(d, sign * working_days);
  return d;
}

std::optional<long> Deadline::days_late() const {
  if (!due || !done) return std::nullopt;
  return done->days() - due->days();
}

std::vector<Deadline> compute_deadlines(const std::vector<DeadlineRule>& rules,
                                        const std::function<std::optional<Date>(const std::string&)>& date_of) {
  std::vector<Deadline> out;
  for (const auto& rule : rules) {
    Deadline d;
    d.rule = &rule;
    d.anchor = date_of(rule.anchor);
    if (d.anchor) d.due = d.statutory = rule.due_from(*d.anchor);
    d.done = date_of(rule.name);
    out.push_back(d);
  }
  return out;
}

}  // namespace reviewkit
