// reviewkit/cli — what the commands that write documents share: the data a template reads, the
// output formats, and writing outputs without ever leaving half a file.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/diagnostics.hpp"
#include "data/node.hpp"
#include "pdf/fonts.hpp"

namespace reviewkit::casefile {
struct Case;
}

namespace reviewkit::cli {

struct Parsed;

/// Reads the YAML a template is filled from. A case file (one with a top-level `reviewkit:` key)
/// is validated first and gives the derived values too (ages, deadlines, the board profile).
/// The data a template is filled from: a case file (checked, as it stands on `today`, with the
/// values docs/case-file.md lists added) or any other YAML. For a case file, `hints` gets what to
/// say when a template uses a field the case will only hold at a later stage, and `kase` the Case
/// (which the figures are drawn from; left empty for other YAML).
data::NodePtr load_template_data(const std::string& path, const Date& today, Diagnostics& diags,
                                 std::map<std::string, std::string>* hints = nullptr,
                                 std::shared_ptr<const casefile::Case>* kase = nullptr);

/// The formats asked for with --format docx|pdf|docx,pdf or --pdf; nothing (after a message on
/// `err`) when the request cannot be met.
/// `fallback` is used when neither option is given (the output file's extension decides, for fill).
std::optional<std::vector<std::string>> output_formats(const Parsed& p, const std::string& command, std::ostream& err,
                                                        const std::string& fallback = "docx");

/// The password for --encrypt: from --password-file FILE, else $REVIEWKIT_PASSWORD, else asked for
/// on the terminal — never on the command line. Nothing (after a message) when none can be had;
/// an empty string when --encrypt was not given.
/// `status` is set to the exit status to use when nothing is returned: 1 for an unreadable password
/// file (an input problem), 2 when no password was given at all.
std::optional<std::string> encryption_password(const Parsed& p, const std::string& command, std::ostream& err, int& status);
/// The one way reviewkit reads a password: --password-file FILE (its first line), else
/// $REVIEWKIT_PASSWORD, else asked for on the terminal. When not `required`, never asked for, and an
/// empty string when none is given (opening a form that may not be encrypted).
std::optional<std::string> read_password(const Parsed& p, const std::string& command, std::ostream& err, int& status,
                                         bool required);

/// What a filled document is written as: the .docx bytes and, when PDF is asked for, the PDF.
/// --today YYYY-MM-DD into `as_of`; false (with a message and a guess for 01/06/2025) when it is
/// not a date.
bool today_option(const Parsed& p, const std::string& command, std::ostream& err, Date& as_of);

struct Outputs {
  std::vector<std::string> formats;  ///< "docx", "pdf"
  std::string password;              ///< encryption of every output (.docx as Word does it, PDF AES-256); empty for none
  bool overwrite = false;            ///< --force: replace existing files
  pdf::FontBook* fonts = nullptr;    ///< the fonts a batch shares; each PDF makes its own when null
};
/// Writes `docx` and/or its PDF, each format to its path (`paths[i]` for `outputs.formats[i]`), all
/// whole or none. `metadata_from` is the data the PDF's title, subject and keywords come from.
/// `pdf_docx`, when given, is what the PDF is laid out from instead of `docx`: the fill of a template
/// with figures that holds them as PDF (documents::fill_for_pdf).
bool write_document(const std::string& docx, const std::vector<std::string>& paths, const Outputs& outputs,
                    const data::Node* metadata_from, const std::string& name, Diagnostics& diags,
                    const std::string* pdf_docx = nullptr);
/// The filled document in one format of documents::formats() ("docx", "pdf"), as bytes (a PDF laid
/// out from `pdf_docx` when it is given).
std::optional<std::string> document_as(const std::string& format, const std::string& docx, const Outputs& outputs,
                                       const data::Node* metadata_from, const std::string& name, Diagnostics& diags,
                                       const std::string* pdf_docx = nullptr);
/// The same, for PDF only, returning the bytes (for a staging folder).
std::optional<std::string> pdf_of(const std::string& docx, const Outputs& outputs, const data::Node* metadata_from,
                                  const std::string& name, Diagnostics& diags);

Date today();

/// A path's extension in small letters (".pdf" for "Report.PDF"), so that x.PDF is a PDF.
std::string lower_extension(const std::string& path);

/// `-o -`: the one document a command writes goes to standard output. Refused (false, after a
/// message) when standard output is a terminal, where a document would only garble the screen.
/// Text (`binary` false: the answers `form read` gives) may go to a terminal.
bool write_to_stdout(const std::string& bytes, const std::string& command, std::ostream& out, std::ostream& err,
                     bool binary = true);

/// A list a user separated with commas ("CSC,GP"), each trimmed, empty ones left out.
std::vector<std::string> split_ids(const std::string& list);

/// "2 errors, 1 warning"
std::string count_problems(const Diagnostics& d);

}  // namespace reviewkit::cli
