#include "bars.hpp"

#include <algorithm>
#include <cmath>

#include "common/text.hpp"
#include "figures/plan.hpp"
#include "figures/surface.hpp"

namespace reviewkit::figures {

namespace {

// Tones that stay apart in colour and in greys when printed in black and white.
struct Tone {
  double r, g, b;
};
const Tone kTones[] = {{0.09, 0.27, 0.50}, {0.55, 0.69, 0.84}, {0.30, 0.30, 0.30}, {0.78, 0.78, 0.78},
                       {0.20, 0.47, 0.70}, {0.60, 0.60, 0.60}, {0.05, 0.15, 0.30}, {0.88, 0.92, 0.97}};

double text_width(cairo_t* cr, const std::string& s) {
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  return e.x_advance;
}

}  // namespace

std::string describe_bars(const MonthlyBars& c) {
  int total = 0, best = -1;
  std::size_t busiest = 0;
  std::vector<int> per(c.series.size(), 0);
  for (std::size_t m = 0; m < c.counts.size(); ++m) {
    int month = 0;
    for (std::size_t s = 0; s < c.counts[m].size() && s < per.size(); ++s) {
      month += c.counts[m][s];
      per[s] += c.counts[m][s];
    }
    total += month;
    if (month > best) {
      best = month;
      busiest = m;
    }
  }
  std::string out = c.title + ": " + counted(total, "contact") + " over " + counted(static_cast<long long>(c.months.size()), "month");
  if (best > 0 && busiest < c.months.size()) out += ", the most in " + c.months[busiest] + " (" + std::to_string(best) + ")";
  std::vector<std::string> parts;
  for (std::size_t s = 0; s < c.series.size(); ++s) parts.push_back(c.series[s] + " " + std::to_string(per[s]));
  if (!parts.empty()) out += "; " + listed(parts);
  return out + ".";
}

std::string draw_monthly_bars(const MonthlyBars& c, Format f, double width, double height, int dpi) {
  if (c.months.empty() || c.series.empty() || !(width >= 200) || !(height >= 120) || width > kMaxFigureSide ||
      height > kMaxFigureSide || dpi < 36 || dpi > 1200 || width * dpi / 72 > kMaxFigureSide || height * dpi / 72 > kMaxFigureSide)
    return {};
  int most = 1;
  for (const auto& m : c.counts) {
    int sum = 0;
    for (int n : m) sum += std::max(0, n);
    most = std::max(most, sum);
  }
  auto draw = [&](cairo_t* cr) {
    set_figure_font_options(cr);
    cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 10);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, 6, 14);
    cairo_show_text(cr, c.title.c_str());
    cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 7.5);
    // The legend on the right, one agency a line.
    double legend_w = 0;
    for (const auto& s : c.series) legend_w = std::max(legend_w, text_width(cr, s));
    legend_w += 22;
    double left = 34, top = 26, right = width - legend_w - 10, bottom = height - 26;
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      const Tone& t = kTones[s % 8];
      double y = top + static_cast<double>(s) * 12;
      cairo_set_source_rgb(cr, t.r, t.g, t.b);
      cairo_rectangle(cr, right + 12, y, 8, 8);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
      cairo_set_line_width(cr, 0.4);
      cairo_stroke(cr);
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      cairo_move_to(cr, right + 24, y + 7.5);
      cairo_show_text(cr, c.series[s].c_str());
    }
    // The count axis: whole-number ticks, about five.
    int step = std::max(1, static_cast<int>(std::ceil(most / 5.0)));
    for (int v = 0; v <= most; v += step) {
      double y = bottom - (bottom - top) * v / most;
      cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
      cairo_set_line_width(cr, 0.5);
      cairo_move_to(cr, left, y);
      cairo_line_to(cr, right, y);
      cairo_stroke(cr);
      std::string label = std::to_string(v);
      cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
      cairo_move_to(cr, left - 4 - text_width(cr, label), y + 2.5);
      cairo_show_text(cr, label.c_str());
    }
    // The bars, and the month labels every nth month so that none overlaps the next.
    double slot = (right - left) / static_cast<double>(c.months.size());
    double widest = 0;
    for (const auto& m : c.months) widest = std::max(widest, text_width(cr, m));
    std::size_t every = static_cast<std::size_t>(std::max(1.0, std::ceil((widest + 6) / slot)));
    for (std::size_t m = 0; m < c.months.size(); ++m) {
      double x = left + slot * static_cast<double>(m) + slot * 0.15, w = slot * 0.7, y = bottom;
      for (std::size_t s = 0; m < c.counts.size() && s < c.counts[m].size() && s < c.series.size(); ++s) {
        int n = std::max(0, c.counts[m][s]);
        if (!n) continue;
        double h = (bottom - top) * n / most;
        const Tone& t = kTones[s % 8];
        cairo_set_source_rgb(cr, t.r, t.g, t.b);
        cairo_rectangle(cr, x, y - h, w, h);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.3);
        cairo_stroke(cr);
        y -= h;
      }
      if (m % every == 0) {
        double tw = text_width(cr, c.months[m]);
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        cairo_move_to(cr, left + slot * (static_cast<double>(m) + 0.5) - tw / 2, bottom + 11);
        cairo_show_text(cr, c.months[m].c_str());
      }
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.7);
    cairo_move_to(cr, left, bottom);
    cairo_line_to(cr, right, bottom);
    cairo_stroke(cr);
  };
  return render_to_bytes(f, width, height, dpi, {c.title, describe_bars(c)}, draw);
}

}  // namespace reviewkit::figures
