// reviewkit/casefile — what `reviewkit validate` prints for a valid case, and the values templates
// can read beyond the case file as written (ages, deadlines, the board profile).
#pragma once

#include <string>

#include "case.hpp"

namespace reviewkit::casefile {

/// A short summary: the review, people, agencies, chronology, recommendations, key dates and the
/// statutory deadlines they imply (met, missed, or still to come as of `today`).
std::string summary(const Case& c, const Date& today);

/// "Stage: decided (no review: …) — the referral is decided (review.dates.decision is …)"
std::string stage_line(const Case& c);
/// A deadline's status in words: "met on 10 February 2025", "LATE: done …, 3 days late", "OVERDUE by 2 days".
std::string deadline_status(const Deadline& d, const Date& today);
/// One line of the summary's deadlines: label, due date, status and rule.
std::string deadline_line(const Deadline& d, const Date& today);

/// Human names for codes: "Serious Case Review" for scr.
std::string review_kind_name(const std::string& kind);

/// The data templates read: the case file as written plus the derived values docs/case-file.md lists.
data::NodePtr template_data(const Case& c, const Date& today);

}  // namespace reviewkit::casefile
