// reviewkit/chronology — an agency's chronology return read as it was sent: a table of cells.
//
// In: a return as agencies really send it — the DOCX template filled in Word (any widths, fonts,
// shading, blank rows, the table split across pages or pasted twice, cells of several paragraphs,
// two heading rows with merged cells), a CSV (UTF-8 with or without a BOM, UTF-16 with a BOM, or
// Windows-1252 as Excel saves it; comma, semicolon or tab separated), an Excel workbook (.xlsx, the
// first sheet or a named one; dates as serial numbers) or YAML with `entries:` in the case file's
// chronology schema. Out: a RawReturn — the header fields found above the table ("Agency", "Date
// completed"), the heading rows, and every data row, each cell with its place (file:row:col for
// CSV and XLSX, part ¶N with table row and cell for DOCX, line and column for YAML). Nothing is
// interpreted here: check.hpp reads the cells by the column set. The input is never modified.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"

namespace reviewkit::chronology {

constexpr std::size_t kMaxReturnRows = 100'000;   ///< data rows in one return
constexpr std::size_t kMaxReturnColumns = 200;    ///< cells in one row
constexpr std::size_t kMaxCellBytes = 64u << 10;  ///< text in one cell
constexpr std::uintmax_t kMaxReturnBytes = 64u << 20;

/// Places for messages: the whole file, or a row and column of a CSV or a sheet.
inline Location in_file(const std::string& file) {
  Location l;
  l.file = file;
  return l;
}
inline Location at_cell(const std::string& file, int row, int column) {
  Location l = in_file(file);
  l.line = row;
  l.column = column;
  return l;
}

enum class ReturnFormat { Docx, Csv, Xlsx, Yaml };
const char* format_name(ReturnFormat f);
/// By the file's extension (any case): .docx, .csv, .xlsx, .yaml/.yml; nothing for anything else.
std::optional<ReturnFormat> return_format_for(const std::filesystem::path& file);

struct Cell {
  std::string text;             ///< as typed; paragraphs of a Word cell joined by line breaks
  std::optional<double> serial; ///< XLSX: the number stored, when the cell holds one
  bool date_styled = false;     ///< XLSX: the cell's number format shows a date or a time
  Location where;
  bool spanned = false;         ///< DOCX: a grid column a merged cell covers after its first
};

struct RawRow {
  int number = 0;  ///< the row as its tool counts it: CSV record, XLSX row, the Word table's row
  std::vector<Cell> cells;
  Location where;  ///< the row's first cell
  bool empty() const;
};

struct RawReturn {
  std::string file;
  ReturnFormat format = ReturnFormat::Csv;
  std::vector<std::pair<std::string, Cell>> header;  ///< label → value, found above the table
  /// The heading rows, each cell spread over the grid columns it covers (a merged cell's words in
  /// every column under it). One row for most sets; two for Enfield's.
  std::vector<std::vector<Cell>> headings;
  std::vector<RawRow> rows;
  bool by_field = false;    ///< YAML: the "headings" are the case file's field names
  std::string encoding;     ///< CSV: "UTF-8", "UTF-8 with a BOM", "Windows-1252", "UTF-16"
  bool date1904 = false;    ///< XLSX: the workbook counts its dates from 1904 (workbookPr date1904)
  Location table_where;     ///< where the table (its heading row) is
  /// The header value for a label ("Agency"), compared without case and punctuation; empty if none.
  const Cell* header_value(const std::string& label) const;
};

/// The heading texts a set's headings are compared with: the words of every heading row a
/// column is under, in order, spaces collapsed.
std::string normalise_heading(const std::string& text);

/// Reads a return. `sheet` names an XLSX sheet (else the first). `heading_words` are the headings
/// the column sets know, used to find the heading row in a DOCX or a sheet that has lines above
/// its table. Unreadable input: an error in `diags` and nothing.
std::optional<RawReturn> read_return(const std::filesystem::path& file, const std::vector<std::string>& heading_words,
                                     Diagnostics& diags, const std::string& sheet = {});

/// The CSV and XLSX readers on bytes (tests and the benchmark use them without files).
std::optional<RawReturn> read_csv_return(const std::string& file, std::string bytes,
                                         const std::vector<std::string>& heading_words, Diagnostics& diags);
std::optional<RawReturn> read_xlsx_return(const std::string& file, std::string bytes,
                                          const std::vector<std::string>& heading_words, Diagnostics& diags,
                                          const std::string& sheet = {});
std::optional<RawReturn> read_docx_return(const std::string& file, std::string bytes,
                                          const std::vector<std::string>& heading_words, Diagnostics& diags);


}  // namespace reviewkit::chronology
