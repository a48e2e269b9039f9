// reviewkit/figures — text measured in the figures' font, so that a plan and its drawing agree.
#pragma once

#include <cairo.h>

#include <string>

#include "common/utf8.hpp"
#include "figures/plan.hpp"
#include "figures/surface.hpp"

namespace reviewkit::figures {

inline constexpr double kAscent = 0.9, kLineHeight = 1.12;  ///< of Liberation Sans, in ems (rounded up)

/// Sets the text's line: its box's top at `top`.
void set_text_top(PlacedText& t, double top);

/// Measures text in the figures' font on a surface of its own.
class Measure {
 public:
  Measure() : surface_(cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)), cr_(cairo_create(surface_)) {
    set_figure_font_options(cr_);
  }
  ~Measure() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  Measure(const Measure&) = delete;
  Measure& operator=(const Measure&) = delete;

  bool ok() const { return cairo_status(cr_) == CAIRO_STATUS_SUCCESS; }

  double width(const std::string& text, double size, bool bold) {
    cairo_select_font_face(cr_, kFontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr_, text.c_str(), &e);
    return e.x_advance;
  }

  /// The text, or as much of it as fits in `max` with an ellipsis after it (nothing when not even
  /// the ellipsis fits).
  std::string fit(const std::string& text, double max, double size, bool bold) {
    if (width(text, size, bold) <= max) return text;
    std::u32string chars = utf32(text);
    auto cut = [&](std::size_t n) {
      std::string s;
      for (std::size_t i = 0; i < n; ++i) append_utf8(s, chars[i]);
      while (!s.empty() && s.back() == ' ') s.pop_back();
      return s + "\u2026";
    };
    std::size_t lo = 0, hi = chars.size();  // cut(lo) fits (or lo == 0); cut(hi) does not
    if (width(cut(0), size, bold) > max) return {};
    while (hi - lo > 1) {
      std::size_t mid = (lo + hi) / 2;
      (width(cut(mid), size, bold) <= max ? lo : hi) = mid;
    }
    return cut(lo);
  }

  PlacedText text(const std::string& s, double x, double size, bool bold) {
    PlacedText t;
    t.text = s;
    t.x = x;
    t.size = size;
    t.bold = bold;
    t.box = {x, 0, width(s, size, bold), kLineHeight * size};
    return t;
  }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

}  // namespace reviewkit::figures
