// The scanner reads PDFs (engine/scan/pdf.cpp): a real name planted in each place a PDF can hide
// one, found at its place with its message, in PDFs reviewkit lays out itself and in PDFs
// LibreOffice wrote (tests/fixtures/scan/, made by make-pdfs.sh there); nothing in a clean PDF that
// names only people a report may name; a clear `why` for an encrypted PDF without its password, a
// damaged one and one that is not a PDF.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "chronology_support.hpp"
#include "cli/scan.hpp"
#include "ooxml/package.hpp"
#include "scan/scan.hpp"
#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {

struct Scanned {
  std::string why;
  std::vector<std::string> lines;  ///< each hit and note, formatted, in the order found
  bool has(const std::string& start) const {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(start, 0) == 0; });
  }
  std::size_t count(const std::string& part) const {
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; }));
  }
  std::string all() const {
    std::string out = "why: " + why + "\n";
    for (const auto& l : lines) out += l + "\n";
    return out;
  }
};

Scanned scan_pdf(const std::string& bytes, const std::string& name, const std::string& password = {}) {
  static const auto ids = cli::case_identifiers(test::sample_case());
  Scanned s;
  Diagnostics d;
  auto spans = scan::pdf_spans(bytes, name, s.why, password, &d);
  scan::scan_spans(spans, ids, d);
  for (const auto& x : d.items()) s.lines.push_back(format(x));
  return s;
}

Scanned scan_fixture(const std::string& name, const std::string& password = {}) {
  return scan_pdf(test::read_fixture("fixtures/scan/" + name), name, password);
}

const std::string HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
const std::string W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string para(const std::string& text, const std::string& style = "") {
  return "<w:p>" + (style.empty() ? "" : "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>") + "<w:r><w:t xml:space=\"preserve\">" +
         text + "</w:t></w:r></w:p>";
}

/// A Word document with the body's paragraphs, its title and author in its core properties
/// (reviewkit's PDF takes its metadata from them), and a hyperlink relationship rId9.
std::string docx(const std::string& body, const std::string& title, const std::string& author) {
  ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml",
          HEAD + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
                 "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                 "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
                 "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override "
                 "PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>");
  zip.add("_rels/.rels", HEAD + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
                                "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                                "Target=\"word/document.xml\"/><Relationship Id=\"rId2\" "
                                "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
                                "Target=\"docProps/core.xml\"/></Relationships>");
  zip.add("docProps/core.xml", HEAD + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                                      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + title + "</dc:title><dc:creator>" + author +
                                      "</dc:creator></cp:coreProperties>");
  zip.add("word/_rels/document.xml.rels",
          HEAD + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId9\" "
                 "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
                 "Target=\"https://social.example/declan.quinn\" TargetMode=\"External\"/></Relationships>");
  zip.add("word/document.xml", HEAD + "<w:document " + W + "><w:body>" + body +
                                   "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
                                   "w:bottom=\"1440\" w:left=\"1440\"/></w:sectPr></w:body></w:document>");
  return zip.finish();
}

/// The PDF reviewkit lays out from a Word document (reviewkit render).
std::string rendered(const test::TempDir& tmp, const std::string& name, const std::string& docx_bytes) {
  tmp.write(name + ".docx", docx_bytes);
  auto r = test::run_cli({"render", (tmp.path / (name + ".docx")).string(), "-o", (tmp.path / (name + ".pdf")).string(), "--force"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  return test::read_fixture((tmp.path / (name + ".pdf")).string());
}

}  // namespace

TEST_CASE("scan: a PDF reviewkit laid out, a name on page 2, in the title, the author and a link", "[scan][pdf]") {
  test::TempDir tmp;
  std::string body = para("The review found that agencies did not share what they knew.") +
                     "<w:p><w:hyperlink r:id=\"rId9\"><w:r><w:t>A page the family keep</w:t></w:r></w:hyperlink></w:p>" +
                     "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" + para("Shannon Marlow attended the meeting.");
  auto s = scan_pdf(rendered(tmp, "laid-out", docx(body, "Notes on Conor Quinn", "Bernadette Quinn")), "laid-out.pdf");
  INFO(s.all());
  CHECK(s.why.empty());
  CHECK(s.has("laid-out.pdf: page 2 line 1: error: real name of Parent 1 ('Shannon Marlow') in \"Shannon Marlow attended the meeting.\" (write 'Parent 1')"));
  CHECK(s.has("laid-out.pdf: document information Title: error: real name of Uncle 1 ('Conor Quinn') in \"Notes on Conor Quinn\" (write 'Uncle 1')"));
  CHECK(s.has("laid-out.pdf: document information Author: error: real name of Grandparent 3 ('Bernadette Quinn') in \"Bernadette Quinn\""));
  // the hyperlink's target, a Link annotation of page 1 (its text names nobody)
  CHECK(s.has("laid-out.pdf: page 1 Link annotation 1 link: error: first name of Parent 2 ('Declan', from 'Declan Quinn') in "
              "\"https://social.example/declan.quinn\" (write 'Parent 2')"));
  CHECK(s.count("page 1 line") == 0);
}

TEST_CASE("scan: a form reviewkit built and filled, its field's value and appearance", "[scan][pdf]") {
  test::TempDir tmp;
  tmp.write("form.yaml", "title: Contact form\nsections:\n  - heading: The carer\n    fields:\n      - {name: carer, label: Who cares for the child}\n");
  tmp.write("data.yaml", "carer: Declan Quinn\n");
  std::string form = (tmp.path / "form.pdf").string(), filled = (tmp.path / "filled.pdf").string();
  auto built = test::run_cli({"form", "build", (tmp.path / "form.yaml").string(), "-o", form});
  INFO(built.err);
  REQUIRE(built.status == 0);
  auto fill = test::run_cli({"fill", form, (tmp.path / "data.yaml").string(), "-o", filled});
  INFO(fill.err);
  REQUIRE(fill.status == 0);
  auto s = scan_pdf(test::read_fixture(filled), "filled.pdf");
  INFO(s.all());
  CHECK(s.has("filled.pdf: form field 'carer' value: error: real name of Parent 2 ('Declan Quinn') in \"Declan Quinn\" (write 'Parent 2')"));
  // the text its appearance draws, through its font's ToUnicode map (reviewkit embeds the font)
  CHECK(s.has("filled.pdf: form field 'carer' appearance: error: real name of Parent 2 ('Declan Quinn') in \"Declan Quinn\" (write 'Parent 2')"));
  // and as poppler draws it on the page
  CHECK(s.has("filled.pdf: page 1 lines 2\u20134: error: real name of Parent 2 ('Declan Quinn') in \"The carer Who cares for the child Declan Quinn\""));
}

TEST_CASE("scan: a PDF LibreOffice wrote, a name in each place", "[scan][pdf]") {
  auto s = scan_fixture("lo-report.pdf");
  INFO(s.all());
  CHECK(s.why.empty());
  // the page text of page 2, a name across two lines, a name hyphenated at a line's end
  CHECK(s.has("lo-report.pdf: page 2 lines 1\u20137: error: real name of Parent 1 ('Shannon Marlow') in \"Shannon Marlow attended"));
  CHECK(s.has("lo-report.pdf: page 2 lines 1\u20137: error: real name of Adult 1 ('Jason Trell')"));
  CHECK(s.has("lo-report.pdf: page 2 lines 1\u20137: error: real name of Adult 2 ('Ryan Colley')"));
  // the footnote, at the page's foot, a block of its own
  CHECK(s.has("lo-report.pdf: page 2 line 8: error: real name of Grandparent 2 ('Gary Marlow') in \"1Told to the author by Gary Marlow.\""));
  // the comment, exported as a Text annotation with its author
  CHECK(s.has("lo-report.pdf: page 2 Text annotation 1 text: error: real name of Grandparent 1 ('Lorraine Marlow') in \"Check with Lorraine Marlow first.\""));
  // the heading, on page 1 and as a bookmark
  CHECK(s.has("lo-report.pdf: page 1 lines 1\u20133: error: real name of Sibling 1 ('Kayla Marlow') in \"Contact with Kayla Marlow The review "
              "found that agencies did not\u2026\" (write 'Sibling 1')"));
  CHECK(s.has("lo-report.pdf: bookmark 1: error: real name of Sibling 1 ('Kayla Marlow') in \"Contact with Kayla Marlow\""));
  // the title and the author, in the information dictionary and in the XMP packet
  CHECK(s.has("lo-report.pdf: document information Title: error: real name of Uncle 1 ('Conor Quinn') in \"Notes on Conor Quinn\""));
  CHECK(s.has("lo-report.pdf: document information Author: error: real name of Grandparent 3 ('Bernadette Quinn')"));
  CHECK(s.has("lo-report.pdf: XMP metadata dc:title: error: real name of Uncle 1 ('Conor Quinn')"));
  CHECK(s.has("lo-report.pdf: XMP metadata dc:creator: error: real name of Grandparent 3 ('Bernadette Quinn')"));
  // the NHS number whose check digit is right, not the one mistyped
  CHECK(s.has("lo-report.pdf: page 1 lines 1\u20133: error: an NHS number ('943 476 5919')"));
  CHECK(s.count("943 476 5918')") == 0);
}

TEST_CASE("scan: a clean PDF naming only the author and the board chair", "[scan][pdf]") {
  auto s = scan_fixture("lo-clean.pdf");
  INFO(s.all());
  CHECK(s.why.empty());
  CHECK(s.lines.empty());
}

TEST_CASE("scan: a PDF's attachments, a text file and a PDF read, a picture named", "[scan][pdf]") {
  auto s = scan_fixture("lo-attached.pdf");
  INFO(s.all());
  CHECK(s.why.empty());
  CHECK(s.has("lo-attached.pdf: attachment 'notes.txt' line 2: error: real name of Child A ('Ellis Marlow-Quinn') in \"Ellis Marlow-Quinn said little.\""));
  CHECK(s.has("lo-attached.pdf: attachment 'minutes.pdf' page 1 line 1: error: real name of Parent 2 ('Declan Quinn')"));
  CHECK(s.has("lo-attached.pdf: attachment 'letter.docx' word/document.xml \u00B61: error: real name of Uncle 1 ('Conor Quinn') in \"Dear Conor "
              "Quinn, thank you for meeting the reviewer.\" (write 'Uncle 1')"));
  CHECK(s.has("lo-attached.pdf: attachment 'photo.png': warning: the attachment 'photo.png' was not read (reviewkit reads attached PDF, Word "
              "and text files) (save the attachment and check it by hand)"));
}

TEST_CASE("scan: an encrypted PDF without its password, with a wrong one, and with it", "[scan][pdf]") {
  auto locked = scan_fixture("lo-encrypted.pdf");
  CHECK(locked.why == "the PDF is protected with a password; give --password-file FILE");
  CHECK(locked.lines.empty());
  auto wrong = scan_fixture("lo-encrypted.pdf", "guess");
  CHECK(wrong.why == "the password given does not open the PDF; check the password file");
  auto open = scan_fixture("lo-encrypted.pdf", "fixture-password");
  INFO(open.all());
  CHECK(open.why.empty());
  CHECK(open.has("lo-encrypted.pdf: page 2 lines 1\u20137: error: real name of Parent 1 ('Shannon Marlow')"));
  CHECK(open.has("lo-encrypted.pdf: page 2 Text annotation 1 text: error: real name of Grandparent 1 ('Lorraine Marlow') in \"Check with Lorraine Marlow first.\""));
  CHECK(open.has("lo-encrypted.pdf: document information Title: error: real name of Uncle 1 ('Conor Quinn') in \"Notes on Conor Quinn\""));
}

TEST_CASE("scan: a truncated PDF, a damaged one and one that is not a PDF", "[scan][pdf]") {
  auto cut = scan_fixture("lo-truncated.pdf");
  INFO(cut.all());
  CHECK(cut.why == "it is damaged or not a PDF (No EOF Marker was found in the PDF file.)");
  CHECK(cut.lines.empty());
  // a catalog whose pages are missing: neither reader finds anything
  auto damaged = scan_pdf("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF", "damaged.pdf");
  CHECK_THAT(damaged.why, Catch::StartsWith("it is damaged or not a PDF ("));
  // poppler reads the page of a PDF whose cross-reference table is gone; PoDoFo cannot read the
  // rest, and says so as an error
  std::string good = test::read_fixture("fixtures/scan/lo-clean.pdf");
  std::string no_xref = good.substr(0, good.rfind("startxref")) + "%%EOF\n";
  auto recovered = scan_pdf(no_xref, "no-xref.pdf");
  INFO(recovered.all());
  CHECK(recovered.why.empty());
  CHECK(recovered.lines == std::vector<std::string>{
                               "no-xref.pdf: error: its annotations, bookmarks, form fields, attachments and properties could not be read (No "
                               "XRef table was found in the PDF file.); only the pages' text was scanned (check the PDF opens in a PDF reader, "
                               "or scan the document it was made from)"});
  auto text = scan_pdf("Shannon Marlow", "notes.pdf");
  CHECK(text.why == "it is not a PDF (it does not start with %PDF-)");
  CHECK(text.lines.empty());
}

TEST_CASE("scan: a hostile PDF, its outline and its fields in cycles, an attachment that inflates to 100 MB", "[scan][pdf]") {
  auto s = scan_fixture("hostile.pdf");
  INFO(s.all());
  CHECK(s.why.empty());
  CHECK(s.lines == std::vector<std::string>{
                       "hostile.pdf: error: the attachment 'zeros.txt' unpacks to more than 64 MB and was not scanned (save the attachment and "
                       "scan it on its own)",
                       "hostile.pdf: bookmark 1: error: real name of Parent 1 ('Shannon Marlow') in \"Shannon Marlow\" (write 'Parent 1')"});
}

TEST_CASE("reviewkit scan reads a PDF, with --password-file for an encrypted one", "[scan][pdf][cli]") {
  test::TempDir tmp;
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  std::string enc = test::repo_path("tests/fixtures/scan/lo-encrypted.pdf").string();
  std::string clean = test::repo_path("tests/fixtures/scan/lo-clean.pdf").string();
  auto ok = test::run_cli({"scan", clean, "--case", kase});
  CHECK(ok.status == 0);
  CHECK(ok.out == "reviewkit scan: 1 document, nothing found that could identify the family\n");
  auto locked = test::run_cli({"scan", enc, "--case", kase});
  CHECK(locked.status == 1);
  CHECK_THAT(locked.out, Catch::StartsWith(enc + ": error: cannot be read as a PDF: the PDF is protected with a password; give --password-file FILE\n"));
  tmp.write("pw", "fixture-password\n");
  auto open = test::run_cli({"scan", enc, "--case", kase, "--password-file", (tmp.path / "pw").string(), "--json"});
  CHECK(open.status == 1);
  CHECK_THAT(open.out, Catch::Contains("\"place\": \"page 2 lines 1\u20137\", \"line\": 0, \"severity\": \"error\", \"message\": \"real name of Parent 1 ('Shannon Marlow')\""));
}
