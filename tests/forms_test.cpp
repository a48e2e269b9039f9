// PDF forms: built from their descriptions, filled from a case file, read back.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace reviewkit;

namespace {
test::CliResult run(std::vector<std::string> args) { return test::run_cli(std::move(args)); }
std::string repo(const std::string& p) { return test::repo_path(p).string(); }
}  // namespace

TEST_CASE("the referral form fills from a case file and reads back", "[forms]") {
  test::TempDir tmp;
  std::string form = (tmp.path / "referral.pdf").string(), filled = (tmp.path / "filled.pdf").string();
  REQUIRE(run({"form", "build", repo("templates/forms/referral.yaml"), "-o", form}).status == 0);
  auto fill = run({"fill", form, repo("samples/child-a/case.yaml"), "-o", filled});
  CHECK(fill.err.empty());
  REQUIRE(fill.status == 0);
  auto read = run({"form", "read", filled});
  REQUIRE(read.status == 0);
  auto lines = test::split_lines(read.out);
  auto has = [&](const std::string& line) { return std::find(lines.begin(), lines.end(), line) != lines.end(); };
  CHECK(has("reference: \"NSCB/SCR/2025/01\""));
  CHECK(has("child_name: \"Ellis Marlow-Quinn\""));
  CHECK(has("child_date_of_birth: \"3 November 2022\""));
  CHECK(has("decision: \"a) Meets the threshold for a Serious Case Review\""));
  CHECK(has("legal_advice_sought: false"));
  CHECK(has("circumstances: \"\""));  // left for the person filling it in
}

TEST_CASE("the quality assurance form gives each criterion's answer and comment", "[forms]") {
  test::TempDir tmp;
  std::string form = (tmp.path / "qa.pdf").string(), filled = (tmp.path / "filled.pdf").string();
  REQUIRE(run({"form", "build", repo("templates/forms/imr-quality-assurance.yaml"), "-o", form}).status == 0);
  tmp.write("answers.yaml", "child: {pseudonym: Child A}\nimr_qa_01_answer: Partially\nimr_qa_01_comment: Not all of 8.27.\n"
                            "imr_qa_02_answer: \"Yes\"\nlegal: true\n");
  REQUIRE(run({"fill", form, (tmp.path / "answers.yaml").string(), "-o", filled}).status == 0);
  auto read = run({"form", "read", filled, "-o", (tmp.path / "read.yaml").string()});
  REQUIRE(read.status == 0);
  std::string yaml = test::read_fixture((tmp.path / "read.yaml").string());
  CHECK_THAT(yaml, Catch::Contains("imr_qa_01:\n  answer: \"Partially\"\n  comment: \"Not all of 8.27.\""));
  CHECK_THAT(yaml, Catch::Contains("imr_qa_02:\n  answer: \"Yes\""));
  CHECK_THAT(yaml, Catch::Contains("child_identifier: \"Child A\""));
}

TEST_CASE("a flattened form keeps its values in the page and has no fields left", "[forms]") {
  test::TempDir tmp;
  std::string form = (tmp.path / "f.pdf").string(), flat = (tmp.path / "flat.pdf").string();
  REQUIRE(run({"form", "build", repo("templates/forms/referral.yaml"), "-o", form}).status == 0);
  REQUIRE(run({"fill", form, repo("samples/child-a/case.yaml"), "-o", flat, "--flatten"}).status == 0);
  auto read = run({"form", "read", flat});
  CHECK(read.status == 1);
  CHECK(read.err == flat + ": error: the PDF has no form fields to read (is it the form itself, filled in a PDF reader?)\n"
                       "reviewkit form: 1 error; nothing was written\n");
}

TEST_CASE("an encrypted filled form reads back with its password", "[forms]") {
  test::TempDir tmp;
  std::string form = (tmp.path / "f.pdf").string(), enc = (tmp.path / "enc.pdf").string();
  tmp.write("pw", "s3cret\n");
  tmp.write("wrong", "guess\n");
  REQUIRE(run({"form", "build", repo("templates/forms/referral.yaml"), "-o", form}).status == 0);
  REQUIRE(run({"fill", form, repo("samples/child-a/case.yaml"), "-o", enc, "--encrypt", "--password-file",
               (tmp.path / "pw").string()}).status == 0);
  auto locked = run({"form", "read", enc});
  CHECK(locked.status == 1);
  CHECK_THAT(locked.err, Catch::StartsWith(enc + ": error: the form is encrypted (give its password with --password-file"));
  auto wrong = run({"form", "read", enc, "--password-file", (tmp.path / "wrong").string()});
  CHECK(wrong.status == 1);
  CHECK_THAT(wrong.err, Catch::StartsWith(enc + ": error: the password does not open the form"));
  auto open = run({"form", "read", enc, "--password-file", (tmp.path / "pw").string()});
  CHECK(open.status == 0);
  CHECK_THAT(open.out, Catch::Contains("child_name: \"Ellis Marlow-Quinn\""));
}

TEST_CASE("a value that is not one of a choice's options is an error naming them", "[forms]") {
  test::TempDir tmp;
  std::string form = (tmp.path / "qa.pdf").string();
  REQUIRE(run({"form", "build", repo("templates/forms/imr-quality-assurance.yaml"), "-o", form}).status == 0);
  tmp.write("answers.yaml", "child: {pseudonym: Child A}\nimr_qa_03_answer: Maybe\n");
  auto r = run({"fill", form, (tmp.path / "answers.yaml").string(), "-o", (tmp.path / "out.pdf").string()});
  CHECK(r.status == 1);
  CHECK(r.err == form + ": error: field 'imr_qa_03_answer': 'Maybe' is not one of its options (use one of 'Yes', 'No', "
                        "'Partially')\nreviewkit fill: 1 error; nothing was written\n");
}

TEST_CASE("a checkbox takes yes or no, from the data or a tooltip; any other word is an error", "[forms]") {
  test::TempDir tmp;
  std::string form = (tmp.path / "info.pdf").string();
  REQUIRE(run({"form", "build", repo("templates/forms/additional-information.yaml"), "-o", form}).status == 0);
  const std::string base = "review: {reference: NSCB/SCR/2025/07}\nchild: {name: Child A, date_of_birth: 2019-03-02}\n";
  tmp.write("maybe.yaml", base + "known: maybe\n");
  auto r = run({"fill", form, (tmp.path / "maybe.yaml").string(), "-o", (tmp.path / "out.pdf").string()});
  CHECK(r.status == 1);
  CHECK(r.err == form + ": error: field 'known' is a checkbox, and 'maybe' is not yes, no, true or false (write yes or "
                        "no in the data)\nreviewkit fill: 1 error; nothing was written\n");
  tmp.write("yes.yaml", base + "known: \"yes\"\nrecords_secured: true\n");
  REQUIRE(run({"fill", form, (tmp.path / "yes.yaml").string(), "-o", (tmp.path / "yes.pdf").string()}).status == 0);
  auto back = run({"form", "read", (tmp.path / "yes.pdf").string()});
  CHECK_THAT(back.out, Catch::Contains("known: true"));
  CHECK_THAT(back.out, Catch::Contains("records_secured: true"));
}

TEST_CASE("mistakes in a form description are reported with their place", "[forms]") {
  test::TempDir tmp;
  tmp.write("form.yaml",
            "title: Test form\nsections:\n  - fields:\n      - {name: child.name, label: Name}\n"
            "      - {name: a, label: A}\n      - {name: a, label: Again}\n      - {name: pick, label: Pick, kind: choice}\n"
            "      - {name: b, labl: B}\n");
  auto r = run({"form", "build", (tmp.path / "form.yaml").string(), "-o", (tmp.path / "f.pdf").string()});
  CHECK(r.status == 1);
  std::string f = (tmp.path / "form.yaml").string();
  CHECK(test::split_lines(r.err) ==
        std::vector<std::string>{
            f + ":8:19: error: unknown key 'labl' in 'sections[0].fields[4]' (did you mean 'label'?)",
            "reviewkit form: 1 error; nothing was written"});
  tmp.write("form.yaml",
            "title: Test form\nsections:\n  - fields:\n      - {name: child.name, label: Name}\n"
            "      - {name: a, label: A}\n      - {name: a, label: Again}\n      - {name: pick, label: Pick, kind: choice}\n");
  auto s = run({"form", "build", (tmp.path / "form.yaml").string(), "-o", (tmp.path / "f.pdf").string()});
  CHECK(test::split_lines(s.err) ==
        std::vector<std::string>{
            f + ":4:9: error: the field name 'child.name' may hold only letters, digits and _ (PDF field names cannot hold "
                "dots; use a tooltip for a path: tooltip: \"{{ child.pseudonym }}\")",
            f + ":6:9: error: the field name 'a' is used twice (the first is at line 5)",
            f + ":7:9: error: the choice 'pick' has no options (add options: [First, Second])",
            "reviewkit form: 3 errors; nothing was written"});
}
