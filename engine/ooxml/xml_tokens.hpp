// reviewkit/ooxml — a byte-exact tokenizer for the XML of Word parts.
//
// The templating stage edits Word's XML without re-serialising it, so that everything it does not
// touch (namespaces, attribute order, rsids, mc:Ignorable) stays byte for byte as Word wrote it.
// This splits a part into start tags, end tags, empty tags, text and everything else, each with its
// span in the original text. (The document model reader, which only needs to understand a part,
// parses it with libxml2.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewkit::ooxml {

struct XmlToken {
  enum Kind { Open, Close, Empty, Text, Other } kind;
  std::size_t begin = 0, end = 0;  ///< span in the part's text
  std::string_view name;           ///< qualified element name ("w:p") for Open, Close, Empty
};

/// Splits `xml` into tokens. Returns nothing and sets `why` (with the byte offset) when a tag is
/// not closed.
std::optional<std::vector<XmlToken>> tokenize(std::string_view xml, std::string& why);

/// The value of attribute `name` in a start or empty tag's text, entities decoded.
std::optional<std::string> attribute(std::string_view tag, std::string_view name);

/// A part that binds WordprocessingML to another prefix than w: (or to the default namespace),
/// rewritten with w: in every element and attribute name; nothing when the part already uses w:
/// or is not WordprocessingML. Sets `why` when the part cannot be rewritten (w: bound elsewhere).
std::optional<std::string> with_word_prefix(std::string_view xml, std::string& why);

/// Decodes &amp; &lt; &gt; &quot; &apos; and numeric character references.
std::string decode_entities(std::string_view text);
/// Escapes text for an element's content (& < >).
std::string escape_text(std::string_view text);
void append_escaped(std::string& out, std::string_view text);
/// Escapes text for an attribute's value in double quotes (& < > " and line breaks and tabs as
/// character references, so that they survive attribute normalisation); characters XML 1.0 cannot
/// hold at all (other control characters) are left out.
std::string escape_attribute(std::string_view text);

}  // namespace reviewkit::ooxml
