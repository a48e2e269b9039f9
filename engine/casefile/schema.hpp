// reviewkit/casefile — the shape of a case file and of a board profile, as data.
//
// Every key a case file may hold, with its type, whether it is required and one line saying what it
// is for. The validator checks against it, `reviewkit help case-file` prints it, and a test keeps
// docs/case-file.md listing every path.
#pragma once

#include <map>
#include <string>

#include "data/schema.hpp"

namespace reviewkit::casefile {

/// The root shape of a case file.
const data::Shape& case_shape();
/// The root shape of a board profile (templates/boards/NAME.yaml).
const data::Shape& board_shape();
/// The shape of one deadline rule in a board profile.
const data::Shape& deadline_rule_shape();
/// The shape of review.dates: its keys are the dates a deadline rule may set or count from.
const data::Shape& review_dates_shape();
/// Where each id space is defined, for messages: {"agency", "agencies[].abbreviation"}.
const std::map<std::string, std::string>& id_space_homes();

/// The review kinds, the referral form's decision options and what each option means.
const std::vector<std::string>& review_kinds();
const std::map<std::string, std::string>& decision_options();
/// The decision as the clause of a sentence ("I decided that …"): "this case meets the threshold for a
/// Serious Case Review"; for b) with an alternative, "this case does not meet … but warrants a
/// Multi-Agency Review". Empty for options that are not a) to i).
std::string decision_clause(const std::vector<std::string>& options);

}  // namespace reviewkit::casefile
