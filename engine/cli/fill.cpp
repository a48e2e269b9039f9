#include <cctype>
#include "common/text.hpp"
#include <cstring>
#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "common/files.hpp"
#include "documents.hpp"
#include "documents/batch.hpp"
#include "figures.hpp"
#include "forms/forms.hpp"
#include "templating/docx_template.hpp"

namespace reviewkit::cli {

namespace fs = std::filesystem;

namespace {

// A PDF form: every field filled from the data (its tooltip's expression, or its own name).
int fill_form_command(const Parsed& p, const std::string& form, const std::string& output, const Date& as_of,
                      const std::string& password, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  std::string why;
  auto bytes = read_file(form, why);
  if (!bytes) diags.error(Location{form, 0, 0, {}, {}, 0}, "cannot read the form: " + why, "check the path");
  auto data = load_template_data(p.positional[1], as_of, diags);
  std::optional<std::string> pdf;
  if (bytes && data) {
    forms::FormFillOptions options;
    options.flatten = p.option("--flatten") != nullptr;
    options.lenient = p.option("--lenient") != nullptr;
    options.password = password;
    pdf = forms::fill_form(*bytes, form, *data, options, diags);
  }
  diags.print(err);
  if (!pdf) {
    err << "reviewkit fill: " << count_problems(diags) << "; nothing was written\n";
    return 1;
  }
  if (output == "-") return write_to_stdout(*pdf, "fill", out, err) ? 0 : 1;
  if (!write_file_atomically(output, *pdf, why, p.option("--force") != nullptr)) {
    err << output << ": error: cannot write the PDF: " << why << " (choose a folder you can write to)\n";
    return 1;
  }
  out << "wrote " << output << "\n";
  return 0;
}

}  // namespace

int fill_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--format", "--today", "--password-file", "--assets"},
                             {"--lenient", "--pdf", "--encrypt", "--flatten", "--force"}, "fill", err);
  if (!p.ok) return 2;
  if (p.positional.size() != 2) {
    err << "reviewkit fill: error: expected a template and a data file, got " << p.positional.size()
        << " (usage: reviewkit fill TEMPLATE.docx DATA.yaml -o OUT.docx)\n";
    return 2;
  }
  const std::string* output = p.option("-o") ? p.option("-o") : p.option("--output");
  if (!output) {
    err << "reviewkit fill: error: say where to write the document with -o OUT.docx\n";
    return 2;
  }
  auto ends_with = [](const std::string& path, const char* ext) {
    std::string name = ascii_lower(path);
    return name.size() >= std::strlen(ext) && name.compare(name.size() - std::strlen(ext), std::string::npos, ext) == 0;
  };
  if ((ends_with(p.positional[0], ".yaml") || ends_with(p.positional[0], ".yml")) &&
      (ends_with(p.positional[1], ".docx") || ends_with(p.positional[1], ".pdf"))) {
    err << "reviewkit fill: error: the arguments look swapped: the template comes first, then the data (reviewkit fill "
        << p.positional[1] << " " << p.positional[0] << " -o ...)\n";
    return 2;
  }
  const std::string& template_path = p.positional[0];
  const bool form = lower_extension(template_path) == ".pdf";
  if (p.option("--flatten") && !form) {
    err << "reviewkit fill: error: --flatten is for PDF forms (FORM.pdf), not Word templates\n";
    return 2;
  }
  // One output file: its extension (in any case: x.PDF) says what it is, and it is written as named.
  // Only a list of formats takes a bare name, and adds each format's extension. `-o -` writes the
  // one document to standard output, as --format (docx unless told) says.
  const bool to_stdout = *output == "-";
  std::string extension = to_stdout ? "" : lower_extension(*output);
  auto formats = output_formats(p, "fill", err, extension == ".pdf" || (to_stdout && form) ? "pdf" : "docx");
  if (!formats) return 2;
  std::vector<std::string> paths;
  if (to_stdout) {
    if (formats->size() != 1) {
      err << "reviewkit fill: error: -o - (standard output) takes one document, not " << formats->size()
          << " formats: give --format docx or --format pdf\n";
      return 2;
    }
  } else if (formats->size() == 1) {
    if (extension != ".docx" && extension != ".pdf") {
      err << "reviewkit fill: error: -o " << *output << ": "
          << (extension.empty() ? std::string("the name has no extension") : "'" + extension + "' is not a format reviewkit writes")
          << "; end it in ." << formats->front() << " (the extension of the output says its format)\n";
      return 2;
    }
    if (extension != "." + formats->front()) {
      err << "reviewkit fill: error: -o " << *output << " must end in ." << formats->front()
          << " (the extension of the output says its format)\n";
      return 2;
    }
    paths = {*output};
  } else {
    std::string base = *output;
    if (extension == ".docx" || extension == ".pdf") base.resize(base.size() - extension.size());
    for (const auto& f : *formats) paths.push_back(base + "." + f);
  }
  int password_status = 0;
  auto password = encryption_password(p, "fill", err, password_status);
  if (!password) return password_status;
  Date as_of = today();
  if (!today_option(p, "fill", err, as_of)) return 2;

  Diagnostics diags;
  if (form) {
    if (*formats != std::vector<std::string>{"pdf"}) {
      err << "reviewkit fill: error: a PDF form is filled as a PDF (give -o OUT.pdf)\n";
      return 2;
    }
    return fill_form_command(p, template_path, *output, as_of, *password, out, err);
  }
  auto tmpl = templating::DocxTemplate::load(template_path, diags);
  std::map<std::string, std::string> hints;
  std::shared_ptr<const casefile::Case> kase;  // a case file's figures are drawn from it
  auto data = load_template_data(p.positional[1], as_of, diags, &hints, &kase);
  std::optional<std::string> bytes, pdf_docx;
  if (tmpl && data) {
    templating::FillOptions options;
    options.lenient = p.option("--lenient") != nullptr;
    options.image_base = fs::path(p.positional[1]).parent_path();
    options.image_roots = {fs::path(p.positional[0]).parent_path()};
    if (const std::string* assets = p.option("--assets")) options.image_roots.push_back(*assets);
    options.unbound_hints = hints;
    // A letter template names its addressee `recipient`, which only `letters` binds.
    if (!data->get("recipient"))
      options.unbound_hints["recipient"] =
          "this template is written for one recipient at a time: use reviewkit letters " + template_path + " " +
          p.positional[1] + " --each WHO -o DIR (WHO names the recipients: a list such as agencies, or one contact such as "
          "contacts.coroner)";
    if (kase) options.figures = case_figures(kase);
    bytes = tmpl->fill(*data, options, diags);
    if (bytes && !documents::fill_for_pdf(*tmpl, *data, options, *formats, pdf_docx, diags)) bytes.reset();
  }
  const std::string* for_pdf = pdf_docx ? &*pdf_docx : nullptr;
  const Outputs outputs{*formats, *password, p.option("--force") != nullptr};
  if (to_stdout && bytes && !diags.has_errors()) {
    // The one format asked for, encrypted when --encrypt is given (a .docx as Word does it).
    auto document = document_as(formats->front(), *bytes, outputs, data.get(), template_path, diags, for_pdf);
    diags.print(err);
    if (!document) {
      err << "reviewkit fill: " << count_problems(diags) << "; nothing was written\n";
      return 1;
    }
    return write_to_stdout(*document, "fill", out, err) ? 0 : 1;
  }
  bool written = bytes && !diags.has_errors() && write_document(*bytes, paths, outputs, data.get(), template_path, diags, for_pdf);
  diags.print(err);
  if (!written) {
    err << "reviewkit fill: " << count_problems(diags) << "; nothing was written\n";
    return 1;
  }
  for (const auto& path : paths) out << "wrote " << path << "\n";
  return 0;
}

}  // namespace reviewkit::cli
