// reviewkit/documents — planning and writing a batch of documents: who each is for, what each
// file is called, and writing them all or none. The CLI's `letters` and `generate`, the main job,
// and later a pack and the web page share it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "data/node.hpp"
#include "documents/kinds.hpp"
#include "layout/pdf.hpp"
#include "pdf/fonts.hpp"
#include "scan/scan.hpp"
#include "templating/docx_template.hpp"

namespace reviewkit::documents {

/// One addressee: an item of a list (agencies[2]) or a contact (contacts.coroner).
struct Recipient {
  const data::Node* node = nullptr;
  std::string path;
};

/// The recipients `each` names in `data`: each item of a list, a map as one; several paths
/// separated by commas in turn. Nothing, with `error` set (and a "did you mean"), when a path does
/// not name a list or a map.
std::optional<std::vector<Recipient>> find_recipients(const data::Node& data, const std::string& each,
                                                      const std::string& data_file, std::string& error);

/// Those for whom `condition` (an expression, with the recipient bound as `as`) holds. Nothing,
/// with `error` set, when it cannot be read or evaluated for one of them.
std::optional<std::vector<Recipient>> select_recipients(const data::Node& data, const std::vector<Recipient>& all,
                                                        const std::string& condition, const std::string& as,
                                                        std::string& error);

/// A file name (without extension) for each: `pattern` filled for each recipient (bound as `as`),
/// or the number from 1, zero-padded to the count's width; made safe for every filesystem, and
/// never the same twice (the second becomes "NAME (2)"). Problems go to `diags` at `data_file`.
std::vector<std::string> file_names(const data::Node& data, const std::vector<Recipient>& recipients,
                                    const std::string& pattern, const std::string& as, const std::string& data_file,
                                    Diagnostics& diags);

/// A name every filesystem accepts: no separators or reserved characters, no trailing dots or
/// spaces, not a Windows device name, at most 120 bytes.
std::string safe_file_name(const std::string& name);
/// "letter 3 (agencies[2], Northbrook Police)", for messages.
std::string describe_recipient(std::size_t number, const std::string& path, const data::Node& item);
/// The PDF's title, subject, author and keywords from a case's data.
layout::PdfMetadata pdf_metadata(const data::Node* data);

/// What a filled document is written as needs: its name for messages, the PDF's metadata, the
/// password (a non-empty one encrypts the PDF, AES-256, and the .docx, as Word does), the batch's fonts.
struct FormatContext {
  std::string label;
  layout::PdfMetadata metadata;
  std::string password;
  pdf::FontBook* fonts = nullptr;
};
/// An output format: its name (as --format takes it), its extension, and what makes its bytes
/// from the filled .docx. Nothing (with the problem in `diags`) when it cannot be made.
struct Format {
  const char* name;
  const char* extension;
  std::optional<std::string> (*write)(const std::string& docx, const FormatContext& context, Diagnostics& diags);
};
/// `docx` encrypted as Word's "Encrypt with Password" does (security::encrypt_office_package): what
/// the docx format writes when a password is given. Nothing, with the problem in `diags` at `label`.
std::optional<std::string> encrypted_docx(const std::string& docx, const std::string& label, const std::string& password,
                                          Diagnostics& diags);
/// Every format reviewkit writes (docx, pdf), in that order.
const std::vector<Format>& formats();
const Format* find_format(const std::string& name);

/// One kind's documents in a plan.
struct Planned {
  const Kind* kind = nullptr;
  std::vector<Recipient> recipients;
  std::vector<std::string> names;
  /// The data as of the day the kind is dated (Kind::dated), when it differs from the plan's;
  /// recipients are found in it again by their paths.
  data::NodePtr data;
};
struct Skipped {
  const Kind* kind = nullptr;
  std::string reason;  ///< "the case has no review.dates.decision yet", "no agency is selected"
};
struct Plan {
  std::vector<Planned> documents;
  std::vector<Skipped> skipped;
  std::size_t count() const;  ///< the documents it makes (each recipient's one)
};

/// The documents of `ids` (all kinds when empty) for the case's data: those whose stage the
/// case has reached (its review.dates.STAGE is recorded, and not after the data's `today`), each
/// for its recipients; the others skipped with the reason. Unknown ids and
/// kinds whose recipients cannot be found are errors in `diags`.
Plan plan_documents(const data::Node& data, const Kinds& kinds, const std::vector<std::string>& ids,
                    const std::string& data_file, Diagnostics& diags);

struct BatchOptions {
  std::vector<std::string> formats;  ///< empty: each kind's own
  std::string password;              ///< encrypt every document (.docx, combined .docx and PDF)
  bool lenient = false, overwrite = false;
  std::filesystem::path image_base;  ///< the data file's folder
  pdf::FontBook* fonts = nullptr;    ///< one for the batch; made for the call when null
  std::map<std::string, std::string> unbound_hints;  ///< see templating::RenderOptions
  /// What could identify the family (the case's names, dates of birth, addresses…): every
  /// anonymised or published document is scanned for them, and for the identifiers no case lists,
  /// before anything is written; a hit is an error at its place. Restricted documents are not scanned.
  std::vector<scan::Identifier> identifiers;
  bool scan_documents = false;  ///< scan anonymised and published documents (with or without identifiers)
  /// Texts allowed in them all the same, deliberately (--allow NAME): their hits are warnings.
  std::vector<std::string> allowed;
  /// --replace-names: a real name typed into the case file's free text is replaced by its
  /// pseudonym in anonymised and published documents (each replacement a note, and recorded in the
  /// document's properties) rather than refused; an ambiguous one is refused at its place.
  bool replace_names = false;
  /// Draws the templates' {% figure %} tags (the caller knows the case); none: such a tag is an
  /// error. A PDF of a template with figures is laid out from a fill of its own with the figures as
  /// PDF (vector art); the .docx beside it keeps them as PNG with SVG.
  templating::FigureHandler figures;
};

/// For a template with {% figure %} tags whose PDF is asked for (`formats` holds "pdf"): the fill a
/// PDF is laid out from, with the figures as PDF (vector art) rather than PNG + SVG, into
/// `pdf_docx`; left empty otherwise (the PDF is laid out from the .docx). False, with the problems
/// in `diags`, when that fill fails.
bool fill_for_pdf(const templating::DocxTemplate& tmpl, const data::Node& data, const templating::FillOptions& fill,
                  const std::vector<std::string>& formats, std::optional<std::string>& pdf_docx, Diagnostics& diags);

/// Writes every planned document into DIR/KIND/NAME.EXT (and each kind's combined document, when
/// it has one), all or none: everything is filled and laid out into private staging folders first,
/// and moved into place only when every document was made. `written` counts the files.
bool write_batch(const Plan& plan, const data::Node& data, const std::filesystem::path& dir, const BatchOptions& options,
                 Diagnostics& diags, std::size_t& written);

}  // namespace reviewkit::documents
