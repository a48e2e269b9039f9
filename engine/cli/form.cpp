#include <cstdlib>
#include <ostream>

#include "commands.hpp"
#include "common/files.hpp"
#include "documents.hpp"
#include "forms/forms.hpp"

namespace reviewkit::cli {

int form_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--password-file"}, {"--force"}, "form", err);
  if (!p.ok) return 2;
  const std::string* output = p.option("-o") ? p.option("-o") : p.option("--output");
  auto usage = [&](const std::string& message) {
    err << "reviewkit form: error: " << message
        << " (usage: reviewkit form build FORM.yaml -o FORM.pdf | reviewkit form read FILLED.pdf [-o ANSWERS.yaml])\n";
    return 2;
  };
  if (p.positional.size() != 2) return usage("expected build or read, and a file");
  const std::string& action = p.positional[0];
  const std::string& input = p.positional[1];
  Diagnostics diags;
  std::optional<std::string> result;
  if (action == "build") {
    if (!output) return usage("say where to write the form with -o FORM.pdf");
    result = forms::build_form(input, diags);
  } else if (action == "read") {
    std::string why;
    auto bytes = read_file(input, why);
    if (!bytes) diags.error(Location{input, 0, 0, {}, {}, 0}, "cannot read the form: " + why, "check the path");
    else {
      // An encrypted form opens with the same password sources as --encrypt.
      int status = 0;
      auto password = read_password(p, "form", err, status, false);
      if (!password) return status;
      result = forms::read_form(*bytes, input, *password, diags);
    }
  } else {
    return usage("unknown action '" + action + "'");
  }
  diags.print(err);
  if (!result) {
    err << "reviewkit form: " << count_problems(diags) << "; nothing was written\n";
    return 1;
  }
  if (!output || *output == "-") return write_to_stdout(*result, "form", out, err, action == "read") ? 0 : 1;
  std::string why;
  if (!write_file_atomically(*output, *result, why, p.option("--force") != nullptr)) {
    err << *output << ": error: cannot write: " << why << " (choose a folder you can write to)\n";
    return 1;
  }
  out << "wrote " << *output << "\n";
  return 0;
}

}  // namespace reviewkit::cli
