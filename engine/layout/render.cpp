#include "render.hpp"

#include "layout/layout.hpp"
#include "ooxml/document.hpp"
#include "ooxml/package.hpp"

namespace reviewkit::layout {

std::optional<std::string> render_docx(const std::string& docx, const std::string& name, PdfOptions options,
                                       FontBook& fonts, Diagnostics& diags) {
  Location at{name, 0, 0, {}, {}, 0};
  std::string why;
  auto package = ooxml::Package::from_bytes(docx, why);
  if (!package) {
    diags.error(at, "cannot read the document: " + why);
    return std::nullopt;
  }
  std::optional<ooxml::Document> doc;
  try {
    doc = ooxml::read_document(*package, name, diags);
  } catch (const std::exception& e) {
    diags.error(at, std::string("cannot read the document: ") + e.what(), "open it in Word and save it again");
    return std::nullopt;
  }
  if (!doc) return std::nullopt;
  Layout pages;
  try {
    pages = lay_out(*doc, fonts);
  } catch (const std::exception& e) {
    diags.error(at, std::string("cannot lay the document out: ") + e.what());
    return std::nullopt;
  }
  for (const auto& w : pages.warnings) diags.warning(at, w + " (the PDF shows it as well as reviewkit can)");
  PdfMetadata& m = options.metadata;
  if (m.title.empty()) m.title = doc->title;
  if (m.subject.empty()) m.subject = doc->subject;
  if (m.author.empty()) m.author = doc->creator;
  if (m.keywords.empty()) m.keywords = doc->keywords;
  try {
    return write_pdf(pages, options);
  } catch (const std::exception& e) {
    diags.error(at, e.what());
    return std::nullopt;
  }
}

}  // namespace reviewkit::layout
