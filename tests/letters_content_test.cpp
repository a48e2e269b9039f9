// What the review's letters say, read back from the documents generate writes for the sample case
// at each of its stages (samples/child-a/: referred, scoped, reports-in, the complete case.yaml, and
// the referral decided two other ways). Each letter's key sentences are checked against the case
// file's facts; a golden text of every letter at every stage shows any change in wording as a diff:
//   REVIEWKIT_REFRESH_GOLDEN=1 build/tests/reviewkit_tests "[golden]"
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {

struct Stage {
  const char* file;   ///< under samples/child-a/
  const char* today;  ///< the day the letters are made
};
// The day each sample stands on (samples/child-a/make-stages.py), and a day after publication.
const Stage kStages[] = {
    {"referred.yaml", "2025-01-20"}, {"scoped.yaml", "2025-03-10"},   {"reports-in.yaml", "2025-06-02"},
    {"case.yaml", "2026-03-02"},     {"no-review.yaml", "2025-02-12"}, {"alternative.yaml", "2025-02-12"},
};

// The body of a letter: its paragraphs, one a line.
std::string text_of(const fs::path& docx) {
  std::string out;
  for (const auto& p : test::paragraphs(test::docx_part(docx, "word/document.xml")))
    if (!p.empty()) out += p + "\n";
  return out;
}

// Every letter a stage's sample can produce, as DOCX, in a folder kept for the whole test run.
const fs::path& letters_of(const Stage& stage) {
  static std::map<std::string, std::unique_ptr<test::TempDir>> made;
  auto& dir = made[stage.file];
  if (!dir) {
    dir = std::make_unique<test::TempDir>();
    auto r = test::run_cli({"generate", test::repo_path(std::string("samples/child-a/") + stage.file).string(), "--all", "-o",
                            (dir->path / "out").string(), "--format", "docx", "--today", stage.today});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());  // every letter of the stage fills, with nothing missing or defaulted
  }
  return dir->path;
}

std::string letter(const Stage& stage, const std::string& kind, const std::string& name) {
  fs::path file = letters_of(stage) / "out" / kind / (name + ".docx");
  INFO(file.string());
  REQUIRE(fs::exists(file));
  return text_of(file);
}

const Stage& stage(const std::string& file) {
  for (const auto& s : kStages)
    if (file == s.file) return s;
  FAIL("no stage " << file);
  return kStages[0];
}

}  // namespace

TEST_CASE("golden: every letter at every stage of the sample", "[golden][letters]") {
  for (const auto& s : kStages) {
    fs::path out = letters_of(s) / "out";
    std::vector<fs::path> kinds;
    for (const auto& e : fs::directory_iterator(out)) kinds.push_back(e.path());
    std::sort(kinds.begin(), kinds.end());
    for (const auto& kind : kinds) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(kind))
        if (e.path().extension() == ".docx") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      REQUIRE(!files.empty());
      // The first recipient's letter stands for the kind: the others differ only in their addressee.
      std::string stem = fs::path(s.file).stem().string();
      INFO(stem << ": " << kind.filename().string());
      test::check_golden("letters/" + stem + "/" + kind.filename().string() + ".txt",
                         "# " + files[0].filename().string() + ", made on " + s.today + "\n" + text_of(files[0]));
    }
  }
}

TEST_CASE("the letters of the referral state its facts", "[letters]") {
  const auto& referred = stage("referred.yaml");
  std::string ofsted = letter(referred, "incident-notification", "Ofsted");
  CHECK_THAT(ofsted, Catch::Contains("concerning Child A, who died on 15 January 2025. Abuse or neglect is suspected.\n"
                                     "Child\nInitials\nDate of birth\nChild A\nEMQ\n3 November 2022\n"));
  CHECK_THAT(ofsted, Catch::Contains("will consider whether a Serious Case Review should be held under Chapter 4 of Working "
                                     "Together to Safeguard Children (2015)."));
  std::string info = letter(referred, "information-request", "Police");
  CHECK_THAT(info, Catch::Contains("received a referral on 17 January 2025 asking it to consider holding a Serious Case "
                                   "Review under Chapter 4 of Working Together to Safeguard Children (2015) in respect of "
                                   "Ellis Marlow-Quinn, who died on 15 January 2025."));
  CHECK_THAT(info, Catch::Contains("Re: referral NSCB/SCR/2025/01, Ellis Marlow-Quinn (born 3 November 2022)"));
  CHECK_THAT(info, Catch::Contains("Shannon Marlow\n22 May 2001\nmother\n14 Fernbank Close\nEastmere\nNB7 2RS\n"));
  CHECK_THAT(info, Catch::Contains("your agency must secure its records"));
  std::string thanks = letter(referred, "referral-acknowledgement", "Referrer");
  CHECK_THAT(thanks, Catch::Contains("which we received on 17 January 2025. Its reference is NSCB/SCR/2025/01"));
  CHECK_THAT(thanks, Catch::Contains("The decision is due by 17 February 2025."));
}

TEST_CASE("the letters of the decision state the decision, the guidance and who was told", "[letters]") {
  const auto& scoped = stage("scoped.yaml");
  std::string notice = letter(scoped, "decision-notice", "Ofsted");
  CHECK_THAT(notice, Catch::Contains("On 11 February 2025 I decided that this case meets the threshold for a Serious Case "
                                     "Review, on the recommendation of the review subgroup of 6 February 2025. The review "
                                     "follows Chapter 4 of Working Together to Safeguard Children (2015)."));
  CHECK_THAT(notice, Catch::Contains("The review is due to be completed by 11 August 2025."));
  // The referrer's letter is dated the day of the decision: the notice to Ofsted (14 February) and
  // the terms of reference (4 March) came later, and it says neither.
  std::string outcome = letter(scoped, "referrer-outcome", "Referrer");
  CHECK_THAT(outcome, Catch::StartsWith("11 February 2025\n"));
  CHECK_THAT(outcome, !Catch::Contains("notified"));
  CHECK_THAT(outcome, Catch::Contains("Its terms of reference will be agreed at the scoping meeting"));
  std::string member = letter(scoped, "board-members-notification", "Richard Okonjo");
  CHECK_THAT(member, Catch::Contains("who died on 15 January 2025. The review follows Chapter 4 of Working Together to "
                                     "Safeguard Children (2015)."));
  CHECK_THAT(member, Catch::Contains("The board is appointing an independent chair for the review panel."));
  // Nominations have their own date, not the chronologies' (4 April 2025).
  std::string email = letter(scoped, "board-email-draft", "Richard Okonjo");
  CHECK_THAT(email, Catch::Contains("tell the board office by 14 March 2025"));
  CHECK_THAT(email, Catch::Contains("The scoping meeting with the independent chair and the lead reviewer will take place on 4 "
                                    "March 2025."));
  std::string family = letter(scoped, "family-letter", "Parent 2");
  CHECK_THAT(family, Catch::Contains("Alan Pemberton (the independent overview author) will visit you on Wednesday 9 April "
                                     "2025 at 11:00, together with the social worker who knows your family, to explain the "
                                     "review"));
  CHECK_THAT(family, !Catch::Contains("Child A"));  // the family's letter names the child, and quotes no professional's reasons
  std::string other = letter(scoped, "other-boards-letter", "Eastmere Safeguarding Children Board");
  CHECK_THAT(other, Catch::Contains("the contact details of those agencies"));
  std::string coroner = letter(scoped, "coroner-letter", "Coroner");
  CHECK_THAT(coroner, Catch::Contains("following the death of Ellis Marlow-Quinn on 15 January 2025. The review follows Chapter "
                                      "4 of Working Together to Safeguard Children (2015)."));
  CHECK_THAT(coroner, Catch::Contains("The review expects to finish by 11 August 2025."));
  std::string cps = letter(scoped, "cps-letter", "CPS");
  CHECK_THAT(cps, Catch::Contains("how agencies worked with the family before 14 January 2025"));
  std::string agency = letter(scoped, "agency-notification", "Police");
  CHECK_THAT(agency, Catch::Contains("I have agreed to commission a Serious Case Review in respect of Ellis Marlow-Quinn, who "
                                     "died on 15 January 2025. The review follows Chapter 4"));
  // Dated the day of the decision: the contributions are agreed later, at the scoping meeting.
  CHECK_THAT(agency, Catch::Contains("Please tell Owen Castell at owen.castell@northbrook.example.org who will write the "
                                     "report for your agency, by 14 March 2025. The scoping meeting will agree what the "
                                     "review asks of each agency"));
  std::string reviewers = letter(scoped, "reviewers-notice", "National Panel");
  CHECK_THAT(reviewers, Catch::Contains("Overview author\nAlan Pemberton, Independent Overview Author, Pemberton Reviews\n"
                                        "Registered social worker; MA in Social Work;"));
}

TEST_CASE("the request for an agency report says all that 004 and 000 ask of it", "[letters]") {
  std::string r = letter(stage("scoped.yaml"), "imr-request", "CSC");
  for (const char* sentence : {
           "by 4 April 2025. Relevant information from before this period should be summarised.",
           "An agency report by 16 May 2025.",
           "Where no member of the family is or has been known to your agency, a report is still required to confirm this.",
           "The staff involved with the child and family should be interviewed for the report.",
           "Shannon Marlow\n22 May 2001\nmother\n",
           "Before it is submitted, the report must be quality assured within your agency and signed off by you",
           "Helen Kowalczyk, Head of Safeguarding and Quality Assurance represents your agency on the review panel.",
           "Because of the criminal proceedings, please tell Owen Castell at once which members of staff you wish to "
           "interview, so that each interview can be cleared with the senior investigating officer first.",
           "Gary Marlow (died 2 August 2021)",
           "Sibling 2 (expected 20 May 2025)",
           "by secure electronic means to Owen Castell at owen.castell@northbrook.example.org",
           "contact Owen Castell immediately",
           "of any other child or adult who becomes relevant to the review.",
           "Enclosures: the terms of reference; guidance for the agency report and its format; the chronology template and "
           "guidance on completing it; the information leaflet for professionals; guidance on interviewing staff.",
       })
    CHECK_THAT(r, Catch::Contains(sentence));
}

TEST_CASE("the letters after completion", "[letters]") {
  const auto& done = stage("case.yaml");
  std::string agency = letter(done, "agency-debrief-invitation", "CSC");
  CHECK_THAT(agency, Catch::Contains("including the author of your agency report"));
  CHECK_THAT(agency, Catch::Contains("Reply slip: debrief on NSCB/SCR/2025/01"));
  CHECK_THAT(agency, Catch::Contains("Tuesday 9 December 2025\n09:30\nNorthbrook Civic Offices, Committee Room 3"));
  std::string panel = letter(done, "pre-publication-notice", "National Panel");
  CHECK_THAT(panel, Catch::Contains("intends to publish the report on its website on 26 January 2026"));
  std::string extension = letter(done, "extension-request", "Ofsted");
  CHECK_THAT(extension, Catch::Contains("I am writing to ask Ofsted and the National Panel to agree in writing that it be "
                                        "completed by 31 October 2025 instead."));
  CHECK_THAT(extension, !Catch::Contains("after that date"));
  std::string debrief = letter(done, "debrief-invitation", "SW1");
  CHECK_THAT(debrief, Catch::Contains("Tuesday 9 December 2025, 09:30\nNorthbrook Civic Offices, Committee Room 3"));
  CHECK_THAT(debrief, Catch::Contains("The executive summary is enclosed"));
  std::string practitioner = letter(done, "practitioner-letter", "SW1");
  CHECK_THAT(practitioner, Catch::Contains("I will send you the record of what you said so that you can check it"));
  CHECK_THAT(practitioner, Catch::Contains("Enclosure: information leaflet for professionals"));
}

TEST_CASE("the letters of the other decisions", "[letters]") {
  std::string no = letter(stage("no-review.yaml"), "no-review-notice", "Ofsted");
  CHECK_THAT(no, Catch::Contains("On 11 February 2025 I decided that this case needs no further action, and that no review "
                                 "will be held under Chapter 4 of Working Together to Safeguard Children (2015)."));
  CHECK_THAT(no, Catch::Contains("The agencies' information shows that the injury was accidental"));
  std::string outcome = letter(stage("no-review.yaml"), "referrer-outcome", "Referrer");
  CHECK_THAT(outcome, Catch::Contains("No review will be held under Chapter 4 of Working Together to Safeguard Children (2015). "
                                      "The reasons have been recorded on the referral.\n"));
  CHECK_THAT(letter(stage("no-review.yaml"), "decision-to-agencies", "Police"),
             Catch::Contains("No review will be held. The alternatives considered, and why they were not chosen: A "
                             "single-agency audit was considered"));
  std::string alt = letter(stage("alternative.yaml"), "decision-to-agencies", "CSC");
  CHECK_THAT(alt, Catch::Contains("On 11 February 2025 I decided that this case does not meet the threshold for a Serious "
                                  "Case Review but warrants a Multi-Agency Review."));
  CHECK_THAT(alt, Catch::Contains("will appoint a lead reviewer"));
}

namespace {

// The sample decided another way: no-review.yaml with its decision replaced.
std::string decided(const std::string& decision, const std::string& kind, const std::string& doc) {
  std::string yaml = test::read_fixture("../samples/child-a/no-review.yaml");
  auto from = yaml.find("  decision:\n    option: i\n");
  REQUIRE(from != std::string::npos);
  auto to = yaml.find("  dates:\n", from);
  yaml.replace(from, to - from, "  decision:\n" + decision + "    reasons: The reasons recorded on the referral form.\n");
  auto k = yaml.find("  kind: scr\n");
  REQUIRE(k != std::string::npos);
  yaml.replace(k, 12, "  kind: " + kind + "\n");
  test::TempDir tmp;
  tmp.write("case.yaml", yaml);
  auto r = test::run_cli({"generate", (tmp.path / "case.yaml").string(), "--doc", doc, "-o", (tmp.path / "out").string(),
                          "--format", "docx", "--today", "2025-02-12"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const auto& e : fs::directory_iterator(tmp.path / "out" / doc)) return text_of(e.path());
  FAIL("nothing written");
  return {};
}

}  // namespace

// The referral form's options (003 Appendix 1), each a sentence after "I decided that", and b)
// with one of c) to g) as the form allows.
TEST_CASE("every decision option reads as a sentence in the referrer's letter", "[letters]") {
  struct Row {
    const char* decision;
    const char* kind;
    const char* sentence;
    const char* next;
  };
  const Row rows[] = {
      {"    option: a\n", "scr", "I decided that this case meets the threshold for a Serious Case Review.",
       "The review follows Chapter 4 of Working Together to Safeguard Children (2015)."},
      {"    option: b\n", "scr", "I decided that this case does not meet the threshold for a Serious Case Review.",
       "No review will be held under Chapter 4 of Working Together to Safeguard Children (2015)."},
      {"    option: c\n", "silp", "I decided that this case warrants a Significant Incident Learning Review (SILP).",
       "will be arranged through the board office"},
      {"    option: d\n", "multi-agency-review", "I decided that this case warrants a Multi-Agency Review.",
       "The Multi-Agency Review will be arranged"},
      {"    option: e\n", "single-agency-review", "I decided that this case warrants a Single-Agency Review.",
       "The Single-Agency Review will be arranged"},
      {"    option: f\n", "audit", "I decided that this case warrants a Multi-Agency Audit.", "The Audit will be arranged"},
      {"    option: g\n", "audit", "I decided that this case warrants a Single Agency Audit.", "The Audit will be arranged"},
      {"    option: h\n", "scr", "I decided that further information is to be gathered before a decision can be made.",
       "The board office is gathering further information from the agencies involved."},
      {"    option: i\n", "scr", "I decided that this case needs no further action.", "No review will be held under Chapter 4"},
      {"    options: [b, c]\n", "silp",
       "I decided that this case does not meet the threshold for a Serious Case Review but warrants a Significant "
       "Incident Learning Review (SILP).",
       "will be arranged through the board office"},
      {"    options: [b, e]\n", "single-agency-review",
       "I decided that this case does not meet the threshold for a Serious Case Review but warrants a Single-Agency "
       "Review.",
       "will be arranged through the board office"},
      {"    options: [b, g]\n", "audit",
       "I decided that this case does not meet the threshold for a Serious Case Review but warrants a Single Agency Audit.",
       "will be arranged through the board office"},
  };
  for (const auto& row : rows) {
    INFO(row.decision);
    std::string text = decided(row.decision, row.kind, "referrer-outcome");
    CHECK_THAT(text, Catch::Contains("On 11 February 2025 " + std::string(row.sentence)));
    CHECK_THAT(text, Catch::Contains(row.next));
    CHECK_THAT(text, !Catch::Contains("(silp)") && !Catch::Contains("this case further"));
  }
}

TEST_CASE("a letter says the national bodies were told only when the case records it", "[letters]") {
  std::string yaml = test::read_fixture("../samples/child-a/scoped.yaml");
  auto at = yaml.find("    decision_notified: 2025-02-14\n");
  REQUIRE(at != std::string::npos);
  yaml.erase(at, std::string("    decision_notified: 2025-02-14\n").size());
  test::TempDir tmp;
  tmp.write("case.yaml", yaml);
  auto r = test::run_cli({"generate", (tmp.path / "case.yaml").string(), "--doc", "referrer-outcome,board-members-notification",
                          "-o", (tmp.path / "out").string(), "--format", "docx", "--today", "2025-03-10"});
  REQUIRE(r.status == 0);
  for (const char* doc : {"referrer-outcome/Referrer.docx", "board-members-notification/Richard Okonjo.docx"}) {
    std::string text = text_of(tmp.path / "out" / doc);
    CHECK_THAT(text, !Catch::Contains("notified") && !Catch::Contains("have been told"));
  }
}

TEST_CASE("letters cite the edition the case follows, in the board's terms", "[letters]") {
  // The sample under Manchester's procedure and Working Together 2010: Chapter 8, Ofsted alone told
  // of the decision, the Ofsted grade descriptors enclosed, and the IMR called by its name.
  std::string yaml = test::read_fixture("../samples/child-a/scoped.yaml");
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"  board: northbrook\n", "  board: manchester\n"}, {"  working_together: \"2015\"\n", "  working_together: \"2010\"\n"}}) {
    auto at = yaml.find(from);
    REQUIRE(at != std::string::npos);
    yaml.replace(at, from.size(), to);
  }
  test::TempDir tmp;
  tmp.write("case.yaml", yaml);
  auto r = test::run_cli({"generate", (tmp.path / "case.yaml").string(), "--doc", "referrer-outcome,imr-request,decision-notice",
                          "-o", (tmp.path / "out").string(), "--format", "docx", "--today", "2025-03-10"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  // Written as of 10 March, after the notice of 14 February (filled with letters: not dated by its event).
  auto later = test::run_cli({"letters", test::repo_path("templates/letters/referrer-outcome.docx").string(),
                              (tmp.path / "case.yaml").string(), "--each", "contacts.referrer", "-o",
                              (tmp.path / "later").string(), "--today", "2025-03-10"});
  REQUIRE(later.status == 0);
  std::string outcome = text_of(tmp.path / "later" / "1.docx");
  CHECK_THAT(outcome, Catch::Contains("The review follows Chapter 8 of Working Together to Safeguard Children (2010)."));
  CHECK_THAT(outcome, Catch::Contains("The decision was notified to Ofsted on 14 February 2025."));
  CHECK_THAT(outcome, Catch::Contains("The Serious Case Review Sub Group (SCRSG) considered your referral"));
  std::string request = text_of(tmp.path / "out" / "imr-request" / "CSC.docx");
  CHECK_THAT(request, Catch::Contains("An Individual Management Review by 16 May 2025."));
  CHECK_THAT(request, Catch::Contains("guidance on interviewing staff; the Ofsted grade descriptors."));
  CHECK_THAT(request, Catch::Contains("Jason Trell\nabout 1995\n"));
  // Milton Keynes tells the Department for Education too (003 §1.2).
  std::string mk = test::read_fixture("../samples/child-a/scoped.yaml");
  mk.replace(mk.find("  board: northbrook\n"), 19, "  board: milton-keynes\n");
  tmp.write("mk.yaml", mk);
  r = test::run_cli({"letters", test::repo_path("templates/letters/referrer-outcome.docx").string(), (tmp.path / "mk.yaml").string(),
                     "--each", "contacts.referrer", "-o", (tmp.path / "mk").string(), "--today", "2025-03-10"});
  REQUIRE(r.status == 0);
  CHECK_THAT(text_of(tmp.path / "mk" / "1.docx"),
             Catch::Contains("The decision was notified to Ofsted, the National Panel and the Department for Education on 14 "
                             "February 2025."));
}

TEST_CASE("a letter whose data comes at a later stage says so", "[letters]") {
  auto r = test::run_cli({"letters", test::repo_path("templates/letters/imr-request.docx").string(),
                          test::repo_path("samples/child-a/referred.yaml").string(), "--each", "agencies", "-o",
                          (test::TempDir().path / "out").string(), "--today", "2025-01-20"});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("unknown variable 'terms_of_reference' in \"{% for q in terms_of_reference.focus_questions %}\""));
  CHECK_THAT(r.err, Catch::Contains("the case file has no terms_of_reference yet: it is normally known once the review is "
                                    "scoped (from review.dates.scoping_meeting)"));
}

TEST_CASE("a review of more than one child speaks of all of them", "[letters]") {
  std::string yaml = test::read_fixture("../samples/child-a/scoped.yaml");
  auto from = yaml.find("\nchild:\n");
  auto to = yaml.find("\nfamily:\n");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  std::string block = yaml.substr(from + 8, to - from - 8), indented;
  for (const auto& line : test::split_lines(block)) indented += line.empty() ? "\n" : "  " + line + "\n";
  indented.replace(0, 4, "  - ");  // the first key starts the list item
  yaml.replace(from, to - from,
               "\nchildren:\n" + indented +
                   "  - {id: child-b, name: Robin Marlow-Quinn, pseudonym: Child B, date_of_birth: 2023-12-01, sex: female, "
                   "parents: [mother, father]}\n");
  test::TempDir tmp;
  tmp.write("case.yaml", yaml);
  auto v = test::run_cli({"validate", (tmp.path / "case.yaml").string(), "--today", "2025-03-10", "--quiet"});
  INFO(v.err);
  CHECK(v.status == 0);
  auto r = test::run_cli({"generate", (tmp.path / "case.yaml").string(), "--doc", "decision-notice,referrer-outcome", "-o",
                          (tmp.path / "out").string(), "--format", "docx", "--today", "2025-03-10"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string notice = text_of(tmp.path / "out" / "decision-notice" / "Ofsted.docx");
  CHECK_THAT(notice, Catch::Contains("Decision on a referral: Child A and Child B (NSCB/SCR/2025/01)"));
  CHECK_THAT(notice, Catch::Contains("on the referral of Child A, who died on 15 January 2025, and Child B, where abuse"));
  CHECK_THAT(notice, Catch::Contains("Child A\nEMQ\n3 November 2022\nChild B\nRMQ\n1 December 2023\n"));
  std::string outcome = text_of(tmp.path / "out" / "referrer-outcome" / "Referrer.docx");
  CHECK_THAT(outcome, Catch::Contains("Re: Serious Case Review NSCB/SCR/2025/01, Ellis Marlow-Quinn (born 3 November 2022) and "
                                      "Robin Marlow-Quinn (born 1 December 2023)"));
  // Both forms at once, or a death review with no date of death, are refused.
  tmp.write("both.yaml", yaml + "child: {id: extra, name: X Y, pseudonym: Child C, date_of_birth: 2020-01-01}\n");
  auto both = test::run_cli({"validate", (tmp.path / "both.yaml").string()});
  CHECK(both.status == 1);
  CHECK_THAT(both.err, Catch::Contains("error: the case file has both child and children"));
}

TEST_CASE("a letter made later states a notice to the national bodies once it was sent", "[letters]") {
  // Filled with `letters`, a letter is written as of the day it is made: after 14 February the
  // referrer's letter says the decision was notified, and the panel's chair once scoped.
  test::TempDir tmp;
  auto r = test::run_cli({"letters", test::repo_path("templates/letters/referrer-outcome.docx").string(),
                          test::repo_path("samples/child-a/scoped.yaml").string(), "--each", "contacts.referrer", "-o",
                          (tmp.path / "out").string(), "--today", "2025-03-10"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string text = text_of(tmp.path / "out" / "1.docx");
  CHECK_THAT(text, Catch::Contains("It will be chaired by Dr Miriam Stroud. Its terms of reference ask how agencies worked "
                                   "together from 1 November 2023 to 14 January 2025. The decision was notified to Ofsted and "
                                   "the National Panel on 14 February 2025. Your agency will be asked for its contribution "
                                   "shortly."));
}
