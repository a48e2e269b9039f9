// reviewkit/chronology — the integrated chronology: every agency's entries in one order, with the
// analysis the sources ask for.
//
// In: checked returns (check.hpp) and the case. Out: the entries in date and time order (an entry
// without a time before the timed ones of its day, as Chronolator orders them; ties by agency, then
// by their order in the return), each keeping its agency, file and row; entries of different
// agencies about the same event (same day, same people, the event told in nearly the same words)
// put together and marked, never dropped; in the anonymised view (the default) every real name and
// place the case's key holds replaced in the free text by its pseudonym or role code, each
// replacement listed in the notes. The analysis: when the child was seen and seen alone and whether
// the child's wishes and feelings were recorded (004 criterion 38: "a chronology of agency
// involvement identifying when the child was seen and if the child was seen alone"), the periods
// without agency contact longer than the case's threshold, and contacts per agency per month.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "casefile/case.hpp"
#include "scan/scan.hpp"
#include "check.hpp"
#include "common/date.hpp"

namespace reviewkit::chronology {

constexpr int kDefaultGapDays = 28;

struct MergeOptions {
  std::vector<std::string> agencies;  ///< only these agencies (--agency A,B); empty: all
  std::string subject;                ///< only entries about this person (--subject ID)
  std::optional<Date> from, to;       ///< only entries in these dates
  bool named = false;                 ///< the restricted copy: real names kept
  std::optional<int> gap_days;        ///< the threshold for gaps; else the case's, else 28
};

struct MergedEntry {
  ReturnEntry entry;
  int same_event = 0;       ///< entries of one event share a number from 1; 0: none
  std::string same_as;      ///< "Police, row 5": the first entry of its event, for the others
};

struct SeenCounts {
  std::string agency;  ///< empty: all agencies
  int entries = 0, about_child = 0, seen = 0, seen_alone = 0, wishes = 0, not_recorded = 0;
  std::vector<Date> seen_on, alone_on, wishes_on;
  /// Whether any entry says whether the child was seen alone, or whether wishes and feelings
  /// were recorded: a return whose columns cannot say (Chronolator's has no such column) shows
  /// "not recorded", not 0.
  bool alone_recorded = false, wishes_recorded = false;
};

struct Gap {
  std::string agency;  ///< empty: no agency at all
  Date from, to;       ///< the last contact before, the next after (or the period's ends)
  long days = 0;       ///< days without a contact between them
  bool from_start = false, to_end = false;  ///< `from` is the period's first day, `to` its last
};

struct Analysis {
  /// One per agency, in the case's order, then all agencies (an event several agencies recorded
  /// counted once there).
  std::vector<SeenCounts> seen;
  int gap_days = kDefaultGapDays;
  std::vector<Gap> gaps;         ///< overall first, then each agency's
  /// Contacts per month ("2024-03") per agency.
  std::map<std::string, std::map<std::string, int>> per_month;
};

struct Integrated {
  std::vector<MergedEntry> entries;
  std::vector<std::string> agencies;  ///< those with entries, in the case's order
  std::optional<Date> from, to;       ///< the period shown
  Analysis analysis;
  std::vector<std::string> notes;     ///< names replaced, entries left out, events put together
  bool named = false;
};

/// Merges the returns' entries. Entries outside the options' filters are left out (and counted in
/// the notes).
Integrated merge_returns(const std::vector<CheckedReturn>& returns, const casefile::Case& kase,
                         const MergeOptions& options = {});

/// The case's real names and places with what the anonymised view says instead (pseudonyms, role
/// codes), found by the one scanner (scan::Matcher) and each replaced in `text` as whole words in
/// any capitalisation; `replaced` gets the pseudonyms used.
struct NameKey {
  scan::Matcher matcher;  ///< each real text with its replacement; an everyday word matched as written
};
NameKey name_key(const casefile::Case& kase);
std::string anonymise(const std::string& text, const NameKey& key, std::vector<std::string>& replaced);

/// Whether two event texts tell the same thing: most of their words in common.
bool same_words(const std::string& a, const std::string& b);

}  // namespace reviewkit::chronology
