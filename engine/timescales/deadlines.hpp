// reviewkit/timescales — the statutory deadlines a review's dates imply.
//
// In: the rules of a board profile (templates/boards/*.yaml: "decision: one month after referral")
// and the dates a case records. Out: each deadline's due date and its status on a given day. The
// rules are data because each board's procedure sets its own (one working day or five to tell
// Ofsted, six months from the decision or from the notification, two months for each agency to
// appoint its report's author).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace reviewkit {

struct DeadlineRule {
  std::string name;    ///< the rule's id: "decision", "imr_author"
  std::string label;   ///< "Decision whether to hold a review"
  std::string anchor;  ///< the date it counts from: "referral" (for each agency: "report.requested")
  std::string done;    ///< the date that records it done; the rule's name when not given
  std::string due;     ///< a date the case records as the deadline itself ("report.due"), instead of a count
  std::string each;    ///< "agency": a deadline for every agency with the anchor (or due) date; "" for the review
  std::string when;    ///< a condition over the case; the rule applies only when it holds
  std::string source;  ///< where the rule comes from: "001 §4.3"
  int months = 0, days = 0, working_days = 0;
  bool before = false;   ///< due before the anchor ("one week before publication")
  int every_months = 0;  ///< recurring: due every so many months from the anchor, with no end date

  /// "one month after referral", "5 working days after decision", "7 days before publication",
  /// "every month from completion", "on the date set in report.due"
  std::string describe() const;
  Date due_from(const Date& anchor_date) const;
  const std::string& done_key() const { return done.empty() ? name : done; }
};

enum class DeadlineStatus {
  Waiting,  ///< the date it counts from is not recorded yet
  Met,      ///< done on or before the deadline
  Late,     ///< done after the deadline
  Due,      ///< not done, the deadline is today or later
  Overdue,  ///< not done, the deadline has passed
};
const char* status_name(DeadlineStatus s);  ///< "waiting", "met", "late", "due", "overdue"

struct Deadline {
  const DeadlineRule* rule = nullptr;
  std::string subject;            ///< the agency it is for ("CSC"), empty for the review
  std::optional<Date> anchor;     ///< missing when the anchor date is not in the case yet
  std::optional<Date> due;        ///< the date it is due, after any agreed extension
  std::optional<Date> statutory;  ///< the date the rule alone gives
  std::optional<Date> done;       ///< the date the case records for it, if any
  std::string note;               ///< what else the reader must know: "the extension was asked for 9 days after the deadline"

  std::string id() const { return subject.empty() ? rule->name : rule->name + "." + subject; }
  std::string label() const { return subject.empty() ? rule->label : rule->label + " (" + subject + ")"; }
  /// Days late (positive) or early (negative or zero) when done; nothing when not done.
  std::optional<long> days_late() const;
  DeadlineStatus status(const Date& today) const;
  /// Days late when late, days overdue when overdue; otherwise 0.
  long days_over(const Date& today) const;
};

/// Applies each rule: `date_of(key, subject)` gives a recorded date (subject is "" for the review,
/// or the agency), `subjects` the agencies of "each: agency" rules, `applies(rule)` whether a
/// rule's condition holds. Recurring rules give the next date on or after `today`; a date recorded
/// as done after `today` is a plan, so the deadline is not done yet.
std::vector<Deadline> compute_deadlines(
    const std::vector<DeadlineRule>& rules,
    const std::function<std::optional<Date>(const std::string& key, const std::string& subject)>& date_of,
    const std::vector<std::string>& subjects, const std::function<bool(const DeadlineRule&)>& applies,
    const std::optional<Date>& today);

}  // namespace reviewkit
