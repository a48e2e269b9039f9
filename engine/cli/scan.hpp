// reviewkit/cli — what a case says could identify its family, for the scanner.
#pragma once

#include <vector>

#include "casefile/case.hpp"
#include "scan/scan.hpp"

namespace reviewkit::cli {

/// The real names of the children, the family and the professionals (who appear by role code), of
/// the panel and board people not named in publication (by job title), dates of birth, addresses
/// and their lines, phone numbers, e-mail addresses and the places the case names, each with what
/// to write instead; and, as warnings, the child's exact date of death. One identifier a text: a
/// surname the family shares is told as theirs together.
std::vector<scan::Identifier> case_identifiers(const casefile::Case& c);

}  // namespace reviewkit::cli
