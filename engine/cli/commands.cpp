#include "commands.hpp"

#include <algorithm>
#include <ostream>

namespace reviewkit::cli {

const std::string* Parsed::option(const std::string& name) const {
  for (const auto& [k, v] : options)
    if (k == name) return &v;
  return nullptr;
}

Parsed parse_arguments(const std::vector<std::string>& args, const std::vector<std::string>& with_value,
                       const std::vector<std::string>& flags, const std::string& command, std::ostream& err) {
  Parsed p;
  auto listed = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a.size() < 2 || a[0] != '-' || a == "--") {
      p.positional.push_back(a);
      continue;
    }
    std::string value;
    bool has_inline = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      has_inline = true;
    }
    if (listed(with_value, a)) {
      if (!has_inline) {
        if (i + 1 >= args.size()) {
          err << "reviewkit " << command << ": error: " << a << " needs a value (reviewkit help " << command << ")\n";
          p.ok = false;
          continue;
        }
        value = args[++i];
      }
      p.options.push_back({a, value});
    } else if (listed(flags, a) && !has_inline) {
      p.options.push_back({a, ""});
    } else {
      err << "reviewkit " << command << ": error: unknown option '" << a << "' (reviewkit help " << command
          << " lists the options)\n";
      p.ok = false;
    }
  }
  return p;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate", "validate CASE.yaml [--today YYYY-MM-DD] [--quiet]",
       "check a case file and print a summary of the case",
       "Usage: reviewkit validate CASE.yaml [--today YYYY-MM-DD] [--quiet]\n\n"
       "Checks a case file: every key (misspelt keys get a 'did you mean'), required fields, types,\n"
       "dates that exist and follow each other (no decision before the referral), references between\n"
       "sections (an action's recommendation, a professional's agency, a person's parents), unique\n"
       "pseudonyms that give no real name away, duplicate keys, the board profile it names, and the\n"
       "agency chronology files it lists.\n\n"
       "Every problem is reported at once on stderr as FILE:LINE:COL: error: message (how to mend it).\n"
       "When there are none, prints a summary of the case: people, agencies, chronology,\n"
       "recommendations, key dates and the statutory deadlines they imply (met, missed, to come).\n\n"
       "Options:\n"
       "  --today YYYY-MM-DD  judge deadlines as of this date instead of today\n"
       "  --quiet             print nothing when the case file is valid\n\n"
       "Exit status: 0 valid (warnings may be printed); 1 the case file has errors or cannot be read;\n"
       "2 usage error.\n",
       validate_command},
  };
  return table;
}

}  // namespace reviewkit::cli
