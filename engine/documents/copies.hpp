// reviewkit/documents — numbered, marked copies of a restricted document and their sign-out register.
//
// Tameside's procedure (seed 002, "Document Management and Security"): hard copies of the report are
// limited in number, each numbered, and signed out: whoever receives one signs for it and leaves
// contact details so that it can be retrieved swiftly. This part knows who the copies are for (a
// recipients file, or the case's contacts), what each copy is marked with and called, and writes
// the register (DOCX through templates/registers/copies-register.docx, and CSV) and the copies'
// own passwords. The CLI's `copies` stamps the PDFs (pdf/stamp.hpp) and writes them all or none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/diagnostics.hpp"
#include "data/node.hpp"

namespace reviewkit::documents {

/// The most copies one run makes: hard copies are "limited in number" (002).
constexpr std::size_t kMaxCopies = 200;

struct CopyRecipient {
  std::string name, organisation, role, email, phone, address;
  std::string source;  ///< where it came from, for messages: "recipients.yaml:4:3", "contacts.ofsted"
};

/// A recipients file: a YAML list of {name, organisation, role?, email?, phone?, address?}. Every
/// problem is reported at once at its file:line:col with how to mend it (unknown keys with "did you
/// mean", missing or empty names, values that are not text, control characters, lengths beyond
/// their limits, more than kMaxCopies); nothing is returned when there is any error.
std::optional<std::vector<CopyRecipient>> read_recipients(const std::string& path, Diagnostics& diags);

/// The recipients among a case's contacts (the `contacts:` map of a case file, checked already).
/// `keys` names them: a contact (ofsted, coroner), a list (board_members: every item), an item
/// (board_members[0]), or "all" (every contact, in the order written). Without keys, those 002
/// gives hard copies to: Ofsted (contacts.ofsted), the local authority's head of legal services
/// and the director of children's services (any contact whose role names them); each of them
/// the case lacks is a warning, and none at all an error.
std::optional<std::vector<CopyRecipient>> contacts_recipients(const data::Node& contacts, const std::vector<std::string>& keys,
                                                              Diagnostics& diags);

/// One copy as issued.
struct IssuedCopy {
  int number = 0;
  CopyRecipient to;
  std::string file;      ///< "Copy 03 of 08 - Serious Incident Notifications Team.pdf"
  std::string password;  ///< its own (--own-passwords), else empty
};

struct CopySet {
  std::string title;     ///< the document's title (its properties, else its file's name)
  std::string document;  ///< the document's file name
  std::string reference, board;  ///< the case's, when the copies are made from one
  Date date;
  std::vector<IssuedCopy> copies;
};

/// Numbers the copies 1..n in the recipients' order and names their files.
CopySet plan_copies(const std::vector<CopyRecipient>& recipients, const std::string& title, const std::string& document,
                    const Date& date);

/// "Copy 3 of 8 — issued to NAME, ORGANISATION, 2 December 2026 — RESTRICTED": the line at the
/// top and foot of every page.
std::string copy_line(const IssuedCopy& copy, std::size_t total, const Date& date);
/// "COPY 3 OF 8 — RESTRICTED": the mark across every page.
std::string copy_diagonal(const IssuedCopy& copy, std::size_t total);
/// "Copy 03 of 08 - NAME.pdf", safe for every filesystem (safe_file_name).
std::string copy_file_name(int number, std::size_t total, const std::string& name);

/// A password to read out or type: 4 groups of 5 letters and digits without those easily taken for
/// each other (0 O 1 I L), about 100 bits, from the kernel's random numbers.
std::string readable_password();

/// A recipient's contact details on one line: e-mail; phone; address (its lines joined by commas).
std::string contact_details(const CopyRecipient& r);

/// The register as CSV (common/csv.hpp): its heading (the document, the number of copies, the
/// date), then Copy, Issued to, Role, Organisation, Contact details, Date issued, Signature, Date
/// returned, one row a copy, the last two empty for the pen.
std::string register_csv(const CopySet& set);
/// The register as DOCX, filled from templates/registers/copies-register.docx (landscape A4, ruled
/// cells to sign in); nothing, with the problems in `diags`, when the template cannot be read or filled.
std::optional<std::string> register_docx(const CopySet& set, Diagnostics& diags);
/// Each copy's own password, with the note to send each separately from its copy.
std::string passwords_csv(const CopySet& set);

}  // namespace reviewkit::documents
