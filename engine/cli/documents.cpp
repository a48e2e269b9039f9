#include "documents.hpp"

#include <chrono>
#include <ostream>

#include "casefile/case.hpp"
#include "casefile/summary.hpp"
#include "commands.hpp"

namespace reviewkit::cli {

Date today() {
  auto now = std::chrono::system_clock::now();
  auto days = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return Date::from_days(static_cast<long>(days));
}

std::string count_problems(const Diagnostics& d) {
  auto plural = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::string out = plural(d.error_count(), "error", "errors");
  if (d.warning_count()) out += ", " + plural(d.warning_count(), "warning", "warnings");
  return out;
}

data::NodePtr load_template_data(const std::string& path, const Date& as_of, Diagnostics& diags) {
  auto root = data::load_yaml_file(path, diags);
  if (!root) return nullptr;
  if (root->is_map() && root->get("reviewkit")) {
    auto c = casefile::load_case(path, diags);
    if (!c || diags.has_errors()) return nullptr;
    return casefile::template_data(*c, as_of);
  }
  if (!root->is_map()) {
    diags.error(root->where(), "the data must be a map of names and values at the top level",
                "write one name a line, each followed by ':'");
    return nullptr;
  }
  return root;
}

std::optional<std::vector<std::string>> output_formats(const Parsed& p, const std::string& command, std::ostream& err) {
  std::string spec = "docx";
  if (const std::string* f = p.option("--format")) spec = *f;
  if (p.option("--pdf")) spec = "pdf";
  std::vector<std::string> formats;
  std::size_t at = 0;
  while (at <= spec.size()) {
    std::size_t comma = spec.find(',', at);
    if (comma == std::string::npos) comma = spec.size();
    std::string f = spec.substr(at, comma - at);
    if (f != "docx" && f != "pdf") {
      err << "reviewkit " << command << ": error: unknown format '" << f << "' (use --format docx, pdf or docx,pdf)\n";
      return std::nullopt;
    }
    formats.push_back(f);
    at = comma + 1;
  }
  for (const auto& f : formats) {
    if (f == "pdf") {
      err << "reviewkit " << command
          << ": error: this version of reviewkit does not write PDF yet (use --format docx; PDF output comes with "
             "the layout stage)\n";
      return std::nullopt;
    }
  }
  return formats;
}

}  // namespace reviewkit::cli
