// The template language over Word's XML: tags split across runs, scopes, filters, errors.
#include <catch2/catch.hpp>

#include "data/node.hpp"
#include "support.hpp"
#include "templating/part_template.hpp"

using namespace reviewkit;
using templating::PartTemplate;

namespace {

const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
const char* kTail = "<w:sectPr w:rsidR=\"00A1\"><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";

// A paragraph as Word writes it, one run per piece of text.
std::string para(std::initializer_list<std::string> runs) {
  std::string p = "<w:p w:rsidR=\"00B2\" w:rsidRDefault=\"00C3\">";
  for (const auto& r : runs) p += "<w:r w:rsidRPr=\"00D4\"><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t>" + r + "</w:t></w:r>";
  return p + "</w:p>";
}

struct Result {
  std::string xml;
  std::vector<std::string> problems;
};

Result fill(const std::string& body, const std::string& yaml, bool lenient = false) {
  Diagnostics diags;
  auto data = data::parse_yaml(yaml, "data.yaml", diags);
  REQUIRE(data);
  auto t = PartTemplate::compile(std::string(kHead) + body + kTail, "letter.docx", "word/document.xml", diags);
  Result r;
  if (t) {
    templating::RenderOptions options;
    options.lenient = lenient;
    std::string out = t->render(*data, options, diags);
    std::string head(kHead), tail(kTail);
    REQUIRE(out.compare(0, head.size(), head) == 0);
    r.xml = out.substr(head.size(), out.size() - head.size() - tail.size());
  }
  r.problems = test::lines(diags);
  return r;
}

// The text of the output's paragraphs, each followed by |.
std::string text_of(const std::string& xml) {
  std::string out;
  for (const auto& p : test::paragraphs(xml)) out += p + "|";
  return out;
}

}  // namespace

TEST_CASE("a value tag split across runs by Word is filled in the run where it begins", "[templating]") {
  // Word splits "{{ child.pseudonym }}" at a spell-check mark and a revision.
  std::string body =
      "<w:p w:rsidR=\"00B2\"><w:r><w:t xml:space=\"preserve\">Dear </w:t></w:r><w:r w:rsidR=\"00E5\"><w:rPr><w:b/></w:rPr>"
      "<w:t>{{ child.</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>pseudo</w:t></w:r><w:bookmarkStart w:id=\"0\" "
      "w:name=\"x\"/><w:r><w:t>nym }</w:t></w:r><w:proofErr w:type=\"spellEnd\"/><w:bookmarkEnd w:id=\"0\"/><w:r><w:t>},</w:t>"
      "</w:r></w:p>";
  auto r = fill(body, "child: {pseudonym: Child A}\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "Dear Child A,|");
  // The value took the bold run where the tag began; the other runs kept their place, now empty.
  CHECK_THAT(r.xml, Catch::Contains("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Child A</w:t>"));
  CHECK_THAT(r.xml, Catch::Contains("<w:proofErr w:type=\"spellStart\"/><w:r><w:t></w:t></w:r>"));
}

TEST_CASE("values are inserted as text, never as markup", "[templating]") {
  auto r = fill(para({"{{ a }}|{{ b }}|{{ c }}"}),
                "a: \"Smith & Jones <Ltd> \\\"quoted\\\" caf\xC3\xA9\"\nb: \"  padded  \"\nc: |\n  1 High Street\n  Lowfield\n");
  CHECK(r.problems.empty());
  CHECK_THAT(r.xml, Catch::Contains("Smith &amp; Jones &lt;Ltd&gt; \"quoted\" caf\xC3\xA9"));
  CHECK_THAT(r.xml, Catch::Contains("|  padded  |"));
  CHECK_THAT(r.xml, Catch::Contains("<w:t xml:space=\"preserve\">"));
  CHECK(text_of(r.xml) == "Smith & Jones <Ltd> \"quoted\" caf\xC3\xA9|  padded  |1 High Street\nLowfield|");  // as it reads
}

TEST_CASE("filters format values", "[templating]") {
  auto r = fill(para({"{{ d | date }}; {{ d | date: \"%d/%m/%Y\" }}; {{ n | upper }}; {{ n | lower }}; {{ t | title }}; "
                      "{{ n | initials }}; {{ missing | default: \"none\" }}; {{ empty | default: \"none\" }}; "
                      "{{ list | join: \" and \" }}; {{ list | count }}; {{ 3 | ordinal }}; {{ 12 | ordinal }}; "
                      "{{ 22 | ordinal }}"}),
                "d: 2015-03-02\nn: Jordan Sample\nt: mrs o'neil-smith\nempty:\nlist: [HV, GP, CSC]\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) ==
        "2 March 2015; 02/03/2015; JORDAN SAMPLE; jordan sample; Mrs O'neil-Smith; JS; none; none; HV and GP and CSC; 3; "
        "3rd; 12th; 22nd|");
}

TEST_CASE("if, elif and else compare strings, numbers, booleans and dates", "[templating]") {
  std::string body = para({"{% if kind == \xE2\x80\x9C" "scr\xE2\x80\x9D %}SCR{% elif kind == 'silp' %}SILP{% else %}other{% endif %}; "
                           "{% if n &gt; 9 %}big{% else %}small{% endif %}; {% if ok and not no %}yes{% endif %}; "
                           "{% if d &lt; \"2025-01-01\" %}before{% endif %}; {% if maybe is defined %}x{% else %}undefined{% endif %}; "
                           "{% if nothing %}x{% else %}null is false{% endif %}"});
  CHECK(fill(body, "kind: scr\nn: 10\nok: true\nno: false\nd: 2024-12-31\nnothing:\n").problems == std::vector<std::string>{});
  CHECK(text_of(fill(body, "kind: scr\nn: 10\nok: true\nno: false\nd: 2024-12-31\nnothing:\n").xml) ==
        "SCR; big; yes; before; undefined; null is false|");
  CHECK(text_of(fill(body, "kind: silp\nn: 9\nok: true\nno: true\nd: 2025-01-01\nnothing:\n").xml) ==
        "SILP; small; ; ; undefined; null is false|");
}

TEST_CASE("a for loop inside one paragraph repeats the inline text", "[templating]") {
  auto r = fill(para({"Agencies: {% for a in agencies %}{{ a.name }} ({{ loop.index }}/{{ loop.length }}){% if not loop.last %}, {% endif %}{% endfor %}."}),
                "agencies: [{name: CSC}, {name: Police}, {name: GP}]\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "Agencies: CSC (1/3), Police (2/3), GP (3/3).|");
}

TEST_CASE("tags in paragraphs of their own repeat the paragraphs between", "[templating]") {
  std::string body = para({"Before"}) + para({"{% for m in members %}"}) + para({"{{ loop.index }}. {{ m }}"}) +
                     para({"{% endfor %}"}) + para({"After"});
  auto r = fill(body, "members: [Nurse, Doctor]\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "Before|1. Nurse|2. Doctor|After|");
  CHECK(text_of(fill(body, "members: []\n").xml) == "Before|After|");
  CHECK(text_of(fill(body, "members:\n").xml) == "Before|After|");
}

TEST_CASE("a pair in different cells of one row repeats the row", "[templating]") {
  std::string row = "<w:tr w:rsidR=\"00F1\"><w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>" +
                    para({"{% for a in actions %}{{ a.id }}"}) + "</w:tc><w:tc>" + para({"{{ a.lead }}{% endfor %}"}) +
                    "</w:tc></w:tr>";
  std::string header = "<w:tr><w:tc>" + para({"Id"}) + "</w:tc><w:tc>" + para({"Lead"}) + "</w:tc></w:tr>";
  std::string body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>" + header + row + "</w:tbl>" + para({"end"});
  auto r = fill(body, "actions: [{id: A1, lead: Manager}, {id: A2, lead: Nurse}]\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "Id|Lead|A1|Manager|A2|Nurse|end|");
  CHECK(std::count(r.xml.begin(), r.xml.end(), '\0') == 0);
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = r.xml.find("<w:tr", at)) != std::string::npos; ++at) ++rows;
  CHECK(rows == 3);
}

TEST_CASE("a loop in a table cell's own paragraphs repeats paragraphs inside the cell", "[templating]") {
  std::string body = "<w:tbl><w:tr><w:tc>" + para({"{% for q in questions %}"}) + para({"{{ q }}"}) +
                     para({"{% endfor %}"}) + "</w:tc></w:tr></w:tbl>" + para({""});
  CHECK(text_of(fill(body, "questions: [One, Two]\n").xml) == "One|Two||");
  // With nothing to repeat the cell still ends with a paragraph, as Word requires.
  auto empty = fill(body, "questions: []\n");
  CHECK_THAT(empty.xml, Catch::Contains("<w:tc><w:p/></w:tc>"));
}

TEST_CASE("tags in headers, footers and text boxes (both of Word's copies) are filled", "[templating]") {
  std::string textbox =
      "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><mc:Choice "
      "Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>" + para({"Ref: {{ ref }}"}) +
      "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>" +
      para({"Ref: {{ ref }}"}) + "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
  auto r = fill(textbox, "ref: NSCB/1\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "Ref: NSCB/1|Ref: NSCB/1||");
}

TEST_CASE("a page break tag breaks the page", "[templating]") {
  auto r = fill(para({"{% pagebreak %}"}) + para({"{# a note for the author #}Next"}), "{}\n");
  CHECK(r.problems.empty());
  CHECK_THAT(r.xml, Catch::Contains("<w:br w:type=\"page\"/>"));
  CHECK(text_of(r.xml) == "\n|Next|");
}

TEST_CASE("missing data is an error, and a warning when lenient", "[templating]") {
  std::string body = para({"Dear {{ recipient.nmae }},"}) + para({"{{ empty }}"}) + para({"{% if typo %}x{% endif %}"});
  auto strict = fill(body, "recipient: {name: Ms Doe}\nempty:\n");
  CHECK(strict.problems ==
        std::vector<std::string>{
            "letter.docx: word/document.xml \xC2\xB6" "1: error: unknown variable 'recipient.nmae' in \"Dear {{ recipient.nmae }},\" "
            "(did you mean 'recipient.name'?)",
            "letter.docx: word/document.xml \xC2\xB6" "2: error: 'empty' is empty in \"{{ empty }}\" (fill it in the data, or write "
            "| default: \"...\" after it)",
            "letter.docx: word/document.xml \xC2\xB6" "3: error: unknown variable 'typo' in \"{% if typo %}x{% endif %}\" (if it may "
            "be absent, write {% if typo is defined %})"});
  auto lenient = fill(body, "recipient: {name: Ms Doe}\nempty:\n", true);
  CHECK(lenient.problems.size() == 3);
  CHECK_THAT(lenient.problems[0], Catch::Contains(": warning: unknown variable 'recipient.nmae'"));
  CHECK(text_of(lenient.xml) == "Dear ,|||");
}

TEST_CASE("template errors are all reported with the paragraph they are in", "[templating]") {
  std::string body = para({"{{ name | uper }}"}) + para({"{% for x in xs %}"}) + para({"{% endif %}"}) +
                     para({"{% if a = 1 %}{% endif %}"}) + para({"{{ open"}) + para({"{% while x %}"});
  auto r = fill(body, "{}\n");
  CHECK(r.problems == std::vector<std::string>{
                          "letter.docx: word/document.xml \xC2\xB6" "1: error: unknown filter 'uper' (did you mean 'upper'?) in tag "
                          "'{{ name | uper }}' in \"{{ name | uper }}\"",
                          "letter.docx: word/document.xml \xC2\xB6" "3: error: {% endif %} closes '{% for x in xs %}' (in \xC2\xB6" "2) in "
                          "\"{% endif %}\" (close the for with {% endfor %} first)",
                          "letter.docx: word/document.xml \xC2\xB6" "4: error: '=' is not a comparison; write '==' to compare in tag "
                          "'{% if a = 1 %}' in \"{% if a = 1 %}{% endif %}\"",
                          "letter.docx: word/document.xml \xC2\xB6" "5: error: '{{' is not closed in this paragraph in \"{{ open\" "
                          "(close it with '}}' in the same paragraph)",
                          "letter.docx: word/document.xml \xC2\xB6" "6: error: unknown tag 'while' in tag '{% while x %}' in "
                          "\"{% while x %}\" (tags are 'elif', 'else', 'endfor', 'endif', 'figure', 'for', 'if', 'image' or 'pagebreak')"});
  CHECK(r.xml.empty());
}

TEST_CASE("a loop over something that is not a list is an error", "[templating]") {
  auto r = fill(para({"{% for a in agency %}{{ a }}{% endfor %}"}), "agency: {name: CSC}\n");
  CHECK(r.problems == std::vector<std::string>{
                          "letter.docx: word/document.xml \xC2\xB6" "1: error: 'agency' is a map, not a list in "
                          "\"{% for a in agency %}{{ a }}{% endfor %}\" (loop over its entries with {% for key, value in agency %})"});
}

TEST_CASE("an inline loop nests inside a row loop, and a table row loop inside a paragraph loop", "[templating]") {
  auto cell = [](const std::string& text) { return "<w:tc>" + para({text}) + "</w:tc>"; };
  std::string body = para({"{% for a in agencies %}"}) + para({"{{ a.name }}"}) +
                     "<w:tbl><w:tr>" + cell("{% for p in a.people %}{{ p.code }}") +
                     cell("{% for r in p.roles %}{{ r }}{% if not loop.last %}/{% endif %}{% endfor %}{% endfor %}") +
                     "</w:tr></w:tbl>" + para({"{% endfor %}"});
  auto r = fill(body, "agencies:\n  - {name: CSC, people: [{code: SW1, roles: [a, b]}, {code: TM1, roles: [c]}]}\n"
                      "  - {name: GP, people: [{code: GP1, roles: []}]}\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "CSC|SW1|a/b|TM1|c|GP|GP1||");
}

TEST_CASE("tags inside hyperlinks, fields and content controls are filled", "[templating]") {
  std::string body =
      "<w:p><w:hyperlink r:id=\"rId9\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t>{{ board.site }}</w:t></w:r>"
      "</w:hyperlink><w:sdt><w:sdtPr><w:alias w:val=\"Ref\"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space=\"preserve\"> ref "
      "{{ ref }}</w:t></w:r></w:sdtContent></w:sdt></w:p>";
  auto r = fill(body, "board: {site: nscb.example.org}\nref: R1\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "nscb.example.org ref R1|");
}

TEST_CASE("a block whose tags are in a table and outside it is refused with a fix", "[templating]") {
  std::string body = para({"{% for a in agencies %}"}) + "<w:tbl><w:tr><w:tc>" + para({"{{ a }}{% endfor %}"}) +
                     "</w:tc></w:tr></w:tbl>" + para({"after"});
  auto r = fill(body, "agencies: [x]\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0] ==
        "letter.docx: word/document.xml \xC2\xB6" "2: error: '{% for a in agencies %}' and '{% endfor %}' must be in the same "
        "paragraph, in the cells of one table row, or each in a paragraph of its own at the same level in \"{{ a }}{% endfor "
        "%}\" (one of them is inside a table or text box and the other is not)");
}

TEST_CASE("an empty or blank value is not filled in: an error, unless the template gives a default", "[templating]") {
  auto r = fill(para({"{{ a }}|{{ b }}|{{ c | default: \"none\" }}|{{ d | default: \"none\" }}"}),
                "a: \"\"\nb: \"   \"\nc: \" \\t \"\nd: \"Ms Okafor\"\n");
  REQUIRE(r.problems.size() == 2);
  CHECK_THAT(r.problems[0], Catch::Contains("error: 'a' is empty"));
  CHECK_THAT(r.problems[1], Catch::Contains("error: 'b' is empty"));
  auto d = fill(para({"{{ c | default: \"none\" }}|{{ d | default: \"none\" }}"}), "c: \"   \"\nd: \"Ms Okafor\"\n");
  CHECK(d.problems.empty());
  CHECK(text_of(d.xml) == "none|Ms Okafor|");
}
