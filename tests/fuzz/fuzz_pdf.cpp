// libFuzzer target: the scanner's PDF reader (engine/scan/pdf.cpp): any bytes as a PDF to poppler's
// page text and PoDoFo's walk over annotations, form fields, bookmarks, metadata and attachments
// (a PDF attached is read again, a Word one with the .docx reader), then to the scanner. An input
// whose first byte is odd is also tried with a password, for the decryption paths. The scanner
// runs on what was read only up to 1 MB of text: a mutated bomb gives tens of megabytes (the
// reader's own limit is 32 MB), which the instrumented scanner takes longer than the fuzzer's
// timeout to search; its speed is bench/'s business, and fuzz_docx fuzzes it on Word's text.
#include <cstdint>
#include <string>

#include "scan/scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  static const auto ids = reviewkit::scan::name_identifiers("Shannon Marlow-Quinn", "Parent 1", "Parent 1");
  std::string why;
  reviewkit::Diagnostics found;
  auto spans = reviewkit::scan::pdf_spans(bytes, "fuzz.pdf", why, size && (data[0] & 1) ? "fixture-password" : "", &found);
  std::size_t text = 0;
  for (const auto& s : spans) text += s.text.size();
  if (text <= (1u << 20)) reviewkit::scan::scan_spans(spans, ids, found);
  return 0;
}
