// reviewkit/figures — the chronology timeline: each agency's contacts with the child over the
// review period, drawn with cairo as SVG, PDF or PNG.
//
// In: a Timeline — the review period (the x axis), one lane an agency, its contacts as marks (a
// tick; a filled circle when the child was seen; a ringed circle when seen alone), key events as
// dashed lines across the lanes and periods (a child-protection plan) as shaded bands. Out: the
// file's bytes; or, for checking, where each label of an event lands. What falls outside the
// period, or in a lane that does not exist, is left out (timeline_marks_drawn counts what is
// drawn, so that the caller can say how many were left out). Never throws.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace reviewkit::figures {

struct TimelineMark {
  Date date;
  std::size_t lane = 0;  ///< index into Timeline::lanes
  bool child_seen = false;
  bool seen_alone = false;  ///< seen alone implies seen
};

/// A key event (an incident, a birth, a move) drawn as a dashed line across all lanes; with `to`,
/// a period (a child-protection plan) drawn as a shaded band across all lanes. Its label is written
/// above the lanes.
struct TimelineEvent {
  Date from;
  std::optional<Date> to;
  std::string label;
};

struct Timeline {
  std::string title;  ///< "Agency contact with Child A, 1 October 2023 to 15 January 2025"
  Date from, to;      ///< the review period, both days included: the x axis
  std::vector<std::string> lanes;  ///< agency abbreviations, one lane each, top to bottom
  std::vector<TimelineMark> marks;
  std::vector<TimelineEvent> events;
};

enum class Format { Svg, Pdf, Png };

/// By the file's extension in any case: .svg, .pdf, .png; nothing for any other.
std::optional<Format> format_for(const std::filesystem::path& p);

/// The figure, `width` x `height` points (PNG: at `dpi`, so width * dpi / 72 pixels wide, rounded,
/// with its resolution recorded). Height 0: as tall as it needs, 60 pt a lane plus the rows of
/// event labels, the axis and the legend; a given height is shared out the same way, and grown
/// when it leaves a lane less than 12 pt. Labels too long for the figure end in an ellipsis; event
/// labels never overlap (they stack on rows above the lanes). The same timeline gives the same bytes.
/// Empty when nothing can be drawn: `from` after `to` or either not a real date, a width, height or
/// dpi that is not a sensible size (more than 20000 pixels a side), or cairo failing.
std::string draw_timeline(const Timeline& t, Format f, double width = 770, double height = 0, int dpi = 200);

/// The figure in words, for readers who cannot see it (the SVG's <desc>, the PDF's subject, a
/// picture's alternative text): the period, each lane's contacts drawn — how many, at how many the
/// child was seen and seen alone — and each event drawn with its dates.
std::string describe_timeline(const Timeline& t);

/// A rectangle in points from the figure's top left.
struct Box {
  double x = 0, y = 0, w = 0, h = 0;
};
bool overlap(const Box& a, const Box& b);  ///< they share more than an edge

/// Where draw_timeline writes the label of each event that is drawn (those in the period), in the
/// order of t.events: the boxes the drawing itself uses.
std::vector<Box> timeline_label_boxes(const Timeline& t, double width = 770);
/// Where it writes the month labels of the axis, left to right.
std::vector<Box> timeline_axis_label_boxes(const Timeline& t, double width = 770);
/// How many of t.marks are drawn: those dated in the period, in a lane that exists.
std::size_t timeline_marks_drawn(const Timeline& t);

}  // namespace reviewkit::figures
