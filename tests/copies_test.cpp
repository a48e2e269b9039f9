// reviewkit copies: numbered, marked copies and their sign-out register (002, document security).
// The copies are read back with poppler's pdftotext and checked with qpdf, as a reader would open
// them; the register's DOCX by its parts, its CSV by its bytes.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "common/csv.hpp"
#include "common/files.hpp"
#include "documents/copies.hpp"
#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A command's standard output; `status` its exit status.
std::string shell(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  REQUIRE(pipe);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  int raw = ::pclose(pipe);
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

bool have(const char* tool) {
  int status = 0;
  shell(std::string("command -v ") + tool, status);
  return status == 0;
}

int page_count(const fs::path& pdf, const std::string& password = {}) {
  int status = 0;
  std::string info = shell("pdfinfo " + (password.empty() ? "" : "-upw " + quoted(password) + " ") + quoted(pdf.string()), status);
  std::smatch m;
  if (status != 0 || !std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)"))) return -1;
  return std::stoi(m[1]);
}

std::string page_text(const fs::path& pdf, int page, const std::string& password = {}) {
  int status = 0;
  std::string text = shell("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                               (password.empty() ? "" : "-upw " + quoted(password) + " ") + quoted(pdf.string()) + " -",
                           status);
  REQUIRE(status == 0);
  return text;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The boxes pdftotext -bbox gives the word `word` on a page: xMin, yMin, xMax, yMax, from the top
// left of the page as it is shown (its CropBox, its rotation applied).
std::vector<std::array<double, 4>> word_boxes(const fs::path& pdf, int page, const std::string& word) {
  int status = 0;
  std::string html = shell("pdftotext -cropbox -bbox -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                               quoted(pdf.string()) + " -",
                           status);
  REQUIRE(status == 0);
  std::vector<std::array<double, 4>> out;
  std::regex re("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">" + word + "</word>");
  for (std::sregex_iterator it(html.begin(), html.end(), re), end; it != end; ++it)
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
  return out;
}

// The size of a page as shown (pdfinfo gives it before rotation, and the rotation).
std::pair<double, double> shown_size(const fs::path& pdf, int page) {
  int status = 0;
  std::string info = shell("pdfinfo -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + quoted(pdf.string()), status);
  std::smatch m;
  REQUIRE(std::regex_search(info, m, std::regex("size:\\s+([0-9.]+) x ([0-9.]+) pts")));
  double w = std::stod(m[1]), h = std::stod(m[2]);
  std::smatch r;
  int rot = std::regex_search(info, r, std::regex("rot:\\s+(\\d+)")) ? std::stoi(r[1]) : 0;
  return rot % 180 ? std::make_pair(h, w) : std::make_pair(w, h);
}

const char* kRecipients =
    "# who the hard copies are for\n"
    "- name: Serious Incident Notifications Team\n"
    "  organisation: Ofsted\n"
    "  email: incidents@ofsted.example.org\n"
    "- name: Jordan Vale\n"
    "  role: Head of Legal Services\n"
    "  organisation: \"Northbrook Council, Legal\"\n"
    "  phone: \"=HYPERLINK(\\\"http://x.example\\\")\"\n"
    "  address: |\n"
    "    Civic Offices, 4 Mill Lane\n"
    "    Northbrook NB1 4QT\n"
    "- {name: Richard Okonjo, role: Director of Children's Services, organisation: Northbrook Council,\n"
    "   email: \"richard.okonjo@northbrook.example.org\"}\n";

const char* kLines[] = {
    "Copy 1 of 3 \u2014 issued to Serious Incident Notifications Team, Ofsted, 2 December 2026 \u2014 RESTRICTED",
    "Copy 2 of 3 \u2014 issued to Jordan Vale, Northbrook Council, Legal, 2 December 2026 \u2014 RESTRICTED",
    "Copy 3 of 3 \u2014 issued to Richard Okonjo, Northbrook Council, 2 December 2026 \u2014 RESTRICTED",
};
const char* kFiles[] = {
    "Copy 01 of 03 - Serious Incident Notifications Team.pdf",
    "Copy 02 of 03 - Jordan Vale.pdf",
    "Copy 03 of 03 - Richard Okonjo.pdf",
};

test::CliResult copies(const fs::path& doc, const test::TempDir& dir, std::vector<std::string> more = {}) {
  dir.write("recipients.yaml", kRecipients);
  std::vector<std::string> args = {"copies", doc.string(), "--to", (dir.path / "recipients.yaml").string(), "-o",
                                   (dir.path / "out").string(), "--date", "2026-12-02"};
  args.insert(args.end(), more.begin(), more.end());
  return test::run_cli(args);
}

// Every page of every copy carries its own line at the top and the foot, above the original text.
void check_marked(const fs::path& out, const fs::path& original, int pages) {
  for (int k = 0; k < 3; ++k) {
    fs::path copy = out / kFiles[k];
    INFO(copy.string());
    REQUIRE(fs::exists(copy));
    REQUIRE(page_count(copy) == pages);
    int status = 0;
    shell("qpdf --check " + quoted(copy.string()), status);
    CHECK(status == 0);
    for (int i = 1; i <= pages; ++i) {
      INFO("page " << i);
      std::string text = page_text(copy, i);
      CHECK(occurrences(text, kLines[k]) == 2);  // the top and the foot
      for (int other = 0; other < 3; ++other)
        if (other != k) CHECK(text.find(kLines[other]) == std::string::npos);
      // The original's words are all still there.
      std::string before = page_text(original, i);
      std::istringstream words(before);
      for (std::string w; words >> w;) CHECK(text.find(w) != std::string::npos);
      // The marking reads upright on the page as shown: the first word at the top, the second at the
      // foot, each wider than tall.
      auto boxes = word_boxes(copy, i, "Copy");
      auto [w, h] = shown_size(copy, i);
      REQUIRE(boxes.size() >= 2);
      auto top = *std::min_element(boxes.begin(), boxes.end(), [](auto& a, auto& b) { return a[1] < b[1]; });
      auto foot = *std::max_element(boxes.begin(), boxes.end(), [](auto& a, auto& b) { return a[1] < b[1]; });
      CHECK(top[1] < 25);
      CHECK(foot[3] > h - 25);
      CHECK(top[2] - top[0] > top[3] - top[1]);
      CHECK(top[0] > 0);
      CHECK(top[2] < w);
    }
  }
}

}  // namespace

TEST_CASE("a copy's file name, marking and password", "[copies]") {
  documents::CopyRecipient r{"Ann Example", "Example Trust", "", "", "", "", ""};
  CHECK(documents::copy_file_name(3, 8, "Ann Example") == "Copy 03 of 08 - Ann Example.pdf");
  CHECK(documents::copy_file_name(7, 120, "A/B: C") == "Copy 007 of 120 - A-B- C.pdf");
  documents::IssuedCopy c{3, r, "", ""};
  CHECK(documents::copy_line(c, 8, *Date::parse("2026-12-02")) ==
        "Copy 3 of 8 \u2014 issued to Ann Example, Example Trust, 2 December 2026 \u2014 RESTRICTED");
  CHECK(documents::copy_diagonal(c, 8) == "COPY 3 OF 8 \u2014 RESTRICTED");
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string p = documents::readable_password();
    CHECK(std::regex_match(p, std::regex("[A-HJKMNP-Z2-9]{5}(-[A-HJKMNP-Z2-9]{5}){3}")));
    seen.insert(p);
  }
  CHECK(seen.size() == 50);
}

TEST_CASE("CSV cells are quoted as RFC 4180 says and never run as formulas", "[copies]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a, b") == "\"a, b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("=SUM(A1)") == "'=SUM(A1)");
  CHECK(csv_field("+cmd") == "'+cmd");
  CHECK(csv_field("-cmd") == "'-cmd");
  CHECK(csv_field("@x") == "'@x");
  CHECK(csv_field("+44 1632 960112") == "+44 1632 960112");
  CHECK(csv_line({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
}

TEST_CASE("copies of a hand-made PDF: inherited boxes and rotation, a contents array, an open q", "[copies]") {
  if (!have("pdftotext") || !have("qpdf")) {
    WARN("poppler-utils or qpdf is not installed: the copies cannot be read back");
    return;
  }
  test::TempDir dir;
  fs::path original = test::fixture_path("fixtures/copies/hand-made.pdf");
  auto r = copies(original, dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  check_marked(dir.path / "out", original, 4);
  // The rotation and the boxes are kept as they were.
  int status = 0;
  std::string info = shell("pdfinfo -f 1 -l 4 " + quoted((dir.path / "out" / kFiles[0]).string()), status);
  CHECK(info.find("Page    1 rot:   90") != std::string::npos);
  CHECK(info.find("Page    2 size:  512 x 672 pts") != std::string::npos);
  CHECK(info.find("Page    3 rot:   270") != std::string::npos);
  CHECK(info.find("Page    4 rot:   180") != std::string::npos);
  // Files and folder for the owner only.
  struct stat st {};
  REQUIRE(::stat((dir.path / "out" / kFiles[1]).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(::stat((dir.path / "out").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("copies of a PDF LibreOffice made from a DOCX fixture", "[copies]") {
  if (!have("pdftotext") || !have("qpdf")) {
    WARN("poppler-utils or qpdf is not installed: the copies cannot be read back");
    return;
  }
  test::TempDir dir;
  fs::path original = test::fixture_path("fixtures/copies/libreoffice-3-pages.pdf");
  auto r = copies(original, dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  check_marked(dir.path / "out", original, 3);
}

TEST_CASE("copies of a DOCX are laid out by reviewkit first", "[copies]") {
  if (!have("pdftotext") || !have("qpdf")) {
    WARN("poppler-utils or qpdf is not installed: the copies cannot be read back");
    return;
  }
  test::TempDir dir;
  fs::path docx = test::fixture_path("fixtures/pdf-features.docx");
  // The same document laid out by reviewkit render, to compare the copies' text with.
  fs::path rendered = dir.path / "rendered.pdf";
  auto rr = test::run_cli({"render", docx.string(), "-o", rendered.string()});
  REQUIRE(rr.status == 0);
  int pages = page_count(rendered);
  REQUIRE(pages >= 2);
  auto r = copies(docx, dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  check_marked(dir.path / "out", rendered, pages);
}

TEST_CASE("the sign-out register: CSV and DOCX", "[copies]") {
  test::TempDir dir;
  auto r = copies(test::fixture_path("fixtures/copies/hand-made.pdf"), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string why;
  auto csv = read_file(dir.path / "out" / "register.csv", why);
  REQUIRE(csv);
  CHECK(csv->rfind("\xEF\xBB\xBF", 0) == 0);
  auto lines = test::split_lines(csv->substr(3));
  REQUIRE(lines.size() == 9);
  CHECK(lines[0] == "Sign-out register:,hand-made\r");
  CHECK(lines[1] == "Document:,hand-made.pdf\r");
  CHECK(lines[2] == "Copies:,3\r");
  CHECK(lines[5] == "Copy,Issued to,Role,Organisation,Contact details,Date issued,Signature,Date returned\r");
  CHECK(lines[6] == "1 of 3,Serious Incident Notifications Team,,Ofsted,incidents@ofsted.example.org,2026-12-02,,\r");
  // A comma quoted; a formula kept as text, its quotes doubled.
  CHECK(lines[7] ==
        "2 of 3,Jordan Vale,Head of Legal Services,\"Northbrook Council, Legal\",\"'=HYPERLINK(\"\"http://x.example\"\"); "
        "Civic Offices, 4 Mill Lane, Northbrook NB1 4QT\",2026-12-02,,\r");
  CHECK(lines[8] == "3 of 3,Richard Okonjo,Director of Children's Services,Northbrook Council,"
                    "richard.okonjo@northbrook.example.org,2026-12-02,,\r");

  fs::path docx = dir.path / "out" / "register.docx";
  auto paragraphs = test::paragraphs(test::docx_part(docx, "word/document.xml"));
  std::string all;
  for (const auto& p : paragraphs) all += p + "\n";
  CHECK(all.find("Sign-out register: hand-made\n") != std::string::npos);
  CHECK(all.find("3 numbered copies of hand-made.pdf, issued on 2 December 2026.") != std::string::npos);
  CHECK(all.find("Serious Incident Notifications Team\n") != std::string::npos);
  CHECK(all.find("Northbrook Council, Legal\n") != std::string::npos);
  CHECK(all.find("Civic Offices, 4 Mill Lane\nNorthbrook NB1 4QT") != std::string::npos);
  CHECK(all.find("{{") == std::string::npos);
  CHECK(all.find("{%") == std::string::npos);
  for (const char* heading : {"Copy", "Issued to", "Organisation", "Contact details", "Date issued", "Signature", "Date returned"})
    CHECK(std::find(paragraphs.begin(), paragraphs.end(), heading) != paragraphs.end());
  std::string xml = test::docx_part(docx, "word/document.xml");
  CHECK(xml.find("w:orient=\"landscape\"") != std::string::npos);
  CHECK(occurrences(xml, "<w:tr ") == 4);  // the heading and a row a copy
  CHECK(occurrences(xml, "<w:trHeight") == 3);
}

TEST_CASE("copies encrypted with one password open only with it", "[copies]") {
  if (!have("qpdf")) {
    WARN("qpdf is not installed");
    return;
  }
  test::TempDir dir;
  dir.write("password.txt", "correct horse battery\n");
  auto r = copies(test::fixture_path("fixtures/copies/hand-made.pdf"), dir,
                  {"--encrypt", "--password-file", (dir.path / "password.txt").string()});
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const char* f : kFiles) {
    std::string path = quoted((dir.path / "out" / f).string());
    int status = 0;
    shell("qpdf --password='correct horse battery' --check " + path, status);
    CHECK(status == 0);
    shell("qpdf --requires-password " + path, status);
    CHECK(status == 0);  // 0: a password is required
    shell("qpdf --password=wrong --check " + path, status);
    CHECK(status != 0);
    std::string enc = shell("qpdf --password='correct horse battery' --show-encryption " + path, status);
    CHECK(enc.find("AESv3") != std::string::npos);
  }
  if (have("pdftotext")) CHECK(page_text(dir.path / "out" / kFiles[1], 2, "correct horse battery").find(kLines[1]) != std::string::npos);
}

TEST_CASE("copies with their own passwords, listed in passwords.csv", "[copies]") {
  if (!have("qpdf")) {
    WARN("qpdf is not installed");
    return;
  }
  test::TempDir dir;
  auto r = copies(test::fixture_path("fixtures/copies/hand-made.pdf"), dir, {"--own-passwords"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("send each separately from its copy") != std::string::npos);
  fs::path list = dir.path / "out" / "passwords.csv";
  struct stat st {};
  REQUIRE(::stat(list.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::string why;
  auto csv = read_file(list, why);
  REQUIRE(csv);
  CHECK(csv->find("Send each password separately from its copy") != std::string::npos);
  std::vector<std::pair<std::string, std::string>> rows;  // file, password
  std::regex row("^\\d of 3,[^\r]*,(Copy 0\\d of 03 - [^,]*\\.pdf),([A-Z2-9-]{23})\r$");
  for (const auto& line : test::split_lines(*csv)) {
    std::smatch m;
    if (std::regex_match(line, m, row)) rows.push_back({m[1], m[2]});
  }
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].second != rows[1].second);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].first == kFiles[i]);
    std::string path = quoted((dir.path / "out" / rows[i].first).string());
    int status = 0;
    shell("qpdf --password=" + rows[i].second + " --check " + path, status);
    CHECK(status == 0);
    shell("qpdf --password=" + rows[(i + 1) % 3].second + " --check " + path, status);
    CHECK(status != 0);  // another copy's password does not open it
  }
}

TEST_CASE("a bad recipients file: every problem at its line and column, nothing written", "[copies]") {
  test::TempDir dir;
  dir.write("bad.yaml",
            "- name: Ann Example\n"
            "  organisaton: Example Trust\n"
            "- just a name\n"
            "- name: \"\"\n"
            "  organisation: Somewhere\n"
            "- name: " + std::string(130, 'x') + "\n"
            "  organisation: Long Names Ltd\n"
            "  email: not-an-address\n");
  auto r = test::run_cli({"copies", test::fixture_path("fixtures/copies/hand-made.pdf").string(), "--to",
                          (dir.path / "bad.yaml").string(), "-o", (dir.path / "out").string()});
  CHECK(r.status == 1);
  std::string f = (dir.path / "bad.yaml").string();
  INFO(r.err);
  CHECK(r.err.find(f + ":2:3: error: ") != std::string::npos);  // organisaton
  CHECK(r.err.find("did you mean 'organisation'") != std::string::npos);
  CHECK(r.err.find(f + ":3:3: error: ") != std::string::npos);  // not a map
  CHECK(r.err.find(f + ":4:9: error: 'name' is empty") != std::string::npos);
  CHECK(r.err.find(f + ":6:9: error: 'name' is 130 characters long") != std::string::npos);
  CHECK(r.err.find(f + ":8:10: error: ") != std::string::npos);  // the e-mail address
  CHECK(r.err.find("nothing was written") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / "out"));
}

TEST_CASE("too many recipients are refused", "[copies]") {
  test::TempDir dir;
  std::string many;
  for (int i = 0; i < 201; ++i) many += "- {name: Person " + std::to_string(i) + ", organisation: Org}\n";
  dir.write("many.yaml", many);
  auto r = test::run_cli({"copies", test::fixture_path("fixtures/copies/hand-made.pdf").string(), "--to",
                          (dir.path / "many.yaml").string(), "-o", (dir.path / "out").string()});
  CHECK(r.status == 1);
  CHECK(r.err.find(":201:3: error: there are 201 recipients, more than the 200") != std::string::npos);
}

TEST_CASE("an existing folder's files are replaced only with --force", "[copies]") {
  test::TempDir dir;
  fs::path pdf = test::fixture_path("fixtures/copies/hand-made.pdf");
  REQUIRE(copies(pdf, dir).status == 0);
  auto again = copies(pdf, dir);
  CHECK(again.status == 1);
  CHECK(again.err.find("the folder is not empty (use --force") != std::string::npos);
  CHECK(copies(pdf, dir, {"--force"}).status == 0);
  // An earlier run's file this run does not replace is named.
  REQUIRE(copies(pdf, dir, {"--force", "--own-passwords"}).status == 0);
  auto plain = copies(pdf, dir, {"--force"});
  CHECK(plain.status == 0);
  CHECK(plain.err.find("passwords.csv: warning: left from an earlier run") != std::string::npos);
  CHECK(plain.err.find("Copy 01 of 03") == std::string::npos);  // replaced, so not named
}

TEST_CASE("an encrypted PDF, a damaged one and a wrong input are refused with a reason", "[copies]") {
  test::TempDir dir;
  auto r = copies(test::fixture_path("fixtures/copies/encrypted.pdf"), dir);
  CHECK(r.status == 1);
  CHECK(r.err.find("the PDF is encrypted") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / "out"));
  dir.write("damaged.pdf", "%PDF-1.4\nthis is not really a PDF\n");
  r = copies(dir.path / "damaged.pdf", dir);
  CHECK(r.status == 1);
  CHECK(r.err.find("cannot make copies of it") != std::string::npos);
  dir.write("notes.txt", "hello");
  r = copies(dir.path / "notes.txt", dir);
  CHECK(r.status == 2);
  r = test::run_cli({"copies", (dir.path / "damaged.pdf").string(), "-o", (dir.path / "out").string()});
  CHECK(r.status == 2);
  CHECK(r.err.find("--to RECIPIENTS.yaml or --case CASE.yaml") != std::string::npos);
}

TEST_CASE("copies for the case's contacts: 002's three by default, or those named", "[copies]") {
  test::TempDir dir;
  std::string pdf = test::fixture_path("fixtures/copies/hand-made.pdf").string();
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  auto r = test::run_cli({"copies", pdf, "--case", kase, "-o", (dir.path / "a").string(), "--date", "2026-12-02"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string why;
  auto csv = read_file(dir.path / "a" / "register.csv", why);
  REQUIRE(csv);
  CHECK(csv->find("Reference:,") != std::string::npos);
  CHECK(csv->find("Board:,Northbrook Safeguarding Children Board") != std::string::npos);
  CHECK(csv->find("1 of 3,Serious Incident Notifications Team,,Ofsted,") != std::string::npos);
  CHECK(csv->find(",Head of Legal Services,") != std::string::npos);
  CHECK(csv->find("3 of 3,Richard Okonjo,Director of Children's Services,Northbrook Council,") != std::string::npos);

  r = test::run_cli({"copies", pdf, "--case", kase, "--contacts", "ofsted,board_members[1]", "-o", (dir.path / "b").string()});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(fs::exists(dir.path / "b" / "Copy 02 of 02 - Detective Superintendent Alison Greer.pdf"));

  r = test::run_cli({"copies", pdf, "--case", kase, "--contacts", "ofstead", "-o", (dir.path / "c").string()});
  CHECK(r.status == 1);
  CHECK(r.err.find("--contacts names 'ofstead'") != std::string::npos);
  CHECK(r.err.find("did you mean 'ofsted'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / "c"));
}

TEST_CASE("a name in other scripts is marked as written, in a font that has its letters", "[copies]") {
  if (!have("pdftotext")) {
    WARN("poppler-utils is not installed: the copies cannot be read back");
    return;
  }
  test::TempDir dir;
  dir.write("r.yaml", "- {name: \"Zo\u00eb \u014cta \u0141ucja \u0416\u0435\u043d\u044f \u0391\u03b8\u03b7\u03bd\u03ac\", organisation: \"\u00dcn\u00efcode Trust\"}\n");
  auto r = test::run_cli({"copies", test::fixture_path("fixtures/copies/hand-made.pdf").string(), "--to",
                          (dir.path / "r.yaml").string(), "-o", (dir.path / "out").string(), "--date", "2026-12-02"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  fs::path copy = dir.path / "out" / "Copy 01 of 01 - Zo\u00eb \u014cta \u0141ucja \u0416\u0435\u043d\u044f \u0391\u03b8\u03b7\u03bd\u03ac.pdf";
  REQUIRE(fs::exists(copy));
  CHECK(occurrences(page_text(copy, 1), "Copy 1 of 1 \u2014 issued to Zo\u00eb \u014cta \u0141ucja \u0416\u0435\u043d\u044f "
                                        "\u0391\u03b8\u03b7\u03bd\u03ac, \u00dcn\u00efcode Trust, 2 December 2026") == 2);
}

TEST_CASE("a page with no MediaBox, contents or resources is marked on the page readers show", "[copies]") {
  if (!have("pdftotext") || !have("qpdf")) {
    WARN("poppler-utils or qpdf is not installed: the copies cannot be read back");
    return;
  }
  test::TempDir dir;
  auto r = copies(test::fixture_path("fixtures/copies/bare-page.pdf"), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  fs::path copy = dir.path / "out" / kFiles[2];
  CHECK(occurrences(page_text(copy, 1), kLines[2]) == 2);
  int status = 0;
  std::string page = shell("qpdf --show-object=3 " + quoted(copy.string()), status);
  CHECK(page.find("/MediaBox [ 0 0 612 792 ]") != std::string::npos);
}
