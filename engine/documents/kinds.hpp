// reviewkit/documents — the documents reviewkit makes, as data (templates/documents.yaml).
//
// Each kind: its id and title, its template, who it is made for (a list or contact of the case, a
// condition, a file-name pattern), the review date from which it can be made, its audience
// (restricted: real names allowed; anonymised: pseudonyms only, for the panel and the board;
// published: pseudonyms only, scanned before writing) with a default a board profile can change,
// and its formats. The CLI's `generate` and `documents`, the main job and the tests all read it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "data/node.hpp"

namespace reviewkit::documents {

enum class Audience { Restricted, Anonymised, Published };
const char* audience_name(Audience a);  ///< "restricted", "anonymised", "published"

struct Kind {
  std::string id, title;
  std::filesystem::path templ;  ///< the Word template, resolved against the file's folder
  std::string each;             ///< who it is for: agencies, contacts.coroner, contacts.ofsted,contacts.national_panel
  std::string where;            ///< which of them (an expression over `recipient`); empty: all
  std::string when;             ///< whether the case needs it at all (an expression over the case); empty: always
  std::string name;             ///< file names (an expression pattern); empty: numbered
  std::string stage;            ///< the review date (review.dates.STAGE) from which it can be made
  /// The review date the document is dated and written as of (review.dates.DATED: the notice of a
  /// decision on the day it was sent), when the case records it and it is not after today; empty:
  /// the day it is made.
  std::string dated;
  Audience audience = Audience::Restricted;
  std::vector<std::string> formats;  ///< docx, pdf
  std::string combined;         ///< also all of them in one document, to print (a file name), or empty
  Location where_defined;
};

struct Kinds {
  std::vector<Kind> kinds;
  std::vector<std::string> stages;  ///< the review dates in the order a review reaches them
  const Kind* find(const std::string& id) const;
};

/// Reads and checks a documents file; every problem at once in `diags` (nothing then).
std::optional<Kinds> load_kinds(const std::filesystem::path& file, Diagnostics& diags);

/// The documents file reviewkit ships (data_dir()/templates/documents.yaml).
std::filesystem::path default_kinds_file();

/// A board's own audiences (its profile's `documents: {KIND: {audience: …}}`) applied to the kinds;
/// a kind or an audience the profile names wrongly is an error at the profile's line.
void apply_board(Kinds& kinds, const data::Node* board_documents, Diagnostics& diags);

}  // namespace reviewkit::documents
