// reviewkit/figures — a cairo drawing written in memory as an SVG, PDF or PNG file.
//
// In: the format, the size in points, the PNG's resolution, the figure's title and description
// and a function that draws in points from the top left. Out: the file's bytes, or empty when
// cairo reports a problem at any step (making the surface, drawing, finishing, writing). SVGs hold
// the title and description as <title> and <desc> (cairo writes text as glyph outlines only), PDFs
// as their title and subject; PNGs are opaque (white behind the drawing) and record their
// resolution (pHYs), so that a word processor sizes them as the figure was meant. PDFs carry no
// creation date and SVGs no count of the process's surfaces: the same drawing gives the same bytes.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>

#include "figures/timeline.hpp"

namespace reviewkit::figures {

/// The largest figure reviewkit makes, in pixels (PNG) or points (SVG, PDF) a side.
constexpr double kMaxFigureSide = 20000;

/// Font settings every context of a figure uses, for measuring and drawing alike: no hinting of
/// metrics, so that text is as wide at every resolution as when it was measured.
void set_figure_font_options(cairo_t* cr);

struct FigureWords {
  std::string title, description;  ///< UTF-8, printable
};

std::string render_to_bytes(Format f, double width, double height, int dpi, const FigureWords& words,
                            const std::function<void(cairo_t*)>& draw);

}  // namespace reviewkit::figures
