#include "walk.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "ooxml/xml.hpp"

namespace reviewkit::ooxml {

const char* area_name(Span::Area a) {
  switch (a) {
    case Span::Body: return "body";
    case Span::Header: return "header";
    case Span::Footer: return "footer";
    case Span::Footnote: return "footnote";
    case Span::Endnote: return "endnote";
    case Span::Comment: return "comment";
    case Span::Properties: return "document properties";
  }
  return "body";
}

const char* kind_name(Span::Kind k) {
  switch (k) {
    case Span::Text: return "text";
    case Span::Inserted: return "tracked insertion";
    case Span::Deleted: return "tracked deletion";
    case Span::Hidden: return "hidden text";
    case Span::TextBox: return "text box";
    case Span::AltText: return "alt text";
    case Span::PictureTitle: return "picture title";
    case Span::FieldCode: return "field code";
    case Span::Hyperlink: return "hyperlink target";
    case Span::Property: return "property";
  }
  return "text";
}

namespace {

std::string rels_of(const std::string& part) {
  auto slash = part.rfind('/');
  return part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

// Walks one part's paragraphs. A paragraph's text is cut into spans where its kind changes.
class PartWalker {
 public:
  PartWalker(const std::string& part, Span::Area area, const xmlNode* root, std::map<std::string, std::string> links,
             std::vector<Span>& out)
      : part_(part), area_(area), links_(std::move(links)), out_(out), numbers_(paragraph_numbers(root)) {
    visit(root, false, false, false);
  }

 private:
  // Finds paragraphs in document order; `box` when inside a text box.
  void visit(const xmlNode* n, bool box, bool inserted, bool deleted) {
    for (const xmlNode* c : children(n)) {
      if (is(c, "p")) {
        paragraph(c, box);
        visit(c, box, inserted, deleted);  // a text box's paragraphs, inside this one's runs
        continue;
      }
      // A separator "footnote" is Word's line above the notes, not a note.
      if ((is(c, "footnote") || is(c, "endnote")) && (attr(c, "type") == "separator" || attr(c, "type") == "continuationSeparator"))
        continue;
      visit(c, box || is(c, "txbxContent"), inserted || is(c, "ins"), deleted || is(c, "del"));
    }
  }

  struct State {
    bool box = false, inserted = false, deleted = false, hidden = false, code = false;
  };

  void paragraph(const xmlNode* p, bool box) {
    auto found = numbers_.find(p);
    where_ = Place{part_, found == numbers_.end() ? 0 : found->second, 0, 0};
    // Row and cell from the ancestors.
    const xmlNode* cell = nullptr;
    for (const xmlNode* up = p->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent) {
      if (is(up, "tc") && !cell) {
        cell = up;
        int c = 0, r = 0;
        for (const xmlNode* s = up; s; s = s->prev) if (is(s, "tc")) ++c;
        for (const xmlNode* s = up->parent; s; s = s->prev) if (is(s, "tr")) ++r;
        where_.row = r;
        where_.cell = c;
      }
      if (is(up, "txbxContent")) box = true;
    }
    State st;
    st.box = box;
    for (const xmlNode* up = p->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent) {
      if (is(up, "ins")) st.inserted = true;
      if (is(up, "del")) st.deleted = true;
    }
    current_ = Span{};
    inline_content(p, st);
    flush();
  }

  Span::Kind kind_of(const State& st) const {
    if (st.code) return Span::FieldCode;
    if (st.deleted) return Span::Deleted;
    if (st.inserted) return Span::Inserted;
    if (st.hidden) return Span::Hidden;
    if (st.box) return Span::TextBox;
    return Span::Text;
  }

  void add(Span::Kind kind, const std::string& text, const std::string& name = {}) {
    if (text.empty()) return;
    if (!current_.text.empty() && (current_.kind != kind || !name.empty() || !current_.name.empty())) flush();
    current_.area = area_;
    current_.kind = kind;
    current_.where = where_;
    current_.name = name;
    current_.text += text;
    if (!name.empty()) flush();
  }

  void flush() {
    if (!current_.text.empty()) out_.push_back(current_);
    current_ = Span{};
  }

  void inline_content(const xmlNode* n, State st) {
    for (const xmlNode* c : children(n)) {
      if (is(c, "p")) continue;  // a text box's paragraph: walked on its own
      if (is(c, "pPr")) continue;
      if (is(c, "r")) {
        State rs = st;
        if (const xmlNode* rpr = child(c, "rPr")) {
          const xmlNode* v = child(rpr, "vanish");
          std::string val = attr(v, "val");
          if (v && val != "0" && val != "false" && val != "off") rs.hidden = true;
        }
        run(c, rs);
        continue;
      }
      if (is(c, "hyperlink")) {
        std::string id = attr(c, "id");
        if (auto link = links_.find(id); !id.empty() && link != links_.end()) add(Span::Hyperlink, link->second);
        inline_content(c, st);
        continue;
      }
      if (is(c, "fldSimple")) {
        add(Span::FieldCode, attr(c, "instr"));
        inline_content(c, st);
        continue;
      }
      State inner = st;
      if (is(c, "ins") || is(c, "moveTo")) inner.inserted = true;
      if (is(c, "del") || is(c, "moveFrom")) inner.deleted = true;
      inline_content(c, inner);
    }
  }

  void run(const xmlNode* r, State st) {
    for (const xmlNode* c : children(r)) {
      if (is(c, "instrText") || is(c, "delInstrText")) {
        State code = st;
        code.code = true;
        add(kind_of(code), text_of(c));
      } else if (is(c, "t")) {
        add(kind_of(st), text_of(c));
      } else if (is(c, "delText")) {
        State del = st;
        del.deleted = true;
        add(kind_of(del), text_of(c));
      } else if (is(c, "tab") || is(c, "ptab")) {
        add(kind_of(st), "\t");
      } else if (is(c, "br") || is(c, "cr")) {
        add(kind_of(st), "\n");
      } else if (is(c, "drawing") || is(c, "pict") || is(c, "AlternateContent") || is(c, "object")) {
        pictures(c);
      }
    }
  }

  // Alt text and titles of pictures and shapes; a text box inside is walked as its own paragraphs.
  void pictures(const xmlNode* n) {
    for (const xmlNode* c : children(n)) {
      if (is(c, "docPr") || is(c, "cNvPr")) {
        add(Span::AltText, attr(c, "descr"), "descr");
        add(Span::PictureTitle, attr(c, "title"), "title");
      } else if (is(c, "shape") || is(c, "rect") || is(c, "imagedata")) {
        add(Span::AltText, attr(c, "alt"), "alt");
        add(Span::PictureTitle, attr(c, "title"), "title");
      }
      if (is(c, "txbxContent")) continue;
      if (is(c, "Fallback")) continue;  // the same picture again, for older readers
      pictures(c);
    }
  }

  std::string part_;
  Span::Area area_;
  std::map<std::string, std::string> links_;
  std::vector<Span>& out_;
  ParagraphNumbers numbers_;
  Place where_;
  Span current_;
};

}  // namespace

std::optional<std::vector<Span>> walk_text(const Package& package, const std::string& file, Diagnostics& diags) {
  std::vector<Span> out;
  // The parts in reading order: the body, headers, footers, notes, comments.
  std::vector<std::pair<std::string, Span::Area>> parts{{"word/document.xml", Span::Body}};
  std::vector<std::string> names;
  for (const auto& p : package.parts()) names.push_back(p.name);
  std::sort(names.begin(), names.end());
  for (const char* prefix : {"word/header", "word/footer"})
    for (const auto& n : names)
      if (n.rfind(prefix, 0) == 0 && n.size() > 4 && n.compare(n.size() - 4, 4, ".xml") == 0 && n.find('/', 5) == std::string::npos)
        parts.push_back({n, prefix[5] == 'h' ? Span::Header : Span::Footer});
  parts.push_back({"word/footnotes.xml", Span::Footnote});
  parts.push_back({"word/endnotes.xml", Span::Endnote});
  parts.push_back({"word/comments.xml", Span::Comment});
  for (const auto& [part, area] : parts) {
    if (!package.has(part)) {
      if (part == "word/document.xml") {
        diags.error(Location{file, 0, 0, part, {}, 0}, "the document has no word/document.xml", "save it from Word as a .docx");
        return std::nullopt;
      }
      continue;
    }
    auto doc = parse_xml(package.read(part));
    if (!doc) {
      diags.error(Location{file, 0, 0, part, {}, 0}, xml_problem(), "open it in Word and save it again");
      return std::nullopt;
    }
    std::map<std::string, std::string> links;
    if (package.has(rels_of(part)))
      if (auto rels = parse_xml(package.read(rels_of(part))))
        for (const xmlNode* r : children(xmlDocGetRootElement(rels.get()), "Relationship"))
          if (attr(r, "Type").find("/hyperlink") != std::string::npos) links[attr(r, "Id")] = attr(r, "Target");
    std::size_t first = out.size();
    PartWalker(part, area, xmlDocGetRootElement(doc.get()), std::move(links), out);
    // Both copies of a text box: the second says the same at the same place.
    std::set<std::tuple<int, int, std::string>> seen;
    auto end = std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [&](const Span& s) {
      return !seen.insert({s.where.paragraph, static_cast<int>(s.kind), s.text + "\x1f" + s.name}).second;
    });
    out.erase(end, out.end());
  }
  // Properties: core (title, author…), app (company, manager…) and custom ones, each by its name.
  for (const char* part : {"docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"}) {
    if (!package.has(part)) continue;
    auto doc = parse_xml(package.read(part));
    if (!doc) continue;  // Word does not need them to open the document; nor does the walk
    for (const xmlNode* c : children(xmlDocGetRootElement(doc.get()))) {
      std::string name = reinterpret_cast<const char*>(c->name), value = text_of(c);
      if (is(c, "property")) {  // custom.xml: <property name="Case"><vt:lpwstr>…</vt:lpwstr></property>
        name = attr(c, "name");
        value.clear();
        for (const xmlNode* v : children(c)) value += text_of(v);
      }
      if (value.empty()) continue;
      Span s;
      s.area = Span::Properties;
      s.kind = Span::Property;
      s.where = Place{part, 0, 0, 0};
      s.text = value;
      s.name = name;
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace reviewkit::ooxml
