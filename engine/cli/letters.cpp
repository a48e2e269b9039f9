#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <set>

#include <unistd.h>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/suggest.hpp"
#include "common/text.hpp"
#include "documents.hpp"
#include "documents/batch.hpp"
#include "figures.hpp"
#include "templating/docx_template.hpp"
#include "expressions/expression.hpp"

namespace reviewkit::cli {

namespace fs = std::filesystem;

namespace {

struct Progress {
  bool on;
  std::size_t total;
  void show(std::size_t done) const {
    if (!on) return;
    const int width = 30;
    int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '=')
              << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done << "/" << total << " letters"
              << std::flush;
    if (done == total) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
  }
};

}  // namespace

int letters_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--each", "--as", "--name", "--combined", "--format", "--today", "--where",
                                    "--password-file", "--assets"},
                             {"--force", "--lenient", "--pdf", "--encrypt"}, "letters", err);
  if (!p.ok) return 2;
  auto usage = [&](const std::string& message) {
    err << "reviewkit letters: error: " << message
        << " (usage: reviewkit letters TEMPLATE.docx DATA.yaml --each PATH -o DIR)\n";
    return 2;
  };
  if (p.positional.size() != 2) return usage("expected a template and a data file, got " + std::to_string(p.positional.size()));
  const std::string* each = p.option("--each");
  if (!each) return usage("say which list the letters go to with --each, for example --each agencies");
  const std::string* dir_option = p.option("-o") ? p.option("-o") : p.option("--output");
  const std::string* combined_path = p.option("--combined");
  if (!dir_option && !combined_path) return usage("say where to write the letters with -o DIR, --combined FILE.docx, or both");
  std::string as = p.option("--as") ? *p.option("--as") : "recipient";
  if ((dir_option && *dir_option == "-") || (combined_path && *combined_path == "-"))
    return usage("-o - (standard output) takes one document, and letters writes one for each recipient: give a "
                 "folder with -o DIR, or a file with --combined FILE.docx");
  std::string combined_ext = combined_path ? lower_extension(*combined_path) : "";
  if (combined_path && combined_ext != ".docx" && combined_ext != ".pdf")
    return usage("--combined must name a .docx or a .pdf file, not '" + *combined_path + "'");
  // Without -o only the combined document is written, so its extension is the format.
  auto formats = output_formats(p, "letters", err, !dir_option && combined_ext == ".pdf" ? "pdf" : "docx");
  if (!formats) return 2;
  int password_status = 0;
  auto password = encryption_password(p, "letters", err, password_status);
  if (!password) return password_status;
  pdf::FontBook fonts;  // found and measured once for the whole batch
  const Outputs outputs{*formats, *password, false, &fonts};
  Date as_of = today();
  if (!today_option(p, "letters", err, as_of)) return 2;
  bool force = p.option("--force") != nullptr;

  Diagnostics diags;
  auto tmpl = templating::DocxTemplate::load(p.positional[0], diags);
  std::map<std::string, std::string> hints;
  std::shared_ptr<const casefile::Case> kase;  // a case file's figures are drawn from it
  auto data = load_template_data(p.positional[1], as_of, diags, &hints, &kase);
  templating::FigureHandler figures;
  if (kase) figures = case_figures(kase);
  if (!tmpl || !data) {
    diags.print(err);
    err << "reviewkit letters: " << count_problems(diags) << "; no letter was written\n";
    return 1;
  }
  // The recipients: the items of each list named by --each (comma-separated), or a single map;
  // those --where selects.
  std::string wrong;
  auto recipients = documents::find_recipients(*data, *each, p.positional[1], wrong);
  if (!recipients) {
    err << p.positional[1] << ": error: --each " << *each << ": " << wrong << "\n";
    return 1;
  }
  std::vector<std::size_t> chosen;
  if (const std::string* where = p.option("--where")) {
    std::string parse_error;
    if (!expressions::parse_expression(*where, parse_error)) return usage("--where: " + parse_error);
    auto selected = documents::select_recipients(*data, *recipients, *where, as, wrong);
    if (!selected) {
      err << p.positional[1] << ": error: --where " << *where << ": " << wrong << "\n";
      return 1;
    }
    for (std::size_t i = 0, k = 0; i < recipients->size() && k < selected->size(); ++i)
      if ((*recipients)[i].node == (*selected)[k].node && (*recipients)[i].path == (*selected)[k].path) {
        chosen.push_back(i);
        ++k;
      }
  } else {
    for (std::size_t i = 0; i < recipients->size(); ++i) chosen.push_back(i);
  }
  const std::size_t total = chosen.size();
  if (total == 0) {
    err << p.positional[1] << ": error: --each " << *each << ": "
        << (recipients->empty() ? "the list is empty" : "--where leaves no item") << ", so there is no letter to write\n";
    return 1;
  }

  // The outputs: refused before any work when they cannot be written.
  fs::path dir = dir_option ? without_trailing_slash(*dir_option) : fs::path();
  bool combined_refused = false;
  if (combined_path) {
    if (auto problem = output_problem(*combined_path, force)) {
      err << *combined_path << ": error: " << *problem << "\n";
      combined_refused = true;  // the folder is checked too, so both problems are told at once
    }
  }
  // Names first, so that clashes are settled before anything is written.
  std::vector<documents::Recipient> selected;
  for (std::size_t i : chosen) selected.push_back((*recipients)[i]);
  const std::string* pattern = p.option("--name");
  std::vector<std::string> names = documents::file_names(*data, selected, pattern ? *pattern : std::string(), as,
                                                         p.positional[1], diags);

  // The combined document must not be one of the letters (the letter would replace it).
  if (combined_path && dir_option) {
    std::error_code same_ec;
    fs::path combined_dir = fs::weakly_canonical(fs::absolute(*combined_path).parent_path(), same_ec);
    fs::path letters_dir = fs::weakly_canonical(fs::absolute(dir), same_ec);
    std::string combined_name = ascii_lower(fs::path(*combined_path).filename().string());
    for (const auto& name : names)
      for (const auto& f : *formats)
        if (combined_dir == letters_dir && combined_name == ascii_lower(name + "." + f))
          return usage("--combined " + *combined_path + " is also the name of a letter in " + dir.string() +
                       "; give the combined document another name or folder");
  }
  // Letters go to a private staging folder and are moved into place only when every one was filled;
  // the folder is locked against other runs until then.
  std::optional<StagedFolder> staging;
  if (dir_option) {
    std::string why;
    std::vector<std::string> notes;
    auto opened = StagedFolder::open(dir, force, why, notes);
    for (const auto& n : notes) err << "reviewkit letters: " << n << "\n";
    if (opened) staging.emplace(std::move(*opened));
    if (!staging) {
      err << dir.string() << ": error: " << why << "\n";
      return 1;
    }
  }
  if (combined_refused) return 1;
  std::optional<templating::DocxTemplate::Combined> combined;
  if (combined_path) combined.emplace(tmpl);

  auto started = std::chrono::steady_clock::now();
  Progress progress{&err == &std::cerr && isatty(STDERR_FILENO) == 1, total};
  std::vector<std::string> failed;
  bool write_failed = false;
  for (std::size_t i = 0; i < total && !write_failed; ++i) {
    const data::Node& item = *selected[i].node;
    const std::string& path = selected[i].path;
    templating::FillOptions options;
    options.lenient = p.option("--lenient") != nullptr;
    options.bindings = {{as, &item}};
    options.unbound_hints = hints;
    options.label = documents::describe_recipient(i + 1, path, item);
    options.image_base = fs::path(p.positional[1]).parent_path();
    options.image_roots = {fs::path(p.positional[0]).parent_path()};
    if (const std::string* assets = p.option("--assets")) options.image_roots.push_back(*assets);
    options.figures = figures;
    bool ok = true;
    if (staging && names.size() == total) {
      auto bytes = tmpl->fill(*data, options, diags);
      std::optional<std::string> pdf_docx;  // with figures: the fill the PDF is laid out from
      if (!bytes || !documents::fill_for_pdf(*tmpl, *data, options, *formats, pdf_docx, diags)) {
        ok = false;
      } else if (failed.empty()) {
        // The staging folder is what makes the run all or nothing, so each file is written directly.
        auto put = [&](const std::string& file_name, const std::string& content) {
          std::string why;
          if (!staging->write(file_name, content, why)) {
            err << dir.string() << ": error: " << why << "\n";
            write_failed = true;
          }
        };
        for (const auto& f : *formats) {  // each format of documents::formats() asked for
          if (write_failed) break;
          auto made = document_as(f, *bytes, outputs, data.get(), options.label, diags, pdf_docx ? &*pdf_docx : nullptr);
          if (made) put(names[i] + "." + f, *made);
          else ok = false;
        }
      }
    }
    if (combined && ok) {
      Diagnostics combined_diags;  // the same problems as above: report them once
      templating::FillOptions for_combined = options;
      for_combined.figures_as_pdf = combined_ext == ".pdf";  // a combined PDF draws the figures as vector art
      ok = combined->add(*data, for_combined, dir_option ? combined_diags : diags);
    }
    if (!ok) failed.push_back(options.label);
    progress.show(i + 1);
  }
  diags.print(err);
  if (!failed.empty() || write_failed || diags.has_errors()) {
    if (tmpl->has_errors()) {
      err << "reviewkit letters: " << count_problems(diags) << " (the template has errors); no letter was written\n";
    } else if (!failed.empty()) {
      err << "reviewkit letters: no letter was written: " << failed.size() << " of " << total << " could not be filled:";
      for (const auto& f : failed) err << "\n  " << f;
      err << "\n";
    } else if (!write_failed) {
      err << "reviewkit letters: " << count_problems(diags) << "; no letter was written\n";
    }
    return 1;
  }
  StagedFiles combined_file;
  if (combined_path) {
    std::string why, bytes = combined->finish();
    if (combined_ext == ".pdf") {
      Diagnostics pdf_diags;
      auto pdf = pdf_of(bytes, outputs, data.get(), *combined_path, pdf_diags);
      pdf_diags.print(err);
      if (!pdf) {
        err << "reviewkit letters: the combined PDF could not be made; no letter was written\n";
        return 1;
      }
      bytes = std::move(*pdf);
    } else if (!outputs.password.empty()) {  // a combined .docx is encrypted as Word does it
      Diagnostics docx_diags;
      auto encrypted = documents::encrypted_docx(bytes, *combined_path, outputs.password, docx_diags);
      docx_diags.print(err);
      if (!encrypted) {
        err << "reviewkit letters: the combined document could not be encrypted; no letter was written\n";
        return 1;
      }
      bytes = std::move(*encrypted);
    }
    if (!combined_file.add(*combined_path, bytes, why)) {
      err << *combined_path << ": error: cannot write the combined document: " << why << "; no letter was written\n";
      return 1;
    }
  }
  // The combined document and the folder are one output: both appear, or neither (and a file
  // either replaced comes back).
  std::string why;
  SignalsHeld held;
  if (combined_path && !combined_file.commit(force, why)) {
    err << "reviewkit letters: error: " << why << "; no letter was written\n";
    return 1;
  }
  if (staging && !staging->commit(why)) {
    if (combined_path) combined_file.undo();
    err << dir.string() << ": error: " << why << "; no letter was written\n";
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s", seconds);
  out << "wrote " << total << " letter" << (total == 1 ? "" : "s");
  if (dir_option) out << " to " << dir.string() << "/";
  if (combined_path) out << (dir_option ? " and " : " to ") << *combined_path;
  out << " in " << rate << "\n";
  return 0;
}

}  // namespace reviewkit::cli
