// reviewkit/common — CSV as Excel and LibreOffice open it, safely: UTF-8 with a byte order mark
// (so that Excel reads UTF-8), RFC 4180 quoting, CRLF line ends, and a guard against formula
// injection. The integrated chronology, its templates and the copies' sign-out register write here.
#pragma once

#include <string>
#include <vector>

namespace reviewkit {

/// The byte order mark a CSV starts with.
inline constexpr const char* kCsvBom = "\xEF\xBB\xBF";

/// One cell: control characters other than line breaks and tabs dropped; a cell a spreadsheet
/// would run as a formula (starting with = + - @, a tab or a carriage return) kept as text with a
/// leading apostrophe ("-3" and "+44 …" stay as they are: a sign before a digit is a number, never
/// a formula's start); quoted when it holds a comma, a quote or a line break, quotes doubled.
std::string csv_field(const std::string& s);

/// One record: the cells, each through csv_field, separated by commas and ended by CRLF.
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace reviewkit
