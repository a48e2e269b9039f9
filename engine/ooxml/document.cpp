// Why this file is over 700 lines: it is one class, the Reader, whose parts (styles, numbering,
#include "common/text.hpp"
// inlines, drawings, tables, sections) share its state — the resolved styles, the numbering
// counters, the relationships of each part. The XML helpers and the paragraph numbering are
// already their own file (xml.cpp), and the text walk another (walk.cpp); splitting the Reader
// further waits for issue 18, which has the layout read the filled model directly.
#include "document.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>

#include "common/numbers.hpp"
#include "ooxml/xml.hpp"
#include "common/utf8.hpp"

namespace reviewkit::ooxml {

namespace {

double number(const std::string& s, double fallback = 0) {
  return parse_decimal(s).value_or(fallback);
}

// On/off properties: <w:b/>, <w:b w:val="0"/>, w:val="false"/"off".
bool on(const xmlNode* n) {
  std::string v = attr(n, "val");
  return v.empty() || (v != "0" && v != "false" && v != "off" && v != "none");
}

double twips(const std::string& s, double fallback = 0) { return number(s, fallback * 20) / 20.0; }

Border read_border(const xmlNode* n);

// A tblBorders or tcBorders element (left/right may be written start/end).
void read_borders(const xmlNode* b, CellBorders& out, Border* inside_h = nullptr, Border* inside_v = nullptr) {
  if (!b) return;
  if (const xmlNode* x = child(b, "top")) out.top = read_border(x);
  if (const xmlNode* x = child(b, "bottom")) out.bottom = read_border(x);
  if (const xmlNode* x = child(b, "left")) out.left = read_border(x);
  if (const xmlNode* x = child(b, "start")) out.left = read_border(x);
  if (const xmlNode* x = child(b, "right")) out.right = read_border(x);
  if (const xmlNode* x = child(b, "end")) out.right = read_border(x);
  if (inside_h)
    if (const xmlNode* x = child(b, "insideH")) *inside_h = read_border(x);
  if (inside_v)
    if (const xmlNode* x = child(b, "insideV")) *inside_v = read_border(x);
}

Border read_border(const xmlNode* n) {
  Border b;
  if (!n) return b;
  b.style = attr(n, "val");
  b.on = !b.style.empty() && b.style != "nil" && b.style != "none";
  b.width = number(attr(n, "sz"), 4) / 8.0;
  b.space = number(attr(n, "space"));
  if (auto c = Color::parse(attr(n, "color"))) b.color = *c;
  return b;
}

}  // namespace

std::optional<Color> Color::parse(const std::string& hex) {
  if (hex.size() != 6 || hex == "auto") return std::nullopt;
  auto r = parse_integer<unsigned char>(std::string_view(hex).substr(0, 2), 16);
  auto g = parse_integer<unsigned char>(std::string_view(hex).substr(2, 2), 16);
  auto b = parse_integer<unsigned char>(std::string_view(hex).substr(4, 2), 16);
  if (!r || !g || !b) return std::nullopt;
  return Color{*r, *g, *b, true};
}

std::string Place::text() const {
  std::string out = part + " \xC2\xB6" + std::to_string(paragraph);
  if (row > 0) out += " (table row " + std::to_string(row) + ", cell " + std::to_string(cell) + ")";
  return out;
}

std::string Paragraph::text() const {
  std::string out;
  for (const auto& i : content) {
    switch (i.kind) {
      case Inline::Text:
      case Inline::Field: out += i.text; break;
      case Inline::Tab: out += '\t'; break;
      case Inline::LineBreak: out += '\n'; break;
      default: break;
    }
  }
  return out;
}

std::vector<const Paragraph*> Document::paragraphs() const {
  std::vector<const Paragraph*> out;
  std::function<void(const std::vector<Block>&)> walk = [&](const std::vector<Block>& blocks) {
    for (const auto& b : blocks) {
      if (b.paragraph) {
        out.push_back(b.paragraph.get());
        for (const auto& i : b.paragraph->content)
          if (i.box) walk(i.box->blocks);
      }
      if (b.table)
        for (const auto& row : b.table->rows)
          for (const auto& cell : row.cells) walk(cell.blocks);
    }
  };
  for (const auto& s : sections) walk(s.blocks);
  return out;
}

namespace {

std::string highlight_hex(const std::string& name) {
  static const std::map<std::string, std::string> colours = {
      {"yellow", "FFFF00"}, {"green", "00FF00"},     {"cyan", "00FFFF"},     {"magenta", "FF00FF"},
      {"blue", "0000FF"},   {"red", "FF0000"},       {"darkBlue", "000080"}, {"darkCyan", "008080"},
      {"darkGreen", "008000"}, {"darkMagenta", "800080"}, {"darkRed", "800000"}, {"darkYellow", "808000"},
      {"darkGray", "808080"},  {"lightGray", "C0C0C0"},  {"black", "000000"},  {"white", "FFFFFF"}};
  auto it = colours.find(name);
  return it == colours.end() ? "" : it->second;
}

struct StyleDef {
  std::string type, based_on;
  const xmlNode* ppr = nullptr;
  const xmlNode* rpr = nullptr;
  const xmlNode* tblpr = nullptr;
  int num_id = -1, level = 0;
};

struct Level {
  std::string format = "decimal", text = "%1.";
  int start = 1;
  const xmlNode* ppr = nullptr;
  const xmlNode* rpr = nullptr;
  int restart = -1;  // lvlRestart
};

class Reader {
 public:
  Reader(const Package& p, const std::string& file, Diagnostics& d) : pkg_(p), file_(file), diags_(d) {}

  std::optional<Document> run() {
    if (!load("word/document.xml", document_xml_)) return std::nullopt;
    numbers_ = paragraph_numbers(xmlDocGetRootElement(document_xml_.get()));
    load_optional("word/styles.xml", styles_xml_);
    load_optional("word/numbering.xml", numbering_xml_);
    load_optional("word/theme/theme1.xml", theme_xml_);
    load_optional("word/settings.xml", settings_xml_);
    read_rels("word/_rels/document.xml.rels", rels_);
    read_theme();
    read_styles();
    read_numbering();
    Document doc;
    if (settings_xml_) doc.even_and_odd_headers = child(xmlDocGetRootElement(settings_xml_.get()), "evenAndOddHeaders") != nullptr;
    read_core(doc);
    const xmlNode* body = child(xmlDocGetRootElement(document_xml_.get()), "body");
    if (!body) {
      diags_.error(Location{file_, 0, 0, "word/document.xml", {}, 0}, "the document has no body",
                   "open it in Word and save it again");
      return std::nullopt;
    }
    Section current;
    std::vector<Block> blocks;
    read_blocks(body, blocks, &doc, &current, "word/document.xml");
    current.blocks = std::move(blocks);
    if (const xmlNode* sect = child(body, "sectPr")) read_section(sect, current);
    doc.sections.push_back(std::move(current));
    read_notes("word/footnotes.xml", "footnote", doc.footnotes);
    read_notes("word/endnotes.xml", "endnote", doc.endnotes);
    doc.unsupported = unsupported_;
    return doc;
  }

  // Footnotes or endnotes, each note's paragraphs with their places (Word's separator "notes",
  // the lines above the notes, are not notes).
  void read_notes(const std::string& part, const char* element, std::vector<Block>& out) {
    if (!pkg_.has(part)) return;
    auto xml = parse_xml(pkg_.read(part));
    if (!xml) return;  // the body can still be shown; the walk reports a damaged part
    const xmlNode* root = xmlDocGetRootElement(xml.get());
    numbers_.merge(paragraph_numbers(root));
    for (const xmlNode* note : children(root, element)) {
      std::string type = attr(note, "type");
      if (type == "separator" || type == "continuationSeparator" || type == "continuationNotice") continue;
      read_blocks(note, out, nullptr, nullptr, part);
    }
    header_docs_.push_back(std::move(xml));
  }

 private:
  bool load(const std::string& part, XmlDocPtr& out) {
    if (!pkg_.has(part)) {
      diags_.error(Location{file_, 0, 0, part, {}, 0}, "the document has no " + part, "save it from Word as a .docx");
      return false;
    }
    out = parse_xml(pkg_.read(part));
    if (!out) {
      diags_.error(Location{file_, 0, 0, part, {}, 0}, xml_problem(), "open it in Word and save it again");
      return false;
    }
    return true;
  }

  void load_optional(const std::string& part, XmlDocPtr& out) {
    if (pkg_.has(part)) out = parse_xml(pkg_.read(part));
  }

  void read_rels(const std::string& part, std::map<std::string, std::pair<std::string, std::string>>& out) {
    if (!pkg_.has(part)) return;
    auto doc = parse_xml(pkg_.read(part));
    if (!doc) return;
    for (const xmlNode* r : children(xmlDocGetRootElement(doc.get()), "Relationship"))
      out[attr(r, "Id")] = {attr(r, "Target"), attr(r, "TargetMode")};
  }

  void read_theme() {
    if (!theme_xml_) return;
    std::function<void(const xmlNode*)> walk = [&](const xmlNode* n) {
      for (const xmlNode* c : children(n)) {
        if (is(c, "majorFont")) major_font_ = attr(child(c, "latin"), "typeface");
        else if (is(c, "minorFont")) minor_font_ = attr(child(c, "latin"), "typeface");
        else walk(c);
      }
    };
    walk(xmlDocGetRootElement(theme_xml_.get()));
  }

  void read_styles() {
    if (!styles_xml_) return;
    const xmlNode* root = xmlDocGetRootElement(styles_xml_.get());
    if (const xmlNode* defaults = child(root, "docDefaults")) {
      default_rpr_ = child(child(defaults, "rPrDefault"), "rPr");
      default_ppr_ = child(child(defaults, "pPrDefault"), "pPr");
    }
    for (const xmlNode* s : children(root, "style")) {
      StyleDef def;
      def.type = attr(s, "type");
      def.based_on = attr(child(s, "basedOn"), "val");
      def.ppr = child(s, "pPr");
      def.rpr = child(s, "rPr");
      def.tblpr = child(s, "tblPr");
      std::string id = attr(s, "styleId");
      if (def.ppr)
        if (const xmlNode* num = child(def.ppr, "numPr")) {
          def.num_id = static_cast<int>(number(attr(child(num, "numId"), "val"), -1));
          def.level = static_cast<int>(number(attr(child(num, "ilvl"), "val"), 0));
        }
      if (attr(s, "default") == "1" || attr(s, "default") == "true") {
        if (def.type == "paragraph") default_paragraph_style_ = id;
        if (def.type == "table") default_table_style_ = id;
      }
      styles_[id] = def;
    }
  }

  void read_numbering() {
    if (!numbering_xml_) return;
    const xmlNode* root = xmlDocGetRootElement(numbering_xml_.get());
    std::map<std::string, std::map<int, Level>> abstract;
    for (const xmlNode* a : children(root, "abstractNum")) {
      auto& levels = abstract[attr(a, "abstractNumId")];
      for (const xmlNode* l : children(a, "lvl")) {
        Level lv;
        int ilvl = static_cast<int>(number(attr(l, "ilvl")));
        lv.start = static_cast<int>(number(attr(child(l, "start"), "val"), 1));
        if (const xmlNode* f = child(l, "numFmt")) lv.format = attr(f, "val");
        if (const xmlNode* t = child(l, "lvlText")) lv.text = attr(t, "val");
        if (const xmlNode* r = child(l, "lvlRestart")) lv.restart = static_cast<int>(number(attr(r, "val"), -1));
        lv.ppr = child(l, "pPr");
        lv.rpr = child(l, "rPr");
        levels[ilvl] = lv;
      }
    }
    for (const xmlNode* n : children(root, "num")) {
      int id = static_cast<int>(number(attr(n, "numId")));
      auto& levels = nums_[id];
      levels = abstract[attr(child(n, "abstractNumId"), "val")];
      abstract_of_[id] = attr(child(n, "abstractNumId"), "val");
      for (const xmlNode* o : children(n, "lvlOverride")) {
        int ilvl = static_cast<int>(number(attr(o, "ilvl")));
        if (const xmlNode* s = child(o, "startOverride")) {
          levels[ilvl].start = static_cast<int>(number(attr(s, "val"), 1));
          restart_[id].insert(ilvl);
        }
        if (const xmlNode* l = child(o, "lvl")) {
          if (const xmlNode* f = child(l, "numFmt")) levels[ilvl].format = attr(f, "val");
          if (const xmlNode* t = child(l, "lvlText")) levels[ilvl].text = attr(t, "val");
        }
      }
    }
  }

  void read_core(Document& doc) {
    if (!pkg_.has("docProps/core.xml")) return;
    auto core = parse_xml(pkg_.read("docProps/core.xml"));
    if (!core) return;
    for (const xmlNode* c : children(xmlDocGetRootElement(core.get()))) {
      if (is(c, "title")) doc.title = text_of(c);
      else if (is(c, "subject")) doc.subject = text_of(c);
      else if (is(c, "creator")) doc.creator = text_of(c);
      else if (is(c, "keywords")) doc.keywords = text_of(c);
      else if (is(c, "description")) doc.description = text_of(c);
    }
  }

  // ------------------------------------------------------------------ properties

  void apply_rpr(const xmlNode* rpr, RunStyle& s) {
    if (!rpr) return;
    for (const xmlNode* c : children(rpr)) {
      if (is(c, "rFonts")) {
        std::string f = attr(c, "ascii");
        if (f.empty()) f = attr(c, "hAnsi");
        std::string theme = attr(c, "asciiTheme");
        if (f.empty() && !theme.empty()) f = theme.rfind("major", 0) == 0 ? major_font_ : minor_font_;
        if (!f.empty()) s.font = f;
      } else if (is(c, "sz")) {
        s.size = number(attr(c, "val"), s.size * 2) / 2.0;
      } else if (is(c, "b")) {
        s.bold = on(c);
      } else if (is(c, "i")) {
        s.italic = on(c);
      } else if (is(c, "u")) {
        s.underline = attr(c, "val") != "none";
      } else if (is(c, "strike") || is(c, "dstrike")) {
        s.strike = on(c);
      } else if (is(c, "caps")) {
        s.caps = on(c);
      } else if (is(c, "smallCaps")) {
        s.small_caps = on(c);
      } else if (is(c, "vanish")) {
        s.hidden = on(c);
      } else if (is(c, "color")) {
        if (auto col = Color::parse(attr(c, "val"))) s.color = *col;
      } else if (is(c, "highlight")) {
        if (auto col = Color::parse(highlight_hex(attr(c, "val")))) s.highlight = *col;
      } else if (is(c, "shd")) {
        if (auto col = Color::parse(attr(c, "fill"))) s.shading = *col;
      } else if (is(c, "kern")) {
        s.kern = number(attr(c, "val")) / 2.0;
      } else if (is(c, "vertAlign")) {
        std::string v = attr(c, "val");
        s.superscript = v == "superscript";
        s.subscript = v == "subscript";
      }
    }
  }

  void apply_ppr(const xmlNode* ppr, ParagraphStyle& s) {
    if (!ppr) return;
    for (const xmlNode* c : children(ppr)) {
      if (is(c, "jc")) {
        std::string v = attr(c, "val");
        s.align = (v == "center") ? ParagraphStyle::Center
                  : (v == "right" || v == "end") ? ParagraphStyle::Right
                  : (v == "both" || v == "distribute") ? ParagraphStyle::Justify
                                                        : ParagraphStyle::Left;
      } else if (is(c, "ind")) {
        std::string left = attr(c, "left").empty() ? attr(c, "start") : attr(c, "left");
        std::string right = attr(c, "right").empty() ? attr(c, "end") : attr(c, "right");
        if (!left.empty()) s.indent_left = twips(left);
        if (!right.empty()) s.indent_right = twips(right);
        if (!attr(c, "hanging").empty()) s.indent_first = -twips(attr(c, "hanging"));
        else if (!attr(c, "firstLine").empty()) s.indent_first = twips(attr(c, "firstLine"));
      } else if (is(c, "spacing")) {
        if (!attr(c, "before").empty()) s.space_before = twips(attr(c, "before"));
        if (!attr(c, "after").empty()) s.space_after = twips(attr(c, "after"));
        if (attr(c, "beforeAutospacing") == "1") s.space_before = 14;
        if (attr(c, "afterAutospacing") == "1") s.space_after = 14;
        if (!attr(c, "line").empty()) {
          std::string rule = attr(c, "lineRule");
          double v = number(attr(c, "line"), 240);
          if (rule == "exact") {
            s.line_rule = ParagraphStyle::Exact;
            s.line = v / 20.0;
          } else if (rule == "atLeast") {
            s.line_rule = ParagraphStyle::AtLeast;
            s.line = v / 20.0;
          } else {
            s.line_rule = ParagraphStyle::Auto;
            s.line = v / 240.0;
          }
        }
      } else if (is(c, "contextualSpacing")) {
        s.contextual_spacing = on(c);
      } else if (is(c, "keepNext")) {
        s.keep_next = on(c);
      } else if (is(c, "keepLines")) {
        s.keep_lines = on(c);
      } else if (is(c, "pageBreakBefore")) {
        s.page_break_before = on(c);
      } else if (is(c, "widowControl")) {
        s.widow_control = on(c);
      } else if (is(c, "outlineLvl")) {
        s.outline_level = static_cast<int>(number(attr(c, "val"), -1));
      } else if (is(c, "tabs")) {
        for (const xmlNode* t : children(c, "tab")) {
          TabStop tab;
          std::string v = attr(t, "val");
          tab.position = twips(attr(t, "pos"));
          tab.kind = v == "center" ? TabStop::Center : v == "right" || v == "end" ? TabStop::Right
                   : v == "decimal" ? TabStop::Decimal : v == "bar" ? TabStop::Bar : v == "clear" ? TabStop::Clear
                                                                                            : TabStop::Left;
          std::string leader = attr(t, "leader");
          tab.leader = leader == "dot" ? '.' : leader == "hyphen" ? '-' : leader == "underscore" ? '_' : 0;
          // A clear removes an inherited stop at that position.
          s.tabs.erase(std::remove_if(s.tabs.begin(), s.tabs.end(),
                                      [&](const TabStop& x) { return std::abs(x.position - tab.position) < 0.5; }),
                       s.tabs.end());
          if (tab.kind != TabStop::Clear) s.tabs.push_back(tab);
        }
        std::sort(s.tabs.begin(), s.tabs.end(), [](const TabStop& a, const TabStop& b) { return a.position < b.position; });
      } else if (is(c, "pBdr")) {
        if (const xmlNode* b = child(c, "top")) s.top = read_border(b);
        if (const xmlNode* b = child(c, "bottom")) s.bottom = read_border(b);
        if (const xmlNode* b = child(c, "left")) s.left = read_border(b);
        if (const xmlNode* b = child(c, "right")) s.right = read_border(b);
        if (const xmlNode* b = child(c, "between")) s.between = read_border(b);
      } else if (is(c, "shd")) {
        if (auto col = Color::parse(attr(c, "fill"))) s.shading = *col;
      } else if (is(c, "numPr")) {
        if (const xmlNode* id = child(c, "numId")) s.num_id = static_cast<int>(number(attr(id, "val")));
        if (const xmlNode* l = child(c, "ilvl")) s.level = static_cast<int>(number(attr(l, "val")));
      }
    }
  }

  // The chain of a style, base first.
  std::vector<const StyleDef*> chain(const std::string& id) {
    std::vector<const StyleDef*> out;
    std::string at = id;
    for (int guard = 0; !at.empty() && guard < 20; ++guard) {
      auto it = styles_.find(at);
      if (it == styles_.end()) break;
      out.insert(out.begin(), &it->second);
      at = it->second.based_on;
    }
    return out;
  }

  RunStyle base_run() {
    RunStyle s;
    apply_rpr(default_rpr_, s);
    return s;
  }

  // ------------------------------------------------------------------ numbering

  std::string format_number(int n, const std::string& fmt) {
    if (fmt == "lowerLetter" || fmt == "upperLetter") {
      std::string out;
      int k = std::max(n, 1);
      char base = fmt == "lowerLetter" ? 'a' : 'A';
      out = std::string(static_cast<std::size_t>((k - 1) / 26 + 1), static_cast<char>(base + (k - 1) % 26));
      return out;
    }
    if (fmt == "lowerRoman" || fmt == "upperRoman") {
      static const std::pair<int, const char*> romans[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                           {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                           {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
      std::string out;
      int k = n;
      for (const auto& [v, s] : romans)
        while (k >= v) {
          out += s;
          k -= v;
        }
      if (fmt == "upperRoman")
        for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return out;
    }
    if (fmt == "decimalZero") return (n < 10 ? "0" : "") + std::to_string(n);
    if (fmt == "none") return "";
    if (fmt == "ordinal") {
      return ordinal(n);
    }
    return std::to_string(n);
  }

  // The label of a numbered paragraph, counting as Word does: a list (abstract numbering) keeps
  // its counters across the nums that share it unless a num restarts it.
  void number_paragraph(Paragraph& p) {
    int id = p.style.num_id, level = p.style.level;
    auto it = nums_.find(id);
    if (id <= 0 || it == nums_.end() || !it->second.count(level)) return;
    const auto& levels = it->second;
    std::string list = abstract_of_[id];
    auto& counters = counters_[list];
    if (!started_nums_.count(id)) {
      started_nums_.insert(id);
      for (int l : restart_[id]) counters.erase(l);
    }
    int start = levels.at(level).start;
    counters[level] = counters.count(level) ? counters[level] + 1 : start;
    for (auto c = counters.begin(); c != counters.end();) {
      if (c->first > level) c = counters.erase(c);
      else ++c;
    }
    const Level& lv = levels.at(level);
    std::string label;
    if (lv.format == "bullet") {
      label = lv.text;
    } else {
      for (std::size_t i = 0; i < lv.text.size(); ++i) {
        if (lv.text[i] == '%' && i + 1 < lv.text.size() && std::isdigit(static_cast<unsigned char>(lv.text[i + 1]))) {
          int l = lv.text[i + 1] - '1';
          int value = counters.count(l) ? counters[l] : (levels.count(l) ? levels.at(l).start : 1);
          std::string fmt = levels.count(l) ? levels.at(l).format : "decimal";
          label += format_number(value, fmt);
          ++i;
        } else {
          label += lv.text[i];
        }
      }
    }
    p.label = label;
    p.label_style = p.mark;
    apply_rpr(lv.rpr, p.label_style);
    p.label_style.underline = false;
    // Symbol-font bullets Word writes as private-use characters.
    if (lv.format == "bullet") {
      std::string f = p.label_style.font;
      if (f == "Symbol" || f == "Wingdings" || label == "\xEF\x82\xB7" || label == "\xEF\x82\xA7") {
        p.label = label == "\xEF\x82\xA7" ? "\xE2\x96\xAA" : "\xE2\x80\xA2";
        p.label_style.font = p.mark.font;
      } else if (label == "o") {
        p.label = "\xE2\x97\xA6";
        p.label_style.font = p.mark.font;
      }
    }
  }

  // ------------------------------------------------------------------ blocks

  void read_blocks(const xmlNode* parent, std::vector<Block>& out, Document* doc, Section* section,
                   const std::string& part, const std::string& table_style = {}) {
    for (const xmlNode* c : children(parent)) {
      if (is(c, "p")) {
        auto p = read_paragraph(c, part, table_style);
        bool ends_section = false;
        const xmlNode* sect = child(child(c, "pPr"), "sectPr");
        if (sect && doc && section) ends_section = true;
        out.push_back({p, nullptr});
        if (ends_section) {
          p->section_break = true;
          read_section(sect, *section);
          section->blocks = std::move(out);
          doc->sections.push_back(std::move(*section));
          *section = Section{};
          out.clear();
        }
      } else if (is(c, "tbl")) {
        out.push_back({nullptr, read_table(c, part)});
      } else if (is(c, "sdt")) {
        read_blocks(child(c, "sdtContent"), out, doc, section, part, table_style);
      } else if (is(c, "customXml") || is(c, "ins") || is(c, "smartTag")) {
        read_blocks(c, out, doc, section, part, table_style);
      } else if (is(c, "AlternateContent")) {
        const xmlNode* choice = child(c, "Choice");
        read_blocks(choice ? choice : child(c, "Fallback"), out, doc, section, part, table_style);
      }
    }
  }

  std::shared_ptr<Paragraph> read_paragraph(const xmlNode* p, const std::string& part, const std::string& table_style) {
    auto para = std::make_shared<Paragraph>();
    auto numbered = numbers_.find(p);
    para->where = Place{part, numbered == numbers_.end() ? 0 : numbered->second, row_, cell_};
    const xmlNode* ppr = child(p, "pPr");
    std::string style_id = attr(child(ppr, "pStyle"), "val");
    if (style_id.empty()) style_id = default_paragraph_style_;
    para->style.style_id = style_id;
    para->mark = base_run();
    apply_ppr(default_ppr_, para->style);
    // Table style paragraph properties come under the paragraph style's.
    for (const StyleDef* s : chain(table_style)) {
      apply_ppr(s->ppr, para->style);
      apply_rpr(s->rpr, para->mark);
    }
    int style_num = -1, style_level = 0;
    for (const StyleDef* s : chain(style_id)) {
      apply_ppr(s->ppr, para->style);
      apply_rpr(s->rpr, para->mark);
      if (s->num_id >= 0) {
        style_num = s->num_id;
        style_level = s->level;
      }
    }
    if (style_num >= 0 && para->style.num_id == 0) {
      para->style.num_id = style_num;
      para->style.level = style_level;
    }
    // Numbering's own indents come before the paragraph's direct formatting.
    int direct_num = -1;
    if (const xmlNode* num = child(ppr, "numPr")) direct_num = static_cast<int>(number(attr(child(num, "numId"), "val"), -1));
    int num_id = direct_num >= 0 ? direct_num : para->style.num_id;
    int level = child(child(ppr, "numPr"), "ilvl") ? static_cast<int>(number(attr(child(child(ppr, "numPr"), "ilvl"), "val")))
                                                    : para->style.level;
    if (num_id > 0 && nums_.count(num_id) && nums_[num_id].count(level)) apply_ppr(nums_[num_id][level].ppr, para->style);
    apply_ppr(ppr, para->style);
    apply_rpr(child(ppr, "rPr"), para->mark);
    para->style.num_id = num_id;
    para->style.level = level;
    RunStyle run_base = para->mark;
    // The paragraph mark's own rPr applies to the mark only; runs start from the styles.
    run_base = base_run();
    for (const StyleDef* s : chain(table_style)) apply_rpr(s->rpr, run_base);
    for (const StyleDef* s : chain(style_id)) apply_rpr(s->rpr, run_base);
    FieldState field;
    read_inlines(p, *para, run_base, part, {}, field);
    number_paragraph(*para);
    return para;
  }

  struct FieldState {
    int depth = 0;
    bool in_result = false;
    std::string instruction;
    bool simple_page_field = false;
  };

  void read_inlines(const xmlNode* parent, Paragraph& para, const RunStyle& base, const std::string& part,
                    const std::pair<std::string, std::string>& link, FieldState& field) {
    for (const xmlNode* c : children(parent)) {
      if (is(c, "r")) {
        read_run(c, para, base, part, link, field);
      } else if (is(c, "hyperlink")) {
        std::pair<std::string, std::string> target = link;
        std::string id = attr(c, "id");
        if (!id.empty()) {
          auto& rels = rels_for(part);
          if (rels.count(id)) target.first = rels[id].first;
        }
        if (!attr(c, "anchor").empty()) target.second = attr(c, "anchor");
        read_inlines(c, para, base, part, target, field);
      } else if (is(c, "fldSimple")) {
        std::string instr = attr(c, "instr");
        std::string name = field_name(instr);
        if (name == "PAGE" || name == "NUMPAGES" || name == "SECTIONPAGES") {
          Inline i;
          i.kind = Inline::Field;
          i.field = name;
          i.style = base;
          if (const xmlNode* r = child(c, "r")) apply_rpr(child(r, "rPr"), i.style);
          i.text = "1";
          para.content.push_back(i);
        } else {
          read_inlines(c, para, base, part, link, field);
        }
      } else if (is(c, "ins") || is(c, "smartTag") || is(c, "customXml") || is(c, "sdt") || is(c, "sdtContent") ||
                 is(c, "moveTo")) {
        read_inlines(c, para, base, part, link, field);
      } else if (is(c, "bookmarkStart")) {
        std::string name = attr(c, "name");
        if (!name.empty() && name[0] != '_') para.bookmarks.push_back(name);
      } else if (is(c, "oMath") || is(c, "oMathPara")) {
        unsupported_.insert("equations");
      }
      // w:del, w:moveFrom, w:proofErr, w:bookmarkEnd, w:commentRangeStart: nothing to show.
    }
  }

  static std::string field_name(const std::string& instr) {
    std::size_t a = instr.find_first_not_of(' ');
    if (a == std::string::npos) return {};
    std::size_t b = instr.find(' ', a);
    std::string name = instr.substr(a, b == std::string::npos ? std::string::npos : b - a);
    for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return name;
  }

  std::map<std::string, std::pair<std::string, std::string>>& rels_for(const std::string& part) {
    if (part == "word/document.xml") return rels_;
    auto it = part_rels_.find(part);
    if (it != part_rels_.end()) return it->second;
    auto slash = part.rfind('/');
    read_rels(part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels", part_rels_[part]);
    return part_rels_[part];
  }

  void read_run(const xmlNode* r, Paragraph& para, const RunStyle& base, const std::string& part,
                const std::pair<std::string, std::string>& link, FieldState& field) {
    RunStyle style = base;
    const xmlNode* rpr = child(r, "rPr");
    std::string char_style = attr(child(rpr, "rStyle"), "val");
    for (const StyleDef* s : chain(char_style)) apply_rpr(s->rpr, style);
    apply_rpr(rpr, style);
    auto push = [&](Inline i) {
      i.style = style;
      i.link = link.first;
      i.anchor = link.second;
      para.content.push_back(std::move(i));
    };
    for (const xmlNode* c : children(r)) {
      if (is(c, "fldChar")) {
        std::string type = attr(c, "fldCharType");
        if (type == "begin") {
          ++field.depth;
          field.instruction.clear();
          field.in_result = false;
        } else if (type == "separate") {
          field.in_result = true;
          std::string name = field_name(field.instruction);
          if (name == "PAGE" || name == "NUMPAGES" || name == "SECTIONPAGES") {
            Inline i;
            i.kind = Inline::Field;
            i.field = name;
            i.text = "1";
            push(i);
            field.simple_page_field = true;
          }
        } else if (type == "end") {
          if (field.depth > 0) --field.depth;
          field.in_result = false;
          field.simple_page_field = false;
        }
        continue;
      }
      if (is(c, "instrText")) {
        field.instruction += text_of(c);
        continue;
      }
      // Inside a field's code (before separate) nothing shows; a page field's cached result is
      // replaced by the number itself.
      if (field.depth > 0 && (!field.in_result || field.simple_page_field)) continue;
      if (style.hidden) continue;
      if (is(c, "t")) {
        Inline i;
        i.text = text_of(c);
        if (style.caps) i.text = change_case(i.text, LetterCase::Upper);
        push(i);
      } else if (is(c, "tab") || is(c, "ptab")) {
        Inline i;
        i.kind = Inline::Tab;
        push(i);
      } else if (is(c, "br") || is(c, "cr")) {
        Inline i;
        std::string type = attr(c, "type");
        i.kind = type == "page" ? Inline::PageBreak : type == "column" ? Inline::ColumnBreak : Inline::LineBreak;
        push(i);
      } else if (is(c, "noBreakHyphen")) {
        Inline i;
        i.text = "\xE2\x80\x91";
        push(i);
      } else if (is(c, "sym")) {
        Inline i;
        i.text = "\xE2\x80\xA2";
        push(i);
        unsupported_.insert("symbol characters");
      } else if (is(c, "drawing")) {
        read_drawing(c, para, style, part);
      } else if (is(c, "pict")) {
        read_pict(c, para, style, part);
      } else if (is(c, "AlternateContent")) {
        const xmlNode* choice = child(c, "Choice");
        const xmlNode* drawing = choice ? child(choice, "drawing") : nullptr;
        if (drawing) read_drawing(drawing, para, style, part);
        else if (const xmlNode* fb = child(c, "Fallback")) read_pict(child(fb, "pict"), para, style, part);
      } else if (is(c, "object")) {
        unsupported_.insert("embedded objects");
      }
    }
  }

  std::shared_ptr<Image> image_from_blip(const xmlNode* blip_holder, const std::string& part) {
    const xmlNode* blip = descendant(blip_holder, "blip");
    if (!blip) blip = descendant(blip_holder, "imagedata");
    if (!blip) return nullptr;
    std::string id = attr(blip, "embed");
    if (id.empty()) id = attr(blip, "id");
    auto& rels = rels_for(part);
    if (!rels.count(id)) return nullptr;
    std::string target = rels[id].first;
    std::string base = part.substr(0, part.rfind('/') + 1);
    std::string path = target.rfind("/", 0) == 0 ? target.substr(1) : base + target;
    // Resolve "../" in targets.
    std::vector<std::string> segs;
    std::size_t at = 0;
    while (at <= path.size()) {
      std::size_t slash = path.find('/', at);
      std::string seg = path.substr(at, slash == std::string::npos ? std::string::npos : slash - at);
      if (seg == "..") {
        if (!segs.empty()) segs.pop_back();
      } else if (!seg.empty() && seg != ".") {
        segs.push_back(seg);
      }
      if (slash == std::string::npos) break;
      at = slash + 1;
    }
    path.clear();
    for (const auto& s : segs) path += (path.empty() ? "" : "/") + s;
    if (!pkg_.has(path)) return nullptr;
    auto img = std::make_shared<Image>();
    img->part = path;
    img->bytes = pkg_.read(path);
    return img;
  }

  void read_drawing(const xmlNode* drawing, Paragraph& para, const RunStyle& style, const std::string& part) {
    for (const xmlNode* d : children(drawing)) {
      bool anchored = is(d, "anchor");
      if (!anchored && !is(d, "inline")) continue;
      const xmlNode* extent = child(d, "extent");
      double w = number(attr(extent, "cx")) / 12700.0, h = number(attr(extent, "cy")) / 12700.0;
      // A text box (wps:txbx) or a picture.
      Inline i;
      i.style = style;
      if (const xmlNode* box = descendant(d, "txbxContent")) {
        auto tb = std::make_shared<TextBox>();
        tb->width = w;
        tb->height = h;
        read_blocks(box, tb->blocks, nullptr, nullptr, part);
        read_anchor(d, tb->frame, anchored);
        tb->frame.width = w;
        tb->frame.height = h;
        i.kind = Inline::Box;
        i.box = tb;
        para.content.push_back(i);
        continue;
      }
      auto img = image_from_blip(d, part);
      if (!img) {
        unsupported_.insert("drawings and shapes");
        continue;
      }
      img->width = w;
      img->height = h;
      if (const xmlNode* pr = child(d, "docPr")) img->description = attr(pr, "descr");
      read_anchor(d, *img, anchored);
      i.kind = Inline::Picture;
      i.image = img;
      para.content.push_back(i);
    }
  }

  void read_anchor(const xmlNode* d, Image& img, bool anchored) {
    img.floating = anchored;
    if (!anchored) return;
    img.behind_text = attr(d, "behindDoc") == "1";
    img.wrap_none = child(d, "wrapNone") != nullptr || child(d, "wrapTopAndBottom") == nullptr;
    if (const xmlNode* h = child(d, "positionH")) {
      img.relative_h = attr(h, "relativeFrom");
      if (const xmlNode* o = child(h, "posOffset")) img.offset_x = number(text_of(o)) / 12700.0;
      if (const xmlNode* a = child(h, "align")) img.align_h = text_of(a);
    }
    if (const xmlNode* v = child(d, "positionV")) {
      img.relative_v = attr(v, "relativeFrom");
      if (const xmlNode* o = child(v, "posOffset")) img.offset_y = number(text_of(o)) / 12700.0;
    }
  }

  void read_pict(const xmlNode* pict, Paragraph& para, const RunStyle& style, const std::string& part) {
    if (!pict) return;
    Inline i;
    i.style = style;
    if (const xmlNode* box = descendant(pict, "txbxContent")) {
      auto tb = std::make_shared<TextBox>();
      read_blocks(box, tb->blocks, nullptr, nullptr, part);
      i.kind = Inline::Box;
      i.box = tb;
      para.content.push_back(i);
      unsupported_.insert("VML text boxes (positioned in the text)");
      return;
    }
    if (auto img = image_from_blip(pict, part)) {
      img->width = 100;
      img->height = 100;
      i.kind = Inline::Picture;
      i.image = img;
      para.content.push_back(i);
      unsupported_.insert("VML pictures (sized approximately)");
    }
  }

  // ------------------------------------------------------------------ tables

  void read_table_props(const xmlNode* tblpr, Table& t) {
    if (!tblpr) return;
    read_borders(child(tblpr, "tblBorders"), t.borders, &t.inside_h, &t.inside_v);
    if (const xmlNode* ind = child(tblpr, "tblInd")) t.indent = twips(attr(ind, "w"));
    if (const xmlNode* jc = child(tblpr, "jc")) {
      std::string v = attr(jc, "val");
      t.align = v == "center" ? Table::Center : (v == "right" || v == "end") ? Table::Right : Table::Left;
    }
    if (const xmlNode* mar = child(tblpr, "tblCellMar")) {
      if (const xmlNode* l = child(mar, "left")) cell_margin_left_ = twips(attr(l, "w"));
      if (const xmlNode* l = child(mar, "start")) cell_margin_left_ = twips(attr(l, "w"));
      if (const xmlNode* r = child(mar, "right")) cell_margin_right_ = twips(attr(r, "w"));
      if (const xmlNode* r = child(mar, "end")) cell_margin_right_ = twips(attr(r, "w"));
      if (const xmlNode* x = child(mar, "top")) cell_margin_top_ = twips(attr(x, "w"));
      if (const xmlNode* x = child(mar, "bottom")) cell_margin_bottom_ = twips(attr(x, "w"));
    }
  }

  std::shared_ptr<Table> read_table(const xmlNode* tbl, const std::string& part) {
    auto t = std::make_shared<Table>();
    const xmlNode* tblpr = child(tbl, "tblPr");
    std::string style = attr(child(tblpr, "tblStyle"), "val");
    if (style.empty()) style = default_table_style_;
    double saved[4] = {cell_margin_left_, cell_margin_right_, cell_margin_top_, cell_margin_bottom_};
    cell_margin_left_ = cell_margin_right_ = 5.4;
    cell_margin_top_ = cell_margin_bottom_ = 0;
    for (const StyleDef* s : chain(style)) read_table_props(s->tblpr, *t);
    read_table_props(tblpr, *t);
    for (const xmlNode* g : children(child(tbl, "tblGrid"), "gridCol")) t->grid.push_back(twips(attr(g, "w")));
    for (const xmlNode* tr : children(tbl)) {
      if (is(tr, "sdt")) unsupported_.insert("content controls around table rows");
      if (!is(tr, "tr")) continue;
      Row row;
      const xmlNode* trpr = child(tr, "trPr");
      row.header = child(trpr, "tblHeader") && on(child(trpr, "tblHeader"));
      row.cant_split = child(trpr, "cantSplit") && on(child(trpr, "cantSplit"));
      if (const xmlNode* h = child(trpr, "trHeight")) {
        row.height = twips(attr(h, "val"));
        row.exact_height = attr(h, "hRule") == "exact";
      }
      for (const xmlNode* tc : children(tr)) {
        const xmlNode* cell_node = tc;
        if (is(tc, "sdt")) cell_node = child(child(tc, "sdtContent"), "tc");
        if (!is(cell_node, "tc")) continue;
        Cell cell;
        cell.margin_left = cell_margin_left_;
        cell.margin_right = cell_margin_right_;
        cell.margin_top = cell_margin_top_;
        cell.margin_bottom = cell_margin_bottom_;
        const xmlNode* tcpr = child(cell_node, "tcPr");
        // Word's tables have at most 63 columns; a larger span only comes from a damaged or crafted file
        // (a span of a billion once made a grid of a billion widths).
        if (const xmlNode* s = child(tcpr, "gridSpan"))
          cell.span = std::clamp(static_cast<int>(std::clamp(number(attr(s, "val"), 1), 1.0, 63.0)), 1, kMaxGridColumns);
        if (const xmlNode* v = child(tcpr, "vMerge")) cell.merge = attr(v, "val") == "restart" ? Cell::Restart : Cell::Continue;
        if (const xmlNode* s = child(tcpr, "shd")) {
          if (auto col = Color::parse(attr(s, "fill"))) cell.shading = *col;
        }
        read_borders(child(tcpr, "tcBorders"), cell.borders);
        if (const xmlNode* mar = child(tcpr, "tcMar")) {
          if (const xmlNode* l = child(mar, "left")) cell.margin_left = twips(attr(l, "w"));
          if (const xmlNode* r = child(mar, "right")) cell.margin_right = twips(attr(r, "w"));
          if (const xmlNode* x = child(mar, "top")) cell.margin_top = twips(attr(x, "w"));
          if (const xmlNode* x = child(mar, "bottom")) cell.margin_bottom = twips(attr(x, "w"));
        }
        if (const xmlNode* v = child(tcpr, "vAlign")) {
          std::string val = attr(v, "val");
          cell.valign = val == "center" ? Cell::Center : val == "bottom" ? Cell::Bottom : Cell::Top;
        }
        int outer_row = row_, outer_cell = cell_;  // a table in a cell: its paragraphs are in the inner one
        row_ = static_cast<int>(t->rows.size()) + 1;
        cell_ = static_cast<int>(row.cells.size()) + 1;
        read_blocks(cell_node, cell.blocks, nullptr, nullptr, part, style);
        row_ = outer_row;
        cell_ = outer_cell;
        row.cells.push_back(std::move(cell));
      }
      t->rows.push_back(std::move(row));
    }
    // A table without a grid (some generators): share the width equally.
    if (t->grid.empty()) {
      std::size_t cols = 0;
      for (const auto& r : t->rows) {
        std::size_t n = 0;
        for (const auto& c : r.cells) n += static_cast<std::size_t>(c.span);
        cols = std::max(cols, n);
      }
      t->grid.assign(std::max<std::size_t>(cols, 1), 451.0 / static_cast<double>(std::max<std::size_t>(cols, 1)));
    }
    cell_margin_left_ = saved[0];
    cell_margin_right_ = saved[1];
    cell_margin_top_ = saved[2];
    cell_margin_bottom_ = saved[3];
    return t;
  }

  // ------------------------------------------------------------------ sections

  void read_section(const xmlNode* sect, Section& s) {
    if (const xmlNode* sz = child(sect, "pgSz")) {
      s.page_width = twips(attr(sz, "w"), s.page_width);
      s.page_height = twips(attr(sz, "h"), s.page_height);
      s.landscape = attr(sz, "orient") == "landscape" || s.page_width > s.page_height;
    }
    if (const xmlNode* m = child(sect, "pgMar")) {
      s.margin_top = std::abs(twips(attr(m, "top"), s.margin_top));
      s.margin_bottom = std::abs(twips(attr(m, "bottom"), s.margin_bottom));
      s.margin_left = twips(attr(m, "left"), s.margin_left);
      s.margin_right = twips(attr(m, "right"), s.margin_right);
      s.header_distance = twips(attr(m, "header"), s.header_distance);
      s.footer_distance = twips(attr(m, "footer"), s.footer_distance);
    }
    s.title_page = child(sect, "titlePg") && on(child(sect, "titlePg"));
    if (const xmlNode* pn = child(sect, "pgNumType"))
      if (!attr(pn, "start").empty()) s.page_number_start = static_cast<int>(number(attr(pn, "start"), 1));
    for (const xmlNode* ref : children(sect)) {
      bool header = is(ref, "headerReference"), footer = is(ref, "footerReference");
      if (!header && !footer) continue;
      std::string type = attr(ref, "type");
      auto hf = header_footer(attr(ref, "id"));
      if (!hf) continue;
      auto& slot = header ? (type == "first" ? s.header_first : type == "even" ? s.header_even : s.header_default)
                          : (type == "first" ? s.footer_first : type == "even" ? s.footer_even : s.footer_default);
      slot = hf;
    }
    if (child(sect, "cols") && number(attr(child(sect, "cols"), "num"), 1) > 1) unsupported_.insert("columns");
  }

  std::shared_ptr<HeaderFooter> header_footer(const std::string& id) {
    if (!rels_.count(id)) return nullptr;
    std::string part = "word/" + rels_[id].first;
    if (auto it = header_cache_.find(part); it != header_cache_.end()) return it->second;
    if (!pkg_.has(part)) return nullptr;
    auto doc = parse_xml(pkg_.read(part));
    if (!doc) return nullptr;
    auto hf = std::make_shared<HeaderFooter>();
    numbers_.merge(paragraph_numbers(xmlDocGetRootElement(doc.get())));
    read_blocks(xmlDocGetRootElement(doc.get()), hf->blocks, nullptr, nullptr, part);
    header_docs_.push_back(std::move(doc));
    header_cache_[part] = hf;
    return hf;
  }

  ParagraphNumbers numbers_;  // ¶N of every paragraph of the parts read (xml.hpp's rule)
  int row_ = 0, cell_ = 0;                  // the table cell being read, from 1; 0 outside tables
  const Package& pkg_;
  std::string file_;
  Diagnostics& diags_;
  XmlDocPtr document_xml_, styles_xml_, numbering_xml_, theme_xml_, settings_xml_;
  std::vector<XmlDocPtr> header_docs_;
  std::map<std::string, std::pair<std::string, std::string>> rels_;
  std::map<std::string, std::map<std::string, std::pair<std::string, std::string>>> part_rels_;
  std::map<std::string, std::shared_ptr<HeaderFooter>> header_cache_;
  std::string major_font_ = "Calibri Light", minor_font_ = "Calibri";
  const xmlNode* default_rpr_ = nullptr;
  const xmlNode* default_ppr_ = nullptr;
  std::string default_paragraph_style_, default_table_style_;
  std::map<std::string, StyleDef> styles_;
  std::map<int, std::map<int, Level>> nums_;
  std::map<int, std::string> abstract_of_;
  std::map<int, std::set<int>> restart_;
  std::set<int> started_nums_;
  std::map<std::string, std::map<int, int>> counters_;
  double cell_margin_left_ = 5.4, cell_margin_right_ = 5.4, cell_margin_top_ = 0, cell_margin_bottom_ = 0;
  std::set<std::string> unsupported_;
};

}  // namespace

std::optional<Document> read_document(const Package& package, const std::string& file, Diagnostics& diags) {
  try {
    return Reader(package, file, diags).run();
  } catch (const std::exception& e) {
    diags.error(Location{file, 0, 0, {}, {}, 0}, std::string("the document is damaged: ") + e.what(),
                "open it in Word and save it again");
    return std::nullopt;
  }
}

}  // namespace reviewkit::ooxml
