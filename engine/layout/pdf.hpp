// reviewkit/layout — laid-out pages written as a PDF with PoDoFo.
//
// Fonts are embedded as subsets with Identity-H encoding (any Unicode text, extractable),
// pictures as images (PNG, JPEG) or, when a picture is a PDF (a figure), its first page as a Form
// XObject, vector art scaled into the picture's box; hyperlinks as link annotations, headings as the PDF outline; the document's
// title, subject, author and keywords are set, and the PDF is encrypted with AES-256 when a
// password is given.
#pragma once

#include <string>

#include "layout/layout.hpp"

namespace reviewkit::layout {

struct PdfMetadata {
  std::string title, subject, author, keywords;
};

struct PdfOptions {
  PdfMetadata metadata;
  std::string password;  ///< empty: not encrypted; otherwise AES-256 (PDF 2.0, revision 6)
};

/// The PDF's bytes. Throws std::runtime_error when PoDoFo cannot write it (a damaged image).
std::string write_pdf(const Layout& layout, const PdfOptions& options);

}  // namespace reviewkit::layout
