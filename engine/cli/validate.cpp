#include <ostream>

#include "casefile/case.hpp"
#include "casefile/schema.hpp"
#include "casefile/summary.hpp"
#include "common/text.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "documents.hpp"

namespace reviewkit::cli {

int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"--today"}, {"--quiet"}, "validate", err);
  if (!p.ok) return kUsage;
  if (p.positional.size() != 1) {
    err << "reviewkit validate: error: expected one case file, got " << p.positional.size()
        << " (usage: reviewkit validate CASE.yaml)\n";
    return kUsage;
  }
  Date as_of = today();
  if (!today_option(p, "validate", err, as_of)) return kUsage;
  const std::string& file = p.positional[0];
  Diagnostics diags;
  auto c = casefile::load_case(file, diags, as_of);
  diags.print(err);
  if (diags.has_errors() || !c) {
    err << file << ": " << count_problems(diags) << "; fix them and run reviewkit validate again\n";
    return kInputProblem;
  }
  if (!p.option("--quiet")) out << casefile::summary(*c, as_of);
  if (diags.warning_count()) err << file << ": valid, with " << count_problems(diags).substr(10) << "\n";
  return kDone;
}

int timescales_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"--today"}, {"--json"}, "timescales", err);
  if (!p.ok) return kUsage;
  if (p.positional.size() != 1) {
    err << "reviewkit timescales: error: expected one case file, got " << p.positional.size()
        << " (usage: reviewkit timescales CASE.yaml [--today YYYY-MM-DD] [--json])\n";
    return kUsage;
  }
  Date as_of = today();
  if (!today_option(p, "timescales", err, as_of)) return kUsage;
  const std::string& file = p.positional[0];
  Diagnostics diags;
  auto c = casefile::load_case(file, diags, as_of);
  diags.print(err);
  if (diags.has_errors() || !c) {
    err << file << ": " << count_problems(diags) << "; fix them and run reviewkit timescales again\n";
    return kInputProblem;
  }
  auto deadlines = c->deadlines(as_of);
  if (p.option("--json")) {
    auto date = [](const std::optional<Date>& d) { return d ? json_quoted(d->iso()) : std::string("null"); };
    out << "{\"stage\": " << json_quoted(c->progress.stage()) << ", \"today\": " << json_quoted(as_of.iso())
        << ", \"deadlines\": [";
    for (std::size_t i = 0; i < deadlines.size(); ++i) {
      const auto& d = deadlines[i];
      out << (i ? ",\n  " : "\n  ") << "{\"id\": " << json_quoted(d.id()) << ", \"label\": " << json_quoted(d.label())
          << ", \"rule\": " << json_quoted(d.rule->describe()) << ", \"due\": " << date(d.due) << ", \"done\": " << date(d.done)
          << ", \"status\": " << json_quoted(status_name(d.status(as_of))) << ", \"days_late\": " << d.days_over(as_of);
      if (!d.rule->source.empty()) out << ", \"source\": " << json_quoted(d.rule->source);
      if (!d.note.empty()) out << ", \"note\": " << json_quoted(d.note);
      out << "}";
    }
    out << (deadlines.empty() ? "]}\n" : "\n]}\n");
    return kDone;
  }
  out << casefile::stage_line(*c) << "\nDeadlines (" << (c->board.name.empty() ? c->board_id : c->board.name) << ", Working Together "
      << c->working_together << "), as of " << as_of.uk() << ":\n";
  if (deadlines.empty()) out << "  none: the board profile sets no deadline rules\n";
  for (const auto& d : deadlines) out << "  " << casefile::deadline_line(d, as_of) << "\n";
  return kDone;
}

std::string case_file_reference() {
  std::string out =
      "Every field of a case file (docs/case-file.md explains them with a complete example).\n"
      "[] marks a list; * a required field (required only when the map around it is present); a field\n"
      "marked 'from STAGE' is required once the review reaches that stage (docs/case-file.md, Stages).\n"
      "Any map may also hold extra: with a board's own fields.\n\n";
  for (const auto& d : data::document(casefile::case_shape())) {
    out += (d.required ? "* " : "  ") + d.path + " — " + d.type;
    if (!d.doc.empty()) out += ": " + d.doc;
    if (!d.required_from.empty()) out += " (from " + d.required_from + ")";
    out += "\n";
  }
  return out;
}

}  // namespace reviewkit::cli
