// libFuzzer target: the template compiler and renderer on a template's text. The input is the text
// of one paragraph; each byte 0x01 starts a new run, as Word splits a tag across runs, and each
// 0x02 a new paragraph. It is filled from a small data tree with lists and maps.
#include <cstdint>
#include <string>

#include "data/node.hpp"
#include "ooxml/xml_tokens.hpp"
#include "templating/part_template.hpp"

namespace {
const reviewkit::data::Node& sample_data() {
  static reviewkit::data::NodePtr root = [] {
    reviewkit::Diagnostics diags;
    return reviewkit::data::parse_yaml(
        "name: Child A\nage: 7\nflag: true\nempty: ''\nwhen: 2025-01-14\n"
        "agencies:\n  - {name: Police, abbreviation: POL, n: 3}\n  - {name: Health, abbreviation: HV, n: 1}\n"
        "people: [a, b, c]\nnested: {list: [[1, 2], [3]], map: {k: v}}\n",
        "data.yaml", diags);
  }();
  return *root;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 20000) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t xml:space=\"preserve\">";
  std::string run;
  auto flush = [&] {
    xml += reviewkit::ooxml::escape_text(run);
    run.clear();
  };
  for (char c : text) {
    if (c == '\x01') {
      flush();
      xml += "</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">";
    } else if (c == '\x02') {
      flush();
      xml += "</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">";
    } else {
      run += c;
    }
  }
  flush();
  xml += "</w:t></w:r></w:p><w:sectPr/></w:body></w:document>";
  reviewkit::Diagnostics diags;
  auto compiled = reviewkit::templating::PartTemplate::compile(xml, "fuzz.docx", "word/document.xml", diags);
  if (!compiled) return 0;
  reviewkit::templating::RenderOptions options;
  options.lenient = size % 2 == 0;
  compiled->render(sample_data(), options, diags);
  return 0;
}
