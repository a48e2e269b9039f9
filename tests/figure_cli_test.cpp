// The figures of {% figure NAME %} drawn from a case: cli::case_figure, and `reviewkit generate`,
// `fill` and `letters` with a template that asks for the timeline (docs/template-language.md).
#include <catch2/catch.hpp>

#include <podofo/podofo.h>

#include <filesystem>

#include "chronology_support.hpp"
#include "cli/figures.hpp"
#include "ooxml/image_info.hpp"
#include "ooxml/package.hpp"
#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {

std::string sample() { return test::repo_path("samples/child-a/case.yaml").string(); }

// A template of one paragraph with `text`, split where Word would split it, as Word writes the
// package (without headers, so that fill can fill it from any data).
std::string one_paragraph_template(const std::string& first, const std::string& second) {
  ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types "
          "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
          "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
          "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
          "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  zip.add("_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships "
          "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
          "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
          "Target=\"word/document.xml\"/></Relationships>");
  zip.add("word/document.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document "
          "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p w:rsidR=\"00A1\"><w:r>"
          "<w:t xml:space=\"preserve\">" + first + "</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t xml:space=\"preserve\">" +
              second +
              "</w:t></w:r><w:proofErr w:type=\"spellEnd\"/></w:p><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar "
              "w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" "
              "w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
  return zip.finish();
}

// How many objects of the PDF have this /Subtype.
int count_subtype(const std::string& pdf, const std::string& subtype) {
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  int n = 0;
  for (PoDoFo::PdfObject* o : doc.GetObjects())
    if (o->IsDictionary() && o->GetDictionary().HasKey("Subtype") && o->GetDictionary().GetKey("Subtype")->IsName() &&
        o->GetDictionary().GetKey("Subtype")->GetName().GetName() == subtype)
      ++n;
  return n;
}

// The first page's content stream, uncompressed.
std::string first_page_content(const std::string& pdf) {
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  char* content = nullptr;
  PoDoFo::pdf_long length = 0;
  doc.GetPage(0)->GetContents()->GetStream()->GetFilteredCopy(&content, &length);
  std::string stream(content, static_cast<std::size_t>(length));
  PoDoFo::podofo_free(content);
  return stream;
}

}  // namespace

TEST_CASE("case_figure draws the case's timeline as PNG at 300 dpi, SVG and PDF, with its description", "[cli][figures]") {
  const casefile::Case& kase = test::sample_case();
  std::string error;
  auto f = cli::case_figure(kase, {"timeline", 16, 0, nullptr}, error);
  REQUIRE(f);
  CHECK(error.empty());
  CHECK(f->width_pt == Approx(16 / 2.54 * 72));
  CHECK(f->height_pt > 100);
  auto png = ooxml::inspect_image(f->png);
  REQUIRE(png);
  CHECK(png->extension == "png");
  CHECK(png->width == 1890);  // 16 cm at 300 dots per inch
  CHECK(png->dpi_x == Approx(300).epsilon(0.01));
  CHECK(f->svg.find("<svg") != std::string::npos);
  auto pdf = ooxml::inspect_image(f->pdf);
  REQUIRE(pdf);
  CHECK(pdf->extension == "pdf");
  CHECK(pdf->width == 454);
  CHECK_THAT(f->description, Catch::StartsWith("Agency contact with Child A, "));
  CHECK_THAT(f->description, Catch::Contains("CSC: "));
  // A height asked for is the height drawn; no width is 16 cm.
  auto sized = cli::case_figure(kase, {"timeline", 0, 8, nullptr}, error);
  REQUIRE(sized);
  CHECK(sized->width_pt == Approx(16 / 2.54 * 72));
  CHECK(sized->height_pt == Approx(8 / 2.54 * 72));
}

TEST_CASE("case_figure: the genogram as of the document's day, and an unknown figure names those there are", "[cli][figures]") {
  const casefile::Case& kase = test::sample_case();
  std::string error;
  // The family as known on the day the document is written: on 10 January 2024 Adult 1 was not
  // yet part of it; by 1 June 2026 he was.
  auto then = data::Node::make_map();
  then->set("today", data::Node::make_scalar("2024-01-10", false));
  auto g = cli::case_figure(kase, {"genogram", 16, 0, then.get()}, error);
  INFO(error);
  REQUIRE(g);
  CHECK_THAT(g->description, Catch::Contains("As known on 10 January 2024."));
  CHECK_THAT(g->description, !Catch::Contains("Adult 1"));
  auto now = cli::case_figure(kase, {"genogram", 16, 0, nullptr}, error);
  REQUIRE(now);
  CHECK_THAT(now->description, Catch::Contains("As known on 1 June 2026."));
  CHECK_THAT(now->description, Catch::Contains("Adult 1"));
  CHECK_THAT(now->description, !Catch::Contains("Marlow"));  // pseudonyms only
  CHECK(now->svg.find("<svg") != std::string::npos);
  CHECK(now->pdf.rfind("%PDF", 0) == 0);
  auto png = ooxml::inspect_image(now->png);
  REQUIRE(png);
  CHECK(png->width >= 16 / 2.54 * 300 - 2);  // 300 dots per inch at the 16 cm it is shown
  CHECK(now->width_pt > 0);
  CHECK_FALSE(cli::case_figure(kase, {"timline", 0, 0, nullptr}, error));
  CHECK(error == "reviewkit draws no figure 'timline' (did you mean 'timeline'?); the figures are 'genogram' or 'timeline'");
  CHECK_FALSE(cli::case_figure(kase, {"chart", 0, 0, nullptr}, error));
  CHECK(error == "reviewkit draws no figure 'chart'; the figures are 'genogram' or 'timeline'");
  // The handler a fill is given draws each figure once for each size.
  auto handler = cli::case_figures(std::make_shared<const casefile::Case>(kase));
  auto a = handler({"timeline", 10, 0, nullptr}, error);
  auto b = handler({"timeline", 10, 0, nullptr}, error);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->png == b->png);
  auto g1 = handler({"genogram", 10, 0, then.get()}, error);
  auto g2 = handler({"genogram", 10, 0, nullptr}, error);
  REQUIRE(g1);
  REQUIRE(g2);
  CHECK(g1->description != g2->description);  // one drawing for each day
}

TEST_CASE("fill draws the timeline from a case file, and says figures need one with other data", "[cli][figures]") {
  test::TempDir tmp;
  tmp.write("t.docx", one_paragraph_template("Contacts: {% figure time", "line width: 12cm %}"));
  std::string t = (tmp.path / "t.docx").string();
  auto r = test::run_cli({"fill", t, sample(), "-o", (tmp.path / "out").string(), "--format", "docx,pdf", "--today", "2026-06-30"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string doc = test::docx_part(tmp.path / "out.docx", "word/document.xml");
  CHECK_THAT(doc, Catch::Contains("<wp:extent cx=\"4320000\" cy=\""));
  CHECK_THAT(doc, Catch::Contains("descr=\"Agency contact with Child A, "));
  CHECK_THAT(doc, Catch::Contains("r:embed=\"rkFigure1svg\""));
  CHECK(test::docx_part(tmp.path / "out.docx", "word/media/reviewkit-figure1.svg").find("<svg") != std::string::npos);
  std::string pdf = test::read_fixture((tmp.path / "out.pdf").string());
  CHECK(count_subtype(pdf, "Form") >= 1);
  CHECK(count_subtype(pdf, "Image") == 0);
  CHECK_THAT(first_page_content(pdf), Catch::Contains("/Span <</Alt (Agency contact with Child A, "));

  tmp.write("data.yaml", "child: {name: Child A}\n");
  auto plain = test::run_cli({"fill", t, (tmp.path / "data.yaml").string(), "-o", (tmp.path / "plain.docx").string()});
  CHECK(plain.status == 1);
  CHECK(test::split_lines(plain.err) ==
        std::vector<std::string>{t + ": word/document.xml \xC2\xB6" "1: error: figures cannot be drawn here in \"Contacts: {% figure "
                                     "timeline width: 12cm %}\" (the engine draws figures from a case file: fill the template from "
                                     "one (reviewkit generate CASE.yaml, or reviewkit fill or letters with a case file as the data))",
                                 "reviewkit fill: 1 error; nothing was written"});
  CHECK_FALSE(fs::exists(tmp.path / "plain.docx"));

  tmp.write("g.docx", one_paragraph_template("{% figure geno", "gram %}"));
  auto genogram = test::run_cli({"fill", (tmp.path / "g.docx").string(), sample(), "-o", (tmp.path / "g-out").string(),
                                 "--format", "docx,pdf", "--today", "2026-06-30"});
  INFO(genogram.err);
  CHECK(genogram.status == 0);
  std::string gdoc = test::docx_part(tmp.path / "g-out.docx", "word/document.xml");
  CHECK_THAT(gdoc, Catch::Contains("descr=\"Genogram: Child A\u2019s family. As known on 30 June 2026. "));
  CHECK(test::docx_part(tmp.path / "g-out.docx", "word/media/reviewkit-figure1.svg").find("<svg") != std::string::npos);
  CHECK(ooxml::inspect_image(test::docx_part(tmp.path / "g-out.docx", "word/media/reviewkit-figure1.png")));
  // In reviewkit's PDF: vector art (a form XObject, no image) with the family in words as its
  // alternative text (UTF-16, for the apostrophe of "Child A's").
  std::string gpdf = test::read_fixture((tmp.path / "g-out.pdf").string());
  CHECK(count_subtype(gpdf, "Form") >= 1);
  CHECK(count_subtype(gpdf, "Image") == 0);
  CHECK_THAT(first_page_content(gpdf), Catch::Contains("/Span <</Alt (\\376\\377\\000G\\000e\\000n\\000o\\000g\\000r\\000a\\000m"));
}

TEST_CASE("generate puts the case's timeline into each document, vector art in the PDFs", "[cli][figures][generate]") {
  test::TempDir tmp;
  tmp.write("timeline.docx", one_paragraph_template("To {{ recipient.name }}: {% figure time", "line width: 16cm height: 9cm %}"));
  tmp.write("documents.yaml",
            "stages: [referral, decision]\ndocuments:\n"
            "  - {id: timeline, title: The timeline, template: timeline.docx, each: agencies, stage: referral,"
            " audience: restricted, formats: [docx, pdf], combined: all.docx}\n");
  fs::path out = tmp.path / "out";
  auto r = test::run_cli({"generate", sample(), "--all", "-o", out.string(), "--documents", (tmp.path / "documents.yaml").string(),
                          "--today", "2026-06-30"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::size_t docx = 0;
  for (const auto& e : fs::directory_iterator(out / "timeline")) {
    if (e.path().extension() != ".docx") continue;
    ++docx;
    std::string doc = test::docx_part(e.path(), "word/document.xml");
    CHECK_THAT(doc, Catch::Contains("<wp:extent cx=\"5760000\" cy=\"3240000\"/>"));
    CHECK_THAT(doc, Catch::Contains("svgBlip"));
    if (e.path().filename() == "all.docx") continue;
    fs::path pdf = e.path();
    pdf.replace_extension(".pdf");
    REQUIRE(fs::exists(pdf));
    std::string bytes = test::read_fixture(pdf.string());
    CHECK(count_subtype(bytes, "Form") >= 1);
    CHECK(count_subtype(bytes, "Image") == 0);
  }
  CHECK(docx > 2);
  std::string all = test::docx_part(out / "timeline" / "all.docx", "word/document.xml");
  CHECK(all.find("r:embed=\"rkFigure2svg\"") != std::string::npos);
}
