// The chronology column sets of the sources (templates/chronology/columns.yaml): each heading as the
// source writes it, because agencies' returns are read by their headings.
#include <catch2/catch.hpp>

#include "chronology/columns.hpp"
#include "support.hpp"

using namespace reviewkit;

namespace {
std::vector<std::string> headings(const chronology::ColumnSet& set) {
  std::vector<std::string> out;
  for (const auto& c : set.columns) out.push_back(c.group.empty() ? c.heading : c.group + " / " + c.heading);
  return out;
}
}  // namespace

TEST_CASE("the column sets carry the sources' headings and rules", "[chronology]") {
  Diagnostics diags;
  auto sets = chronology::load_column_sets(test::repo_path("templates/chronology/columns.yaml"), diags);
  for (const auto& line : test::lines(diags)) UNSCOPED_INFO(line);
  REQUIRE(sets);
  CHECK(sets->names() == std::vector<std::string>{"chronolator", "milton-keynes", "enfield"});
  // 004 e: the columns in the order of its notes; Date and Source of Information mandatory, and the
  // Agency "must be completed for every entry".
  const auto* chronolator = sets->find("chronolator");
  REQUIRE(chronolator);
  CHECK(headings(*chronolator) == std::vector<std::string>{"Date", "Time", "Agency", "Name of subject", "Age", "Child seen",
                                                           "Source of Information", "Event", "Authors Comment"});
  std::vector<std::string> mandatory;
  for (const auto& c : chronolator->columns)
    if (c.mandatory) mandatory.push_back(c.heading);
  CHECK(mandatory == std::vector<std::string>{"Date", "Agency", "Source of Information"});
  CHECK(chronolator->columns[1].rule.rfind("The time should be entered, if known, using the 24 hour clock i.e. 17:45", 0) == 0);
  CHECK(!chronolator->two_heading_rows());
  // 003 Appendix 4: one heading row of seven, the header above it, seven rules.
  const auto* mk = sets->find("milton-keynes");
  REQUIRE(mk);
  CHECK(headings(*mk).front() == "DATE & TIME");
  CHECK(headings(*mk).at(5) == "STAFF INVOLVED List initial of those involved and provide a separate ID list");
  CHECK(mk->columns.size() == 7);
  CHECK(mk->header == std::vector<std::string>{"Agency", "Date completed", "Name of person completing chronology"});
  CHECK(mk->rules.size() == 7);
  CHECK(mk->rules[4] == "Include exact dates: day-month-year, if not known, state 'not known' do not include periods of time");
  // 001 Appendix 3: two heading rows, "Family Contact" and "Communication" over two columns each.
  const auto* enfield = sets->find("enfield");
  REQUIRE(enfield);
  CHECK(enfield->two_heading_rows());
  CHECK(headings(*enfield) == std::vector<std::string>{
                                  "Date", "Family Contact / Child Specify if views recorded & if seen alone",
                                  "Family Contact / Adult Specify if views recorded",
                                  "Communication / Within Agency Specify phone, written or meeting",
                                  "Communication / External to Agency Specify phone, written or meeting",
                                  "Response for Outcome", "Source of Evidence", "Comment"});
  CHECK(enfield->header.size() == 8);
}

TEST_CASE("a column sets file with a mistake says where", "[chronology]") {
  test::TempDir dir;
  dir.write("columns.yaml",
            "sets:\n"
            "  ours:\n"
            "    title: Our set\n"
            "    source: board\n"
            "    columns:\n"
            "      - {heading: When, field: time, kind: time}\n"
            "      - {heading: When, field: event, kind: txt}\n"
            "      - {heading: Who, field: person, kind: text}\n");
  Diagnostics diags;
  CHECK(!chronology::load_column_sets(dir.path / "columns.yaml", diags));
  CHECK(test::lines(diags, dir.path.string() + "/") ==
        std::vector<std::string>{
            "columns.yaml:3:5: error: set 'ours' has no column for the date (every entry is placed by its date: add a "
            "column with field: date)",
            "columns.yaml:7:9: error: set 'ours' has the heading 'When' twice (returns are read by their headings: each "
            "must be its own)",
            "columns.yaml:7:45: error: 'sets.ours.columns[1].kind' must be one of 'date', 'time', 'date-time', 'agency', "
            "'subjects', 'age', 'yes-no', 'staff' or 'text', not 'txt' (did you mean 'text'?)",
            "columns.yaml:8:31: error: 'sets.ours.columns[2].field' must be one of 'date', 'time', 'agency', 'subjects', "
            "'age', 'child_seen', 'seen_alone', 'wishes_and_feelings', 'source', 'staff', 'event', 'response' or "
            "'comment', not 'person'"});
}
