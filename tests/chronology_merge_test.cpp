// The integrated chronology (issue 12): its order, the same event from two agencies put together,
// the anonymised view, the analysis (004 criterion 38: when the child was seen and seen alone; gaps
// in agency contact; contacts per month), the templates agencies are sent, and the outputs.
#include <catch2/catch.hpp>

#include "casefile/case.hpp"
#include "chronology/check.hpp"
#include "chronology/columns.hpp"
#include "chronology/merge.hpp"
#include "chronology/output.hpp"
#include "chronology/returns.hpp"
#include "chronology/timeline.hpp"
#include "chronology_support.hpp"
#include "support.hpp"

using namespace reviewkit;
using namespace reviewkit::chronology;

namespace {

using test::sample_case;
using test::sets;

const std::string kHead = "Date,Time,Agency,Name of subject,Age,Child seen,Source of Information,Event,Authors Comment\r\n";

CheckedReturn csv_return(const std::string& name, const std::string& rows) {
  Diagnostics diags;
  auto raw = read_csv_return(name, kHead + rows, heading_words(sets()), diags);
  REQUIRE(raw);
  CheckOptions options;
  options.kase = &sample_case();
  options.set = "chronolator";
  auto c = check_return(*raw, sets(), options, diags);
  for (const auto& l : test::lines(diags)) UNSCOPED_INFO(l);
  REQUIRE(!diags.has_errors());
  REQUIRE(c);
  return *c;
}

std::vector<std::string> order_of(const Integrated& m) {
  std::vector<std::string> out;
  for (const auto& e : m.entries)
    out.push_back(e.entry.entry.date.iso() + " " + (e.entry.entry.time.empty() ? "-" : e.entry.entry.time) + " " +
                  e.entry.entry.agency + " " + e.entry.entry.event);
  return out;
}

}  // namespace

TEST_CASE("the integrated chronology is in date and time order, untimed entries first in their day", "[chronology][merge]") {
  auto hv = csv_return("hv.csv",
                       "06/11/2023,14:00,HV,Child A,1,Y,HV record,HV afternoon,\r\n"
                       "06/11/2023,,HV,Child A,1,Y,HV record,HV untimed,\r\n"
                       "01/11/2023,,HV,Child A,1,N,HV record,HV first,\r\n");
  auto gp = csv_return("gp.csv",
                       "06/11/2023,09:00,GP,Parent 1,,,GP record,GP morning,\r\n"
                       "06/11/2023,14:00,GP,Parent 1,,,GP record,GP afternoon,\r\n"
                       "06/11/2023,,GP,Parent 1,,,GP record,GP untimed,\r\n");
  auto csc = csv_return("csc.csv", "06/11/2023,14:00,CSC,Child A,1,N,CSC record,CSC afternoon,\r\n");
  auto merged = merge_returns({hv, gp, csc}, sample_case());
  // Ties at the same time go by agency in the case's order (CSC, Police, HV, GP …), then by the
  // order of each return.
  CHECK(order_of(merged) == std::vector<std::string>{
                                "2023-11-01 - HV HV first",          "2023-11-06 - HV HV untimed",
                                "2023-11-06 - GP GP untimed",        "2023-11-06 09:00 GP GP morning",
                                "2023-11-06 14:00 CSC CSC afternoon", "2023-11-06 14:00 HV HV afternoon",
                                "2023-11-06 14:00 GP GP afternoon"});
  // Each entry keeps where it came from.
  CHECK(merged.entries[0].entry.file == "hv.csv");
  CHECK(merged.entries[0].entry.row == 4);
  CHECK(merged.agencies == std::vector<std::string>{"CSC", "HV", "GP"});
}

TEST_CASE("the same event told by two agencies is shown together, never dropped", "[chronology][merge]") {
  auto police = csv_return("police.csv",
                           "02/12/2023,23:10,Police,\"Parent 1, Parent 2\",,N,Police log,Call to the previous address: verbal argument "
                           "between Parent 1 and Parent 2,\r\n");
  auto csc = csv_return("csc.csv",
                        "02/12/2023,,CSC,\"Parent 2, Parent 1\",,,MASH record,Verbal argument between Parent 1 and Parent 2 at the "
                        "previous address (police call),\r\n"
                        "02/12/2023,,CSC,Parent 1,,,MASH record,Verbal argument between Parent 1 and Parent 2 at the previous "
                        "address (police call),\r\n"
                        "02/12/2023,,CSC,\"Parent 1, Parent 2\",,,MASH record,Strategy meeting arranged,\r\n");
  auto hv = csv_return("hv.csv", "02/12/2023,23:30,HV,\"Parent 1, Parent 2\",,,HV record,Call to the previous address: verbal argument "
                                 "between Parent 1 and Parent 2,\r\n");
  auto merged = merge_returns({police, csc, hv}, sample_case());
  REQUIRE(merged.entries.size() == 5);  // nothing dropped
  // The CSC's first entry (untimed, so first in the day) starts the event; the police's and the
  // health visitor's entries of it follow it; the entry about other people or other words does not.
  CHECK(order_of(merged) == std::vector<std::string>{
                                "2023-12-02 - CSC Verbal argument between Parent 1 and Parent 2 at the previous address (police call)",
                                "2023-12-02 23:10 Police Call to the previous address: verbal argument between Parent 1 and Parent 2",
                                "2023-12-02 23:30 HV Call to the previous address: verbal argument between Parent 1 and Parent 2",
                                "2023-12-02 - CSC Verbal argument between Parent 1 and Parent 2 at the previous address (police call)",
                                "2023-12-02 - CSC Strategy meeting arranged"});
  CHECK(merged.entries[0].same_event == 1);
  CHECK(merged.entries[1].same_event == 1);
  CHECK(merged.entries[1].same_as == "CSC, row 2");
  CHECK(merged.entries[2].same_event == 1);
  CHECK(merged.entries[3].same_event == 0);  // other people
  CHECK(merged.entries[4].same_event == 0);  // other words
  CHECK(same_words("Home visit: child seen and well", "Home visit; the child was seen and well"));
  CHECK(!same_words("Home visit", "Strategy meeting arranged"));
}

TEST_CASE("the anonymised view replaces real names and places, and says where", "[chronology][merge]") {
  const auto& kase = sample_case();
  const auto* mother = kase.person("mother");
  REQUIRE(mother);
  std::string first = mother->name.substr(0, mother->name.find(' '));
  auto r = csv_return("csc.csv", "04/12/2023,,CSC,Parent 1,,,MASH record," + mother->name + " said " + first +
                                     "'s partner had left 14 Fernbank Close,Spoke to " + first + "\r\n");
  auto merged = merge_returns({r}, kase);
  const auto& e = merged.entries.at(0).entry.entry;
  CHECK(e.event == "Parent 1 said Parent 1's partner had left the family home");
  CHECK(e.comment == "Spoke to Parent 1");
  REQUIRE(merged.notes.size() == 1);
  CHECK(merged.notes[0] == "csc.csv row 2: real names in the text replaced by Parent 1 and the family home");
  // The restricted copy keeps them.
  MergeOptions named;
  named.named = true;
  auto restricted = merge_returns({r}, kase, named);
  CHECK(restricted.entries.at(0).entry.entry.event.find(mother->name) == 0);
  CHECK(restricted.notes.empty());
  // And the anonymised outputs hold no real name anywhere.
  for (auto f : {OutFormat::Csv, OutFormat::Yaml}) {
    std::string out = write_integrated(merged, *sets().find("chronolator"), kase, f);
    CHECK(out.find(mother->name) == std::string::npos);
    CHECK(out.find(first) == std::string::npos);
    std::string named_out = write_integrated(restricted, *sets().find("chronolator"), kase, f);
    CHECK(named_out.find(mother->name) != std::string::npos);
  }
}

TEST_CASE("the analysis: the child seen and seen alone, gaps in contact, contacts per month", "[chronology][merge]") {
  // Child seen, seen alone and wishes and feelings come from YAML returns (the case file's fields).
  test::TempDir dir;
  dir.write("hv.yaml",
            "entries:\n"
            "  - {date: 2023-11-06, agency: HV, subjects: [child], child_seen: true, seen_alone: true, wishes_and_feelings: true, source: r, event: a}\n"
            "  - {date: 2023-11-20, agency: HV, subjects: [child], child_seen: false, source: r, event: b}\n"
            "  - {date: 2024-01-10, agency: HV, subjects: [child], child_seen: true, source: r, event: c}\n");
  dir.write("gp.yaml",
            "entries:\n"
            "  - {date: 2023-11-07, agency: GP, subjects: [mother], source: r, event: d}\n"
            "  - {date: 2023-11-30, agency: GP, subjects: [child], source: r, event: e}\n");
  std::vector<CheckedReturn> returns;
  for (const char* f : {"hv.yaml", "gp.yaml"}) {
    Diagnostics diags;
    auto raw = read_return(dir.path / f, heading_words(sets()), diags);
    REQUIRE(raw);
    CheckOptions options;
    options.kase = &sample_case();
    auto c = check_return(*raw, sets(), options, diags);
    for (const auto& l : test::lines(diags)) UNSCOPED_INFO(l);
    REQUIRE(!diags.has_errors());
    returns.push_back(*c);
  }
  MergeOptions options;
  options.from = Date{2023, 11, 1};
  options.to = Date{2024, 2, 29};
  auto merged = merge_returns(returns, sample_case(), options);
  const auto& a = merged.analysis;
  REQUIRE(a.seen.size() == 3);  // HV, GP, all agencies
  CHECK(a.seen[0].agency == "HV");
  CHECK(a.seen[0].entries == 3);
  CHECK(a.seen[0].seen == 2);
  CHECK(a.seen[0].seen_alone == 1);
  CHECK(a.seen[0].wishes == 1);
  CHECK(a.seen[0].seen_on == std::vector<Date>{{2023, 11, 6}, {2024, 1, 10}});
  CHECK(a.seen[0].alone_on == std::vector<Date>{{2023, 11, 6}});
  CHECK(a.seen[1].agency == "GP");
  CHECK(a.seen[1].about_child == 1);
  CHECK(a.seen[1].not_recorded == 1);  // about the child, and whether the child was seen not said
  CHECK(a.seen[2].agency.empty());
  CHECK(a.seen[2].entries == 5);
  CHECK(a.seen[2].seen == 2);
  // Gaps over 28 days: none before 6 November (5 days from 1 November), 30 Nov → 10 Jan (40 days
  // between), 10 Jan → the period's end 29 Feb (50 days without, its last day included); HV's own
  // 20 Nov → 10 Jan (50).
  REQUIRE(a.gaps.size() == 3);
  CHECK(a.gaps[0].agency.empty());
  CHECK(a.gaps[0].from == Date{2023, 11, 30});
  CHECK(a.gaps[0].to == Date{2024, 1, 10});
  CHECK(a.gaps[0].days == 40);
  CHECK(a.gaps[1].agency.empty());
  CHECK(a.gaps[1].days == 50);
  CHECK(a.gaps[1].to_end);
  CHECK(!a.gaps[0].from_start);
  CHECK(a.gaps[2].agency == "HV");
  CHECK(a.gaps[2].days == 50);
  CHECK(a.per_month.at("2023-11").at("HV") == 2);
  CHECK(a.per_month.at("2023-11").at("GP") == 2);
  CHECK(a.per_month.at("2024-01").at("HV") == 1);
  // A threshold of its own.
  options.gap_days = 45;
  auto wider = merge_returns(returns, sample_case(), options);
  CHECK(wider.analysis.gaps.size() == 2);
}

TEST_CASE("every column set's template reads back as a clean return, in every format", "[chronology][merge]") {
  const auto& kase = sample_case();
  const auto* agency = kase.agency("HV");
  REQUIRE(agency);
  for (const auto& set : sets().sets) {
    for (auto f : {OutFormat::Docx, OutFormat::Xlsx, OutFormat::Csv}) {
      INFO(set.name << " " << out_extension(f));
      std::string bytes = write_template(set, kase, *agency, f);
      Diagnostics diags;
      std::optional<RawReturn> raw;
      if (f == OutFormat::Docx) raw = read_docx_return("t.docx", bytes, heading_words(sets()), diags);
      if (f == OutFormat::Xlsx) raw = read_xlsx_return("t.xlsx", bytes, heading_words(sets()), diags);
      if (f == OutFormat::Csv) raw = read_csv_return("t.csv", bytes, heading_words(sets()), diags);
      REQUIRE(raw);
      CheckOptions options;
      options.kase = &kase;
      options.set = set.name;
      auto c = check_return(*raw, sets(), options, diags);
      REQUIRE(c);
      CHECK(c->set == set.name);
      CHECK(c->agency == "HV");
      CHECK(c->entries.empty());
      // Two notes until the agency fills it in: who completed it, and that it has no entries; nothing else.
      for (const auto& l : test::lines(diags)) {
        INFO(l);
        CHECK((l.find("note: the return does not say who completed it") != std::string::npos ||
               l.find("note: the return has no entries") != std::string::npos));
      }
    }
  }
  // The header of 004 e's template: the case's details, the subjects with their relationship.
  auto header = template_header(*sets().find("chronolator"), kase, *agency);
  auto value = [&](const std::string& label) {
    for (const auto& [l, v] : header)
      if (l == label) return v;
    return std::string("(missing)");
  };
  CHECK(value("Child") == "Child A");
  CHECK(value("Date of birth") == kase.child.date_of_birth->format("%d/%m/%Y"));
  CHECK(value("Period under review") == "01/11/2023 to 14/01/2025");
  CHECK(value("Dates of any period subject to child protection plan") == "18/04/2024 onwards (continuing)");
  CHECK(value("Subjects of the review").find("Child A (the child); ") == 0);
  CHECK(value("Completed by") == "");
  CHECK(value("Date completed") == "");
  // Enfield's form names the header fields in its own words (001 Appendix 3).
  auto enfield = template_header(*sets().find("enfield"), kase, *agency);
  CHECK(enfield.at(2).first == "Child's full name");
  CHECK(enfield.at(2).second == "Child A");
}

TEST_CASE("chronology commands: template, check and merge as a user runs them", "[chronology][merge][cli]") {
  test::TempDir dir;
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  std::string returns = test::repo_path("samples/child-a/returns").string();
  auto t = test::run_cli({"chronology", "template", kase, "--each", "-o", (dir.path / "templates").string(), "--format", "docx,csv"});
  INFO(t.err);
  CHECK(t.status == 0);
  CHECK(t.out == "wrote 16 chronology templates to " + (dir.path / "templates").string() +
                     " (Chronolator (004 e, Guidance Notes for Agency Chronology)) for 8 agencies\n");
  CHECK(std::filesystem::exists(dir.path / "templates" / "Housing-chronology.docx"));
  CHECK(std::filesystem::exists(dir.path / "templates" / "DAS-chronology.csv"));
  // Usage errors say so, exit 2.
  auto bad = test::run_cli({"chronology", "template", kase, "--agency", "HVV", "-o", (dir.path / "x").string()});
  CHECK(bad.status == 2);
  CHECK(bad.err == "reviewkit chronology: error: 'HVV' is not one of the case's agencies (did you mean 'HV'?) (usage: reviewkit "
                   "chronology template CASE.yaml (--agency ABBR[,ABBR] | --each) -o DIR [--format docx,xlsx,csv] [--force])\n");
  // A broken return: exit 1, the input untouched.
  std::string broken = returns + "/broken/date-invalid.csv";
  std::string before = test::read_fixture("../samples/child-a/returns/broken/date-invalid.csv");
  auto c = test::run_cli({"chronology", "check", broken, "--case", kase});
  CHECK(c.status == 1);
  CHECK(c.err.find("date-invalid.csv:3:1: error: row 3, 'Date': '30/02/2024' is not a date") != std::string::npos);
  CHECK(test::read_fixture("../samples/child-a/returns/broken/date-invalid.csv") == before);
  // Merge refuses while a return has errors, and writes nothing.
  auto refused = test::run_cli({"chronology", "merge", broken, "--case", kase, "-o", (dir.path / "x.docx").string()});
  CHECK(refused.status == 1);
  CHECK(!std::filesystem::exists(dir.path / "x.docx"));
  // The sample's returns merge; the DOCX is landscape, its heading row repeats, it is grouped by
  // month and marked on every page.
  std::vector<std::string> args = {"chronology", "merge"};
  for (const char* f : {"CSC-chronology.docx", "Police-chronology.docx", "HV-chronology.docx", "Housing-chronology-enfield.docx",
                        "GP-chronology.csv", "EY-chronology.csv", "NGH-chronology.xlsx", "DAS-chronology.yaml"})
    args.push_back(returns + "/" + f);
  for (const char* ext : {"docx", "yaml"}) {
    auto a = args;
    a.insert(a.end(), {"--case", kase, "-o", (dir.path / (std::string("integrated.") + ext)).string()});
    auto m = test::run_cli(a);
    INFO(m.err);
    REQUIRE(m.status == 0);
    CHECK(m.out.find(": 63 entries from 8 agencies (anonymised); the child seen 15 times, alone not recorded;") != std::string::npos);
  }
  // Dates the wrong way round are a usage error; the same return twice is read once.
  auto backwards = test::run_cli({"chronology", "merge", returns + "/GP-chronology.csv", "--case", kase, "--from", "2024-06-01", "--to",
                                  "2024-01-01", "-o", (dir.path / "b.csv").string()});
  CHECK(backwards.status == 2);
  CHECK(backwards.err.find("--from 2024-06-01 is after --to 2024-01-01") != std::string::npos);
  auto twice = test::run_cli({"chronology", "merge", returns + "/GP-chronology.csv", returns + "/../returns/GP-chronology.csv", "--case",
                              kase, "-o", (dir.path / "twice.csv").string()});
  CHECK(twice.status == 0);
  CHECK(twice.out.find(": 7 entries from 1 agency") != std::string::npos);
  CHECK(twice.err.find("GP-chronology.csv: warning: this return is ") != std::string::npos);
  // The CSV says its marking and which copy it is above the table.
  std::string csv = test::read_fixture((dir.path / "twice.csv").string());
  CHECK(csv.find("Security marking:,RESTRICTED\r\nCopy:,\"anonymised: people by pseudonym, staff by role code\"\r\n") != std::string::npos);
  std::string doc = test::docx_part(dir.path / "integrated.docx", "word/document.xml");
  CHECK(doc.find("w:orient=\"landscape\"") != std::string::npos);
  CHECK(doc.find("<w:tblHeader/>") != std::string::npos);
  auto paras = test::paragraphs(doc);
  CHECK(std::find(paras.begin(), paras.end(), "November 2023") != paras.end());
  CHECK(std::find(paras.begin(), paras.end(), "January 2025") != paras.end());
  CHECK(std::find(paras.begin(), paras.end(), "When the child was seen") != paras.end());
  CHECK(test::paragraphs(test::docx_part(dir.path / "integrated.docx", "word/header1.xml")) == std::vector<std::string>{"RESTRICTED"});
  // The YAML is a chronology the case file can hold: a case listing it under chronology.files is valid.
  std::string case_text = test::read_fixture("../samples/child-a/case.yaml");
  auto at = case_text.find("\nchronology:\n");
  auto end = case_text.find("\nfindings:", at);
  REQUIRE(at != std::string::npos);
  REQUIRE(end != std::string::npos);
  case_text = case_text.substr(0, at) + "\nchronology:\n  files: [integrated.yaml]\n" + case_text.substr(end);
  dir.write("case.yaml", case_text);
  Diagnostics diags;
  auto reloaded = casefile::load_case((dir.path / "case.yaml").string(), diags, Date{2026, 6, 1});
  for (const auto& l : test::lines(diags)) UNSCOPED_INFO(l);
  REQUIRE(reloaded);
  CHECK(!diags.has_errors());
  CHECK(reloaded->chronology.size() == 63);
}

TEST_CASE("the timeline of a chronology: a lane an agency, the key events across them", "[chronology][merge][figures]") {
  const auto& kase = sample_case();
  std::vector<const casefile::ChronologyEntry*> entries;
  for (const auto& e : kase.chronology) entries.push_back(&e);
  auto t = timeline_of(entries, kase, std::nullopt, std::nullopt, false);
  CHECK(t.from == Date{2023, 11, 1});
  CHECK(t.to == Date{2025, 1, 14});
  CHECK(t.title == "Agency contact with Child A, 1 November 2023 to 14 January 2025");
  // Lanes in the case's order of agencies.
  CHECK(t.lanes == std::vector<std::string>{"CSC", "Police", "HV", "GP", "NGH", "EY", "Housing", "DAS"});
  CHECK(t.marks.size() == kase.chronology.size());
  std::size_t seen = 0;
  for (const auto& m : t.marks) seen += m.child_seen;
  CHECK(seen == 15);
  std::vector<std::string> labels;
  for (const auto& e : t.events) labels.push_back(e.label + (e.to ? " (period)" : ""));
  // The incident, both children's child protection plans (from 18 April 2024, continuing to the
  // period's end), and no death: the child died on 15 January 2025, after the period.
  CHECK(labels == std::vector<std::string>{"Child protection plan: Child A (neglect) (period)",
                                           "Child protection plan: Sibling 1 (neglect) (period)", "Incident"});
  CHECK(t.events[0].from == Date{2024, 4, 18});
  CHECK(*t.events[0].to == Date{2025, 1, 14});
  // A named copy names the child; the case's key events are drawn too.
  auto named = timeline_of(entries, kase, Date{2024, 1, 1}, Date{2025, 2, 1}, true);
  CHECK(named.title.find(kase.child.name) != std::string::npos);
  CHECK(std::any_of(named.events.begin(), named.events.end(), [&](const figures::TimelineEvent& e) {
    return e.label == kase.child.name + " died";
  }));
}

TEST_CASE("figure timeline and the integrated chronology's PDF", "[chronology][merge][figures][cli]") {
  test::TempDir dir;
  std::string kase = test::repo_path("samples/child-a/case.yaml").string();
  for (const char* ext : {"svg", "pdf", "png"}) {
    auto r = test::run_cli({"figure", "timeline", kase, "-o", (dir.path / (std::string("t.") + ext)).string()});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out == "wrote " + (dir.path / (std::string("t.") + ext)).string() +
                       ": 63 contacts of 8 agencies, 1 November 2023 to 14 January 2025\n");
  }
  std::string svg = test::read_fixture((dir.path / "t.svg").string());
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(test::read_fixture((dir.path / "t.png").string()).compare(1, 3, "PNG") == 0);
  // The merged PDF: landscape pages, the timeline as vector art (a form XObject, no image).
  std::string returns = test::repo_path("samples/child-a/returns").string();
  auto m = test::run_cli({"chronology", "merge", returns + "/CSC-chronology.docx", returns + "/GP-chronology.csv", "--case", kase, "-o",
                          (dir.path / "i.pdf").string()});
  INFO(m.err);
  REQUIRE(m.status == 0);
  std::string pdf = test::read_fixture((dir.path / "i.pdf").string());
  CHECK(pdf.compare(0, 5, "%PDF-") == 0);
  CHECK(pdf.find("/Subtype/Form") != std::string::npos);
  CHECK(pdf.find("/Subtype/Image") == std::string::npos);
  CHECK(pdf.find("841.") != std::string::npos);  // A4 landscape: 841.9 wide
}

TEST_CASE("the chart of contacts per agency per month", "[chronology][merge][figures]") {
  auto hv = csv_return("hv.csv", "06/11/2023,,HV,Child A,1,Y,HV record,a,\r\n07/11/2023,,HV,Child A,1,Y,HV record,b,\r\n"
                                 "02/01/2024,,HV,Child A,1,Y,HV record,c,\r\n");
  auto gp = csv_return("gp.csv", "20/11/2023,,GP,Parent 1,,,GP record,d,\r\n");
  auto merged = merge_returns({hv, gp}, sample_case());
  auto bars = monthly_bars_of(merged);
  // Every month from the first entry's to the last's, December with none.
  CHECK(bars.months == std::vector<std::string>{"Nov 2023", "Dec 2023", "Jan 2024"});
  CHECK(bars.series == std::vector<std::string>{"HV", "GP"});
  CHECK(bars.counts == std::vector<std::vector<int>>{{2, 1}, {0, 0}, {1, 0}});
  CHECK(figures::describe_bars(bars) ==
        "Contacts per agency per month: 4 contacts over 3 months, the most in Nov 2023 (3); HV 3 and GP 1.");
  std::string png = figures::draw_monthly_bars(bars, figures::Format::Png, 400, 150, 72);
  REQUIRE(png.size() > 24);
  CHECK(png.compare(1, 3, "PNG") == 0);
  CHECK(figures::draw_monthly_bars(figures::MonthlyBars{}, figures::Format::Svg).empty());
}

TEST_CASE("the anonymised view: possessives, plurals, capitals, everyone the case names, places in part", "[chronology][merge]") {
  const auto& kase = sample_case();
  NameKey key = name_key(kase);
  std::vector<std::string> used;
  // Word's curly apostrophe, a family's name in the plural, capitals, a street without its number.
  std::string text = anonymise("Shannon\xE2\x80\x99s mother visited the Marlows at Fernbank Close; SHANNON said so", key, used);
  CHECK(text == "Parent 1\xE2\x80\x99s mother visited the [family name] at the family home; Parent 1 said so");
  // People the case names without a pseudonym (an agency's senior manager, the board's contacts)
  // by their role; everyday words that are also parts of names left alone.
  std::string manager = kase.data->get("agencies")->items[0]->get("senior_manager")->get("name")->text();
  used.clear();
  std::string told = anonymise(manager + " was told; a period of grace; the Constable arrived", key, used);
  CHECK(told.find(manager) == std::string::npos);
  CHECK(told.find("a period of grace; the Constable arrived") != std::string::npos);
}

TEST_CASE("an event several agencies recorded is one occasion for all agencies", "[chronology][merge]") {
  auto hv = csv_return("hv.csv", "02/04/2024,10:00,HV,Child A,1,Y,HV record,Home visit: Child A seen with Parent 1,\r\n");
  auto csc = csv_return("csc.csv", "02/04/2024,10:30,CSC,Child A,1,Y,CSC record,Joint home visit: Child A seen with Parent 1,\r\n"
                                   "02/04/2024,22:30,CSC,Child A,1,Y,CSC record,Home visit: Child A seen with Parent 1,\r\n");
  auto police = csv_return("police.csv", "02/04/2024,16:00,Police,Child A,1,Y,Police log,Home visit: Child A seen with Parent 1,\r\n");
  auto merged = merge_returns({hv, csc, police}, sample_case());
  // The HV's and the CSC's 10:30 entry are one event; the police's at 16:00 is not (hours from either),
  // and the CSC's own later entry is its own.
  REQUIRE(merged.entries.size() == 4);
  CHECK(merged.entries[0].same_event == 1);
  CHECK(merged.entries[1].same_event == 1);
  CHECK(merged.entries[1].entry.entry.agency == "CSC");
  CHECK(merged.entries[2].same_event == 0);
  CHECK(merged.entries[3].same_event == 0);
  const auto& all = merged.analysis.seen.back();
  CHECK(all.seen == 3);  // four entries, three occasions
  CHECK(all.seen_on == std::vector<Date>{{2024, 4, 2}});
  CHECK(!all.alone_recorded);  // Chronolator's columns cannot say
}
