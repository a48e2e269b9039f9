#include "returns.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/files.hpp"
#include "common/numbers.hpp"
#include "common/suggest.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"
#include "data/node.hpp"
#include "ooxml/document.hpp"
#include "ooxml/package.hpp"
#include "ooxml/xml.hpp"

namespace reviewkit::chronology {

namespace fs = std::filesystem;

const char* format_name(ReturnFormat f) {
  switch (f) {
    case ReturnFormat::Docx: return "DOCX";
    case ReturnFormat::Csv: return "CSV";
    case ReturnFormat::Xlsx: return "XLSX";
    case ReturnFormat::Yaml: return "YAML";
  }
  return "CSV";
}

std::optional<ReturnFormat> return_format_for(const fs::path& file) {
  std::string ext = ascii_lower(file.extension().string());
  if (ext == ".docx") return ReturnFormat::Docx;
  if (ext == ".csv" || ext == ".txt") return ReturnFormat::Csv;
  if (ext == ".xlsx") return ReturnFormat::Xlsx;
  if (ext == ".yaml" || ext == ".yml") return ReturnFormat::Yaml;
  return std::nullopt;
}

bool RawRow::empty() const {
  return std::all_of(cells.begin(), cells.end(), [](const Cell& c) { return trim(c.text).empty(); });
}

namespace {

std::string loose(const std::string& s) { return letters_and_digits(s); }

}  // namespace

const Cell* RawReturn::header_value(const std::string& label) const {
  std::string want = loose(label);
  for (const auto& [l, v] : header)
    if (loose(l) == want) return &v;
  return nullptr;
}

std::string normalise_heading(const std::string& text) {
  std::string out;
  bool space = false;
  for (char32_t c : utf32(text)) {
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c == 0x2019 || c == 0x2018) c = '\'';  // Word's smart apostrophes
    append_utf8(out, c);
  }
  return out;
}

namespace {

std::size_t matching_headings(const std::vector<Cell>& row, const std::vector<std::string>& words) {
  std::size_t n = 0;
  for (const auto& c : row) {
    std::string l = loose(c.text);
    if (l.empty()) continue;
    for (const auto& w : words)
      if (loose(w) == l) {
        ++n;
        break;
      }
  }
  return n;
}

std::size_t filled(const std::vector<Cell>& row) {
  return static_cast<std::size_t>(
      std::count_if(row.begin(), row.end(), [](const Cell& c) { return !trim(c.text).empty(); }));
}

// The rows as read, split into the header fields above the table, the heading rows and the data:
// the heading row is the first that names two of the known headings (or, failing that, the first
// with three cells filled); a next row naming two known headings is a second heading row; rows
// above the headings with a label and a value are header fields.
void split_table(std::vector<RawRow> all, const std::vector<std::string>& words, RawReturn& r, Diagnostics& diags) {
  std::size_t head = all.size();
  for (std::size_t i = 0; i < all.size() && head == all.size(); ++i)
    if (matching_headings(all[i].cells, words) >= 2) head = i;
  for (std::size_t i = 0; i < all.size() && head == all.size(); ++i)
    if (filled(all[i].cells) >= 3) head = i;
  if (head == all.size()) {
    diags.error(in_file(r.file), "no table of entries was found: no row has the chronology's headings",
                "the first row of the table must hold the headings of the board's chronology template");
    return;
  }
  for (std::size_t i = 0; i < head; ++i) {
    std::vector<const Cell*> cells;
    for (const auto& c : all[i].cells)
      if (!trim(c.text).empty()) cells.push_back(&c);
    if (cells.size() == 1) {  // "Agency: Housing"
      auto colon = cells[0]->text.find(':');
      if (colon != std::string::npos) {
        Cell v = *cells[0];
        v.text = trim(cells[0]->text.substr(colon + 1));
        r.header.emplace_back(trim(cells[0]->text.substr(0, colon)), v);
      }
    } else if (cells.size() >= 2) {
      std::string label = trim(cells[0]->text);
      if (!label.empty() && label.back() == ':') label.pop_back();
      r.header.emplace_back(trim(label), *cells[1]);
    }
  }
  r.table_where = all[head].where;
  r.headings.push_back(all[head].cells);
  std::size_t first = head + 1;
  if (first < all.size() && matching_headings(all[first].cells, words) >= 2 &&
      filled(all[first].cells) < filled(all[head].cells) + 2) {
    r.headings.push_back(all[first].cells);
    ++first;
  }
  // With two heading rows from a CSV or a sheet, a merged first-row heading is written in its first
  // cell only: carry it right over the columns that have words of their own in the second row.
  if (r.headings.size() == 2 && r.format != ReturnFormat::Docx) {
    auto& top = r.headings[0];
    const auto& sub = r.headings[1];
    for (std::size_t c = 1; c < top.size() && c < sub.size(); ++c)
      if (trim(top[c].text).empty() && !trim(sub[c].text).empty() && !trim(sub[c - 1].text).empty())
        top[c].text = top[c - 1].text;
  }
  std::vector<std::string> heading_texts;
  for (const auto& c : all[head].cells) heading_texts.push_back(loose(c.text));
  for (std::size_t i = first; i < all.size(); ++i) {
    // A heading row again (a table pasted twice, or split with its headings copied) is not an entry.
    bool repeated = all[i].cells.size() == all[head].cells.size();
    for (std::size_t c = 0; repeated && c < all[i].cells.size(); ++c)
      repeated = all[i].cells[c].text.size() + 8 >= heading_texts[c].size() && loose(all[i].cells[c].text) == heading_texts[c];
    if (repeated) continue;
    if (r.headings.size() == 2 && i + 1 < all.size() && matching_headings(all[i].cells, words) >= 2 &&
        filled(all[i].cells) == filled(all[head].cells)) {
      bool same = true;
      for (std::size_t c = 0; same && c < all[i].cells.size() && c < heading_texts.size(); ++c)
        same = loose(all[i].cells[c].text) == heading_texts[c];
      if (same) {
        ++i;  // and its second heading row
        continue;
      }
    }
    // A row of one cell across the table (an agency's own "April 2024") is not an entry; in any
    // other row a merged cell's words count once, in its first column.
    RawRow& row = all[i];
    if (row.cells.size() > 1 && std::all_of(row.cells.begin() + 1, row.cells.end(), [](const Cell& c) { return c.spanned; })) {
      if (!trim(row.cells[0].text).empty())
        diags.add({Severity::Note, row.where,
                   "row " + std::to_string(row.number) + " is one cell across the table ('" + trim(row.cells[0].text) +
                       "'): read as a heading of the agency's own, not an entry",
                   ""});
      continue;
    }
    for (auto& c : row.cells)
      if (c.spanned) c.text.clear();
    r.rows.push_back(std::move(row));
  }
}

bool too_big(const RawReturn& r, const std::vector<RawRow>& rows, Diagnostics& diags) {
  if (rows.size() > kMaxReturnRows + 10) {
    diags.error(in_file(r.file), "the return has " + std::to_string(rows.size()) + " rows; reviewkit reads at most " +
                              std::to_string(kMaxReturnRows),
                "split the chronology into several returns");
    return true;
  }
  return false;
}

}  // namespace

// ------------------------------------------------------------------------------------------- CSV

std::optional<RawReturn> read_csv_return(const std::string& file, std::string bytes,
                                         const std::vector<std::string>& words, Diagnostics& diags) {
  RawReturn r;
  r.file = file;
  r.format = ReturnFormat::Csv;
  if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    bytes.erase(0, 3);
    r.encoding = "UTF-8 with a BOM";
  } else if (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0) {
    bool little = bytes[0] == '\xFF';
    bytes = utf16_to_utf8(bytes.substr(2), little);
    r.encoding = "UTF-16";
  } else if (valid_utf8(bytes)) {
    r.encoding = "UTF-8";
  } else {
    bytes = windows_1252_to_utf8(bytes);
    r.encoding = "Windows-1252";
  }
  // The separator: whichever of comma, semicolon and tab the first line has most of, outside quotes.
  char sep = ',';
  {
    std::size_t counts[3] = {0, 0, 0};
    bool q = false;
    for (char c : bytes) {
      if (c == '"') q = !q;
      if (q) continue;
      if (c == '\n') break;
      if (c == ',') ++counts[0];
      if (c == ';') ++counts[1];
      if (c == '\t') ++counts[2];
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2]) sep = ';';
    else if (counts[2] > counts[0] && counts[2] > counts[1]) sep = '\t';
  }
  std::vector<RawRow> rows;
  RawRow row;
  Cell cell;
  int record = 1, line = 1, record_line = 1;
  auto place = [&](int col) {
    Location l = at_cell(file, record, col);
    return l;
  };
  bool in_quotes = false, was_quoted = false, too_long = false;
  auto end_cell = [&] {
    cell.where = place(static_cast<int>(row.cells.size()) + 1);
    if (!was_quoted) cell.text = trim(cell.text);
    if (row.cells.size() < kMaxReturnColumns) row.cells.push_back(std::move(cell));
    cell = Cell{};
    was_quoted = false;
  };
  auto end_row = [&] {
    end_cell();
    row.number = record;
    row.where = place(1);
    if (!(row.cells.size() == 1 && row.cells[0].text.empty())) rows.push_back(std::move(row));
    row = RawRow{};
    ++record;
    record_line = line;
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
          cell.text += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        if (c != '\r') cell.text += c;
      }
    } else if (c == '"' && trim(cell.text).empty()) {
      cell.text.clear();
      in_quotes = was_quoted = true;
    } else if (c == sep) {
      end_cell();
    } else if (c == '\n') {
      ++line;
      end_row();
    } else if (c != '\r') {
      cell.text += c;
    }
    if (cell.text.size() > kMaxCellBytes && !too_long) {
      diags.error(place(static_cast<int>(row.cells.size()) + 1),
                  "a cell holds more than " + std::to_string(kMaxCellBytes / 1024) + " KB of text",
                  "a quoted cell may not be closed: check the quotes in this row");
      too_long = true;
    }
    if (too_long) return std::nullopt;
    if (rows.size() > kMaxReturnRows + 10) break;
  }
  if (in_quotes) {
    diags.error(at_cell(file, record, static_cast<int>(row.cells.size()) + 1),
                "a quoted cell is not closed before the end of the file (it starts on line " +
                    std::to_string(record_line) + ")",
                "add the closing \" or remove the stray one");
    return std::nullopt;
  }
  if (!cell.text.empty() || !row.cells.empty()) end_row();
  if (too_big(r, rows, diags)) return std::nullopt;
  split_table(std::move(rows), words, r, diags);
  if (r.headings.empty()) return std::nullopt;
  return r;
}

// ------------------------------------------------------------------------------------------ XLSX

namespace {

// "C12" → column 3, row 12; nothing when it is not a cell reference.
std::optional<std::pair<int, int>> cell_ref(const std::string& ref) {
  std::size_t i = 0;
  long col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  auto row = parse_integer<int>(std::string_view(ref).substr(i));
  if (!row || *row < 1 || *row > 1048576) return std::nullopt;
  return std::make_pair(static_cast<int>(col), *row);
}

// Whether a number format shows a date or a time: the built-in ones Excel numbers 14–22, 27–36,
// 45–47 and 50–58, or a custom code with d, m, y, h or s outside quotes, brackets and escapes.
bool is_date_format(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return true;
  if (code.empty()) return false;
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (bracket) {
      bracket = c != ']';
      continue;
    }
    if (c == '"') quoted = true;
    else if (c == '[') bracket = true;
    else if (c == '\\' || c == '_' || c == '*') ++i;
    else if (std::string("dmyhsDMYHS").find(c) != std::string::npos) return true;
  }
  return false;
}

// The text of a shared or inline string: its t elements, not its phonetic runs.
std::string string_item(const xmlNode* si) {
  std::string out;
  for (const xmlNode* c = si ? si->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (ooxml::is(c, "t")) out += ooxml::text_of(c);
    else if (ooxml::is(c, "r")) {
      if (const xmlNode* t = ooxml::child(c, "t")) out += ooxml::text_of(t);
    }
  }
  return out;
}

std::string number_text(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string resolve_target(const std::string& base_dir, const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::vector<std::string> parts;
  std::string path = base_dir + "/" + target, cur;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      if (cur == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!cur.empty() && cur != ".") {
        parts.push_back(cur);
      }
      cur.clear();
    } else {
      cur += path[i];
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

}  // namespace

std::optional<RawReturn> read_xlsx_return(const std::string& file, std::string bytes,
                                          const std::vector<std::string>& words, Diagnostics& diags,
                                          const std::string& sheet) {
  RawReturn r;
  r.file = file;
  r.format = ReturnFormat::Xlsx;
  std::string why;
  auto package = ooxml::Package::from_bytes(std::move(bytes), why);
  auto fail = [&](const std::string& what, const std::string& hint) {
    diags.error(in_file(file), what, hint);
    return std::nullopt;
  };
  if (!package) return fail("cannot be read as an Excel workbook: " + why, "save it again from Excel as .xlsx");
  if (!package->has("xl/workbook.xml"))
    return fail("it is not an Excel workbook (it has no xl/workbook.xml)", "save it from Excel as an .xlsx workbook");
  auto parse = [&](const std::string& part) -> ooxml::XmlDocPtr {
    if (!package->has(part)) return nullptr;
    auto doc = ooxml::parse_xml(package->read(part));
    if (!doc) diags.error([&] { Location l = in_file(file); l.part = part; return l; }(), "the part cannot be read: " + ooxml::xml_problem(), "save it again from Excel");
    return doc;
  };
  auto workbook = parse("xl/workbook.xml");
  if (!workbook) return std::nullopt;
  if (const xmlNode* pr = ooxml::child(xmlDocGetRootElement(workbook.get()), "workbookPr")) {
    std::string v = ooxml::attr(pr, "date1904");
    r.date1904 = v == "1" || v == "true";
  }
  // The sheets by name, and where each is.
  std::map<std::string, std::string> rel_target;
  if (auto rels = parse("xl/_rels/workbook.xml.rels"))
    for (const xmlNode* rel : ooxml::children(xmlDocGetRootElement(rels.get()), "Relationship"))
      rel_target[ooxml::attr(rel, "Id")] = resolve_target("xl", ooxml::attr(rel, "Target"));
  std::vector<std::pair<std::string, std::string>> sheets;
  if (const xmlNode* list = ooxml::child(xmlDocGetRootElement(workbook.get()), "sheets"))
    for (const xmlNode* s : ooxml::children(list, "sheet")) sheets.emplace_back(ooxml::attr(s, "name"), rel_target[ooxml::attr(s, "id")]);
  if (sheets.empty()) return fail("the workbook has no sheets", "save it again from Excel");
  std::string part = sheets[0].second;
  if (!sheet.empty()) {
    part.clear();
    std::vector<std::string> names;
    for (const auto& [name, target] : sheets) {
      names.push_back(name);
      if (change_case(name, LetterCase::Lower) == change_case(sheet, LetterCase::Lower)) part = target;
    }
    if (part.empty())
      return fail("the workbook has no sheet named '" + sheet + "'",
                  did_you_mean(sheet, names).empty() ? "its sheets are " + listed(names) : did_you_mean(sheet, names));
  }
  // Shared strings and the number formats of the cell styles.
  std::vector<std::string> strings;
  if (auto sst = parse("xl/sharedStrings.xml"))
    for (const xmlNode* si : ooxml::children(xmlDocGetRootElement(sst.get()), "si")) strings.push_back(string_item(si));
  std::vector<bool> date_style;
  if (auto styles = parse("xl/styles.xml")) {
    const xmlNode* root = xmlDocGetRootElement(styles.get());
    std::map<int, std::string> codes;
    if (const xmlNode* fmts = ooxml::child(root, "numFmts"))
      for (const xmlNode* f : ooxml::children(fmts, "numFmt"))
        if (auto id = parse_integer<int>(ooxml::attr(f, "numFmtId"))) codes[*id] = ooxml::attr(f, "formatCode");
    if (const xmlNode* xfs = ooxml::child(root, "cellXfs"))
      for (const xmlNode* xf : ooxml::children(xfs, "xf")) {
        int id = parse_integer<int>(ooxml::attr(xf, "numFmtId")).value_or(0);
        date_style.push_back(is_date_format(id, codes.count(id) ? codes[id] : std::string()));
      }
  }
  auto doc = parse(part);
  if (!doc) return part.empty() || !package->has(part) ? fail("the sheet's part is missing", "save it again from Excel") : std::nullopt;
  const xmlNode* data = ooxml::child(xmlDocGetRootElement(doc.get()), "sheetData");
  std::vector<RawRow> rows;
  int next_row = 1;
  bool beyond_columns = false;
  for (const xmlNode* x : ooxml::children(data, "row")) {
    RawRow row;
    row.number = parse_integer<int>(ooxml::attr(x, "r")).value_or(next_row);
    if (row.number < next_row || row.number > 1048576) row.number = next_row;  // Excel's last row is 1,048,576
    if (row.number > 1048576) break;
    next_row = row.number + 1;
    int next_col = 1;
    for (const xmlNode* c : ooxml::children(x, "c")) {
      auto ref = cell_ref(ooxml::attr(c, "r"));
      int col = ref ? ref->first : next_col;
      if (col < next_col) col = next_col;
      next_col = col + 1;
      if (col > static_cast<int>(kMaxReturnColumns)) {
        if (!beyond_columns)
          diags.warning(at_cell(file, row.number, col), "cells beyond column " + std::to_string(kMaxReturnColumns) + " are not read",
                        "a chronology has a dozen columns: move what is there into the template's columns");
        beyond_columns = true;
        break;
      }
      while (static_cast<int>(row.cells.size()) < col - 1)
        row.cells.push_back(Cell{{}, {}, false, at_cell(file, row.number, static_cast<int>(row.cells.size()) + 1)});
      Cell cell;
      cell.where = at_cell(file, row.number, col);
      std::string type = ooxml::attr(c, "t");
      const xmlNode* v = ooxml::child(c, "v");
      std::string value = v ? ooxml::text_of(v) : std::string();
      if (type == "s") {
        auto index = parse_integer<std::size_t>(value);
        if (index && *index < strings.size()) cell.text = strings[*index];
      } else if (type == "inlineStr") {
        cell.text = string_item(ooxml::child(c, "is"));
      } else if (type == "str" || type == "e") {
        cell.text = value;
      } else if (type == "b") {
        cell.text = value == "1" ? "TRUE" : "FALSE";
      } else if (!value.empty()) {
        if (auto number = parse_decimal(value)) {
          cell.serial = *number;
          cell.text = number_text(*number);
        } else {
          cell.text = value;
        }
        auto style = parse_integer<std::size_t>(ooxml::attr(c, "s"));
        cell.date_styled = style && *style < date_style.size() && date_style[*style];
      }
      if (cell.text.size() > kMaxCellBytes) cell.text.resize(kMaxCellBytes);
      row.cells.push_back(std::move(cell));
    }
    row.where = at_cell(file, row.number, 1);
    if (!row.empty()) rows.push_back(std::move(row));
    if (rows.size() > kMaxReturnRows + 10) break;
  }
  if (too_big(r, rows, diags)) return std::nullopt;
  // Merged heading cells (mergeCell B1:C1): the words in every column they cover.
  std::vector<std::pair<std::pair<int, int>, std::pair<int, int>>> merges;
  if (const xmlNode* m = ooxml::child(xmlDocGetRootElement(doc.get()), "mergeCells"))
    for (const xmlNode* mc : ooxml::children(m, "mergeCell")) {
      std::string ref = ooxml::attr(mc, "ref");
      auto colon = ref.find(':');
      if (colon == std::string::npos) continue;
      auto a = cell_ref(ref.substr(0, colon)), b = cell_ref(ref.substr(colon + 1));
      if (a && b) merges.push_back({*a, *b});
    }
  split_table(std::move(rows), words, r, diags);
  if (r.headings.empty()) return std::nullopt;
  for (auto& heading_row : r.headings) {
    if (heading_row.empty()) continue;
    int number = heading_row[0].where.line;
    for (const auto& [from, to] : merges) {
      if (number < from.second || number > to.second || from.first < 1) continue;
      std::string text;
      for (const auto& c : r.headings[0])
        if (c.where.column == from.first && c.where.line == from.second) text = c.text;
      for (auto& c : heading_row)
        if (c.where.column >= from.first && c.where.column <= to.first && trim(c.text).empty()) c.text = text;
    }
  }
  return r;
}

// ------------------------------------------------------------------------------------------ DOCX

namespace {

// A cell's paragraphs, a line each, those of a table inside it too.
void blocks_text(const std::vector<ooxml::Block>& blocks, std::string& out) {
  for (const auto& b : blocks) {
    if (b.table) {
      for (const auto& row : b.table->rows)
        for (const auto& c : row.cells) blocks_text(c.blocks, out);
      continue;
    }
    if (!b.paragraph) continue;
    std::string t = trim(b.paragraph->text());
    if (t.empty()) continue;
    if (!out.empty()) out += '\n';
    out += t;
  }
}

std::string cell_text(const ooxml::Cell& cell) {
  std::string out;
  blocks_text(cell.blocks, out);
  return out;
}

Location cell_place(const std::string& file, const ooxml::Cell& cell, const std::string& text) {
  for (const auto& b : cell.blocks)
    if (b.paragraph) {
      Location l = in_file(file);
      l.part = b.paragraph->where.text();
      l.paragraph = b.paragraph->where.paragraph;
      // The messages about a cell quote it themselves; its place is enough here.
      (void)text;
      return l;
    }
  return in_file(file);
}

// A Word table's rows, each cell spread over the grid columns it spans; a cell merged with the one
// above takes that one's words.
std::vector<RawRow> table_rows(const std::string& file, const ooxml::Table& table) {
  std::vector<RawRow> out;
  out.reserve(table.rows.size());
  int number = 0;
  for (const auto& row : table.rows) {
    ++number;
    RawRow r;
    r.number = number;
    r.cells.reserve(row.cells.size());
    const RawRow* above = out.empty() ? nullptr : &out.back();
    for (const auto& cell : row.cells) {
      std::string text = cell_text(cell);
      Location where = cell_place(file, cell, text);
      int span = std::max(1, cell.span);
      for (int s = 0; s < span && r.cells.size() < kMaxReturnColumns; ++s) {
        std::size_t col = r.cells.size();
        bool last = s + 1 == span;
        Cell c{last ? std::move(text) : text, {}, false, last ? std::move(where) : where};
        c.spanned = s > 0;
        if (cell.merge == ooxml::Cell::Continue && above && col < above->cells.size()) c.text = above->cells[col].text;
        r.cells.push_back(std::move(c));
      }
    }
    r.where = r.cells.empty() ? in_file(file) : r.cells[0].where;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::optional<RawReturn> read_docx_return(const std::string& file, std::string bytes,
                                          const std::vector<std::string>& words, Diagnostics& diags) {
  RawReturn r;
  r.file = file;
  r.format = ReturnFormat::Docx;
  std::string why;
  auto package = ooxml::Package::from_bytes(std::move(bytes), why);
  if (!package) {
    diags.error(in_file(file), "cannot be read as a Word document: " + why, "save it again from Word as .docx");
    return std::nullopt;
  }
  Diagnostics read_diags;
  auto doc = ooxml::read_document(*package, file, read_diags);
  diags.append(read_diags);
  if (!doc) return std::nullopt;
  // Everything as rows, in order: a paragraph is a row of one cell ("Agency: Housing"); tables give
  // their rows. The chronology is the first table with the headings, and every later table that
  // starts with them again (a table split or pasted in parts).
  std::vector<RawRow> above;
  bool found = false;
  int running = 0;
  std::size_t width = 0;
  for (const auto& section : doc->sections) {
    for (const auto& block : section.blocks) {
      if (block.paragraph && !found) {
        std::string t = trim(block.paragraph->text());
        if (t.empty()) continue;
        RawRow row;
        Location where = in_file(file);
        where.part = block.paragraph->where.text();
        where.paragraph = block.paragraph->where.paragraph;
        where.excerpt = t;
        row.cells.push_back(Cell{t, {}, false, where});
        row.where = where;
        above.push_back(std::move(row));
      }
      if (!block.table) continue;
      auto t = table_rows(file, *block.table);
      std::size_t head = t.size();
      for (std::size_t i = 0; i < t.size() && head == t.size(); ++i)
        if (matching_headings(t[i].cells, words) >= 2) head = i;
      // The chronology's tables' rows are counted on from one table to the next, so that "row 14"
      // is one row of the return.
      auto append = [&](std::vector<RawRow>& rows) {
        for (auto& row : rows) {
          row.number = ++running;
          above.push_back(std::move(row));
        }
      };
      if (!found) {
        if (head == t.size()) {
          // A table of header fields (label | value) above the chronology.
          for (auto& row : t) above.push_back(std::move(row));
          continue;
        }
        found = true;
        width = t[head].cells.size();
        append(t);
        continue;
      }
      if (head != t.size()) {  // the table again: its rows, the headings skipped by split_table
        append(t);
      } else if (!t.empty() && t[0].cells.size() == width) {
        // A table with the chronology's columns but not its headings: the rest of it, split off.
        diags.warning(t[0].where, "a table without the heading row follows the chronology: read as the rest of it",
                      "keep the heading row at the top of every part of the table, or join the tables in Word");
        append(t);
      }
    }
  }
  if (!found) {
    diags.error(in_file(file), "no chronology table was found: no table in the document has the chronology's headings",
                "fill in the board's chronology template and keep its heading row");
    return std::nullopt;
  }
  if (too_big(r, above, diags)) return std::nullopt;
  split_table(std::move(above), words, r, diags);
  if (r.headings.empty()) return std::nullopt;
  return r;
}

// ------------------------------------------------------------------------------------------ YAML

namespace {

const std::vector<std::string>& yaml_fields() {
  static const std::vector<std::string> f = {"date", "date_estimated", "time", "time_estimated", "agency", "subjects",
                                             "age", "child_seen", "seen_alone", "wishes_and_feelings", "contact_type",
                                             "source", "staff", "event", "response", "comment"};
  return f;
}

std::optional<RawReturn> read_yaml_return(const std::string& file, Diagnostics& diags) {
  auto root = data::load_yaml_file(file, diags);
  if (!root) return std::nullopt;
  RawReturn r;
  r.file = file;
  r.format = ReturnFormat::Yaml;
  r.by_field = true;
  const data::Node* entries = root->is_map() ? root->get("entries") : nullptr;
  if (!entries && root->is_map() && root->get("chronology") && root->get("chronology")->is_map())
    entries = root->get("chronology")->get("entries");  // a case file's own entries
  if (!entries || !entries->is_list()) {
    diags.error(root->where(), "the file has no list of entries",
                "a YAML return holds entries: a list of chronology entries as in the case file (docs/case-file.md)");
    return std::nullopt;
  }
  for (const char* key : {"agency", "completed_by", "completed_on"})
    if (const data::Node* n = root->get(key); n && n->is_scalar()) {
      Cell c{n->text(), {}, false, n->where()};
      r.header.emplace_back(key, c);
    }
  std::vector<Cell> headings;
  for (const auto& f : yaml_fields()) headings.push_back(Cell{f, {}, false, entries->where()});
  r.headings.push_back(headings);
  r.table_where = entries->where();
  for (const auto& item : entries->items) {
    if (!item->is_map()) {
      diags.error(item->where(), "an entry of the list is not a map of an entry's fields",
                  "write each entry as date:, agency:, source:, event: … (docs/case-file.md)");
      continue;
    }
    RawRow row;
    row.number = item->mark.line;
    row.where = item->where();
    for (const auto& f : yaml_fields()) {
      Cell c;
      c.where = item->where();
      if (const data::Node* v = item->is_map() ? item->get(f) : nullptr) {
        c.where = v->where();
        if (v->is_list()) {
          for (const auto& x : v->items) {
            if (!x->is_scalar()) diags.error(x->where(), "'" + f + "' lists names or codes, not maps or lists", "write each as text");
            c.text += (c.text.empty() ? "" : ", ") + x->text();
          }
        } else if (v->is_map()) {
          diags.error(v->where(), "'" + f + "' holds a map where it takes a value", "write it as text, a date or true/false");
        } else {
          c.text = v->text();
        }
      }
      row.cells.push_back(std::move(c));
    }
    if (item->is_map())
      for (const auto& e : item->entries)
        if (std::find(yaml_fields().begin(), yaml_fields().end(), e.key) == yaml_fields().end())
          diags.error(e.value->where(), "'" + e.key + "' is not a field of a chronology entry",
                      did_you_mean(e.key, yaml_fields()));
    r.rows.push_back(std::move(row));
  }
  return r;
}

}  // namespace

std::optional<RawReturn> read_return(const fs::path& file, const std::vector<std::string>& words, Diagnostics& diags,
                                     const std::string& sheet) {
  auto format = return_format_for(file);
  if (!format) {
    diags.error(in_file(file.string()), "reviewkit cannot read a chronology return of this kind ('" + file.extension().string() + "')",
                "send the return as .docx, .csv, .xlsx or .yaml");
    return std::nullopt;
  }
  if (*format == ReturnFormat::Yaml) return read_yaml_return(file.string(), diags);
  std::string why;
  auto bytes = read_file(file, why, kMaxReturnBytes);
  if (!bytes) {
    diags.error(in_file(file.string()), "cannot be read: " + why);
    return std::nullopt;
  }
  switch (*format) {
    case ReturnFormat::Docx: return read_docx_return(file.string(), std::move(*bytes), words, diags);
    case ReturnFormat::Xlsx: return read_xlsx_return(file.string(), std::move(*bytes), words, diags, sheet);
    default: return read_csv_return(file.string(), std::move(*bytes), words, diags);
  }
}

}  // namespace reviewkit::chronology
