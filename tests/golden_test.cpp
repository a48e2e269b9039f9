// Golden files: the filled word/document.xml of the Word-like fixtures, and the printed layout of
// the layout fixture, compared byte for byte, so that any change in what a template gives or where
// the layout puts things shows as a readable diff (one element, or one box, a line).
// Refresh after an intended change:
//   REVIEWKIT_REFRESH_GOLDEN=1 build/tests/reviewkit_tests "[golden]"
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "data/node.hpp"
#include "layout/layout.hpp"
#include "ooxml/document.hpp"
#include "ooxml/package.hpp"
#include "support.hpp"
#include "templating/docx_template.hpp"

using namespace reviewkit;

namespace {

// One element a line, so that a diff points at the element that changed.
std::string one_element_a_line(const std::string& xml) {
  std::string out;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    out += xml[i];
    if (xml[i] == '>' && i + 1 < xml.size() && xml[i + 1] == '<') out += '\n';
  }
  return out + "\n";
}

std::string filled(const std::string& fixture, const std::string& yaml, const std::string& recipient_path) {
  Diagnostics diags;
  auto t = templating::DocxTemplate::load(test::fixture_path("fixtures/" + fixture), diags);
  REQUIRE(t);
  auto data = data::load_yaml_file(test::fixture_path("fixtures/" + yaml).string(), diags);
  REQUIRE(data);
  templating::FillOptions options;
  options.image_base = test::fixture_path("fixtures");
  options.bindings = {{"recipient", data::find(*data, recipient_path)}};
  auto docx = t->fill(*data, options, diags);
  for (const auto& line : test::lines(diags)) UNSCOPED_INFO(line);
  REQUIRE(docx);
  test::TempDir tmp;
  tmp.write("out.docx", *docx);
  return one_element_a_line(test::docx_part(tmp.path / "out.docx", "word/document.xml"));
}

}  // namespace

TEST_CASE("golden: the Word-like letter filled for its second recipient", "[golden]") {
  test::check_golden("wordlike-letter.document.xml", filled("wordlike-letter.docx", "letters-data.yaml", "people[1]"));
}

TEST_CASE("golden: the layout of the PDF fixture, box by box", "[golden]") {
  std::string why;
  auto package = ooxml::Package::from_bytes(test::read_fixture("fixtures/pdf-features.docx"), why);
  REQUIRE(package);
  Diagnostics diags;
  auto doc = ooxml::read_document(*package, "pdf-features.docx", diags);
  REQUIRE(doc);
  pdf::FontBook fonts;
  test::check_golden("pdf-features.layout.txt", layout::print(layout::lay_out(*doc, fonts)));
}
