// reviewkit/ooxml — the whole document as text with places: every piece of text a reader of the
// document, or of its file, can find, each marked as what it is rather than dropped.
//
// In: a .docx Package. Out: spans in document order, each with its place (part, ¶N by the rule of
// xml.hpp, table row and cell), its area (body, header, footer, footnote, endnote, comment,
// properties) and its kind (visible text, tracked insertion or deletion, hidden text, a text box,
// alt text or a picture's title, a field code, a hyperlink's target, a document property). The
// publication scanner, the QA rules and chronology import all read documents through this walk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "ooxml/document.hpp"
#include "ooxml/package.hpp"

namespace reviewkit::ooxml {

struct Span {
  enum Area { Body, Header, Footer, Footnote, Endnote, Comment, Properties } area = Body;
  enum Kind { Text, Inserted, Deleted, Hidden, TextBox, AltText, PictureTitle, FieldCode, Hyperlink, Property } kind = Text;
  Place where;
  std::string text;
  std::string name;  ///< a property's name (title, creator, Company, a custom property's own name)
};

const char* area_name(Span::Area a);  ///< "body", "header", "footnote", …
const char* kind_name(Span::Kind k);  ///< "text", "tracked deletion", "hidden text", "alt text", …

/// Every span of the document, in order: the body, then headers and footers, footnotes, endnotes,
/// comments (each part's paragraphs in order), then the core, app and custom properties. Text in
/// both copies Word keeps of a text box is given once. Nothing (with an error in `diags`) when a
/// part cannot be read.
std::optional<std::vector<Span>> walk_text(const Package& package, const std::string& file, Diagnostics& diags);

}  // namespace reviewkit::ooxml
