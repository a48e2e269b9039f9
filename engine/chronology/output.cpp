#include "output.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/csv.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"
#include "ooxml/package.hpp"

namespace reviewkit::chronology {

std::optional<OutFormat> out_format_for(const std::string& name) {
  std::string ext = ascii_lower(name);
  auto dot = ext.rfind('.');
  if (dot != std::string::npos) ext = ext.substr(dot + 1);
  if (ext == "docx") return OutFormat::Docx;
  if (ext == "xlsx") return OutFormat::Xlsx;
  if (ext == "csv") return OutFormat::Csv;
  if (ext == "yaml" || ext == "yml") return OutFormat::Yaml;
  if (ext == "pdf") return OutFormat::Pdf;
  return std::nullopt;
}

const char* out_extension(OutFormat f) {
  switch (f) {
    case OutFormat::Docx: return ".docx";
    case OutFormat::Xlsx: return ".xlsx";
    case OutFormat::Csv: return ".csv";
    case OutFormat::Yaml: return ".yaml";
    case OutFormat::Pdf: return ".pdf";
  }
  return ".docx";
}

namespace {

// ------------------------------------------------------------------------------ a table to write

struct OutColumn {
  std::string group, heading;
  ColumnKind kind = ColumnKind::Text;
  std::string field;
  double weight = 0;  ///< its share of the width; 0: by its kind
};

struct OutRow {
  std::vector<std::string> cells;
  bool band = false;  ///< a month's heading row: cells[0] across the table
  bool seen = false;  ///< the child was seen
};

struct OutTable {
  std::vector<OutColumn> columns;
  std::vector<OutRow> rows;
  bool two_rows() const {
    return std::any_of(columns.begin(), columns.end(), [](const OutColumn& c) { return !c.group.empty(); });
  }
};

OutTable table_of(const ColumnSet& set) {
  OutTable t;
  for (const auto& c : set.columns) t.columns.push_back({c.group, c.heading, c.kind, c.field});
  return t;
}

// Text safe in XML: & < > escaped (and " in attributes); control characters, which XML cannot
// hold and which only come from damaged input, dropped.
std::string esc(const std::string& s, bool attribute = false) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n') continue;
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      default: out += ch;
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------- CSV

// csv_field, csv_line: common/csv.hpp, shared with the copies' sign-out register.

std::string write_csv(const std::vector<std::pair<std::string, std::string>>& header, const OutTable& t) {
  std::string out = kCsvBom;
  auto line = [&](const std::vector<std::string>& cells) { out += csv_line(cells); };
  for (const auto& [label, value] : header) line({label + ":", value});
  if (!header.empty()) out += "\r\n";
  if (t.two_rows()) {
    std::vector<std::string> top, sub;
    for (const auto& c : t.columns) {
      top.push_back(c.group.empty() ? c.heading : c.group);
      sub.push_back(c.group.empty() ? "" : c.heading);
    }
    line(top);
    line(sub);
  } else {
    std::vector<std::string> h;
    for (const auto& c : t.columns) h.push_back(c.heading);
    line(h);
  }
  for (const auto& r : t.rows)
    if (!r.band) line(r.cells);
  return out;
}

// ------------------------------------------------------------------------------------------ XLSX

std::string column_letters(std::size_t index) {  // 0 → A
  std::string out;
  std::size_t n = index + 1;
  while (n) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return out;
}

struct Sheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<int>> styles;  ///< per cell: 0 text, 1 bold heading, 2 date, 3 wrapped text
  std::vector<std::string> merges;
  std::vector<double> widths;
  int frozen_rows = 0;
};

std::optional<double> serial_of(const std::string& iso) {
  auto d = Date::parse(iso);
  if (!d) return std::nullopt;
  long days = d->days() - Date{1899, 12, 30}.days();
  if (days < 61) days -= 1;
  return static_cast<double>(days);
}

std::string write_xlsx(const std::vector<Sheet>& sheets) {
  ooxml::ZipWriter zip;
  std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
  for (std::size_t i = 0; i < sheets.size(); ++i)
    types += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
             ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  types += "</Types>";
  zip.add("[Content_Types].xml", types);
  zip.add("_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
          "</Relationships>");
  std::string workbook =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    std::string n = std::to_string(i + 1);
    workbook += "<sheet name=\"" + esc(sheets[i].name, true) + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
  }
  rels += "<Relationship Id=\"rId" + std::to_string(sheets.size() + 1) +
          "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";
  workbook += "</sheets></workbook>";
  zip.add("xl/workbook.xml", workbook);
  zip.add("xl/_rels/workbook.xml.rels", rels);
  zip.add("xl/styles.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
          "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
          "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
          "<fonts count=\"2\"><font><sz val=\"10\"/><name val=\"Arial\"/></font><font><b/><sz val=\"10\"/><name val=\"Arial\"/></font></fonts>"
          "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
          "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/></patternFill></fill></fills>"
          "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
          "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
          "<cellXfs count=\"4\">"
          "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"><alignment vertical=\"top\"/></xf>"
          "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
          "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"><alignment vertical=\"top\"/></xf>"
          "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
          "</cellXfs></styleSheet>");
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const Sheet& s = sheets[i];
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    if (s.frozen_rows)
      x += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"" + std::to_string(s.frozen_rows) + "\" topLeftCell=\"A" +
           std::to_string(s.frozen_rows + 1) + "\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>";
    if (!s.widths.empty()) {
      x += "<cols>";
      for (std::size_t c = 0; c < s.widths.size(); ++c) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "<col min=\"%zu\" max=\"%zu\" width=\"%.1f\" customWidth=\"1\"/>", c + 1, c + 1, s.widths[c]);
        x += buf;
      }
      x += "</cols>";
    }
    x += "<sheetData>";
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
      std::string rn = std::to_string(r + 1);
      x += "<row r=\"" + rn + "\">";
      for (std::size_t c = 0; c < s.rows[r].size(); ++c) {
        const std::string& v = s.rows[r][c];
        int style = r < s.styles.size() && c < s.styles[r].size() ? s.styles[r][c] : 0;
        if (v.empty() && style == 0) continue;
        std::string ref = column_letters(c) + rn;
        if (style == 2) {
          if (auto serial = serial_of(v)) {
            x += "<c r=\"" + ref + "\" s=\"2\"><v>" + std::to_string(static_cast<long>(*serial)) + "</v></c>";
            continue;
          }
          style = 0;
        }
        // A count is a number to Excel; a date typed as text stays text, as do codes with leading zeros.
        bool count = style == 3 && !v.empty() && v.size() < 10 && (v == "0" || v[0] != '0') &&
                     std::all_of(v.begin(), v.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
        if (count) {
          x += "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
          continue;
        }
        // Excel holds at most 32,767 characters in a cell (it "repairs" a longer one away).
        std::string text = v.size() > 32000 ? v.substr(0, 32000) + " [cut: the full text is in the DOCX]" : v;
        x += "<c r=\"" + ref + "\" s=\"" + std::to_string(style) + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + esc(text) +
             "</t></is></c>";
      }
      x += "</row>";
    }
    x += "</sheetData>";
    if (!s.merges.empty()) {
      x += "<mergeCells count=\"" + std::to_string(s.merges.size()) + "\">";
      for (const auto& m : s.merges) x += "<mergeCell ref=\"" + m + "\"/>";
      x += "</mergeCells>";
    }
    x += "</worksheet>";
    zip.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", x);
  }
  return zip.finish();
}

double xlsx_width(const OutColumn& c) {
  switch (c.kind) {
    case ColumnKind::Date: return 12;
    case ColumnKind::Time: return 8;
    case ColumnKind::DateTime: return 16;
    case ColumnKind::Agency: return 10;
    case ColumnKind::Age: return 6;
    case ColumnKind::YesNo: return 8;
    default: return c.field == "event" ? 60 : c.field == "subjects" ? 20 : 32;
  }
}

Sheet table_sheet(const std::string& name, const std::vector<std::pair<std::string, std::string>>& header,
                  const OutTable& t, bool dates_as_numbers) {
  Sheet s;
  s.name = name;
  for (const auto& [label, value] : header) {
    s.rows.push_back({label + ":", value});
    s.styles.push_back({1, 0});
  }
  if (!header.empty()) {
    s.rows.push_back({});
    s.styles.push_back({});
  }
  std::size_t head = s.rows.size();
  std::vector<std::string> top, sub;
  for (const auto& c : t.columns) {
    top.push_back(c.group.empty() ? c.heading : c.group);
    sub.push_back(c.group.empty() ? "" : c.heading);
  }
  s.rows.push_back(t.two_rows() ? top : [&] {
    std::vector<std::string> h;
    for (const auto& c : t.columns) h.push_back(c.heading);
    return h;
  }());
  s.styles.push_back(std::vector<int>(t.columns.size(), 1));
  if (t.two_rows()) {
    s.rows.push_back(sub);
    s.styles.push_back(std::vector<int>(t.columns.size(), 1));
    std::string r1 = std::to_string(head + 1), r2 = std::to_string(head + 2);
    for (std::size_t c = 0; c < t.columns.size();) {
      std::size_t e = c;
      if (t.columns[c].group.empty()) {
        s.merges.push_back(column_letters(c) + r1 + ":" + column_letters(c) + r2);
        ++c;
        continue;
      }
      while (e + 1 < t.columns.size() && t.columns[e + 1].group == t.columns[c].group) ++e;
      if (e > c) s.merges.push_back(column_letters(c) + r1 + ":" + column_letters(e) + r1);
      c = e + 1;
    }
  }
  s.frozen_rows = static_cast<int>(s.rows.size());
  for (const auto& c : t.columns) s.widths.push_back(xlsx_width(c));
  for (const auto& r : t.rows) {
    if (r.band) continue;
    s.rows.push_back(r.cells);
    std::vector<int> st;
    for (std::size_t c = 0; c < r.cells.size(); ++c)
      st.push_back(c < t.columns.size() && t.columns[c].kind == ColumnKind::Date && dates_as_numbers ? 2 : 3);
    s.styles.push_back(st);
  }
  return s;
}

// ------------------------------------------------------------------------------------------ DOCX

constexpr int kPageW = 16838, kPageH = 11906, kMargin = 720;  // A4 landscape, half-inch margins (twips)

std::string run(const std::string& text, const std::string& props = {}) {
  std::string out;
  std::string rpr = props.empty() ? "" : "<w:rPr>" + props + "</w:rPr>";
  std::size_t start = 0;
  bool first = true;
  while (true) {
    auto nl = text.find('\n', start);
    std::string piece = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!first) out += "<w:r>" + rpr + "<w:br/></w:r>";
    first = false;
    if (!piece.empty()) out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + esc(piece) + "</w:t></w:r>";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string para(const std::string& text, const std::string& style = {}, const std::string& rprops = {},
                 const std::string& pprops = {}) {
  std::string ppr = (style.empty() ? "" : "<w:pStyle w:val=\"" + style + "\"/>") + pprops;
  return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + run(text, rprops) + "</w:p>";
}

std::string cell(const std::string& content, int width, const std::string& extra = {}) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>" + extra + "</w:tcPr>" +
         (content.empty() ? "<w:p/>" : content) + "</w:tc>";
}

std::vector<int> docx_widths(const OutTable& t, int total) {
  std::vector<double> weight;
  auto events = std::count_if(t.columns.begin(), t.columns.end(), [](const OutColumn& c) { return c.field == "event"; });
  for (const auto& c : t.columns) {
    if (c.weight > 0) {
      weight.push_back(c.weight);
      continue;
    }
    if (c.field == "from") {
      weight.push_back(1.3);
      continue;
    }
    switch (c.kind) {
      case ColumnKind::Date: weight.push_back(1.25); break;
      case ColumnKind::Time: weight.push_back(0.75); break;
      case ColumnKind::DateTime: weight.push_back(1.5); break;
      case ColumnKind::Agency: weight.push_back(0.9); break;
      case ColumnKind::Age: weight.push_back(0.55); break;
      case ColumnKind::YesNo: weight.push_back(0.7); break;
      case ColumnKind::Staff: weight.push_back(1.0); break;
      case ColumnKind::Subjects: weight.push_back(1.3); break;
      default: weight.push_back(c.field == "event" ? (events > 1 ? 2.0 : 3.6) : c.field == "source" ? 1.4 : 2.2);
    }
  }
  double sum = 0;
  for (double w : weight) sum += w;
  std::vector<int> out;
  int used = 0;
  for (std::size_t i = 0; i < weight.size(); ++i) {
    int w = i + 1 == weight.size() ? total - used : static_cast<int>(std::floor(total * weight[i] / sum));
    out.push_back(w);
    used += w;
  }
  return out;
}

std::string table_xml(const OutTable& t, int total, bool repeat_header = true) {
  auto widths = docx_widths(t, total);
  std::string x = "<w:tbl><w:tblPr><w:tblStyle w:val=\"ChronologyTable\"/><w:tblW w:w=\"" + std::to_string(total) +
                  "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
                  "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
                  "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
                  "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
                  "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
                  "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
                  "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/></w:tblBorders>"
                  "<w:tblCellMar><w:left w:w=\"70\" w:type=\"dxa\"/><w:right w:w=\"70\" w:type=\"dxa\"/></w:tblCellMar>"
                  "</w:tblPr><w:tblGrid>";
  for (int w : widths) x += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  x += "</w:tblGrid>";
  std::string head_pr = std::string("<w:trPr>") + (repeat_header ? "<w:tblHeader/>" : "") + "<w:cantSplit/></w:trPr>";
  std::string shade = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>";
  const std::string bold = "<w:b/>";
  if (t.two_rows()) {
    std::string r1 = "<w:tr>" + head_pr, r2 = "<w:tr>" + head_pr;
    for (std::size_t c = 0; c < t.columns.size();) {
      const auto& col = t.columns[c];
      if (col.group.empty()) {
        r1 += cell(para(col.heading, "TableHeading", bold), widths[c], shade + "<w:vMerge w:val=\"restart\"/>");
        r2 += cell("", widths[c], shade + "<w:vMerge/>");
        ++c;
        continue;
      }
      std::size_t e = c;
      int w = widths[c];
      while (e + 1 < t.columns.size() && t.columns[e + 1].group == col.group) w += widths[++e];
      r1 += cell(para(col.group, "TableHeading", bold), w,
                 (e > c ? "<w:gridSpan w:val=\"" + std::to_string(e - c + 1) + "\"/>" : std::string()) + shade);
      for (std::size_t k = c; k <= e; ++k) r2 += cell(para(t.columns[k].heading, "TableHeading", bold), widths[k], shade);
      c = e + 1;
    }
    x += r1 + "</w:tr>" + r2 + "</w:tr>";
  } else {
    x += "<w:tr>" + head_pr;
    for (std::size_t c = 0; c < t.columns.size(); ++c) x += cell(para(t.columns[c].heading, "TableHeading", bold), widths[c], shade);
    x += "</w:tr>";
  }
  for (const auto& r : t.rows) {
    if (r.band) {
      x += "<w:tr><w:trPr><w:cantSplit/></w:trPr>" +
           cell(para(r.cells.empty() ? "" : r.cells[0], "TableHeading", bold + "<w:sz w:val=\"20\"/>", "<w:keepNext/>"), total,
                "<w:gridSpan w:val=\"" + std::to_string(t.columns.size()) + "\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDEDED\"/>") +
           "</w:tr>";
      continue;
    }
    x += "<w:tr>";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      std::string text = c < r.cells.size() ? r.cells[c] : std::string();
      bool mark = r.seen && t.columns[c].kind == ColumnKind::YesNo;
      std::string content;
      std::size_t start = 0;
      // A cell's lines as paragraphs, as an author would type them.
      while (true) {
        auto nl = text.find('\n', start);
        std::string piece = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        content += para(piece, "TableText", mark ? bold : std::string());
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      x += cell(content, widths[c], mark ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"BFBFBF\"/>" : std::string());
    }
    x += "</w:tr>";
  }
  x += "</w:tbl>";
  return x;
}

struct DocxParts {
  std::string title, marking, footer_note;
  std::string body;
  std::vector<Figure> figures;  ///< word/media/figureN.png (or .pdf), drawn by rIdFigureN
  bool landscape = true;
};

// A PAGE or NUMPAGES field in the footer's 8-point text.
std::string page_field(const char* name) {
  const std::string r = "<w:r><w:rPr><w:sz w:val=\"16\"/></w:rPr>";
  return r + "<w:fldChar w:fldCharType=\"begin\"/></w:r>" + r + "<w:instrText xml:space=\"preserve\"> " + name + " </w:instrText></w:r>" + r +
         "<w:fldChar w:fldCharType=\"separate\"/></w:r>" + r + "<w:t>1</w:t></w:r>" + r + "<w:fldChar w:fldCharType=\"end\"/></w:r>";
}

std::string write_docx(const DocxParts& d) {
  const std::string ns =
      " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
      " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
      " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
      " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
      " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  int w = d.landscape ? kPageW : kPageH, h = d.landscape ? kPageH : kPageW;
  std::string sect = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
                     "<w:pgSz w:w=\"" + std::to_string(w) + "\" w:h=\"" + std::to_string(h) + "\"" +
                     (d.landscape ? " w:orient=\"landscape\"" : "") + "/><w:pgMar w:top=\"1020\" w:right=\"" + std::to_string(kMargin) +
                     "\" w:bottom=\"1020\" w:left=\"" + std::to_string(kMargin) + "\" w:header=\"400\" w:footer=\"400\" w:gutter=\"0\"/></w:sectPr>";
  ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml",
          decl + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                 "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                 "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
                 "<Default Extension=\"pdf\" ContentType=\"application/pdf\"/>"
                 "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                 "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
                 "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
                 "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
                 "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                 "</Types>");
  zip.add("_rels/.rels",
          decl + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                 "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                 "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                 "</Relationships>");
  zip.add("docProps/core.xml",
          decl + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                 "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + esc(d.title) + "</dc:title><dc:creator>reviewkit</dc:creator></cp:coreProperties>");
  std::string rels = decl + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                            "<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
                            "<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>";
  for (std::size_t i = 0; i < d.figures.size(); ++i) {
    if (d.figures[i].bytes.empty()) continue;
    std::string n = std::to_string(i + 1);
    std::string part = "media/figure" + n + (d.figures[i].pdf ? ".pdf" : ".png");
    rels += "<Relationship Id=\"rIdFigure" + n + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"" + part + "\"/>";
    zip.add("word/" + part, d.figures[i].bytes, false);
  }
  rels += "</Relationships>";
  zip.add("word/_rels/document.xml.rels", rels);
  zip.add("word/styles.xml",
          decl + "<w:styles" + ns + "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>"
                 "<w:sz w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
                 "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                 "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"160\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>"
                 "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr></w:style>"
                 "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"22\"/></w:rPr></w:style>"
                 "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\"/></w:pPr><w:rPr><w:sz w:val=\"17\"/></w:rPr></w:style>"
                 "<w:style w:type=\"paragraph\" w:styleId=\"TableHeading\"><w:name w:val=\"Table Heading\"/><w:basedOn w:val=\"TableText\"/><w:rPr><w:b/></w:rPr></w:style>"
                 "<w:style w:type=\"paragraph\" w:styleId=\"Rule\"><w:name w:val=\"Rule\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"284\" w:hanging=\"284\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/></w:rPr></w:style>"
                 "<w:style w:type=\"table\" w:styleId=\"ChronologyTable\"><w:name w:val=\"Chronology Table\"/></w:style>"
                 "</w:styles>");
  std::string marking = d.marking.empty() ? "" : para(d.marking, "", "<w:b/><w:sz w:val=\"18\"/>", "<w:jc w:val=\"center\"/><w:spacing w:after=\"0\"/>");
  zip.add("word/header1.xml", decl + "<w:hdr" + ns + ">" + (marking.empty() ? "<w:p/>" : marking) + "</w:hdr>");
  zip.add("word/footer1.xml",
          decl + "<w:ftr" + ns + ">" + marking + "<w:p><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"0\"/></w:pPr>" +
              run(d.footer_note.empty() ? "Page " : d.footer_note + " \xE2\x80\x94 Page ", "<w:sz w:val=\"16\"/>") + page_field("PAGE") +
              run(" of ", "<w:sz w:val=\"16\"/>") + page_field("NUMPAGES") + "</w:p></w:ftr>");
  zip.add("word/document.xml", decl + "<w:document" + ns + "><w:body>" + d.body + sect + "</w:body></w:document>");
  return zip.finish();
}

// An inline picture of figure N (rIdFigureN), with its description as alternative text.
std::string picture_xml(const Figure& f, int n) {
  long cx = std::lround(f.width * 12700), cy = std::lround(f.height * 12700);
  std::string ex = std::to_string(cx), ey = std::to_string(cy), id = std::to_string(n);
  return "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + ex +
         "\" cy=\"" + ey + "\"/><wp:docPr id=\"" + id + "\" name=\"Figure " + id + "\" descr=\"" + esc(f.description, true) + "\"/>"
         "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
         "<pic:nvPicPr><pic:cNvPr id=\"" + id + "\" name=\"figure" + id + "\"/><pic:cNvPicPr/></pic:nvPicPr>"
         "<pic:blipFill><a:blip r:embed=\"rIdFigure" + id + "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
         "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" + ex + "\" cy=\"" + ey +
         "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

std::string child_label(const casefile::Case& kase) {
  if (!kase.child.pseudonym.empty()) return kase.child.pseudonym;
  return initials(kase.child.name);
}

std::string period_text(const std::optional<Date>& from, const std::optional<Date>& to) {
  if (!from || !to) return {};
  return from->uk() + " to " + to->uk();
}

std::string yes_no(const std::optional<bool>& b) { return b ? (*b ? "Y" : "N") : ""; }

std::string subject_labels(const ReturnEntry& e, const casefile::Case& kase, bool named) {
  std::vector<std::string> out;
  for (const auto& id : e.entry.subjects)
    if (const auto* p = kase.person(id)) out.push_back(named && !p->name.empty() ? p->name : p->pseudonym);
  if (out.empty()) out = e.subject_names;
  std::string s;
  for (const auto& x : out) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

// The header 004 e's Chronolator template carries above its table (the case's details, which the
// Enfield form names in its own words), and the fields the agency fills in.
std::vector<std::pair<std::string, std::string>> template_header(const ColumnSet& set, const casefile::Case& kase,
                                                                 const casefile::Agency& agency) {
  std::vector<std::pair<std::string, std::string>> h;
  const data::Node* child = kase.child.node;
  auto child_field = [&](const char* key) {
    const data::Node* n = child ? child->get(key) : nullptr;
    return n ? n->text() : std::string();
  };
  std::string plans;
  if (const data::Node* cp = child ? child->get("child_protection_plans") : nullptr; cp && cp->is_list())
    for (const auto& p : cp->items) {
      auto from = Date::parse(p->get("from") ? p->get("from")->text() : "");
      auto to = Date::parse(p->get("to") ? p->get("to")->text() : "");
      if (!from) continue;
      plans += (plans.empty() ? "" : "; ") + from->format("%d/%m/%Y") + (to ? " to " + to->format("%d/%m/%Y") : std::string(" onwards (continuing)"));
    }
  std::string dob = kase.child.date_of_birth ? kase.child.date_of_birth->format("%d/%m/%Y") : "";
  std::string period = kase.period_from && kase.period_to
                           ? kase.period_from->format("%d/%m/%Y") + " to " + kase.period_to->format("%d/%m/%Y")
                           : std::string();
  auto value_for = [&](const std::string& label) -> std::optional<std::string> {
    std::string l = ascii_lower(label);
    if (l == "agency") return agency.name + " (" + agency.abbreviation + ")";
    if (l.find("child") != std::string::npos && l.find("name") != std::string::npos) return child_label(kase);
    if (l == "dob" || l.find("date of birth") != std::string::npos) return dob;
    if (l.find("language") != std::string::npos) return child_field("language");
    if (l.find("ethnic") != std::string::npos) return child_field("ethnicity");
    if (l.find("religion") != std::string::npos) return child_field("religion");
    if (l.find("legal status") != std::string::npos) return child_field("legal_status");
    if (l.find("protection plan") != std::string::npos) return plans.empty() ? std::string("none") : plans;
    if (l.find("dates covered") != std::string::npos) return period;
    if (l.find("date completed") != std::string::npos || l.find("completing") != std::string::npos) return std::string();
    return std::nullopt;
  };
  h.emplace_back("Review", kase.data && kase.data->get("review") && kase.data->get("review")->get("title")
                               ? kase.data->get("review")->get("title")->text()
                               : kase.reference);
  h.emplace_back("Reference", kase.reference);
  if (!set.header.empty()) {
    for (const auto& label : set.header) h.emplace_back(label, value_for(label).value_or(""));
    if (std::none_of(set.header.begin(), set.header.end(), [](const std::string& l) { return ascii_lower(l) == "agency"; }))
      h.emplace_back("Agency", agency.name + " (" + agency.abbreviation + ")");
  } else {
    h.emplace_back("Agency", agency.name + " (" + agency.abbreviation + ")");
    h.emplace_back("Child", child_label(kase));
    h.emplace_back("Date of birth", dob);
    h.emplace_back("Language/s spoken at home", child_field("language"));
    h.emplace_back("Ethnic origin", child_field("ethnicity"));
    h.emplace_back("Religion", child_field("religion"));
    h.emplace_back("Legal status of child", child_field("legal_status"));
    h.emplace_back("Dates of any period subject to child protection plan", plans.empty() ? "none" : plans);
    h.emplace_back("Period under review", period);
  }
  std::string subjects;
  for (const auto* p : kase.people()) {
    if (p->pseudonym.empty()) continue;
    subjects += (subjects.empty() ? "" : "; ") + p->pseudonym + (p->relationship.empty() ? std::string(" (the child)") : " (" + p->relationship + ")");
  }
  h.emplace_back("Subjects of the review", subjects);
  if (std::none_of(h.begin(), h.end(), [](const auto& x) { return ascii_lower(x.first).find("completing") != std::string::npos; }))
    h.emplace_back("Completed by", "");
  if (std::none_of(h.begin(), h.end(), [](const auto& x) { return ascii_lower(x.first) == "date completed"; }))
    h.emplace_back("Date completed", "");
  return h;
}

std::string write_template(const ColumnSet& set, const casefile::Case& kase, const casefile::Agency& agency, OutFormat format) {
  auto header = template_header(set, kase, agency);
  OutTable t = table_of(set);
  if (format == OutFormat::Csv || format == OutFormat::Xlsx) {
    // The rules go first, each a line of their own; then the header lines to fill in and the table.
    std::vector<std::pair<std::string, std::string>> lines;
    for (const auto& c : set.columns)
      if (!c.rule.empty()) lines.emplace_back("Rule (" + set.source + ")", c.heading + ": " + c.rule);
    for (const auto& r : set.rules) lines.emplace_back("Rule (" + set.source + ")", r);
    lines.emplace_back("Rule", "Dates day first (DD/MM/YYYY); an approximate date with ? before it (?22/05/2024).");
    lines.insert(lines.end(), header.begin(), header.end());
    if (format == OutFormat::Csv) return write_csv(lines, t);
    return write_xlsx({table_sheet("Chronology", lines, t, true)});
  }
  // DOCX: the header as a table of labels and values, the rules, then the chronology table with
  // empty rows to fill in.
  int total = kPageW - 2 * kMargin;
  std::string body = para(set.title.substr(0, set.title.find(" (")) == "Chronolator" ? "Agency chronology" : "Agency chronology", "Title");
  // The agency's own due date, else the review's date for every chronology.
  std::optional<Date> due = kase.agency_date(agency.abbreviation, "chronology.due");
  if (!due) due = kase.date("chronologies_due");
  body += para("Please complete this chronology for " + agency.name + " and return it to the board " +
                   (due ? "by " + due->uk() + "." : "by the date in the letter asking for it."),
               "");
  body += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) + "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
          "<w:tblBorders><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BFBFBF\"/></w:tblBorders></w:tblPr>"
          "<w:tblGrid><w:gridCol w:w=\"4200\"/><w:gridCol w:w=\"" + std::to_string(total - 4200) + "\"/></w:tblGrid>";
  for (const auto& [label, value] : header)
    body += "<w:tr>" + cell(para(label, "TableHeading"), 4200) + cell(para(value, "TableText"), total - 4200) + "</w:tr>";
  body += "</w:tbl>";
  body += para("How to fill it in (" + set.source + ")", "Heading2");
  for (const auto& c : set.columns)
    if (!c.rule.empty()) body += para("\xE2\x80\xA2\t" + c.heading + ": " + c.rule, "Rule");
  for (const auto& r : set.rules) body += para("\xE2\x80\xA2\t" + r, "Rule");
  std::vector<std::string> mandatory;
  for (const auto& c : set.columns)
    if (c.mandatory) mandatory.push_back(c.heading);
  if (!mandatory.empty()) body += para("\xE2\x80\xA2\tMust be filled in every entry: " + listed(mandatory) + ".", "Rule");
  body += para("\xE2\x80\xA2\tDates day first (DD/MM/YYYY); an approximate date with ? before it (?22/05/2024).", "Rule");
  body += para("", "", "", "<w:pageBreakBefore/>");
  for (int i = 0; i < 12; ++i) {
    OutRow r;
    r.cells.assign(set.columns.size(), "");
    t.rows.push_back(r);
  }
  body += table_xml(t, total);
  body += para("");
  DocxParts d;
  d.title = "Agency chronology: " + agency.name;
  std::string marking;
  if (kase.data && kase.data->get("review") && kase.data->get("review")->get("security_marking"))
    marking = kase.data->get("review")->get("security_marking")->text();
  d.marking = marking;
  d.footer_note = kase.reference + " \xE2\x80\x94 " + agency.abbreviation + " chronology";
  d.body = body;
  return write_docx(d);
}

std::vector<std::string> entry_cells(const MergedEntry& m, const ColumnSet& set, const casefile::Case& kase, bool named) {
  const auto& e = m.entry.entry;
  std::vector<std::string> cells;
  // Where the entry's event text goes in a set that splits it by the kind of contact.
  std::vector<std::size_t> event_columns;
  for (std::size_t i = 0; i < set.columns.size(); ++i)
    if (set.columns[i].field == "event") event_columns.push_back(i);
  std::size_t event_at = event_columns.empty() ? set.columns.size() : event_columns[0];
  if (event_columns.size() > 1) {
    auto find = [&](const std::string& type) -> std::optional<std::size_t> {
      for (std::size_t i : event_columns)
        if (set.columns[i].contact_type == type) return i;
      return std::nullopt;
    };
    std::string type = e.contact_type.empty() ? "with-parents-carers" : e.contact_type;
    if (auto i = find(type)) event_at = *i;
    else if (type == "intra-agency" && find("inter-agency")) event_at = *find("inter-agency");
    else if (auto j = find("with-parents-carers")) event_at = *j;
  }
  bool has_response = std::any_of(set.columns.begin(), set.columns.end(), [](const Column& c) { return c.field == "response"; });
  std::string date = e.date.format("%d/%m/%Y");
  if (e.date_estimated) date = "?" + date;
  for (std::size_t i = 0; i < set.columns.size(); ++i) {
    const Column& c = set.columns[i];
    const std::string& f = c.field;
    std::string v;
    if (f == "date") {
      v = date;
      if (c.kind == ColumnKind::DateTime && !e.time.empty()) v += " " + e.time + (e.time_estimated ? " (estimated)" : "");
    } else if (f == "time") {
      v = e.time + (e.time.empty() || !e.time_estimated ? "" : " (estimated)");
    } else if (f == "agency") {
      v = e.agency;
    } else if (f == "subjects") {
      v = subject_labels(m.entry, kase, named);
    } else if (f == "age") {
      v = e.age;
    } else if (f == "child_seen") {
      v = yes_no(e.child_seen);
      if (e.seen_alone.value_or(false)) v += " (alone)";
    } else if (f == "source") {
      v = e.source;
    } else if (f == "staff") {
      for (const auto& s : e.staff) v += (v.empty() ? "" : ", ") + s;
    } else if (f == "event") {
      if (i == event_at) {
        v = e.event;
        if (!has_response && !e.response.empty()) v += "\nResponse: " + e.response;
        if (e.child_seen.value_or(false) && std::none_of(set.columns.begin(), set.columns.end(), [](const Column& x) { return x.field == "child_seen"; }))
          v += std::string("\n[Child seen") + (e.seen_alone.value_or(false) ? " alone" : "") +
               (e.wishes_and_feelings.value_or(false) ? "; wishes and feelings recorded" : "") + "]";
      }
    } else if (f == "response") {
      v = e.response;
    } else if (f == "comment") {
      v = e.comment;
    }
    cells.push_back(v);
  }
  std::string from = std::filesystem::path(m.entry.file).filename().string() + ", row " + std::to_string(m.entry.row);
  if (!m.same_as.empty()) from += "\nsame event as " + m.same_as;
  cells.push_back(from);
  return cells;
}

namespace {

std::string month_title(const std::string& key) {
  auto d = Date::parse(key + "-01");
  return d ? d->format("%B %Y") : key;
}

std::string yaml_quoted(const std::string& s) { return json_quoted(s); }

std::string write_yaml(const Integrated& merged, const casefile::Case& kase) {
  std::ostringstream y;
  y << "# The integrated chronology of " << (kase.reference.empty() ? std::string("the case") : kase.reference)
    << ", merged by reviewkit chronology merge from the agencies' returns.\n";
  y << "# " << (merged.named ? "RESTRICTED: real names kept (--named)." : "Anonymised: people by pseudonym and role code.") << "\n";
  for (const auto& n : merged.notes) y << "# note: " << n << "\n";
  y << "entries:\n";
  for (const auto& m : merged.entries) {
    const auto& e = m.entry.entry;
    y << "  - date: " << e.date.iso() << "\n";
    if (e.date_estimated) y << "    date_estimated: true\n";
    if (!e.time.empty()) y << "    time: \"" << e.time << "\"\n";
    if (e.time_estimated) y << "    time_estimated: true\n";
    y << "    agency: " << yaml_quoted(e.agency) << "\n";
    if (!e.subjects.empty()) {
      y << "    subjects: [";
      for (std::size_t i = 0; i < e.subjects.size(); ++i) y << (i ? ", " : "") << yaml_quoted(e.subjects[i]);
      y << "]\n";
    }
    if (!e.age.empty()) y << "    age: " << yaml_quoted(e.age) << "\n";
    if (e.child_seen) y << "    child_seen: " << (*e.child_seen ? "true" : "false") << "\n";
    if (e.seen_alone) y << "    seen_alone: " << (*e.seen_alone ? "true" : "false") << "\n";
    if (e.wishes_and_feelings) y << "    wishes_and_feelings: " << (*e.wishes_and_feelings ? "true" : "false") << "\n";
    if (!e.contact_type.empty()) y << "    contact_type: " << e.contact_type << "\n";
    y << "    source: " << yaml_quoted(e.source.empty() ? "not recorded" : e.source) << "\n";
    if (!e.staff.empty()) {
      y << "    staff: [";
      for (std::size_t i = 0; i < e.staff.size(); ++i) y << (i ? ", " : "") << yaml_quoted(e.staff[i]);
      y << "]\n";
    }
    y << "    event: " << yaml_quoted(e.event.empty() ? "not recorded" : e.event) << "\n";
    if (!e.response.empty()) y << "    response: " << yaml_quoted(e.response) << "\n";
    if (!e.comment.empty()) y << "    comment: " << yaml_quoted(e.comment) << "\n";
    std::string from = std::filesystem::path(m.entry.file).filename().string() + " row " + std::to_string(m.entry.row);
    if (!m.same_as.empty()) from += "; same event as " + m.same_as;
    y << "    from: " << yaml_quoted(from) << "\n";
  }
  return y.str();
}

std::string dates_list(const std::vector<Date>& dates) {
  std::string s;
  for (const auto& d : dates) s += (s.empty() ? "" : ", ") + d.format("%d/%m/%Y");
  return s.empty() ? "\xE2\x80\x94" : s;
}

// A small table for the analysis: headings and rows of text.
std::string simple_table(const std::vector<std::string>& headings, const std::vector<std::vector<std::string>>& rows,
                         const std::vector<double>& weights, int total) {
  OutTable t;
  for (std::size_t i = 0; i < headings.size(); ++i) {
    OutColumn c;
    c.heading = headings[i];
    c.weight = i < weights.size() ? weights[i] : 1.0;
    t.columns.push_back(c);
  }
  for (const auto& r : rows) {
    OutRow o;
    o.cells = r;
    t.rows.push_back(o);
  }
  return table_xml(t, total);
}

}  // namespace

std::string write_integrated(const Integrated& merged, const ColumnSet& set, const casefile::Case& kase, OutFormat format,
                             const Figure& timeline, const Figure& chart) {
  if (format == OutFormat::Yaml) return write_yaml(merged, kase);
  OutTable t = table_of(set);
  OutColumn from;
  from.heading = "Return";
  from.field = "from";
  from.kind = ColumnKind::Staff;
  t.columns.push_back(from);
  std::string month;
  for (const auto& m : merged.entries) {
    std::string key = m.entry.entry.date.format("%Y-%m");
    if (key != month) {
      month = key;
      OutRow band;
      band.band = true;
      band.cells = {month_title(key)};
      t.rows.push_back(band);
    }
    OutRow r;
    r.cells = entry_cells(m, set, kase, merged.named);
    r.seen = m.entry.entry.child_seen.value_or(false);
    t.rows.push_back(r);
  }
  const Analysis& a = merged.analysis;
  std::vector<std::string> agencies = merged.agencies;
  // Seen, per agency.
  std::vector<std::string> seen_head = {"Agency", "Entries", "About the child", "Child seen", "Seen alone",
                                        "Wishes and feelings recorded", "Child seen not recorded", "Dates seen", "Dates seen alone"};
  std::vector<std::vector<std::string>> seen_rows;
  for (const auto& s : a.seen)
    seen_rows.push_back({s.agency.empty() ? "All agencies (an event once)" : s.agency, std::to_string(s.entries),
                         std::to_string(s.about_child), std::to_string(s.seen),
                         s.alone_recorded ? std::to_string(s.seen_alone) : std::string("not recorded"),
                         s.wishes_recorded ? std::to_string(s.wishes) : std::string("not recorded"), std::to_string(s.not_recorded),
                         dates_list(s.seen_on), s.alone_recorded ? dates_list(s.alone_on) : std::string("not recorded")});
  std::vector<std::string> gap_head = {"Agency", "Last contact", "Next contact", "Days without contact"};
  std::vector<std::vector<std::string>> gap_rows;
  auto gap_cells = [&](const Gap& g) {
    return std::vector<std::string>{g.agency.empty() ? "Any agency" : g.agency,
                                    g.from.format("%d/%m/%Y") + (g.from_start ? " (start of the period)" : ""),
                                    g.to.format("%d/%m/%Y") + (g.to_end ? " (end of the period)" : ""), std::to_string(g.days)};
  };
  if (std::none_of(a.gaps.begin(), a.gaps.end(), [](const Gap& g) { return g.agency.empty(); }))
    gap_rows.push_back({"Any agency", "none longer than " + std::to_string(a.gap_days) + " days", "", ""});
  for (const auto& g : a.gaps) gap_rows.push_back(gap_cells(g));
  std::vector<std::string> month_head = {"Month"};
  for (const auto& ag : agencies) month_head.push_back(ag);
  month_head.push_back("All");
  std::vector<std::vector<std::string>> month_rows;
  if (!a.per_month.empty()) {
    Date first = *Date::parse(a.per_month.begin()->first + "-01"), last = *Date::parse(a.per_month.rbegin()->first + "-01");
    for (Date d = first; d <= last; d = d.add_months(1)) {
      std::string key = d.format("%Y-%m");
      std::vector<std::string> row = {d.format("%b %Y")};
      int total = 0;
      auto it = a.per_month.find(key);
      for (const auto& ag : agencies) {
        int n = 0;
        if (it != a.per_month.end() && it->second.count(ag)) n = it->second.at(ag);
        total += n;
        row.push_back(n ? std::to_string(n) : "");
      }
      row.push_back(std::to_string(total));
      month_rows.push_back(row);
    }
  }

  // Above a CSV's or a sheet's table: its marking and what copy it is, as on every page of the DOCX.
  std::string marking;
  if (kase.data && kase.data->get("review") && kase.data->get("review")->get("security_marking"))
    marking = kase.data->get("review")->get("security_marking")->text();
  std::vector<std::pair<std::string, std::string>> top = {
      {"Integrated chronology", kase.reference},
      {"Security marking", marking.empty() ? std::string("none set") : marking},
      {"Copy", merged.named ? "RESTRICTED COPY: REAL NAMES" : "anonymised: people by pseudonym, staff by role code"}};
  if (format == OutFormat::Csv) return write_csv(top, t);
  if (format == OutFormat::Xlsx) {
    std::vector<Sheet> sheets = {table_sheet("Chronology", top, t, true)};
    Sheet an;
    an.name = "Analysis";
    auto block = [&](const std::string& title, const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
      an.rows.push_back({title});
      an.styles.push_back({1});
      an.rows.push_back(head);
      an.styles.push_back(std::vector<int>(head.size(), 1));
      for (const auto& r : rows) {
        an.rows.push_back(r);
        an.styles.push_back(std::vector<int>(r.size(), 3));
      }
      an.rows.push_back({});
      an.styles.push_back({});
    };
    block("When the child was seen", seen_head, seen_rows);
    block("Periods of more than " + std::to_string(a.gap_days) + " days without agency contact", gap_head, gap_rows);
    block("Contacts per agency per month", month_head, month_rows);
    an.widths = {18, 12, 12, 12, 12, 14, 14, 40, 40};
    sheets.push_back(an);
    if (!merged.notes.empty()) {
      Sheet notes;
      notes.name = "Notes";
      for (const auto& n : merged.notes) {
        notes.rows.push_back({n});
        notes.styles.push_back({3});
      }
      notes.widths = {120};
      sheets.push_back(notes);
    }
    return write_xlsx(sheets);
  }
  // DOCX
  int total = kPageW - 2 * kMargin;
  std::string body;
  std::string title = "Integrated chronology";
  std::string review_title = kase.data && kase.data->get("review") && kase.data->get("review")->get("title")
                                 ? kase.data->get("review")->get("title")->text()
                                 : kase.reference;
  body += para(title + (review_title.empty() ? "" : ": " + review_title), "Title");
  std::string period = period_text(merged.from, merged.to);
  body += para(std::string(merged.named ? "Restricted copy: real names are shown. " : "People are shown by pseudonym and staff by role code. ") +
                   (period.empty() ? "" : "Period: " + period + ". ") + counted(static_cast<long long>(merged.entries.size()), "entry", "entries") +
                   " from " + counted(static_cast<long long>(agencies.size()), "agency", "agencies") + " (" + listed(agencies) +
                   "), in date and time order; entries without a time come first in their day. Entries in which the child was seen are shaded in the "
                   "Child seen column.",
               "");
  body += table_xml(t, total);
  body += para("Analysis", "Heading1", "", "<w:pageBreakBefore/>");
  body += para("When the child was seen", "Heading2");
  body += para("Each occasion the child was seen and seen alone, and whether the child's wishes and feelings were recorded, as the agencies' "
               "entries record them (004, criterion 38: a chronology of agency involvement identifying when the child was seen and if the "
               "child was seen alone).");
  body += simple_table(seen_head, seen_rows, {1.1, 0.8, 0.8, 0.8, 0.8, 1.1, 1.1, 3, 3}, total);
  body += para("Periods without agency contact", "Heading2");
  body += para("Periods of more than " + std::to_string(a.gap_days) +
               " days with no contact by any agency (from the start of the period under review to its end), then each agency's own, between its "
               "first and last contact.");
  body += simple_table(gap_head, gap_rows, {}, total * 2 / 3);
  body += para("Contacts per agency per month", "Heading2");
  body += simple_table(month_head, month_rows, {}, std::min(total, 1400 * static_cast<int>(month_head.size())));
  if (!chart.bytes.empty()) body += picture_xml(chart, 1);
  if (!timeline.bytes.empty()) {
    body += para("Timeline", "Heading2", "", "<w:pageBreakBefore/>");
    body += picture_xml(timeline, 2);
    body += para("Figure: one lane per agency across the period; each contact is a mark, contacts in which the child was seen are drawn as "
                 "filled circles, and key events are drawn across all lanes.", "");
  }
  if (!merged.notes.empty()) {
    body += para("Notes", "Heading2");
    for (const auto& n : merged.notes) body += para("\xE2\x80\xA2\t" + n, "Rule");
  }
  DocxParts d;
  d.title = title + (review_title.empty() ? "" : ": " + review_title);
  if (kase.data && kase.data->get("review") && kase.data->get("review")->get("security_marking"))
    d.marking = kase.data->get("review")->get("security_marking")->text();
  if (merged.named) d.marking = (d.marking.empty() ? std::string() : d.marking + " \xE2\x80\x94 ") + "RESTRICTED COPY: REAL NAMES";
  d.footer_note = kase.reference + " \xE2\x80\x94 integrated chronology";
  d.body = body;
  d.figures = {chart, timeline};
  return write_docx(d);
}

}  // namespace reviewkit::chronology
