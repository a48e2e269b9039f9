#include "guidance.hpp"

namespace reviewkit::casefile {

const Edition* edition(const std::string& year) {
  static const std::vector<Edition> editions = {
      {"2006", "Chapter 8 of Working Together to Safeguard Children (2006)", {"Ofsted"}, "the Government Office",
       "Ofsted and the Government Office", "Serious Case Review"},
      {"2010", "Chapter 8 of Working Together to Safeguard Children (2010)", {"Ofsted"}, "the Government Office",
       "Ofsted and the Government Office", "Serious Case Review"},
      {"2013", "Chapter 4 of Working Together to Safeguard Children (2013)", {"Ofsted", "the National Panel"},
       "Ofsted and the National Panel", "the National Panel", "Serious Case Review"},
      {"2015", "Chapter 4 of Working Together to Safeguard Children (2015)", {"Ofsted", "the National Panel"},
       "Ofsted and the National Panel", "the National Panel", "Serious Case Review"},
      {"2018", "Chapter 4 of Working Together to Safeguard Children (2018)",
       {"the Child Safeguarding Practice Review Panel", "Ofsted"}, "the Child Safeguarding Practice Review Panel",
       "the Child Safeguarding Practice Review Panel", "Local Child Safeguarding Practice Review"},
      {"2023", "Chapter 5 of Working Together to Safeguard Children (2023)",
       {"the Child Safeguarding Practice Review Panel", "Ofsted"}, "the Child Safeguarding Practice Review Panel",
       "the Child Safeguarding Practice Review Panel", "Local Child Safeguarding Practice Review"},
  };
  for (const auto& e : editions)
    if (e.year == year) return &e;
  return nullptr;
}

}  // namespace reviewkit::casefile
