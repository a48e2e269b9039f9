// reviewkit/layout — a .docx (its bytes) to a PDF (its bytes): read the model, lay it out, write.
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.hpp"
#include "layout/pdf.hpp"
#include "pdf/fonts.hpp"

namespace reviewkit::layout {

/// Renders a Word document. Unsupported content and substituted fonts are warnings (one a kind);
/// a document that cannot be read is an error and gives nothing. Metadata not set in `options`
/// comes from the document's own properties.
/// `fonts` is the caller's: one for a batch, so that fonts are found and measured once.
std::optional<std::string> render_docx(const std::string& docx, const std::string& name, PdfOptions options,
                                       FontBook& fonts, Diagnostics& diags);

}  // namespace reviewkit::layout
