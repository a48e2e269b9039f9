// reviewkit/timescales — the statutory deadlines a review's dates imply.
//
// In: the rules of a board profile (templates/boards/*.yaml: "decision: one month after referral")
// and the review's dates. Out: each deadline's due date and whether it was met. The rules are data
// because each board's procedure sets its own (one working day or five to tell Ofsted, six months
// from the decision or from the notification).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace reviewkit {

struct DeadlineRule {
  std::string name;    ///< the date that is due: "decision" (a key of review.dates)
  std::string label;   ///< "Decision whether to hold a review"
  std::string anchor;  ///< the date it counts from: "referral"
  int months = 0, days = 0, working_days = 0;
  bool before = false;  ///< due before the anchor ("one week before publication")

  /// "one month after referral", "5 working days after decision", "7 days before publication"
  std::string describe() const;
  Date due_from(const Date& anchor_date) const;
};

struct Deadline {
  const DeadlineRule* rule = nullptr;
  std::optional<Date> anchor;  ///< missing when the anchor date is not in the case yet
  std::optional<Date> due;        ///< the date it is due, after any agreed extension
  std::optional<Date> statutory;  ///< the date the rule alone gives
  std::optional<Date> done;    ///< the date the case records for it, if any
  /// Days late (positive) or early (negative or zero) when done; nothing when not done.
  std::optional<long> days_late() const;
};

/// Applies each rule to the case's dates; `date_of` gives a review date by name.
std::vector<Deadline> compute_deadlines(const std::vector<DeadlineRule>& rules,
                                        const std::function<std::optional<Date>(const std::string&)>& date_of);

}  // namespace reviewkit
