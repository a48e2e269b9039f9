// The PDF layout, feature by feature, on small documents written as Word writes them: each test
// lays a document out and checks where things land on the page (points from the top left).
#include <catch2/catch.hpp>

#include <podofo/podofo.h>

#include <algorithm>

#include "figures/timeline.hpp"
#include "layout/layout.hpp"
#include "ooxml/document.hpp"
#include "ooxml/image_info.hpp"
#include "ooxml/package.hpp"
#include "layout/pdf.hpp"
#include "support.hpp"

using namespace reviewkit;
using layout::PlacedText;

namespace {

const char* kNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

// Letter-like defaults: Arial 11 (Liberation Sans), A4, 1-inch margins, no spacing.
const char* kStyles =
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/><w:sz w:val=\"22\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>"
    "</w:styles>";

const char* kSection =
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" "
    "w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>";

std::string p(const std::string& text, const std::string& ppr = "", const std::string& rpr = "") {
  return "<w:p w:rsidR=\"00A1\"><w:pPr>" + ppr + "</w:pPr><w:r><w:rPr>" + rpr + "</w:rPr><w:t xml:space=\"preserve\">" + text +
         "</w:t></w:r></w:p>";
}

layout::Layout lay(const std::string& body, const std::string& section = kSection,
         std::vector<std::pair<std::string, std::string>> extra = {}, const std::string& rels_extra = "") {
  ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml",
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
          "ContentType=\"application/xml\"/></Types>");
  zip.add("word/document.xml", std::string("<w:document ") + kNs + "><w:body>" + body + section + "</w:body></w:document>");
  zip.add("word/styles.xml", kStyles);
  zip.add("word/_rels/document.xml.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + rels_extra + "</Relationships>");
  for (const auto& [name, content] : extra) zip.add(name, content);
  std::string why;
  auto package = ooxml::Package::from_bytes(zip.finish(), why);
  REQUIRE(package);
  Diagnostics diags;
  auto doc = ooxml::read_document(*package, "t.docx", diags);
  REQUIRE(doc);
  static pdf::FontBook fonts;
  return layout::lay_out(*doc, fonts);
}

const PlacedText& text(const layout::Page& page, const std::string& word) {
  auto it = std::find_if(page.texts.begin(), page.texts.end(), [&](const PlacedText& t) { return t.text == word; });
  REQUIRE(it != page.texts.end());
  return *it;
}

std::size_t page_of(const layout::Layout& l, const std::string& word) {
  for (std::size_t i = 0; i < l.pages.size(); ++i)
    for (const auto& t : l.pages[i].texts)
      if (t.text == word) return i;
  FAIL("no text '" << word << "'");
  return 0;
}

std::string words(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? " " : "") + std::string("word");
  return s;
}

}  // namespace

TEST_CASE("layout: alignment left, centre, right and justified", "[layout]") {
  auto l = lay(p("Left") + p("Centre", "<w:jc w:val=\"center\"/>") + p("Right", "<w:jc w:val=\"right\"/>") +
               p(words(40) + " last", "<w:jc w:val=\"both\"/>"));
  const auto& page = l.pages[0];
  CHECK(text(page, "Left").x == Approx(72));
  const auto& c = text(page, "Centre");
  CHECK(c.x + c.width / 2 == Approx(595.3 / 2).margin(0.1));
  const auto& r = text(page, "Right");
  CHECK(r.x + r.width == Approx(595.3 - 72).margin(0.1));
  // Justified: the first line's last word ends at the right margin; the last line does not stretch.
  double first_baseline = 0, right_end = 0;
  for (const auto& t : page.texts)
    if (t.text == "word" && (first_baseline == 0 || t.baseline == first_baseline)) {
      first_baseline = t.baseline;
      right_end = std::max(right_end, t.x + t.width);
    }
  CHECK(right_end == Approx(595.3 - 72).margin(0.1));
  const auto& last = text(page, "last");
  CHECK(last.x + last.width < 595.3 - 72 - 20);
}

TEST_CASE("layout: indents, hanging indents and numbering labels", "[layout]") {
  std::string numbering =
      "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/><w:pPr><w:ind "
      "w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt "
      "w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/><w:pPr><w:ind w:left=\"1440\" w:hanging=\"360\"/></w:pPr></w:lvl>"
      "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId "
      "w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num></w:numbering>";
  auto num = [](int id, int level) {
    return "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" + std::to_string(id) + "\"/></w:numPr>";
  };
  auto l = lay(p("First", num(1, 0)) + p("Sub", num(1, 1)) + p("Second", num(1, 0)) + p("Again", num(2, 0)) +
                   p("Indented", "<w:ind w:left=\"1440\" w:firstLine=\"720\"/>"),
               kSection, {{"word/numbering.xml", numbering}},
               "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
               "Target=\"numbering.xml\"/>");
  const auto& page = l.pages[0];
  CHECK(text(page, "1.").x == Approx(72 + 18));
  CHECK(text(page, "First").x == Approx(72 + 36));
  CHECK(text(page, "a)").x == Approx(72 + 54));
  CHECK(text(page, "2.").x == Approx(72 + 18));
  // A new num with a start override restarts the list.
  std::vector<std::string> labels;
  for (const auto& t : page.texts)
    if (t.text.size() == 2 && t.text[1] == '.') labels.push_back(t.text);
  CHECK(labels == std::vector<std::string>{"1.", "2.", "1."});
  CHECK(text(page, "Indented").x == Approx(72 + 72 + 36));
}

TEST_CASE("layout: right, centre and decimal tab stops, with leaders", "[layout]") {
  std::string tabs = "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9026\"/><w:tab w:val=\"center\" w:pos=\"4513\"/></w:tabs>";
  auto l = lay("<w:p><w:pPr>" + tabs + "</w:pPr><w:r><w:t>Name</w:t></w:r><w:r><w:tab/><w:t>Mid</w:t></w:r><w:r><w:tab/><w:t>Page</w:t></w:r></w:p>");
  const auto& page = l.pages[0];
  const auto& mid = text(page, "Mid");
  CHECK(mid.x + mid.width / 2 == Approx(72 + 4513 / 20.0).margin(0.1));
  const auto& end = text(page, "Page");
  CHECK(end.x + end.width == Approx(72 + 9026 / 20.0).margin(0.1));
  bool leader = std::any_of(page.texts.begin(), page.texts.end(), [](const PlacedText& t) { return t.text.find("....") == 0; });
  CHECK(leader);
}

TEST_CASE("layout: page breaks, page break before, keep with next and widow control", "[layout]") {
  std::string body = p("One") + "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" + p("Two") + p("Three", "<w:pageBreakBefore/>");
  auto l = lay(body);
  CHECK(page_of(l, "One") == 0);
  CHECK(page_of(l, "Two") == 1);
  CHECK(page_of(l, "Three") == 2);
  // Fill a page almost to the end, then a heading: it moves to the next page with its paragraph.
  std::string filler;
  for (int i = 0; i < 50; ++i) filler += p("Filler " + std::to_string(i));
  auto k = lay(filler + p("Heading", "<w:pStyle w:val=\"Heading1\"/>") + p("Body"));
  CHECK(page_of(k, "Heading") == page_of(k, "Body"));
  // A paragraph of several lines that would leave one line at the foot of a page moves whole.
  std::string more;
  for (int i = 0; i < 54; ++i) more += p("Line " + std::to_string(i));
  auto w = lay(more + p("Widow " + words(60)));
  std::size_t first = page_of(w, "Widow");
  std::size_t count_on_first = 0;
  for (const auto& t : w.pages[first].texts) count_on_first += t.text == "word";
  CHECK(count_on_first > 12);  // more than one line's worth stays together
}

TEST_CASE("layout: tables with spans, merges, borders and shading", "[layout]") {
  auto cell = [](const std::string& tcpr, const std::string& t) { return "<w:tc><w:tcPr>" + tcpr + "</w:tcPr>" + p(t) + "</w:tc>"; };
  std::string table =
      "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"8\"/><w:bottom w:val=\"single\" w:sz=\"8\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr>"
      "<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid>"
      "<w:tr>" + cell("<w:gridSpan w:val=\"2\"/><w:shd w:val=\"clear\" w:fill=\"D9E2F3\"/>", "Wide") + cell("<w:vMerge w:val=\"restart\"/>", "Tall") + "</w:tr>"
      "<w:tr>" + cell("", "A") + cell("", "B") + cell("<w:vMerge/>", "") + "</w:tr></w:tbl>";
  auto l = lay(table + p("After"));
  const auto& page = l.pages[0];
  CHECK(text(page, "Wide").x == Approx(72 + 5.4));
  CHECK(text(page, "Tall").x == Approx(72 + 250 + 5.4));
  CHECK(text(page, "B").x == Approx(72 + 100 + 5.4));
  bool shaded = std::any_of(page.fills.begin(), page.fills.end(), [](const layout::PlacedFill& f) {
    return std::abs(f.w - 250) < 0.1 && f.color.b > 0.9;
  });
  CHECK(shaded);
  // The merged cell's bottom border is not drawn between its two rows.
  double row1_bottom = text(page, "A").baseline - 12;
  bool split = std::any_of(page.rules.begin(), page.rules.end(), [&](const layout::PlacedRule& r) {
    return r.x1 >= 72 + 250 - 0.1 && std::abs(r.y1 - r.y2) < 0.01 && std::abs(r.y1 - row1_bottom) < 3;
  });
  CHECK_FALSE(split);
  CHECK(text(page, "After").baseline > text(page, "A").baseline);
}

TEST_CASE("layout: sections, landscape pages, first-page headers and page numbers", "[layout]") {
  std::string header = std::string("<w:hdr ") + kNs + ">" + p("First header") + "</w:hdr>";
  std::string other = std::string("<w:hdr ") + kNs + ">" + p("Other header") + "</w:hdr>";
  std::string footer = std::string("<w:ftr ") + kNs +
                       "><w:p><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t>"
                       "</w:r></w:fldSimple></w:p></w:ftr>";
  std::string rels =
      "<Relationship Id=\"h1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
      "<Relationship Id=\"h2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"/>"
      "<Relationship Id=\"f1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>";
  std::string portrait =
      "<w:sectPr><w:headerReference w:type=\"first\" r:id=\"h1\"/><w:headerReference w:type=\"default\" r:id=\"h2\"/>"
      "<w:footerReference w:type=\"default\" r:id=\"f1\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" "
      "w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\"/><w:titlePg/></w:sectPr>";
  std::string landscape =
      "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"f1\"/><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
      "<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\"/></w:sectPr>";
  std::string body = p("Page one") + "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" + "<w:p><w:pPr>" + portrait +
                     "</w:pPr><w:r><w:t>Page two</w:t></w:r></w:p>" + p("Wide page");
  auto l = lay(body, landscape, {{"word/header1.xml", header}, {"word/header2.xml", other}, {"word/footer1.xml", footer}}, rels);
  REQUIRE(l.pages.size() == 3);
  auto has = [&](std::size_t page, const std::string& words_) {
    std::string all;
    for (const auto& t : l.pages[page].texts) all += t.text + " ";
    return all.find(words_) != std::string::npos;
  };
  CHECK(has(0, "First header"));
  CHECK(has(1, "Other header"));
  CHECK(l.pages[2].width > l.pages[2].height);
  bool field = std::any_of(l.pages[1].texts.begin(), l.pages[1].texts.end(), [](const PlacedText& t) { return t.field == "PAGE"; });
  CHECK(field);
  CHECK(l.pages[1].number == 2);
}

TEST_CASE("layout: hyperlinks, headings in the outline, superscript and highlight", "[layout]") {
  std::string body = p("Chapter", "<w:pStyle w:val=\"Heading1\"/>") +
                     "<w:p><w:hyperlink r:id=\"l1\"><w:r><w:t>site</w:t></w:r></w:hyperlink><w:r><w:rPr><w:vertAlign "
                     "w:val=\"superscript\"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:highlight w:val=\"yellow\"/></w:rPr>"
                     "<w:t>marked</w:t></w:r></w:p>";
  auto l = lay(body, kSection, {},
               "<Relationship Id=\"l1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
               "Target=\"https://example.org/\" TargetMode=\"External\"/>");
  const auto& page = l.pages[0];
  REQUIRE(l.outline.size() == 1);
  CHECK(l.outline[0].title == "Chapter");
  REQUIRE(!page.links.empty());
  CHECK(page.links[0].url == "https://example.org/");
  const auto& sup = text(page, "2");
  CHECK(sup.size < 11);
  CHECK(sup.baseline < text(page, "site").baseline);
  bool yellow = std::any_of(page.fills.begin(), page.fills.end(), [](const layout::PlacedFill& f) {
    return f.color.r > 0.9 && f.color.g > 0.9 && f.color.b < 0.1;
  });
  CHECK(yellow);
  CHECK(text(page, "Chapter").size == 16);
}

TEST_CASE("layout: floating pictures and text boxes are placed where they are anchored", "[layout]") {
  std::string png = test::read_fixture("fixtures/logo.png");
  std::string anchor =
      "<w:p><w:r><w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"1\" "
      "behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/><wp:positionH "
      "relativeFrom=\"page\"><wp:posOffset>5080000</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"page\">"
      "<wp:posOffset>254000</wp:posOffset></wp:positionV><wp:extent cx=\"1270000\" cy=\"423333\"/><wp:wrapNone/>"
      "<wp:docPr id=\"1\" name=\"Logo\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
      "<pic:pic><pic:blipFill><a:blip r:embed=\"img\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:anchor>"
      "</w:drawing></w:r><w:r><w:t>Letter text</w:t></w:r></w:p>";
  auto l = lay(anchor, kSection, {{"word/media/logo.png", png}},
               "<Relationship Id=\"img\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
               "Target=\"media/logo.png\"/>");
  const auto& page = l.pages[0];
  REQUIRE(page.pictures.size() == 1);
  CHECK(page.pictures[0].x == Approx(400));  // 5,080,000 EMU from the page's left edge
  CHECK(page.pictures[0].y == Approx(20));
  CHECK(page.pictures[0].w == Approx(100));
  // The text flows from the margin as if the picture were not there (wrap none).
  CHECK(text(page, "Letter").x == Approx(72));
}

namespace {

// An inline picture of `cx` x `cy` EMU whose bytes are word/media/NAME.
layout::Layout lay_picture(const std::string& name, const std::string& bytes, long cx, long cy) {
  std::string drawing =
      "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + std::to_string(cx) +
      "\" cy=\"" + std::to_string(cy) + "\"/><wp:docPr id=\"1\" name=\"Figure\"/><a:graphic><a:graphicData "
      "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill><a:blip r:embed=\"img\"/>"
      "</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
  return lay(drawing, kSection, {{"word/media/" + name, bytes}},
             "<Relationship Id=\"img\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
             "Target=\"media/" + name + "\"/>");
}

// The /Subtype of every object of the PDF (the page's XObjects among them).
std::vector<std::string> subtypes(PoDoFo::PdfMemDocument& doc) {
  std::vector<std::string> out;
  for (PoDoFo::PdfObject* o : doc.GetObjects())
    if (o->IsDictionary() && o->GetDictionary().HasKey("Subtype") && o->GetDictionary().GetKey("Subtype")->IsName())
      out.push_back(o->GetDictionary().GetKey("Subtype")->GetName().GetName());
  return out;
}

figures::Timeline small_timeline() {
  figures::Timeline t;
  t.title = "Agency contact with Child A";
  t.from = {2024, 1, 1};
  t.to = {2024, 12, 31};
  t.lanes = {"CSC", "GP"};
  t.marks = {{{2024, 3, 4}, 0, true, false}, {{2024, 7, 1}, 1, false, false}};
  t.events = {{{2024, 5, 1}, {}, "Strategy discussion"}};
  return t;
}

}  // namespace

TEST_CASE("layout: a picture that is a PDF is drawn as vector art, its first page a Form XObject", "[layout]") {
  std::string figure = figures::draw_timeline(small_timeline(), figures::Format::Pdf, 770, 300);
  REQUIRE(figure.rfind("%PDF", 0) == 0);
  auto info = ooxml::inspect_image(figure);
  REQUIRE(info);
  CHECK(info->extension == "pdf");
  CHECK(info->width == 770);
  CHECK(info->height == 300);
  // 16 x 6.23 cm in the text area, as a figure's width would be set in Word.
  auto l = lay_picture("timeline.pdf", figure, 5760000, 2243000);
  REQUIRE(l.pages.at(0).pictures.size() == 1);
  std::string pdf = layout::write_pdf(l, {});
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  REQUIRE(doc.GetPageCount() == 1);
  // The page's XObject is the figure's page, a form of its size, and nothing is an image.
  PoDoFo::PdfObject* resources = doc.GetPage(0)->GetResources();
  REQUIRE(resources);
  PoDoFo::PdfObject* xobjects = resources->GetIndirectKey("XObject");
  REQUIRE(xobjects);
  REQUIRE(xobjects->GetDictionary().GetKeys().size() == 1);
  PoDoFo::PdfObject* form = doc.GetObjects().GetObject(xobjects->GetDictionary().GetKeys().begin()->second->GetReference());
  REQUIRE(form);
  CHECK(form->GetIndirectKey("Subtype")->GetName().GetName() == "Form");
  PoDoFo::PdfRect bbox(form->GetIndirectKey("BBox")->GetArray());
  CHECK(bbox.GetWidth() == Approx(770));
  CHECK(bbox.GetHeight() == Approx(300));
  CHECK(form->GetIndirectKey("Resources"));  // the figure's fonts come with it
  auto kinds = subtypes(doc);
  CHECK(std::count(kinds.begin(), kinds.end(), "Form") >= 1);
  CHECK(std::count(kinds.begin(), kinds.end(), "Image") == 0);
  // Drawn scaled into the picture's box: 453.5 pt wide from the left margin, 176.6 pt high.
  char* content = nullptr;
  PoDoFo::pdf_long length = 0;
  doc.GetPage(0)->GetContents()->GetStream()->GetFilteredCopy(&content, &length);
  std::string stream(content, static_cast<std::size_t>(length));
  PoDoFo::podofo_free(content);
  INFO(stream);
  CHECK(stream.find(" Do") != std::string::npos);
  CHECK(stream.find("0.589") != std::string::npos);  // 453.54 / 770, the scale
}

TEST_CASE("layout: a picture's alternative text is marked content around its drawing, for figures and others", "[layout]") {
  // A PNG picture with the alternative text Word writes after Edit Alt Text (docPr descr).
  std::string png = figures::draw_timeline(small_timeline(), figures::Format::Png, 340, 170, 72);
  std::string drawing =
      "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"1800000\" "
      "cy=\"900000\"/><wp:docPr id=\"1\" name=\"Picture 1\" descr=\"The board&apos;s (new) logo&#10;in blue\"/><a:graphic>"
      "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill><a:blip "
      "r:embed=\"img\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
      "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"1800000\" cy=\"900000\"/><wp:docPr id=\"2\" name=\"Picture 2\"/>"
      "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill>"
      "<a:blip r:embed=\"img\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
  auto l = lay(drawing, kSection, {{"word/media/logo.png", png}},
               "<Relationship Id=\"img\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
               "Target=\"media/logo.png\"/>");
  REQUIRE(l.pages.at(0).pictures.size() == 2);
  CHECK(l.pages[0].pictures[0].image->description == "The board's (new) logo\nin blue");
  CHECK(l.pages[0].pictures[1].image->description.empty());
  std::string pdf = layout::write_pdf(l, {});
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  char* content = nullptr;
  PoDoFo::pdf_long length = 0;
  doc.GetPage(0)->GetContents()->GetStream()->GetFilteredCopy(&content, &length);
  std::string stream(content, static_cast<std::size_t>(length));
  PoDoFo::podofo_free(content);
  INFO(stream);
  // The first picture inside its marked content; the second, without alternative text, outside any.
  auto begin = stream.find("/Span <</Alt (The board's \\(new\\) logo\\nin blue)>> BDC\n");
  REQUIRE(begin != std::string::npos);
  auto first = stream.find(" Do", begin), end = stream.find("EMC", begin);
  REQUIRE(first != std::string::npos);
  REQUIRE(end != std::string::npos);
  CHECK(first < end);
  CHECK(stream.find(" Do", end) != std::string::npos);
  CHECK(stream.find("BDC", end) == std::string::npos);
}

TEST_CASE("layout: alternative text is written as a PDF text string, UTF-16BE when it is not ASCII", "[layout]") {
  CHECK(layout::pdf_literal_string("Timeline (2024) of a\\b\n") == "(Timeline \\(2024\\) of a\\\\b\\n)");
  CHECK(layout::pdf_literal_string("\t") == "(\\011)");
  CHECK(layout::pdf_literal_string("") == "()");
  // é is U+00E9; \xF0\x9F\x98\x80 (U+1F600) is the surrogate pair D83D DE00.
  CHECK(layout::pdf_literal_string("\xC3\xA9(\xF0\x9F\x98\x80") == "(\\376\\377\\000\\351\\000\\(\\330=\\336\\000)");
}

TEST_CASE("layout: a damaged PDF picture is an error naming it, as a damaged PNG is", "[layout]") {
  std::string figure = figures::draw_timeline(small_timeline(), figures::Format::Pdf);
  std::string cut = figure.substr(0, figure.size() / 2) + "\n%%EOF\n";  // looks whole, is not
  auto l = lay_picture("timeline.pdf", cut, 5760000, 2243000);
  try {
    layout::write_pdf(l, {});
    FAIL("a damaged PDF picture was drawn");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("the picture word/media/timeline.pdf cannot be drawn"));
  }
  // Without its end it is not taken for a PDF at all.
  CHECK(!ooxml::inspect_image(figure.substr(0, figure.size() - 10)));
}

TEST_CASE("layout: underline, a character no font has, and unsupported content named once", "[layout]") {
  std::string body = p("Underlined", "", "<w:u w:val=\"single\"/>") + p("Private \xEE\x80\x80 use") +
                     "<w:p><w:r><w:object><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"/></w:object></w:r></w:p>"
                     "<w:p><w:r><w:object/></w:r><w:r><w:t>after the object</w:t></w:r></w:p>";
  auto l = lay(body);
  const auto& page = l.pages[0];
  const auto& u = text(page, "Underlined");
  bool rule = std::any_of(page.rules.begin(), page.rules.end(), [&](const layout::PlacedRule& r) {
    return std::abs(r.x1 - u.x) < 0.01 && r.y1 > u.baseline && r.y1 < u.baseline + 3;
  });
  CHECK((u.underline || rule));
  // And the PDF draws it: the page holds no other line than the underline, so a stroked line in its
  // content is the underline (this fails when neither the text's flag nor a rule is drawn).
  std::string pdf = layout::write_pdf(l, {});
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  char* content = nullptr;
  PoDoFo::pdf_long length = 0;
  doc.GetPage(0)->GetContents()->GetStream()->GetFilteredCopy(&content, &length);
  std::string stream(content, static_cast<std::size_t>(length));
  PoDoFo::podofo_free(content);
  INFO(stream.substr(0, 600));
  CHECK(stream.find(" l S") != std::string::npos);  // "x y m x y l S": a line stroked
  bool box = std::any_of(page.texts.begin(), page.texts.end(), [](const PlacedText& t) { return t.missing_glyph; });
  CHECK(box);
  CHECK(l.warnings.count("characters no installed font has (drawn as boxes)") == 1);
  CHECK(l.warnings.count("embedded objects") == 1);
  CHECK(text(page, "object").x > 72);  // the text around it still shows
}
