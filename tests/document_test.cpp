// The document model: styles resolved, numbering counted, tables, headers and footers read.
#include <catch2/catch.hpp>

#include "ooxml/document.hpp"
#include "support.hpp"

using namespace reviewkit;

namespace {
ooxml::Document read(const std::string& relative) {
  std::string why;
  auto package = ooxml::Package::from_bytes(test::read_fixture(relative), why);
  REQUIRE(package);
  Diagnostics diags;
  auto doc = ooxml::read_document(*package, relative, diags);
  REQUIRE(doc);
  CHECK(diags.empty());
  return *doc;
}
}  // namespace

TEST_CASE("the document model resolves styles from defaults, the style chain and direct formatting", "[document]") {
  auto doc = read("../templates/letters/agency-notification.docx");
  REQUIRE(doc.sections.size() == 1);
  const auto& s = doc.sections[0];
  CHECK(s.page_width == Approx(595.3));
  CHECK(s.margin_left == Approx(62.35));
  auto paras = doc.paragraphs();
  const ooxml::Paragraph* heading = nullptr;
  for (const auto* p : paras)
    if (p->text() == "Securing records") heading = p;
  REQUIRE(heading);
  CHECK(heading->style.style_id == "Heading1");
  CHECK(heading->style.keep_next);
  CHECK(heading->style.space_before == Approx(12));
  REQUIRE(!heading->content.empty());
  CHECK(heading->content[0].style.bold);
  CHECK(heading->content[0].style.size == Approx(14));
  CHECK(heading->content[0].style.font == "Arial");
  CHECK(heading->content[0].style.color.r == 0x1F);
  // A bullet from numbering.xml.
  const ooxml::Paragraph* bullet = nullptr;
  for (const auto* p : paras)
    if (p->text().rfind("The author is senior", 0) == 0) bullet = p;
  REQUIRE(bullet);
  CHECK(bullet->label == "\xE2\x80\xA2");
  CHECK(bullet->style.indent_left == Approx(36));
  CHECK(bullet->style.indent_first == Approx(-18));
  // The header and footer, with a PAGE field.
  REQUIRE(s.header_default);
  CHECK(s.header_default->blocks.size() == 3);
  REQUIRE(s.footer_default);
  const auto& footer = *s.footer_default->blocks[0].paragraph;
  bool has_page = false;
  for (const auto& i : footer.content) has_page = has_page || (i.kind == ooxml::Inline::Field && i.field == "PAGE");
  CHECK(has_page);
  CHECK(doc.title == "Notification of a review to an agency");
}

TEST_CASE("numbered lists count and restart as Word does", "[document]") {
  auto doc = read("../templates/letters/imr-request.docx");
  std::vector<std::string> labels;
  for (const auto* p : doc.paragraphs())
    if (!p->label.empty() && p->label != "\xE2\x80\xA2") labels.push_back(p->label + " " + p->text().substr(0, 9));
  CHECK(labels == std::vector<std::string>{"1. {{ q }}"});
}

TEST_CASE("tables, text boxes and Word's split runs are read into the model", "[document]") {
  auto doc = read("fixtures/wordlike-letter.docx");
  auto paras = doc.paragraphs();
  std::vector<std::string> texts;
  for (const auto* p : paras) texts.push_back(p->text());
  CHECK(texts[0] == "Dear {{ recipient.name }},");
  const ooxml::Table* table = nullptr;
  for (const auto& b : doc.sections[0].blocks)
    if (b.table) table = b.table.get();
  REQUIRE(table);
  CHECK(table->grid == std::vector<double>{150, 300});
  CHECK(table->rows.size() == 2);
  CHECK(table->rows[0].header);
  CHECK(table->borders.top.on);
  CHECK(table->inside_v.on);
  // The text box's paragraph is found inside its anchor.
  CHECK(std::count(texts.begin(), texts.end(), "Our ref: {{ review.reference }}") == 1);
}
