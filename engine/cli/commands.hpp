// reviewkit/cli — the table of subcommands (internal to cli).
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace reviewkit::cli {

struct Command {
  std::string name;
  std::string synopsis;  ///< "validate CASE.yaml [--today DATE]"
  std::string summary;   ///< one line for `reviewkit --help`
  std::string help;      ///< the whole text of `reviewkit help NAME`
  std::function<int(const std::vector<std::string>&, std::ostream&, std::ostream&)> run;
};

const std::vector<Command>& commands();

int fill_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int letters_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int render_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int form_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int timescales_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int generate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int chronology_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int figure_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int scan_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int bundle_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int documents_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int copies_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `reviewkit help case-file`: every path of a case file, its type and what it is for.
std::string case_file_reference();

/// Splits arguments into positionals and --options (with values for those named in `with_value`).
/// Unknown options and missing values are usage errors, reported to `err`.
struct Parsed {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;
  bool ok = true;
  const std::string* option(const std::string& name) const;
};
Parsed parse_arguments(const std::vector<std::string>& args, const std::vector<std::string>& with_value,
                       const std::vector<std::string>& flags, const std::string& command, std::ostream& err);

}  // namespace reviewkit::cli
