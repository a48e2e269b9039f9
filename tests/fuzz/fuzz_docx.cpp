// libFuzzer target: the .docx package reader, the template loader and the document model.
// An input that starts with "PK" is taken as a whole package (a damaged or crafted Word file); any
// other input is taken as the XML of word/document.xml and packed with the parts Word always
// writes, so that the fuzzer explores the XML reader rather than stumbling on zip checksums.
#include <cstdint>
#include <string>

#include "ooxml/document.hpp"
#include "ooxml/package.hpp"
#include "scan/scan.hpp"
#include "templating/docx_template.hpp"

namespace {
std::string package_around(std::string_view document_xml) {
  reviewkit::ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
          "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  zip.add("_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
          "Target=\"word/document.xml\"/></Relationships>");
  zip.add("word/_rels/document.xml.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
          "Target=\"header1.xml\"/></Relationships>");
  zip.add("word/header1.xml",
          "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p><w:r><w:t>{{ name }}</w:t></w:r></w:p></w:hdr>");
  zip.add("word/document.xml", document_xml);
  return zip.finish();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string bytes = input.substr(0, 2) == "PK" ? std::string(input) : package_around(input);
  std::string why;
  auto package = reviewkit::ooxml::Package::from_bytes(bytes, why);
  if (!package) return 0;
  {
    reviewkit::Diagnostics diags;
    try {
      auto doc = reviewkit::ooxml::read_document(*package, "fuzz.docx", diags);
      (void)doc;
    } catch (const std::runtime_error&) {
      // a missing part: the callers report it (render catches it the same way)
    }
  }
  {  // the scanner reads every part a name can hide in
    std::string why;
    auto spans = reviewkit::scan::docx_spans(bytes, "fuzz.docx", why);
    static const auto ids = reviewkit::scan::name_identifiers("Shannon Marlow-Quinn", "Parent 1", "Parent 1");
    reviewkit::Diagnostics found;
    reviewkit::scan::scan_spans(spans, ids, found);
  }
  reviewkit::Diagnostics diags;
  auto tmpl = reviewkit::templating::DocxTemplate::from_bytes(std::move(bytes), "fuzz.docx", diags);
  (void)tmpl;
  return 0;
}
