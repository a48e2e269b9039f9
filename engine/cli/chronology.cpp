// reviewkit chronology template | check | merge, and reviewkit figure timeline | genogram.
#include <algorithm>
#include <filesystem>
#include <ostream>

#include "casefile/case.hpp"
#include "casefile/genogram.hpp"
#include "chronology/check.hpp"
#include "chronology/columns.hpp"
#include "chronology/merge.hpp"
#include "chronology/output.hpp"
#include "chronology/returns.hpp"
#include "chronology/timeline.hpp"
#include "figures/genogram.hpp"
#include "figures/surface.hpp"
#include "figures/timeline.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "common/files.hpp"
#include "common/numbers.hpp"
#include "common/suggest.hpp"
#include "common/text.hpp"
#include "documents.hpp"

namespace reviewkit::cli {

namespace fs = std::filesystem;
using namespace reviewkit::chronology;

namespace {

const char* kTemplateUsage = "reviewkit chronology template CASE.yaml (--agency ABBR[,ABBR] | --each) -o DIR [--format docx,xlsx,csv] [--force]";
const char* kCheckUsage = "reviewkit chronology check INPUT... [--case CASE.yaml] [--agency ABBR] [--sheet NAME]";
const char* kMergeUsage =
    "reviewkit chronology merge INPUT... --case CASE.yaml -o OUT.docx|.pdf|.csv|.xlsx|.yaml [--agency A,B] [--subject ID] "
    "[--from D --to D] [--named] [--gap-days N] [--force]";

// The column sets and, for a case, the one its board chooses; false after printing the problems.
bool load_sets(ColumnSets& sets, const casefile::Case* kase, const ColumnSet*& board_set, std::ostream& err) {
  Diagnostics diags;
  auto loaded = load_column_sets(default_column_sets_file(), diags);
  diags.print(err);
  if (!loaded) return false;
  sets = std::move(*loaded);
  std::string name = kase && !kase->board.chronology_columns.empty() ? kase->board.chronology_columns : "chronolator";
  board_set = sets.find(name);
  if (!board_set) {
    err << (kase ? kase->board.file : std::string("templates/chronology/columns.yaml")) << ": error: the board's chronology_columns '" << name
        << "' is not a column set of templates/chronology/columns.yaml (" << did_you_mean(name, sets.names()) << " the sets are "
        << listed(sets.names()) << ")\n";
    return false;
  }
  return true;
}

std::optional<casefile::Case> load_case_for(const std::string& file, const Date& as_of, const std::string& command, std::ostream& err) {
  Diagnostics diags;
  auto c = casefile::load_case(file, diags, as_of);
  diags.print(err);
  if (diags.has_errors() || !c) {
    err << file << ": " << count_problems(diags) << "; fix them and run reviewkit chronology " << command << " again\n";
    return std::nullopt;
  }
  return c;
}

int usage(const std::string& what, const char* line, std::ostream& err) {
  err << "reviewkit chronology: error: " << what << " (usage: " << line << ")\n";
  return kUsage;
}

int template_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--agency", "--format", "--today"}, {"--each", "--force"}, "chronology template", err);
  if (!p.ok) return kUsage;
  if (p.positional.size() != 1) return usage("expected one case file", kTemplateUsage, err);
  const std::string* dir = p.option("-o") ? p.option("-o") : p.option("--output");
  if (!dir) return usage("-o DIR is required: the folder the templates are written to", kTemplateUsage, err);
  if (!p.option("--each") == !p.option("--agency"))
    return usage("give --agency ABBR for one agency's template, or --each for every agency's", kTemplateUsage, err);
  std::vector<OutFormat> formats;
  for (const auto& f : split_ids(p.option("--format") ? *p.option("--format") : "docx")) {
    auto fmt = out_format_for(f);
    if (!fmt || (*fmt != OutFormat::Docx && *fmt != OutFormat::Xlsx && *fmt != OutFormat::Csv))
      return usage("--format takes docx, xlsx and csv, separated by commas, not '" + f + "'", kTemplateUsage, err);
    if (std::find(formats.begin(), formats.end(), *fmt) == formats.end()) formats.push_back(*fmt);
  }
  Date as_of = today();
  if (!today_option(p, "chronology template", err, as_of)) return kUsage;
  auto kase = load_case_for(p.positional[0], as_of, "template", err);
  if (!kase) return kInputProblem;
  ColumnSets sets;
  const ColumnSet* set = nullptr;
  if (!load_sets(sets, &*kase, set, err)) return kInputProblem;
  std::vector<const casefile::Agency*> agencies;
  if (p.option("--each")) {
    for (const auto& a : kase->agencies) agencies.push_back(&a);
  } else {
    std::vector<std::string> known;
    for (const auto& a : kase->agencies) known.push_back(a.abbreviation);
    for (const auto& want : split_ids(*p.option("--agency"))) {
      const casefile::Agency* a = kase->agency(want);
      if (!a) return usage("'" + want + "' is not one of the case's agencies (" + (did_you_mean(want, known).empty() ? "they are " + listed(known) : did_you_mean(want, known)) + ")",
                           kTemplateUsage, err);
      agencies.push_back(a);
    }
  }
  if (agencies.empty()) {
    err << p.positional[0] << ": error: the case has no agencies to send a chronology template to (add them under agencies:)\n";
    return kInputProblem;
  }
  std::string why;
  std::vector<std::string> notes;
  auto staging = StagedFolder::open(without_trailing_slash(*dir), p.option("--force") != nullptr, why, notes);
  for (const auto& n : notes) err << "reviewkit chronology template: " << n << "\n";
  if (!staging) {
    err << *dir << ": error: " << why << "\n";
    return kInputProblem;
  }
  std::size_t written = 0;
  for (const auto* a : agencies)
    for (auto f : formats) {
      std::string name = a->abbreviation + "-chronology" + out_extension(f);
      std::string bytes = write_template(*set, *kase, *a, f);
      if (!staging->write(name, bytes, why)) {
        err << *dir << ": error: " << why << "\n";
        return kInputProblem;
      }
      ++written;
    }
  if (!staging->commit(why)) {
    err << *dir << ": error: " << why << "\n";
    return kInputProblem;
  }
  out << "wrote " << counted(static_cast<long long>(written), "chronology template") << " to " << *dir << " ("
      << set->title << ") for " << counted(static_cast<long long>(agencies.size()), "agency", "agencies") << "\n";
  return kDone;
}

// Reads and checks every input; the checked returns in `checked`, problems in `diags`.
bool check_inputs(const Parsed& p, const casefile::Case* kase, const ColumnSets& sets, const ColumnSet* board_set,
                  std::vector<CheckedReturn>& checked, Diagnostics& diags) {
  CheckOptions options;
  options.kase = kase;
  if (const std::string* a = p.option("--agency"); a && split_ids(*a).size() == 1) options.agency = split_ids(*a)[0];
  if (kase) options.set = board_set->name;
  checked = check_returns(p.positional, sets, options, diags, p.option("--sheet") ? *p.option("--sheet") : std::string());
  return !diags.has_errors();
}

int check_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"--case", "--agency", "--sheet", "--today"}, {}, "chronology check", err);
  if (!p.ok) return kUsage;
  if (p.positional.empty()) return usage("expected one or more returns to check", kCheckUsage, err);
  Date as_of = today();
  if (!today_option(p, "chronology check", err, as_of)) return kUsage;
  std::optional<casefile::Case> kase;
  if (const std::string* c = p.option("--case")) {
    kase = load_case_for(*c, as_of, "check", err);
    if (!kase) return kInputProblem;
  }
  ColumnSets sets;
  const ColumnSet* board_set = nullptr;
  if (!load_sets(sets, kase ? &*kase : nullptr, board_set, err)) return kInputProblem;
  std::vector<CheckedReturn> checked;
  Diagnostics diags;
  check_inputs(p, kase ? &*kase : nullptr, sets, board_set, checked, diags);
  diags.print(err);
  for (const auto& c : checked) {
    const ColumnSet* s = sets.find(c.set);
    out << c.file << ": " << counted(static_cast<long long>(c.entries.size()), "entry", "entries");
    if (!c.agency.empty()) out << " from " << c.agency;
    out << ", read by " << (s ? s->title : std::string("the case file's fields"));
    if (!c.completed_by.empty()) out << "; completed by " << c.completed_by;
    if (c.completed_on) out << " on " << c.completed_on->uk();
    out << "\n";
  }
  if (diags.has_errors()) {
    err << count_problems(diags) << " in " << counted(static_cast<long long>(p.positional.size()), "return")
        << "; the agency must mend them (the file was not changed)\n";
    return kInputProblem;
  }
  if (diags.warning_count()) err << "no errors; " << count_problems(diags).substr(10) << "\n";
  return kDone;
}

int merge_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"--case", "-o", "--output", "--agency", "--subject", "--from", "--to", "--sheet", "--gap-days", "--today"},
                             {"--named", "--force"}, "chronology merge", err);
  if (!p.ok) return kUsage;
  if (p.positional.empty()) return usage("expected one or more returns to merge", kMergeUsage, err);
  const std::string* case_file = p.option("--case");
  if (!case_file) return usage("--case CASE.yaml is required: the people, agencies and period come from it", kMergeUsage, err);
  const std::string* output = p.option("-o") ? p.option("-o") : p.option("--output");
  if (!output) return usage("-o OUT is required", kMergeUsage, err);
  auto format = out_format_for(fs::path(*output).extension().string());
  if (!format || fs::path(*output).extension().empty())
    return usage("the output's extension says its format: .docx, .pdf, .csv, .xlsx or .yaml, not '" + *output + "'", kMergeUsage, err);
  MergeOptions options;
  options.named = p.option("--named") != nullptr;
  for (const char* opt : {"--from", "--to"})
    if (const std::string* d = p.option(opt)) {
      auto date = Date::parse(*d);
      if (!date) {
        auto g = Date::guess(*d);
        return usage(std::string(opt) + " must be a date written YYYY-MM-DD, not '" + *d + "'" + (g ? " (did you mean " + g->iso() + "?)" : ""),
                     kMergeUsage, err);
      }
      (std::string(opt) == "--from" ? options.from : options.to) = date;
    }
  if (options.from && options.to && *options.to < *options.from)
    return usage("--from " + options.from->iso() + " is after --to " + options.to->iso(), kMergeUsage, err);
  if (const std::string* g = p.option("--gap-days")) {
    auto n = parse_integer<int>(*g);
    if (!n || *n < 1 || *n > 3650) return usage("--gap-days takes a whole number of days from 1 to 3650, not '" + *g + "'", kMergeUsage, err);
    options.gap_days = *n;
  }
  Date as_of = today();
  if (!today_option(p, "chronology merge", err, as_of)) return kUsage;
  auto kase = load_case_for(*case_file, as_of, "merge", err);
  if (!kase) return kInputProblem;
  if (const std::string* a = p.option("--agency")) {
    std::vector<std::string> known;
    for (const auto& ag : kase->agencies) known.push_back(ag.abbreviation);
    for (const auto& want : split_ids(*a)) {
      if (!kase->agency(want)) return usage("'" + want + "' is not one of the case's agencies (" + (did_you_mean(want, known).empty() ? "they are " + listed(known) : did_you_mean(want, known)) + ")", kMergeUsage, err);
      options.agencies.push_back(want);
    }
  }
  if (const std::string* s = p.option("--subject")) {
    if (!kase->person(*s)) {
      std::vector<std::string> ids;
      for (const auto* person : kase->people()) ids.push_back(person->id);
      return usage("'" + *s + "' is not the id of one of the case's people (" + (did_you_mean(*s, ids).empty() ? "they are " + listed(ids) : did_you_mean(*s, ids)) + ")", kMergeUsage, err);
    }
    options.subject = *s;
  }
  if (auto problem = output_problem(*output, p.option("--force") != nullptr)) {
    err << *output << ": error: " << *problem << "\n";
    return kInputProblem;
  }
  ColumnSets sets;
  const ColumnSet* board_set = nullptr;
  if (!load_sets(sets, &*kase, board_set, err)) return kInputProblem;
  // --agency on merge chooses agencies; a return without an agency of its own takes none from it.
  Parsed for_check = p;
  for_check.options.erase(std::remove_if(for_check.options.begin(), for_check.options.end(),
                                         [](const auto& o) { return o.first == "--agency"; }),
                          for_check.options.end());
  std::vector<CheckedReturn> checked;
  Diagnostics diags;
  bool clean = check_inputs(for_check, &*kase, sets, board_set, checked, diags);
  diags.print(err);
  if (!clean) {
    err << count_problems(diags) << " in the returns; nothing was merged (mend them, or leave a return out, and merge again)\n";
    return kInputProblem;
  }
  Integrated merged = merge_returns(checked, *kase, options);
  std::string bytes;
  // The timeline and the chart of contacts per month, as wide as the landscape page's text: PNGs at
  // print resolution (300 dots per inch) in the DOCX, vector art in the PDF.
  Figure timeline, chart;
  if (*format == OutFormat::Docx || *format == OutFormat::Pdf) {
    bool pdf = *format == OutFormat::Pdf;
    auto f = pdf ? figures::Format::Pdf : figures::Format::Png;
    std::vector<const casefile::ChronologyEntry*> entries;
    for (const auto& m : merged.entries) entries.push_back(&m.entry.entry);
    auto t = timeline_of(entries, *kase, merged.from, merged.to, merged.named);
    timeline = {figures::draw_timeline(t, f, 770, 400, 300), 770, 400, pdf, figures::describe_timeline(t)};
    auto bars = monthly_bars_of(merged);
    chart = {figures::draw_monthly_bars(bars, f, 770, 200, 300), 770, 200, pdf, figures::describe_bars(bars)};
  }
  std::string docx = write_integrated(merged, *board_set, *kase, *format == OutFormat::Pdf ? OutFormat::Docx : *format, timeline, chart);
  if (*format == OutFormat::Pdf) {
    Outputs outs;
    outs.formats = {"pdf"};
    Diagnostics pdf_diags;
    auto pdf = pdf_of(docx, outs, kase->data.get(), "integrated chronology", pdf_diags);
    pdf_diags.print(err);
    if (!pdf) return kInputProblem;
    bytes = std::move(*pdf);
  } else {
    bytes = std::move(docx);
  }
  std::string why;
  if (!write_file_atomically(*output, bytes, why, p.option("--force") != nullptr)) {
    err << *output << ": error: " << why << "\n";
    return kInputProblem;
  }
  std::size_t shared = 0;
  for (const auto& m : merged.entries)
    if (!m.same_as.empty()) ++shared;
  std::size_t overall_gaps = static_cast<std::size_t>(
      std::count_if(merged.analysis.gaps.begin(), merged.analysis.gaps.end(), [](const Gap& g) { return g.agency.empty(); }));
  const SeenCounts& all = merged.analysis.seen.back();
  out << "wrote " << *output << ": " << counted(static_cast<long long>(merged.entries.size()), "entry", "entries") << " from "
      << counted(static_cast<long long>(merged.agencies.size()), "agency", "agencies") << (merged.named ? " (restricted: real names)" : " (anonymised)")
      << "; the child seen " << counted(all.seen, "time") << ", alone "
      << (all.alone_recorded ? counted(all.seen_alone, "time") : std::string("not recorded")) << "; "
      << counted(static_cast<long long>(overall_gaps), "period") << " of more than " << merged.analysis.gap_days << " days without agency contact";
  if (shared) out << "; " << counted(static_cast<long long>(shared), "entry", "entries") << " repeating another agency's";
  out << "\n";
  return kDone;
}

}  // namespace

int genogram_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const char* line = "reviewkit figure genogram CASE.yaml -o OUT.svg|.pdf|.png [--named] [--as-of D] [--force]";
  auto fail = [&](const std::string& what) {
    err << "reviewkit figure: error: " << what << " (usage: " << line << ")\n";
    return kUsage;
  };
  Parsed p = parse_arguments(args, {"-o", "--output", "--as-of", "--today"}, {"--named", "--force"}, "figure", err);
  if (!p.ok) return kUsage;
  if (p.positional.size() != 1) return fail("expected one case file");
  const std::string* output = p.option("-o") ? p.option("-o") : p.option("--output");
  if (!output) return fail("-o OUT is required");
  auto format = figures::format_for(*output);
  if (!format) return fail("the output's extension says its format: .svg, .pdf or .png, not '" + *output + "'");
  Date as_of = today();
  if (!today_option(p, "figure", err, as_of)) return kUsage;
  Date drawn_on = as_of;
  if (const std::string* d = p.option("--as-of")) {
    auto date = Date::parse(*d);
    if (!date) return fail("--as-of must be a date written YYYY-MM-DD, not '" + *d + "'");
    drawn_on = *date;
  }
  Diagnostics diags;
  auto kase = casefile::load_case(p.positional[0], diags, as_of);
  diags.print(err);
  if (diags.has_errors() || !kase) {
    err << p.positional[0] << ": " << count_problems(diags) << "; fix them and run reviewkit figure again\n";
    return kInputProblem;
  }
  auto g = casefile::genogram_of(*kase, {drawn_on, p.option("--named") != nullptr});
  if (g.people.empty()) {
    err << p.positional[0] << ": error: nobody in the case was born or known of by " << drawn_on.uk()
        << ", so there is no family to draw (check --as-of)\n";
    return kInputProblem;
  }
  std::string bytes = figures::draw_genogram(g, *format);
  if (bytes.empty()) {
    err << *output << ": error: the genogram cannot be drawn (" << g.people.size() << " people; at most "
        << figures::kMaxGenogramPeople << ", and the drawing at most " << static_cast<int>(figures::kMaxFigureSide)
        << " pixels a side)\n";
    return kInputProblem;
  }
  std::string why;
  if (!write_file_atomically(*output, bytes, why, p.option("--force") != nullptr)) {
    err << *output << ": error: " << why << "\n";
    return kInputProblem;
  }
  out << "wrote " << *output << ": the genogram of " << counted(static_cast<long long>(g.people.size()), "person", "people")
      << " as known on " << drawn_on.uk() << (p.option("--named") ? ", with real names (restricted)" : "") << "\n";
  return kDone;
}

int figure_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const char* line = "reviewkit figure timeline|genogram CASE.yaml -o OUT.svg|.pdf|.png … (reviewkit help figure)";
  auto fail = [&](const std::string& what) {
    err << "reviewkit figure: error: " << what << " (usage: " << line << ")\n";
    return kUsage;
  };
  if (args.empty()) return fail("expected the kind of figure: timeline or genogram");
  if (args[0] == "genogram") return genogram_command(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
  if (args[0] != "timeline") return fail("'" + args[0] + "' is not a figure reviewkit draws " + did_you_mean(args[0], {"timeline", "genogram"}));
  std::vector<std::string> rest(args.begin() + 1, args.end());
  Parsed p = parse_arguments(rest, {"-o", "--output", "--from", "--to", "--today"}, {"--named", "--force"}, "figure", err);
  if (!p.ok) return kUsage;
  if (p.positional.size() != 1) return fail("expected one case file");
  const std::string* output = p.option("-o") ? p.option("-o") : p.option("--output");
  if (!output) return fail("-o OUT is required");
  auto format = figures::format_for(*output);
  if (!format) return fail("the output's extension says its format: .svg, .pdf or .png, not '" + *output + "'");
  std::optional<Date> from, to;
  for (const char* opt : {"--from", "--to"})
    if (const std::string* d = p.option(opt)) {
      auto date = Date::parse(*d);
      if (!date) return fail(std::string(opt) + " must be a date written YYYY-MM-DD, not '" + *d + "'");
      (std::string(opt) == "--from" ? from : to) = date;
    }
  Date as_of = today();
  if (!today_option(p, "figure", err, as_of)) return kUsage;
  Diagnostics diags;
  auto kase = casefile::load_case(p.positional[0], diags, as_of);
  diags.print(err);
  if (diags.has_errors() || !kase) {
    err << p.positional[0] << ": " << count_problems(diags) << "; fix them and run reviewkit figure again\n";
    return kInputProblem;
  }
  std::vector<const casefile::ChronologyEntry*> entries;
  for (const auto& e : kase->chronology)
    if ((!from || !(e.date < *from)) && (!to || !(*to < e.date))) entries.push_back(&e);
  auto timeline = timeline_of(entries, *kase, from, to, p.option("--named") != nullptr);
  std::string bytes = figures::draw_timeline(timeline, *format);
  if (bytes.empty()) {
    err << *output << ": error: the timeline cannot be drawn for " << timeline.from.uk() << " to " << timeline.to.uk()
        << " (the period must start on or before its end)\n";
    return kInputProblem;
  }
  std::string why;
  if (!write_file_atomically(*output, bytes, why, p.option("--force") != nullptr)) {
    err << *output << ": error: " << why << "\n";
    return kInputProblem;
  }
  std::size_t drawn = figures::timeline_marks_drawn(timeline);
  out << "wrote " << *output << ": " << counted(static_cast<long long>(drawn), "contact") << " of "
      << counted(static_cast<long long>(timeline.lanes.size()), "agency", "agencies") << ", " << timeline.from.uk() << " to "
      << timeline.to.uk();
  if (drawn < timeline.marks.size()) out << " (" << timeline.marks.size() - drawn << " outside the period left out)";
  out << "\n";
  return kDone;
}

int chronology_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << "reviewkit chronology: error: expected template, check or merge (reviewkit help chronology)\n";
    return kUsage;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "template") return template_command(rest, out, err);
  if (args[0] == "check") return check_command(rest, out, err);
  if (args[0] == "merge") return merge_command(rest, out, err);
  err << "reviewkit chronology: error: '" << args[0] << "' is not template, check or merge "
      << did_you_mean(args[0], {"template", "check", "merge"}) << "\n";
  return kUsage;
}

}  // namespace reviewkit::cli
