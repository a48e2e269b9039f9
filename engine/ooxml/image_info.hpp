// reviewkit/ooxml — what a picture is: PNG or JPEG, its size in pixels and its resolution, read
// from its header without decoding it (to size inserted images and to refuse broken ones).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reviewkit::ooxml {

struct ImageInfo {
  std::string extension;  ///< "png" or "jpeg"
  long width = 0, height = 0;
  double dpi_x = 96, dpi_y = 96;
};

/// Nothing when the bytes are neither a PNG nor a JPEG, or their header is damaged.
std::optional<ImageInfo> inspect_image(std::string_view bytes);

/// The largest picture reviewkit draws, in pixels a side.
constexpr long kMaxImagePixels = 30000;

}  // namespace reviewkit::ooxml
