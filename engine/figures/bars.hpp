// reviewkit/figures — a small bar chart of contacts per month, stacked by agency.
//
// In: the months in order (their labels), the agencies, and how many contacts each agency had in
// each month. Out: the chart's bytes as SVG, PDF or PNG (surface.hpp), bars stacked in the order of
// the agencies with a legend, a count axis with whole-number ticks, month labels as often as they
// fit without overlapping; empty when there is nothing to draw or the size is not sensible.
#pragma once

#include <string>
#include <vector>

#include "figures/timeline.hpp"

namespace reviewkit::figures {

struct MonthlyBars {
  std::string title;                     ///< "Contacts per agency per month"
  std::vector<std::string> months;       ///< "Nov 2023", one a bar
  std::vector<std::string> series;       ///< agencies, bottom of the stack first
  std::vector<std::vector<int>> counts;  ///< counts[month][series]
};

std::string draw_monthly_bars(const MonthlyBars& chart, Format f, double width = 770, double height = 230, int dpi = 200);
/// The chart in words: the busiest month, the total, each agency's total.
std::string describe_bars(const MonthlyBars& chart);

}  // namespace reviewkit::figures
