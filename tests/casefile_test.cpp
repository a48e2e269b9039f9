// The case file loader and every validation rule: each row changes the minimal valid case file in
// one place and states the whole diagnostic the user sees.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "casefile/case.hpp"
#include "casefile/summary.hpp"
#include "common/files.hpp"
#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {

struct Change {
  std::string from, to;
};

// Loads minimal.yaml with the changes applied, as "case.yaml" in a fresh folder; returns the
// diagnostics with the folder taken off their file names.
std::vector<std::string> problems(const std::vector<Change>& changes, std::optional<casefile::Case>* out = nullptr,
                                  std::optional<Date> today = std::nullopt) {
  std::string text = test::read_fixture("cases/minimal.yaml");
  for (const auto& c : changes) {
    auto at = text.find(c.from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(c.from, at + 1) == std::string::npos);
    text.replace(at, c.from.size(), c.to);
  }
  test::TempDir dir;
  dir.write("case.yaml", text);
  Diagnostics diags;
  auto loaded = casefile::load_case((dir.path / "case.yaml").string(), diags, today);
  if (out) *out = std::move(loaded);
  return test::lines(diags, dir.path.string() + "/");
}

}  // namespace

TEST_CASE("the minimal case file is valid and builds the model", "[casefile]") {
  std::optional<casefile::Case> c;
  CHECK(problems({}, &c).empty());
  REQUIRE(c);
  CHECK(c->child.pseudonym == "Child A");
  CHECK(c->family.size() == 1);
  CHECK(c->agencies.at(0).abbreviation == "CSC");
  CHECK(c->chronology.size() == 1);
  CHECK(c->chronology[0].child_seen == true);
  CHECK(c->board.name == "Northbrook Safeguarding Children Board");
  CHECK(c->date("decision") == Date{2025, 2, 10});
}

TEST_CASE("schema problems are reported with their place and a fix", "[casefile]") {
  struct Row {
    const char* what;
    std::vector<Change> changes;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"a misspelt key", {{"agencies:", "agencys:"}},
       {"case.yaml:35:1: error: unknown key 'agencys' in case file (did you mean 'agencies'?)",
        "case.yaml:50:13: error: 'professionals[0].agency' names the agency 'CSC', but no agency is defined (nor for 2 "
        "more references) (define it in agencies[].abbreviation)"}},
      {"an unknown key nothing is close to", {{"  reference: TEST/SCR/01", "  reference: TEST/SCR/01\n  colour: blue"}},
       {"case.yaml:6:3: error: unknown key 'colour' in 'review' (a review has 'kind', 'reference', 'title', 'board', "
        "'working_together', 'incident_kind', 'abuse_or_neglect', 'incident_summary', 'security_marking', 'dates', "
        "'decision', 'extension', 'debrief' or 'evaluation'; put a board's own fields under 'extra:')"}},
      {"an unknown key when one required key is missing",
       {{"  incident_kind: serious-harm", "  incident_type: serious-harm"}},
       {"case.yaml:8:3: error: unknown key 'incident_type' in 'review' (did you mean 'incident_kind'?)"}},
      {"a board's own fields under extra", {{"  reference: TEST/SCR/01", "  reference: TEST/SCR/01\n  extra:\n    colour: blue"}},
       {}},
      {"a missing required key", {{"  reference: TEST/SCR/01\n", ""}},
       {"case.yaml:4:3: error: 'review' is missing 'reference' (add reference: (the board's reference number for the review))"}},
      {"an empty required key", {{"  reference: TEST/SCR/01", "  reference:"}},
       {"case.yaml:5:3: error: 'review' has an empty 'reference' (add reference: (the board's reference number for the review))"}},
      {"a date written the UK way", {{"incident: 2025-01-06", "incident: 06/01/2025"}},
       {"case.yaml:11:15: error: 'review.dates.incident' must be a date written YYYY-MM-DD, not '06/01/2025' (did you mean "
        "2025-01-06?)"}},
      {"a date that does not exist", {{"referral: 2025-01-13", "referral: 2025-02-30"}},
       {"case.yaml:12:15: error: 'review.dates.referral' is not a date that exists: 2025-02-30 (check the day and the month)"}},
      {"a choice misspelt", {{"incident_kind: serious-harm", "incident_kind: seriousharm"}},
       {"case.yaml:8:18: error: 'review.incident_kind' must be one of 'death' or 'serious-harm', not 'seriousharm' (did you "
        "mean 'serious-harm'?)"}},
      {"a time without its leading zero", {{"time: \"10:15\"", "time: \"9:15\""}},
       {"case.yaml:68:13: error: 'chronology.entries[0].time' must be a time written HH:MM (24-hour clock), not '9:15' (did "
        "you mean 09:15?)"}},
      {"a yes/no field with another word", {{"child_seen: true", "child_seen: perhaps"}},
       {"case.yaml:71:19: error: 'chronology.entries[0].child_seen' must be true or false, not 'perhaps' (write true or false)"}},
      {"an e-mail address without @", {{"email: manager@example.org", "email: manager.example.org"}},
       {"case.yaml:33:12: error: 'contacts.business_manager.email' must be an e-mail address, not 'manager.example.org' "
        "(for example name@example.org)"}},
      {"a single value where a list belongs", {{"parents: [mother]", "parents: mother"}},
       {"case.yaml:23:12: error: 'child.parents' must be a list of the id of a person, not 'mother' (write it as [mother] or "
        "as lines starting with '- ')"}},
      {"a value where a map belongs", {{"  decision:\n    option: a\n    reasons: Test reasons for the decision.", "  decision: a"}},
       {"case.yaml:15:13: error: 'review.decision' must be a map of decision, not 'a' (write its fields on the lines below it, "
        "indented)"}},
      {"a duplicate key", {{"    name: Test Mother Person", "    name: Test Mother Person\n    name: Other"}},
       {"case.yaml:27:5: error: duplicate key 'name' (it is already set at line 26, column 5: keep one of them)"}},
      {"the same id twice", {{"  - id: mother", "  - id: child"}, {"parents: [mother]", "parents: []"}},
       {"case.yaml:25:9: error: the person 'child' is defined twice (it is already used at line 19: give each person its own)",
        "case.yaml:70:25: error: 'chronology.entries[0].subjects[1]' names an unknown person 'mother' (the ones defined in "
        "child.id and family[].id are 'child')"}},
      {"a reference to an unknown recommendation", {{"recommendation: R1", "recommendation: R2"}},
       {"case.yaml:77:5: warning: recommendation 'R1' has no action in the action plan (add an action_plan item with "
        "recommendation: R1)",
        "case.yaml:82:21: error: 'action_plan[0].recommendation' names an unknown recommendation 'R2' (did you mean 'R1'?)"}},
      {"a professional in an unknown agency", {{"    agency: CSC\npanel:", "    agency: CYS\npanel:"}},
       {"case.yaml:50:13: error: 'professionals[0].agency' names an unknown agency 'CYS' (the ones defined in "
        "agencies[].abbreviation are 'CSC')"}},
      {"a relationship to an unknown person", {{"parents: [mother]", "parents: [mothr]"}},
       {"case.yaml:23:13: error: 'child.parents[0]' names an unknown person 'mothr' (did you mean 'mother'?)"}},
      {"an unknown board profile", {{"board: northbrook", "board: nothbrook"}},
       {"case.yaml:6:10: error: unknown board profile 'nothbrook' (did you mean 'northbrook'?)"}},
      {"a format version this build does not read", {{"reviewkit: 1", "reviewkit: 2"}},
       {"case.yaml:2:12: error: this case file is for reviewkit format 2; this reviewkit reads format 1 (update reviewkit, or "
        "set reviewkit: 1)"}},
  };
  for (const auto& row : rows) {
    INFO(row.what);
    CHECK(problems(row.changes) == row.expected);
  }
}

TEST_CASE("dates that contradict each other are errors", "[casefile]") {
  struct Row {
    const char* what;
    std::vector<Change> changes;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"decision before referral", {{"decision: 2025-02-10", "decision: 2025-01-10"}},
       {"case.yaml:13:15: error: review.dates.decision (10 January 2025) is before review.dates.referral (13 January 2025) "
        "(the decision is made on the referral: check both dates)"}},
      {"referral before incident", {{"referral: 2025-01-13", "referral: 2025-01-02"}},
       {"case.yaml:12:15: error: review.dates.referral (2 January 2025) is before review.dates.incident (6 January 2025) (a "
        "case is referred after the incident: check both dates)"}},
      {"told of a decision before it was made", {{"decision_notified: 2025-02-14", "decision_notified: 2025-02-07"}},
       {"case.yaml:14:24: error: review.dates.decision_notified (7 February 2025) is before review.dates.decision (10 "
        "February 2025) (Ofsted and the National Panel are told of a decision already made: check both dates)"}},
      {"an extension agreed but never asked for", {{"decision_notified: 2025-02-14", "decision_notified: 2025-02-14\n    extension_agreed: 2025-06-01"}},
       {"case.yaml:15:23: error: an extension is agreed but review.dates.extension_requested is not set (add the date the "
        "extension was asked for)",
        "case.yaml:15:23: warning: the extension is agreed but review.extension.agreed_by does not say by whom (add "
        "agreed_by: under review.extension (for a 2015 review, Ofsted and the National Panel), and agreed_in_writing: "
        "true when it was agreed in writing)"}},
      {"publication before the National Panel is told", {{"decision_notified: 2025-02-14", "decision_notified: 2025-02-14\n    completion: 2025-08-01\n    publication_notified: 2025-09-10\n    publication: 2025-09-01"}},
       {"case.yaml:17:18: error: review.dates.publication (1 September 2025) is before review.dates.publication_notified (10 "
        "September 2025) (the National Panel is told before publication: check both dates)"}},
      {"a child born after the incident", {{"date_of_birth: 2024-03-01", "date_of_birth: 2025-03-01"}},
       {"case.yaml:22:18: error: 'child' was born (1 March 2025) after the incident (6 January 2025) (check the date of "
        "birth; an unborn child is recorded with pregnancy: and its expected date)"}},
      {"a parent younger than the child", {{"date_of_birth: 1998-07-20", "date_of_birth: 2024-07-20"}},
       {"case.yaml:23:12: error: 'child' (born 1 March 2024) is not younger than their parent 'mother' (born 20 July 2024) "
        "(check the dates of birth and the parents listed)"}},
      {"a period under review that ends before it starts", {{"period: {from: 2024-03-01, to: 2025-01-06}", "period: {from: 2025-03-01, to: 2025-01-06}"}},
       {"case.yaml:62:34: error: the period under review ends (6 January 2025) before it starts (1 March 2025) (check "
        "terms_of_reference.period)",
        "case.yaml:67:13: warning: chronology entry of 3 June 2024 is outside the period under review (1 March 2025 to 6 "
        "January 2025) (the chronology should cover only the period in the terms of reference)"}},
  };
  for (const auto& row : rows) {
    INFO(row.what);
    CHECK(problems(row.changes) == row.expected);
  }
}

TEST_CASE("pseudonyms must be unique and give no real name away", "[casefile]") {
  CHECK(problems({{"pseudonym: Parent 1", "pseudonym: child a"}}) ==
        std::vector<std::string>{"case.yaml:27:16: error: the pseudonym 'child a' is used twice (it is also the pseudonym of "
                                 "person 'child' at line 21: each needs its own)"});
  CHECK(problems({{"pseudonym: Parent 1", "pseudonym: Test Social Worker"}}) ==
        std::vector<std::string>{"case.yaml:27:16: error: the pseudonym 'Test Social Worker' is the real name of "
                                 "professional 'SW1' (choose a pseudonym such as 'Parent 1' or 'Adult 2')"});
  CHECK(problems({{"pseudonym: Parent 1", "pseudonym: Mother Parent"}}) ==
        std::vector<std::string>{"case.yaml:27:16: error: the pseudonym 'Mother Parent' contains 'mother' from the real name "
                                 "(a pseudonym must not give away any part of the real name)"});
}

TEST_CASE("chronology, agency and recommendation rules", "[casefile]") {
  CHECK(problems({{"seen_alone: false", "seen_alone: true"}, {"child_seen: true", "child_seen: false"}}) ==
        std::vector<std::string>{"case.yaml:72:19: error: the child is recorded as seen alone but not seen (set child_seen: "
                                 "true, or seen_alone: false)"});
  CHECK(problems({{"scope: multi-agency", "scope: single-agency"}}) ==
        std::vector<std::string>{"case.yaml:77:5: error: single-agency recommendation 'R1' names no agency (add agency: with "
                                 "the agency's abbreviation)"});
  CHECK(problems({{"      independent_of_case: true", "      independent_of_case: false"}}) ==
        std::vector<std::string>{"case.yaml:44:28: warning: the author of CSC's agency report is not independent "
                                 "(independent_of_case) (the guidance asks for an author with no involvement in the case "
                                 "or its line management)"});
  CHECK(problems({{"    option: a", "    option: c"}}) ==
        std::vector<std::string>{"case.yaml:16:13: warning: the decision is option c) but review.kind is 'scr' (option c) "
                                 "leads to a review of kind 'silp')"});
}

TEST_CASE("agency chronologies can be kept in their own files", "[casefile]") {
  test::TempDir dir;
  std::string text = test::read_fixture("cases/minimal.yaml");
  text.replace(text.find("chronology:\n  entries:"), 22, "chronology:\n  files: [csc.yaml, missing.yaml]\n  entries:");
  dir.write("case.yaml", text);
  dir.write("csc.yaml",
            "entries:\n  - date: 2024-07-01\n    agency: CSC\n    source: CSC records\n    event: Visit.\n"
            "  - date: 2024-07-02\n    agency: CCS\n    source: CSC records\n");
  Diagnostics diags;
  auto c = casefile::load_case((dir.path / "case.yaml").string(), diags);
  CHECK(test::lines(diags, dir.path.string() + "/") ==
        std::vector<std::string>{
            "case.yaml:66:21: error: chronology file 'missing.yaml': cannot read the file: no such file (the path is "
            "relative to the case file's folder)",
            "csc.yaml:6:5: error: 'entries[1]' is missing 'event' (add event: (what happened, in summary))",
            "csc.yaml:7:13: error: 'entries[1].agency' names an unknown agency 'CCS' (did you mean 'CSC'?)"});
  REQUIRE(c);
  CHECK(c->chronology.size() == 3);
  CHECK(c->chronology[0].date == Date{2024, 6, 3});
}

TEST_CASE("the summary states the deadlines and whether they were met", "[casefile]") {
  std::optional<casefile::Case> c;
  REQUIRE(problems({{"decision_notified: 2025-02-14", "decision_notified: 2025-02-20"}}, &c).empty());
  std::string s = casefile::summary(*c, Date{2025, 9, 1});
  CHECK_THAT(s, Catch::Contains("Serious Case Review TEST/SCR/01: Child A — Northbrook Safeguarding Children Board"));
  CHECK_THAT(s, Catch::Contains("due 13 February 2025   met on 10 February 2025  (one month after referral)"));
  CHECK_THAT(s, Catch::Contains("due 17 February 2025   LATE: done 20 February 2025, 3 days late"));
  CHECK_THAT(s, Catch::Contains("due 10 August 2025     OVERDUE by 22 days  (six months after decision)"));
}

TEST_CASE("templates see derived ages, deadlines and the board", "[casefile]") {
  std::optional<casefile::Case> c;
  REQUIRE(problems({}, &c).empty());
  auto view = casefile::template_data(*c, Date{2025, 3, 1});
  CHECK(data::find(*view, "child.age_at_incident")->scalar == "10 months");
  CHECK(data::find(*view, "family[0].age_at_incident")->scalar == "26 years");
  CHECK(data::find(*view, "deadlines.decision.due")->scalar == "2025-02-13");
  CHECK(data::find(*view, "deadlines.decision.met")->scalar == "true");
  CHECK(data::find(*view, "board.name")->scalar == "Northbrook Safeguarding Children Board");
  CHECK(data::find(*view, "board.deadlines") == nullptr);
  CHECK(data::find(*view, "review.kind_name")->scalar == "Serious Case Review");
  CHECK(data::find(*view, "review.decision.option_text")->scalar == "Meets the threshold for a Serious Case Review");
  // The case as loaded is not changed.
  CHECK(data::find(*c->data, "deadlines") == nullptr);
}

// The stages of docs/case-file.md ("Stages"): each field is required from the stage that needs it.
TEST_CASE("a case at referral needs only the referral's facts, and each stage asks for more", "[casefile][stages]") {
  // The minimal case without its decision, panel, terms of reference, recommendations or plan.
  std::optional<casefile::Case> c;
  std::string text = test::read_fixture("cases/minimal.yaml");
  auto cut = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text = text.substr(0, at) + text.substr(text.find(to, at));
  };
  cut("    decision: 2025-02-10", "child:");
  cut("panel:", "chronology:");
  text = text.substr(0, text.find("recommendations:"));
  test::TempDir dir;
  dir.write("case.yaml", text);
  Diagnostics diags;
  auto referred = casefile::load_case((dir.path / "case.yaml").string(), diags, Date{2025, 1, 20});
  CHECK(test::lines(diags, dir.path.string() + "/").empty());
  REQUIRE(referred);
  CHECK(referred->progress.stage() == "referred");
  CHECK(referred->progress.next() ==
        "decided begins with review.dates.decision and review.decision; it will need the decision's option(s) and "
        "reasons, and each agency's senior manager");
  std::string summary = casefile::summary(*referred, Date{2025, 1, 20});
  CHECK_THAT(summary, Catch::Contains("Stage: referred — the case is referred (review.dates.referral is 13 January 2025)"));
  CHECK_THAT(summary, Catch::Contains("Decision whether to hold a review                   due 13 February 2025   not done yet"));

  // Decided, with no reasons: the reasons are asked for, and why.
  CHECK(problems({{"    reasons: Test reasons for the decision.\n", ""}}) ==
        std::vector<std::string>{"case.yaml:16:5: error: 'review.decision' is missing 'reasons' (add reasons: (the reasons "
                                 "recorded for the decision); it is needed now that the referral is decided "
                                 "(review.dates.decision is 10 February 2025))"});
  // A decision dated after today is a plan: the stage stays at referral, and nothing is asked.
  CHECK(problems({{"    reasons: Test reasons for the decision.\n", ""}}, &c, Date{2025, 2, 1}).empty());
  REQUIRE(c);
  CHECK(c->progress.stage() == "referred");
  CHECK(c->progress.pending == std::vector<std::string>{"decision (10 February 2025)", "decision_notified (14 February 2025)"});
  // Scoped: the panel and the terms of reference are needed.
  CHECK(problems({{"    decision_notified: 2025-02-14", "    decision_notified: 2025-02-14\n    scoping_meeting: 2025-03-03"},
                  {"terms_of_reference:", "terms_of_referenc:"}}) ==
        std::vector<std::string>{"case.yaml:62:1: error: unknown key 'terms_of_referenc' in case file (did you mean "
                                 "'terms_of_reference'?)"});
}

TEST_CASE("an agency report is signed off before it is submitted", "[casefile]") {
  const std::string rule = "the board's procedure says: an agency report is signed off by the agency's senior manager "
                           "before it is submitted";
  CHECK(problems({{"    senior_manager:\n      name: Test Senior",
                   "    report: {received: 2025-05-10, signed_off: 2025-05-08}\n    senior_manager:\n      name: Test Senior"}})
            .empty());
  CHECK(problems({{"    senior_manager:\n      name: Test Senior",
                   "    report: {received: 2025-05-10, signed_off: 2025-05-10}\n    senior_manager:\n      name: Test Senior"}})
            .empty());
  CHECK(problems({{"    senior_manager:\n      name: Test Senior",
                   "    report: {received: 2025-05-10, signed_off: 2025-05-12}\n    senior_manager:\n      name: Test Senior"}}) ==
        std::vector<std::string>{"case.yaml:40:48: warning: CSC's agency report was signed off (12 May 2025) after it was "
                                 "received (10 May 2025) (" + rule + "; check both dates)"});
  CHECK(problems({{"    senior_manager:\n      name: Test Senior",
                   "    report: {received: 2025-05-10}\n    senior_manager:\n      name: Test Senior"}}) ==
        std::vector<std::string>{"case.yaml:40:24: warning: CSC's agency report was received (10 May 2025) with no sign-off "
                                 "recorded (" + rule + "; add signed_off: with the date it was signed off)"});
}

TEST_CASE("decision options are one, or b) with one of c) to g)", "[casefile]") {
  std::optional<casefile::Case> c;
  CHECK(problems({{"    option: a", "    options: [b, d]"}, {"kind: scr", "kind: multi-agency-review"}}, &c).empty());
  REQUIRE(c);
  CHECK(c->progress.track == "alternative");
  CHECK(problems({{"    option: a", "    options: [b, i]"}}) ==
        std::vector<std::string>{"case.yaml:16:14: error: the options b and i cannot be decided together (the referral form "
                                 "combines b) (not a serious case review) with one of c) to g) (the review to hold "
                                 "instead); any other decision is one option: write option: X)"});
  CHECK(problems({{"    option: a", "    option: b\n    options: [b, c]"}}) ==
        std::vector<std::string>{"case.yaml:17:14: error: review.decision has both option and options (write option: for "
                                 "one decision, or options: [b, d] for two decided together)"});
  CHECK(problems({{"    option: a", "    option: i\n    alternatives_considered: An audit; nothing to learn."}}, &c).empty());
  CHECK(c->progress.track == "no-review");
  CHECK(c->progress.stage() == "decided");
}

TEST_CASE("an extension asked for after the deadline leaves the completion late", "[casefile][timescales]") {
  std::optional<casefile::Case> c;
  // Decided 10 February 2025: due 10 August; the extension asked on 19 August, 9 days after.
  REQUIRE(problems({{"    decision_notified: 2025-02-14", "    decision_notified: 2025-02-14\n    extension_requested: 2025-08-19\n"
                                                           "    extension_agreed: 2025-08-25\n    completion: 2025-09-20"},
                    {"    reasons: Test reasons for the decision.",
                     "    reasons: Test reasons for the decision.\n  extension: {proposed_date: 2025-09-30, agreed_by: Ofsted "
                     "and the National Panel}"}},
                   &c)
              .empty());
  std::string s = casefile::summary(*c, Date{2025, 10, 1});
  CHECK_THAT(s, Catch::Contains("Review completed                                    due 10 August 2025     LATE: done 20 "
                                "September 2025, 41 days late  (six months after decision; the extension was asked for 9 "
                                "days after the deadline)"));
  // Asked in time, the agreed date is the deadline.
  REQUIRE(problems({{"    decision_notified: 2025-02-14", "    decision_notified: 2025-02-14\n    extension_requested: 2025-07-19\n"
                                                           "    extension_agreed: 2025-07-25\n    completion: 2025-09-20"},
                    {"    reasons: Test reasons for the decision.",
                     "    reasons: Test reasons for the decision.\n  extension: {proposed_date: 2025-09-30, agreed_by: Ofsted "
                     "and the National Panel}"}},
                   &c)
              .empty());
  CHECK_THAT(casefile::summary(*c, Date{2025, 10, 1}),
             Catch::Contains("due 30 September 2025  met on 20 September 2025  (six months after decision; extended from 10 "
                             "August 2025)"));
}

TEST_CASE("the summary reports each agency's report and chronology received late", "[casefile][timescales]") {
  std::optional<casefile::Case> c;
  REQUIRE(problems({{"    senior_manager:\n      name: Test Senior",
                     "    report: {due: 2025-05-16, received: 2025-05-19, signed_off: 2025-05-18}\n"
                     "    chronology: {due: 2025-04-04}\n    senior_manager:\n      name: Test Senior"}},
                   &c)
              .empty());
  std::string s = casefile::summary(*c, Date{2025, 6, 1});
  CHECK_THAT(s, Catch::Contains("Agency report received (CSC)                        due 16 May 2025        LATE: done 19 May "
                                "2025, 3 days late  (on the date set in report.due)"));
  CHECK_THAT(s, Catch::Contains("Chronology received (CSC)                           due 4 April 2025       OVERDUE by 58 days"));
}

TEST_CASE("the five boards' profiles load and apply their own rules", "[casefile][timescales]") {
  struct Row {
    const char* board;
    const char* edition;
    std::vector<std::string> extra;  // changes beyond the board and edition
    std::vector<std::string> lines;  // summary lines expected
  };
  const std::vector<Row> rows = {
      {"manchester", "2010", {}, {"Review completed within the four months the Ofsted grade descriptors judge against due 10 June 2025"}},
      {"enfield", "2013", {"    referral: 2025-01-13", "    referral: 2025-01-13\n    chair_aware: 2025-01-15\n    ofsted_notified: 2025-01-08"},
       {"Decision whether to hold a review                   due 15 February 2025   met on 10 February 2025  (one month "
        "after chair aware)",
        "Ofsted and the National Panel told that the incident is a serious case review due 11 February 2025   LATE: done "
        "14 February 2025, 3 days late  (one working day after decision)"}},
      {"tameside", "2006", {"    referral: 2025-01-13", "    referral: 2025-01-13\n    chair_aware: 2025-01-14"},
       {"Decision whether to hold a review                   due 14 February 2025   met on 10 February 2025"}},
      {"milton-keynes", "2015", {"  referrer: {name: Test Referrer", "  dfe: {name: Test DfE}\n  referrer: {name: Test Referrer"},
       {"Ofsted, the Department for Education and the National Panel told of the decision due 17 February 2025   met on 14 "
        "February 2025  (five working days after decision)"}},
      {"nottingham-city", "2010", {}, {"Review completed                                    due 10 August 2025"}},
  };
  for (const auto& row : rows) {
    INFO(row.board);
    std::vector<Change> changes = {{"board: northbrook", std::string("board: ") + row.board},
                                   {"working_together: \"2015\"", std::string("working_together: \"") + row.edition + "\""}};
    if (!row.extra.empty()) changes.push_back({row.extra[0], row.extra[1]});
    std::optional<casefile::Case> c;
    CHECK(problems(changes, &c).empty());
    REQUIRE(c);
    std::string s = casefile::summary(*c, Date{2025, 3, 1});
    for (const auto& line : row.lines) CHECK_THAT(s, Catch::Contains(line));
  }
  // Enfield counts the decision from the day the case came to the chair's attention: it must be recorded.
  CHECK(problems({{"board: northbrook", "board: enfield"}, {"working_together: \"2015\"", "working_together: \"2013\""}}) ==
        std::vector<std::string>{"case.yaml:11:5: error: the board's rule for 'Decision whether to hold a review' counts from "
                                 "review.dates.chair_aware, which the case file does not record (add review.dates.chair_aware "
                                 "(board profile 'enfield': one month after chair aware, 001 §4.2: within one month of the "
                                 "case coming to the attention of the ESCB Chair))",
                                 "case.yaml:11:5: error: the board's rule for 'Review completed' counts from "
                                 "review.dates.ofsted_notified, which the case file does not record (add "
                                 "review.dates.ofsted_notified (board profile 'enfield': six months after ofsted notified, "
                                 "001 §4.4: within 6 months of the notification to OFSTED (§4.1: of the serious incident), "
                                 "unless OFSTED agrees another timescale))"});
  // A profile written for another edition is named.
  CHECK(problems({{"board: northbrook", "board: tameside"}, {"    referral: 2025-01-13", "    referral: 2025-01-13\n    chair_aware: 2025-01-14"}}) ==
        std::vector<std::string>{"case.yaml:7:21: warning: the board profile 'tameside' covers Working Together 2006, not "
                                 "2015 (its timescales may not be the ones this review follows: check the profile's "
                                 "editions and deadlines, or name the profile written for this edition)"});
}

TEST_CASE("a rule for the Tameside IMR author runs for each agency asked", "[casefile][timescales]") {
  std::optional<casefile::Case> c;
  REQUIRE(problems({{"board: northbrook", "board: tameside"},
                    {"working_together: \"2015\"", "working_together: \"2006\""},
                    {"    referral: 2025-01-13", "    referral: 2025-01-13\n    chair_aware: 2025-01-14"},
                    {"      name: Test Author\n", "      name: Test Author\n      appointed: 2025-04-20\n"},
                    {"    senior_manager:\n      name: Test Senior",
                     "    report: {requested: 2025-02-14}\n    senior_manager:\n      name: Test Senior"}},
                   &c)
              .empty());
  auto deadlines = c->deadlines(Date{2025, 5, 1});
  auto it = std::find_if(deadlines.begin(), deadlines.end(), [](const Deadline& d) { return d.id() == "imr_author.CSC"; });
  REQUIRE(it != deadlines.end());
  CHECK(it->due == Date{2025, 4, 14});
  CHECK(it->status(Date{2025, 5, 1}) == DeadlineStatus::Late);
  CHECK(it->days_over(Date{2025, 5, 1}) == 6);
}

TEST_CASE("the review's findings: tracks, stages, rules that cannot be decided", "[casefile][stages]") {
  std::optional<casefile::Case> c;
  // No review: only the decision's deadlines apply, not the completion of a review never held.
  REQUIRE(problems({{"    option: a", "    option: i\n    alternatives_considered: An audit; nothing to learn."}}, &c).empty());
  for (const auto& d : c->deadlines(Date{2025, 12, 1})) CHECK(d.rule->done_key() != "completion");
  // A decision to gather information first is not the decision the rule times, and no track is
  // chosen before the decision is made.
  REQUIRE(problems({{"    option: a", "    option: h"}}, &c).empty());
  for (const auto& d : c->deadlines(Date{2025, 3, 1}))
    if (d.rule->name == "decision") CHECK(d.status(Date{2025, 3, 1}) == DeadlineStatus::Overdue);
  REQUIRE(problems({{"    option: a", "    option: i\n    alternatives_considered: none"}}, &c, Date{2025, 1, 20}).empty());
  CHECK(c->progress.track == "review");
  // Completed with no agency report asked for: completed, and the recommendations are needed.
  {
    test::TempDir done;
    std::string text = test::read_fixture("cases/minimal.yaml");
    text = text.substr(0, text.find("recommendations:"));
    text.replace(text.find("    contribution: agency-report\n"), 31, "    contribution: nil-return\n");
    text.replace(text.find("    decision_notified: 2025-02-14"), 33,
                 "    decision_notified: 2025-02-14\n    scoping_meeting: 2025-03-03\n    completion: 2025-08-01");
    done.write("case.yaml", text);
    Diagnostics diags;
    auto completed = casefile::load_case((done.path / "case.yaml").string(), diags);
    REQUIRE(completed);
    CHECK(completed->progress.stage() == "completed");
    CHECK(test::lines(diags, done.path.string() + "/") ==
          std::vector<std::string>{
              "case.yaml:2:1: error: the case file is missing 'recommendations' (add recommendations: (the review's "
              "recommendations); it is needed now that the review is completed (review.dates.completion is 1 August 2025))",
              "case.yaml:2:1: error: the case file is missing 'action_plan' (add action_plan: (the multi-agency action "
              "plan); it is needed now that the review is completed (review.dates.completion is 1 August 2025))"});
  }
  // A recurring rule of no months is refused.
  test::TempDir dir;
  std::string text = test::read_fixture("cases/minimal.yaml");
  text.replace(text.find("board: northbrook"), 17, "board: ours");
  dir.write("case.yaml", text);
  std::filesystem::create_directories(dir.path / "boards");
  dir.write("boards/ours.yaml",
            "name: Our Board\ndeadlines:\n  monitoring:\n    label: Monitoring\n    after: completion\n    every_months: 0\n"
            "  descriptors:\n    label: Four months\n    after: decision\n    months: 4\n    done: completion\n"
            "    when: review.evaluation.grade == \"inadequate\"\n");
  Diagnostics diags;
  casefile::load_case((dir.path / "case.yaml").string(), diags);
  CHECK(test::lines(diags, dir.path.string() + "/") ==
        std::vector<std::string>{
            "boards/ours.yaml:6:19: error: deadline 'monitoring': every_months must be 1 or more (a recurring deadline "
            "comes every so many months: 1 for monthly, 3 for quarterly)"});
  // A rule whose condition misspells a name is refused, not silently never applied.
  dir.write("boards/ours.yaml",
            "name: Our Board\ndeadlines:\n  descriptors:\n    label: Four months\n    after: decision\n    months: 4\n"
            "    done: completion\n    when: reviw.working_together == \"2010\"\n");
  Diagnostics again;
  casefile::load_case((dir.path / "case.yaml").string(), again);
  CHECK(test::lines(again, dir.path.string() + "/") ==
        std::vector<std::string>{"boards/ours.yaml:8:11: error: deadline 'descriptors': when reviw.working_together == "
                                 "\"2010\": 'reviw' is not a part of a case file (did you mean 'review'?)"});
}

TEST_CASE("dates after today are plans in deadlines and checks too", "[casefile][timescales]") {
  std::optional<casefile::Case> c;
  // On 1 February the decision (10 February) is a plan: nothing counted from it is due yet.
  REQUIRE(problems({}, &c, Date{2025, 2, 1}).empty());
  for (const auto& d : c->deadlines(Date{2025, 2, 1}))
    if (d.rule->anchor == "decision") CHECK(d.status(Date{2025, 2, 1}) == DeadlineStatus::Waiting);
  // A report received after today draws no sign-off warning yet.
  CHECK(problems({{"    senior_manager:\n      name: Test Senior",
                   "    report: {received: 2025-05-10}\n    senior_manager:\n      name: Test Senior"}},
                 nullptr, Date{2025, 5, 1})
            .empty());
  CHECK(problems({{"    option: a", "    options: [b]"}}) ==
        std::vector<std::string>{"case.yaml:16:14: error: review.decision.options lists one option (write option: b for "
                                 "a single decision)"});
  // An empty child: is no child.
  auto empty = problems({{"child:\n  id: child", "child:\nchild_was:\n  id: child"}});
  CHECK(std::find(empty.begin(), empty.end(),
                  "case.yaml:2:1: error: the case file is missing 'child' (add child: (the child the review is about), or "
                  "children: with an entry for each child)") != empty.end());
}

TEST_CASE("findings: each answers a focus question, each is answered by a recommendation, each recommendation answers one", "[casefile]") {
  const std::string recs = "recommendations:\n  - id: R1\n    text: Agencies should share information.\n    source: panel\n    scope: multi-agency\n";
  // Without findings: nothing is asked of the recommendations.
  CHECK(problems({}).empty());
  auto p = problems({{recs, "findings:\n  - {id: F1, text: Agencies did not share what they knew., focus: 1, evidence: [\"CSC report 4.2\"]}\n"
                            "  - {id: F2, text: No one asked who lived in the household., focus: 3}\n" +
                            recs + "    findings: [F1, F9]\n  - {id: R2, text: Another., source: panel, scope: multi-agency}\n"}});
  std::vector<std::string> expected{
      "case.yaml:78:69: error: finding 'F2' answers focus question 3, but the terms of reference have 1 focus question (give the number "
      "of the question it answers, from 1 to 1 (terms_of_reference.focus_questions))",
      "case.yaml:78:5: warning: finding 'F2' has no recommendation that answers it (add findings: [F2] to the recommendation that answers "
      "it, or say in the report why none is needed)",
      "case.yaml:84:20: error: 'recommendations[0].findings[1]' names an unknown", "case.yaml:85:5: warning: recommendation 'R2' answers no finding (add findings: [F…] with the ids of the findings it answers)"};
  for (const auto& line : p) UNSCOPED_INFO(line);
  REQUIRE(p.size() >= 4);
  for (const auto& e : expected) CHECK(std::any_of(p.begin(), p.end(), [&](const std::string& l) { return l.rfind(e, 0) == 0; }));
  CHECK(std::any_of(p.begin(), p.end(), [](const std::string& l) { return l.find("'F9'") != std::string::npos && l.find("error") != std::string::npos; }));
}
