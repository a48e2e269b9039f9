// The scanner (engine/scan): a real name, a date of birth or an identifier planted in each place a
// Word document can hide one, as Word saves it (runs split by revisions and spell-check marks),
// found at its place with its message; and nothing found in a clean document that names the
// people a published report may name and uses words that are also first names.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "chronology_support.hpp"
#include "cli/scan.hpp"
#include "ooxml/package.hpp"
#include "scan/scan.hpp"
#include "security/encryption.hpp"
#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {

const std::string W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
                      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                      "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
                      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";
const std::string HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

std::string para(const std::string& runs) { return "<w:p w:rsidR=\"00B2C1F4\" w:rsidRDefault=\"00B2C1F4\">" + runs + "</w:p>"; }
std::string run(const std::string& text, const std::string& rpr = "") {
  return "<w:r w:rsidR=\"00D41A7E\">" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

/// A .docx as Word saves one: the body's paragraphs, and any other parts (name -> XML).
std::string docx(const std::string& body, std::map<std::string, std::string> parts = {}) {
  ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml",
          HEAD + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
                 "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                 "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
                 "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  zip.add("_rels/.rels", HEAD + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
                                "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                                "Target=\"word/document.xml\"/></Relationships>");
  zip.add("word/document.xml", HEAD + "<w:document " + W + " mc:Ignorable=\"w14\"><w:body>" + body +
                                   "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>");
  for (const auto& [name, xml] : parts) zip.add(name, HEAD + xml);
  return zip.finish();
}

/// What the scanner says about a document, one line a hit.
std::vector<std::string> scanned(const std::string& bytes, const std::string& name = "doc.docx") {
  static const auto ids = cli::case_identifiers(test::sample_case());
  std::string why;
  auto spans = scan::docx_spans(bytes, name, why);
  INFO(why);
  Diagnostics d;
  scan::scan_spans(spans, ids, d);
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.push_back(format(x));
  return out;
}

const std::string clean_para = para(run("The review found that agencies did not share what they knew."));

}  // namespace

TEST_CASE("scan: a real name split across runs by spell-check marks, in the body", "[scan]") {
  auto hits = scanned(docx(clean_para + para(run("The report was written after ") + "<w:proofErr w:type=\"spellStart\"/>" + run("Shan") +
                                            "<w:proofErr w:type=\"spellEnd\"/>" + run("non Mar", "<w:b/>") + run("low moved away."))));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0] == "doc.docx: word/document.xml \u00B62: error: real name of Parent 1 ('Shannon Marlow') in \"The report was written "
                   "after Shannon Marlow moved away.\" (write 'Parent 1')");
}

TEST_CASE("scan: a surname with a possessive, and a double-barrelled name", "[scan]") {
  auto hits = scanned(docx(para(run("It was Marlow\u2019s flat.")) + para(run("Ellis Marlow-Quinn was two."))));
  REQUIRE(hits.size() == 2);
  CHECK(hits[0] == "doc.docx: word/document.xml \u00B61: error: a name of Child A, Parent 1, Sibling 1, Grandparent 1 and "
                   "Grandparent 2 ('Marlow') in \"It was Marlow\u2019s flat.\" (write the pseudonym of the one meant)");
  CHECK(hits[1] == "doc.docx: word/document.xml \u00B62: error: real name of Child A ('Ellis Marlow-Quinn') in \"Ellis Marlow-Quinn was "
                   "two.\" (write 'Child A')");
}

TEST_CASE("scan: a family's name in the plural, capitals of any script, and the one matcher's replacements", "[scan]") {
  auto hits = scanned(docx(para(run("The Marlows moved; SHANNON MARLOW said so.")) + para(run("Marlowes is not theirs."))));
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].find("('Marlow') in \"The Marlows moved;") != std::string::npos);
  CHECK(hits[1].find("real name of Parent 1 ('Shannon Marlow')") != std::string::npos);
  // A name with letters beyond ASCII, in capitals; an everyday word matched only as written.
  scan::Identifier zoe;
  zoe.text = "Zo\u00EB Ar\u00E7elik";
  zoe.what = "real name of Adult 7";
  zoe.replacement = "Adult 7";
  scan::Identifier grace;
  grace.text = "Grace";
  grace.replacement = "Adult 8";
  grace.as_written = true;
  scan::Matcher m({zoe, grace});
  std::string text = "ZO\u00CB AR\u00C7ELIK\u2019s flat; a period of grace; Grace arrived.";
  auto found = m.find(text, false);
  REQUIRE(found.size() == 2);
  CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "ZO\u00CB AR\u00C7ELIK");
  std::vector<std::string> used;
  CHECK(scan::replace_hits(text, found, used) == "Adult 7\u2019s flat; a period of grace; Adult 8 arrived.");
  CHECK(used == std::vector<std::string>{"Adult 7", "Adult 8"});
}

TEST_CASE("scan: a name in each hidden place of a Word document", "[scan]") {
  struct Planted {
    const char* where;
    std::string bytes;
    std::string expected;
  };
  std::string footnotes = "<w:footnotes " + W + "><w:footnote w:type=\"separator\" w:id=\"-1\">" + para("<w:r><w:separator/></w:r>") +
                          "</w:footnote><w:footnote w:id=\"1\">" + para(run("Told to the author by Declan Quinn.")) + "</w:footnote></w:footnotes>";
  std::vector<Planted> planted{
      {"footnote", docx(clean_para, {{"word/footnotes.xml", footnotes}}),
       "doc.docx: word/footnotes.xml \u00B62: error: real name of Parent 2 ('Declan Quinn') in \"Told to the author by Declan Quinn.\" "
       "(write 'Parent 2')"},
      {"header", docx(clean_para, {{"word/header1.xml", "<w:hdr " + W + ">" + para(run("Review: Kayla Marlow")) + "</w:hdr>"}}),
       "doc.docx: word/header1.xml \u00B61: error: real name of Sibling 1 ('Kayla Marlow') in \"Review: Kayla Marlow\" (write 'Sibling 1')"},
      {"footer", docx(clean_para, {{"word/footer2.xml", "<w:ftr " + W + ">" + para(run("Gary Marlow")) + "</w:ftr>"}}),
       "doc.docx: word/footer2.xml \u00B61: error: real name of Grandparent 2 ('Gary Marlow') in \"Gary Marlow\" (write 'Grandparent 2')"},
      {"comment", docx(clean_para, {{"word/comments.xml", "<w:comments " + W + "><w:comment w:id=\"0\" w:author=\"Reviewer\">" +
                                                           para(run("Check with Lorraine Marlow first")) + "</w:comment></w:comments>"}}),
       "doc.docx: word/comments.xml \u00B61: error: real name of Grandparent 1 ('Lorraine Marlow') in \"Check with Lorraine Marlow "
       "first\" (write 'Grandparent 1')"},
      {"tracked deletion", docx(para("<w:del w:id=\"3\" w:author=\"A\"><w:r><w:delText>Jason Trell</w:delText></w:r></w:del>" +
                                     run("Adult 1 moved in."))),
       "doc.docx: word/document.xml \u00B61: error: real name of Adult 1 ('Jason Trell') in \"Jason Trell Adult 1 moved in.\" (write "
       "'Adult 1')"},
      {"tracked insertion", docx(para("<w:ins w:id=\"4\" w:author=\"A\">" + run("Conor Quinn") + "</w:ins>")),
       "doc.docx: word/document.xml \u00B61: error: real name of Uncle 1 ('Conor Quinn') in \"Conor Quinn\" (write 'Uncle 1')"},
      {"hidden text", docx(para(run("Bernadette Quinn", "<w:vanish/>") + run(" was consulted."))),
       "doc.docx: word/document.xml \u00B61: error: real name of Grandparent 3 ('Bernadette Quinn') in \"Bernadette Quinn was "
       "consulted.\" (write 'Grandparent 3')"},
      {"text box", docx(para("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><wp:docPr id=\"1\" "
                             "name=\"Text Box 1\"/><wps:wsp><wps:txbx><w:txbxContent>" +
                             para(run("Ryan Colley stayed there")) + "</w:txbxContent></wps:txbx></wps:wsp></wp:anchor></w:drawing>"
                             "</mc:Choice></mc:AlternateContent></w:r>")),
       "doc.docx: word/document.xml \u00B62: error: real name of Adult 2 ('Ryan Colley') in \"Ryan Colley stayed there\" (write 'Adult 2')"},
      {"alternative text", docx(para("<w:r><w:drawing><wp:inline><wp:docPr id=\"2\" name=\"Picture 2\" descr=\"Photo of Shannon "
                                     "Marlow\"/></wp:inline></w:drawing></w:r>")),
       "doc.docx: word/document.xml picture 'Picture 2' alternative text: error: real name of Parent 1 ('Shannon Marlow') in \"Photo of "
       "Shannon Marlow\" (write 'Parent 1')"},
      {"field code", docx(para("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> MERGEFIELD "
                               "Kayla_Marlow </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")),
       "doc.docx: word/document.xml \u00B61: error: first name of Sibling 1 ('Kayla', from 'Kayla Marlow') in \"MERGEFIELD "
       "Kayla_Marlow\" (write 'Sibling 1')"},
      {"hyperlink target", docx(clean_para, {{"word/_rels/document.xml.rels",
                                              "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                              "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                              "relationships/hyperlink\" Target=\"https://social.example/declan.quinn\" "
                                              "TargetMode=\"External\"/></Relationships>"}}),
       "doc.docx: word/_rels/document.xml.rels link rId9: error: first name of Parent 2 ('Declan', from 'Declan Quinn') in "
       "\"https://social.example/declan.quinn\" (write 'Parent 2')"},
      {"core property", docx(clean_para, {{"docProps/core.xml",
                                           "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                                           "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Review</dc:title>"
                                           "<dc:creator>Shannon Marlow</dc:creator></cp:coreProperties>"}}),
       "doc.docx: docProps/core.xml creator: error: real name of Parent 1 ('Shannon Marlow') in \"Shannon Marlow\" (write 'Parent 1')"},
      {"custom property", docx(clean_para, {{"docProps/custom.xml",
                                             "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
                                             "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property "
                                             "fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"Client\"><vt:lpwstr>Ellis "
                                             "Marlow-Quinn</vt:lpwstr></property></Properties>"}}),
       "doc.docx: docProps/custom.xml Client: error: real name of Child A ('Ellis Marlow-Quinn') in \"Ellis Marlow-Quinn\" (write 'Child A')"},
  };
  for (const auto& p : planted) {
    INFO(p.where);
    auto hits = scanned(p.bytes);
    REQUIRE(hits.size() >= 1);
    CHECK(hits[0] == p.expected);
  }
}

TEST_CASE("scan: dates of birth however written, the 'nd' in its own superscript run", "[scan]") {
  auto hits = scanned(docx(para(run("Parent 1 was born on 22") + run("nd", "<w:vertAlign w:val=\"superscript\"/>") + run(" May 2001.")) +
                           para(run("DOB: 22/05/2001")) + para(run("Born 2001-05-22 in hospital."))));
  REQUIRE(hits.size() == 3);
  CHECK(hits[0] == "doc.docx: word/document.xml \u00B61: error: the date of birth of Parent 1 in \"Parent 1 was born on 22nd May 2001.\" "
                   "(give an age or the year instead)");
  CHECK(hits[1].find("\u00B62: error: the date of birth of Parent 1 in \"DOB: 22/05/2001\"") != std::string::npos);
  CHECK(hits[2].find("\u00B63: error: the date of birth of Parent 1") != std::string::npos);
}

TEST_CASE("scan: NHS numbers by their check digit, postcodes, and other identifiers no case lists", "[scan]") {
  auto hits = scanned(docx(para(run("NHS number 943 476 5919 was recorded.")) + para(run("A mistyped 943 476 5918 is not one.")) +
                           para(run("They moved to NB9 4TE last year.")) + para(run("NI number QQ 12 34 56 C, or AB123456C.")) +
                           para(run("Call 07700 900418 or write to s.m@mail.example.com; car AB12 CDE."))));
  std::vector<std::string> expected{
      "doc.docx: word/document.xml \u00B61: error: an NHS number ('943 476 5919') in \"NHS number 943 476 5919 was recorded.\" (remove it: no published document holds one)",
      "doc.docx: word/document.xml \u00B63: error: part of the address of Parent 2 ('NB9 4TE') in \"They moved to NB9 4TE last year.\" (remove it: no published document gives an address)",
      "doc.docx: word/document.xml \u00B64: error: a National Insurance number ('AB123456C') in \"NI number QQ 12 34 56 C, or AB123456C.\" (remove it: no published document holds one)",
      "doc.docx: word/document.xml \u00B65: error: the phone number of Parent 1 ('07700 900418') in \"Call 07700 900418 or write to s.m@mail.example.com; car A\u2026\" (remove it)",
      "doc.docx: word/document.xml \u00B65: error: an e-mail address ('s.m@mail.example.com') in \"Call 07700 900418 or write to s.m@mail.example.com; car AB12 CDE.\" (remove it, or give the organisation's name instead)",
      "doc.docx: word/document.xml \u00B65: error: a vehicle registration ('AB12 CDE') in \"\u20268 or write to s.m@mail.example.com; car AB12 CDE.\" (remove it)"};
  CHECK(hits == expected);  // QQ is not a prefix HMRC issues; the mistyped NHS number fails its check
  CHECK(scan::nhs_number_valid("9434765919"));
  CHECK_FALSE(scan::nhs_number_valid("9434765918"));
  CHECK_FALSE(scan::nhs_number_valid("943476591"));
}

TEST_CASE("scan: the child's exact date of death is a warning, its month and year are not", "[scan]") {
  auto hits = scanned(docx(para(run("Child A died on 15 January 2025.")) + para(run("Child A died in January 2025."))));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0] == "doc.docx: word/document.xml \u00B61: warning: the exact date of the child's death (it identifies the child together "
                   "with other details) in \"Child A died on 15 January 2025.\" (give the month and year)");
}

TEST_CASE("scan: initials with dots anywhere, without dots next to a word that says a person is meant", "[scan]") {
  auto hits = scanned(docx(para(run("S.M. was seen; later S. M. was not.")) + para(run("Ms SM said that SM\u2019s flat was cold (SM).")) +
                           para(run("The SM team met; sm is not initials."))));
  for (const auto& h : hits) UNSCOPED_INFO(h);
  REQUIRE(hits.size() == 5);
  CHECK(hits[0] == "doc.docx: word/document.xml \u00B61: error: the initials of Parent 1 ('S.M.', from 'Shannon Marlow') in \"S.M. was "
                   "seen; later S. M. was not.\" (write 'Parent 1')");
  CHECK(hits[1].find("('S. M.', from 'Shannon Marlow')") != std::string::npos);
  for (int i = 2; i < 5; ++i) CHECK(hits[static_cast<std::size_t>(i)].find("\u00B62: error: the initials of Parent 1 ('SM', from 'Shannon Marlow')") != std::string::npos);
}

TEST_CASE("scan: jigsaw details as warnings: an age in days, a named street or school, an uncommon ethnicity with a place", "[scan]") {
  auto hits = scanned(docx(para(run("The baby was 43 days old; a 43-day-old baby; aged 43 days.")) +
                           para(run("The family moved to Carlow Road, near St Anne\u2019s Primary School.")) +
                           para(run("Parent 2 is White Irish."))));
  std::vector<std::string> expected{
      "doc.docx: word/document.xml \u00B61: warning: an exact age in days ('43 days old'): with other details it identifies the child in "
      "\"The baby was 43 days old; a 43-day-old baby; aged 43 days.\" (give the age in weeks or months)",
      "('43-day-old')", "('aged 43 days')",
      "doc.docx: word/document.xml \u00B62: warning: a named street ('Carlow Road'): with other details it can identify the family",
      "warning: a named school or nursery ('St Anne\u2019s Primary School')",
      "doc.docx: word/document.xml \u00B63: warning: the ethnicity of Parent 2 ('White Irish') in a document that also names a place: "
      "together they can identify the family in \"Parent 2 is White Irish.\" (leave out the ethnicity or the place, or say in the report "
      "why both are needed)"};
  for (const auto& h : hits) UNSCOPED_INFO(h);
  REQUIRE(hits.size() == expected.size());
  for (std::size_t i = 0; i < hits.size(); ++i) CHECK_THAT(hits[i], Catch::Contains(expected[i]));
  // The ethnicity alone, with no place named, is not a hit; with the family's town it is.
  CHECK(scanned(docx(para(run("Parent 2 is White Irish.")))).empty());
  auto town = scanned(docx(para(run("Parent 2 is White Irish.")) + para(run("The family lived in Lowfield."))));
  REQUIRE(town.size() == 1);
  CHECK_THAT(town[0], Catch::Contains("the ethnicity of Parent 2 ('White Irish')"));
}

TEST_CASE("scan: a clean document naming people a report may name, and words that are first names", "[scan]") {
  auto hits = scanned(docx(para(run("The review was led by Alan Pemberton, the independent author, for the board chaired by Geoffrey Hale.")) +
                           para(run("Parent 1, Parent 2 and Sibling 1 will be told; agencies will act with grace and hope.")) +
                           para(run("Marlowe and Quinnell are other names; 12 May is a date; SM is not a person here."))));
  INFO(hits.size());
  CHECK(hits.empty());
  // A first name that is a common word is not looked for alone, the surname and the whole are.
  auto ids = scan::name_identifiers("Will Grace-Hope", "Adult 9", "Adult 9");
  std::vector<std::string> texts;
  for (const auto& i : ids) texts.push_back(i.text);
  CHECK(texts == std::vector<std::string>{"Will Grace-Hope", "Grace-Hope", "W.G.H.", "W. G. H.", "WGH", "W.H.", "W. H.", "WH", "Grace", "Hope"});
  // Titles and ranks are not names, and give no initials.
  texts.clear();
  for (const auto& i : scan::name_identifiers("Detective Chief Inspector Paul Ferris", "DCI 1", "DCI 1")) texts.push_back(i.text);
  CHECK(texts == std::vector<std::string>{"Detective Chief Inspector Paul Ferris", "P.F.", "P. F.", "PF", "Paul", "Ferris"});
}

TEST_CASE("reviewkit scan on the sample's letters and a text file", "[scan][cli]") {
  test::TempDir tmp;
  tmp.write("clean.docx", docx(clean_para));
  tmp.write("note.txt", "\xEF\xBB\xBFMeeting notes\r\nShannon Marlow attended.\r\n");
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  auto clean = test::run_cli({"scan", (tmp.path / "clean.docx").string(), "--case", kase});
  CHECK(clean.status == 0);
  CHECK(clean.out == "reviewkit scan: 1 document, nothing found that could identify the family\n");
  auto note = test::run_cli({"scan", (tmp.path / "note.txt").string(), "--case", kase});
  CHECK(note.status == 1);
  CHECK(note.out == (tmp.path / "note.txt").string() +
                        ":2: error: real name of Parent 1 ('Shannon Marlow') in \"Shannon Marlow attended.\" (write 'Parent 1')\n"
                        "reviewkit scan: 1 document, 1 error\n");
  auto json = test::run_cli({"scan", (tmp.path / "note.txt").string(), "--case", kase, "--json"});
  CHECK(json.out == "[\n  {\"file\": \"" + (tmp.path / "note.txt").string() +
                        "\", \"place\": \"\", \"line\": 2, \"severity\": \"error\", \"message\": \"real name of Parent 1 ('Shannon Marlow')\", "
                        "\"hint\": \"write 'Parent 1'\", \"text\": \"Shannon Marlow attended.\"}\n]\n");
  auto none = test::run_cli({"scan", (tmp.path / "clean.docx").string()});
  CHECK(none.status == 2);
  tmp.write("bad.docx", "not a zip");
  auto bad = test::run_cli({"scan", (tmp.path / "bad.docx").string(), "--case", kase});
  CHECK(bad.status == 1);
}

TEST_CASE("generate scans a published document before writing it, and writes none when it holds a real name", "[scan][generate]") {
  test::TempDir tmp;
  tmp.write("named.docx", docx(para(run("Summary: {{ child.na") + "<w:proofErr w:type=\"spellStart\"/>" + run("me }} died.") +
                                    "<w:proofErr w:type=\"spellEnd\"/>")));
  tmp.write("anonymous.docx", docx(para(run("Summary: {{ child.pseudonym }} died in {{ child.death.date | date: \"%B %Y\" }}."))));
  tmp.write("documents.yaml",
            "stages: [referral]\ndocuments:\n"
            "  - {id: summary, title: A summary, template: named.docx, each: contacts.business_manager, stage: referral,"
            " audience: published, formats: [docx]}\n"
            "  - {id: clean, title: A clean summary, template: anonymous.docx, each: contacts.business_manager, stage: referral,"
            " audience: published, formats: [docx]}\n"
            "  - {id: restricted, title: For the panel, template: named.docx, each: contacts.business_manager, stage: referral,"
            " audience: restricted, formats: [docx]}\n");
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  fs::path out = tmp.path / "out";
  auto r = test::run_cli({"generate", kase, "--all", "-o", out.string(), "--documents", (tmp.path / "documents.yaml").string(),
                          "--today", "2026-06-30"});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains((out / "summary" / "1.docx").string() +
                                    ": word/document.xml \u00B61: error: in a published document: real name of Child A ('Ellis "
                                    "Marlow-Quinn') in \"Summary: Ellis Marlow-Quinn died.\" (write 'Child A')"));
  CHECK_FALSE(fs::exists(out / "summary"));
  CHECK_FALSE(fs::exists(out / "clean"));  // all or nothing
  // A restricted document is not scanned; a deliberate exception is allowed, and told.
  auto allowed = test::run_cli({"generate", kase, "--all", "-o", out.string(), "--documents", (tmp.path / "documents.yaml").string(),
                                "--today", "2026-06-30", "--allow", "Ellis Marlow-Quinn"});
  INFO(allowed.err);
  CHECK(allowed.status == 0);
  CHECK_THAT(allowed.err, Catch::Contains("warning: real name of Child A ('Ellis Marlow-Quinn') in \"Summary: Ellis Marlow-Quinn "
                                          "died.\" (allowed with --allow)"));
  CHECK(fs::exists(out / "clean" / "1.docx"));
  CHECK(fs::exists(out / "restricted" / "1.docx"));
}

TEST_CASE("scan: the board's own address and its staff's contact details may be published", "[scan]") {
  auto hits = scanned(docx(para(run("Write to the board at Civic Offices, 4 Mill Lane, Northbrook NB1 4QT, or e-mail "
                                    "priya.raman@northbrook.example.org (01632 960 112).")) +
                           para(run("The family lived at 14 Fernbank Close, NB7 2RS."))));
  REQUIRE(hits.size() == 2);  // the family's address is still told, line by line
  CHECK(hits[0].find("error: the name of the family home ('14 Fernbank Close') in") != std::string::npos);
  CHECK(hits[0].find("(write 'the family home')") != std::string::npos);
  CHECK(hits[1].find("error: part of the address of Parent 1 ('NB7 2RS')") != std::string::npos);
}

TEST_CASE("a real name typed into the case file is told at its line and column; --replace-names puts the pseudonym in",
          "[scan][generate]") {
  test::TempDir tmp;
  std::string sample = test::read_fixture("../samples/child-a/case.yaml");
  const std::string said = "The mother's partner has been arrested";
  auto at = sample.find(said);
  REQUIRE(at != std::string::npos);
  std::string named = sample;
  named.replace(at, said.size(), "Shannon Marlow's partner has been arrested");
  // Where the name is in the file, as an editor shows it.
  int line = 1 + static_cast<int>(std::count(named.begin(), named.begin() + static_cast<long>(at), '\n'));
  int column = 1 + static_cast<int>(at - (named.rfind('\n', at) + 1));
  tmp.write("case.yaml", named);
  std::string ambiguous = sample;
  ambiguous.replace(at, said.size(), "Ms Marlow's partner has been arrested");
  tmp.write("ambiguous.yaml", ambiguous);
  tmp.write("summary.docx", docx(para(run("What happened: {{ review.in") + "<w:proofErr w:type=\"spellStart\"/>" +
                                      run("cident_summary }}") + "<w:proofErr w:type=\"spellEnd\"/>")));
  tmp.write("documents.yaml",
            "stages: [referral]\ndocuments:\n"
            "  - {id: summary, title: A summary, template: summary.docx, each: contacts.business_manager, stage: referral,"
            " audience: published, formats: [docx]}\n");
  fs::path out = tmp.path / "out";
  std::vector<std::string> args{"generate", (tmp.path / "case.yaml").string(), "--all", "-o", out.string(), "--documents",
                                (tmp.path / "documents.yaml").string(), "--today", "2026-06-30"};
  auto r = test::run_cli(args);
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains((tmp.path / "case.yaml").string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                    ": error: real name of Parent 1 ('Shannon Marlow') in review.incident_summary, which a published "
                                    "document carries (summary, word/document.xml \u00B61) (write 'Parent 1' here, or generate with "
                                    "--replace-names)"));
  CHECK(r.err.find("in a published document: real name") == std::string::npos);  // told once, at the source
  CHECK_FALSE(fs::exists(out / "summary"));

  args.push_back("--replace-names");
  auto replaced = test::run_cli(args);
  INFO(replaced.err);
  REQUIRE(replaced.status == 0);
  CHECK_THAT(replaced.err, Catch::Contains(":" + std::to_string(line) + ":" + std::to_string(column) +
                                           ": note: --replace-names put 'Parent 1' in for real name of Parent 1 ('Shannon Marlow') "
                                           "in review.incident_summary"));
  std::string body = test::docx_part(out / "summary" / "1.docx", "word/document.xml");
  CHECK(body.find("Parent 1's partner has been arrested") != std::string::npos);
  CHECK(body.find("Shannon") == std::string::npos);
  std::string props = test::docx_part(out / "summary" / "1.docx", "docProps/custom.xml");
  CHECK_THAT(props, Catch::Contains("name=\"reviewkit: pseudonyms put in (--replace-names)\"><vt:lpwstr>'Parent 1' put in for a real "
                                    "name in review.incident_summary (line " + std::to_string(line) + ")</vt:lpwstr>"));
  CHECK(props.find("Shannon") == std::string::npos);  // the properties never hold the real name
  // The PDF beside it carries the same record in its keywords.
  args.push_back("--force");
  args.push_back("--format");
  args.push_back("docx,pdf");
  REQUIRE(test::run_cli(args).status == 0);
  std::string info;
  if (FILE* f = popen(("pdfinfo '" + (out / "summary" / "1.pdf").string() + "' 2>&1").c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;) info.append(buf, n);
    pclose(f);
  }
  CHECK_THAT(info, Catch::Contains("reviewkit: pseudonyms put in (--replace-names): 'Parent 1' put in for a real name in review.incident_summary"));
  args.resize(args.size() - 3);
  CHECK(test::docx_part(out / "summary" / "1.docx", "[Content_Types].xml").find("/docProps/custom.xml") != std::string::npos);

  // A surname the family shares: which of them is meant only the author knows.
  args[1] = (tmp.path / "ambiguous.yaml").string();
  args.push_back("--force");
  auto refused = test::run_cli(args);
  CHECK(refused.status == 1);
  CHECK_THAT(refused.err, Catch::Contains(":" + std::to_string(line) + ":" + std::to_string(column + 3) +
                                          ": error: a name of Child A, Parent 1, Sibling 1, Grandparent 1 and Grandparent 2 ('Marlow') in "
                                          "review.incident_summary, which a published document carries (summary, word/document.xml \u00B61); "
                                          "--replace-names cannot put a pseudonym in for it: it is more than one person's, and which is "
                                          "meant only the author knows (write the pseudonym of the one meant here)"));
}

TEST_CASE("reviewkit bundle: one zip whose every entry is AES-256, opened by 7-Zip with the password only", "[bundle][cli]") {
  test::TempDir tmp;
  fs::create_directories(tmp.path / "docs/letters");
  tmp.write("docs/overview.txt", "The overview report.\n");
  tmp.write("docs/letters/coroner.txt", "A letter to the Coroner.\n");
  tmp.write("plan.txt", "The action plan.\n");
  tmp.write("password", "correct horse battery\n");
  fs::path pack = tmp.path / "pack.zip";
  auto r = test::run_cli({"bundle", (tmp.path / "docs").string(), (tmp.path / "plan.txt").string(), "-o", pack.string(),
                          "--password-file", (tmp.path / "password").string()});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("3 files, each encrypted with AES-256"));
  CHECK((fs::status(pack).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  // Refused without --force; no password at all is a usage error.
  CHECK(test::run_cli({"bundle", (tmp.path / "plan.txt").string(), "-o", pack.string(), "--password-file",
                       (tmp.path / "password").string()}).status == 1);
  if (std::system("command -v 7z >/dev/null 2>&1") != 0) {
    WARN("skipped: 7z (p7zip-full) is not installed");
    return;
  }
  std::string listing_cmd = "7z l -slt -pwrong '" + pack.string() + "' 2>&1";
  std::string listing;
  if (FILE* f = popen(listing_cmd.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;) listing.append(buf, n);
    pclose(f);
  }
  CHECK_THAT(listing, Catch::Contains("Path = docs/letters/coroner.txt"));
  CHECK_THAT(listing, Catch::Contains("Path = plan.txt"));
  CHECK_THAT(listing, Catch::Contains("Method = AES-256 Deflate"));
  fs::path wrong = tmp.path / "wrong", right = tmp.path / "right";
  CHECK(std::system(("7z x -y -pwrong -o'" + wrong.string() + "' '" + pack.string() + "' >/dev/null 2>&1").c_str()) != 0);
  REQUIRE(std::system(("7z x -y '-pcorrect horse battery' -o'" + right.string() + "' '" + pack.string() + "' >/dev/null 2>&1").c_str()) == 0);
  CHECK(test::read_fixture((right / "docs/letters/coroner.txt").string()) == "A letter to the Coroner.\n");
  CHECK(test::read_fixture((right / "plan.txt").string()) == "The action plan.\n");
}

TEST_CASE("reviewkit scan opens a .docx protected with Word's Encrypt with Password, with its password only", "[scan][cli]") {
  test::TempDir tmp;
  std::string why;
  auto locked = security::encrypt_office_package(docx(para(run("Shannon Marlow was seen."))), "pass phrase", why);
  REQUIRE(locked);
  tmp.write("locked.docx", *locked);
  tmp.write("right", "pass phrase\n");
  tmp.write("wrong", "guess\n");
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  std::string doc = (tmp.path / "locked.docx").string();
  auto opened = test::run_cli({"scan", doc, "--case", kase, "--password-file", (tmp.path / "right").string()});
  CHECK(opened.status == 1);
  CHECK_THAT(opened.out, Catch::Contains(doc + ": word/document.xml \u00B61: error: real name of Parent 1 ('Shannon Marlow')"));
  auto wrong = test::run_cli({"scan", doc, "--case", kase, "--password-file", (tmp.path / "wrong").string()});
  CHECK(wrong.status == 1);
  CHECK_THAT(wrong.out + wrong.err, Catch::Contains(doc + ": error: cannot be opened: "));
  CHECK((wrong.out + wrong.err).find("Shannon") == std::string::npos);
  auto none = test::run_cli({"scan", doc, "--case", kase});
  CHECK(none.status == 1);
  CHECK_THAT(none.out + none.err, Catch::Contains("protected with a password"));
}

TEST_CASE("scan: authors of comments and tracked changes; everyday-word names only with their capital; files it cannot read are errors",
          "[scan][cli]") {
  auto hits = scanned(docx(para("<w:ins w:id=\"1\" w:author=\"Shannon Marlow\" w:date=\"2025-03-01T10:00:00Z\">" + run("A new sentence.") + "</w:ins>") +
                               para(run("The birch trees; a harbour.")),
                           {{"word/comments.xml", "<w:comments " + W + "><w:comment w:id=\"0\" w:author=\"Angela Birch\" w:initials=\"AB\">" +
                                                      para(run("Check this.")) + "</w:comment></w:comments>"}}));
  for (const auto& h : hits) UNSCOPED_INFO(h);
  REQUIRE(hits.size() == 2);
  CHECK_THAT(hits[0], Catch::Contains("word/document.xml tracked change author: error: real name of Parent 1 ('Shannon Marlow')"));
  CHECK_THAT(hits[1], Catch::Contains("word/comments.xml comment author: error: real name of professional TM1 ('Angela Birch')"));

  test::TempDir tmp;
  tmp.write("renamed.doc", docx(para(run("Shannon Marlow was seen."))));
  tmp.write("sheet.xlsx", std::string("PK\x03\x04", 4) + std::string(60, '\0'));
  tmp.write("picture.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  tmp.write("old.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  auto run_on = [&](const std::string& name) { return test::run_cli({"scan", (tmp.path / name).string(), "--case", kase}); };
  auto renamed = run_on("renamed.doc");
  CHECK(renamed.status == 1);
  CHECK_THAT(renamed.out, Catch::Contains("real name of Parent 1 ('Shannon Marlow')"));
  for (const char* name : {"sheet.xlsx", "picture.png", "old.doc"}) {
    auto r = run_on(name);
    INFO(name << ": " << r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find("nothing found") == std::string::npos);
  }
  CHECK_THAT(run_on("picture.png").out, Catch::Contains("is not a kind of file reviewkit can read"));
  CHECK_THAT(run_on("old.doc").out, Catch::Contains("is an old binary Office file"));
}

TEST_CASE("bundle refuses a copies run's passwords.csv; --password-file without --encrypt is refused", "[bundle][cli]") {
  test::TempDir tmp;
  fs::create_directories(tmp.path / "copies");
  tmp.write("copies/Copy 1 of 1 - Ofsted.pdf", "%PDF-1.7\n");
  tmp.write("copies/passwords.csv", "copy,password\n1,abcde-fghij\n");
  tmp.write("password", "a long enough passphrase\n");
  auto r = test::run_cli({"bundle", (tmp.path / "copies").string(), "-o", (tmp.path / "p.zip").string(), "--password-file",
                          (tmp.path / "password").string()});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("passwords.csv: error: holds the passwords of numbered copies, which must never travel with them"));
  CHECK_FALSE(fs::exists(tmp.path / "p.zip"));
  auto render = test::run_cli({"render", test::fixture_path("pdf-features.docx").string(), "-o", (tmp.path / "out.pdf").string(),
                               "--password-file", (tmp.path / "password").string()});
  CHECK(render.status == 2);
  CHECK_THAT(render.err, Catch::Contains("--password-file gives the password of --encrypt"));
  CHECK_FALSE(fs::exists(tmp.path / "out.pdf"));
}
