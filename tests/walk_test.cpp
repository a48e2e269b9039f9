// The document as text with places (ooxml/walk.hpp, issue 10): every span a reader or a leak can
// find, marked as what it is; and the one ¶ numbering shared with templating's messages.
#include <catch2/catch.hpp>

#include "ooxml/document.hpp"
#include "ooxml/package.hpp"
#include "ooxml/walk.hpp"
#include "support.hpp"
#include "templating/docx_template.hpp"

using namespace reviewkit;
using ooxml::Span;

namespace {

const char* kNs =
    "xmlns:wpc=\"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:v=\"urn:schemas-microsoft-com:vml\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" mc:Ignorable=\"w14 wp14\"";

std::string run(const std::string& text, const std::string& rpr = "") {
  return "<w:r w:rsidR=\"00A1B2C3\">" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}
std::string para(const std::string& inner, const std::string& id) {
  return "<w:p w14:paraId=\"" + id + "\" w14:textId=\"7A7A7A7A\" w:rsidR=\"00C4D5E6\" w:rsidRDefault=\"00C4D5E6\">" + inner + "</w:p>";
}

// A report as an agency's author leaves it in Word: a header, a comment, tracked changes, hidden
// text, a picture with alt text, a footnote, a field, a link, a text box (in both copies Word
// keeps) and a table; with core, app and custom properties.
std::string report_docx() {
  std::string box_para = para(run("Box: {{ child.nmae }}"), "3C3C3C3C");
  std::string body =
      para("<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" + run("Agency report"), "1A000001") +                       // ¶1
      para("<w:commentRangeStart w:id=\"0\"/>" + run("The family moved in ") + "<w:proofErr w:type=\"spellStart\"/>" +
               "<w:del w:id=\"1\" w:author=\"J Smith\" w:date=\"2025-03-01T10:00:00Z\"><w:r><w:delText>with Shannon Marlow</w:delText></w:r></w:del>" +
               "<w:ins w:id=\"2\" w:author=\"J Smith\" w:date=\"2025-03-01T10:00:00Z\">" + run("with Parent 1") + "</w:ins>" +
               "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>",
           "1A000002") +                                                                                                     // ¶2
      para(run("Seen at home.") + run(" Kai Marlow", "<w:vanish/>"), "1A000003") +                                        // ¶3
      para("<w:r><w:drawing><wp:inline><wp:extent cx=\"1\" cy=\"1\"/><wp:docPr id=\"1\" name=\"Picture 1\" "
           "descr=\"Photo of Kai at Little Acorns\" title=\"Kai, 2024\"/></wp:inline></w:drawing></w:r>",
           "1A000004") +                                                                                                     // ¶4
      para(run("See the note.") + "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>",
           "1A000005") +                                                                                                     // ¶5
      para("<w:fldSimple w:instr=\" AUTHOR \\* MERGEFORMAT \">" + run("J Smith") + "</w:fldSimple>" +
               "<w:hyperlink r:id=\"rId9\" w:history=\"1\">" + run("the case notes", "<w:rStyle w:val=\"Hyperlink\"/>") + "</w:hyperlink>",
           "1A000006") +                                                                                                     // ¶6
      para("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><wp:docPr id=\"2\" name=\"Text Box 2\"/>"
           "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" + box_para +                                     // ¶8
           "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
           "<mc:Fallback><w:pict><v:shape id=\"Text Box 2\" o:spid=\"_x0000_s1026\"><v:textbox><w:txbxContent>" + box_para +  // ¶8 again
           "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>" + run("After the box"),
           "1A000007") +                                                                                                     // ¶7
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr><w:tr>" + "<w:tc>" + para(run("Date"), "1A000009") + "</w:tc>" +
      "<w:tc>" + para(run("Event"), "1A00000A") + "</w:tc></w:tr><w:tr><w:tc>" + para(run("2025-01-14"), "1A00000B") + "</w:tc>" +
      "<w:tc>" + para(run("Visit by {{ agency | uper }}"), "1A00000C") + "</w:tc></w:tr></w:tbl>" +                      // ¶9–¶12
      para(run("End"), "1A00000D");                                                                                      // ¶13
  std::string document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document " + std::string(kNs) +
                         "><w:body>" + body +
                         "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId7\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                         "</w:sectPr></w:body></w:document>";
  std::string footnotes =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:footnotes " + std::string(kNs) + ">"
      "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
      "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
      "<w:footnote w:id=\"1\">" + para(run("Told by the mother's partner, {{ partner | uper }}."), "2B000001") + "</w:footnote></w:footnotes>";
  std::string comments = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments " + std::string(kNs) +
                         "><w:comment w:id=\"0\" w:author=\"Reviewer\" w:initials=\"R\">" +
                         para(run("Check this with DS Imani Reyes"), "4D000001") + "</w:comment></w:comments>";
  std::string header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:hdr " + std::string(kNs) + ">" +
                       para(run("RESTRICTED \xE2\x80\x93 Child K"), "5E000001") + "</w:hdr>";
  std::string core =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<dc:title>Agency report</dc:title><dc:creator>Jo Smith</dc:creator><cp:lastModifiedBy>Jo Smith</cp:lastModifiedBy></cp:coreProperties>";
  std::string app = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Properties "
                    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Template>Normal.dotm</Template>"
                    "<Company>Northbrook Council</Company></Properties>";
  std::string custom =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Properties "
      "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
      "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property "
      "fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"CaseName\"><vt:lpwstr>Marlow family review</vt:lpwstr></property></Properties>";
  std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
      "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/"
      "package/2006/relationships\"><Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/header\" Target=\"header1.xml\"/><Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/"
      "officeDocument/2006/relationships/hyperlink\" Target=\"https://records.example.org/case/4471\" TargetMode=\"External\"/>"
      "</Relationships>";
  std::string package_rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/"
      "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
  ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml", types);
  zip.add("_rels/.rels", package_rels);
  zip.add("word/document.xml", document);
  zip.add("word/_rels/document.xml.rels", rels);
  zip.add("word/header1.xml", header);
  zip.add("word/footnotes.xml", footnotes);
  zip.add("word/comments.xml", comments);
  zip.add("docProps/core.xml", core);
  zip.add("docProps/app.xml", app);
  zip.add("docProps/custom.xml", custom);
  return zip.finish();
}

// "body word/document.xml ¶3 hidden text: Kai Marlow"
std::vector<std::string> described(const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const auto& s : spans)
    out.push_back(std::string(ooxml::area_name(s.area)) + " " + s.where.text() + " " + ooxml::kind_name(s.kind) +
                  (s.name.empty() ? "" : " " + s.name) + ": " + s.text);
  return out;
}

}  // namespace

TEST_CASE("the walk finds every span of a document with its kind and place", "[walk]") {
  std::string why;
  auto package = ooxml::Package::from_bytes(report_docx(), why);
  REQUIRE(package);
  Diagnostics diags;
  auto spans = ooxml::walk_text(*package, "report.docx", diags);
  REQUIRE(spans);
  CHECK(test::lines(diags).empty());
  CHECK(described(*spans) == std::vector<std::string>{
                                 "body word/document.xml \xC2\xB6" "1 text: Agency report",
                                 "body word/document.xml \xC2\xB6" "2 text: The family moved in ",
                                 "body word/document.xml \xC2\xB6" "2 tracked deletion: with Shannon Marlow",
                                 "body word/document.xml \xC2\xB6" "2 tracked insertion: with Parent 1",
                                 "body word/document.xml \xC2\xB6" "3 text: Seen at home.",
                                 "body word/document.xml \xC2\xB6" "3 hidden text:  Kai Marlow",
                                 "body word/document.xml \xC2\xB6" "4 alt text descr: Photo of Kai at Little Acorns",
                                 "body word/document.xml \xC2\xB6" "4 picture title title: Kai, 2024",
                                 "body word/document.xml \xC2\xB6" "5 text: See the note.",
                                 "body word/document.xml \xC2\xB6" "6 field code:  AUTHOR \\* MERGEFORMAT ",
                                 "body word/document.xml \xC2\xB6" "6 text: J Smith",
                                 "body word/document.xml \xC2\xB6" "6 hyperlink target: https://records.example.org/case/4471",
                                 "body word/document.xml \xC2\xB6" "6 text: the case notes",
                                 "body word/document.xml \xC2\xB6" "7 text: After the box",
                                 "body word/document.xml \xC2\xB6" "8 text box: Box: {{ child.nmae }}",
                                 "body word/document.xml \xC2\xB6" "9 (table row 1, cell 1) text: Date",
                                 "body word/document.xml \xC2\xB6" "10 (table row 1, cell 2) text: Event",
                                 "body word/document.xml \xC2\xB6" "11 (table row 2, cell 1) text: 2025-01-14",
                                 "body word/document.xml \xC2\xB6" "12 (table row 2, cell 2) text: Visit by {{ agency | uper }}",
                                 "body word/document.xml \xC2\xB6" "13 text: End",
                                 "header word/header1.xml \xC2\xB6" "1 text: RESTRICTED \xE2\x80\x93 Child K",
                                 "footnote word/footnotes.xml \xC2\xB6" "3 text: Told by the mother's partner, {{ partner | uper }}.",
                                 "comment word/comments.xml \xC2\xB6" "1 text: Check this with DS Imani Reyes",
                                 "document properties docProps/core.xml \xC2\xB6" "0 property title: Agency report",
                                 "document properties docProps/core.xml \xC2\xB6" "0 property creator: Jo Smith",
                                 "document properties docProps/core.xml \xC2\xB6" "0 property lastModifiedBy: Jo Smith",
                                 "document properties docProps/app.xml \xC2\xB6" "0 property Template: Normal.dotm",
                                 "document properties docProps/app.xml \xC2\xB6" "0 property Company: Northbrook Council",
                                 "document properties docProps/custom.xml \xC2\xB6" "0 property CaseName: Marlow family review",
                             });
}

TEST_CASE("a template error and the document model name the same paragraph, in a text box, a table and a footnote",
          "[walk][templating]") {
  std::string bytes = report_docx();
  Diagnostics template_diags;
  auto t = templating::DocxTemplate::from_bytes(bytes, "report.docx", template_diags);
  REQUIRE(t);
  auto data = data::parse_yaml("child: {name: Kai}\nagency: Police\npartner: Ben\n", "d.yaml", template_diags);
  CHECK(!t->fill(*data, {}, template_diags));
  auto problems = test::lines(template_diags);
  // The text box's two copies give one message.
  REQUIRE(problems.size() == 3);
  CHECK_THAT(problems[0], Catch::StartsWith("report.docx: word/document.xml \xC2\xB6" "8: error: unknown variable 'child.nmae'"));
  CHECK_THAT(problems[1], Catch::StartsWith("report.docx: word/document.xml \xC2\xB6" "12: error: unknown filter 'uper'"));
  CHECK_THAT(problems[2], Catch::StartsWith("report.docx: word/footnotes.xml \xC2\xB6" "3: error: unknown filter 'uper'"));

  std::string why;
  auto package = ooxml::Package::from_bytes(bytes, why);
  REQUIRE(package);
  Diagnostics diags;
  auto spans = ooxml::walk_text(*package, "report.docx", diags);
  REQUIRE(spans);
  auto place_of = [&](const std::string& text) {
    for (const auto& s : *spans)
      if (s.text.find(text) != std::string::npos) return s.where.text();
    return std::string("not found");
  };
  CHECK(place_of("{{ child.nmae }}") == "word/document.xml \xC2\xB6" "8");
  CHECK(place_of("{{ agency | uper }}") == "word/document.xml \xC2\xB6" "12 (table row 2, cell 2)");
  CHECK(place_of("{{ partner | uper }}") == "word/footnotes.xml \xC2\xB6" "3");
  // The model the layout reads numbers its paragraphs the same way.
  auto doc = ooxml::read_document(*package, "report.docx", diags);
  REQUIRE(doc);
  std::vector<std::string> places;
  for (const auto* p : doc->paragraphs())
    if (p->text().find("{{") != std::string::npos) places.push_back(p->where.text());
  CHECK(places == std::vector<std::string>{"word/document.xml \xC2\xB6" "8", "word/document.xml \xC2\xB6" "12 (table row 2, cell 2)"});
  REQUIRE(doc->footnotes.size() == 1);  // the separators are not notes
  REQUIRE(doc->footnotes[0].paragraph);
  CHECK(doc->footnotes[0].paragraph->where.text() == "word/footnotes.xml \xC2\xB6" "3");
  CHECK_THAT(doc->footnotes[0].paragraph->text(), Catch::Contains("{{ partner | uper }}"));
  for (const auto* p : doc->paragraphs()) CHECK(p->where.paragraph > 0);
}
