// reviewkit/casefile — the stage a review has reached, from the events its case file records.
//
// A case file starts at referral and grows for months; each stage begins with an event the file
// records as a date on or before "today" (a later date is a plan and does not advance the stage),
// and from each stage on some fields are required (schema.cpp marks them with required_from). The
// table is documented in docs/case-file.md ("Stages").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "data/node.hpp"

namespace reviewkit::casefile {

struct StageDef {
  std::string id;           ///< "scoped"
  std::string starts_with;  ///< "review.dates.scoping_meeting"
  std::string needs;        ///< what is required from then on, in words
};
/// referred, decided, scoped, reports-in, completed, published — in order.
const std::vector<StageDef>& stage_table();

/// Where a case stands.
struct Progress {
  std::size_t index = 0;  ///< into stage_table(): the last stage reached
  /// "review"; "no-review" (the decision was b) alone or i)), "alternative" (one of c)–g)), or
  /// "awaiting-information" (h): the decision is not made yet). Only a review or an alternative
  /// review goes on past "decided".
  std::string track = "review";
  std::map<std::string, std::string> how;  ///< stage id -> "review.dates.scoping_meeting is 4 March 2025"
  std::vector<std::string> pending;        ///< dates recorded after today, as "decision (11 February 2025)"

  const std::string& stage() const { return stage_table()[index].id; }
  /// How `stage` was reached, or nothing while it has not been.
  std::optional<std::string> reached(const std::string& stage) const;
  /// What the next stage starts with and needs; empty at the last stage or off the review track.
  std::string next() const;
};

/// For templates filled from a case that lacks a field known only from a later stage: the field's
/// path ("panel.author") and what to tell the user ("the case file has no panel.author yet: it is
/// normally known once the review is reports-in …").
std::map<std::string, std::string> stage_hints();

/// Works out the stage from the case file as written (before it is checked: unreadable dates are
/// left out). Without `today`, every recorded date counts as passed.
Progress progress_of(const data::Node& root, const std::optional<Date>& today);

}  // namespace reviewkit::casefile
