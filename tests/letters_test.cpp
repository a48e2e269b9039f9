// fill and letters end to end, on templates whose XML looks like Word's (tests/fixtures, made by
// make_fixtures.py) and on the review's own letter templates.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli/cli.hpp"
#include "ooxml/package.hpp"
#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {
test::CliResult run(std::vector<std::string> args) { return test::run_cli(std::move(args)); }

std::string fixture(const std::string& name) { return test::fixture_path("fixtures/" + name).string(); }

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& f : fs::directory_iterator(dir)) out.push_back(f.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST_CASE("letters writes one filled letter per recipient from a Word-made template", "[letters]") {
  test::TempDir tmp;
  fs::path dir = tmp.path / "out";
  auto r = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "-o", dir.string()});
  CHECK(r.err.empty());
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("wrote 3 letters to " + dir.string() + "/ in "));
  REQUIRE(files_in(dir) == std::vector<std::string>{"1.docx", "2.docx", "3.docx"});
  auto body = test::paragraphs(test::docx_part(dir / "3.docx", "word/document.xml"));
  CHECK(body == std::vector<std::string>{
                    "Dear Dr Siân O'Neill,", "This is a serious case review.", "1. Designated Nurse, Northbrook Health (chair)",
                    "2. Detective Inspector, Northbrook Police (lead)", "3. Nursery Manager, Northbrook Early Years",
                    "Recommendation", "Action", "R1",
                    "Audit information sharing (by 31 March 2026)", "R2",
                    "Revise the supervision policy & guidance (by 30 April 2026)",
                    "Our ref: NSCB/SCR/2025/07", "Our ref: NSCB/SCR/2025/07", "", "Yours sincerely", ""});
  // The logo, 3 cm wide and in proportion (60 x 20 pixels), with its media part and relationship.
  std::string doc = test::docx_part(dir / "3.docx", "word/document.xml");
  CHECK_THAT(doc, Catch::Contains("<wp:extent cx=\"1080000\" cy=\"360000\"/>"));
  CHECK(test::docx_part(dir / "3.docx", "word/media/reviewkit-image1.png") == test::read_fixture("fixtures/logo.png"));
  CHECK(test::paragraphs(test::docx_part(dir / "1.docx", "word/header1.xml")) ==
        std::vector<std::string>{"Northbrook Safeguarding Children Board – RESTRICTED"});
  CHECK(test::paragraphs(test::docx_part(dir / "2.docx", "word/footer1.xml")) ==
        std::vector<std::string>{"Letter for Mr Tomasz Nowak"});
  // Parts without tags are copied as they were stored.
  CHECK(test::docx_part(dir / "1.docx", "word/styles.xml") == test::docx_part(fixture("wordlike-letter.docx"), "word/styles.xml"));
}

TEST_CASE("letter file names come from --name, made safe and never overwriting each other", "[letters]") {
  test::TempDir tmp;
  auto r = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "-o",
                (tmp.path / "named").string(), "--name", "{{ recipient.name | upper }}: letter"});
  CHECK(r.status == 0);
  CHECK(files_in(tmp.path / "named") ==
        std::vector<std::string>{"DR SIÂN O'NEILL- letter.docx", "MR TOMASZ NOWAK- letter.docx", "MS AMARA OKAFOR- letter.docx"});
  auto same = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "-o",
                   (tmp.path / "same").string(), "--name", "Letter"});
  CHECK(same.status == 0);
  CHECK(files_in(tmp.path / "same") == std::vector<std::string>{"Letter (2).docx", "Letter (3).docx", "Letter.docx"});
}

TEST_CASE("each names lists, single contacts, or several of them", "[letters]") {
  test::TempDir tmp;
  auto r = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people[2], people", "-o",
                (tmp.path / "out").string(), "--name", "{{ recipient.name }}"});
  CHECK(r.err.empty());
  CHECK(r.status == 0);
  CHECK(files_in(tmp.path / "out") == std::vector<std::string>{"Dr Siân O'Neill (2).docx", "Dr Siân O'Neill.docx",
                                                               "Mr Tomasz Nowak.docx", "Ms Amara Okafor.docx"});
}

TEST_CASE("a where condition chooses the recipients", "[letters]") {
  test::TempDir tmp;
  auto r = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "-o",
                (tmp.path / "out").string(), "--where", "recipient.name != \"Mr Tomasz Nowak\""});
  CHECK(r.status == 0);
  CHECK(files_in(tmp.path / "out") == std::vector<std::string>{"1.docx", "2.docx"});
  CHECK(test::paragraphs(test::docx_part(tmp.path / "out" / "2.docx", "word/document.xml"))[0] == "Dear Dr Siân O'Neill,");
}

TEST_CASE("a folder that holds files is refused unless --force", "[letters]") {
  test::TempDir tmp;
  tmp.write("keep.txt", "mine");
  auto r = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "-o", tmp.path.string()});
  CHECK(r.status == 1);
  CHECK(r.err == tmp.path.string() + ": error: the folder is not empty (use --force to write into it, or choose an empty folder)\n");
  auto forced = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "-o",
                     tmp.path.string(), "--force"});
  CHECK(forced.status == 0);
  CHECK(files_in(tmp.path) == std::vector<std::string>{"1.docx", "2.docx", "3.docx", "keep.txt"});
}

TEST_CASE("if any letter cannot be filled, no letter is written and every failing one is named", "[letters]") {
  test::TempDir tmp;
  std::string data = test::read_fixture("fixtures/letters-data.yaml");
  data.replace(data.find("  - name: Mr Tomasz Nowak"), 25, "  - title: Mr Tomasz Nowak");
  data.replace(data.find("  - name: \"Dr Si"), 16, "  - nmae: \"Dr Si");
  tmp.write("data.yaml", data);
  tmp.write("logo.png", test::read_fixture("fixtures/logo.png"));
  fs::path dir = tmp.path / "out";
  auto r = run({"letters", fixture("wordlike-letter.docx"), (tmp.path / "data.yaml").string(), "--each", "people", "-o", dir.string()});
  CHECK(r.status == 1);
  std::string t = fixture("wordlike-letter.docx");
  CHECK(test::split_lines(r.err) ==
        std::vector<std::string>{
            t + ": word/document.xml \xC2\xB6" "1: error: letter 2 (people[1]): unknown variable 'recipient.name' in \"Dear {{ recipient.name }},\"",
            t + ": word/document.xml \xC2\xB6" "1: error: letter 3 (people[2]): unknown variable 'recipient.name' in \"Dear {{ recipient.name }},\" (did you mean 'recipient.nmae'?)",
            t + ": word/footer1.xml \xC2\xB6" "1: error: letter 2 (people[1]): unknown variable 'recipient.name' in \"Letter for {{ recipient.name }}\"",
            t + ": word/footer1.xml \xC2\xB6" "1: error: letter 3 (people[2]): unknown variable 'recipient.name' in \"Letter for {{ recipient.name }}\" (did you mean 'recipient.nmae'?)",
            "reviewkit letters: no letter was written: 2 of 3 could not be filled:",
            "  letter 2 (people[1])",
            "  letter 3 (people[2])"});
  CHECK_FALSE(fs::exists(dir));
  CHECK(files_in(tmp.path) == std::vector<std::string>{"data.yaml", "logo.png"});
}

TEST_CASE("a template's errors in every part are reported together and nothing is written", "[letters]") {
  test::TempDir tmp;
  fs::path out = tmp.path / "out.docx";
  auto r = run({"fill", fixture("broken-letter.docx"), fixture("letters-data.yaml"), "-o", out.string()});
  CHECK(r.status == 1);
  std::string t = fixture("broken-letter.docx");
  CHECK(test::split_lines(r.err) ==
        std::vector<std::string>{
            t + ": word/document.xml \xC2\xB6" "2: error: '{% for a in agencies %}' is never closed in \"{% for a in agencies %}\" (add {% endfor %} where the repeated part ends)",
            t + ": word/document.xml \xC2\xB6" "3: error: unknown filter 'uper' (did you mean 'upper'?) in tag '{{ a.name | uper }}' in \"{{ a.name | uper }}\"",
            t + ": word/header1.xml \xC2\xB6" "2: error: '{% if review.kind %}' is never closed in \"{% if review.kind %}RESTRICTED\" (add {% endif %} where the conditional part ends)",
            "reviewkit fill: 3 errors; nothing was written"});
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a combined document puts every letter in one document, each in its own section", "[letters]") {
  test::TempDir tmp;
  fs::path out = tmp.path / "all.docx";
  auto r = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "--combined", out.string()});
  CHECK(r.status == 0);
  std::string doc = test::docx_part(out, "word/document.xml");
  auto paras = test::paragraphs(doc);
  CHECK(std::count(paras.begin(), paras.end(), "Yours sincerely") == 3);
  CHECK(paras[0] == "Dear Ms Amara Okafor,");
  std::size_t sections = 0;
  for (std::size_t at = 0; (at = doc.find("<w:sectPr", at)) != std::string::npos; ++at) ++sections;
  CHECK(sections == 3);
  // Each letter's footer names its own recipient.
  CHECK(test::paragraphs(test::docx_part(out, "word/footer1-letter2.xml")) == std::vector<std::string>{"Letter for Mr Tomasz Nowak"});
  std::string rels = test::docx_part(out, "word/_rels/document.xml.rels");
  CHECK_THAT(rels, Catch::Contains("Target=\"footer1-letter3.xml\""));
  CHECK_THAT(test::docx_part(out, "[Content_Types].xml"), Catch::Contains("PartName=\"/word/header1-letter3.xml\""));
  // Each letter numbers its own pages.
  std::size_t restarts = 0;
  for (std::size_t at = 0; (at = doc.find("<w:pgNumType w:start=\"1\"/>", at)) != std::string::npos; ++at) ++restarts;
  CHECK(restarts == 3);
  // Drawings get ids of their own.
  CHECK_THAT(doc, Catch::Contains("<wp:docPr id=\"3\""));
}

TEST_CASE("fill and letters usage errors exit 2", "[letters]") {
  CHECK(run({"fill", fixture("wordlike-letter.docx"), fixture("letters-data.yaml")}).err ==
        "reviewkit fill: error: say where to write the document with -o OUT.docx\n");
  // --encrypt protects a .docx too (tests/encryption_test.cpp), but never without a password.
  if (!std::getenv("REVIEWKIT_PASSWORD")) {
    auto encrypt_docx = run({"fill", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "-o", "x.docx", "--encrypt"});
    CHECK(encrypt_docx.status == 2);
    CHECK(encrypt_docx.err == "reviewkit fill: error: --encrypt needs a password: give --password-file FILE or set "
                              "REVIEWKIT_PASSWORD (never on the command line, where other users can see it)\n");
  }
  auto password = run({"fill", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "-o", "x.pdf", "--encrypt",
                       "--password-file", "/nonexistent/password"});
  CHECK(password.status == 1);
  CHECK(password.err == "/nonexistent/password: error: cannot read the password file: no such file\n");
  auto each = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "-o", "x"});
  CHECK(each.status == 2);
  auto format = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "-o", "x",
                     "--format", "odt"});
  CHECK(format.status == 2);
  CHECK(format.err == "reviewkit letters: error: unknown format 'odt' (use --format docx, pdf or docx,pdf)\n");
}

TEST_CASE("the each option must name a list in the data", "[letters]") {
  test::TempDir tmp;
  auto r = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "peple", "-o",
                (tmp.path / "x").string()});
  CHECK(r.status == 1);
  CHECK(r.err == fixture("letters-data.yaml") + ": error: --each peple: 'peple' does not exist in " + fixture("letters-data.yaml") +
                     " (did you mean 'people'?)\n");
  auto value = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people,review.kind", "-o",
                    (tmp.path / "y").string()});
  CHECK(value.status == 1);
  CHECK(value.err == fixture("letters-data.yaml") + ": error: --each people,review.kind: 'review.kind' is a single value, not a "
                                                    "list or a map (the lists and maps at the top of the data are 'board', "
                                                    "'review', 'panel', 'action_plan' or 'people')\n");
}

TEST_CASE("a template that is not a Word document is refused clearly", "[letters]") {
  test::TempDir tmp;
  tmp.write("notes.docx", "just text");
  tmp.write("old.docx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest");
  auto a = run({"fill", (tmp.path / "notes.docx").string(), fixture("letters-data.yaml"), "-o", (tmp.path / "o.docx").string()});
  CHECK(a.status == 1);
  CHECK_THAT(a.err, Catch::Contains("notes.docx: error: cannot open the template: it is not a Word .docx file"));
  auto b = run({"fill", (tmp.path / "old.docx").string(), fixture("letters-data.yaml"), "-o", (tmp.path / "o.docx").string()});
  CHECK_THAT(b.err, Catch::Contains("it is an old Word .doc file"));
  CHECK_FALSE(fs::exists(tmp.path / "o.docx"));
}

namespace {
// What the fixture's header and footer read.
const char* kHeaderData = "board: {name: Board}\nreview: {security_marking: restricted}\nrecipient: {name: Ms Doe}\n";

// A 4 x 2 pixel PNG (as any image program writes it), made here so the test needs no binary fixture.
std::string tiny_png() {
  static const unsigned char bytes[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
      0x00, 0x04, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0x02, 0xB8, 0x1D, 0x00, 0x00, 0x00,
      0x12, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x9F, 0x81, 0x81, 0x01, 0x44, 0x00,
      0x00, 0x3D, 0xE8, 0x05, 0xFB, 0x14, 0xEC, 0x7D, 0x9E, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
      0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

// A one-paragraph template made with the fixture generator's document around `body_xml`.
void write_template(const test::TempDir& dir, const std::string& name, const std::string& paragraph_text) {
  std::string docx = test::read_fixture("fixtures/wordlike-letter.docx");
  std::string why;
  auto package = ooxml::Package::from_bytes(docx, why);
  REQUIRE(package);
  ooxml::ZipWriter zip;
  for (const auto& part : package->parts()) {
    if (part.name == "word/document.xml") {
      std::string xml = package->read(part.name);
      auto open = xml.find("<w:body>") + 8;
      auto sect = xml.find("<w:sectPr");
      xml = xml.substr(0, open) + "<w:p><w:r><w:t>" + paragraph_text + "</w:t></w:r></w:p>" + xml.substr(sect);
      zip.add(part.name, xml);
    } else {
      zip.add_stored(part);
    }
  }
  dir.write(name, zip.finish());
}
}  // namespace

TEST_CASE("an image tag puts a PNG into the letter at the size asked for", "[letters]") {
  test::TempDir tmp;
  tmp.write("logo.png", tiny_png());
  tmp.write("data.yaml", "logo: logo.png\n" + std::string(kHeaderData));
  write_template(tmp, "t.docx", "Logo: {% image logo width: 4cm %} and {% image \"logo.png\" %}");
  auto r = run({"fill", (tmp.path / "t.docx").string(), (tmp.path / "data.yaml").string(), "-o", (tmp.path / "out.docx").string()});
  REQUIRE(r.status == 0);
  std::string doc = test::docx_part(tmp.path / "out.docx", "word/document.xml");
  // 4 cm wide keeps the 2:1 proportions: 1,440,000 by 720,000 EMU.
  CHECK_THAT(doc, Catch::Contains("<wp:extent cx=\"1440000\" cy=\"720000\"/>"));
  // Its own size at 96 dpi: 4 px = 0.10583 cm.
  CHECK_THAT(doc, Catch::Contains("<wp:extent cx=\"38100\" cy=\"19050\"/>"));
  CHECK_THAT(doc, Catch::Contains("r:embed=\"rkImage1\""));
  CHECK(test::docx_part(tmp.path / "out.docx", "word/media/reviewkit-image1.png") == tiny_png());
  CHECK_THAT(test::docx_part(tmp.path / "out.docx", "word/_rels/document.xml.rels"),
             Catch::Contains("<Relationship Id=\"rkImage2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                             "relationships/image\" Target=\"media/reviewkit-image2.png\"/>"));
  CHECK_THAT(test::docx_part(tmp.path / "out.docx", "[Content_Types].xml"),
             Catch::Contains("<Default Extension=\"png\" ContentType=\"image/png\"/>"));
}

TEST_CASE("a missing, broken or huge image is a clear error and nothing is written", "[letters]") {
  test::TempDir tmp;
  tmp.write("notes.png", "this is not a picture");
  std::string huge = tiny_png();
  huge[16] = 0x00, huge[17] = 0x01, huge[18] = 0x00, huge[19] = 0x00;  // 65,536 pixels wide
  tmp.write("huge.png", huge);
  tmp.write("data.yaml", kHeaderData);
  write_template(tmp, "t.docx", "{% image \"gone.png\" %}{% image \"notes.png\" %}{% image \"huge.png\" width: 1cm %}");
  auto r = run({"fill", (tmp.path / "t.docx").string(), (tmp.path / "data.yaml").string(), "-o", (tmp.path / "out.docx").string()});
  CHECK(r.status == 1);
  std::string t = (tmp.path / "t.docx").string(), dir = tmp.path.string();
  std::string where = t + ": word/document.xml \xC2\xB6" "1: error: ";
  std::string text = " in \"{% image \"gone.png\" %}{% image \"notes.png\" %}{% image \"huge.png\" width: 1cm %}\"";
  CHECK(test::split_lines(r.err) ==
        std::vector<std::string>{where + "image 'gone.png': no such picture beside the data file or the template (or in --assets DIR)" + text,
                                 where + "image 'notes.png': it is not a PNG or JPEG image (or it is damaged)" + text,
                                 where + "image 'huge.png': the image is too large (65536 x 2 pixels)" + text,
                                 "reviewkit fill: 3 errors; nothing was written"});
  CHECK_FALSE(fs::exists(tmp.path / "out.docx"));
}

TEST_CASE("an image tag refuses a PDF: Word shows none as a picture", "[letters]") {
  test::TempDir tmp;
  tmp.write("figure.pdf", "%PDF-1.4\n1 0 obj << /Type /Page /MediaBox [0 0 100 50] >> endobj\ntrailer << >>\n%%EOF\n");
  tmp.write("data.yaml", kHeaderData);
  write_template(tmp, "t.docx", "{% image \"figure.pdf\" %}");
  auto r = run({"fill", (tmp.path / "t.docx").string(), (tmp.path / "data.yaml").string(), "-o", (tmp.path / "out.docx").string()});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("image 'figure.pdf': it is not a PNG or JPEG image (or it is damaged)"));
  CHECK_FALSE(fs::exists(tmp.path / "out.docx"));
}

TEST_CASE("an output's extension is matched in any case; another extension is a usage error", "[letters][cli]") {
  test::TempDir tmp;
  tmp.write("logo.png", tiny_png());
  tmp.write("data.yaml", "logo: logo.png\n" + std::string(kHeaderData));
  write_template(tmp, "t.docx", "Dear {{ recipient.name }}");
  std::string t = (tmp.path / "t.docx").string(), d = (tmp.path / "data.yaml").string();
  auto pdf = run({"fill", t, d, "-o", (tmp.path / "Letter.PDF").string()});
  CHECK(pdf.status == 0);
  CHECK(pdf.out == "wrote " + (tmp.path / "Letter.PDF").string() + "\n");
  CHECK(test::read_fixture((tmp.path / "Letter.PDF").string()).rfind("%PDF-", 0) == 0);  // written as named, a PDF
  auto docx = run({"fill", t, d, "-o", (tmp.path / "Letter.Docx").string()});
  CHECK(docx.status == 0);
  CHECK(test::read_fixture((tmp.path / "Letter.Docx").string()).rfind("PK", 0) == 0);
  auto txt = run({"fill", t, d, "-o", (tmp.path / "f.txt").string()});
  CHECK(txt.status == 2);
  CHECK(txt.err == "reviewkit fill: error: -o " + (tmp.path / "f.txt").string() +
                       ": '.txt' is not a format reviewkit writes; end it in .docx (the extension of the output says its format)\n");
  auto render = run({"render", (tmp.path / "Letter.Docx").string(), "-o", (tmp.path / "r.docx").string()});
  CHECK(render.status == 2);
  CHECK(render.err == "reviewkit render: error: -o " + (tmp.path / "r.docx").string() + " must end in .pdf (render writes a PDF)\n");
  CHECK(files_in(tmp.path) == std::vector<std::string>{"Letter.Docx", "Letter.PDF", "data.yaml", "logo.png", "t.docx"});
}

TEST_CASE("output to standard output (-o -) takes the one document, and is refused where there are many", "[letters][cli]") {
  test::TempDir tmp;
  tmp.write("data.yaml", std::string(kHeaderData) + "people: [{name: A}, {name: B}]\n");
  write_template(tmp, "t.docx", "Dear {{ recipient.name }}");
  std::string t = (tmp.path / "t.docx").string(), d = (tmp.path / "data.yaml").string();
  auto docx = run({"fill", t, d, "-o", "-"});
  CHECK(docx.status == 0);
  REQUIRE(docx.out.rfind("PK", 0) == 0);
  tmp.write("piped.docx", docx.out);
  CHECK(test::paragraphs(test::docx_part(tmp.path / "piped.docx", "word/document.xml"))[0] == "Dear Ms Doe");
  auto pdf = run({"fill", t, d, "-o", "-", "--format", "pdf"});
  CHECK(pdf.status == 0);
  CHECK(pdf.out.rfind("%PDF-", 0) == 0);
  auto rendered = run({"render", (tmp.path / "piped.docx").string(), "-o", "-"});
  CHECK(rendered.status == 0);
  CHECK(rendered.out.rfind("%PDF-", 0) == 0);
  auto two = run({"fill", t, d, "-o", "-", "--format", "docx,pdf"});
  CHECK(two.status == 2);
  CHECK_THAT(two.err, Catch::Contains("-o - (standard output) takes one document, not 2 formats"));
  auto letters = run({"letters", t, d, "--each", "people", "-o", "-"});
  CHECK(letters.status == 2);
  CHECK_THAT(letters.err, Catch::StartsWith("reviewkit letters: error: -o - (standard output) takes one document, and "
                                            "letters writes one for each recipient"));
  CHECK(files_in(tmp.path) == std::vector<std::string>{"data.yaml", "piped.docx", "t.docx"});  // no file named '-'
}

TEST_CASE("fill on a letter template says to use letters --each", "[letters][cli]") {
  test::TempDir tmp;
  tmp.write("data.yaml", "board: {name: Board}\nreview: {security_marking: restricted}\n");
  write_template(tmp, "t.docx", "Dear {{ recipient.name }}");
  auto r = run({"fill", (tmp.path / "t.docx").string(), (tmp.path / "data.yaml").string(), "-o", (tmp.path / "o.docx").string()});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("word/document.xml \xC2\xB6" "1: error: unknown variable 'recipient' in \"Dear {{ "
                                    "recipient.name }}\" (this template is written for one recipient at a time: use reviewkit "
                                    "letters " + (tmp.path / "t.docx").string() + " " + (tmp.path / "data.yaml").string() +
                                    " --each WHO -o DIR"));
}

TEST_CASE("a template's unreadable tag and its data's missing value are reported together", "[letters][cli]") {
  test::TempDir tmp;
  tmp.write("data.yaml", kHeaderData);
  write_template(tmp, "t.docx", "Dear {{ recipient.nmae }}, {{ recipient.name | uper }}");
  auto r = run({"fill", (tmp.path / "t.docx").string(), (tmp.path / "data.yaml").string(), "-o", (tmp.path / "o.docx").string()});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("unknown filter 'uper' (did you mean 'upper'?)"));
  CHECK_THAT(r.err, Catch::Contains("unknown variable 'recipient.nmae'"));
  CHECK_THAT(r.err, Catch::EndsWith("reviewkit fill: 2 errors; nothing was written\n"));
  auto letters = run({"letters", (tmp.path / "t.docx").string(), (tmp.path / "data.yaml").string(), "--each", "recipient", "-o",
                      (tmp.path / "out").string()});
  CHECK(letters.status == 1);
  CHECK_THAT(letters.err, Catch::Contains("unknown variable 'recipient.nmae'"));
  CHECK_THAT(letters.err, Catch::EndsWith("(the template has errors); no letter was written\n"));
  CHECK(!fs::exists(tmp.path / "o.docx"));
  CHECK(!fs::exists(tmp.path / "out"));
}
