// reviewkit/documents — publication safety for a batch: an anonymised or published document is
// scanned before it is written; a real name the case file's free text holds is told at that
// file's line and column (the author mends the source, not each document); with --replace-names
// the pseudonym goes in instead, each replacement noted and recorded in the document's properties.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "data/node.hpp"
#include "documents/kinds.hpp"
#include "scan/scan.hpp"

namespace reviewkit::documents {

/// A hit of the scanner in the case file's own text: where it was typed and the words around it,
/// by which a document's hit is traced back to it.
struct SourceHit {
  Location where;      ///< case.yaml:line:col of the hit itself
  std::string path;    ///< "chronology.key_events[1].description"
  std::string window;  ///< the text around the hit, on its line, as a document would carry it
  const scan::Identifier* id = nullptr;  ///< nothing: an identifier no case lists (an NHS number)
  std::string message, hint;
};

/// What a batch checks publication against: the matcher, the case file's free text's hits, and
/// what it has told already (one message a place, not one a recipient).
struct Publication {
  scan::Matcher matcher;
  std::vector<SourceHit> sources;
  std::vector<std::string> allowed;  ///< --allow: texts whose hits are warnings
  std::set<std::string> allowed_used;  ///< those that let a hit through (one that never did is told: a typo?)
  bool replace_names = false;        ///< the data had its names replaced: what is left could not be
  std::set<std::string> told;
};

/// The hits in every free-text value of `data` that the case file wrote (values made by the program,
/// and the fields an identifier comes from — a name, a date of birth, an address — are not free text).
std::vector<SourceHit> source_hits(const data::Node& data, const scan::Matcher& matcher);

/// Whether `docx` may be written as `kind` (anonymised or published): every hit is an error at its
/// place, or at the case file's place when the case file's text carried it there; a hit of an
/// allowed text is a warning. `recorded` gets the properties to record in the document.
bool publishable(const std::string& docx, const std::string& name, const Kind& kind, Publication& publication,
                 Diagnostics& diags, std::vector<std::string>& recorded);

/// A copy of `data` with each real name in the case file's free text replaced by its pseudonym (a
/// note in `diags` each); an identifier nothing can stand in for (a surname several people share, a
/// date of birth, an NHS number) is left, for the document's scan to refuse where a document
/// carries it. `recorded` gets one line a replacement, naming the field and the pseudonym, never
/// the real name.
data::NodePtr with_names_replaced(const data::Node& data, const scan::Matcher& matcher, Diagnostics& diags,
                                  std::vector<std::string>& recorded);

/// The .docx with custom properties set (docProps/custom.xml, made when missing): `name` → `value`.
/// The bytes as they were when the package cannot be read.
std::string with_custom_properties(const std::string& docx, const std::vector<std::pair<std::string, std::string>>& properties);

}  // namespace reviewkit::documents
