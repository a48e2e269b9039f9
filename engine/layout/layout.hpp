// reviewkit/layout — the document model laid out on pages.
//
// In: an ooxml::Document. Out: Pages of positioned text runs, rules, fills and pictures, in points
// from the page's top-left corner, plus the outline of headings and the links. Lines break where
// Word breaks them (the same metric-compatible fonts, Word's line heights, tab stops, indents,
// justification by placing each word); paragraphs keep with the next, keep their lines together
// and avoid widows; tables repeat their header rows and move or split rows at a page's end;
// headers and footers take page numbers. What is not supported is still shown, as text in place,
// and named once in `warnings`.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pdf/fonts.hpp"
#include "ooxml/document.hpp"

namespace reviewkit::layout {

using pdf::Face;
using pdf::FontBook;

struct Rgb {
  double r = 0, g = 0, b = 0;
};

struct PlacedText {
  double x = 0, baseline = 0, width = 0;
  std::string text;  ///< UTF-8
  Face* face = nullptr;
  double size = 10;
  Rgb color;
  bool underline = false, strike = false;
  std::string field;  ///< PAGE, NUMPAGES, SECTIONPAGES: the number is put in when the page is drawn
  bool missing_glyph = false;  ///< no font has this character: draw a box
};

struct PlacedRule {
  double x1, y1, x2, y2, width;
  Rgb color;
};

struct PlacedFill {
  double x, y, w, h;
  Rgb color;
};

struct PlacedPicture {
  double x, y, w, h;
  std::shared_ptr<ooxml::Image> image;
};

struct PlacedLink {
  double x, y, w, h;
  std::string url;     ///< external
  std::string anchor;  ///< internal (a bookmark)
};

struct Page {
  double width = 595.3, height = 841.9;
  int number = 1;          ///< as printed (sections may restart)
  int section_pages = 1;   ///< pages in its section, for SECTIONPAGES
  std::vector<PlacedFill> fills;
  std::vector<PlacedRule> rules;
  std::vector<PlacedPicture> pictures;
  std::vector<PlacedText> texts;
  std::vector<PlacedLink> links;
};

struct OutlineEntry {
  std::string title;
  int level = 0;
  std::size_t page = 0;
  double y = 0;
};

struct Bookmark {
  std::string name;
  std::size_t page = 0;
  double y = 0;
};

struct Layout {
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  std::vector<Bookmark> bookmarks;
  std::set<std::string> warnings;  ///< one line each: a kind of content shown only approximately
};

Layout lay_out(const ooxml::Document& doc, FontBook& fonts);

/// The layout as text, one box or line a line (pages, fills, rules, pictures, texts with their
/// place, font and size, links, the outline): for golden tests and for reading what was laid out.
std::string print(const Layout& layout);

}  // namespace reviewkit::layout
