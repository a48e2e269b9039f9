// reviewkit/scan — the one scanner: what in a document could identify the family.
//
// In: the text of a document as spans, each with its place (a Word part and paragraph, a property,
// a line of a text file), and the identifiers a case names (real names, dates of birth, addresses,
// phone numbers, e-mail addresses, places), each with what it is and the pseudonym to use. Out:
// every hit as a diagnostic at its place, quoting the text around it, with the hint; plus the
// identifiers no case lists but that identify anyone: NHS numbers (with their check digit),
// National Insurance numbers, postcodes, telephone numbers, e-mail addresses and vehicle
// registrations. Matching ignores case, runs of spaces and line breaks, and the runs Word splits
// text into (spans are whole paragraphs); a name matches at word boundaries, so possessives
// ("Marlow's") and double-barrelled names ("Marlow-Quinn") are found, and "Marlowe" is not.
// Never throws.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "common/diagnostics.hpp"

namespace reviewkit::scan {

struct Identifier {
  std::string text;  ///< as the case writes it: "Shannon Marlow", "22/05/2001", "NB7 2RS"
  std::string what;  ///< "real name of Parent 1", "date of birth of Parent 1"
  std::string hint;  ///< "write 'Parent 1'"
  bool error = true;   ///< false: a warning (a detail that identifies together with others)
  int year = 0;        ///< a date written without its year: not a hit when another year follows it
  bool publishable = false;  ///< the board's own contact details: no hit inside them is told
  std::string replacement = {};  ///< what an anonymised text says instead ("Parent 1"); empty: nothing can stand in
  bool as_written = false;   ///< an everyday word ("Grace"): matched only with its capitals as written
  bool shared = false;       ///< a text several people's names hold (a family's surname): no one pseudonym stands in
  bool needs_context = false;  ///< initials without dots ("SM"): a hit only next to a word that says a person
                               ///< is meant ("Ms SM", "SM's", "(SM)", "mother SM")
  bool place = false;          ///< names a place (a town, a street, a place the case lists)
  bool silent = false;         ///< never told alone (a town's name): counts only for a detail told with_a_place
  bool with_a_place = false;   ///< a detail (an uncommon ethnicity) told, as a warning, only when the same
                               ///< document names a place: together they can identify the family
};

/// One hit in a text: bytes [begin, end) of the text as given; `id` the identifier found (nothing
/// for an identifier no case lists: an NHS number, a postcode).
struct Hit {
  std::size_t begin = 0, end = 0;
  const Identifier* id = nullptr;
  bool error = true;
  std::string message, hint;
};

/// The identifiers prepared once for finding in many texts. A name matches at word boundaries in
/// any capitalisation of any script (ZOË as Zoë), across runs of spaces and line breaks, with a
/// possessive ("Marlow's", "Marlow’s") or a plural ("the Marlows") after it.
class Matcher {
 public:
  explicit Matcher(std::vector<Identifier> ids = {});
  /// Every hit in `text` in order: the identifiers, then (with `generic`) those no case lists.
  /// Where hits overlap the longer is kept; nothing inside a publishable text is a hit.
  std::vector<Hit> find(const std::string& text, bool generic = true) const;
  const std::vector<Identifier>& identifiers() const { return ids_; }

 private:
  std::vector<Identifier> ids_;
  std::vector<std::pair<std::string, std::size_t>> folded_;  ///< folded text, index into ids_, longest first
};

/// `text` with each hit of an identifier that has a replacement replaced by it; `used` gets each
/// replacement once, in order.
std::string replace_hits(const std::string& text, const std::vector<Hit>& hits, std::vector<std::string>& used);

/// Text at one place of a document: `where.part` ("word/footnotes.xml ¶2") or `where.line`.
struct Span {
  Location where;
  std::string text;
};

/// A hit in one of a document's spans.
struct SpanHit {
  std::size_t span = 0;
  Hit hit;
};
/// Every hit in a document's spans, in order, with the document's jigsaw rules applied: a detail
/// told with_a_place only when a place is named somewhere in the same document, silent
/// identifiers never.
std::vector<SpanHit> find_in_spans(const std::vector<Span>& spans, const Matcher& matcher);

/// A name that is also an everyday word ("Grace", "Birch", "Harbour"): matched only with its
/// capital as written ("Grace said", not "a period of grace"; "Birch's", not "the birch trees").
bool everyday_word(const std::string& word);

/// A word a name or a place's name can hold that names no one by itself: a title or a rank ("Mrs",
/// "Detective", "Chief"), a word for a relation ("Mother"), a word of streets and buildings
/// ("Close", "House", "Hospital"), a compass point. Any capitalisation.
bool names_no_one(const std::string& word);

/// The identifiers a person's real name gives (each replaced by `use` in an anonymised text): the
/// whole name, each part of it (a first name only when it is not a common word, parts of a
/// double-barrelled name too, never a title or a rank), each at least 3 letters; and the initials
/// of a name of two parts or more, with dots ("S.M.", "S. M.") and without ("SM", a hit only next
/// to a word that says a person is meant).
std::vector<Identifier> name_identifiers(const std::string& name, const std::string& who, const std::string& use);
/// A date of birth written every way people write one: 22/05/2001, 22/5/01, 22.05.2001,
/// 2001-05-22, 22 May 2001, 22nd May 2001, 22nd May, May 22, 2001, 22 May 01.
std::vector<Identifier> date_identifiers(int year, int month, int day, const std::string& what, const std::string& hint);

/// Every hit in the spans, in their order: the identifiers given, then those no case lists.
/// Where two hits overlap at one place, the longer is kept.
void scan_spans(const std::vector<Span>& spans, const std::vector<Identifier>& ids, Diagnostics& diags);

/// The spans of a .docx: every paragraph of the body, headers, footers, footnotes, endnotes and
/// comments (tracked insertions and deletions, hidden text, text boxes and field codes included),
/// pictures' alternative text and titles, hyperlink targets, and the core, app and custom
/// properties. Nothing, with `why`, when the file is not a Word document.
std::vector<Span> docx_spans(const std::string& bytes, const std::string& file, std::string& why);
/// The spans of a PDF: each page's text (a block of lines at "page 3 lines 4–6", a word hyphenated
/// at a line's end joined again), annotations (comments' text and author, free text, link targets,
/// attached files), bookmarks, the document information and the XMP metadata, form fields (name,
/// value, tooltip, the text their appearance draws) and attachments (a PDF read the same way, a
/// Word document with docx_spans, a text file line by line; any other kind named in a warning).
/// Nothing, with `why`, when the file is not a PDF, is damaged beyond reading or needs a password
/// (`password` opens an encrypted one). What could only partly be read (a limit reached, a damaged
/// part) is an error in `notes`, and an attachment not read a warning. Never throws.
std::vector<Span> pdf_spans(const std::string& bytes, const std::string& file, std::string& why, const std::string& password = {},
                            Diagnostics* notes = nullptr);
/// The lines of a text file (UTF-8, UTF-8 with BOM, UTF-16 with BOM).
std::vector<Span> text_spans(const std::string& bytes, const std::string& file);

/// The words around bytes [begin, end) of `text` (about 40 characters either side, cut at whole
/// characters, an ellipsis where cut), on one line: what a message quotes.
std::string excerpt(const std::string& text, std::size_t begin, std::size_t end);

/// An NHS number's check digit (modulus 11) is right; `digits` is ten digits.
bool nhs_number_valid(const std::string& digits);

}  // namespace reviewkit::scan
