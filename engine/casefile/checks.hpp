// reviewkit/casefile — the checks that need the whole case: dates that contradict each other,
// pseudonyms that are not unique or give a real name away, family relationships that cannot be,
// recommendations without actions.
#pragma once

#include "case.hpp"

namespace reviewkit::casefile {

void check_case(const Case& c, Diagnostics& diags);

}  // namespace reviewkit::casefile
