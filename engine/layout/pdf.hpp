// reviewkit/layout — laid-out pages written as a PDF with PoDoFo.
//
// Fonts are embedded as subsets with Identity-H encoding (any Unicode text, extractable),
// pictures as images (PNG, JPEG) or, when a picture is a PDF (a figure), its first page as a Form
// XObject, vector art scaled into the picture's box; a picture with alternative text (Word's
// descr) drawn inside marked content that carries it, /Span <</Alt (…)>> BDC … EMC, which readers
// and text extraction find even in an untagged PDF (PDF 32000-1 14.9.3); hyperlinks as link annotations, headings as the PDF outline; the document's
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

/// `utf8` as a PDF literal string, brackets included: PDFDocEncoding's ASCII part when it is all
/// ASCII, else UTF-16BE with its byte order mark; ( ) \ and every byte outside printable ASCII
/// escaped, so that the string can stand in a content stream.
std::string pdf_literal_string(const std::string& utf8);

/// The PDF's bytes. Throws std::runtime_error when PoDoFo cannot write it (a damaged image).
std::string write_pdf(const Layout& layout, const PdfOptions& options);

}  // namespace reviewkit::layout
