#include <cctype>
#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "common/files.hpp"
#include "documents.hpp"
#include "layout/render.hpp"

namespace reviewkit::cli {

int render_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--password-file"}, {"--force", "--encrypt"}, "render", err);
  if (!p.ok) return 2;
  const std::string* output = p.option("-o") ? p.option("-o") : p.option("--output");
  if (p.positional.size() != 1 || !output) {
    err << "reviewkit render: error: expected one document and -o OUT.pdf (usage: reviewkit render IN.docx -o OUT.pdf)\n";
    return 2;
  }
  const bool to_stdout = *output == "-";
  if (!to_stdout && lower_extension(*output) != ".pdf") {
    err << "reviewkit render: error: -o " << *output << " must end in .pdf (render writes a PDF)\n";
    return 2;
  }
  int password_status = 0;
  auto password = encryption_password(p, "render", err, password_status);
  if (!password) return password_status;
  const std::string& input = p.positional[0];
  std::string why;
  auto bytes = read_file(input, why);
  Diagnostics diags;
  if (!bytes) {
    diags.error(Location{input, 0, 0, {}, {}, 0}, "cannot read the document: " + why, "check the path");
  }
  std::optional<std::string> pdf;
  layout::PdfOptions options;
  options.password = *password;
  pdf::FontBook fonts;
  if (bytes) pdf = layout::render_docx(*bytes, input, options, fonts, diags);
  diags.print(err);
  if (!pdf) {
    err << "reviewkit render: " << count_problems(diags) << "; nothing was written\n";
    return 1;
  }
  if (to_stdout) return write_to_stdout(*pdf, "render", out, err) ? 0 : 1;
  if (!write_file_atomically(*output, *pdf, why, p.option("--force") != nullptr)) {
    err << *output << ": error: cannot write the PDF: " << why << " (choose a folder you can write to)\n";
    return 1;
  }
  out << "wrote " << *output << "\n";
  return 0;
}

}  // namespace reviewkit::cli
