// reviewkit copies: numbered, marked copies of a restricted document, one a recipient, and the
// sign-out register (002, "Document Management and Security").
#include <algorithm>
#include <filesystem>
#include <ostream>

#include "casefile/case.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "documents.hpp"
#include "documents/copies.hpp"
#include "layout/render.hpp"
#include "pdf/stamp.hpp"

namespace reviewkit::cli {

namespace fs = std::filesystem;

int copies_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--to", "--case", "--contacts", "--date", "--password-file"},
                             {"--encrypt", "--own-passwords", "--force"}, "copies", err);
  if (!p.ok) return kUsage;
  const std::string* output = p.option("-o") ? p.option("-o") : p.option("--output");
  const std::string* to = p.option("--to");
  const std::string* case_file = p.option("--case");
  const std::string* contacts = p.option("--contacts");
  auto usage = [&](const std::string& message) {
    err << "reviewkit copies: error: " << message << " (reviewkit help copies)\n";
    return kUsage;
  };
  if (p.positional.size() != 1 || !output)
    return usage("expected one document and -o DIR (usage: reviewkit copies DOC.docx|DOC.pdf --to RECIPIENTS.yaml -o DIR)");
  if (*output == "-") return usage("-o names a folder for the copies and their register; standard output cannot hold them");
  if (!to == !case_file) return usage("say who the copies are for: --to RECIPIENTS.yaml or --case CASE.yaml, one of them");
  if (contacts && !case_file) return usage("--contacts chooses among a case's contacts: give --case CASE.yaml with it");
  if (p.option("--encrypt") && p.option("--own-passwords"))
    return usage("--own-passwords gives each copy its own password, and --encrypt one for them all: choose one");
  if (p.option("--password-file") && !p.option("--encrypt"))
    return usage("--password-file gives the password of --encrypt; add --encrypt, or leave it out");
  const std::string& input = p.positional[0];
  const std::string ext = lower_extension(input);
  if (ext != ".docx" && ext != ".pdf")
    return usage(input + " must be a .docx (laid out as PDF first) or a .pdf (stamped as it is)");
  Date date = today();
  if (const std::string* d = p.option("--date")) {
    auto parsed = Date::parse(*d);
    if (!parsed) {
      auto g = Date::guess(*d);
      return usage("--date must be a date written YYYY-MM-DD, not '" + *d + "'" +
                   (g ? " (did you mean " + g->iso() + "?)" : std::string()));
    }
    date = *parsed;
  }
  int password_status = 0;
  auto password = encryption_password(p, "copies", err, password_status);
  if (!password) return password_status;

  // Every problem of the document and of the recipients, in one run.
  Diagnostics diags;
  pdf::FontBook fonts;
  std::optional<std::string> pdf;
  std::string why;
  if (auto bytes = read_file(input, why)) {
    if (ext == ".docx") pdf = layout::render_docx(*bytes, input, {}, fonts, diags);
    else pdf = std::move(*bytes);
  } else {
    diags.error(Location{input, 0, 0, {}, {}, 0}, "cannot read the document: " + why, "check the path");
  }
  std::optional<pdf::StampedInfo> info;
  if (pdf) {
    info = pdf::inspect_pdf(*pdf, why);
    if (!info) diags.error(Location{input, 0, 0, {}, {}, 0}, "cannot make copies of it: " + why);
  }
  std::optional<std::vector<documents::CopyRecipient>> recipients;
  std::string reference, board;
  if (to) {
    recipients = documents::read_recipients(*to, diags);
  } else {
    auto kase = casefile::load_case(*case_file, diags, date);
    if (kase && !diags.has_errors()) {
      reference = kase->reference;
      board = kase->board.name;
      const data::Node* c = kase->data ? kase->data->get("contacts") : nullptr;
      if (!c || !c->is_map())
        diags.error(Location{*case_file, 0, 0, {}, {}, 0}, "the case has no contacts", "add contacts: (docs/case-file.md)");
      else
        recipients = documents::contacts_recipients(*c, contacts ? split_ids(*contacts) : std::vector<std::string>{}, diags);
    }
  }
  if (diags.has_errors() || !info || !recipients) {
    diags.print(err);
    err << "reviewkit copies: " << count_problems(diags) << "; nothing was written\n";
    return kInputProblem;
  }
  std::string title = info->title.empty() ? fs::path(input).stem().string() : info->title;
  auto set = documents::plan_copies(*recipients, title, fs::path(input).filename().string(), date);
  set.reference = reference;
  set.board = board;

  // Each copy stamped (and encrypted) before anything is written.
  std::vector<std::string> made;
  for (auto& copy : set.copies) {
    pdf::Stamp stamp;
    stamp.line = documents::copy_line(copy, set.copies.size(), date);
    stamp.diagonal = documents::copy_diagonal(copy, set.copies.size());
    if (p.option("--own-passwords")) copy.password = documents::readable_password();
    stamp.password = p.option("--own-passwords") ? copy.password : *password;
    auto stamped = pdf::stamp_pdf(*pdf, stamp, fonts, why);
    if (!stamped) {
      diags.error(Location{input, 0, 0, {}, {}, 0}, "cannot make copy " + std::to_string(copy.number) + ": " + why);
      break;
    }
    made.push_back(std::move(*stamped));
  }
  std::optional<std::string> register_docx;
  if (!diags.has_errors()) register_docx = documents::register_docx(set, diags);
  if (diags.has_errors() || !register_docx) {
    diags.print(err);
    err << "reviewkit copies: " << count_problems(diags) << "; nothing was written\n";
    return kInputProblem;
  }

  // All the files, or none: the copies, the register, the passwords.
  fs::path dir = without_trailing_slash(*output);
  std::vector<std::string> notes;
  auto folder = StagedFolder::open(dir, p.option("--force") != nullptr, why, notes);
  for (const auto& n : notes) err << "reviewkit copies: " << n << "\n";
  if (!folder) {
    diags.print(err);
    err << dir.string() << ": error: " << why << "\n";
    return kInputProblem;
  }
  std::vector<std::pair<std::string, std::string_view>> files;
  for (std::size_t i = 0; i < set.copies.size(); ++i) files.push_back({set.copies[i].file, made[i]});
  std::string csv = documents::register_csv(set);
  files.push_back({"register.docx", *register_docx});
  files.push_back({"register.csv", csv});
  std::string passwords;
  if (p.option("--own-passwords")) {
    passwords = documents::passwords_csv(set);
    files.push_back({"passwords.csv", passwords});
  }
  for (const auto& [name, bytes] : files)
    if (!folder->write(name, bytes, why)) {
      diags.print(err);
      err << (dir / name).string() << ": error: cannot write it: " << why << " (nothing was written)\n";
      return kInputProblem;
    }
  // An earlier run's copies or passwords that this run does not replace (--force) are named, so
  // that the folder is not taken to hold this run's copies only.
  std::vector<std::string> stale;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    bool ours = std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.first == name; });
    bool copy_like = name.rfind("Copy ", 0) == 0 && name.find(" of ") != std::string::npos && lower_extension(name) == ".pdf";
    if (!ours && (copy_like || name == "passwords.csv" || name == "register.docx" || name == "register.csv"))
      stale.push_back(name);
  }
  if (!folder->commit(why)) {
    diags.print(err);
    err << dir.string() << ": error: cannot write the copies: " << why << " (nothing was written)\n";
    return kInputProblem;
  }
  std::sort(stale.begin(), stale.end());
  for (const auto& name : stale)
    diags.warning(Location{(dir / name).string(), 0, 0, {}, {}, 0},
                  "left from an earlier run: this run's copies and register do not include it",
                  "remove it, so that the folder holds only the copies the register lists");
  diags.print(err);
  out << "wrote " << counted(static_cast<long long>(set.copies.size()), "numbered copy", "numbered copies") << " of "
      << title << " (" << counted(info->pages, "page") << " each) into " << dir.string() << "/, with register.docx and register.csv"
      << (p.option("--own-passwords") ? " and passwords.csv" : "") << "\n";
  for (const auto& c : set.copies) out << "  " << c.file << "\n";
  if (p.option("--own-passwords"))
    out << "passwords.csv holds each copy's own password: send each separately from its copy (by telephone, or another "
           "message), never with it\n";
  out << "each recipient signs for their copy in the register, leaving contact details; print register.docx for it\n";
  return kDone;
}

}  // namespace reviewkit::cli
