// The command line as a user meets it: help, version, exit statuses, usage errors.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/cli.hpp"
#include "common/suggest.hpp"
#include "support.hpp"

using namespace reviewkit;

namespace {
test::CliResult run(std::vector<std::string> args) { return test::run_cli(std::move(args)); }
}  // namespace

TEST_CASE("the help option lists the commands and the exit statuses", "[cli]") {
  auto r = run({"--help"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("validate CASE.yaml"));
  CHECK_THAT(r.out, Catch::Contains("Exit status: 0 done; 1 the input has problems"));
  CHECK(r.err.empty());
}

TEST_CASE("no arguments is a usage error that shows the usage", "[cli]") {
  auto r = run({});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("Usage: reviewkit COMMAND"));
}

TEST_CASE("the version option prints the version", "[cli]") {
  auto r = run({"--version"});
  CHECK(r.status == 0);
  auto lines = test::split_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == std::string("reviewkit ") + REVIEWKIT_VERSION);
  // Where templates and board profiles come from, and why (the test program sits in a checkout).
  CHECK(lines[1] == "data: " + test::repo_path(".").lexically_normal().parent_path().string() +
                        " (beside the program; REVIEWKIT_DATA=DIR chooses another)");
}

TEST_CASE("help COMMAND and COMMAND --help print the command's help", "[cli]") {
  auto a = run({"help", "validate"});
  auto b = run({"validate", "--help"});
  CHECK(a.status == 0);
  CHECK(a.out == b.out);
  CHECK_THAT(a.out, Catch::StartsWith("Usage: reviewkit validate CASE.yaml"));
}

TEST_CASE("help case-file lists every field with its type", "[cli]") {
  auto r = run({"help", "case-file"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, !Catch::Contains("* review.dates.decision"));
  CHECK_THAT(r.out, Catch::Contains("  review.dates.decision — a date written YYYY-MM-DD: the chair decided whether to hold a review"));
  CHECK_THAT(r.out, Catch::Contains("* agencies[].abbreviation — a short unique name"));
  CHECK_THAT(r.out, Catch::Contains("  chronology.entries[].child_seen — true or false"));
}

TEST_CASE("an unknown command suggests the closest one", "[cli]") {
  auto r = run({"valdate", "case.yaml"});
  CHECK(r.status == 2);
  CHECK(r.err == "reviewkit: error: unknown command 'valdate' (did you mean 'validate'? reviewkit --help says what each "
                 "does)\n");
  CHECK(run({"help", "nothing"}).status == 2);
}

TEST_CASE("validate's usage errors exit 2", "[cli]") {
  auto none = run({"validate"});
  CHECK(none.status == 2);
  CHECK(none.err == "reviewkit validate: error: expected one case file, got 0 (usage: reviewkit validate CASE.yaml)\n");
  auto option = run({"validate", "a.yaml", "--todya", "2025-01-01"});
  CHECK(option.status == 2);
  CHECK(option.err == "reviewkit validate: error: unknown option '--todya' (did you mean '--today'? reviewkit help validate lists "
                       "the options)\n");
  auto missing = run({"validate", "a.yaml", "--today"});
  CHECK(missing.status == 2);
  CHECK(missing.err == "reviewkit validate: error: --today needs a value (reviewkit help validate)\n");
  auto bad = run({"validate", "a.yaml", "--today=01/01/2025"});
  CHECK(bad.status == 2);
  CHECK(bad.err == "reviewkit validate: error: --today must be a date written YYYY-MM-DD, not '01/01/2025' (did you mean "
                   "2025-01-01?)\n");
}

TEST_CASE("a missing or unreadable case file is an input problem: exit 1", "[cli]") {
  test::TempDir dir;
  auto missing = run({"validate", (dir.path / "nothere.yaml").string()});
  CHECK(missing.status == 1);
  CHECK(missing.err == (dir.path / "nothere.yaml").string() + ": error: cannot read the file: no such file (check the path)\n" +
                           (dir.path / "nothere.yaml").string() + ": 1 error; fix them and run reviewkit validate again\n");
  auto folder = run({"validate", dir.path.string()});
  CHECK(folder.status == 1);
  CHECK_THAT(folder.err, Catch::Contains("cannot read the file: it is a folder, not a file"));
}

TEST_CASE("validate prints the summary of a valid case and nothing with --quiet", "[cli]") {
  std::string file = test::fixture_path("cases/minimal.yaml").string();
  auto r = run({"validate", file, "--today", "2025-03-01"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Catch::StartsWith("Serious Case Review TEST/SCR/01: Child A"));
  auto quiet = run({"validate", "--quiet", file});
  CHECK(quiet.status == 0);
  CHECK(quiet.out.empty());
}

TEST_CASE("timescales lists every deadline with its status, as text and as JSON", "[cli][timescales]") {
  std::string file = test::repo_path("samples/child-a/reports-in.yaml").string();
  auto r = run({"timescales", file, "--today", "2025-06-02"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Catch::StartsWith("Stage: reports-in — every agency report is in (the last on 19 May 2025)\n"
                                      "Deadlines (Northbrook Safeguarding Children Board, Working Together 2015), as of 2 June "
                                      "2025:\n"
                                      "  Decision whether to hold a review                   due 17 February 2025   met on 11 "
                                      "February 2025  (one month after referral)\n"));
  CHECK_THAT(r.out, Catch::Contains("  Review completed                                    due 11 August 2025     not done yet  "
                                    "(six months after decision)\n"));
  CHECK_THAT(r.out, Catch::Contains("  Agency report received (HV)                         due 16 May 2025        LATE: done 19 "
                                    "May 2025, 3 days late  (on the date set in report.due)\n"));
  auto json = run({"timescales", file, "--today", "2025-09-01", "--json"});
  CHECK(json.status == 0);
  CHECK_THAT(json.out, Catch::StartsWith("{\"stage\": \"reports-in\", \"today\": \"2025-09-01\", \"deadlines\": [\n"));
  CHECK_THAT(json.out, Catch::Contains("{\"id\": \"completion\", \"label\": \"Review completed\", \"rule\": \"six months after "
                                       "decision\", \"due\": \"2025-08-11\", \"done\": null, \"status\": \"overdue\", "
                                       "\"days_late\": 21}"));
  CHECK_THAT(json.out, Catch::Contains("{\"id\": \"agency_report.HV\", \"label\": \"Agency report received (HV)\", \"rule\": "
                                       "\"on the date set in report.due\", \"due\": \"2025-05-16\", \"done\": \"2025-05-19\", "
                                       "\"status\": \"late\", \"days_late\": 3}"));
  CHECK_THAT(json.out, Catch::EndsWith("}\n]}\n"));
  auto usage = run({"timescales"});
  CHECK(usage.status == 2);
  auto broken = run({"timescales", test::repo_path("samples/child-a/broken/bad-dates.yaml").string()});
  CHECK(broken.status == 1);
  CHECK_THAT(broken.err, Catch::EndsWith("fix them and run reviewkit timescales again\n"));
}

TEST_CASE("help help, a misspelt option and a UK-style --today get answers, not shrugs", "[cli]") {
  auto help = run({"help", "help"});
  CHECK(help.status == 0);
  CHECK(help.out.rfind("Usage: reviewkit help COMMAND", 0) == 0);
  auto lenient = run({"fill", "t.docx", "d.yaml", "-o", "x.docx", "--lenint"});
  CHECK(lenient.status == 2);
  CHECK(lenient.err == "reviewkit fill: error: unknown option '--lenint' (did you mean '--lenient'? reviewkit help fill lists "
                       "the options)\n");
  auto today = run({"letters", "t.docx", "d.yaml", "--each", "x", "-o", "out", "--today", "14/02/2025"});
  CHECK(today.status == 2);
  CHECK(today.err == "reviewkit letters: error: --today must be a date written YYYY-MM-DD, not '14/02/2025' (did you mean "
                     "2025-02-14?)\n");
}

TEST_CASE("swapped arguments are named as such; a value in the wrong case is offered in the right one", "[cli]") {
  auto swapped = run({"fill", "data.yaml", "letter.docx", "-o", "x.docx"});
  CHECK(swapped.status == 2);
  CHECK(swapped.err == "reviewkit fill: error: the arguments look swapped: the template comes first, then the data "
                       "(reviewkit fill letter.docx data.yaml -o ...)\n");
  CHECK(did_you_mean("SCR", {"sar", "scr", "lcsr"}) == "did you mean 'scr'?");
}

TEST_CASE("validate on YAML that is not a case file names the file in every message", "[cli]") {
  test::TempDir tmp;
  tmp.write("plain.yaml", "name: x\nitems: [1]\n");
  auto r = run({"validate", (tmp.path / "plain.yaml").string()});
  CHECK(r.status == 1);
  for (const auto& line : test::split_lines(r.err)) CHECK(line.rfind((tmp.path / "plain.yaml").string(), 0) == 0);
  CHECK_THAT(r.err, Catch::Contains("the case file is missing 'child'"));
  CHECK(r.err.find("the child is missing 'date_of_birth'") == std::string::npos);  // told once, as a missing child
}
