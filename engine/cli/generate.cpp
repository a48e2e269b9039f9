// reviewkit generate and reviewkit documents: the documents of templates/documents.yaml, made from
// a case file through the documents library (engine/documents), all or none.
#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "documents.hpp"
#include "documents/batch.hpp"
#include "documents/kinds.hpp"
#include "figures.hpp"
#include "scan.hpp"

namespace reviewkit::cli {

namespace fs = std::filesystem;

std::vector<std::string> split_ids(const std::string& list) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= list.size()) {
    std::size_t comma = list.find(',', at);
    if (comma == std::string::npos) comma = list.size();
    std::string id = trim(list.substr(at, comma - at));
    if (!id.empty()) out.push_back(id);
    at = comma + 1;
  }
  return out;
}

namespace {


std::optional<documents::Kinds> kinds_for(const Parsed& p, const data::Node* data, Diagnostics& diags) {
  fs::path file = p.option("--documents") ? fs::path(*p.option("--documents")) : documents::default_kinds_file();
  auto kinds = documents::load_kinds(file, diags);
  if (kinds && data) documents::apply_board(*kinds, data::find(*data, "board.documents"), diags);
  return kinds;
}

}  // namespace

int generate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--doc", "--format", "--today", "--password-file", "--documents", "--allow"},
                             {"--all", "--force", "--lenient", "--pdf", "--encrypt", "--replace-names"}, "generate", err);
  if (!p.ok) return 2;
  auto usage = [&](const std::string& message) {
    err << "reviewkit generate: error: " << message << " (usage: reviewkit generate CASE.yaml --doc ID[,ID...] | --all -o DIR)\n";
    return 2;
  };
  const std::string* dir = p.option("-o") ? p.option("-o") : p.option("--output");
  if (p.positional.size() != 1) return usage("expected one case file");
  if (!dir) return usage("say where to write the documents with -o DIR");
  if (*dir == "-") return usage("-o - (standard output) takes one document, and generate writes a folder of them");
  if (!p.option("--doc") == !p.option("--all")) return usage("give either --doc ID[,ID...] or --all");
  std::vector<std::string> formats;
  if (p.option("--format") || p.option("--pdf")) {
    auto f = output_formats(p, "generate", err);
    if (!f) return 2;
    formats = *f;
  }
  int password_status = 0;
  auto password = encryption_password(p, "generate", err, password_status);
  if (!password) return password_status;
  Date as_of = today();
  if (!today_option(p, "generate", err, as_of)) return 2;

  Diagnostics diags;
  const std::string& case_file = p.positional[0];
  std::map<std::string, std::string> hints;
  std::shared_ptr<const casefile::Case> kase;  // the figures are drawn from it (loaded once)
  auto data = load_template_data(case_file, as_of, diags, &hints, &kase);
  auto kinds = data ? kinds_for(p, data.get(), diags) : std::nullopt;
  if (!data || !kinds || diags.has_errors()) {
    diags.print(err);
    err << "reviewkit generate: " << count_problems(diags) << "; nothing was written\n";
    return 1;
  }
  // A board whose procedure protects every document with the case's reference number (Milton
  // Keynes, 003 §1.1): used when no other password is given, with a warning that it is weak.
  std::string board_password;
  if (kase && kase->board.protect_documents == "reference_number" && password->empty()) {
    const std::string profile = kase->board.file.empty() ? kase->board_id : kase->board.file;
    if (trim(kase->reference).empty()) {
      diags.error(Location{case_file, 0, 0, {}, {}, 0},
                  "the board profile " + profile + " encrypts every document with the case's reference number, and "
                  "review.reference is empty",
                  "fill in review.reference (the board's reference number for the review), or give a password with "
                  "--encrypt --password-file FILE");
      diags.print(err);
      err << "reviewkit generate: " << count_problems(diags) << "; nothing was written\n";
      return 1;
    }
    board_password = kase->reference;
    err << "reviewkit generate: warning: the board profile " << profile
        << " (protect_documents: reference_number) protects every document with the case's reference number, so each "
           "one is encrypted with review.reference as its password. A reference number is a weak password: anyone who knows the case can guess it. Give a stronger one "
           "with --encrypt --password-file FILE, and send it by another way than the documents\n";
  }
  std::vector<std::string> ids = p.option("--doc") ? split_ids(*p.option("--doc")) : std::vector<std::string>{};
  auto plan = documents::plan_documents(*data, *kinds, ids, case_file, diags);
  for (const auto& s : plan.skipped) {
    if (p.option("--all")) {
      out << "left out " << s.kind->id << ": " << s.reason << "\n";
    } else {
      diags.error(Location{case_file, 0, 0, {}, {}, 0}, s.kind->id + " cannot be made: " + s.reason,
                  s.reason.find("review.dates.") != std::string::npos ? "record the date in the case file when it is reached"
                                                                       : "check the case file");
    }
  }
  if (diags.has_errors()) {
    diags.print(err);
    err << "reviewkit generate: " << count_problems(diags) << "; nothing was written\n";
    return 1;
  }
  if (plan.documents.empty()) {
    err << "reviewkit generate: the case's stage allows none of these documents yet; nothing was written\n";
    return 1;
  }
  // A document of an event the case records (the decision notice, on the day it was sent) is dated
  // that day and says only what was known then: the case as of that date.
  std::map<std::string, data::NodePtr> as_of_date;
  for (auto& planned : plan.documents) {
    if (planned.kind->dated.empty()) continue;
    const data::Node* when = data::find(*data, "review.dates." + planned.kind->dated);
    auto day = when && when->is_scalar() ? Date::parse(when->scalar) : std::nullopt;
    if (!day || as_of < *day || *day == as_of) continue;
    auto& cached = as_of_date[day->iso()];
    if (!cached) {
      Diagnostics then;  // the case as it stood: fewer fields are required, so no new problems
      cached = load_template_data(case_file, *day, then);
      if (!cached) {
        diags.append(then);
        continue;
      }
    }
    planned.data = cached;
  }
  if (diags.has_errors()) {
    diags.print(err);
    err << "reviewkit generate: " << count_problems(diags) << "; nothing was written\n";
    return 1;
  }
  pdf::FontBook fonts;  // found and measured once for the whole batch
  documents::BatchOptions options;
  options.formats = formats;
  options.password = board_password.empty() ? *password : board_password;
  options.lenient = p.option("--lenient") != nullptr;
  options.overwrite = p.option("--force") != nullptr;
  options.image_base = fs::path(case_file).parent_path();
  options.fonts = &fonts;
  options.unbound_hints = hints;
  if (kase) options.figures = case_figures(kase);
  // Anonymised and published documents are scanned before anything is written.
  options.scan_documents = true;
  if (kase) options.identifiers = case_identifiers(*kase);
  if (const std::string* allow = p.option("--allow")) options.allowed = split_ids(*allow);
  options.replace_names = p.option("--replace-names") != nullptr;
  fs::path target = without_trailing_slash(*dir);
  std::size_t written = 0;
  bool ok = documents::write_batch(plan, *data, target, options, diags, written);
  diags.print(err);
  if (!ok) {
    err << "reviewkit generate: " << count_problems(diags) << "; nothing was written\n";
    return 1;
  }
  for (const auto& d : plan.documents)
    out << "wrote " << d.kind->id << ": " << counted(static_cast<long long>(d.recipients.size()), "document") << " in "
        << (target / d.kind->id).string() << "/\n";
  out << "wrote " << counted(static_cast<long long>(written), "file") << " to " << target.string() << "/\n";
  return 0;
}

int documents_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"--today", "--documents"}, {}, "documents", err);
  if (!p.ok) return 2;
  if (p.positional.size() > 1) {
    err << "reviewkit documents: error: expected at most one case file (usage: reviewkit documents [CASE.yaml])\n";
    return 2;
  }
  Date as_of = today();
  if (!today_option(p, "documents", err, as_of)) return 2;
  Diagnostics diags;
  data::NodePtr data;
  if (!p.positional.empty()) data = load_template_data(p.positional[0], as_of, diags);
  auto kinds = (p.positional.empty() || data) ? kinds_for(p, data.get(), diags) : std::nullopt;
  if (!kinds || diags.has_errors()) {
    diags.print(err);
    err << "reviewkit documents: " << count_problems(diags) << "\n";
    return 1;
  }
  documents::Plan plan;
  if (data) plan = documents::plan_documents(*data, *kinds, {}, p.positional[0], diags);
  for (const auto& k : kinds->kinds) {
    out << k.id << " — " << k.title << "\n    audience: " << documents::audience_name(k.audience) << "; formats: ";
    for (std::size_t i = 0; i < k.formats.size(); ++i) out << (i ? ", " : "") << k.formats[i];
    out << "; from: " << k.stage << "; for: " << k.each << (k.where.empty() ? "" : " where " + k.where)
        << (k.when.empty() ? "" : "; only when " + k.when) << "\n";
    if (!data) continue;
    std::string status;
    for (const auto& d : plan.documents)
      if (d.kind == &k) status = "can be made now: " + counted(static_cast<long long>(d.recipients.size()), "document");
    for (const auto& s : plan.skipped)
      if (s.kind == &k) status = "not yet: " + s.reason;
    out << "    " << status << "\n";
  }
  diags.print(err);
  return diags.has_errors() ? 1 : 0;
}

}  // namespace reviewkit::cli
