#include "image_info.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace reviewkit::ooxml {

namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}
std::uint32_t be16(std::string_view b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1]));
}

bool is_pdf_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

/// The four numbers of the first "/MediaBox [x1 y1 x2 y2]", or nothing.
std::optional<std::array<double, 4>> first_media_box(std::string_view b) {
  std::size_t at = b.find("/MediaBox");
  if (at == std::string_view::npos) return std::nullopt;
  at += 9;
  while (at < b.size() && is_pdf_space(b[at])) ++at;
  if (at >= b.size() || b[at] != '[') return std::nullopt;
  ++at;
  std::array<double, 4> box{};
  for (double& v : box) {
    while (at < b.size() && is_pdf_space(b[at])) ++at;
    auto [end, ec] = std::from_chars(b.data() + at, b.data() + b.size(), v);
    if (ec != std::errc() || !std::isfinite(v)) return std::nullopt;
    at = static_cast<std::size_t>(end - b.data());
  }
  return box;
}

std::optional<ImageInfo> inspect_pdf(std::string_view b) {
  if (b.substr(b.size() > 1024 ? b.size() - 1024 : 0).find("%%EOF") == std::string_view::npos) return std::nullopt;
  ImageInfo info;
  info.extension = "pdf";
  info.dpi_x = info.dpi_y = 72;
  if (auto box = first_media_box(b)) {
    double w = std::abs((*box)[2] - (*box)[0]), h = std::abs((*box)[3] - (*box)[1]);
    if (!(w >= 1 && w <= 1e6 && h >= 1 && h <= 1e6)) return std::nullopt;  // no page is that size
    info.width = std::lround(w);
    info.height = std::lround(h);
  }
  return info;
}

}  // namespace

std::optional<ImageInfo> inspect_image(std::string_view b) {
  if (b.size() >= 8 && b.compare(0, 5, "%PDF-") == 0) return inspect_pdf(b);
  ImageInfo info;
  if (b.size() >= 24 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0 && b.compare(12, 4, "IHDR") == 0) {
    info.extension = "png";
    info.width = be32(b, 16);
    info.height = be32(b, 20);
    for (std::size_t at = 8; at + 12 <= b.size();) {
      std::uint32_t len = be32(b, at);
      if (b.compare(at + 4, 4, "pHYs") == 0 && at + 17 <= b.size() && b[at + 16] == 1) {
        info.dpi_x = be32(b, at + 8) * 0.0254;
        info.dpi_y = be32(b, at + 12) * 0.0254;
      }
      if (b.compare(at + 4, 4, "IDAT") == 0) break;
      at += 12 + static_cast<std::size_t>(len);
    }
  } else if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8) {
    info.extension = "jpeg";
    std::size_t at = 2;
    while (at + 9 < b.size()) {
      if (static_cast<unsigned char>(b[at]) != 0xFF) return std::nullopt;
      unsigned marker = static_cast<unsigned char>(b[at + 1]);
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
        at += 2;
        continue;
      }
      std::uint32_t len = be16(b, at + 2);
      if (marker == 0xE0 && at + 18 < b.size() && b.compare(at + 4, 5, std::string_view("JFIF\0", 5)) == 0) {
        unsigned units = static_cast<unsigned char>(b[at + 11]);
        double x = be16(b, at + 12), y = be16(b, at + 14);
        if (units == 1 && x > 0 && y > 0) info.dpi_x = x, info.dpi_y = y;
        if (units == 2 && x > 0 && y > 0) info.dpi_x = x * 2.54, info.dpi_y = y * 2.54;
      }
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        info.height = be16(b, at + 5);
        info.width = be16(b, at + 7);
        break;
      }
      at += 2 + len;
    }
  } else {
    return std::nullopt;
  }
  if (info.width <= 0 || info.height <= 0) return std::nullopt;
  if (info.dpi_x < 10 || info.dpi_x > 10000) info.dpi_x = 96;
  if (info.dpi_y < 10 || info.dpi_y > 10000) info.dpi_y = 96;
  return info;
}

}  // namespace reviewkit::ooxml
