// reviewkit generate and reviewkit documents (issue 10): the document kinds of
// templates/documents.yaml, made from a case file at the stage it has reached, all or none.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "documents/kinds.hpp"
#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {
test::CliResult run(std::vector<std::string> args) { return test::run_cli(std::move(args)); }
std::string sample() { return test::repo_path("samples/child-a/case.yaml").string(); }
std::vector<std::string> folders(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST_CASE("generate --all makes the kinds the case's stage allows and says which it left out", "[generate]") {
  test::TempDir tmp;
  fs::path out = tmp.path / "out";
  // On 1 March 2025 the sample has its referral and decision, but not yet its scoping meeting (4 March).
  auto r = run({"generate", sample(), "--all", "-o", out.string() + "/", "--today", "2025-03-01"});
  CHECK(r.err.empty());
  REQUIRE(r.status == 0);
  CHECK(folders(out) == std::vector<std::string>{"agency-notification", "board-email-draft", "board-members-notification",
                                                 "coroner-letter", "cps-letter", "decision-notice",
                                                 "incident-notification", "information-request", "other-boards-letter",
                                                 "referral-acknowledgement", "referrer-outcome"});
  CHECK_THAT(r.out, Catch::Contains("left out practitioner-letter: review.dates.scoping_meeting is 2025-03-04, after today (2025-03-01)\n"));
  CHECK_THAT(r.out, Catch::Contains("left out debrief-invitation: review.dates.completion is 2025-10-24, after today (2025-03-01)\n"));
  CHECK_THAT(r.out, Catch::Contains("wrote agency-notification: 8 documents in " + (out / "agency-notification").string() + "/\n"));
  // Named as the kind says, in the kind's formats (DOCX and PDF).
  CHECK(fs::exists(out / "agency-notification" / "CSC.docx"));
  CHECK(fs::exists(out / "agency-notification" / "CSC.pdf"));
  CHECK(test::paragraphs(test::docx_part(out / "coroner-letter" / "Coroner.docx", "word/document.xml")).size() > 5);
}

TEST_CASE("generate --doc refuses a kind the case has not reached, and an unknown kind", "[generate]") {
  test::TempDir tmp;
  auto early = run({"generate", sample(), "--doc", "coroner-letter,extension-request", "-o", (tmp.path / "o").string(),
                    "--today", "2025-03-01"});
  CHECK(early.status == 1);
  CHECK_THAT(early.err, Catch::Contains("error: extension-request cannot be made: review.dates.extension_requested is "
                                        "2025-07-21, after today (2025-03-01) (record the date in the case file when it is reached)"));
  auto unknown = run({"generate", sample(), "--doc", "coroner-leter", "-o", (tmp.path / "o").string(), "--today", "2026-06-30"});
  CHECK(unknown.status == 1);
  CHECK_THAT(unknown.err, Catch::Contains("there is no document kind 'coroner-leter' (did you mean 'coroner-letter'?)"));
  CHECK(!fs::exists(tmp.path / "o"));
  auto neither = run({"generate", sample(), "-o", (tmp.path / "o").string()});
  CHECK(neither.status == 2);
  CHECK_THAT(neither.err, Catch::Contains("give either --doc ID[,ID...] or --all"));
}

TEST_CASE("generate writes all or nothing: one document that cannot be filled stops the batch", "[generate]") {
  test::TempDir tmp;
  // A documents file of two kinds, the second with a template whose tag the case cannot fill.
  fs::copy_file(test::repo_path("templates/letters/coroner-letter.docx"), tmp.path / "coroner.docx");
  fs::copy_file(test::fixture_path("fixtures/wordlike-letter.docx"), tmp.path / "wordlike.docx");  // reads panel.members
  tmp.write("documents.yaml",
            "stages: [referral, decision]\ndocuments:\n"
            "  - {id: coroner, title: The Coroner, template: coroner.docx, each: contacts.coroner, stage: decision,"
            " audience: restricted, formats: [docx]}\n"
            "  - {id: broken, title: Not fillable, template: wordlike.docx, each: agencies, stage: referral,"
            " audience: restricted, formats: [docx]}\n");
  fs::path out = tmp.path / "out";
  auto r = run({"generate", sample(), "--all", "-o", out.string(), "--documents", (tmp.path / "documents.yaml").string(),
                "--today", "2026-06-30"});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("broken: letter 1 (agencies[0], Northbrook Children's Social Care)"));
  CHECK_THAT(r.err, Catch::EndsWith("nothing was written\n"));
  CHECK(!fs::exists(out));  // not even the coroner's letter, nor the folder
}

TEST_CASE("documents lists every kind with its audience, and what a case's stage allows", "[generate]") {
  auto all = run({"documents"});
  CHECK(all.status == 0);
  std::string why;
  Diagnostics diags;
  auto kinds = documents::load_kinds(test::repo_path("templates/documents.yaml"), diags);
  REQUIRE(kinds);
  for (const auto& k : kinds->kinds) CHECK_THAT(all.out, Catch::Contains(k.id + " \xE2\x80\x94 " + k.title + "\n    audience: restricted"));
  auto at = run({"documents", sample(), "--today", "2025-03-01"});
  CHECK(at.status == 0);
  CHECK_THAT(at.out, Catch::Contains("coroner-letter \xE2\x80\x94 The Coroner told of the review\n    audience: restricted; formats: "
                                     "docx, pdf; from: decision; for: contacts.coroner; only when review.incident_kind == "
                                     "\"death\" and review.track == \"review\"\n    can be made now: 1 document\n"));
  CHECK_THAT(at.out, Catch::Contains("    not yet: review.dates.scoping_meeting is 2025-03-04, after today (2025-03-01)\n"));
}

TEST_CASE("a board profile changes a kind's audience, and a wrong kind in it is named", "[generate]") {
  test::TempDir tmp;
  fs::create_directories(tmp.path / "boards");
  std::string profile = test::read_fixture("../templates/boards/northbrook.yaml");
  tmp.write("boards/northbrook.yaml", profile + "\ndocuments:\n  coroner-letter: {audience: anonymised}\n");
  fs::copy_file(sample(), tmp.path / "case.yaml");
  auto r = run({"documents", (tmp.path / "case.yaml").string(), "--today", "2026-06-30"});
  CHECK(r.err.empty());
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("coroner-letter \xE2\x80\x94 The Coroner told of the review\n    audience: anonymised;"));
  CHECK_THAT(r.out, Catch::Contains("cps-letter \xE2\x80\x94 The Crown Prosecution Service told of the review\n    audience: restricted;"));
  tmp.write("boards/northbrook.yaml", profile + "\ndocuments:\n  coroner-leter: {audience: anonymised}\n");
  auto wrong = run({"documents", (tmp.path / "case.yaml").string(), "--today", "2026-06-30"});
  CHECK(wrong.status == 1);
  CHECK_THAT(wrong.err, Catch::Contains("the board profile names the document kind 'coroner-leter', which does not exist "
                                        "(did you mean 'coroner-letter'?)"));
}

TEST_CASE("templates/letters/README.md's table is templates/documents.yaml's list of letters", "[generate][docs]") {
  Diagnostics diags;
  auto kinds = documents::load_kinds(test::repo_path("templates/documents.yaml"), diags);
  REQUIRE(kinds);
  std::string readme = test::read_fixture("../templates/letters/README.md");
  // The sample (case.yaml) or, for another decision's letters, its variant decided that way.
  for (const auto& k : kinds->kinds) {
    std::string file = k.when == "review.track == \"no-review\""     ? "no-review.yaml"
                       : k.id == "decision-to-agencies"                ? "alternative.yaml"
                                                                    : "case.yaml";
    CHECK_THAT(readme, Catch::Contains("| " + k.id + " | " + k.templ.filename().string() + " | " + k.title +
                                       " | `reviewkit generate " + file + " --doc " + k.id + " -o out/` |"));
  }
}

namespace {
// The text of each paragraph of a letter's body, joined with |.
std::string body_text(const fs::path& docx) {
  std::string out;
  for (const auto& p : test::paragraphs(test::docx_part(docx, "word/document.xml"))) out += p + "|";
  return out;
}
const char* kFourLetters = "board-members-notification,agency-notification,board-email-draft,coroner-letter";
}  // namespace

TEST_CASE("letters give the child's death date from child.death.date, never the incident's", "[generate][letters]") {
  // In the sample the incident was on 14 January 2025 and the child died on 15 January.
  test::TempDir tmp;
  auto r = run({"generate", sample(), "--doc", kFourLetters, "-o", (tmp.path / "out").string(), "--format", "docx",
                "--today", "2026-06-30"});
  REQUIRE(r.status == 0);
  CHECK_THAT(body_text(tmp.path / "out" / "board-members-notification" / "Carol Whitcombe.docx"),
             Catch::Contains("held in respect of Child A, who died on 15 January 2025."));
  CHECK_THAT(body_text(tmp.path / "out" / "agency-notification" / "CSC.docx"), Catch::Contains("who died on 15 January 2025."));
  CHECK_THAT(body_text(tmp.path / "out" / "coroner-letter" / "Coroner.docx"),
             Catch::Contains("following the death of Ellis Marlow-Quinn on 15 January 2025."));
  for (const auto& kind : {"board-members-notification", "agency-notification", "board-email-draft", "coroner-letter"})
    for (const auto& f : fs::directory_iterator(tmp.path / "out" / kind)) {
      INFO(f.path().string());
      CHECK(body_text(f.path()).find("died on 14 January") == std::string::npos);
      CHECK(body_text(f.path()).find("death of Ellis Marlow-Quinn on 14 January") == std::string::npos);
    }
}

TEST_CASE("in a serious-harm case no letter says the child died", "[generate][letters]") {
  test::TempDir tmp;
  std::string yaml = test::read_fixture("../samples/child-a/case.yaml");
  auto at = yaml.find("incident_kind: death");
  REQUIRE(at != std::string::npos);
  yaml.replace(at, std::string("incident_kind: death").size(), "incident_kind: serious-harm");
  auto death = yaml.find("  death:\n    date: 2025-01-15\n");
  REQUIRE(death != std::string::npos);
  yaml.erase(death, yaml.find("\n", yaml.find("cause:", death)) + 1 - death);
  // The case's own words too: the decision's reasons, which letters quote.
  for (auto d = yaml.find("Child A died"); d != std::string::npos; d = yaml.find("Child A died"))
    yaml.replace(d, std::string("Child A died").size(), "Child A was seriously harmed");
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"and died the following day", "and remains in hospital"}, {"in connection with the\n    death", "in connection with the\n    injury"}}) {
    auto d = yaml.find(from);
    REQUIRE(d != std::string::npos);
    yaml.replace(d, from.size(), to);
  }
  tmp.write("case.yaml", yaml);
  std::string case_file = (tmp.path / "case.yaml").string();
  // No Coroner is involved when no child died: generate leaves the letter out, and says why.
  auto coroner = run({"generate", case_file, "--doc", "coroner-letter", "-o", (tmp.path / "c").string(), "--today", "2026-06-30"});
  CHECK(coroner.status == 1);
  CHECK_THAT(coroner.err, Catch::Contains("coroner-letter cannot be made: this case does not need it (review.incident_kind == \"death\" "
                                          "and review.track == \"review\")"));
  auto all = run({"generate", case_file, "--all", "-o", (tmp.path / "all").string(), "--format", "docx", "--today", "2026-06-30"});
  CHECK(all.status == 0);
  CHECK_THAT(all.out, Catch::Contains("left out coroner-letter: this case does not need it"));
  auto r = run({"generate", case_file, "--doc", "board-members-notification,agency-notification,board-email-draft", "-o",
                (tmp.path / "out").string(), "--format", "docx", "--today", "2026-06-30"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(body_text(tmp.path / "out" / "agency-notification" / "CSC.docx"),
             Catch::Contains("who was seriously harmed on 14 January 2025."));
  // The Coroner's template itself, filled with letters, speaks of serious harm too.
  auto letter = run({"letters", test::repo_path("templates/letters/coroner-letter.docx").string(), case_file, "--each",
                     "contacts.coroner", "-o", (tmp.path / "out" / "coroner-letter").string(), "--today", "2026-06-30"});
  REQUIRE(letter.status == 0);
  CHECK_THAT(body_text(tmp.path / "out" / "coroner-letter" / "1.docx"),
             Catch::Contains("following the serious harm of Ellis Marlow-Quinn on 14 January 2025."));
  for (const auto& kind : {"board-members-notification", "agency-notification", "board-email-draft", "coroner-letter"})
    for (const auto& f : fs::directory_iterator(tmp.path / "out" / kind)) {
      INFO(f.path().string());
      CHECK(body_text(f.path()).find(" died") == std::string::npos);
    }
  // And no letter of the whole process does.
  std::size_t letters = 0;
  for (const auto& f : fs::recursive_directory_iterator(tmp.path / "all")) {
    if (f.path().extension() != ".docx") continue;
    ++letters;
    INFO(f.path().string());
    std::string text = body_text(f.path());
    CHECK(text.find(" died") == std::string::npos);
    CHECK(text.find("death") == std::string::npos);
  }
  CHECK(letters > 60);
}
