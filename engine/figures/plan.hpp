// reviewkit/figures — where everything of a timeline goes, worked out before anything is drawn.
//
// In: a Timeline and the figure's width and height in points (height 0: as tall as it needs). Out:
// a TimelinePlan — every lane, mark, event line, band, label, axis tick and legend entry with its
// place in points from the top left, text already cut to fit (with an ellipsis) and event labels
// stacked on rows so that none overlaps another or is crossed by another's line. Text is measured
// with cairo in the font the drawing uses, so that the drawing only follows the plan. Nothing when
// the timeline's period or the size cannot make a figure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "figures/timeline.hpp"

namespace reviewkit::figures {

/// The one font and the colours of every figure: greys and one blue, which print as greys.
inline constexpr const char* kFontFamily = "Liberation Sans";
struct Rgb {
  double r, g, b;
};
inline constexpr Rgb kInk{0.13, 0.13, 0.13}, kMuted{0.38, 0.38, 0.38}, kAccent{0.12, 0.31, 0.50};

struct PlacedText {
  std::string text;
  double x = 0, baseline = 0;  ///< where the text starts
  double size = 9;
  bool bold = false;
  Box box;  ///< the text's box: its advance wide, a line high
};

struct PlacedLane {
  Box band;
  PlacedText label;
};

enum class MarkKind { Contact, Seen, SeenAlone };
struct PlacedMark {
  double x = 0, y = 0;  ///< the centre
  MarkKind kind = MarkKind::Contact;
};

struct PlacedEvent {
  bool period = false;
  double x1 = 0, x2 = 0;  ///< the line (x1 == x2), or the band's edges
  double line_top = 0;    ///< the line (for a period, its left edge) reaches up to its label
  PlacedText label;
  Box swatch;  ///< a period's small band before its label
};

enum class LegendKind { Contact, Seen, SeenAlone, Event, Period };
struct LegendEntry {
  LegendKind kind;
  Box symbol;
  PlacedText label;
};

struct TimelinePlan {
  double width = 0, height = 0;
  std::optional<PlacedText> title;
  Box plot;  ///< the lanes, top to bottom
  double lane_height = 0;
  std::vector<PlacedLane> lanes;
  std::vector<double> month_ticks;     ///< x of each month's first day (or each 2nd, 3rd… when crowded)
  bool minor_grid = true;              ///< a line across the lanes at each tick, not only the labelled
  std::vector<double> labelled_ticks;  ///< the ticks with a label under them
  std::vector<PlacedText> axis_labels;
  std::vector<PlacedMark> marks;  ///< contacts first, then seen, then seen alone: the rarer on top
  std::vector<PlacedEvent> events;  ///< in the order of Timeline::events, those drawn
  std::vector<LegendEntry> legend;
};

std::optional<TimelinePlan> plan_timeline(const Timeline& t, double width, double height);

/// A mark is drawn when its date is a real one in the period and its lane exists.
bool mark_drawn(const Timeline& t, const TimelineMark& m);
/// An event is drawn when it is in the period; a period when any of it is (the rest is cut off).
/// One whose `to` is before its `from` is not.
bool event_drawn(const Timeline& t, const TimelineEvent& e);

/// The text cairo can show: invalid UTF-8 as U+FFFD, control characters as spaces.
std::string printable(const std::string& text);

}  // namespace reviewkit::figures
