#include "plan.hpp"

#include <algorithm>
#include <iterator>

#include "common/utf8.hpp"
#include "figures/measure.hpp"
#include "figures/surface.hpp"

namespace reviewkit::figures {

namespace {

constexpr double kMargin = 8;
constexpr double kLaneHeight = 60, kMinLaneHeight = 12;
constexpr double kTitleSize = 11, kLaneSize = 9, kLabelSize = 8.5, kAxisSize = 8, kLegendSize = 8;
constexpr double kRowHeight = 12;  ///< one row of event labels
constexpr double kRowGap = 5;      ///< between the lowest row and the lanes
constexpr double kLabelGap = 6;    ///< between labels on one row
constexpr double kAxisHeight = 22, kLegendRowHeight = 14;

/// Sets the text's line: its box's top at `top`.
void set_top(PlacedText& t, double top) {
  t.box.y = top;
  t.baseline = top + kAscent * t.size;
}

/// The x axis: each day of the period a slot of equal width.
struct Axis {
  long first = 0, days = 1;
  double left = 0, width = 0;
  double edge(long day) const { return left + static_cast<double>(day - first) * width / static_cast<double>(days); }
  double centre(const Date& d) const { return edge(d.days()) + 0.5 * width / static_cast<double>(days); }
};

bool real(const Date& d) { return Date::exists(d.year, d.month, d.day); }

Date first_month_start(const Date& from) {
  Date m{from.year, from.month, 1};
  return from.day == 1 ? m : m.add_months(1);
}

int month_index(const Date& d) { return d.year * 12 + d.month - 1; }

bool fits_beside(const Box& b, const std::vector<PlacedText>& kept, double gap) {
  return std::none_of(kept.begin(), kept.end(), [&](const PlacedText& k) {
    return b.x < k.box.x + k.box.w + gap && k.box.x < b.x + b.w + gap;
  });
}

class Planner {
 public:
  Planner(const Timeline& t, double width, double height) : t_(t), height_(height) { plan_.width = width; }

  std::optional<TimelinePlan> run() {
    if (!measure_.ok()) return std::nullopt;
    lanes_x();
    events_x();
    axis_x();
    legend_x();
    place_vertically();
    marks();
    return std::move(plan_);
  }

 private:
  std::size_t lane_count() const { return std::max<std::size_t>(t_.lanes.size(), 1); }
  double right() const { return plan_.width - kMargin; }

  void lanes_x() {
    double widest = 0;
    std::vector<std::string> names;
    for (const auto& l : t_.lanes) {
      names.push_back(printable(l));
      widest = std::max(widest, measure_.width(names.back(), kLaneSize, true));
    }
    double column = std::min(widest, 0.22 * (plan_.width - 2 * kMargin));
    plan_.plot.x = kMargin + column + (column > 0 ? 8 : 0);
    plan_.plot.w = right() - plan_.plot.x;
    axis_ = {t_.from.days(), t_.to.days() - t_.from.days() + 1, plan_.plot.x, plan_.plot.w};
    for (std::size_t i = 0; i < lane_count(); ++i) {
      PlacedLane lane;
      if (i < names.size()) {
        std::string name = measure_.fit(names[i], column, kLaneSize, true);
        lane.label = measure_.text(name, 0, kLaneSize, true);
        lane.label.x = lane.label.box.x = plan_.plot.x - 6 - lane.label.box.w;
      }
      plan_.lanes.push_back(lane);
    }
  }

  // Event labels: each starts just right of its line (moved left when it would run off the figure)
  // and takes the lowest row where it overlaps no label and, where possible, crosses no other
  // event's line and is crossed by none. Labels are placed from right to left, so that of close
  // events the one further left goes higher and its line passes left of the labels below it.
  void events_x() {
    double widest = std::min(0.5 * (plan_.width - 2 * kMargin), plan_.plot.w);
    std::vector<std::size_t> order;
    for (const auto& e : t_.events) {
      if (!event_drawn(t_, e)) continue;
      Date from = e.from, to = e.to.value_or(e.from);
      PlacedEvent p;
      p.period = e.to.has_value();
      if (p.period) {
        p.x1 = axis_.edge(std::max(from, t_.from).days());
        p.x2 = axis_.edge(std::min(to, t_.to).days() + 1);
      } else {
        p.x1 = p.x2 = axis_.centre(from);
      }
      double swatch = p.period ? 11 : 0;
      std::string label = measure_.fit(printable(e.label), widest - swatch, kLabelSize, false);
      p.label = measure_.text(label, 0, kLabelSize, false);
      double w = swatch + p.label.box.w;
      double a = std::max(kMargin, std::min(p.x1 + 3, right() - w));
      p.swatch = {a, 0, p.period ? 8.0 : 0.0, 0};
      p.label.x = p.label.box.x = a + swatch;
      order.push_back(plan_.events.size());
      plan_.events.push_back(p);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return plan_.events[a].x1 > plan_.events[b].x1; });
    rows_.assign(plan_.events.size(), -1);
    for (std::size_t i : order) rows_[i] = row_for(i);
    for (int r : rows_) row_count_ = std::max(row_count_, r + 1);
  }

  double start(std::size_t i) const { return plan_.events[i].period ? plan_.events[i].swatch.x : plan_.events[i].label.box.x; }
  double end(std::size_t i) const { return plan_.events[i].label.box.x + plan_.events[i].label.box.w; }
  bool covers(std::size_t i, double x) const { return x > start(i) - 2 && x < end(i) + 2; }

  int row_for(std::size_t i) {
    auto free = [&](int r, bool crossing_matters) {
      for (std::size_t j = 0; j < rows_.size(); ++j) {
        if (rows_[j] < 0) continue;
        if (rows_[j] == r && start(i) < end(j) + kLabelGap && start(j) < end(i) + kLabelGap) return false;
        if (!crossing_matters) continue;
        if (rows_[j] < r && covers(j, plan_.events[i].x1)) return false;  // this line would cross j's label
        if (rows_[j] > r && covers(i, plan_.events[j].x1)) return false;  // j's line would cross this label
      }
      return true;
    };
    int top = 0;
    for (int r : rows_) top = std::max(top, r + 1);
    for (int r = 0; r <= top; ++r)
      if (free(r, true)) return r;
    for (int r = 0;; ++r)
      if (free(r, false)) return r;  // row `top` is empty: this ends
  }

  // Month ticks along the axis, labelled every 1, 2, 3, 6 or 12 months (or more), whichever is the
  // most often that leaves the labels apart; a period shorter than that is labelled by its days.
  void axis_x() {
    static constexpr int kSteps[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200};
    std::vector<Date> months;
    for (Date m = first_month_start(t_.from); m <= t_.to; m = m.add_months(1)) months.push_back(m);
    double month_width = plan_.plot.w * 28 / static_cast<double>(axis_.days);
    int tick_step = 1;
    for (int s : kSteps)
      if ((tick_step = s) * month_width >= 4) break;
    plan_.minor_grid = tick_step * month_width >= 8;
    for (const Date& m : months)
      if (month_index(m) % tick_step == 0) plan_.month_ticks.push_back(axis_.edge(m.days()));
    for (int step : kSteps) {
      if (step * month_width < 20 && step != kSteps[std::size(kSteps) - 1]) continue;  // no label is that narrow
      std::vector<PlacedText> labels;
      std::vector<double> ticks;
      for (const Date& m : months) {
        if (month_index(m) % step != 0) continue;
        labels.push_back(axis_label(m.format(step < 12 ? "%b %Y" : "%Y"), axis_.edge(m.days())));
        ticks.push_back(axis_.edge(m.days()));
      }
      bool apart = true;
      for (std::size_t i = 1; i < labels.size(); ++i)
        if (!fits_beside(labels[i].box, {labels[i - 1]}, kLabelGap)) apart = false;
      if (!apart && step != kSteps[std::size(kSteps) - 1]) continue;
      if (labels.size() < 2) {
        // Too short for months to tell where it is: its first and last day, then what months fit.
        std::vector<PlacedText> ends{axis_label(t_.from.format("%-d %b %Y"), axis_.centre(t_.from))};
        std::vector<double> end_ticks{axis_.centre(t_.from)};
        PlacedText last = axis_label(t_.to.format("%-d %b %Y"), axis_.centre(t_.to));
        if (t_.to != t_.from && fits_beside(last.box, ends, kLabelGap)) {
          ends.push_back(last);
          end_ticks.push_back(axis_.centre(t_.to));
        }
        for (std::size_t i = 0; i < labels.size(); ++i)
          if (fits_beside(labels[i].box, ends, kLabelGap)) {
            ends.push_back(labels[i]);
            end_ticks.push_back(ticks[i]);
          }
        labels = ends;
        ticks = end_ticks;
      }
      keep_apart(labels, ticks);
      break;
    }
  }

  PlacedText axis_label(const std::string& s, double x) {
    PlacedText t = measure_.text(s, 0, kAxisSize, false);
    t.x = t.box.x = std::clamp(x - t.box.w / 2, kMargin, right() - t.box.w);
    return t;
  }

  /// Keeps, left to right, the labels clear of those kept before them (the edges' clamping can
  /// push one into its neighbour).
  void keep_apart(std::vector<PlacedText>& labels, std::vector<double>& ticks) {
    std::vector<std::size_t> order(labels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return labels[a].box.x < labels[b].box.x; });
    for (std::size_t i : order)
      if (fits_beside(labels[i].box, plan_.axis_labels, kLabelGap)) {
        plan_.axis_labels.push_back(labels[i]);
        plan_.labelled_ticks.push_back(ticks[i]);
      }
  }

  void legend_x() {
    bool any_event = std::any_of(plan_.events.begin(), plan_.events.end(), [](const PlacedEvent& e) { return !e.period; });
    bool any_period = std::any_of(plan_.events.begin(), plan_.events.end(), [](const PlacedEvent& e) { return e.period; });
    std::vector<std::pair<LegendKind, const char*>> entries{
        {LegendKind::Contact, "Contact"}, {LegendKind::Seen, "Child seen"}, {LegendKind::SeenAlone, "Child seen alone"}};
    if (any_event) entries.push_back({LegendKind::Event, "Key event"});
    if (any_period) entries.push_back({LegendKind::Period, "Period"});
    double x = plan_.plot.x;
    int row = 0;
    for (const auto& [kind, name] : entries) {
      LegendEntry e{kind, {}, measure_.text(name, 0, kLegendSize, false)};
      double w = 14 + 4 + e.label.box.w;
      if (x + w > right() && x > plan_.plot.x) {
        x = plan_.plot.x;
        ++row;
      }
      e.symbol = {x, row * kLegendRowHeight, 14, 9};  // y: the row, until place_vertically
      e.label.x = e.label.box.x = x + 18;
      plan_.legend.push_back(e);
      x += w + 16;
    }
    legend_rows_ = row + 1;
  }

  void place_vertically() {
    double y = kMargin;
    if (!t_.title.empty()) {
      std::string title = measure_.fit(printable(t_.title), plan_.width - 2 * kMargin, kTitleSize, true);
      plan_.title = measure_.text(title, kMargin, kTitleSize, true);
      set_top(*plan_.title, y);
      y += kTitleSize * kLineHeight + 6;
    }
    double rows_height = row_count_ * kRowHeight + (row_count_ ? kRowGap : 0);
    double fixed = y + rows_height + kAxisHeight + 6 + legend_rows_ * kLegendRowHeight + kMargin;
    auto n = static_cast<double>(lane_count());
    plan_.lane_height = height_ > 0 ? std::max(kMinLaneHeight, (height_ - fixed) / n) : kLaneHeight;
    plan_.height = height_ > 0 ? std::max(height_, fixed + n * kMinLaneHeight) : fixed + n * kLaneHeight;
    plan_.plot.y = y + rows_height;
    plan_.plot.h = n * plan_.lane_height;
    for (std::size_t i = 0; i < plan_.lanes.size(); ++i) {
      auto& lane = plan_.lanes[i];
      lane.band = {plan_.plot.x, plan_.plot.y + static_cast<double>(i) * plan_.lane_height, plan_.plot.w, plan_.lane_height};
      set_top(lane.label, lane.band.y + (plan_.lane_height - lane.label.box.h) / 2);
    }
    for (std::size_t i = 0; i < plan_.events.size(); ++i) {
      auto& e = plan_.events[i];
      double top = plan_.plot.y - kRowGap - (rows_[i] + 1) * kRowHeight;
      set_top(e.label, top + (kRowHeight - e.label.box.h) / 2);
      e.line_top = e.label.box.y + e.label.box.h;
      e.swatch.y = e.label.box.y + 1.5;
      e.swatch.h = e.label.box.h - 3;
    }
    double bottom = plan_.plot.y + plan_.plot.h;
    for (auto& label : plan_.axis_labels) set_top(label, bottom + 8);
    double legend_top = bottom + kAxisHeight + 6;
    for (auto& e : plan_.legend) {
      e.symbol.y += legend_top;
      set_top(e.label, e.symbol.y + (e.symbol.h - e.label.box.h) / 2);
    }
  }

  void marks() {
    if (t_.lanes.empty()) return;
    for (MarkKind kind : {MarkKind::Contact, MarkKind::Seen, MarkKind::SeenAlone})
      for (const auto& m : t_.marks) {
        if (!mark_drawn(t_, m)) continue;
        MarkKind k = m.seen_alone ? MarkKind::SeenAlone : m.child_seen ? MarkKind::Seen : MarkKind::Contact;
        if (k != kind) continue;
        const Box& band = plan_.lanes[m.lane].band;
        plan_.marks.push_back({axis_.centre(m.date), band.y + band.h / 2, k});
      }
  }

  const Timeline& t_;
  double height_;
  Measure measure_;
  TimelinePlan plan_;
  Axis axis_;
  std::vector<int> rows_;  ///< each placed event's row of labels, 0 the lowest
  int row_count_ = 0, legend_rows_ = 1;
};

}  // namespace

std::string printable(const std::string& text) {
  std::string out;
  for (char32_t c : utf32(text)) append_utf8(out, c < 0x20 || c == 0x7F ? U' ' : c);
  return out;
}

bool mark_drawn(const Timeline& t, const TimelineMark& m) {
  return real(m.date) && m.date >= t.from && m.date <= t.to && m.lane < t.lanes.size();
}

bool event_drawn(const Timeline& t, const TimelineEvent& e) {
  Date to = e.to.value_or(e.from);
  return real(e.from) && real(to) && e.from <= to && to >= t.from && e.from <= t.to && (e.to || e.from >= t.from);
}

std::optional<TimelinePlan> plan_timeline(const Timeline& t, double width, double height) {
  if (!real(t.from) || !real(t.to) || t.to < t.from) return std::nullopt;
  if (!(width >= 120 && width <= kMaxFigureSide) || !(height == 0 || (height >= 60 && height <= kMaxFigureSide))) return std::nullopt;
  auto plan = Planner(t, width, height).run();
  if (plan && plan->height > kMaxFigureSide) return std::nullopt;
  return plan;
}

}  // namespace reviewkit::figures
