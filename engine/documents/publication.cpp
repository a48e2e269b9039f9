#include "documents/publication.hpp"

#include <algorithm>
#include <memory>

#include "common/files.hpp"
#include "common/text.hpp"
#include "ooxml/package.hpp"
#include "ooxml/xml_tokens.hpp"

namespace reviewkit::documents {

namespace {

/// The fields an identifier comes from: a document that prints one is told at the document's place.
bool identifying_field(const std::string& key) {
  static const std::set<std::string> keys{"name", "full_name", "salutation", "date_of_birth", "address", "phone", "email", "postcode", "died"};
  return keys.count(key) > 0;
}

/// Runs of spaces and line breaks as one space, for comparing a case file's text with a paragraph.
std::string squeezed(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    bool blank = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (blank) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// The case files' texts, read once, for finding a hit's line and column.
struct Sources {
  std::map<std::string, std::string> texts;
  const std::string* text(const std::string& file) {
    auto it = texts.find(file);
    if (it != texts.end()) return &it->second;
    std::string why;
    auto bytes = read_file(file, why);
    return &(texts[file] = bytes ? *bytes : std::string());
  }
};

/// Where `found` (a hit's text) is in the file the node came from: searched from the node's own
/// line and column, so that a block scalar's hit on its third line is told there.
Location locate(const data::Node& n, const std::string& found, Sources& sources) {
  Location where = n.where();
  if (!n.file || n.mark.line <= 0) return where;
  const std::string* text = sources.text(*n.file);
  if (!text || text->empty()) return where;
  std::size_t offset = 0;
  for (int line = 1; line < n.mark.line && offset < text->size(); ++line) {
    std::size_t nl = text->find('\n', offset);
    if (nl == std::string::npos) return where;
    offset = nl + 1;
  }
  offset += static_cast<std::size_t>(std::max(0, n.mark.column - 1));
  std::size_t at = text->find(found, std::min(offset, text->size()));
  if (at == std::string::npos) return where;
  where.line = 1 + static_cast<int>(std::count(text->begin(), text->begin() + static_cast<long>(at), '\n'));
  std::size_t line_start = text->rfind('\n', at == 0 ? 0 : at - 1);
  line_start = (line_start == std::string::npos || at == 0) ? 0 : line_start + 1;
  where.column = 1 + static_cast<int>(at - line_start);
  return where;
}

/// The words around [begin, end) on the same line, cut at whole characters.
std::string window_of(const std::string& s, std::size_t begin, std::size_t end) {
  std::size_t from = begin > 24 ? begin - 24 : 0, to = std::min(s.size(), end + 24);
  std::size_t nl = s.rfind('\n', begin);
  if (nl != std::string::npos && nl >= from) from = nl + 1;
  nl = s.find('\n', end);
  if (nl != std::string::npos && nl < to) to = nl;
  while (from < begin && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80) ++from;
  while (to < s.size() && (static_cast<unsigned char>(s[to]) & 0xC0) == 0x80) ++to;
  return squeezed(s.substr(from, to - from));
}

void walk_sources(const data::Node& n, const std::string& path, const std::string& key, const scan::Matcher& matcher,
                  Sources& sources, std::vector<SourceHit>& out, int depth) {
  if (depth > 64) return;
  if (n.is_scalar()) {
    if (n.mark.line <= 0 || identifying_field(key)) return;
    for (const auto& h : matcher.find(n.scalar)) {
      std::string found = n.scalar.substr(h.begin, h.end - h.begin);
      out.push_back({locate(n, found, sources), path, window_of(n.scalar, h.begin, h.end), h.id, h.message, h.hint});
    }
  } else if (n.is_map()) {
    for (const auto& e : n.entries)
      if (e.value) walk_sources(*e.value, path.empty() ? e.key : path + "." + e.key, e.key, matcher, sources, out, depth + 1);
  } else if (n.is_list()) {
    for (std::size_t i = 0; i < n.items.size(); ++i)
      if (n.items[i]) walk_sources(*n.items[i], path + "[" + std::to_string(i) + "]", key, matcher, sources, out, depth + 1);
  }
}

std::string lowered(std::string t) {
  for (auto& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return t;
}

data::NodePtr replaced(const data::Node& n, const std::string& path, const std::string& key, const scan::Matcher& matcher,
                       Sources& sources, Diagnostics& diags, std::vector<std::string>& recorded, int depth) {
  auto copy = std::make_shared<data::Node>(n);
  if (depth > 64) return copy;
  if (n.is_scalar()) {
    if (n.mark.line <= 0 || identifying_field(key)) return copy;
    auto all = matcher.find(n.scalar);
    // What nothing can stand in for (a surname several people share, a date of birth) is left for
    // the document's scan to tell, at this place, when a document carries it.
    std::vector<scan::Hit> hits;
    for (auto& h : all)
      if (h.id && !h.id->replacement.empty()) hits.push_back(std::move(h));
    if (hits.empty()) return copy;
    std::vector<std::string> used;
    copy->scalar = scan::replace_hits(n.scalar, hits, used);
    for (const auto& h : hits) {
      std::string found = n.scalar.substr(h.begin, h.end - h.begin);
      Location where = locate(n, found, sources);
      Diagnostic d;
      d.severity = Severity::Note;
      d.where = where;
      d.message = "--replace-names put '" + h.id->replacement + "' in for " + h.message + " in " + path;
      diags.add(d);
      recorded.push_back("'" + h.id->replacement + "' put in for a real name in " + path +
                         (where.line > 0 ? " (line " + std::to_string(where.line) + ")" : ""));
    }
  } else if (n.is_map()) {
    for (auto& e : copy->entries)
      if (e.value) e.value = replaced(*e.value, path.empty() ? e.key : path + "." + e.key, e.key, matcher, sources, diags, recorded, depth + 1);
  } else if (n.is_list()) {
    for (std::size_t i = 0; i < copy->items.size(); ++i)
      if (copy->items[i])
        copy->items[i] = replaced(*copy->items[i], path + "[" + std::to_string(i) + "]", key, matcher, sources, diags, recorded, depth + 1);
  }
  return copy;
}

}  // namespace

std::vector<SourceHit> source_hits(const data::Node& data, const scan::Matcher& matcher) {
  std::vector<SourceHit> out;
  Sources sources;
  walk_sources(data, "", "", matcher, sources, out, 0);
  return out;
}

data::NodePtr with_names_replaced(const data::Node& data, const scan::Matcher& matcher, Diagnostics& diags,
                                  std::vector<std::string>& recorded) {
  Sources sources;
  return replaced(data, "", "", matcher, sources, diags, recorded, 0);
}

bool publishable(const std::string& docx, const std::string& name, const Kind& kind, Publication& publication,
                 Diagnostics& diags, std::vector<std::string>& recorded) {
  std::string why;
  auto spans = scan::docx_spans(docx, name, why);
  const std::string audience = kind.audience == Audience::Published ? "a published" : "an anonymised";
  bool ok = true;
  for (const auto& [index, h] : scan::find_in_spans(spans, publication.matcher)) {
    const scan::Span& span = spans[index];
    std::string paragraph = squeezed(span.text);
    {
      Diagnostic d;
      d.where = span.where;
      d.message = h.message;
      d.hint = h.hint;
      bool allowed = false;
      for (const auto& a : publication.allowed)
        if (lowered(h.message).find(lowered("('" + a + "'")) != std::string::npos) {
          allowed = true;
          publication.allowed_used.insert(a);
        }
      if (allowed) {
        d.severity = Severity::Warning;
        d.hint = "allowed with --allow";
        d.where.excerpt = scan::excerpt(span.text, h.begin, h.end);
        // The text the document holds anyway, never whose it is: that would be the anonymisation key.
        std::string record = "'" + span.text.substr(h.begin, h.end - h.begin) + "'";
        if (std::find(recorded.begin(), recorded.end(), record) == recorded.end()) recorded.push_back(record);
        diags.add(d);
        continue;
      }
      if (!h.error) {
        d.severity = Severity::Warning;
        d.where.excerpt = scan::excerpt(span.text, h.begin, h.end);
        diags.add(d);
        continue;
      }
      ok = false;
      // Typed into the case file and carried here: told once, where the author can mend it.
      const SourceHit* from = nullptr;
      for (const auto& s : publication.sources)
        if ((h.id ? s.id == h.id : s.message == h.message) && !s.window.empty() && paragraph.find(s.window) != std::string::npos) {
          from = &s;
          break;
        }
      if (from) {
        std::string key = kind.id + "\n" + from->where.file + ":" + std::to_string(from->where.line) + ":" + std::to_string(from->where.column) +
                          "\n" + h.message;
        std::string cannot;
        if (publication.replace_names)
          cannot = std::string("; --replace-names cannot put a pseudonym in for it: ") +
                   (h.id && h.id->shared ? "it is more than one person's, and which is meant only the author knows" : "nothing stands in for it");
        if (publication.told.insert(key).second)
          diags.error(from->where,
                      h.message + " in " + from->path + ", which " + audience + " document carries (" + kind.id + ", " + span.where.part + ")" + cannot,
                      h.hint + " here" + (h.id && !h.id->replacement.empty() && !publication.replace_names ? ", or generate with --replace-names" : ""));
        continue;
      }
      d.message = "in " + audience + " document: " + h.message;
      d.where.excerpt = scan::excerpt(span.text, h.begin, h.end);
      diags.add(d);
    }
  }
  return ok;
}

std::string with_custom_properties(const std::string& docx, const std::vector<std::pair<std::string, std::string>>& properties) {
  if (properties.empty()) return docx;
  std::string why;
  auto pkg = ooxml::Package::from_bytes(docx, why);
  if (!pkg) return docx;
  const std::string custom_type = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
  const std::string rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
  std::string xml;
  int pid = 2;  // Word numbers custom properties from 2
  if (pkg->has("docProps/custom.xml")) {
    xml = pkg->read("docProps/custom.xml");
    for (std::size_t at = xml.find("pid=\""); at != std::string::npos; at = xml.find("pid=\"", at + 5)) {
      int v = 0;
      for (std::size_t k = at + 5; k < xml.size() && std::isdigit(static_cast<unsigned char>(xml[k])) && v < 1000000; ++k) v = v * 10 + (xml[k] - '0');
      pid = std::max(pid, v + 1);
    }
  } else {
    xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Properties "
          "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
          "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"></Properties>";
  }
  std::size_t close = xml.rfind("</Properties>");
  if (close == std::string::npos) return docx;
  std::string added;
  for (const auto& [name, value] : properties)
    added += "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"" + std::to_string(pid++) + "\" name=\"" +
             ooxml::escape_attribute(name) + "\"><vt:lpwstr>" + ooxml::escape_text(value) + "</vt:lpwstr></property>";
  xml.insert(close, added);
  ooxml::ZipWriter zip;
  for (const auto& part : pkg->parts()) {
    if (part.name == "docProps/custom.xml") continue;
    if (part.name == "[Content_Types].xml" || part.name == "_rels/.rels") {
      std::string content = pkg->read(part.name);
      if (part.name == "[Content_Types].xml" && content.find("/docProps/custom.xml") == std::string::npos) {
        std::size_t end = content.rfind("</Types>");
        if (end != std::string::npos)
          content.insert(end, "<Override PartName=\"/docProps/custom.xml\" ContentType=\"" + custom_type + "\"/>");
      }
      if (part.name == "_rels/.rels" && content.find(rel_type) == std::string::npos) {
        std::size_t end = content.rfind("</Relationships>");
        if (end != std::string::npos)
          content.insert(end, "<Relationship Id=\"rIdReviewkitCustom\" Type=\"" + rel_type + "\" Target=\"docProps/custom.xml\"/>");
      }
      zip.add(part.name, content);
      continue;
    }
    zip.add_stored(part);
  }
  zip.add("docProps/custom.xml", xml);
  return zip.finish();
}

}  // namespace reviewkit::documents
