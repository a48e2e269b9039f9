// The template language's expressions and blocks that users of docxtemplater and docxtpl expect
// (issue 9): filters in conditions, Unicode case, arithmetic, `in`, negative indexes, loops over a
// map, loops over several table rows, restarted list numbering, unique paragraph ids, and every
// problem of a template and its data in one run. Each on XML as Word writes it: runs split at
// proofing marks, rsids, w14:paraId on paragraphs and rows (docs/template-language.md).
#include <catch2/catch.hpp>

#include <set>

#include "data/node.hpp"
#include "ooxml/package.hpp"
#include "support.hpp"
#include "templating/docx_template.hpp"
#include "templating/part_template.hpp"

using namespace reviewkit;
using templating::PartTemplate;

namespace {

const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"><w:body>";
const char* kTail = "<w:sectPr w:rsidR=\"00A1\"><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";

// A paragraph as Word 2016 writes it: ids, rsids, and a run for each piece, with a spell-check mark
// between the first two pieces.
std::string para(std::initializer_list<std::string> runs, const std::string& id = "1A2B3C4D", const std::string& ppr = "") {
  std::string p = "<w:p w14:paraId=\"" + id + "\" w14:textId=\"77EE" + id.substr(4) +
                  "\" w:rsidR=\"00B2\" w:rsidRDefault=\"00C3\">" + ppr;
  bool first = true;
  for (const auto& r : runs) {
    if (!first) p += "<w:proofErr w:type=\"spellStart\"/>";
    p += "<w:r w:rsidRPr=\"00D4\"><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">" + r + "</w:t></w:r>";
    first = false;
  }
  return p + "</w:p>";
}

std::string cell(const std::string& text) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"4513\" w:type=\"dxa\"/></w:tcPr>" + para({text}, "0C0C0C0C") + "</w:tc>";
}
std::string row(const std::string& a, const std::string& b, const std::string& id) {
  return "<w:tr w:rsidR=\"00E1\" w14:paraId=\"" + id + "\" w14:textId=\"" + id + "\">" + cell(a) + cell(b) + "</w:tr>";
}

struct Result {
  std::string xml;
  std::vector<std::string> problems;
};

Result fill(const std::string& body, const std::string& yaml, templating::RenderOptions options = {}) {
  Diagnostics diags;
  auto data = data::parse_yaml(yaml, "data.yaml", diags);
  REQUIRE(data);
  auto t = PartTemplate::compile(std::string(kHead) + body + kTail, "letter.docx", "word/document.xml", diags);
  Result r;
  if (t) {
    std::string out = t->render(*data, options, diags);
    std::string head(kHead), tail(kTail);
    REQUIRE(out.compare(0, head.size(), head) == 0);
    r.xml = out.substr(head.size(), out.size() - head.size() - tail.size());
  }
  r.problems = test::lines(diags);
  return r;
}

std::string text_of(const std::string& xml) {
  std::string out;
  for (const auto& p : test::paragraphs(xml)) out += p + "|";
  return out;
}

// The list numbering of each numbered paragraph, in order.
std::vector<std::string> num_ids(const std::string& xml) {
  std::vector<std::string> out;
  const std::string key = "<w:numId w:val=\"";
  for (auto at = xml.find(key); at != std::string::npos; at = xml.find(key, at + 1)) {
    auto start = at + key.size();
    out.push_back(xml.substr(start, xml.find('"', start) - start));
  }
  return out;
}

// Every value of attribute `name` in the XML, in order.
std::vector<std::string> values_of(const std::string& xml, const std::string& name) {
  std::vector<std::string> out;
  std::string key = name + "=\"";
  for (auto at = xml.find(key); at != std::string::npos; at = xml.find(key, at + 1)) {
    auto start = at + key.size();
    out.push_back(xml.substr(start, xml.find('"', start) - start));
  }
  return out;
}

}  // namespace

TEST_CASE("filters work inside comparisons and conditions, with brackets", "[templating][language]") {
  std::string yaml = "agencies: [Police, Health, School]\nname: \"ADA\"\nsubjects: []\n";
  auto r = fill(para({"{% if agencies | count > 2 %}many{% else %}few{% endif %};"}) +
                    para({"{% if name | lower == \xE2\x80\x9C" "ada\xE2\x80\x9D %}lower{% endif %};"}) +
                    para({"{% if (agencies | count) - 1 == 2 and not (subjects | count) %}brackets{% endif %}"}) +
                    para({"{% if name | default: \"x\" | lower != \"ada\" %}wrong{% else %}chain{% endif %}"}),
                yaml);
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "many;|lower;|brackets|chain|");
}

TEST_CASE("upper, lower, title and initials work on every alphabet, not only ASCII", "[templating][language]") {
  auto r = fill(para({"{{ a | upper }}|{{ b | lower }}|{{ c | title }}|{{ d | initials }}|{{ e | upper }}"}),
                "a: \"\xC3\xA9lodie \xC5\x82ucja zo\xC3\xAB m\xC3\xBCller\"\n"    // élodie łucja zoë müller
                "b: \"\xC3\x89LODIE \xC5\x81UCJA ZO\xC3\x8B\"\n"                      // ÉLODIE ŁUCJA ZOË
                "c: \"zo\xC3\xAB o'brien-smith, 1st \xC3\xA9quipe\"\n"                // zoë o'brien-smith, 1st équipe
                "d: \"\xC5\x82ucja \xC5\x8Dta-\xC3\xA9vora\"\n"                        // łucja ōta-évora
                "e: \"stra\xC3\x9F" "e\"\n");                                          // straße
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) ==
        "\xC3\x89LODIE \xC5\x81UCJA ZO\xC3\x8B M\xC3\x9CLLER|\xC3\xA9lodie \xC5\x82ucja zo\xC3\xAB|"
        "Zo\xC3\xAB O'brien-Smith, 1st \xC3\x89quipe|\xC5\x81\xC5\x8C\xC3\x89|STRASSE|");
}

TEST_CASE("arithmetic on numbers, with the usual precedence and clear errors", "[templating][language]") {
  auto r = fill(para({"{% for a in items %}{{ loop.index + 1 }}.{% endfor %}|{{ 7 - 2 * 3 }}|{{ 10 / 4 }}|{{ -n }}|"
                      "{{ (n + 1) * 2 }}|{{ n - -1 }}|{{ items | count * 10 }}"}),
                "items: [a, b]\nn: 4\n");
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "2.3.|1|2.5|-4|10|5|20|");
  auto bad = fill(para({"{{ n / 0 }}"}) + para({"{{ name + 1 }}"}), "n: 4\nname: Ada\n");
  REQUIRE(bad.problems.size() == 2);
  CHECK_THAT(bad.problems[0], Catch::Contains("\xC2\xB6" "1: error: a division by zero"));
  CHECK_THAT(bad.problems[1], Catch::Contains("\xC2\xB6" "2: error: 'name' is 'Ada', not a number, so '+' cannot work on it"));
}

TEST_CASE("in and not in test membership of a list, a map's keys, or a text", "[templating][language]") {
  std::string yaml = "agency: {kind: police, name: \"North Police\"}\nkinds: [health, police]\n";
  auto r = fill(para({"{% if agency.kind in [\"police\", \"health\"] %}yes{% else %}no{% endif %};"
                      "{% if agency.kind not in [\xE2\x80\x98school\xE2\x80\x99] %}yes{% endif %};"
                      "{% if agency.kind in kinds %}yes{% endif %};{% if \"name\" in agency %}key{% endif %};"
                      "{% if \"Police\" in agency.name %}text{% endif %};{% if 3 in [1, 2, 3] %}number{% endif %}"}),
                yaml);
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "yes;yes;yes;key;text;number|");
}

TEST_CASE("negative indexes count from the end; an index may come from the data", "[templating][language]") {
  std::string yaml = "items: [{name: first}, {name: middle}, {name: last}]\nk: 1\n";
  auto r = fill(para({"{{ items[-1].name }}|{{ items[-3].name }}|{{ items[k].name }}|{{ items[k + 1].name }}|"
                      "{% for i in items %}{{ items[loop.index0].name }},{% endfor %}"}),
                yaml);
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "last|first|middle|last|first,middle,last,|");
  auto out = fill(para({"{{ items[-4].name }}"}), yaml);
  REQUIRE(out.problems.size() == 1);
  CHECK_THAT(out.problems[0], Catch::Contains("unknown variable 'items[-4]'"));
  CHECK_THAT(out.problems[0], Catch::Contains("'items' has 3 items, counted from 0 (and from -1 at the end)"));
}

TEST_CASE("a loop over a map's entries gives each key and value, in the order written", "[templating][language]") {
  std::string yaml = "contacts: {police: \"DS Imani Reyes\", health: \"Dr Jonas Brandt\"}\n";
  auto r = fill(para({"{% for agency, person in contacts %}{{ agency | title }}: {{ person }}"
                      "{% if not loop.last %}; {% endif %}{% endfor %}"}),
                yaml);
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "Police: DS Imani Reyes; Health: Dr Jonas Brandt|");
  auto list = fill(para({"{% for k, v in items %}{% endfor %}"}), "items: [a]\n");
  REQUIRE(list.problems.size() == 1);
  CHECK_THAT(list.problems[0], Catch::Contains("needs a map, but 'items' is a list"));
  CHECK_THAT(list.problems[0], Catch::Contains("(loop over a list with one name: {% for item in items %})"));
}

TEST_CASE("a loop that opens in one table row and closes in a later one repeats those rows", "[templating][language]") {
  std::string yaml = "actions: [{what: Train staff, who: Police, when: \"2025-06-01\"}, {what: Audit, who: Health, when: \"2025-07-01\"}]\n";
  std::string table = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>" + row("Action", "Owner", "11111111") +
                      row("{% for a in actions %}{{ a.what }}", "{{ a.who }}", "22222222") +
                      row("Due: {{ a.when | date }}", "{% endfor %}", "33333333") + row("End", "", "44444444") + "</w:tbl>";
  auto r = fill(table, yaml);
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "Action|Owner|Train staff|Police|Due: 1 June 2025||Audit|Health|Due: 1 July 2025||End||");
  // Each repeated row and paragraph has its own id; the first copy keeps the template's.
  // (The template's cells share one id, 0C0C0C0C, in all eight cells it has.)
  auto ids = values_of(r.xml, "w14:paraId");
  CHECK(ids.size() == 6 + 12);
  std::vector<std::string> others;
  for (const auto& id : ids)
    if (id != "0C0C0C0C") others.push_back(id);
  CHECK(others.size() == 18 - 8);
  CHECK(std::set<std::string>(others.begin(), others.end()).size() == others.size());
  CHECK(r.xml.find("w14:paraId=\"22222222\"") != std::string::npos);
  CHECK(r.xml.find("w14:paraId=\"33333333\"") != std::string::npos);

  // The opening tag alone in its row: that row disappears, and the rows down to the closing tag's repeat.
  std::string own = "<w:tbl>" + row("{% for a in actions %}", "", "55555555") + row("{{ a.what }}", "{{ a.who }}", "66666666") +
                    row("{{ a.when }}", "{% endfor %}", "77777777") + "</w:tbl>";
  auto o = fill(own, yaml);
  CHECK(o.problems.empty());
  CHECK(text_of(o.xml) == "Train staff|Police|2025-06-01||Audit|Health|2025-07-01||");
}

TEST_CASE("repeated paragraphs and rows get unique w14:paraId values", "[templating][language]") {
  std::string body = para({"{% for a in items %}"}, "10000001") + para({"{{ a }}"}, "10000002") +
                     para({"{% for b in items %}"}, "10000003") + para({"{{ a }}{{ b }}"}, "10000004") +
                     para({"{% endfor %}"}, "10000005") + para({"{% endfor %}"}, "10000006") + para({"after"}, "10000007");
  auto r = fill(body, "items: [x, y, z]\n");
  CHECK(r.problems.empty());
  auto ids = values_of(r.xml, "w14:paraId");
  CHECK(ids.size() == 3 + 9 + 1);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  auto text_ids = values_of(r.xml, "w14:textId");
  CHECK(std::set<std::string>(text_ids.begin(), text_ids.end()).size() == text_ids.size());
  for (const auto& id : ids) CHECK(std::stoul(id, nullptr, 16) < 0x80000000ul);
  CHECK(ids.front() == "10000002");  // the first copy keeps the template's id
}

TEST_CASE("restart-numbering gives each item of a loop its own list, numbered from 1", "[templating][language]") {
  // Numbered directly (w:numPr, as Word writes after "Numbering" on the ribbon) and by a style.
  std::string numbered = "<w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/>"
                         "</w:numPr><w:spacing w:after=\"0\"/></w:pPr>";
  std::string styled = "<w:pPr><w:pStyle w:val=\"ListNumber\"/><w:spacing w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr>";
  std::string body = para({"{% for s in sections restart-numbering %}"}, "20000001") + para({"{{ s.title }}"}, "20000002") +
                     para({"{% for p in s.points %}"}, "20000003") + para({"{{ p }}"}, "20000004", numbered) +
                     para({"{{ p }} again"}, "20000005", styled) + para({"{% endfor %}"}, "20000006") +
                     para({"{% endfor %}"}, "20000007");
  templating::RenderOptions options;
  int next = 10;
  std::vector<std::string> asked;
  options.restart_numbering = [&](const std::string& id) {
    asked.push_back(id);
    return std::to_string(next++);
  };
  std::map<std::string, std::pair<std::string, std::string>> styles{{"ListNumber", {"5", "0"}}};
  options.numbered_styles = &styles;
  auto r = fill(body, "sections: [{title: One, points: [a, b]}, {title: Two, points: [c]}]\n", options);
  CHECK(r.problems.empty());
  CHECK(text_of(r.xml) == "One|a|a again|b|b again|Two|c|c again|");
  // Each section asked once for each list it holds, and all its paragraphs of a list share one.
  CHECK(asked == std::vector<std::string>{"3", "5", "3", "5"});
  CHECK(num_ids(r.xml) == std::vector<std::string>{"10", "11", "10", "11", "12", "13"});
  // The style's numbering went in where the schema puts numPr: after pStyle, before spacing.
  CHECK_THAT(r.xml, Catch::Contains("<w:pStyle w:val=\"ListNumber\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId "
                                    "w:val=\"11\"/></w:numPr><w:spacing w:after=\"0\"/>"));
  // Without restart-numbering the lists carry on.
  std::string plain = body;
  plain.replace(plain.find(" restart-numbering"), 18, "");
  asked.clear();
  auto c = fill(plain, "sections: [{title: One, points: [a, b]}, {title: Two, points: [c]}]\n", options);
  CHECK(asked.empty());
  CHECK(num_ids(c.xml) == std::vector<std::string>{"3", "3", "3"});
}

TEST_CASE("restart-numbering in a Word document adds the list numberings to numbering.xml", "[templating][language]") {
  std::string docx = test::read_fixture("fixtures/wordlike-letter.docx");
  std::string why;
  auto package = ooxml::Package::from_bytes(docx, why);
  REQUIRE(package);
  const std::string numbering =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:numbering "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\" "
      "w15:restartNumberingAfterBreak=\"0\" xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\"><w:nsid "
      "w:val=\"1F2E3D4C\"/><w:multiLevelType w:val=\"hybridMultilevel\"/><w:lvl w:ilvl=\"0\" w:tplc=\"0809000F\"><w:start "
      "w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start "
      "w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2.\"/></w:lvl></w:abstractNum><w:num "
      "w:numId=\"1\" w16cid:durableId=\"123\" xmlns:w16cid=\"http://schemas.microsoft.com/office/word/2016/wordml/cid\">"
      "<w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
  ooxml::ZipWriter zip;
  for (const auto& part : package->parts()) {
    if (part.name == "word/document.xml") {
      std::string xml = package->read(part.name);
      auto open = xml.find("<w:body>") + 8;
      auto sect = xml.find("<w:sectPr");
      std::string list = "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>";
      xml = xml.substr(0, open) + "<w:p><w:r><w:t>{% for s in sections restart-numbering %}</w:t></w:r></w:p>" +
            "<w:p><w:r><w:t>{{ s.title }}</w:t></w:r></w:p><w:p><w:r><w:t>{% for p in s.points %}</w:t></w:r></w:p>" +
            "<w:p>" + list + "<w:r><w:t>{{ p }}</w:t></w:r></w:p><w:p><w:r><w:t>{% endfor %}</w:t></w:r></w:p>" +
            "<w:p><w:r><w:t>{% endfor %}</w:t></w:r></w:p>" + xml.substr(sect);
      zip.add(part.name, xml);
    } else if (part.name == "[Content_Types].xml") {
      std::string xml = package->read(part.name);
      xml.insert(xml.rfind("</Types>"), "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/"
                                       "vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>");
      zip.add(part.name, xml);
    } else {
      zip.add_stored(part);
    }
  }
  zip.add("word/numbering.xml", numbering);
  Diagnostics diags;
  auto t = templating::DocxTemplate::from_bytes(zip.finish(), "lists.docx", diags);
  REQUIRE(t);
  // The fixture's header and footer ask for these.
  auto data = data::parse_yaml("sections: [{title: One, points: [a, b]}, {title: Two, points: [c, d]}]\n"
                               "board: {name: Northbrook SCP}\nreview: {security_marking: official}\nrecipient: {name: Ms Okafor}\n",
                               "d.yaml", diags);
  auto filled = t->fill(*data, {}, diags);
  for (const auto& line : test::lines(diags)) UNSCOPED_INFO(line);
  CHECK(test::lines(diags).empty());
  REQUIRE(filled);
  test::TempDir tmp;
  tmp.write("out.docx", *filled);
  std::string doc = test::docx_part(tmp.path / "out.docx", "word/document.xml");
  CHECK(num_ids(doc) == std::vector<std::string>{"2", "2", "3", "3"});
  std::string num = test::docx_part(tmp.path / "out.docx", "word/numbering.xml");
  CHECK_THAT(num, Catch::Contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">"
                                  "<w:startOverride w:val=\"1\"/></w:lvlOverride><w:lvlOverride w:ilvl=\"1\"><w:startOverride "
                                  "w:val=\"1\"/></w:lvlOverride></w:num><w:num w:numId=\"3\">"));
  CHECK(num.find("</w:num></w:numbering>") != std::string::npos);
}

TEST_CASE("every problem of a template and its data is reported in one run", "[templating][language]") {
  // A misspelt variable, an unknown filter, a bad condition and a bad loop: all four at once.
  auto r = fill(para({"Dear {{ child.nmae }},"}) + para({"{{ child.name | uper }}"}) +
                    para({"{% if child.age >> 3 %}old{% endif %}"}) + para({"{% for in people %}x{% endfor %}"}) +
                    para({"{{ child.name }}"}),
                "child: {name: Child A}\npeople: []\n");
  REQUIRE(r.problems.size() == 4);
  CHECK_THAT(r.problems[0], Catch::Contains("\xC2\xB6" "1: error: unknown variable 'child.nmae'"));
  CHECK_THAT(r.problems[0], Catch::Contains("did you mean 'child.name'?"));
  CHECK_THAT(r.problems[1], Catch::Contains("\xC2\xB6" "2: error: unknown filter 'uper' (did you mean 'upper'?)"));
  CHECK_THAT(r.problems[2], Catch::Contains("\xC2\xB6" "3: error: unexpected '>'"));
  CHECK_THAT(r.problems[3], Catch::Contains("\xC2\xB6" "4: error: a for loop is written {% for NAME in LIST %}"));
}

TEST_CASE("a filter given the wrong number of values is an error when the template is read", "[templating][language]") {
  auto r = fill(para({"{{ d | date: \"%d\", \"%m\" }}"}) + para({"{{ n | upper: 2 }}"}) + para({"{{ n | default }}"}), "d: 2025-01-01\nn: x\n");
  REQUIRE(r.problems.size() == 3);
  CHECK_THAT(r.problems[0], Catch::Contains("the date filter takes at most one value, not 2: write | date or | date: \"%d/%m/%Y\""));
  CHECK_THAT(r.problems[1], Catch::Contains("the upper filter takes nothing after it, not 1: write | upper"));
  CHECK_THAT(r.problems[2], Catch::Contains("the default filter takes one value, not 0: write | default: \"…\""));
}
