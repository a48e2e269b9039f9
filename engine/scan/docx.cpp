// The spans of a Word document: every place a name can hide.
#include <libxml/tree.h>

#include "ooxml/package.hpp"
#include "ooxml/xml.hpp"
#include "scan/scan.hpp"

#include <set>

namespace reviewkit::scan {

namespace {

std::string local_name(const xmlNode* n) { return n && n->name ? reinterpret_cast<const char*>(n->name) : ""; }

/// The text of a paragraph: its runs' text, deleted text, field codes, tabs and breaks as spaces,
/// without the paragraphs of text boxes inside it (they are spans of their own).
void paragraph_text(const xmlNode* n, std::string& out, int depth = 0) {
  if (depth > 200) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string name = local_name(c);
    if (name == "p") continue;
    if (name == "t") {
      out += ooxml::text_of(c);
    } else if (name == "delText" || name == "instrText") {  // set apart from the text beside it
      if (!out.empty() && out.back() != ' ') out += ' ';
      out += ooxml::text_of(c);
      out += ' ';
    } else if (name == "tab" || name == "br" || name == "cr") {
      out += ' ';
    } else if (name == "noBreakHyphen" || name == "softHyphen") {
      out += name == "noBreakHyphen" ? "-" : "";
    } else {
      if (name == "fldSimple") out += ooxml::attr(c, "instr") + " ";
      paragraph_text(c, out, depth + 1);
    }
  }
}

void walk(const xmlNode* n, const std::string& file, const std::string& part, const ooxml::ParagraphNumbers& numbers,
          std::vector<Span>& out, std::set<std::string>& authors, int depth = 0) {
  if (depth > 400) return;
  for (const xmlNode* c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string name = local_name(c);
    if (name == "p") {
      std::string text;
      paragraph_text(c, text);
      auto it = numbers.find(c);
      Span s;
      s.where.file = file;
      s.where.paragraph = it == numbers.end() ? 0 : it->second;
      s.where.part = part + " \u00B6" + std::to_string(s.where.paragraph);
      s.text = text;
      if (!text.empty()) out.push_back(std::move(s));
    }
    // Who wrote a comment or a tracked change (Word's user name, often a real name), once a part.
    for (const char* a : {"author", "initials"}) {
      std::string v = ooxml::attr(c, a);
      if (v.empty() || !authors.insert(part + "\n" + a + "\n" + v).second || authors.size() > 10000) continue;
      Span s;
      s.where.file = file;
      s.where.part = part + " " + (name == "comment" ? "comment" : name == "person" ? "reviewer" : "tracked change") + " " +
                     (std::string(a) == "author" ? "author" : "author's initials");
      s.text = v;
      out.push_back(std::move(s));
    }
    if (name == "docPr" || name == "cNvPr") {  // a picture's or shape's alternative text and title
      for (const char* a : {"descr", "title"}) {
        std::string v = ooxml::attr(c, a);
        if (v.empty()) continue;
        Span s;
        s.where.file = file;
        s.where.part = part + " picture '" + ooxml::attr(c, "name") + "' " + (std::string(a) == "descr" ? "alternative text" : "title");
        s.text = v;
        out.push_back(std::move(s));
      }
    }
    walk(c->children, file, part, numbers, out, authors, depth + 1);
  }
}

}  // namespace

std::vector<Span> docx_spans(const std::string& bytes, const std::string& file, std::string& why) {
  auto package = ooxml::Package::from_bytes(bytes, why);
  if (!package) return {};
  if (!package->has("word/document.xml")) {
    why = "it is not a Word document (it has no word/document.xml)";
    return {};
  }
  std::vector<Span> out;
  std::set<std::string> authors;
  for (const auto& part : package->parts()) {
    const std::string& name = part.name;
    if (!ooxml::is_xml_part(name) || name.rfind("word/theme/", 0) == 0) continue;
    bool word = name.rfind("word/", 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
    bool props = name.rfind("docProps/", 0) == 0;
    bool rels = name.size() > 5 && name.compare(name.size() - 5, 5, ".rels") == 0;
    if (!word && !props && !rels) continue;
    std::string xml;
    try {
      xml = package->read(name);
    } catch (const std::exception&) {
      continue;
    }
    auto doc = ooxml::parse_xml(xml);
    if (!doc) {
      why = name + " is not well-formed XML (" + ooxml::xml_problem() + ")";
      return {};
    }
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) continue;
    if (word) {
      auto numbers = ooxml::paragraph_numbers(root);
      walk(root, file, name, numbers, out, authors);
    } else if (rels) {  // hyperlinks and other links out of the document
      for (const xmlNode* r : ooxml::children(root, "Relationship")) {
        if (ooxml::attr(r, "TargetMode") != "External") continue;
        Span s;
        s.where.file = file;
        s.where.part = name + " link " + ooxml::attr(r, "Id");
        s.text = ooxml::attr(r, "Target");
        out.push_back(std::move(s));
      }
    } else {  // core, app and custom properties: each value
      std::vector<const xmlNode*> todo{root};
      while (!todo.empty()) {
        const xmlNode* n = todo.back();
        todo.pop_back();
        bool leaf = true;
        for (const xmlNode* c = n->children; c; c = c->next)
          if (c->type == XML_ELEMENT_NODE) {
            leaf = false;
            if (todo.size() < 10000) todo.push_back(c);
          }
        if (!leaf) continue;
        std::string v = ooxml::text_of(n);
        if (v.empty()) continue;
        Span s;
        s.where.file = file;
        std::string label = local_name(n);
        if (label == "lpwstr" || label == "lpstr") label = ooxml::attr(n->parent, "name");
        s.where.part = name + " " + label;
        s.text = v;
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}

}  // namespace reviewkit::scan
