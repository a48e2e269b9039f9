#include "xml_tokens.hpp"

#include <charconv>
#include <cstring>

#include "common/utf8.hpp"

namespace reviewkit::ooxml {

namespace {

bool name_char(char c) { return c != ' ' && c != '>' && c != '/' && c != '\t' && c != '\n' && c != '\r'; }

}  // namespace

std::optional<std::vector<XmlToken>> tokenize(std::string_view xml, std::string& why) {
  std::vector<XmlToken> out;
  out.reserve(xml.size() / 24);
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] != '<') {
      std::size_t next = xml.find('<', i);
      if (next == std::string_view::npos) next = xml.size();
      out.push_back({XmlToken::Text, i, next, {}});
      i = next;
      continue;
    }
    auto other_until = [&](std::string_view closer) -> bool {
      std::size_t close = xml.find(closer, i);
      if (close == std::string_view::npos) return false;
      out.push_back({XmlToken::Other, i, close + closer.size(), {}});
      i = close + closer.size();
      return true;
    };
    if (xml.compare(i, 4, "<!--") == 0) {
      if (!other_until("-->")) break;
      continue;
    }
    if (xml.compare(i, 9, "<![CDATA[") == 0) {
      if (!other_until("]]>")) break;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) {
      if (!other_until("?>")) break;
      continue;
    }
    if (xml.compare(i, 2, "<!") == 0) {
      if (!other_until(">")) break;
      continue;
    }
    // A tag: find its end, skipping '>' inside quoted attribute values.
    std::size_t j = i + 1;
    char quote = 0;
    for (; j < xml.size(); ++j) {
      char c = xml[j];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (j >= xml.size()) break;
    bool closing = xml[i + 1] == '/';
    std::size_t name_start = i + (closing ? 2 : 1);
    std::size_t name_end = name_start;
    while (name_end < j && name_char(xml[name_end])) ++name_end;
    XmlToken t{closing ? XmlToken::Close : (xml[j - 1] == '/' ? XmlToken::Empty : XmlToken::Open), i, j + 1,
               xml.substr(name_start, name_end - name_start)};
    out.push_back(t);
    i = j + 1;
  }
  if (i < xml.size()) {
    why = "the XML is cut short or has an unclosed tag at byte " + std::to_string(i);
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> attribute(std::string_view tag, std::string_view name) {
  std::size_t at = 0;
  while ((at = tag.find(name, at)) != std::string_view::npos) {
    bool starts = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n' || tag[at - 1] == '\r');
    std::size_t k = at + name.size();
    while (k < tag.size() && tag[k] == ' ') ++k;
    if (starts && k < tag.size() && tag[k] == '=') {
      ++k;
      while (k < tag.size() && tag[k] == ' ') ++k;
      if (k < tag.size() && (tag[k] == '"' || tag[k] == '\'')) {
        char q = tag[k];
        std::size_t close = tag.find(q, k + 1);
        if (close == std::string_view::npos) return std::nullopt;
        return decode_entities(tag.substr(k + 1, close - k - 1));
      }
    }
    at += name.size();
  }
  return std::nullopt;
}

std::string decode_entities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view ent = text.substr(i + 1, semi - i - 1);
    if (ent == "amp") out += '&';
    else if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (!ent.empty() && ent[0] == '#') {
      unsigned long cp = 0;
      bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
      auto digits = ent.substr(hex ? 2 : 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec != std::errc() || p != digits.data() + digits.size() || cp == 0 || cp > 0x10FFFF ||
          (cp >= 0xD800 && cp <= 0xDFFF)) {
        out += '&';
        continue;
      }
      append_utf8(out, static_cast<char32_t>(cp));
    } else {
      out += '&';
      continue;
    }
    i = semi;
  }
  return out;
}

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
}

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text);
  return out;
}

std::string escape_attribute(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out;
}

namespace {

constexpr std::string_view kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Rewrites one tag's element and attribute names: `from:` becomes `w:` (and unprefixed element
// names get `w:` when `from` is empty, the default namespace); xmlns:from becomes xmlns:w.
std::string rename_in_tag(std::string_view tag, const std::string& from, bool unprefixed, bool add_declaration,
                          bool drop_from_declaration) {
  std::string out;
  out.reserve(tag.size() + 8);
  std::size_t i = 1;
  out += '<';
  if (i < tag.size() && tag[i] == '/') out += tag[i++];
  std::size_t name_end = i;
  while (name_end < tag.size() && !space(tag[name_end]) && tag[name_end] != '>' && tag[name_end] != '/') ++name_end;
  std::string_view name = tag.substr(i, name_end - i);
  if (unprefixed && name.find(':') == std::string_view::npos) {
    out += "w:";
    out += name;
  } else if (!from.empty() && name.substr(0, from.size() + 1) == from + ":") {
    out += "w:";
    out += name.substr(from.size() + 1);
  } else {
    out += name;
  }
  if (add_declaration) out += " xmlns:w=\"" + std::string(kWordNamespace) + "\"";
  i = name_end;
  while (i < tag.size()) {
    // Attributes: copy the space, rename the name, copy the quoted value untouched.
    std::size_t start = i;
    while (i < tag.size() && space(tag[i])) ++i;
    out += tag.substr(start, i - start);
    if (i >= tag.size() || tag[i] == '>' || tag[i] == '/') {
      out += tag.substr(i);
      break;
    }
    std::size_t eq = tag.find('=', i);
    if (eq == std::string_view::npos) {
      out += tag.substr(i);
      break;
    }
    std::string_view written = tag.substr(i, eq - i);  // the name, perhaps with spaces before '='
    std::string_view attr = written;
    while (!attr.empty() && space(attr.back())) attr.remove_suffix(1);
    std::size_t q = eq + 1;
    while (q < tag.size() && space(tag[q])) ++q;
    if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) {
      out += tag.substr(i);
      break;
    }
    std::size_t close = tag.find(tag[q], q + 1);
    if (close == std::string_view::npos) {
      out += tag.substr(i);
      break;
    }
    bool declaration = !from.empty() && attr == "xmlns:" + from;
    if (declaration && drop_from_declaration) {
      // w: is declared for the same namespace already: a second xmlns:w would not be XML.
      while (!out.empty() && space(out.back())) out.pop_back();
      i = close + 1;
      continue;
    }
    if (!from.empty() && attr.substr(0, from.size() + 1) == from + ":") {
      out += "w:";
      out += written.substr(from.size() + 1);
    } else if (declaration) {
      out += "xmlns:w";
      out += written.substr(attr.size());
    } else {
      out += written;
    }
    out += tag.substr(eq, close + 1 - eq);
    i = close + 1;
  }
  return out;
}

}  // namespace

std::optional<std::string> with_word_prefix(std::string_view xml, std::string& why) {
  why.clear();
  // The root's start tag, found without tokenizing the whole part (most parts need no change).
  std::size_t root_begin = 0;
  for (;;) {
    root_begin = xml.find('<', root_begin);
    if (root_begin == std::string_view::npos) return std::nullopt;
    if (xml.compare(root_begin, 2, "<?") == 0) {
      root_begin = xml.find("?>", root_begin);
    } else if (xml.compare(root_begin, 4, "<!--") == 0) {
      root_begin = xml.find("-->", root_begin);
    } else {
      break;
    }
    if (root_begin == std::string_view::npos) return std::nullopt;
  }
  std::size_t root_end = xml.find('>', root_begin);
  if (root_end == std::string_view::npos) return std::nullopt;
  std::string_view root_tag = xml.substr(root_begin, root_end + 1 - root_begin);
  // Which prefix the root binds to WordprocessingML, and what `w` is bound to.
  std::string prefix;
  bool bound = false, default_bound = false;
  std::optional<std::string> w_binding;
  for (std::size_t at = root_tag.find("xmlns"); at != std::string_view::npos; at = root_tag.find("xmlns", at + 5)) {
    if (at == 0 || !space(root_tag[at - 1])) continue;
    std::size_t eq = root_tag.find('=', at);
    if (eq == std::string_view::npos) break;
    std::string_view name = root_tag.substr(at, eq - at);
    while (!name.empty() && space(name.back())) name.remove_suffix(1);
    auto value = attribute(root_tag, name);
    if (!value) continue;
    if (name == "xmlns") {
      if (*value == kWordNamespace) default_bound = true;
    } else if (name.substr(0, 6) == "xmlns:") {
      std::string p(name.substr(6));
      if (p == "w") w_binding = *value;
      if (*value == kWordNamespace && !bound) {
        prefix = p;
        bound = true;
      }
    }
  }
  bool w_is_word = w_binding && *w_binding == kWordNamespace;
  std::string from = bound && prefix != "w" ? prefix : std::string();
  if (from.empty() && !default_bound) return std::nullopt;  // as Word writes it, or not WordprocessingML
  if (w_binding && !w_is_word) {
    why = "the part binds the prefix w: to another namespace (" + *w_binding + ") than WordprocessingML";
    return std::nullopt;
  }
  // Another prefix (or the default namespace) for WordprocessingML: rename it w: in every tag, so
  // that the template engine, which reads Word's own prefixes, sees the part as Word writes it.
  auto tokens = tokenize(xml, why);
  if (!tokens) return std::nullopt;
  const XmlToken* root = nullptr;
  for (const auto& t : *tokens)
    if (t.kind == XmlToken::Open || t.kind == XmlToken::Empty) {
      root = &t;
      break;
    }
  std::string out;
  out.reserve(xml.size() + xml.size() / 16);
  std::size_t copied = 0;
  for (const auto& t : *tokens) {
    if (t.kind != XmlToken::Open && t.kind != XmlToken::Close && t.kind != XmlToken::Empty) continue;
    out += xml.substr(copied, t.begin - copied);
    bool is_root = &t == root;
    out += rename_in_tag(xml.substr(t.begin, t.end - t.begin), from, default_bound,
                         is_root && from.empty() && !w_binding, is_root && w_is_word);
    copied = t.end;
  }
  out += xml.substr(copied);
  return out;
}

}  // namespace reviewkit::ooxml
