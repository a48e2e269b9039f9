// reviewkit/chronology — agencies' chronologies: the column sets their templates and returns use.
//
// In: templates/chronology/columns.yaml, the column sets of the sources (Chronolator's, 004 e; Milton
// Keynes', 003 Appendix 4; Enfield's, 001 Appendix 3), each heading kept in the source's words. Out:
// the sets, each column with the case-file field it fills, its kind, whether it is mandatory and
// the source's rule for it. Templates are written from a set, and returns are read by its headings.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"

namespace reviewkit::chronology {

enum class ColumnKind { Date, Time, DateTime, Agency, Subjects, Age, YesNo, Staff, Text };
const char* kind_name(ColumnKind k);  ///< "date", "date-time", "yes-no", …

struct Column {
  std::string heading;       ///< the source's words, exactly: "Source of Information"
  std::string group;         ///< the first heading row's words over it ("Family Contact"), or empty
  std::string field;         ///< the case file's chronology field it fills: date, source, event …
  ColumnKind kind = ColumnKind::Text;
  bool mandatory = false;
  std::string contact_type;  ///< what the column says of the contact ("with-child"), or empty
  std::string rule;          ///< the source's rule for the column, or empty
};

struct ColumnSet {
  std::string name, title, source;
  std::vector<std::string> header;  ///< the fields above the table the agency fills in ("Date completed")
  std::vector<Column> columns;
  std::vector<std::string> rules;   ///< the source's rules for the whole chronology
  bool two_heading_rows() const;    ///< some column sits under a group heading
};

struct ColumnSets {
  std::vector<ColumnSet> sets;
  const ColumnSet* find(const std::string& name) const;
  std::vector<std::string> names() const;
};

/// Reads and checks a column sets file; every problem at once in `diags` (nothing then).
std::optional<ColumnSets> load_column_sets(const std::filesystem::path& file, Diagnostics& diags);

/// The column sets reviewkit ships (data_dir()/templates/chronology/columns.yaml).
std::filesystem::path default_column_sets_file();

}  // namespace reviewkit::chronology
