#include "surface.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>

namespace reviewkit::figures {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

std::uint32_t crc32(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (char b : bytes) c = table[(c ^ static_cast<unsigned char>(b)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put_be32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

/// The PNG with a pHYs chunk (its resolution) right after IHDR, where the PNG specification puts it.
std::string with_resolution(std::string png, int dpi) {
  constexpr std::size_t kAfterIhdr = 8 + 4 + 4 + 13 + 4;
  if (png.size() < kAfterIhdr || png.compare(12, 4, "IHDR") != 0) return png;
  auto per_metre = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
  std::string chunk = "pHYs";
  put_be32(chunk, per_metre);
  put_be32(chunk, per_metre);
  chunk += '\x01';  // unit: the metre
  std::string whole;
  put_be32(whole, 9);
  whole += chunk;
  put_be32(whole, crc32(chunk));
  png.insert(kAfterIhdr, whole);
  return png;
}

/// cairo names the SVG's drawing after a count of the surfaces the process has made
/// (id="surface526"); the first figure's name instead, so that the same drawing gives the same bytes.
std::string with_fixed_surface_id(std::string svg) {
  std::size_t at = svg.find("<g id=\"surface");
  if (at == std::string::npos) return svg;
  std::size_t digits = at + 14, end = svg.find('"', digits);
  if (end == std::string::npos || end == digits) return svg;
  std::string name = svg.substr(at + 7, end - at - 7);
  if (svg.find("#" + name + "\"") != std::string::npos) return svg;  // referred to: left as it is
  svg.replace(at + 7, end - at - 7, "surface1");
  return svg;
}

std::string xml_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

/// <title> and <desc> first in the <svg> element, where readers of SVG look for them.
std::string with_words(std::string svg, const FigureWords& words) {
  std::size_t at = svg.find("<svg");
  if (at != std::string::npos) at = svg.find('>', at);
  if (at == std::string::npos) return svg;
  std::string inserted;
  if (!words.title.empty()) inserted += "\n<title>" + xml_escaped(words.title) + "</title>";
  if (!words.description.empty()) inserted += "\n<desc>" + xml_escaped(words.description) + "</desc>";
  svg.insert(at + 1, inserted);
  return svg;
}

bool draw_on(cairo_surface_t* surface, double scale, const std::function<void(cairo_t*)>& draw) {
  ContextPtr cr(cairo_create(surface));
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return false;
  cairo_scale(cr.get(), scale, scale);
  set_figure_font_options(cr.get());
  draw(cr.get());
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return false;
  cr.reset();
  return cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
}

std::string vector_file(Format f, double width, double height, const FigureWords& words,
                        const std::function<void(cairo_t*)>& draw) {
  std::string out;
  SurfacePtr surface(f == Format::Svg ? cairo_svg_surface_create_for_stream(append, &out, width, height)
                                      : cairo_pdf_surface_create_for_stream(append, &out, width, height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return {};
  if (f == Format::Svg) {
    cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PT);
  } else {
    if (!words.title.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, words.title.c_str());
    if (!words.description.empty())
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, words.description.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "reviewkit");
    // An empty date leaves /CreationDate out (cairo writes the time of drawing otherwise).
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "");
  }
  if (!draw_on(surface.get(), 1, draw)) return {};
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return {};
  return f == Format::Svg ? with_words(with_fixed_surface_id(std::move(out)), words) : out;
}

std::string png_file(double width, double height, int dpi, const std::function<void(cairo_t*)>& draw) {
  double scale = dpi / 72.0;
  int w = static_cast<int>(std::lround(width * scale)), h = static_cast<int>(std::lround(height * scale));
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return {};
  {
    ContextPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return {};
  }
  if (!draw_on(surface.get(), scale, draw)) return {};
  cairo_surface_flush(surface.get());
  std::string out;
  if (cairo_surface_write_to_png_stream(surface.get(), append, &out) != CAIRO_STATUS_SUCCESS) return {};
  return with_resolution(std::move(out), dpi);
}

}  // namespace

void set_figure_font_options(cairo_t* cr) {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, options);
  cairo_font_options_destroy(options);
}

std::string render_to_bytes(Format f, double width, double height, int dpi, const FigureWords& words,
                            const std::function<void(cairo_t*)>& draw) {
  if (f == Format::Png) return png_file(width, height, dpi, draw);
  return vector_file(f, width, height, words, draw);
}

}  // namespace reviewkit::figures
