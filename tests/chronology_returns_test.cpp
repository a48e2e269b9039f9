// Agencies' chronology returns read and checked (issue 12): the sample's returns as agencies send
// them (samples/child-a/returns: Word with split tables and two-row Enfield headings, Excel's
// Windows-1252 CSV, a workbook with serial dates, YAML), and one deliberately broken return per
// rule (samples/child-a/returns/broken), each asserting its whole message and its place. The rules
// are 004 e's (Chronolator's guidance notes), 003 Appendix 4's and 001 Appendix 3's.
#include <catch2/catch.hpp>

#include <map>

#include "casefile/case.hpp"
#include "chronology/check.hpp"
#include "chronology/columns.hpp"
#include "chronology/returns.hpp"
#include "ooxml/package.hpp"
#include "chronology_support.hpp"
#include "support.hpp"

using namespace reviewkit;
using namespace reviewkit::chronology;

namespace {

using test::sample_case;
using test::sets;

struct Checked {
  std::optional<CheckedReturn> result;
  std::vector<std::string> lines;  ///< every diagnostic, the folder stripped from file names
};

Checked check(const std::string& relative, bool with_case = true, const std::string& agency = {}) {
  std::string folder = test::repo_path("samples/child-a/returns").string() + "/";
  Diagnostics diags;
  Checked out;
  auto raw = read_return(folder + relative, heading_words(sets()), diags);
  if (raw) {
    CheckOptions options;
    if (with_case) {
      options.kase = &sample_case();
      options.set = "chronolator";
    }
    options.agency = agency;
    out.result = check_return(*raw, sets(), options, diags);
  }
  out.lines = test::lines(diags, folder);
  return out;
}

// Text compared as it reads: Word's and Excel's curly quotes as straight ones, any run of spaces
// and line breaks as one space.
std::string plain(const std::string& s) {
  std::string t = normalise_heading(s), out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 3, "\xE2\x80\x9C") == 0 || t.compare(i, 3, "\xE2\x80\x9D") == 0) {
      out += '"';
      i += 2;
    } else {
      out += t[i];
    }
  }
  return out;
}

// The note every return without a "Completed by" line gets.
std::string completed_note(const std::string& file) {
  return file + ": note: the return does not say who completed it (the template asks for it above the table: "
                "'Completed by: NAME' and 'Date completed: DD/MM/YYYY')";
}

}  // namespace

TEST_CASE("the sample's returns check clean and say what the case's entries say", "[chronology][returns]") {
  const auto& kase = sample_case();
  std::map<std::string, std::size_t> expected = {{"CSC-chronology.docx", 23}, {"Police-chronology.docx", 7},
                                                 {"HV-chronology.docx", 11},  {"Housing-chronology-enfield.docx", 3},
                                                 {"GP-chronology.csv", 7},    {"EY-chronology.csv", 6},
                                                 {"NGH-chronology.xlsx", 5},  {"DAS-chronology.yaml", 1}};
  std::size_t compared = 0;
  for (const auto& [file, count] : expected) {
    INFO(file);
    auto c = check(file);
    for (const auto& l : c.lines) {
      UNSCOPED_INFO(l);
      CHECK(l.find(": error:") == std::string::npos);
      CHECK(l.find(": warning:") == std::string::npos);
    }
    REQUIRE(c.result);
    CHECK(c.result->entries.size() == count);
    // Each entry is one of the case's own, with its date, time, agency, people, source and words.
    std::vector<const casefile::ChronologyEntry*> own;
    for (const auto& e : kase.chronology)
      if (e.agency == c.result->agency) own.push_back(&e);
    REQUIRE(own.size() == count);
    for (std::size_t i = 0; i < count; ++i) {
      const auto& got = c.result->entries[i].entry;
      const auto& want = *own[i];
      INFO("entry " << i + 1 << " of " << want.date.iso());
      CHECK(got.date == want.date);
      CHECK(got.date_estimated == want.date_estimated);
      CHECK(got.time == want.time);
      CHECK(got.agency == want.agency);
      CHECK(got.source == want.source);
      CHECK(plain(got.event).rfind(plain(want.event), 0) == 0);
      if (file.find("enfield") == std::string::npos) {
        CHECK(got.subjects == want.subjects);
        CHECK(got.child_seen == want.child_seen);
        CHECK(plain(got.comment).find(plain(want.comment)) != std::string::npos);
      } else {
        // Enfield's form splits the event by contact and has a column for the response.
        CHECK(plain(got.response) == plain(want.response));
        CHECK(got.contact_type == (want.contact_type.empty() ? "with-parents-carers" : want.contact_type));
      }
      ++compared;
    }
  }
  CHECK(compared == kase.chronology.size());
}

TEST_CASE("returns record who completed them and when", "[chronology][returns]") {
  auto csc = check("CSC-chronology.docx");
  REQUIRE(csc.result);
  CHECK(csc.result->completed_by == "Martin Fairley");
  CHECK(csc.result->completed_on == Date{2025, 3, 28});
  // Housing used Enfield's form: read by its own headings, and the board is told.
  auto housing = check("Housing-chronology-enfield.docx");
  REQUIRE(housing.result);
  CHECK(housing.result->set == "enfield");
  CHECK(housing.result->agency == "Housing");
  CHECK(std::find(housing.lines.begin(), housing.lines.end(),
                  "Housing-chronology-enfield.docx: word/document.xml \xC2\xB6" "23 (table row 1, cell 1): note: the return uses the "
                  "columns of Enfield chronology (001 Appendix 3), not the board's (Chronolator (004 e, Guidance Notes for Agency "
                  "Chronology)); it is read by its own headings (send the agency the board's template for its next return)") !=
        housing.lines.end());
}

TEST_CASE("each broken return gives its message at its place", "[chronology][returns]") {
  const std::string chronolator_headings =
      "004 e: \"Do not change, add or remove any headings in the Chronology Table; the font, the column widths and the "
      "shading may be changed.\"";
  struct Case {
    std::string file;
    std::vector<std::string> lines;
  };
  std::vector<Case> cases = {
      {"broken/heading-changed.csv",
       {"broken/heading-changed.csv:1:7: error: the heading 'Source' has been changed: the template's is 'Source of Information' "
        "(put the heading back as it was; " + chronolator_headings + ")"}},
      {"broken/column-added.csv",
       {"broken/column-added.csv:1:10: error: the column 'Outcome' has been added: it is not one of the template's columns "
        "(move what it holds into the template's columns and delete it; " + chronolator_headings + ")"}},
      {"broken/column-removed.csv",
       {"broken/column-removed.csv:1:1: error: the column 'Time' has been removed (put it back where the template has it "
        "(Chronolator (004 e, Guidance Notes for Agency Chronology)); " + chronolator_headings + ")"}},
      {"broken/columns-reordered.csv",
       {"broken/columns-reordered.csv:1:1: warning: the columns are not in the template's order; they are read by their "
        "headings (the template's order is Date, Time, Agency, Name of subject, Age, Child seen, Source of Information, "
        "Event and Authors Comment)"}},
      {"broken/mandatory-empty.csv",
       {"broken/mandatory-empty.csv:3:7: error: row 3, 'Source of Information': the cell is empty, and it must be filled "
        "for every entry (004 e: \"this is a mandatory field. E.g. GP records, health visitor record, paper and electronic "
        "Social Care records\")"}},
      {"broken/agency-empty.csv",
       {"broken/agency-empty.csv:4:3: error: row 4, 'Agency': the cell is empty, and it must be filled for every entry "
        "(004 e: \"This must be completed for every entry, and can take an abbreviated form.\")"}},
      {"broken/date-invalid.csv",
       {"broken/date-invalid.csv:3:1: error: row 3, 'Date': '30/02/2024' is not a date: there is no 30 February 2024 "
        "(February 2024 has 29 days)"}},
      {"broken/date-month-13.csv",
       {"broken/date-month-13.csv:3:1: error: row 3, 'Date': '2024-13-01' is not a date: 13 is not a month (write the "
        "date day first: DD/MM/YYYY)"}},
      {"broken/date-us-order.csv",
       {"broken/date-us-order.csv:4:1: error: row 4, 'Date': '04/18/2024' is not a date: 18 is not a month (dates are "
        "written day first) (if it is 18 April 2024, write 18/04/2024)"}},
      {"broken/date-period.csv",
       {"broken/date-period.csv:2:1: error: row 2, 'Date': '02/04/2024 - 05/04/2024' is a period of time: the column "
        "takes one date (write the date the period started, and its end in the comment; 004 e: \"this must be the date "
        "of the event or the start date of a time period. This date is mandatory. If there is an end date this must be "
        "added in the comments field.\")"}},
      {"broken/date-outside-period.csv",
       {"broken/date-outside-period.csv:2:1: warning: row 2, 'Date': 2 April 2023 is before the period under review "
        "(1 November 2023 to 14 January 2025) (004 e: \"The chronology should cover only the period identified.\")"}},
      {"broken/time-dot.csv",
       {"broken/time-dot.csv:3:2: error: row 3, 'Time': '14.00' is not a time on the 24-hour clock (HH:MM, with a colon) "
        "(write 14:00; 004 e: \"The time should be entered, if known, using the 24 hour clock i.e. 17:45 (using a colon). "
        "If the exact time is not known, an estimated time in the same format must be entered. Please clearly mark in "
        "the comments field if the time is an estimate.\")"}},
      {"broken/time-pm.csv",
       {"broken/time-pm.csv:3:2: error: row 3, 'Time': '2pm' is not a time on the 24-hour clock (HH:MM, with a colon) "
        "(write 14:00; 004 e: \"The time should be entered, if known, using the 24 hour clock i.e. 17:45 (using a colon). "
        "If the exact time is not known, an estimated time in the same format must be entered. Please clearly mark in "
        "the comments field if the time is an estimate.\")"}},
      {"broken/out-of-order.csv",
       {"broken/out-of-order.csv:4:1: warning: row 4: the entry of 3 April 2024 14:00 comes after one of 18 April 2024 "
        "10:00: entries are out of date and time order (check the date; the integrated chronology puts every entry in "
        "order)"}},
      {"broken/child-seen-maybe.csv",
       {"broken/child-seen-maybe.csv:6:6: error: row 6, 'Child seen': 'Maybe' is not Y or N (004 e: \"Enter yes (Y) or "
        "no (N) as appropriate.\")"}},
      {"broken/age-not-number.csv",
       {"broken/age-not-number.csv:2:5: error: row 2, 'Age': 'one' is not a whole number (write the age in whole years, "
        "in figures (2); 004 e: \"Enter the age of the subject of each entry if under 18 years.\")"}},
      {"broken/age-18.csv",
       {"broken/age-18.csv:5:5: error: row 5, 'Age': '18' is 18 or over: the column is for subjects under 18 (004 e: "
        "\"Enter the age of the subject of each entry if under 18 years.\")"}},
      {"broken/subject-unknown.csv",
       {"broken/subject-unknown.csv:3:4: error: row 3, 'Name of subject': 'Parnet 1' is not one of the case's people "
        "(did you mean 'Parent 1'?)"}},
      {"broken/xlsx-date-text.xlsx",
       {"broken/xlsx-date-text.xlsx:4:1: error: row 4, 'Date': '31/04/2024' is not a date: there is no 31 April 2024 "
        "(April 2024 has 30 days)"}},
      {"broken/docx-mandatory-empty.docx",
       {"broken/docx-mandatory-empty.docx: word/document.xml \xC2\xB6" "31 (table row 3, cell 7): error: row 3, 'Source of "
        "Information': the cell is empty, and it must be filled for every entry (004 e: \"this is a mandatory field. E.g. "
        "GP records, health visitor record, paper and electronic Social Care records\")"}},
      {"broken/clean.csv", {}},
      {"broken/date-approximate.csv", {}},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    auto got = check(c.file);
    std::vector<std::string> problems;
    for (const auto& l : got.lines)
      if (l != completed_note(c.file)) problems.push_back(l);
    CHECK(problems == c.lines);
  }
  // The approximate date is kept, marked.
  auto approx = check("broken/date-approximate.csv");
  REQUIRE(approx.result);
  CHECK(approx.result->entries.back().entry.date == Date{2024, 5, 21});
  CHECK(approx.result->entries.back().entry.date_estimated);
}

TEST_CASE("dates as agencies write them", "[chronology][returns]") {
  struct D {
    const char* text;
    Date date;
    bool approximate;
  };
  for (const auto& d : std::vector<D>{{"06/11/2023", {2023, 11, 6}, false},     {"6.11.23", {2023, 11, 6}, false},
                                      {"6 November 2023", {2023, 11, 6}, false}, {"6th Nov 2023", {2023, 11, 6}, false},
                                      {"Monday 6 November 2023", {2023, 11, 6}, false}, {"2023-11-06", {2023, 11, 6}, false},
                                      {"?22 May 2016", {2016, 5, 22}, true},     {"c. 22/05/2016", {2016, 5, 22}, true},
                                      {"22/05/2016?", {2016, 5, 22}, true},      {"approx 1/3/2024", {2024, 3, 1}, true}}) {
    INFO(d.text);
    auto got = parse_entry_date(d.text);
    CHECK(got.problem == "");
    REQUIRE(got.date);
    CHECK(*got.date == d.date);
    CHECK(got.approximate == d.approximate);
  }
  CHECK(parse_entry_date("May to June 2024").period);
  CHECK(parse_entry_date("between 1/5/24 and 3/5/24").period);
  CHECK(parse_entry_date("not known").not_known);
  auto dt = parse_entry_date("06/11/2023 14:30");
  REQUIRE(dt.date);
  CHECK(dt.time == "14:30");
  CHECK(parse_entry_date("yesterday").problem == "reviewkit cannot read it as a day, a month and a year");
  // Two figures for the year: this century's up to next year, else the last; three are refused,
  // and so is a year no chronology can hold.
  CHECK(*parse_entry_date("06/11/23").date == Date{2023, 11, 6});
  CHECK(*parse_entry_date("06/11/98").date == Date{1998, 11, 6});
  CHECK(parse_entry_date("06/11/202").problem == "the year '202' is not a year");
  CHECK(parse_entry_date("06/11/2098").problem == "the year 2098 cannot be right for a chronology");
  CHECK(parse_entry_date("06/11/1850").problem == "the year 1850 cannot be right for a chronology");
  // A date and a time with a dot: the date is read, the time is left for its own check.
  auto dotted = parse_entry_date("03/04/2024 14.00");
  REQUIRE(dotted.date);
  CHECK(dotted.time == "14.00");
}

TEST_CASE("times on the 24-hour clock, and what a wrong one meant", "[chronology][returns]") {
  CHECK(parse_entry_time("09:30").time == "09:30");
  CHECK(parse_entry_time("9:30").time == "09:30");
  CHECK(parse_entry_time("9.30").time == "");
  CHECK(parse_entry_time("9.30").fix == "09:30");
  CHECK(parse_entry_time("9.3").fix == "09:30");
  CHECK(parse_entry_time("5pm").fix == "17:00");
  CHECK(parse_entry_time("12am").fix == "00:00");
  CHECK(parse_entry_time("1730").fix == "17:30");
  CHECK(parse_entry_time("25:00").time == "");
  CHECK(parse_entry_time("25:00").fix == "");
  auto est = parse_entry_time("~10:00");
  CHECK(est.time == "10:00");
  CHECK(est.estimated);
  CHECK(parse_entry_time("10:00 (estimated)").estimated);
}

TEST_CASE("Excel's serial dates and times", "[chronology][returns]") {
  CHECK(date_from_serial(45236) == Date{2023, 11, 6});
  CHECK(date_from_serial(1) == Date{1900, 1, 1});
  CHECK(date_from_serial(59) == Date{1900, 2, 28});
  CHECK(date_from_serial(61) == Date{1900, 3, 1});
  CHECK(!date_from_serial(0));
  CHECK(!date_from_serial(-3));
  CHECK(!date_from_serial(1e300));
  CHECK(time_from_serial(45236.4583333333) == "11:00");
  CHECK(time_from_serial(0.999999) == "00:00");
  // The 1904 date system (workbookPr date1904): 1,462 days fewer, so 43774 is 6 November 2023 there.
  CHECK(date_from_serial(43774, true) == Date{2023, 11, 6});
}

TEST_CASE("CSV returns in the encodings Excel saves", "[chronology][returns]") {
  std::string rows = "Date,Time,Agency,Name of subject,Age,Child seen,Source of Information,Event,Authors Comment\r\n"
                     "06/11/2023,,HV,Child A,1,Y,HV record,Home visit,";
  Diagnostics diags;
  // Windows-1252: 0x92 is a right single quotation mark.
  auto cp = read_csv_return("a.csv", rows + "Parent 1\x92s view\r\n", heading_words(sets()), diags);
  REQUIRE(cp);
  CHECK(cp->encoding == "Windows-1252");
  CHECK(cp->rows.at(0).cells.at(8).text == "Parent 1\xE2\x80\x99s view");
  // UTF-16 little-endian with its BOM, tab-separated (Excel's "Unicode Text").
  std::string tabbed = "Date\tTime\tAgency\tName of subject\tAge\tChild seen\tSource of Information\tEvent\tAuthors Comment\r\n"
                       "06/11/2023\t\tHV\tChild A\t1\tY\tHV record\tHome visit\t\r\n";
  std::string utf16 = "\xFF\xFE";
  for (char c : tabbed) {
    utf16 += c;
    utf16 += '\0';
  }
  auto u = read_csv_return("b.csv", utf16, heading_words(sets()), diags);
  REQUIRE(u);
  CHECK(u->encoding == "UTF-16");
  CHECK(u->rows.at(0).cells.at(7).text == "Home visit");
  // A quoted cell over two lines, and a quote not closed.
  auto multi = read_csv_return("c.csv", rows + "\"one\nand two\"\r\n", heading_words(sets()), diags);
  REQUIRE(multi);
  CHECK(multi->rows.at(0).cells.at(8).text == "one\nand two");
  CHECK(diags.empty());
  auto open = read_csv_return("d.csv", rows + "\"never closed\r\n", heading_words(sets()), diags);
  CHECK(!open);
  CHECK(test::lines(diags) == std::vector<std::string>{"d.csv:2:9: error: a quoted cell is not closed before the end of the file "
                                                       "(it starts on line 2) (add the closing \" or remove the stray one)"});
}

TEST_CASE("an estimated time must be marked in the comment", "[chronology][returns]") {
  std::string head = "Date,Time,Agency,Name of subject,Age,Child seen,Source of Information,Event,Authors Comment\r\n";
  Diagnostics diags;
  auto raw = read_csv_return("t.csv", head + "06/11/2023,~10:00,HV,Child A,1,Y,HV record,Home visit,\r\n"
                                             "07/11/2023,~10:00,HV,Child A,1,Y,HV record,Home visit,Time estimated from the log\r\n",
                             heading_words(sets()), diags);
  REQUIRE(raw);
  CheckOptions options;
  options.kase = &sample_case();
  auto c = check_return(*raw, sets(), options, diags);
  REQUIRE(c);
  CHECK(c->entries.at(0).entry.time == "10:00");
  CHECK(c->entries.at(0).entry.time_estimated);
  std::vector<std::string> warnings;
  for (const auto& l : test::lines(diags))
    if (l.find("warning") != std::string::npos) warnings.push_back(l);
  CHECK(warnings == std::vector<std::string>{
                        "t.csv:2:2: warning: row 2, 'Time': '~10:00' is an estimate, and the comment does not say so (say in the "
                        "comment that the time is estimated; 004 e: \"The time should be entered, if known, using the 24 hour clock "
                        "i.e. 17:45 (using a colon). If the exact time is not known, an estimated time in the same format must be "
                        "entered. Please clearly mark in the comments field if the time is an estimate.\")"});
}

TEST_CASE("a return without an agency column takes its agency from the header, --agency or its name", "[chronology][returns]") {
  // Milton Keynes' set has no Agency column (003 Appendix 4): its header names the agency. Its
  // headings hold commas, so a CSV quotes them.
  const ColumnSet* set = sets().find("milton-keynes");
  REQUIRE(set);
  std::string h;
  for (const auto& c : set->columns) h += (h.empty() ? "" : ",") + std::string("\"") + c.heading + "\"";
  std::string quoted = "Agency:,GP\r\n\r\n" + h + "\r\n" + "20/11/2023 10:15,,Parent 1 consulted about low mood,,GP record,GP1,\r\n";
  Diagnostics diags;
  auto raw = read_csv_return("mk.csv", quoted, heading_words(sets()), diags);
  REQUIRE(raw);
  CheckOptions options;
  options.kase = &sample_case();
  auto c = check_return(*raw, sets(), options, diags);
  REQUIRE(c);
  CHECK(c->set == "milton-keynes");
  CHECK(c->agency == "GP");
  REQUIRE(c->entries.size() == 1);
  CHECK(c->entries[0].entry.agency == "GP");
  CHECK(c->entries[0].entry.time == "10:15");
  CHECK(c->entries[0].entry.contact_type == "with-parents-carers");
  CHECK(c->entries[0].entry.staff == std::vector<std::string>{"GP1"});
  // Without the header line: nothing says the agency, and that is an error until --agency is given.
  std::string bare = quoted.substr(quoted.find("\r\n\r\n") + 4);
  Diagnostics d2;
  auto raw2 = read_csv_return("mk.csv", bare, heading_words(sets()), d2);
  REQUIRE(raw2);
  check_return(*raw2, sets(), options, d2);
  CHECK(test::lines(d2) == std::vector<std::string>{
                               "mk.csv: note: the return does not say who completed it (the template asks for it above the table: "
                               "'Completed by: NAME' and 'Date completed: DD/MM/YYYY')",
                               "mk.csv: error: the return does not say which agency it is from, and its columns have no Agency "
                               "column (write 'Agency: ABBREVIATION' above the table, or give --agency ABBREVIATION)"});
  Diagnostics d3;
  options.agency = "GP";
  auto c3 = check_return(*raw2, sets(), options, d3);
  REQUIRE(c3);
  CHECK(!d3.has_errors());
  CHECK(c3->entries.at(0).entry.agency == "GP");
}

TEST_CASE("ages with their units, staff written by name, an agency not the case's", "[chronology][returns]") {
  std::string head = "Agency:,Social Services\r\n\r\nDate,Time,Agency,Name of subject,Age,Child seen,Source of Information,Event,Authors Comment\r\n";
  const auto* gp = sample_case().professionals.empty() ? nullptr : &sample_case().professionals[0];
  REQUIRE(gp);
  Diagnostics diags;
  auto raw = read_csv_return("a.csv", head + "06/11/2023,,HV,Child A,1 year,Y,HV record,a,\r\n"
                                             "07/11/2023,,HV,Child A,18 months,Y,HV record,b,\r\n"
                                             "08/11/2023,,HV,Parent 1,25 yrs,,HV record,c,\r\n",
                             heading_words(sets()), diags);
  REQUIRE(raw);
  CheckOptions options;
  options.kase = &sample_case();
  auto c = check_return(*raw, sets(), options, diags);
  REQUIRE(c);
  CHECK(c->entries.at(0).entry.age == "1 year");
  CHECK(c->entries.at(1).entry.age == "18 months");
  std::vector<std::string> problems;
  for (const auto& l : test::lines(diags))
    if (l.find("note:") == std::string::npos) problems.push_back(l);
  CHECK(problems == std::vector<std::string>{
                        "a.csv:1:2: error: the agency 'Social Services' is not one of the case's agencies (the case's agencies are "
                        "CSC, Police, HV, GP, NGH, EY, Housing and DAS)",
                        "a.csv:6:5: error: row 6, 'Age': '25 yrs' is 18 or over: the column is for subjects under 18 (004 e: \"Enter "
                        "the age of the subject of each entry if under 18 years.\")"});
}

namespace {
// A Word document whose body is `body` (w:tbl and w:p elements), as a .docx's bytes.
std::string docx_with(const std::string& body) {
  reviewkit::ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
          "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  zip.add("_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
          "Target=\"word/document.xml\"/></Relationships>");
  zip.add("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
                               "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
                                   body + "</w:body></w:document>");
  return zip.finish();
}

std::string tc(const std::string& text, int span = 1) {
  return "<w:tc>" + (span > 1 ? "<w:tcPr><w:gridSpan w:val=\"" + std::to_string(span) + "\"/></w:tcPr>" : std::string()) +
         "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>";
}

std::string tr(const std::vector<std::string>& cells) {
  std::string out = "<w:tr>";
  for (const auto& c : cells) out += tc(c);
  return out + "</w:tr>";
}

const std::vector<std::string> kHeadings = {"Date", "Time", "Agency", "Name of subject", "Age", "Child seen",
                                            "Source of Information", "Event", "Authors Comment"};
}  // namespace

TEST_CASE("Word returns: a table split without its headings, a row across the table, merged cells", "[chronology][returns]") {
  std::string grid = "<w:tblGrid>" + std::string(9 * 0, ' ');
  for (int i = 0; i < 9; ++i) grid += "<w:gridCol w:w=\"1000\"/>";
  grid += "</w:tblGrid>";
  std::string body =
      "<w:p><w:r><w:t>Agency: HV</w:t></w:r></w:p>"
      "<w:tbl>" + grid + tr(kHeadings) + tr({"06/11/2023", "", "HV", "Child A", "1", "Y", "HV record", "Home visit", ""}) +
      "<w:tr>" + tc("November 2023 continued", 9) + "</w:tr>" +
      "<w:tr>" + tc("07/11/2023") + tc("") + tc("HV") + tc("Child A") + tc("1") + tc("Y") + tc("HV record") +
      tc("Visit across two cells", 2) + "</w:tr></w:tbl>"
      "<w:p/><w:tbl>" + grid + tr({"08/11/2023", "", "HV", "Child A", "1", "N", "HV record", "Phone call", ""}) + "</w:tbl>";
  Diagnostics diags;
  auto raw = read_docx_return("split.docx", docx_with(body), heading_words(sets()), diags);
  REQUIRE(raw);
  CheckOptions options;
  options.kase = &sample_case();
  auto c = check_return(*raw, sets(), options, diags);
  REQUIRE(c);
  REQUIRE(c->entries.size() == 3);
  // The second table's row is counted on from the first's: row 5 of the return.
  CHECK(c->entries[2].row == 5);
  CHECK(c->entries[2].entry.event == "Phone call");
  // A merged cell's words count once, in its first column.
  CHECK(c->entries[1].entry.event == "Visit across two cells");
  CHECK(c->entries[1].entry.comment.empty());
  std::vector<std::string> lines;
  for (const auto& l : test::lines(diags))
    if (l.find("who completed it") == std::string::npos) lines.push_back(l);
  CHECK(lines == std::vector<std::string>{
                     "split.docx: word/document.xml \xC2\xB6" "20 (table row 3, cell 1): note: row 3 is one cell across the table "
                     "('November 2023 continued'): read as a heading of the agency's own, not an entry",
                     "split.docx: word/document.xml \xC2\xB6" "30 (table row 1, cell 1): warning: a table without the heading row "
                     "follows the chronology: read as the rest of it (keep the heading row at the top of every part of the table, "
                     "or join the tables in Word)"});
}

TEST_CASE("'not known' in the date column: allowed by Milton Keynes' rules, refused by Chronolator's", "[chronology][returns]") {
  // 003 Appendix 4: "Include exact dates: day-month-year, if not known, state 'not known'".
  const ColumnSet* mk = sets().find("milton-keynes");
  REQUIRE(mk);
  std::string h;
  for (const auto& c : mk->columns) h += (h.empty() ? "" : ",") + std::string("\"") + c.heading + "\"";
  Diagnostics diags;
  auto raw = read_csv_return("mk.csv", "Agency:,GP\r\n\r\n" + h + "\r\nnot known,,Parent 1 phoned,,GP record,GP1,\r\n20/11/2023 10:15,,Seen,,GP record,GP1,\r\n",
                             heading_words(sets()), diags);
  REQUIRE(raw);
  CheckOptions options;
  options.kase = &sample_case();
  auto c = check_return(*raw, sets(), options, diags);
  REQUIRE(c);
  CHECK(c->entries.size() == 1);
  CHECK(c->undated == std::vector<std::string>{"mk.csv row 4"});
  CHECK(!diags.has_errors());
  bool warned = false;
  for (const auto& l : test::lines(diags))
    warned = warned || l == "mk.csv:4:1: warning: row 4, 'DATE & TIME': the date is 'not known': the entry cannot be placed in the "
                            "integrated chronology and is listed in its notes (find the date in the agency's records if it can be found)";
  CHECK(warned);
  // Chronolator's rules say nothing of it: the entry needs a date.
  Diagnostics d2;
  auto raw2 = read_csv_return("c.csv", "Date,Time,Agency,Name of subject,Age,Child seen,Source of Information,Event,Authors Comment\r\n"
                                       "not known,,GP,Parent 1,,,GP record,Phoned,\r\n",
                              heading_words(sets()), d2);
  REQUIRE(raw2);
  check_return(*raw2, sets(), options, d2);
  CHECK(d2.error_count() == 1);
  CHECK(test::lines(d2).back().find("c.csv:2:1: error: row 2, 'Date': 'not known' is not a date, and the entry cannot be placed without one") == 0);
}
