// reviewkit/cli — the figures a template's {% figure NAME %} tags ask for, drawn from the case.
//
// In: the case (loaded once for the command) and the figure a tag asks for, with its size. Out: the
// figure as PNG (300 dots per inch, for print), SVG and PDF, its size in points and its
// description (the picture's alternative text); or an error naming the figures there are.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "casefile/case.hpp"
#include "templating/part_template.hpp"

namespace reviewkit::cli {

/// The figure a template asks for, drawn from the case: "timeline" (the chronology timeline of the
/// case's own entries), drawn for the width asked (16 cm when none is) and the height asked or, when
/// none is, as tall as it needs; "genogram" (the family as known on the document's day, by
/// pseudonyms), drawn at its own size and shown at the size asked. Unknown names: an error listing
/// the known ones.
std::optional<templating::FigureImage> case_figure(const casefile::Case& kase, const templating::FigureRequest& request,
                                                   std::string& error);

/// case_figure for `kase` as a fill's FigureHandler, each figure drawn once for each size asked: a
/// batch asks for the same one for every letter, and again for each PDF.
templating::FigureHandler case_figures(std::shared_ptr<const casefile::Case> kase);

}  // namespace reviewkit::cli
