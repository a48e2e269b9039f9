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
      if (ec != std::errc() || p != digits.data() + digits.size()) {
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

}  // namespace reviewkit::ooxml
