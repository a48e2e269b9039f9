// Why this file is over 700 lines: it is one class, the layout Engine, whose steps (atoms, lines,
// tables, floats, pagination) share its running state — the page being filled, the line being
// broken, the floats in the way. Splitting it by idea means turning that state into a structure the
// steps pass along; that is done with the layout's rewrite for speed and tagged PDF (issue 18),
// which replaces most of these steps, rather than twice.
#include "layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

namespace reviewkit::layout {

using ooxml::Inline;
using ooxml::Paragraph;
using ooxml::ParagraphStyle;
using ooxml::RunStyle;

namespace {

Rgb rgb(const ooxml::Color& c, Rgb fallback = {}) {
  if (!c.set) return fallback;
  return {c.r / 255.0, c.g / 255.0, c.b / 255.0};
}

// Drawing operations relative to a box's top-left corner.
struct Ops {
  std::vector<PlacedFill> fills;
  std::vector<PlacedRule> rules;
  std::vector<PlacedPicture> pictures;
  std::vector<PlacedText> texts;
  std::vector<PlacedLink> links;
  std::vector<std::pair<OutlineEntry, double>> outline;  // entry, y
  std::vector<std::pair<std::string, double>> bookmarks;

  void append(const Ops& o, double dx, double dy) {
    for (auto f : o.fills) fills.push_back({f.x + dx, f.y + dy, f.w, f.h, f.color});
    for (auto r : o.rules) rules.push_back({r.x1 + dx, r.y1 + dy, r.x2 + dx, r.y2 + dy, r.width, r.color});
    for (auto p : o.pictures) pictures.push_back({p.x + dx, p.y + dy, p.w, p.h, p.image});
    for (auto t : o.texts) {
      t.x += dx;
      t.baseline += dy;
      texts.push_back(t);
    }
    for (auto l : o.links) links.push_back({l.x + dx, l.y + dy, l.w, l.h, l.url, l.anchor});
    for (auto e : o.outline) outline.push_back({e.first, e.second + dy});
    for (auto b : o.bookmarks) bookmarks.push_back({b.first, b.second + dy});
  }
};

// A line (or a table row): what it draws and how tall it is. Rows can be cut at `cuts`.
struct Line {
  Ops ops;
  double height = 0;
  std::vector<double> cuts;  // for rows: heights at which the row may be split across pages
  bool page_break_after = false;
};

// What one block contributes to the flow of a page.
struct FlowBlock {
  std::vector<Line> lines;
  double space_before = 0, space_after = 0;
  bool keep_next = false, keep_lines = false, widow = true, page_break_before = false;
  bool table = false;
  std::vector<Line> header_rows;  // tables: repeated on each page
  std::vector<bool> cant_split;
  std::string style_id;
  bool contextual = false;
  std::vector<std::shared_ptr<Ops>> floats;  // floating pictures and text boxes, positioned on the page
  std::vector<std::pair<double, double>> float_offsets;  // relative to the block's top (paragraph-anchored)
  std::vector<bool> float_page_relative;
  bool section_break = false;
};

class Engine {
 public:
  Engine(FontBook& fonts, Layout& out) : fonts_(fonts), out_(out) {}

  // ---------------------------------------------------------------- paragraphs into lines

  struct Atom {
    enum Kind { Word, Space, Tab, Break, PageBreak, Picture, Field, Box } kind = Word;
    std::string text;
    Face* face = nullptr;
    double size = 10, width = 0, ascent = 0, descent = 0, rise = 0;
    const RunStyle* style = nullptr;
    std::shared_ptr<ooxml::Image> image;
    std::string field, link, anchor;
    bool glue = false;  // no break opportunity before this atom
    bool missing = false;
  };

  Face* face_of(const RunStyle& s) { return fonts_.face(s.font, s.bold, s.italic); }

  double text_width(Face* f, const std::string& text, double size) {
    double w = 0;
    for (char32_t c : utf32(text)) w += f->advance(c);
    return w * size / 1000.0;
  }

  void add_text_atoms(std::vector<Atom>& atoms, const Inline& in) {
    const RunStyle& s = in.style;
    double size = s.size * ((s.superscript || s.subscript) ? 0.65 : 1.0);
    double rise = s.superscript ? s.size * 0.33 : s.subscript ? -s.size * 0.14 : 0;
    Face* base = face_of(s);
    std::u32string text = utf32(in.text);
    std::string word;
    Face* word_face = base;
    // Runs join words across formatting, unless the join is itself a break opportunity (after a
    // hyphen, or between a closing and an opening bracket).
    bool glue_next = !atoms.empty() && atoms.back().kind == Atom::Word;
    if (glue_next && !atoms.back().text.empty() && !text.empty()) {
      char last = atoms.back().text.back();
      char32_t first = text.front();
      if (last == '-' || last == '/' || ((last == '}' || last == ')' || last == ']') && (first == '{' || first == '(' || first == '[')))
        glue_next = false;
    }
    const bool kerned = s.kern > 0 && s.size >= s.kern;
    // One word (or a piece of one) as an atom of this run's style.
    auto push_word = [&](const std::string& piece, double width, bool missing) {
      Atom a;
      a.kind = Atom::Word;
      a.text = piece;
      a.face = word_face;
      a.size = size;
      a.rise = rise;
      a.style = &in.style;
      a.width = width;
      a.ascent = base->ascent() * s.size / 1000.0;
      a.descent = base->descent() * s.size / 1000.0;
      a.link = in.link;
      a.anchor = in.anchor;
      a.glue = glue_next;
      a.missing = missing;
      atoms.push_back(a);
      glue_next = true;
    };
    auto flush = [&](bool missing = false) {
      if (word.empty()) return;
      if (kerned && !missing) {
        // Kerning: cut the word where a pair is kerned, each piece as wide as it advances, so that
        // the pieces land where kerned glyphs belong (the PDF draws each piece at its own place).
        std::u32string chars = utf32(word);
        std::string piece;
        for (std::size_t k = 0; k < chars.size(); ++k) {
          piece += utf8(chars[k]);
          double kern = k + 1 < chars.size() ? word_face->kerning(chars[k], chars[k + 1]) : 0;
          if (kern == 0 && k + 1 < chars.size()) continue;
          push_word(piece, text_width(word_face, piece, size) + kern * size / 1000.0, false);
          piece.clear();
        }
      } else {
        push_word(word, missing ? size * 0.6 : text_width(word_face, word, size), missing);
      }
      word.clear();
    };
    for (char32_t c : text) {
      if (c == ' ' || c == '\t') {
        flush();
        Atom sp;
        sp.kind = Atom::Space;
        sp.text = " ";
        sp.face = base;
        sp.size = size;
        sp.style = &in.style;
        sp.width = base->advance(' ') * size / 1000.0;
        sp.ascent = base->ascent() * s.size / 1000.0;
        sp.descent = base->descent() * s.size / 1000.0;
        sp.link = in.link;
        atoms.push_back(sp);
        glue_next = false;
        continue;
      }
      if (c == 0xAD) continue;  // soft hyphen
      Face* f = fonts_.face_for(base, c);
      if (!f) {
        flush();
        word = utf8(c);
        out_.warnings.insert("characters no installed font has (drawn as boxes)");
        flush(true);
        continue;
      }
      // A break is allowed between a closing and an opening bracket ("}{"), as Unicode's line
      // breaking rules (which LibreOffice follows) allow.
      if (!word.empty() && (c == '{' || c == '(' || c == '[')) {
        char last = word.back();
        if (last == '}' || last == ')' || last == ']') {
          flush();
          glue_next = false;
        }
      }
      if (f != word_face && !word.empty()) flush();
      word_face = f;
      word += utf8(c);
      // A break is allowed after a hyphen or a dash.
      if (c == '-' || c == 0x2013 || c == 0x2014 || c == '/') {
        flush();
        glue_next = false;
      }
    }
    flush();
  }

  std::vector<Atom> atoms_of(const Paragraph& p) {
    std::vector<Atom> atoms;
    for (const auto& in : p.content) {
      switch (in.kind) {
        case Inline::Text: add_text_atoms(atoms, in); break;
        case Inline::Tab: {
          Atom a;
          a.kind = Atom::Tab;
          a.style = &in.style;
          a.face = face_of(in.style);
          a.size = in.style.size;
          a.ascent = a.face->ascent() * a.size / 1000.0;
          a.descent = a.face->descent() * a.size / 1000.0;
          atoms.push_back(a);
          break;
        }
        case Inline::LineBreak:
        case Inline::PageBreak:
        case Inline::ColumnBreak: {
          Atom a;
          a.kind = in.kind == Inline::PageBreak ? Atom::PageBreak : Atom::Break;
          a.style = &in.style;
          atoms.push_back(a);
          break;
        }
        case Inline::Field: {
          Atom a;
          a.kind = Atom::Field;
          a.field = in.field;
          a.style = &in.style;
          a.face = face_of(in.style);
          a.size = in.style.size;
          a.text = "0";
          a.width = text_width(a.face, "0", a.size);  // most documents have fewer than ten pages
          a.ascent = a.face->ascent() * a.size / 1000.0;
          a.descent = a.face->descent() * a.size / 1000.0;
          a.glue = !atoms.empty() && atoms.back().kind == Atom::Word;
          atoms.push_back(a);
          break;
        }
        case Inline::Picture: {
          if (!in.image) break;
          if (in.image->floating) {
            floats_pending_.push_back({in.image, nullptr});
            break;
          }
          Atom a;
          a.kind = Atom::Picture;
          a.image = in.image;
          a.width = in.image->width;
          a.ascent = in.image->height;
          a.descent = 0;
          a.style = &in.style;
          atoms.push_back(a);
          break;
        }
        case Inline::Box:
          if (in.box) floats_pending_.push_back({nullptr, in.box});
          break;
      }
    }
    return atoms;
  }

  // Lays a paragraph out as lines `width` wide (the paragraph's indents are inside it).
  std::vector<Line> lines_of(const Paragraph& p, double width) {
    const ParagraphStyle& ps = p.style;
    std::vector<Atom> atoms = atoms_of(p);
    Face* mark_face = face_of(p.mark);
    double mark_ascent = mark_face->ascent() * p.mark.size / 1000.0;
    double mark_descent = mark_face->descent() * p.mark.size / 1000.0;

    struct Placed {
      std::size_t atom;
      double x;
    };
    struct Building {
      std::vector<Placed> items;
      std::vector<std::pair<std::size_t, const ooxml::TabStop*>> tabs;  // item index where a special tab starts
      std::vector<std::pair<double, double>> leaders;  // from, to
      char leader_char = 0;
      double x = 0;
      bool breaks = false, page_break = false;
      double left = 0;
      double tab_floor = 0;  // after a right or centre tab: the next stop is beyond this one
    };
    std::vector<Building> built;
    double left_first = ps.indent_left + ps.indent_first, left_rest = ps.indent_left;
    double right = width - ps.indent_right;

    auto new_line = [&](bool first) {
      Building b;
      b.left = first ? left_first : left_rest;
      b.x = b.left;
      built.push_back(b);
    };
    new_line(true);

    // The numbering label hangs at the first line's start; text follows at the next stop.
    Atom label;
    bool has_label = !p.label.empty();
    double label_x = left_first;
    if (has_label) {
      label.kind = Atom::Word;
      label.text = p.label;
      label.style = &p.label_style;
      label.face = face_of(p.label_style);
      label.size = p.label_style.size;
      label.width = text_width(label.face, label.text, label.size);
      label.ascent = label.face->ascent() * label.size / 1000.0;
      label.descent = label.face->descent() * label.size / 1000.0;
      double after = left_first + label.width;
      double stop = ps.indent_left > after + 0.01 ? ps.indent_left : next_default_tab(after, ps);
      built.back().x = stop;
    }

    auto next_stop = [&](double x) -> const ooxml::TabStop* {
      for (const auto& t : ps.tabs)
        if (t.position > x + 0.01 && t.kind != ooxml::TabStop::Bar) return &t;
      return nullptr;
    };

    std::size_t i = 0;
    while (i < atoms.size()) {
      Atom& a = atoms[i];
      Building& line = built.back();
      if (a.kind == Atom::Break || a.kind == Atom::PageBreak) {
        line.breaks = true;
        if (a.kind == Atom::PageBreak) line.page_break = true;
        new_line(false);
        ++i;
        continue;
      }
      if (a.kind == Atom::Tab) {
        double from = std::max(line.x, line.tab_floor);
        const ooxml::TabStop* stop = next_stop(from);
        double target = stop ? stop->position : next_default_tab(from, ps);
        if (target > right + 0.5 && !line.items.empty()) {  // a tab past the margin goes to the next line
          new_line(false);
          ++i;
          continue;
        }
        if (stop && stop->kind != ooxml::TabStop::Left) {
          line.tabs.push_back({line.items.size(), stop});
          line.tab_floor = stop->position;
        } else {
          if (stop && stop->leader) {
            line.leaders.push_back({line.x, target});
            line.leader_char = stop->leader;
          }
          line.x = target;
        }
        line.items.push_back({i, line.x});
        ++i;
        continue;
      }
      if (a.kind == Atom::Space) {
        line.items.push_back({i, line.x});
        line.x += a.width;
        ++i;
        continue;
      }
      // A unit: atoms glued together (a word in several runs or fonts).
      std::size_t j = i + 1;
      double w = a.width;
      while (j < atoms.size() && atoms[j].glue && (atoms[j].kind == Atom::Word || atoms[j].kind == Atom::Field)) {
        w += atoms[j].width;
        ++j;
      }
      // Unicode line breaking as LibreOffice applies it: no break before a closing bracket, even
      // with spaces between ("name }}" stays on one line); a space after an opening one may break.
      auto closing = [&](const Atom& x) { return x.kind == Atom::Word && !x.text.empty() && std::strchr(")]}", x.text[0]); };
      while (true) {
        std::size_t k = j;
        while (k < atoms.size() && atoms[k].kind == Atom::Space) ++k;
        if (k >= atoms.size() || atoms[k].kind != Atom::Word || !closing(atoms[k])) break;
        for (std::size_t m = j; m < k; ++m) w += atoms[m].width;
        w += atoms[k].width;
        j = k + 1;
        while (j < atoms.size() && atoms[j].glue && (atoms[j].kind == Atom::Word || atoms[j].kind == Atom::Field)) {
          w += atoms[j].width;
          ++j;
        }
      }
      bool has_content = std::any_of(line.items.begin(), line.items.end(),
                                     [&](const Placed& pl) { return atoms[pl.atom].kind != Atom::Space; });
      if (line.x + w > right + 0.01 && has_content) {
        new_line(false);
        continue;  // the unit is placed on the new line
      }
      if (line.x + w > right + 0.01 && !has_content && j == i + 1 && a.kind == Atom::Word &&
          utf32(a.text).size() > 1) {
        // One word wider than the line (a long address): break it between characters.
        std::u32string chars = utf32(a.text);
        double room = right - line.x, used = 0;
        std::size_t k = 0;
        while (k < chars.size() && used + a.face->advance(chars[k]) * a.size / 1000.0 <= room) {
          used += a.face->advance(chars[k]) * a.size / 1000.0;
          ++k;
        }
        if (k == 0) k = 1;
        Atom rest = a;
        std::string head, tail;
        for (std::size_t m = 0; m < chars.size(); ++m) (m < k ? head : tail) += utf8(chars[m]);
        a.text = head;
        a.width = text_width(a.face, head, a.size);
        rest.text = tail;
        rest.width = text_width(rest.face, tail, rest.size);
        rest.glue = false;
        atoms.insert(atoms.begin() + static_cast<long>(i) + 1, rest);
        line.items.push_back({i, line.x});
        line.x += a.width;
        new_line(false);
        ++i;
        continue;
      }
      for (std::size_t k = i; k < j; ++k) {
        line.items.push_back({k, line.x});
        line.x += atoms[k].width;
      }
      i = j;
    }

    // Lines into drawing operations.
    std::vector<Line> lines;
    for (std::size_t li = 0; li < built.size(); ++li) {
      Building& b = built[li];
      bool last = li + 1 == built.size();
      // Trailing spaces take no room.
      std::size_t end = b.items.size();
      while (end > 0 && atoms[b.items[end - 1].atom].kind == Atom::Space) --end;
      double natural_end = end ? b.items[end - 1].x + atoms[b.items[end - 1].atom].width : b.left;
      // Right, centre and decimal tabs: move what follows each to its stop.
      for (std::size_t t = 0; t < b.tabs.size(); ++t) {
        std::size_t from = b.tabs[t].first + 1;
        std::size_t to = t + 1 < b.tabs.size() ? b.tabs[t + 1].first : end;
        if (from >= to) continue;
        double seg_start = b.items[from].x;
        double seg_end = b.items[to - 1].x + atoms[b.items[to - 1].atom].width;
        double seg = seg_end - seg_start;
        const ooxml::TabStop* stop = b.tabs[t].second;
        double target = stop->kind == ooxml::TabStop::Center ? stop->position - seg / 2 : stop->position - seg;
        double shift = std::max(0.0, target - seg_start);
        for (std::size_t k = from; k < b.items.size(); ++k) b.items[k].x += shift;
        if (stop->leader) {
          b.leaders.push_back({seg_start, seg_start + shift});
          b.leader_char = stop->leader;
        }
        natural_end += (to == end) ? shift : 0;
      }
      double shift = 0, extra_per_space = 0;
      double room = right - natural_end;
      switch (ps.align) {
        case ParagraphStyle::Center: shift = room / 2; break;
        case ParagraphStyle::Right: shift = room; break;
        case ParagraphStyle::Justify: {
          if (last || b.breaks || room <= 0) break;
          // Only the spaces after the last tab stretch.
          std::size_t first_space = 0;
          for (std::size_t k = 0; k < end; ++k)
            if (atoms[b.items[k].atom].kind == Atom::Tab) first_space = k + 1;
          int spaces = 0;
          for (std::size_t k = first_space; k < end; ++k)
            if (atoms[b.items[k].atom].kind == Atom::Space) ++spaces;
          if (spaces) {
            extra_per_space = room / spaces;
            double add = 0;
            for (std::size_t k = first_space; k < b.items.size(); ++k) {
              b.items[k].x += add;
              if (atoms[b.items[k].atom].kind == Atom::Space && k < end) add += extra_per_space;
            }
          }
          break;
        }
        default: break;
      }
      // Height: the tallest thing on the line, then the paragraph's line spacing.
      double ascent = 0, descent = 0;
      for (std::size_t k = 0; k < b.items.size(); ++k) {
        const Atom& a = atoms[b.items[k].atom];
        ascent = std::max(ascent, a.ascent + std::max(0.0, a.rise));
        descent = std::max(descent, a.descent);
      }
      if (li == 0 && has_label) {
        ascent = std::max(ascent, label.ascent);
        descent = std::max(descent, label.descent);
      }
      if (ascent == 0 && descent == 0) {
        ascent = mark_ascent;
        descent = mark_descent;
      }
      double natural = ascent + descent, height = natural, baseline = ascent;
      if (ps.line_rule == ParagraphStyle::Auto) {
        height = natural * ps.line;
      } else if (ps.line_rule == ParagraphStyle::Exact) {
        height = ps.line;
        baseline = ps.line - descent - (ps.line - natural) * 0.0;
        if (ps.line < natural) baseline = ps.line * ascent / natural;
      } else {
        height = std::max(natural, ps.line);
        baseline = height - descent;
      }
      Line line;
      line.height = std::ceil(height * 20 - 0.001) / 20;  // Word and LibreOffice measure in whole twips
      line.page_break_after = b.page_break;
      Ops& ops = line.ops;
      if (li == 0 && has_label) {
        PlacedText t{label_x + shift, baseline, label.width, label.text, label.face, label.size,
                     rgb(label.style->color), false, false, {}, false};
        ops.texts.push_back(t);
      }
      for (std::size_t k = 0; k < b.items.size(); ++k) {
        const Atom& a = atoms[b.items[k].atom];
        double x = b.items[k].x + shift;
        if (a.kind == Atom::Picture) {
          ops.pictures.push_back({x, baseline - a.ascent, a.width, a.ascent, a.image});
          continue;
        }
        if (a.kind == Atom::Tab || a.kind == Atom::Break || a.kind == Atom::PageBreak) continue;
        const RunStyle& s = *a.style;
        double w = a.width + (a.kind == Atom::Space ? extra_per_space : 0);
        if (s.highlight.set || s.shading.set)
          ops.fills.push_back({x, baseline - a.ascent, w, a.ascent + a.descent, rgb(s.highlight.set ? s.highlight : s.shading)});
        if (a.kind == Atom::Space) {
          if ((s.underline || s.strike) && k + 1 < end) {
            Face* f = a.face;
            if (s.underline) ops.rules.push_back({x, baseline - f->underline_position() * a.size / 1000.0, x + w,
                                                  baseline - f->underline_position() * a.size / 1000.0,
                                                  f->underline_thickness() * a.size / 1000.0, rgb(s.color)});
          }
          if (!a.link.empty() || !a.anchor.empty()) ops.links.push_back({x, baseline - a.ascent, w, a.ascent + a.descent, a.link, a.anchor});
          continue;
        }
        PlacedText t{x, baseline - a.rise, a.width, a.text, a.face, a.size, rgb(s.color), s.underline, s.strike, a.field,
                     a.missing};
        ops.texts.push_back(t);
        if (!a.link.empty() || !a.anchor.empty()) ops.links.push_back({x, baseline - a.ascent, a.width, a.ascent + a.descent, a.link, a.anchor});
      }
      for (const auto& [from, to] : b.leaders) {
        Face* f = mark_face;
        std::string dots;
        double dot = f->advance(static_cast<char32_t>(b.leader_char)) * p.mark.size / 1000.0;
        if (dot <= 0) continue;
        int count = static_cast<int>((to - from) / dot) - 1;
        for (int k = 0; k < count; ++k) dots += b.leader_char;
        if (!dots.empty())
          ops.texts.push_back({to - count * dot + shift, baseline, count * dot, dots, f, p.mark.size, {}, false, false, {}, false});
      }
      lines.push_back(std::move(line));
    }
    return lines;
  }

  static double next_default_tab(double x, const ParagraphStyle& ps) {
    (void)ps;
    const double step = 36;
    return (std::floor((x + 0.01) / step) + 1) * step;
  }

  // ---------------------------------------------------------------- blocks without pages (cells, headers, boxes)

  struct Box {
    Ops ops;
    double height = 0;
    std::vector<double> cuts;  // heights after each line, where the box may be split
  };

  Box box_of(const std::vector<ooxml::Block>& blocks, double width) {
    Box box;
    double y = 0, pending_after = 0;
    std::string previous_style;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
      const auto& b = blocks[bi];
      if (b.paragraph) {
        const Paragraph& p = *b.paragraph;
        bool contextual = p.style.contextual_spacing && p.style.style_id == previous_style;
        double before = contextual ? 0 : p.style.space_before;
        // Word (and LibreOffice with Word documents) takes the larger of the space after one
        // paragraph and the space before the next, not their sum.
        y += bi == 0 ? before : (contextual ? 0 : std::max(pending_after, before));
        floats_pending_.clear();
        auto lines = lines_of(p, width);
        double top = y;
        for (auto& l : lines) {
          box.ops.append(l.ops, 0, y);
          y += l.height;
          box.cuts.push_back(y);
        }
        decorate_paragraph(p, box.ops, 0, width, top, y);
        place_floats(box.ops, top);
        pending_after = p.style.space_after;
        previous_style = p.style.style_id;
      } else if (b.table) {
        y += pending_after;
        pending_after = 0;
        auto rows = table_rows(*b.table, width);
        for (auto& r : rows.rows) {
          box.ops.append(r.ops, 0, y);
          y += r.height;
          box.cuts.push_back(y);
        }
        previous_style.clear();
      }
    }
    // Word counts the last paragraph's space after in a cell's or a header's height.
    box.height = y + pending_after;
    return box;
  }

  // Paragraph borders and shading around the lines from top to bottom.
  void decorate_paragraph(const Paragraph& p, Ops& ops, double x0, double width, double top, double bottom) {
    const ParagraphStyle& ps = p.style;
    double left = x0 + ps.indent_left - (ps.left.on ? ps.left.space : 0), right = x0 + width - ps.indent_right;
    if (ps.shading.set) ops.fills.insert(ops.fills.begin(), {left, top, right - left, bottom - top, rgb(ps.shading)});
    if (ps.top.on) ops.rules.push_back({left, top - ps.top.space, right, top - ps.top.space, ps.top.width, rgb(ps.top.color)});
    if (ps.bottom.on)
      ops.rules.push_back({left, bottom + ps.bottom.space, right, bottom + ps.bottom.space, ps.bottom.width, rgb(ps.bottom.color)});
    if (ps.left.on) ops.rules.push_back({left, top, left, bottom, ps.left.width, rgb(ps.left.color)});
    if (ps.right.on) ops.rules.push_back({right, top, right, bottom, ps.right.width, rgb(ps.right.color)});
  }

  // Floating pictures and text boxes anchored in the paragraph just laid out.
  struct Floating {
    std::shared_ptr<ooxml::Image> image;
    std::shared_ptr<ooxml::TextBox> box;
  };
  std::vector<Floating> floats_pending_;
  // Page geometry for floats: set by the page flow.
  double page_w_ = 595.3, page_h_ = 841.9, margin_l_ = 72, margin_t_ = 72, margin_r_ = 72;
  std::vector<std::pair<Ops, bool>> page_floats_;  // ops in page coordinates (true) or relative to anchor

  void place_floats(Ops& ops, double anchor_y) {
    (void)ops;
    (void)anchor_y;
  }

  // A float's ops in page coordinates, given the top of the paragraph that anchors it.
  Ops float_ops(const Floating& f, double anchor_page_y) {
    Ops ops;
    const ooxml::Image& frame = f.image ? *f.image : f.box->frame;
    double w = f.image ? f.image->width : f.box->width, h = f.image ? f.image->height : f.box->height;
    double x = frame.offset_x, y = frame.offset_y;
    std::string rh = frame.relative_h, rv = frame.relative_v;
    if (rh == "margin" || rh == "column" || rh.empty()) x += margin_l_;
    if (!frame.align_h.empty()) {
      double lo = (rh == "page") ? 0 : margin_l_, hi = (rh == "page") ? page_w_ : page_w_ - margin_r_;
      x = frame.align_h == "right" ? hi - w : frame.align_h == "center" ? (lo + hi - w) / 2 : lo;
    }
    if (rv == "page") {
      // y as given
    } else if (rv == "margin" || rv == "topMargin") {
      y += rv == "margin" ? margin_t_ : 0;
    } else {
      y += anchor_page_y;  // paragraph or line
    }
    if (f.image) {
      ops.pictures.push_back({x, y, w, h, f.image});
    } else {
      Box inner = box_of(f.box->blocks, std::max(10.0, w - 14.4));
      ops.append(inner.ops, x + 7.2, y + 3.6);
    }
    return ops;
  }

  // ---------------------------------------------------------------- tables

  struct Rows {
    std::vector<Line> rows;
    std::vector<bool> header, cant_split;
  };

  static const ooxml::Border& pick(const ooxml::Border& cell, const ooxml::Border& table) {
    return cell.on || !cell.style.empty() ? cell : table;
  }

  Rows table_rows(const ooxml::Table& t, double available) {
    Rows out;
    std::vector<double> grid = t.grid;
    double total = 0;
    for (double g : grid) total += g;
    double left = t.indent;
    if (t.align == ooxml::Table::Center) left = (available - total) / 2;
    if (t.align == ooxml::Table::Right) left = available - total;
    std::vector<double> edges{left};
    for (double g : grid) edges.push_back(edges.back() + g);
    std::size_t nrows = t.rows.size();
    // Column index of each cell, for vertical merges.
    std::vector<std::vector<std::size_t>> starts(nrows);
    for (std::size_t r = 0; r < nrows; ++r) {
      std::size_t col = 0;
      for (const auto& c : t.rows[r].cells) {
        starts[r].push_back(col);
        col += static_cast<std::size_t>(c.span);
      }
    }
    auto merged_below = [&](std::size_t r, std::size_t col) {
      if (r + 1 >= nrows) return false;
      for (std::size_t k = 0; k < t.rows[r + 1].cells.size(); ++k)
        if (starts[r + 1][k] == col) return t.rows[r + 1].cells[k].merge == ooxml::Cell::Continue;
      return false;
    };
    for (std::size_t r = 0; r < nrows; ++r) {
      const ooxml::Row& row = t.rows[r];
      std::vector<Box> boxes;
      double height = row.height;
      for (std::size_t k = 0; k < row.cells.size(); ++k) {
        const ooxml::Cell& c = row.cells[k];
        std::size_t col = std::min(starts[r][k], grid.size());
        std::size_t end = std::min(col + static_cast<std::size_t>(c.span), grid.size());
        double w = edges[end] - edges[col];
        Box b = c.merge == ooxml::Cell::Continue ? Box{} : box_of(c.blocks, std::max(1.0, w - c.margin_left - c.margin_right));
        if (!row.exact_height && c.merge != ooxml::Cell::Restart)
          height = std::max(height, b.height + c.margin_top + c.margin_bottom);
        if (c.merge == ooxml::Cell::Restart) height = std::max(height, std::min(b.height, 14.0));
        boxes.push_back(std::move(b));
      }
      if (row.cells.empty()) height = std::max(height, 12.0);
      // A row's top border takes room of its own, as in LibreOffice and Word.
      double top_border = 0;
      for (const auto& c : row.cells) {
        const ooxml::Border& b = pick(c.borders.top, r == 0 ? t.borders.top : t.inside_h);
        if (b.on) top_border = std::max(top_border, b.width);
      }
      if (!row.exact_height) height += top_border;
      Line line;
      line.height = height;
      Ops& ops = line.ops;
      for (std::size_t k = 0; k < row.cells.size(); ++k) {
        const ooxml::Cell& c = row.cells[k];
        std::size_t col = std::min(starts[r][k], grid.size());
        std::size_t end = std::min(col + static_cast<std::size_t>(c.span), grid.size());
        double x = edges[col], w = edges[end] - edges[col];
        if (c.shading.set) ops.fills.push_back({x, 0, w, height, rgb(c.shading)});
        double dy = c.margin_top;
        if (c.valign == ooxml::Cell::Center) dy = (height - boxes[k].height) / 2;
        if (c.valign == ooxml::Cell::Bottom) dy = height - boxes[k].height - c.margin_bottom;
        ops.append(boxes[k].ops, x + c.margin_left, dy);
        // Borders: the cell's own, else the table's outer or inside lines.
        bool top_edge = r == 0, bottom_edge = r + 1 == nrows, left_edge = col == 0, right_edge = end >= grid.size();
        const ooxml::Border& top = pick(c.borders.top, top_edge ? t.borders.top : t.inside_h);
        const ooxml::Border& bottom = pick(c.borders.bottom, bottom_edge ? t.borders.bottom : t.inside_h);
        const ooxml::Border& lb = pick(c.borders.left, left_edge ? t.borders.left : t.inside_v);
        const ooxml::Border& rb = pick(c.borders.right, right_edge ? t.borders.right : t.inside_v);
        if (top.on && c.merge != ooxml::Cell::Continue) ops.rules.push_back({x, 0, x + w, 0, top.width, rgb(top.color)});
        if (bottom.on && !merged_below(r, col)) ops.rules.push_back({x, height, x + w, height, bottom.width, rgb(bottom.color)});
        if (lb.on) ops.rules.push_back({x, 0, x, height, lb.width, rgb(lb.color)});
        if (rb.on) ops.rules.push_back({x + w, 0, x + w, height, rb.width, rgb(rb.color)});
        for (double cut : boxes[k].cuts) line.cuts.push_back(cut + dy);
      }
      std::sort(line.cuts.begin(), line.cuts.end());
      out.rows.push_back(std::move(line));
      out.header.push_back(row.header);
      out.cant_split.push_back(row.cant_split);
    }
    return out;
  }

  // ---------------------------------------------------------------- pages

  struct SectionState {
    const ooxml::Section* section = nullptr;
    std::size_t first_page = 0;
    int number_start = 1;
  };

  void run(const ooxml::Document& doc) {
    int page_number = 0;
    for (std::size_t si = 0; si < doc.sections.size(); ++si) {
      const ooxml::Section& s = doc.sections[si];
      section_ = &s;
      page_w_ = s.page_width;
      page_h_ = s.page_height;
      margin_l_ = s.margin_left;
      margin_r_ = s.margin_right;
      margin_t_ = s.margin_top;
      std::size_t first = out_.pages.size();
      if (s.page_number_start) page_number = *s.page_number_start - 1;
      new_page(++page_number);
      first_page_in_section_ = true;
      flow(s.blocks, page_number);
      std::size_t count = out_.pages.size() - first;
      for (std::size_t k = first; k < out_.pages.size(); ++k) out_.pages[k].section_pages = static_cast<int>(count);
      page_number = out_.pages.back().number;
      // Headers and footers, now that the pages are known.
      for (std::size_t k = first; k < out_.pages.size(); ++k) draw_header_footer(doc, s, k, k == first);
    }
  }

  void new_page(int number) {
    Page page;
    page.width = section_->page_width;
    page.height = section_->page_height;
    page.number = number;
    out_.pages.push_back(std::move(page));
    // The body starts below the header when the header is taller than the top margin.
    y_ = section_->margin_top;
    double header_bottom = section_->header_distance + header_height(out_.pages.size() == 1 || first_page_in_section_);
    y_ = std::max(y_, header_bottom);
    bottom_ = section_->page_height - section_->margin_bottom;
    double footer_top = section_->page_height - section_->footer_distance - footer_height();
    bottom_ = std::min(bottom_, footer_top);
    at_top_ = true;
  }

  double header_height(bool first) {
    auto hf = first && section_->title_page ? section_->header_first : section_->header_default;
    if (!hf) return 0;
    return box_of(hf->blocks, section_->page_width - section_->margin_left - section_->margin_right).height;
  }
  double footer_height() {
    auto hf = section_->footer_default;
    if (!hf) return 0;
    return box_of(hf->blocks, section_->page_width - section_->margin_left - section_->margin_right).height;
  }

  void draw_header_footer(const ooxml::Document& doc, const ooxml::Section& s, std::size_t page_index, bool first) {
    Page& page = out_.pages[page_index];
    bool even = page.number % 2 == 0;
    auto pick_hf = [&](const std::shared_ptr<ooxml::HeaderFooter>& def, const std::shared_ptr<ooxml::HeaderFooter>& fst,
                       const std::shared_ptr<ooxml::HeaderFooter>& evn) {
      if (first && s.title_page) return fst;
      if (even && doc.even_and_odd_headers && evn) return evn;
      return def;
    };
    double width = s.page_width - s.margin_left - s.margin_right;
    if (auto h = pick_hf(s.header_default, s.header_first, s.header_even)) {
      floats_pending_.clear();
      Box b = box_of(h->blocks, width);
      put(page, b.ops, s.margin_left, s.header_distance);
      put_floats_of(h->blocks, page, s.header_distance);
    }
    if (auto f = pick_hf(s.footer_default, s.footer_first, s.footer_even)) {
      Box b = box_of(f->blocks, width);
      put(page, b.ops, s.margin_left, s.page_height - s.footer_distance - b.height);
    }
  }

  // Floating content anchored in header paragraphs (letterhead logos, text boxes).
  void put_floats_of(const std::vector<ooxml::Block>& blocks, Page& page, double top) {
    for (const auto& b : blocks) {
      if (!b.paragraph) continue;
      for (const auto& in : b.paragraph->content) {
        Floating f;
        if (in.kind == Inline::Picture && in.image && in.image->floating) f.image = in.image;
        else if (in.kind == Inline::Box && in.box) f.box = in.box;
        else continue;
        put(page, float_ops(f, top), 0, 0);
      }
    }
  }

  void put(Page& page, const Ops& ops, double dx, double dy) {
    for (auto f : ops.fills) page.fills.push_back({f.x + dx, f.y + dy, f.w, f.h, f.color});
    for (auto r : ops.rules) page.rules.push_back({r.x1 + dx, r.y1 + dy, r.x2 + dx, r.y2 + dy, r.width, r.color});
    for (auto p : ops.pictures) page.pictures.push_back({p.x + dx, p.y + dy, p.w, p.h, p.image});
    for (auto t : ops.texts) {
      t.x += dx;
      t.baseline += dy;
      page.texts.push_back(t);
    }
    for (auto l : ops.links) page.links.push_back({l.x + dx, l.y + dy, l.w, l.h, l.url, l.anchor});
    for (auto e : ops.outline) {
      OutlineEntry entry = e.first;
      entry.page = out_.pages.size() - 1;
      entry.y = e.second + dy;
      out_.outline.push_back(entry);
    }
    for (auto b : ops.bookmarks) out_.bookmarks.push_back({b.first, out_.pages.size() - 1, b.second + dy});
  }

  void break_page() {
    new_page(out_.pages.back().number + 1);
    first_page_in_section_ = false;
  }

  double body_width() const { return section_->page_width - section_->margin_left - section_->margin_right; }

  void place_line(const Line& l) {
    put(out_.pages.back(), l.ops, section_->margin_left, y_);
    y_ += l.height;
    at_top_ = false;
  }

  // Height of a block's first line, for keep-with-next.
  double first_height(const ooxml::Block& b) {
    if (b.paragraph) {
      floats_pending_.clear();
      auto lines = lines_of(*b.paragraph, body_width());
      floats_pending_.clear();
      return b.paragraph->style.space_before + (lines.empty() ? 0 : lines[0].height);
    }
    if (b.table) {
      auto rows = table_rows(*b.table, body_width());
      return rows.rows.empty() ? 0 : rows.rows[0].height;
    }
    return 0;
  }

  void flow(const std::vector<ooxml::Block>& blocks, int) {
    double pending_after = 0;
    std::string previous_style;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
      const auto& b = blocks[bi];
      if (b.table) {
        y_ += pending_after;
        pending_after = 0;
        flow_table(*b.table);
        previous_style.clear();
        continue;
      }
      if (!b.paragraph) continue;
      const Paragraph& p = *b.paragraph;
      const ParagraphStyle& ps = p.style;
      if (ps.page_break_before && !at_top_) break_page();
      bool contextual = ps.contextual_spacing && ps.style_id == previous_style;
      double before = contextual ? 0 : ps.space_before;
      double gap = at_top_ ? before : (contextual ? 0 : std::max(pending_after, before));
      floats_pending_.clear();
      std::vector<Line> lines = lines_of(p, body_width());
      auto floats = floats_pending_;
      floats_pending_.clear();
      double total = gap;
      for (const auto& l : lines) total += l.height;
      double room = bottom_ - y_;
      // Keep the paragraph's lines together, or with the next paragraph's first line.
      double need = total;
      if (ps.keep_next && bi + 1 < blocks.size()) need += ps.space_after + first_height(blocks[bi + 1]);
      double page_body = bottom_ - (section_->margin_top);
      if (!at_top_ && (ps.keep_lines || ps.keep_next) && need > room && need <= page_body) {
        break_page();
        gap = before;
      }
      y_ += gap;
      if (ps.outline_level >= 0 && ps.outline_level < 9) {
        std::string title = p.text();
        for (auto& c : title)
          if (c == '\t' || c == '\n') c = ' ';
        if (!title.empty()) out_.outline.push_back({title, ps.outline_level, out_.pages.size() - 1, y_});
      }
      for (const auto& name : p.bookmarks) out_.bookmarks.push_back({name, out_.pages.size() - 1, y_});
      std::size_t first_page = out_.pages.size() - 1;
      double first_y = y_, top = y_;
      std::size_t li = 0;
      bool placed_any = false;
      while (li < lines.size()) {
        double space = bottom_ - y_, h = 0;
        std::size_t fit = 0;
        bool forced_break = false;
        while (li + fit < lines.size() && h + lines[li + fit].height <= space + 0.01) {
          h += lines[li + fit].height;
          ++fit;
          if (lines[li + fit - 1].page_break_after) {
            forced_break = true;
            break;
          }
        }
        if (fit == 0) {
          if (at_top_) {
            fit = 1;  // a line taller than a page: place it anyway
          } else {
            break_page();
            top = y_;
            continue;
          }
        } else if (!forced_break && li + fit < lines.size() && ps.widow_control) {
          // Never one line alone at the foot of a page (orphan) or at the head of the next (widow).
          if (li == 0 && fit == 1 && !at_top_) {
            break_page();
            top = y_;
            continue;
          }
          if (lines.size() - li - fit == 1 && fit >= 2) --fit;
        }
        for (std::size_t k = 0; k < fit; ++k) {
          if (!placed_any) {
            first_page = out_.pages.size() - 1;
            first_y = y_;
            placed_any = true;
          }
          place_line(lines[li + k]);
        }
        li += fit;
        bool more = li < lines.size();
        if (forced_break || more) {
          break_page();
          top = y_;
        }
      }
      if (ps.bottom.on || ps.top.on || ps.shading.set) {
        Ops deco;
        decorate_paragraph(p, deco, 0, body_width(), top, y_);
        put(out_.pages.back(), deco, section_->margin_left, 0);
      }
      for (const auto& f : floats) {
        Page& page = out_.pages[first_page];
        Ops fo = float_ops(f, first_y);
        for (auto pic : fo.pictures) page.pictures.push_back(pic);
        for (auto t : fo.texts) page.texts.push_back(t);
        for (auto r : fo.rules) page.rules.push_back(r);
        for (auto fi : fo.fills) page.fills.push_back(fi);
      }
      pending_after = ps.space_after;
      previous_style = ps.style_id;
      if (p.section_break) break;
    }
  }

  void flow_table(const ooxml::Table& t) {
    Rows rows = table_rows(t, body_width());
    std::vector<std::size_t> headers;
    for (std::size_t r = 0; r < rows.rows.size() && rows.header[r]; ++r) headers.push_back(r);
    double header_height = 0;
    for (auto r : headers) header_height += rows.rows[r].height;
    for (std::size_t r = 0; r < rows.rows.size(); ++r) {
      Line row = rows.rows[r];
      bool is_header = r < headers.size();
      double room = bottom_ - y_;
      if (row.height > room + 0.01 && !at_top_) {
        // Rows may break across pages (as in Word) unless marked not to; header rows never do.
        bool fits_a_line = std::any_of(row.cuts.begin(), row.cuts.end(), [&](double c) { return c <= room; });
        bool splittable = !rows.cant_split[r] && !is_header && fits_a_line;
        (void)header_height;
        if (splittable) {
          split_row(row, rows, headers);
          continue;
        }
        break_page();
        if (!is_header)
          for (auto h : headers) place_line(rows.rows[h]);
      } else if (row.height > room + 0.01 && at_top_ && !is_header) {
        split_row(row, rows, headers);
        continue;
      }
      place_line(row);
    }
  }

  // A row taller than the room left: split it at a line boundary and carry the rest over.
  void split_row(Line row, const Rows& rows, const std::vector<std::size_t>& headers) {
    while (true) {
      double room = bottom_ - y_;
      if (row.height <= room + 0.01) {
        place_line(row);
        return;
      }
      double cut = 0;
      for (double c : row.cuts)
        if (c <= room && c > cut) cut = c;
      if (cut <= 0) cut = room;  // no line fits: cut anyway rather than loop
      Line first, rest;
      first.height = cut;
      rest.height = row.height - cut;
      for (const auto& t : row.ops.texts) {
        if (t.baseline <= cut) first.ops.texts.push_back(t);
        else {
          PlacedText moved = t;
          moved.baseline -= cut;
          rest.ops.texts.push_back(moved);
        }
      }
      for (const auto& p : row.ops.pictures) {
        if (p.y + p.h <= cut + 0.01) first.ops.pictures.push_back(p);
        else rest.ops.pictures.push_back({p.x, std::max(0.0, p.y - cut), p.w, p.h, p.image});
      }
      for (const auto& f : row.ops.fills) {
        if (f.y < cut) first.ops.fills.push_back({f.x, f.y, f.w, std::min(f.h, cut - f.y), f.color});
        if (f.y + f.h > cut) rest.ops.fills.push_back({f.x, std::max(0.0, f.y - cut), f.w, f.y + f.h - std::max(f.y, cut), f.color});
      }
      for (const auto& r : row.ops.rules) {
        bool vertical = std::abs(r.x1 - r.x2) < 0.01;
        if (vertical) {
          first.ops.rules.push_back({r.x1, std::min(r.y1, cut), r.x2, std::min(r.y2, cut), r.width, r.color});
          rest.ops.rules.push_back({r.x1, std::max(0.0, r.y1 - cut), r.x2, std::max(0.0, r.y2 - cut), r.width, r.color});
        } else if (r.y1 <= cut) {
          first.ops.rules.push_back(r);
          if (r.y1 < 0.01) rest.ops.rules.push_back(r);  // the top border again on the next page
        } else {
          rest.ops.rules.push_back({r.x1, r.y1 - cut, r.x2, r.y2 - cut, r.width, r.color});
        }
      }
      for (double c : row.cuts)
        if (c > cut) rest.cuts.push_back(c - cut);
      place_line(first);
      break_page();
      for (auto h : headers) place_line(rows.rows[h]);
      row = rest;
    }
  }

 private:
  FontBook& fonts_;
  Layout& out_;
  const ooxml::Section* section_ = nullptr;
  double y_ = 0, bottom_ = 0;
  bool at_top_ = true, first_page_in_section_ = true;
};

}  // namespace

Layout lay_out(const ooxml::Document& doc, FontBook& fonts) {
  Layout out;
  fonts.begin_document();
  Engine engine(fonts, out);
  engine.run(doc);
  for (const auto& u : doc.unsupported) out.warnings.insert(u);
  for (const auto& [asked, used] : fonts.substitutions())
    out.warnings.insert("the font '" + asked + "' is not installed; '" + used + "' is used instead");
  return out;
}

}  // namespace reviewkit::layout
