// reviewkit/chronology — the timeline figure of a chronology: what figures/ draws, from the case.
//
// In: chronology entries (the integrated chronology's, or the case file's own) and the case. Out: a
// figures::Timeline — one lane an agency with entries (in the case's order), each entry a mark
// (the child seen, seen alone), and the key events drawn across every lane: the incident, each
// child-protection plan as a period, births and deaths in the period, and the case's own
// chronology.key_events (moves, a partner joining the household). People are named by pseudonym
// unless `named`. And the chart of contacts per agency per month.
#pragma once

#include <optional>
#include <vector>

#include "casefile/case.hpp"
#include "figures/bars.hpp"
#include "figures/timeline.hpp"
#include "merge.hpp"

namespace reviewkit::chronology {

figures::Timeline timeline_of(const std::vector<const casefile::ChronologyEntry*>& entries, const casefile::Case& kase,
                              std::optional<Date> from, std::optional<Date> to, bool named);

/// Contacts per agency per month of the integrated chronology, every month from its first entry to
/// its last, as the chart under the analysis's table.
figures::MonthlyBars monthly_bars_of(const Integrated& merged);

}  // namespace reviewkit::chronology
