// reviewkit/casefile — the case's family as a genogram to draw.
//
// In: a Case, the day the drawing reflects, and whether it may carry real names. Out: a
// figures::Genogram — the people born (or pregnancies known) by that day with their age on it or at
// death, the couples that had begun (ended ones with their stroke: a separation, a divorce; a
// partnership that ended with a partner's death has none), the household on that day (from
// household_periods when recorded, else household:), adoptions and fostering placements that had
// begun (a fostering that had ended is left out), twins, and the child at the centre. Labels are
// pseudonyms unless `named` (the restricted copy: the real name, the pseudonym under it).
#pragma once

#include "casefile/case.hpp"
#include "figures/genogram.hpp"

namespace reviewkit::casefile {

struct GenogramOptions {
  Date as_of;
  bool named = false;
};

figures::Genogram genogram_of(const Case& c, const GenogramOptions& options);

}  // namespace reviewkit::casefile
