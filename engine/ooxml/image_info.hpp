// reviewkit/ooxml — what a picture is: PNG or JPEG, its size in pixels and its resolution, read
// from its header without decoding it (to size inserted images and to refuse broken ones); or a
// PDF (a figure drawn as vector art, which the PDF layout draws as such), sized by its page.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reviewkit::ooxml {

struct ImageInfo {
  std::string extension;  ///< "png", "jpeg" or "pdf"
  long width = 0, height = 0;  ///< pixels; a PDF's in points (at 72 dpi), 0 x 0 when not known
  double dpi_x = 96, dpi_y = 96;
};

/// Nothing when the bytes are neither a PNG, a JPEG nor a PDF, or their header is damaged (a PDF:
/// no %%EOF in its last kilobyte, as a cut-off file). A PDF's size is its first /MediaBox written
/// out plainly; one inside a compressed object stream is not read here (0 x 0: the PDF reader that
/// draws it judges it).
std::optional<ImageInfo> inspect_image(std::string_view bytes);

/// The largest picture reviewkit draws, in pixels a side.
constexpr long kMaxImagePixels = 30000;

}  // namespace reviewkit::ooxml
