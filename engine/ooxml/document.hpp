// reviewkit/ooxml — the document model: what a Word document says, with every style resolved.
//
// In: a .docx Package. Out: a Document of sections, each a list of blocks (paragraphs and tables)
// whose runs carry their final formatting (document defaults, then the style chain, then direct
// formatting), with numbering labels worked out, images and headers/footers attached. The PDF
// layout draws it and the QA rules read it, so a filled template, a submitted agency report and a
// generated report are all understood the same way. Anything the reader does not understand is
// kept as text where it can be, and named once in `unsupported`.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "ooxml/package.hpp"

namespace reviewkit::ooxml {

struct Color {
  unsigned char r = 0, g = 0, b = 0;
  bool set = false;
  static std::optional<Color> parse(const std::string& hex);  ///< "1F3864"; nothing for "auto"
};

struct RunStyle {
  std::string font = "Times New Roman";
  double size = 10;  ///< points
  bool bold = false, italic = false, underline = false, strike = false, caps = false, small_caps = false;
  bool superscript = false, subscript = false, hidden = false;
  double kern = 0;  ///< pair kerning from this size up (points); 0: none
  Color color, highlight, shading;
};

struct Border {
  bool on = false;
  double width = 0.5;  ///< points
  double space = 0;    ///< points
  Color color;
  std::string style;   ///< single, double, dashed, dotted, thick…
};

struct TabStop {
  enum Kind { Left, Center, Right, Decimal, Bar, Clear } kind = Left;
  double position = 0;  ///< points from the paragraph's left indent base (the text margin)
  char leader = 0;      ///< '.', '-', '_' or 0
};

struct ParagraphStyle {
  std::string style_id;
  enum Align { Left, Center, Right, Justify } align = Left;
  double indent_left = 0, indent_right = 0, indent_first = 0;  ///< first < 0: hanging
  double space_before = 0, space_after = 0;
  double line = 1.0;  ///< a multiple when line_rule is Auto, else points
  enum LineRule { Auto, Exact, AtLeast } line_rule = Auto;
  bool contextual_spacing = false;
  bool keep_next = false, keep_lines = false, page_break_before = false, widow_control = true;
  int outline_level = -1;  ///< 0 for Heading 1 …
  std::vector<TabStop> tabs;
  Border top, bottom, left, right, between;
  Color shading;
  int num_id = 0, level = 0;
};

struct Image {
  std::string part;       ///< word/media/image1.png
  std::string bytes;
  double width = 0, height = 0;  ///< points
  std::string description;       ///< the alternative text (wp:docPr descr), UTF-8; empty when none
  bool floating = false;
  // Floating images: position relative to page, margin or column (points).
  std::string relative_h = "column", relative_v = "paragraph";
  double offset_x = 0, offset_y = 0;
  std::string align_h;  ///< left, center, right when given instead of an offset
  bool behind_text = false, wrap_none = true;
};

/// One piece of a paragraph's content.
struct Inline {
  enum Kind { Text, Tab, LineBreak, PageBreak, ColumnBreak, Field, Picture, Box } kind = Text;
  std::string text;       ///< Text; Field: the cached result
  std::string field;      ///< PAGE, NUMPAGES, SECTIONPAGES…
  RunStyle style;
  std::string link;       ///< hyperlink target (external URL), if in a link
  std::string anchor;     ///< internal hyperlink target (a bookmark)
  std::shared_ptr<Image> image;
  std::shared_ptr<struct TextBox> box;  ///< a text box's content
};

struct Block;

/// Where a paragraph is: its part, its number ¶N there (ooxml/xml.hpp gives the rule, which
/// templating's messages follow too), and inside a table its row and cell, from 1.
struct Place {
  std::string part;   ///< word/document.xml, word/header1.xml, word/footnotes.xml, docProps/custom.xml…
  int paragraph = 0;  ///< ¶N; 0 for what is not in a paragraph (a property)
  int row = 0, cell = 0;
  /// "word/document.xml ¶12", "word/document.xml ¶14 (table row 2, cell 3)"
  std::string text() const;
};

struct Paragraph {
  Place where;
  ParagraphStyle style;
  RunStyle mark;  ///< the paragraph mark's formatting (an empty paragraph's height)
  std::vector<Inline> content;
  std::string label;   ///< numbering: "1.", "a)", "•"
  RunStyle label_style;
  std::vector<std::string> bookmarks;
  bool section_break = false;  ///< ends a section (its sectPr is in this paragraph)

  std::string text() const;  ///< the plain text, tabs as \t, breaks as \n
};

struct TextBox {
  std::vector<Block> blocks;
  double width = 0, height = 0;
  Image frame;  ///< position, when floating
};

struct CellBorders {
  Border top, bottom, left, right;
};

/// The most columns a cell may span (Word's tables have at most 63).
constexpr int kMaxGridColumns = 63;

struct Cell {
  std::vector<Block> blocks;
  int span = 1;  ///< grid columns, 1 to kMaxGridColumns
  enum Merge { None, Restart, Continue } merge = None;
  Color shading;
  CellBorders borders;
  double margin_left = 5.4, margin_right = 5.4, margin_top = 0, margin_bottom = 0;
  enum VAlign { Top, Center, Bottom } valign = Top;
};

struct Row {
  std::vector<Cell> cells;
  bool header = false, cant_split = false;
  double height = 0;
  bool exact_height = false;
};

struct Table {
  std::vector<double> grid;  ///< column widths, points
  std::vector<Row> rows;
  CellBorders borders;
  Border inside_h, inside_v;
  double indent = 0;
  enum Align { Left, Center, Right } align = Left;
};

struct Block {
  std::shared_ptr<Paragraph> paragraph;
  std::shared_ptr<Table> table;
};

struct HeaderFooter {
  std::vector<Block> blocks;
};

struct Section {
  double page_width = 595.3, page_height = 841.9;  ///< A4
  double margin_top = 72, margin_bottom = 72, margin_left = 72, margin_right = 72;
  double header_distance = 36, footer_distance = 36;
  bool landscape = false, title_page = false;
  std::optional<int> page_number_start;
  std::shared_ptr<HeaderFooter> header_default, header_first, header_even;
  std::shared_ptr<HeaderFooter> footer_default, footer_first, footer_even;
  std::vector<Block> blocks;
};

struct Document {
  std::vector<Section> sections;
  bool even_and_odd_headers = false;
  std::string title, subject, creator, keywords, description;
  std::set<std::string> unsupported;  ///< kinds of content shown only approximately
  /// The notes' paragraphs (word/footnotes.xml, word/endnotes.xml), each with its place; the
  /// layout does not draw them yet (docs/pdf.md), the QA rules and the scanner read them.
  std::vector<Block> footnotes, endnotes;

  /// Every paragraph of the body, tables included, in order (for QA rules and text checks).
  std::vector<const Paragraph*> paragraphs() const;
};

/// Reads the document model. Problems that make the document unreadable go to `diags` as errors.
std::optional<Document> read_document(const Package& package, const std::string& file, Diagnostics& diags);

}  // namespace reviewkit::ooxml
