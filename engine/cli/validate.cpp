#include <ostream>

#include "casefile/case.hpp"
#include "casefile/schema.hpp"
#include "casefile/summary.hpp"
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
