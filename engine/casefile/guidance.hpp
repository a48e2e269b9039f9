// reviewkit/casefile — what each edition of Working Together means for a review's letters: the
// chapter they cite and the national bodies they speak of.
//
// The seeds (../shared/seeds) cite the guidance of their edition: "Chapter 8 of 'Working Together'
// 2006 and updated 2010" (000), "Chapter 4 Working Together to Safeguard Children (2013)" (001),
// "Chapter Eight of 'Working Together to Safeguard Children' (DfE2010)" (004, the letter asking for an IMR), "Working Together
// 2015 Chapter 4" (003). Before 2013 a decision goes to Ofsted, which tells the Government Office
// and the DCSF (002 §6), and the Government Office agrees extensions "in writing" (004 f); from
// 2013 Ofsted and the National Panel are told (001 §4.3, 003 §1.2).
#pragma once

#include <string>
#include <vector>

namespace reviewkit::casefile {

struct Edition {
  std::string year;                          ///< "2010"
  std::string citation;                      ///< "Chapter 8 of Working Together to Safeguard Children (2010)"
  std::vector<std::string> decision_bodies;  ///< told of the decision: {"Ofsted", "the National Panel"}
  std::string extension_agreed_by;           ///< "the Government Office", "Ofsted and the National Panel"
  std::string publication_told;              ///< told before publication
  std::string review_name;                   ///< the statutory review a referral asks for: "Serious Case Review"
};

/// The edition's table row, or nullptr for a year that is not an edition.
const Edition* edition(const std::string& year);

}  // namespace reviewkit::casefile
