// reviewkit/chronology — chronologies written out: agencies' templates and the integrated chronology.
//
// In: a column set and the case (templates), or an Integrated chronology (merge.hpp). Out: the
// bytes of a DOCX (landscape, the heading rows repeated on every page, the security marking and
// page numbers on every page), an XLSX workbook, a CSV (UTF-8 with a BOM, which Excel opens as
// UTF-8) or YAML in the case file's chronology schema. Templates carry the case header the source
// sets above the table, the source's rules for filling it in, and the columns of the board's set;
// the return records who completed it and when. The integrated chronology is grouped by month,
// marks the entries in which the child was seen, and is followed by its analysis and timeline.
#pragma once

#include <string>
#include <vector>

#include "casefile/case.hpp"
#include "columns.hpp"
#include "merge.hpp"

namespace reviewkit::chronology {

enum class OutFormat { Docx, Xlsx, Csv, Yaml, Pdf };
std::optional<OutFormat> out_format_for(const std::string& extension_or_name);  ///< "docx", ".XLSX", "pdf"…
const char* out_extension(OutFormat f);

/// The header fields of a template for an agency, in the set's words where the set has them
/// (Enfield's, Milton Keynes'), else the case header 004 e's Chronolator template carries.
std::vector<std::pair<std::string, std::string>> template_header(const ColumnSet& set, const casefile::Case& kase,
                                                                 const casefile::Agency& agency);

/// An agency's chronology template in `format` (DOCX, XLSX or CSV).
std::string write_template(const ColumnSet& set, const casefile::Case& kase, const casefile::Agency& agency, OutFormat format);

/// A figure for the integrated chronology's DOCX: a PNG (or a PDF, in a DOCX that is only laid out
/// as PDF and never given to Word) and its size in points.
struct Figure {
  std::string bytes;
  double width = 0, height = 0;
  bool pdf = false;
  std::string description;  ///< its alternative text
};

/// The integrated chronology in the board's column set; in a DOCX, `chart` is drawn under the
/// contacts per month and `timeline` after the analysis (empty bytes: none).
std::string write_integrated(const Integrated& merged, const ColumnSet& set, const casefile::Case& kase, OutFormat format,
                             const Figure& timeline = {}, const Figure& chart = {});

/// The cells of one entry in a set's columns (and the return it came from, last).
std::vector<std::string> entry_cells(const MergedEntry& m, const ColumnSet& set, const casefile::Case& kase, bool named);

}  // namespace reviewkit::chronology
