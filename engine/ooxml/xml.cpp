#include "xml.hpp"

#include <cstring>
#include <functional>
#include <limits>

namespace reviewkit::ooxml {

namespace {
// libxml2's own messages quote the document's text; a council's documents must not end up in
// logs, so they are dropped and the reader reports what failed in its own words.
void quiet(void*, const char*, ...) {}
void quiet_structured(void*, xmlErrorPtr) {}
}  // namespace

// What libxml2 found wrong with the last part it parsed, in words, with the line but never the
// document's text.
std::string xml_problem() {
  const xmlError* e = xmlGetLastError();
  if (!e) return "the part's XML is damaged";
  std::string where = e->line > 0 ? " at line " + std::to_string(e->line) : "";
  if (e->message && std::strstr(e->message, "Excessive depth"))
    return "the part's XML nests elements more than 256 deep" + where + ", which Word never does: the file is damaged or crafted";
  if (e->code == XML_ERR_DOCUMENT_EMPTY) return "the part is empty";
  return "the part's XML is damaged" + where + " (libxml2 error " + std::to_string(e->code) + ")";
}

// libxml2 with its safety limits on: no network, no entity substitution, no DTD loading, and
// without XML_PARSE_HUGE, so that its depth limit (256 nested elements) and its guards against
// entity amplification hold. (The package reader has already refused any part with a DOCTYPE.)
// XML_PARSE_COMPACT keeps short texts inside their nodes, saving an allocation each: reviewkit reads
// parsed trees and never changes one, which is what the flag asks.
void prepare_xml_for_threads() { xmlInitParser(); }

XmlDocPtr parse_xml(const std::string& text) {
  xmlResetLastError();
  xmlSetGenericErrorFunc(nullptr, quiet);
  xmlSetStructuredErrorFunc(nullptr, quiet_structured);
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return nullptr;
  return XmlDocPtr(xmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, "UTF-8",
                                 XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOWARNING | XML_PARSE_NOERROR | XML_PARSE_COMPACT));
}

// Element names without their namespace prefix; Word's prefixes are fixed in practice, but the
// namespace URI is what counts, so compare local names and check the namespace where it matters.
bool is(const xmlNode* n, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
}

std::string attr(const xmlNode* n, const char* local) {
  if (!n) return {};
  for (xmlAttr* a = n->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), local) == 0 && a->children && a->children->content)
      return reinterpret_cast<const char*>(a->children->content);
  }
  return {};
}

const xmlNode* child(const xmlNode* n, const char* local) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (is(c, local)) return c;
  return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* n, const char* local) {
  std::vector<const xmlNode*> out;
  if (!n) return out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && (!local || is(c, local))) out.push_back(c);
  return out;
}

// The first element named `local` below n, depth first.
const xmlNode* descendant(const xmlNode* n, const char* local) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
    if (is(c, local)) return c;
    if (const xmlNode* f = descendant(c, local)) return f;
  }
  return nullptr;
}

std::string text_of(const xmlNode* n) {
  std::string out;
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) out += reinterpret_cast<const char*>(c->content);
  return out;
}


ParagraphNumbers paragraph_numbers(const xmlNode* root) {
  ParagraphNumbers out;
  out.reserve(1024);
  int number = 0;
  // In a fallback copy, the paragraphs take the numbers of the first copy's, in order.
  std::function<void(const xmlNode*, int*)> walk = [&](const xmlNode* n, int* fallback) {
    for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is(c, "AlternateContent")) {
        int first = number;  // the first copy starts after this
        for (const xmlNode* branch : children(c)) {
          if (is(branch, "Fallback") && branch != child(c, "Choice")) {
            int next = first;
            walk(branch, fallback ? fallback : &next);
          } else if (fallback) {
            walk(branch, fallback);
          } else {
            walk(branch, nullptr);
          }
        }
        continue;
      }
      if (is(c, "p")) out[c] = fallback ? ++*fallback : ++number;
      walk(c, fallback);
    }
  };
  walk(root, nullptr);
  return out;
}

}  // namespace reviewkit::ooxml
