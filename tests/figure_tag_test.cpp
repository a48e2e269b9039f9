// {% figure NAME width: 16cm %}: figures the engine draws, put into a Word document as a PNG with
// the SVG beside it (or as a PDF, for reviewkit's own PDF), with their alternative text; on XML as
// Word writes it (the tag split across runs at a spell-check mark) (docs/template-language.md).
#include <catch2/catch.hpp>

#include <podofo/podofo.h>

#include <filesystem>

#include "data/node.hpp"
#include "documents/batch.hpp"
#include "figures/timeline.hpp"
#include "layout/pdf.hpp"
#include "layout/render.hpp"
#include "ooxml/package.hpp"
#include "support.hpp"
#include "templating/docx_template.hpp"
#include "templating/part_template.hpp"

using namespace reviewkit;
using templating::FigureImage;
using templating::FigureRequest;
using templating::PartTemplate;
namespace fs = std::filesystem;

namespace {

const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"><w:body>";
const char* kTail = "<w:sectPr w:rsidR=\"00A1\"><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";

// A paragraph as Word writes it: a run for each piece, a spell-check mark between the first two.
std::string para(std::initializer_list<std::string> runs) {
  std::string p = "<w:p w14:paraId=\"1A2B3C4D\" w14:textId=\"77EE3C4D\" w:rsidR=\"00B2\" w:rsidRDefault=\"00C3\">";
  bool first = true;
  for (const auto& r : runs) {
    if (!first) p += "<w:proofErr w:type=\"spellStart\"/>";
    p += "<w:r w:rsidRPr=\"00D4\"><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">" + r + "</w:t></w:r>";
    first = false;
  }
  return p + "</w:p>";
}

std::vector<std::string> compile_problems(const std::string& body) {
  Diagnostics diags;
  auto t = PartTemplate::compile(std::string(kHead) + body + kTail, "letter.docx", "word/document.xml", diags);
  return test::lines(diags);
}

std::vector<std::string> render_problems(const std::string& body, const templating::RenderOptions& options) {
  Diagnostics diags;
  auto data = data::parse_yaml("child: {name: Child A}\n", "data.yaml", diags);
  REQUIRE(data);
  auto t = PartTemplate::compile(std::string(kHead) + body + kTail, "letter.docx", "word/document.xml", diags);
  REQUIRE(t);
  t->render(*data, options, diags);
  return test::lines(diags);
}

figures::Timeline tiny_timeline() {
  figures::Timeline t;
  t.title = "Agency contact with Child A";
  t.from = {2024, 1, 1};
  t.to = {2024, 6, 30};
  t.lanes = {"CSC", "GP"};
  t.marks = {{{2024, 2, 4}, 0, true, false}, {{2024, 4, 1}, 1, false, false}};
  t.events = {{{2024, 3, 1}, {}, "Strategy discussion"}};
  return t;
}

// Real figure bytes, drawn once: 340 x 170 pt.
const FigureImage& tiny_figure() {
  static const FigureImage figure = [] {
    auto t = tiny_timeline();
    FigureImage f;
    f.png = figures::draw_timeline(t, figures::Format::Png, 340, 170, 72);
    f.svg = figures::draw_timeline(t, figures::Format::Svg, 340, 170);
    f.pdf = figures::draw_timeline(t, figures::Format::Pdf, 340, 170);
    f.width_pt = 340;
    f.height_pt = 170;
    f.description = "Contacts with \"Child A\" & family:\nCSC 1, GP 1 \xE2\x80\x93 \xC5\x81\xC3\xB3" "d\xC5\xBA";
    return f;
  }();
  return figure;
}

// A Word template (tests/fixtures/wordlike-letter.docx, its header and footer too) whose body is
// `body`.
std::shared_ptr<const templating::DocxTemplate> word_template(const std::string& body, Diagnostics& diags) {
  std::string why;
  auto package = ooxml::Package::from_bytes(test::read_fixture("fixtures/wordlike-letter.docx"), why);
  REQUIRE(package);
  ooxml::ZipWriter zip;
  for (const auto& part : package->parts()) {
    if (part.name != "word/document.xml") {
      zip.add_stored(part);
      continue;
    }
    std::string xml = package->read(part.name);
    auto open = xml.find("<w:body>") + 8;
    auto sect = xml.find("<w:sectPr");
    zip.add(part.name, xml.substr(0, open) + body + xml.substr(sect));
  }
  return templating::DocxTemplate::from_bytes(zip.finish(), "figure.docx", diags);
}

const char* kData = "board: {name: Board}\nreview: {security_marking: restricted}\nrecipient: {name: Ms Doe}\n";

// The figure tag as Word cuts it: "{% figure time" | spell-check mark | "line width: 8cm %}".
const std::string kFigureParagraph = para({"Contacts: {% figure time", "line width: 8cm %} (above)"});

struct Filled {
  std::string docx;
  std::vector<std::string> problems;
  std::vector<FigureRequest> asked;
};

Filled fill_with_figure(bool as_pdf, const std::string& body = kFigureParagraph) {
  Filled out;
  Diagnostics diags;
  auto t = word_template(body, diags);
  REQUIRE(t);
  auto data = data::parse_yaml(kData, "d.yaml", diags);
  templating::FillOptions options;
  options.figures_as_pdf = as_pdf;
  const data::Node* root = data.get();
  options.figures = [&](const FigureRequest& r, std::string&) -> std::optional<FigureImage> {
    out.asked.push_back(r);
    CHECK(r.data == root);
    return tiny_figure();
  };
  auto bytes = t->fill(*data, options, diags);
  out.problems = test::lines(diags);
  if (bytes) out.docx = *bytes;
  return out;
}

std::string part_of(const std::string& docx, const std::string& name) {
  std::string why;
  auto package = ooxml::Package::from_bytes(docx, why);
  REQUIRE(package);
  if (!package->has(name)) return "(no part " + name + ")";
  return package->read(name);
}

}  // namespace

TEST_CASE("a figure tag that cannot be read is an error with its place and a hint", "[templating][figures]") {
  auto p = compile_problems(para({"{% fig", "ure %}"}) + para({"{% figure \"timeline\" %}"}) + para({"{% figure Time", "line %}"}) +
                            para({"{% figure timeline width: 3 furlongs %}"}) + para({"{% figure child.genogram %}"}));
  const std::string at = "letter.docx: word/document.xml \xC2\xB6";
  const std::string hint = " (write {% figure genogram width: 16cm %})";
  const std::string word = " is not the name of a figure: a figure is named by one word in small letters (letters, digits and '-'), without quotes";
  CHECK(p == std::vector<std::string>{
                 at + "1: error: the figure needs a name in tag '{% figure %}' in \"{% figure %}\"" + hint,
                 at + "2: error: '\"timeline\"'" + word + " in tag '{% figure \"timeline\" %}' in \"{% figure \"timeline\" %}\"" + hint,
                 at + "3: error: 'Timeline'" + word + " in tag '{% figure Timeline %}' in \"{% figure Timeline %}\"" + hint,
                 at + "4: error: '3 furlongs' is not a length from 0 to 100 cm in tag '{% figure timeline width: 3 furlongs %}' in "
                      "\"{% figure timeline width: 3 furlongs %}\" (write it like 5cm, 40mm, 2in or 120pt)",
                 at + "5: error: 'child.genogram'" + word + " in tag '{% figure child.genogram %}' in \"{% figure child.genogram %}\"" + hint});
}

TEST_CASE("a figure tag is read with its name and sizes, inline in its run", "[templating][figures]") {
  Diagnostics diags;
  auto t = PartTemplate::compile(std::string(kHead) + para({"{% figure gen", "o-gram2 height: 40mm width: 16cm %}"}) + kTail,
                                 "letter.docx", "word/document.xml", diags);
  REQUIRE(t);
  CHECK(test::lines(diags).empty());
  CHECK(t->has_figures());
  CHECK_THAT(t->dump(), Catch::Contains("figure {% figure geno-gram2 height: 40mm width: 16cm %}"));
  std::vector<FigureRequest> asked;
  templating::RenderOptions options;
  options.figures = [&](const FigureRequest& r, std::string& error) -> std::optional<FigureImage> {
    asked.push_back(r);
    error = "not drawn by this version yet";
    return std::nullopt;
  };
  options.place_figure = [](const FigureRequest&, const FigureImage&, std::string&) { return std::nullopt; };
  auto p = render_problems(para({"See {% figure gen", "o-gram2 height: 40mm width: 16cm %}"}), options);
  REQUIRE(p.size() == 1);
  CHECK(p[0] == "letter.docx: word/document.xml \xC2\xB6" "1: error: figure 'geno-gram2': not drawn by this version yet in "
                "\"See {% figure geno-gram2 height: 40mm width: 16cm %}\"");
  // An image tag alone has no figure.
  auto image = PartTemplate::compile(std::string(kHead) + para({"{% image \"a.png\" %}"}) + kTail, "l.docx", "word/document.xml", diags);
  REQUIRE(image);
  CHECK_FALSE(image->has_figures());
}

TEST_CASE("a figure with nothing to draw it is an error that says where figures are drawn", "[templating][figures]") {
  auto p = render_problems(para({"{% figure time", "line %}"}), {});
  REQUIRE(p.size() == 1);
  CHECK(p[0] == "letter.docx: word/document.xml \xC2\xB6" "1: error: figures cannot be drawn here in \"{% figure timeline %}\" "
                "(the engine draws figures from a case file: fill the template from one (reviewkit generate CASE.yaml, or "
                "reviewkit fill or letters with a case file as the data))");
  Diagnostics diags;
  auto t = word_template(kFigureParagraph, diags);
  REQUIRE(t);
  CHECK(t->has_figures());
  auto data = data::parse_yaml(kData, "d.yaml", diags);
  CHECK_FALSE(t->fill(*data, {}, diags));
  CHECK_THAT(test::lines(diags).at(0), Catch::Contains("figure.docx: word/document.xml \xC2\xB6" "1: error: figures cannot be drawn here"));
  auto plain = word_template(para({"Dear {{ recipient.name }}"}), diags);
  REQUIRE(plain);
  CHECK_FALSE(plain->has_figures());
}

TEST_CASE("a figure goes into the .docx as a PNG with the SVG beside it and its alternative text", "[templating][figures]") {
  auto f = fill_with_figure(false);
  CHECK(f.problems.empty());
  REQUIRE(!f.docx.empty());
  REQUIRE(f.asked.size() == 1);
  CHECK(f.asked[0].name == "timeline");
  CHECK(f.asked[0].width_cm == Approx(8));
  CHECK(f.asked[0].height_cm == 0);
  std::string doc = part_of(f.docx, "word/document.xml");
  // 8 cm wide, 4 cm high in the figure's proportions (340 x 170 pt).
  CHECK_THAT(doc, Catch::Contains("<wp:extent cx=\"2880000\" cy=\"1440000\"/>"));
  CHECK_THAT(doc, Catch::Contains("<a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
                                  "r:embed=\"rkFigure1\"><a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\">"
                                  "<asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" "
                                  "r:embed=\"rkFigure1svg\"/></a:ext></a:extLst></a:blip>"));
  const std::string descr = "descr=\"Contacts with &quot;Child A&quot; &amp; family:&#10;CSC 1, GP 1 \xE2\x80\x93 \xC5\x81\xC3\xB3" "d\xC5\xBA\"";
  CHECK_THAT(doc, Catch::Contains("<wp:docPr id=\"1000\" name=\"Figure 1: timeline\" " + descr + "/>"));
  CHECK_THAT(doc, Catch::Contains("<pic:cNvPr id=\"0\" name=\"Figure 1: timeline\" " + descr + "/>"));
  // The text around the tag stays in its runs.
  CHECK(test::paragraphs(doc).at(0) == "Contacts:  (above)");
  std::string rels = part_of(f.docx, "word/_rels/document.xml.rels");
  const std::string image = "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\"";
  CHECK_THAT(rels, Catch::Contains("<Relationship Id=\"rkFigure1\" " + image + " Target=\"media/reviewkit-figure1.png\"/>"));
  CHECK_THAT(rels, Catch::Contains("<Relationship Id=\"rkFigure1svg\" " + image + " Target=\"media/reviewkit-figure1.svg\"/>"));
  std::string types = part_of(f.docx, "[Content_Types].xml");
  CHECK_THAT(types, Catch::Contains("<Default Extension=\"png\" ContentType=\"image/png\"/>"));
  CHECK_THAT(types, Catch::Contains("<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>"));
  CHECK(part_of(f.docx, "word/media/reviewkit-figure1.png") == tiny_figure().png);
  CHECK(part_of(f.docx, "word/media/reviewkit-figure1.svg") == tiny_figure().svg);
  CHECK(part_of(f.docx, "word/media/reviewkit-figure1.pdf") == "(no part word/media/reviewkit-figure1.pdf)");
}

TEST_CASE("a figure's size: both given, one given in proportion, or its own size at most 16 cm wide", "[templating][figures]") {
  auto extent = [](const std::string& tag) {
    auto f = fill_with_figure(false, para({tag}));
    CHECK(f.problems.empty());
    std::string doc = part_of(f.docx, "word/document.xml");
    auto at = doc.find("<wp:extent ");
    REQUIRE(at != std::string::npos);
    return doc.substr(at, doc.find("/>", at) + 2 - at);
  };
  CHECK(extent("{% figure timeline width: 10cm height: 2cm %}") == "<wp:extent cx=\"3600000\" cy=\"720000\"/>");
  CHECK(extent("{% figure timeline height: 3cm %}") == "<wp:extent cx=\"2160000\" cy=\"1080000\"/>");
  // 340 pt is 11.99 cm: its own size.
  CHECK(extent("{% figure timeline %}") == "<wp:extent cx=\"4318000\" cy=\"2159000\"/>");
  // A figure drawn wider than an A4 page's text is fitted to 16 cm, in proportion.
  Diagnostics diags;
  auto t = word_template(para({"{% figure timeline %}"}), diags);
  REQUIRE(t);
  auto data = data::parse_yaml(kData, "d.yaml", diags);
  templating::FillOptions options;
  options.figures = [](const FigureRequest&, std::string&) -> std::optional<FigureImage> {
    FigureImage wide = tiny_figure();
    wide.width_pt = 770;
    wide.height_pt = 385;
    return wide;
  };
  auto docx = t->fill(*data, options, diags);
  REQUIRE(docx);
  CHECK_THAT(part_of(*docx, "word/document.xml"), Catch::Contains("<wp:extent cx=\"5760000\" cy=\"2880000\"/>"));
}

TEST_CASE("figures_as_pdf puts each figure in as its PDF, for reviewkit's own PDF layout", "[templating][figures]") {
  auto f = fill_with_figure(true);
  CHECK(f.problems.empty());
  REQUIRE(!f.docx.empty());
  std::string doc = part_of(f.docx, "word/document.xml");
  CHECK_THAT(doc, Catch::Contains("r:embed=\"rkFigure1\"/>"));
  CHECK(doc.find("svgBlip") == std::string::npos);
  CHECK_THAT(part_of(f.docx, "word/_rels/document.xml.rels"), Catch::Contains("Target=\"media/reviewkit-figure1.pdf\""));
  CHECK_THAT(part_of(f.docx, "[Content_Types].xml"), Catch::Contains("<Default Extension=\"pdf\" ContentType=\"application/pdf\"/>"));
  CHECK(part_of(f.docx, "word/media/reviewkit-figure1.pdf") == tiny_figure().pdf);
  CHECK(part_of(f.docx, "word/media/reviewkit-figure1.svg") == "(no part word/media/reviewkit-figure1.svg)");
  CHECK(part_of(f.docx, "word/media/reviewkit-figure1.png") == "(no part word/media/reviewkit-figure1.png)");

  // Laid out: the figure is a Form XObject, drawn inside marked content with its alternative text.
  pdf::FontBook fonts;
  Diagnostics diags;
  auto pdf = layout::render_docx(f.docx, "figure.docx", {}, fonts, diags);
  REQUIRE(pdf);
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfMemDocument doc_pdf;
  doc_pdf.LoadFromBuffer(pdf->data(), static_cast<long>(pdf->size()));
  REQUIRE(doc_pdf.GetPageCount() == 1);
  PoDoFo::PdfObject* xobjects = doc_pdf.GetPage(0)->GetResources()->GetIndirectKey("XObject");
  REQUIRE(xobjects);
  REQUIRE(xobjects->GetDictionary().GetKeys().size() == 1);
  PoDoFo::PdfObject* form = doc_pdf.GetObjects().GetObject(xobjects->GetDictionary().GetKeys().begin()->second->GetReference());
  REQUIRE(form);
  CHECK(form->GetIndirectKey("Subtype")->GetName().GetName() == "Form");
  char* content = nullptr;
  PoDoFo::pdf_long length = 0;
  doc_pdf.GetPage(0)->GetContents()->GetStream()->GetFilteredCopy(&content, &length);
  std::string stream(content, static_cast<std::size_t>(length));
  PoDoFo::podofo_free(content);
  INFO(stream);
  std::string alt = "/Span <</Alt " + layout::pdf_literal_string(tiny_figure().description) + ">> BDC\n";
  auto begin = stream.find(alt);
  REQUIRE(begin != std::string::npos);
  auto draw = stream.find(" Do", begin);
  auto end = stream.find("EMC", begin);
  REQUIRE(draw != std::string::npos);
  REQUIRE(end != std::string::npos);
  CHECK(draw < end);
  // The text string is UTF-16BE with its byte order mark, since the text is not all ASCII.
  CHECK(alt.find("/Alt (\\376\\377\\000C\\000o") != std::string::npos);
}

TEST_CASE("letters combined in one document each get their own figure", "[templating][figures]") {
  Diagnostics diags;
  auto t = word_template(kFigureParagraph, diags);
  REQUIRE(t);
  auto data = data::parse_yaml(kData, "d.yaml", diags);
  templating::FillOptions options;
  options.figures = [](const FigureRequest&, std::string&) -> std::optional<FigureImage> { return tiny_figure(); };
  templating::DocxTemplate::Combined combined(t);
  REQUIRE(combined.add(*data, options, diags));
  REQUIRE(combined.add(*data, options, diags));
  CHECK(test::lines(diags).empty());
  std::string docx = combined.finish();
  std::string doc = part_of(docx, "word/document.xml");
  CHECK_THAT(doc, Catch::Contains("r:embed=\"rkFigure1\""));
  CHECK_THAT(doc, Catch::Contains("r:embed=\"rkFigure2svg\""));
  CHECK(part_of(docx, "word/media/reviewkit-figure2.svg") == tiny_figure().svg);
  CHECK_THAT(part_of(docx, "word/_rels/document.xml.rels"), Catch::Contains("Target=\"media/reviewkit-figure2.png\""));
  CHECK_THAT(part_of(docx, "[Content_Types].xml"), Catch::Contains("<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>"));
  // Each drawing its own id.
  CHECK(doc.find("<wp:docPr id=\"1\"") != std::string::npos);
  CHECK(doc.find("<wp:docPr id=\"2\"") != std::string::npos);
}

TEST_CASE("a batch writes the .docx with PNG and SVG, and lays its PDF out from a fill with the figures as PDF", "[documents][figures]") {
  test::TempDir tmp;
  Diagnostics diags;
  {
    // The template as a file, for the kind to name.
    std::string why;
    auto package = ooxml::Package::from_bytes(test::read_fixture("fixtures/wordlike-letter.docx"), why);
    REQUIRE(package);
    ooxml::ZipWriter zip;
    for (const auto& part : package->parts()) {
      if (part.name != "word/document.xml") {
        zip.add_stored(part);
        continue;
      }
      std::string xml = package->read(part.name);
      zip.add(part.name, xml.substr(0, xml.find("<w:body>") + 8) + kFigureParagraph + xml.substr(xml.find("<w:sectPr")));
    }
    tmp.write("figure.docx", zip.finish());
  }
  documents::Kind kind;
  kind.id = "with-figure";
  kind.templ = tmp.path / "figure.docx";
  kind.formats = {"docx", "pdf"};
  kind.combined = "all.docx";
  auto data = data::parse_yaml(kData, "d.yaml", diags);
  REQUIRE(data);
  documents::Plan plan;
  plan.documents.push_back({&kind, {{data->get("recipient"), "recipient"}}, {"letter"}, nullptr});
  documents::BatchOptions options;
  int asked = 0;
  options.figures = [&](const FigureRequest&, std::string&) -> std::optional<FigureImage> {
    ++asked;
    return tiny_figure();
  };
  std::size_t written = 0;
  REQUIRE(documents::write_batch(plan, *data, tmp.path / "out", options, diags, written));
  for (const auto& line : test::lines(diags)) UNSCOPED_INFO(line);
  CHECK(test::lines(diags).empty());
  CHECK(written == 3);
  CHECK(asked == 3);  // the .docx, the PDF's fill, the combined document
  fs::path dir = tmp.path / "out" / "with-figure";
  CHECK_THAT(test::docx_part(dir / "letter.docx", "word/document.xml"), Catch::Contains("svgBlip"));
  CHECK(test::docx_part(dir / "letter.docx", "word/media/reviewkit-figure1.svg") == tiny_figure().svg);
  CHECK_THAT(test::docx_part(dir / "all.docx", "word/document.xml"), Catch::Contains("svgBlip"));
  // The PDF holds the figure as a Form XObject (vector art), not as an image.
  std::string pdf = test::read_fixture((dir / "letter.pdf").string());
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  int forms = 0, images = 0;
  for (PoDoFo::PdfObject* o : doc.GetObjects()) {
    if (!o->IsDictionary() || !o->GetDictionary().HasKey("Subtype") || !o->GetDictionary().GetKey("Subtype")->IsName()) continue;
    std::string subtype = o->GetDictionary().GetKey("Subtype")->GetName().GetName();
    forms += subtype == "Form";
    images += subtype == "Image";
  }
  CHECK(forms >= 1);
  CHECK(images == 0);

  // Without a handler the tag is an error and nothing is written.
  Diagnostics none;
  CHECK_FALSE(documents::write_batch(plan, *data, tmp.path / "none", {}, none, written));
  CHECK_THAT(test::lines(none).at(0), Catch::Contains("figures cannot be drawn here"));
  CHECK_FALSE(fs::exists(tmp.path / "none"));
}
