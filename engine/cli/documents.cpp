#include "documents.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"

#include <algorithm>
#include <tuple>
#include <chrono>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <termios.h>
#include <unistd.h>
#include <ostream>

#include "casefile/case.hpp"
#include "casefile/summary.hpp"
#include "commands.hpp"
#include "documents/batch.hpp"
#include "common/files.hpp"
#include "common/utf8.hpp"
#include "layout/render.hpp"

namespace reviewkit::cli {

Date today() {
  auto now = std::chrono::system_clock::now();
  auto days = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return Date::from_days(static_cast<long>(days));
}

bool today_option(const Parsed& p, const std::string& command, std::ostream& err, Date& as_of) {
  const std::string* t = p.option("--today");
  if (!t) return true;
  if (auto d = Date::parse(*t)) {
    as_of = *d;
    return true;
  }
  auto g = Date::guess(*t);
  err << "reviewkit " << command << ": error: --today must be a date written YYYY-MM-DD, not '" << *t << "'"
      << (g ? " (did you mean " + g->iso() + "?)" : std::string()) << "\n";
  return false;
}

std::string count_problems(const Diagnostics& d) {
  auto plural = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::string out = plural(d.error_count(), "error", "errors");
  if (d.warning_count()) out += ", " + plural(d.warning_count(), "warning", "warnings");
  return out;
}

data::NodePtr load_template_data(const std::string& path, const Date& as_of, Diagnostics& diags,
                                 std::map<std::string, std::string>* hints, std::shared_ptr<const casefile::Case>* kase) {
  auto root = data::load_yaml_file(path, diags);
  if (!root) return nullptr;
  if (root->is_map() && root->get("reviewkit")) {
    auto c = casefile::load_case(path, diags, as_of);
    if (hints) *hints = casefile::stage_hints();
    if (!c || diags.has_errors()) return nullptr;
    auto data = casefile::template_data(*c, as_of);
    if (kase) *kase = std::make_shared<const casefile::Case>(std::move(*c));
    return data;
  }
  if (!root->is_map()) {
    diags.error(root->where(), "the data must be a map of names and values at the top level",
                "write one name a line, each followed by ':'");
    return nullptr;
  }
  return root;
}

std::optional<std::vector<std::string>> output_formats(const Parsed& p, const std::string& command, std::ostream& err,
                                                        const std::string& fallback) {
  std::string spec = fallback;
  if (const std::string* f = p.option("--format")) spec = *f;
  if (p.option("--pdf")) spec = "pdf";
  std::vector<std::string> formats;
  std::size_t at = 0;
  while (at <= spec.size()) {
    std::size_t comma = spec.find(',', at);
    if (comma == std::string::npos) comma = spec.size();
    std::string f = spec.substr(at, comma - at);
    f = ascii_lower(f);  // --format PDF
    if (!documents::find_format(f)) {
      err << "reviewkit " << command << ": error: unknown format '" << f << "' (use --format docx, pdf or docx,pdf)\n";
      return std::nullopt;
    }
    formats.push_back(f);
    at = comma + 1;
  }
  return formats;
}

std::optional<std::string> encryption_password(const Parsed& p, const std::string& command, std::ostream& err, int& status) {
  status = 1;
  if (!p.option("--encrypt")) {
    if (p.option("--password-file")) {  // a password given for nothing: the documents would go out unprotected
      status = 2;
      err << "reviewkit " << command << ": error: --password-file gives the password of --encrypt, and without --encrypt "
          << "nothing would be protected; add --encrypt, or leave --password-file out\n";
      return std::nullopt;
    }
    return std::string();
  }
  auto password = read_password(p, command, err, status, true);
  if (password && utf32(*password).size() < 12)
    err << "reviewkit " << command << ": warning: the password has fewer than 12 characters, which a program can guess in hours; "
        << "a passphrase of four or more words is safer\n";
  return password;
}

std::optional<std::string> read_password(const Parsed& p, const std::string& command, std::ostream& err, int& status,
                                         bool required) {
  status = 1;
  if (const std::string* file = p.option("--password-file")) {
    std::string why;
    auto text = read_file(*file, why);
    if (!text) {
      err << *file << ": error: cannot read the password file: " << why << "\n";
      return std::nullopt;
    }
    std::string password = text->substr(0, text->find_first_of("\r\n"));
    if (password.empty()) {
      err << *file << ": error: the password file's first line is empty (put the password on its first line)\n";
      return std::nullopt;
    }
    return password;
  }
  if (const char* env = std::getenv("REVIEWKIT_PASSWORD"); env && *env) return std::string(env);
  if (required && isatty(STDIN_FILENO) == 1) {  // an optional password is never asked for
    std::cerr << "Password for the documents: " << std::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string password;
    std::getline(std::cin, password);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
    if (!password.empty()) return password;
  }
  if (!required) return std::string();
  status = 2;
  err << "reviewkit " << command
      << (command == "bundle" ? ": error: a pack needs a password" : ": error: --encrypt needs a password")
      << ": give --password-file FILE or set REVIEWKIT_PASSWORD (never on the "
         "command line, where other users can see it)\n";
  return std::nullopt;
}


std::optional<std::string> document_as(const std::string& format, const std::string& docx, const Outputs& outputs,
                                       const data::Node* metadata_from, const std::string& name, Diagnostics& diags,
                                       const std::string* pdf_docx) {
  const documents::Format* f = documents::find_format(format);
  if (!f) {
    diags.error(Location{name, 0, 0, {}, {}, 0}, "reviewkit does not write the format '" + format + "'");
    return std::nullopt;
  }
  const std::string& source = format == "pdf" && pdf_docx ? *pdf_docx : docx;
  return f->write(source, {name, documents::pdf_metadata(metadata_from), outputs.password, outputs.fonts}, diags);
}

std::optional<std::string> pdf_of(const std::string& docx, const Outputs& outputs, const data::Node* metadata_from,
                                  const std::string& name, Diagnostics& diags) {
  return document_as("pdf", docx, outputs, metadata_from, name, diags);
}

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  ext = ascii_lower(ext);
  return ext;
}

bool write_to_stdout(const std::string& bytes, const std::string& command, std::ostream& out, std::ostream& err,
                     bool binary) {
  if (binary && &out == &std::cout && isatty(STDOUT_FILENO) == 1) {
    err << "reviewkit " << command
        << ": error: -o - writes the document to standard output, which is this terminal: send it to a file or "
           "another program (reviewkit " << command << " ... -o - > out.pdf)\n";
    return false;
  }
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) {
    err << "reviewkit " << command << ": error: cannot write to standard output\n";
    return false;
  }
  return true;
}

bool write_document(const std::string& docx, const std::vector<std::string>& paths, const Outputs& outputs,
                    const data::Node* metadata_from, const std::string& name, Diagnostics& diags,
                    const std::string* pdf_docx) {
  // Everything is made before anything is written, so a failure leaves no file behind.
  std::vector<std::string> made;
  for (const auto& f : outputs.formats) {
    auto bytes = document_as(f, docx, outputs, metadata_from, name, diags, pdf_docx);
    if (!bytes) return false;
    made.push_back(std::move(*bytes));
  }
  // All the files, or none.
  StagedFiles staged;
  std::string why;
  for (std::size_t i = 0; i < outputs.formats.size() && i < paths.size(); ++i) {
    const std::string& path = paths[i];
    std::string_view bytes = made[i];
    if (auto problem = output_problem(path, outputs.overwrite)) why = *problem;
    else if (staged.add(path, bytes, why)) continue;
    diags.error(Location{path, 0, 0, {}, {}, 0}, "cannot write the document: " + why,
                why.find("--force") == std::string::npos ? "choose another file or folder" : "");
    return false;
  }
  if (!staged.commit(outputs.overwrite, why)) {
    diags.error(Location{paths.empty() ? name : paths.front(), 0, 0, {}, {}, 0}, "cannot write the document: " + why, "choose another file or folder");
    return false;
  }
  return true;
}

}  // namespace reviewkit::cli
