// reviewkit/ooxml — the XML of Word parts through libxml2, safely: no network, no entities, no DTD,
// libxml2's depth limit kept, its messages (which quote the document) dropped; helpers that compare
// local names; and the one paragraph numbering (¶N) every stage uses.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace reviewkit::ooxml {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

/// Sets libxml2 up once, before threads parse parts at the same time (each thread keeps its own
/// error state).
void prepare_xml_for_threads();

/// The part parsed, or null (then xml_problem() says why, in words, without the document's text).
XmlDocPtr parse_xml(const std::string& text);
std::string xml_problem();

/// Whether n is an element with this local name (the namespace prefix is not compared).
bool is(const xmlNode* n, const char* local);
/// An attribute by local name; empty when absent.
std::string attr(const xmlNode* n, const char* local);
/// The first child element with this local name, or null.
const xmlNode* child(const xmlNode* n, const char* local);
/// The child elements, or those with this local name.
std::vector<const xmlNode*> children(const xmlNode* n, const char* local = nullptr);
/// The first element named `local` below n, depth first.
const xmlNode* descendant(const xmlNode* n, const char* local);
/// The text directly inside n.
std::string text_of(const xmlNode* n);

/// ¶N of every paragraph (w:p) below `root`: the part's paragraphs counted from 1 in document
/// order, those inside mc:Fallback not counted — Word keeps two copies of a text box (mc:Choice and
/// mc:Fallback), and a paragraph of the fallback copy has the number of the paragraph at the same
/// place in the first copy. Templating numbers its messages by the same rule (part_template.cpp),
/// so a template error and a finding in the document name the same ¶ for the same text.
using ParagraphNumbers = std::unordered_map<const xmlNode*, int>;
ParagraphNumbers paragraph_numbers(const xmlNode* root);

}  // namespace reviewkit::ooxml
