// reviewkit/pdf — a copy's marking stamped on every page of an existing PDF.
//
// In: a PDF's bytes and the marking's words. Out: the PDF with, on every page, a line of small text
// at the top and at the foot of the visible page (its CropBox within its MediaBox, inherited or its
// own), outside where a document's text goes, and one large, light mark across the page's diagonal,
// drawn with the Multiply blend mode so that the text under it stays black and readable. The page
// is drawn as the reader sees it, whatever its /Rotate; the page's own content is left as it is,
// wrapped in q … Q so that a stream that leaves its graphics state changed cannot move the mark,
// whether its /Contents is one stream, an array of them, or missing. The marking is real text (in
// an embedded font subset), so that text extraction and search find it, marked as a pagination
// artifact (PDF 32000-1 14.8.2.2) for screen readers. An encrypted PDF is refused: reviewkit does
// not take another's protection off.
#pragma once

#include <optional>
#include <string>

#include "pdf/fonts.hpp"

namespace reviewkit::pdf {

struct Stamp {
  std::string line;      ///< at the top and the foot of every page: "Copy 3 of 8 — issued to …"
  std::string diagonal;  ///< across the page, large and light: "COPY 3 OF 8 — RESTRICTED"
  std::string password;  ///< AES-256 (as encrypt()); empty: not encrypted
};

/// What a stamped PDF's input holds that the register's heading needs.
struct StampedInfo {
  int pages = 0;
  std::string title;  ///< the PDF's /Info /Title, when it has one
};

/// Reads a PDF only to tell its pages and title; nothing (with `why`, a sentence a user can act on)
/// when it cannot be stamped: not a PDF, damaged, encrypted, without pages.
std::optional<StampedInfo> inspect_pdf(const std::string& pdf, std::string& why);

/// The PDF with `stamp` on every page; nothing (with `why`) as inspect_pdf. `fonts` is the
/// caller's, shared by a batch.
std::optional<std::string> stamp_pdf(const std::string& pdf, const Stamp& stamp, FontBook& fonts, std::string& why);

}  // namespace reviewkit::pdf
