// reviewkit/chronology — a return checked against its column set, as Chronolator checked it and more.
//
// In: a RawReturn (returns.hpp), the column sets, and optionally the case (its people, agencies,
// period under review and board). Out: the return's entries in the case file's terms — each with
// the file and row it came from — and every problem at once, each at its cell with the column's
// heading and the cell's text: headings changed, added, removed or reordered; mandatory cells
// empty; dates that are not dates, periods in the date column, dates outside the period; times
// not on the 24-hour clock, estimates the comment does not mark; entries out of order; child seen
// not Y or N; ages not whole numbers or 18 and over; subjects who are not the case's people.
// Approximate dates (?22 May 2016, c. May 2016 is refused: a day is needed) are kept, marked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "casefile/case.hpp"
#include "columns.hpp"
#include "common/date.hpp"
#include "common/diagnostics.hpp"
#include "returns.hpp"

namespace reviewkit::chronology {

/// One entry of a return, in the case file's terms, with where it came from.
struct ReturnEntry {
  casefile::ChronologyEntry entry;
  std::vector<std::string> subject_names;  ///< as written, when there is no case to match them with
  std::string age;                         ///< as written
  std::string file;                        ///< the return it came from
  int row = 0;                             ///< its row there
  Location where;
  std::size_t order = 0;                   ///< its place in the return, from 0
};

struct CheckedReturn {
  std::string file;
  std::string agency;        ///< the abbreviation, when it is the return's for one agency
  std::string completed_by;  ///< who completed it, as the header says
  std::optional<Date> completed_on;
  std::string set;           ///< the column set it was read by
  std::vector<ReturnEntry> entries;
  std::vector<std::string> undated;  ///< "file row N": entries dated "not known", which cannot be placed
};

struct CheckOptions {
  const casefile::Case* kase = nullptr;  ///< the case, for its people, agencies and period
  std::string agency;                    ///< the agency of returns that do not say (--agency)
  std::string set;                       ///< the set the board's profile chooses; empty: any
};

/// Every heading and group heading the sets know (to find a return's heading row).
std::vector<std::string> heading_words(const ColumnSets& sets);

/// Checks a return; problems go to `diags` (errors: the return must be mended; warnings: it can
/// be merged as it is). Returns nothing only when the table cannot be read at all.
std::optional<CheckedReturn> check_return(const RawReturn& raw, const ColumnSets& sets, const CheckOptions& options,
                                          Diagnostics& diags);

/// Reads and checks several returns, on every core the machine has (returns are independent);
/// the results and the problems in the order of `files`. A return that cannot be read is left out
/// (its problems say why). A Windows-1252 CSV gets a note saying it was read so.
std::vector<CheckedReturn> check_returns(const std::vector<std::string>& files, const ColumnSets& sets,
                                         const CheckOptions& options, Diagnostics& diags, const std::string& sheet = {});

/// A date as agencies write it in a chronology: day first (06/11/2023, 6.11.23, 6 November 2023,
/// 6th Nov 2023, Monday 6 November 2023), or YYYY-MM-DD; `?`, `c.`, `approx.` or `about` before it
/// or `?` after it mark it approximate.
struct EntryDate {
  std::optional<Date> date;
  bool approximate = false;
  bool not_known = false;  ///< "not known", where the set allows it
  bool period = false;     ///< two dates, or "from … to …": a period, not a date
  std::string time;        ///< a time written after the date (date-time columns)
  std::string problem;     ///< why it is not a date, in words
  std::string fix;         ///< what to write instead, when that is clear
};
EntryDate parse_entry_date(const std::string& text);

/// A time of day as HH:MM on the 24-hour clock; `estimated` when marked (~, approx., est., c.).
struct EntryTime {
  std::string time;  ///< HH:MM, or empty when it is not one
  bool estimated = false;
  std::string fix;   ///< what to write instead ("09:30" for 9.30, "17:00" for 5pm)
};
EntryTime parse_entry_time(const std::string& text);

/// Excel's serial day number as a date (the 1900 date system, or the 1904 one a workbook may
/// declare) and, for its fraction, a time.
std::optional<Date> date_from_serial(double serial, bool date1904 = false);
std::string time_from_serial(double serial);

}  // namespace reviewkit::chronology
