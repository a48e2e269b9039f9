// reviewkit/pdf — text measured and wrapped in a face: what the forms and simple PDF pages need
// (the document layout breaks lines itself, with kerning and justification).
#pragma once

#include <string>
#include <vector>

#include "pdf/fonts.hpp"

namespace reviewkit::pdf {

/// The width of `text` in points at `size`, from the face's advance widths.
double text_width(const std::string& text, Face* face, double size);

/// Greedy lines of `text` no wider than `max` points; a line break in the text ends a line, and a
/// word wider than `max` stands alone on its line.
std::vector<std::string> wrap_text(const std::string& text, Face* face, double size, double max);

}  // namespace reviewkit::pdf
