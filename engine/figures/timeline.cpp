#include "timeline.hpp"

#include <cairo.h>

#include <algorithm>

#include "common/text.hpp"
#include "figures/plan.hpp"
#include "figures/surface.hpp"

namespace reviewkit::figures {

namespace {

constexpr double kPi = 3.14159265358979323846;

void set_colour(cairo_t* cr, const Rgb& c, double alpha = 1) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }
void grey(cairo_t* cr, double level) { cairo_set_source_rgb(cr, level, level, level); }

void fill(cairo_t* cr, const Box& b) {
  cairo_rectangle(cr, b.x, b.y, b.w, b.h);
  cairo_fill(cr);
}

void line(cairo_t* cr, double x1, double y1, double x2, double y2, double width) {
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
}

void text(cairo_t* cr, const PlacedText& t, const Rgb& colour) {
  if (t.text.empty()) return;
  cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL, t.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, t.size);
  set_colour(cr, colour);
  cairo_move_to(cr, t.x, t.baseline);
  cairo_show_text(cr, t.text.c_str());
  cairo_new_path(cr);
}

// Lanes in alternate light greys, a rule between them and a frame above and below.
void draw_lanes(cairo_t* cr, const TimelinePlan& p) {
  for (std::size_t i = 0; i < p.lanes.size(); ++i) {
    grey(cr, i % 2 ? 1.0 : 0.955);
    fill(cr, p.lanes[i].band);
  }
}

void draw_lane_rules(cairo_t* cr, const TimelinePlan& p) {
  grey(cr, 0.80);
  for (std::size_t i = 1; i < p.lanes.size(); ++i) line(cr, p.plot.x, p.lanes[i].band.y, p.plot.x + p.plot.w, p.lanes[i].band.y, 0.4);
  grey(cr, 0.55);
  line(cr, p.plot.x, p.plot.y, p.plot.x + p.plot.w, p.plot.y, 0.6);
  for (const auto& lane : p.lanes) text(cr, lane.label, kInk);
}

void draw_grid(cairo_t* cr, const TimelinePlan& p) {
  grey(cr, 0.86);
  if (p.minor_grid)
    for (double x : p.month_ticks) line(cr, x, p.plot.y, x, p.plot.y + p.plot.h, 0.35);
  grey(cr, 0.74);
  for (double x : p.labelled_ticks) line(cr, x, p.plot.y, x, p.plot.y + p.plot.h, 0.35);
}

void draw_periods(cairo_t* cr, const TimelinePlan& p) {
  for (const auto& e : p.events) {
    if (!e.period) continue;
    set_colour(cr, kAccent, 0.13);
    fill(cr, {e.x1, p.plot.y, std::max(e.x2 - e.x1, 1.0), p.plot.h});
    set_colour(cr, kAccent, 0.55);
    line(cr, e.x1, e.line_top, e.x1, p.plot.y + p.plot.h, 0.5);
    line(cr, e.x2, p.plot.y, e.x2, p.plot.y + p.plot.h, 0.5);
  }
}

void draw_event_lines(cairo_t* cr, const TimelinePlan& p) {
  const double dash[] = {3, 2};
  cairo_set_dash(cr, dash, 2, 0);
  set_colour(cr, kInk);
  for (const auto& e : p.events)
    if (!e.period) line(cr, e.x1, e.line_top, e.x1, p.plot.y + p.plot.h, 0.8);
  cairo_set_dash(cr, nullptr, 0, 0);
}

void dot(cairo_t* cr, double x, double y, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x, y, r, 0, 2 * kPi);
}

// A contact: a tick across the lane's middle. Seen: a blue dot, edged in white so that dots side by
// side stay apart. Seen alone: the dot in a ring.
void mark(cairo_t* cr, LegendKind kind, double x, double y, double lane_height) {
  double tick = std::min(16.0, lane_height * 0.5), r = std::min(3.2, lane_height * 0.18);
  if (kind == LegendKind::Contact) {
    set_colour(cr, kMuted);
    line(cr, x, y - tick / 2, x, y + tick / 2, 0.9);
    return;
  }
  dot(cr, x, y, r);
  set_colour(cr, kAccent);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_set_line_width(cr, 0.5);
  cairo_stroke(cr);
  if (kind == LegendKind::SeenAlone) {
    dot(cr, x, y, r + 2.2);
    set_colour(cr, kAccent);
    cairo_set_line_width(cr, 0.9);
    cairo_stroke(cr);
  }
}

LegendKind legend_kind(MarkKind k) {
  return k == MarkKind::SeenAlone ? LegendKind::SeenAlone : k == MarkKind::Seen ? LegendKind::Seen : LegendKind::Contact;
}

void draw_marks(cairo_t* cr, const TimelinePlan& p) {
  for (const auto& m : p.marks) mark(cr, legend_kind(m.kind), m.x, m.y, p.lane_height);
}

void draw_axis(cairo_t* cr, const TimelinePlan& p) {
  double bottom = p.plot.y + p.plot.h;
  set_colour(cr, kMuted);
  line(cr, p.plot.x, bottom, p.plot.x + p.plot.w, bottom, 0.75);
  for (double x : p.month_ticks) line(cr, x, bottom, x, bottom + 3, 0.5);
  for (double x : p.labelled_ticks) line(cr, x, bottom, x, bottom + 5, 0.75);
  for (const auto& label : p.axis_labels) text(cr, label, kInk);
}

// On white: where a line cannot help crossing a label (a crowded, narrow figure), it passes behind.
void draw_event_labels(cairo_t* cr, const TimelinePlan& p) {
  for (const auto& e : p.events) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    double left = e.period ? e.swatch.x : e.label.box.x;
    fill(cr, {left - 1, e.label.box.y, e.label.box.x + e.label.box.w - left + 2, e.label.box.h});
    if (e.period) {
      set_colour(cr, kAccent, 0.25);
      fill(cr, e.swatch);
    }
    text(cr, e.label, kInk);
  }
}

void draw_legend(cairo_t* cr, const TimelinePlan& p) {
  for (const auto& e : p.legend) {
    double cx = e.symbol.x + e.symbol.w / 2, cy = e.symbol.y + e.symbol.h / 2;
    if (e.kind == LegendKind::Event) {
      const double dash[] = {3, 2};
      cairo_set_dash(cr, dash, 2, 0);
      set_colour(cr, kInk);
      line(cr, cx, e.symbol.y - 1, cx, e.symbol.y + e.symbol.h + 1, 0.8);
      cairo_set_dash(cr, nullptr, 0, 0);
    } else if (e.kind == LegendKind::Period) {
      set_colour(cr, kAccent, 0.25);
      fill(cr, e.symbol);
    } else {
      mark(cr, e.kind, cx, cy, 20);
    }
    text(cr, e.label, kInk);
  }
}

void draw(cairo_t* cr, const TimelinePlan& p) {
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  draw_lanes(cr, p);
  draw_periods(cr, p);
  draw_grid(cr, p);
  draw_lane_rules(cr, p);
  draw_event_lines(cr, p);
  draw_marks(cr, p);
  draw_axis(cr, p);
  draw_event_labels(cr, p);
  draw_legend(cr, p);
  if (p.title) text(cr, *p.title, kInk);
}

std::string lane_in_words(const Timeline& t, std::size_t lane) {
  long contacts = 0, seen = 0, alone = 0;
  for (const auto& m : t.marks) {
    if (m.lane != lane || !mark_drawn(t, m)) continue;
    ++contacts;
    if (m.child_seen || m.seen_alone) ++seen;
    if (m.seen_alone) ++alone;
  }
  std::string out = printable(t.lanes[lane]) + ": ";
  if (contacts == 0) return out + "no contacts";
  out += counted(contacts, "contact");
  if (seen == 0) return out + ", the child not seen";
  out += ", the child seen at " + std::to_string(seen);
  if (alone > 0) out += ", alone at " + std::to_string(alone);
  return out;
}

std::string event_in_words(const TimelineEvent& e) {
  std::string out = printable(e.label) + ", " + e.from.uk();
  if (e.to && *e.to != e.from) out += " to " + e.to->uk();
  return out;
}

}  // namespace

std::string describe_timeline(const Timeline& t) {
  std::string out;
  if (!t.title.empty()) out += printable(t.title) + ". ";
  out += t.from == t.to ? "Contacts on " + t.from.uk() : "Contacts from " + t.from.uk() + " to " + t.to.uk();
  out += ", one line an agency.";
  for (std::size_t i = 0; i < t.lanes.size(); ++i) out += (i ? "; " : " ") + lane_in_words(t, i);
  if (!t.lanes.empty()) out += ".";
  std::string events;
  for (const auto& e : t.events)
    if (event_drawn(t, e)) events += (events.empty() ? " Events: " : "; ") + event_in_words(e);
  if (!events.empty()) out += events + ".";
  return out;
}

std::optional<Format> format_for(const std::filesystem::path& p) {
  std::string ext = ascii_lower(p.extension().string());
  if (ext == ".svg") return Format::Svg;
  if (ext == ".pdf") return Format::Pdf;
  if (ext == ".png") return Format::Png;
  return std::nullopt;
}

std::string draw_timeline(const Timeline& t, Format f, double width, double height, int dpi) {
  if (f == Format::Png && (dpi < 10 || dpi > 2400)) return {};
  auto plan = plan_timeline(t, width, height);
  if (!plan) return {};
  if (f == Format::Png && std::max(plan->width, plan->height) * dpi / 72.0 > kMaxFigureSide) return {};
  FigureWords words{printable(t.title), describe_timeline(t)};
  return render_to_bytes(f, plan->width, plan->height, dpi, words, [&](cairo_t* cr) { draw(cr, *plan); });
}

bool overlap(const Box& a, const Box& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

std::vector<Box> timeline_label_boxes(const Timeline& t, double width) {
  std::vector<Box> out;
  auto plan = plan_timeline(t, width, 0);
  if (!plan) return out;
  for (const auto& e : plan->events) {
    Box b = e.label.box;
    if (e.period) {
      b.w += b.x - e.swatch.x;
      b.x = e.swatch.x;
    }
    out.push_back(b);
  }
  return out;
}

std::vector<Box> timeline_axis_label_boxes(const Timeline& t, double width) {
  std::vector<Box> out;
  if (auto plan = plan_timeline(t, width, 0))
    for (const auto& label : plan->axis_labels) out.push_back(label.box);
  return out;
}

std::size_t timeline_marks_drawn(const Timeline& t) {
  auto plan = plan_timeline(t, 770, 0);
  return plan ? plan->marks.size() : 0;
}

}  // namespace reviewkit::figures
