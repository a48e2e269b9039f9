// The spans of a PDF: its pages' text and every other place a name can hide in one.
//
// Two readers, each for what it does best. poppler-cpp (Debian's libpoppler-cpp) reads the page
// text: PoDoFo 0.9 has no text extraction (fonts' encodings, ToUnicode maps, reading order), and
// poppler's is the one xpdf and every Linux viewer share. poppler-cpp exposes the document info,
// the XMP packet, the outline and the embedded files too, but not annotations or form fields; so
// PoDoFo 0.9 (already reviewkit's PDF library, engine/pdf) reads the whole structure — annotations,
// form fields, bookmarks, the info dictionary, XMP and attachments — in one walk over the objects,
// where each decoded stream is capped as it is inflated (zlib, stopped at the cap), which
// poppler-cpp's embedded_file::data() cannot. Both readers are told nothing on stderr, and every
// exception either throws ends here: a PDF that cannot be read is a `why`, never a crash.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <libxml/tree.h>

#include <podofo/podofo.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <cctype>
#include <map>
#include <set>

#include "common/utf8.hpp"
#include "ooxml/xml.hpp"
#include "pdf/document.hpp"
#include "scan/scan.hpp"

namespace reviewkit::scan {

using namespace PoDoFo;

namespace {

constexpr std::size_t kMaxPdfBytes = 256u << 20;     ///< the file itself
constexpr int kMaxPages = 5000;                      ///< pages whose text is read
constexpr int kMaxAnnotations = 100'000;             ///< annotations and form fields, in all
constexpr int kMaxOutline = 100'000;                 ///< bookmarks
constexpr int kMaxAttachmentDepth = 3;               ///< a PDF in a PDF in a PDF
constexpr std::size_t kMaxAttachmentBytes = 64u << 20;  ///< one attached file, decoded
constexpr std::size_t kMaxStreamBytes = 16u << 20;      ///< one other decoded stream (XMP, an appearance)
constexpr std::size_t kMaxTextBytes = 32u << 20;        ///< all the text of one PDF, attachments included

/// What one PDF, with its attachments, may still use.
struct Budget {
  std::size_t text = kMaxTextBytes;
  int annotations = kMaxAnnotations;
  bool text_cut = false, annotations_cut = false;
};

struct Reader {
  std::string file;
  std::string prefix;  ///< "attachment 'a.pdf' " inside another PDF
  Budget& budget;
  Diagnostics* notes;
  int depth;
  std::vector<Span> out;

  Location at(const std::string& part = {}) const {
    Location l;
    l.file = file;
    l.part = prefix.empty() ? part : prefix + (part.empty() ? "" : " " + part);
    if (!prefix.empty() && l.part.back() == ' ') l.part.pop_back();
    return l;
  }
  void add(const std::string& part, std::string text, int order = 0) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
    if (text.empty()) return;
    if (text.size() > budget.text) {
      budget.text_cut = true;
      return;
    }
    budget.text -= text.size();
    Span s;
    s.where = at(part);
    s.where.paragraph = order;
    s.text = std::move(text);
    out.push_back(std::move(s));
  }
  void error(const std::string& message, const std::string& hint = {}) {
    if (notes) notes->error(at(), message, hint);
  }
  void warning(const std::string& part, const std::string& message, const std::string& hint = {}) {
    if (notes) notes->warning(at(part), message, hint);
  }
};

void quiet_poppler(const std::string&, void*) {}

std::string mb(std::size_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// ---------------------------------------------------------------------------------------------
// Page text (poppler)

bool is_hyphen_end(const std::string& w) {
  if (w.size() >= 2 && w.back() == '-') return true;
  if (w.size() >= 3 && w.compare(w.size() - 2, 2, "\xC2\xAD") == 0) return true;      // soft hyphen
  if (w.size() >= 4 && w.compare(w.size() - 3, 3, "\xE2\x80\x90") == 0) return true;  // U+2010
  return false;
}
std::string without_hyphen(const std::string& w) {
  if (w.back() == '-') return w.substr(0, w.size() - 1);
  return w.substr(0, w.size() - (w.compare(w.size() - 2, 2, "\xC2\xAD") == 0 ? 2 : 3));
}

/// A page's words, in poppler's reading order, as lines grouped into blocks (a paragraph, a
/// footnote, a table cell): a line ends where the next word is not beside it, a block where the
/// next line is not just below it. Inside a block, a word hyphenated at a line's end is joined to
/// the next ("Mar-" "low" is "Marlow"; "Marlow-" "Quinn" is "Marlow-Quinn"), other lines with a
/// line break, which the scanner matches across.
void page_spans(Reader& r, const poppler::page& page, int number) {
  std::vector<poppler::text_box> words = page.text_list();
  struct Line {
    std::string text;
    double top = 0, bottom = 0, left = 0;
    bool hyphen = false;
  };
  std::vector<Line> lines;
  double last_right = 0;
  bool space_after = true;
  for (auto& w : words) {
    auto bytes = w.text().to_utf8();
    std::string t(bytes.begin(), bytes.end());
    if (t.empty()) continue;
    poppler::rectf b = w.bbox();
    double top = b.y(), bottom = b.y() + b.height(), left = b.x();
    bool same = false;
    if (!lines.empty()) {
      const Line& l = lines.back();
      double overlap = std::min(bottom, l.bottom) - std::max(top, l.top);
      double height = std::max(1.0, std::min(bottom - top, l.bottom - l.top));
      same = overlap > 0.5 * height && left >= last_right - height;
    }
    if (!same) lines.push_back({"", top, bottom, left, false});
    Line& l = lines.back();
    if (!l.text.empty() && space_after) l.text += ' ';
    l.text += t;
    l.top = std::min(l.top, top);
    l.bottom = std::max(l.bottom, bottom);
    last_right = b.x() + b.width();
    space_after = w.has_space_after();
    if (r.budget.text < l.text.size()) break;
  }
  std::size_t i = 0;
  while (i < lines.size()) {
    std::size_t first = i;
    std::string text = lines[i].text;
    while (i + 1 < lines.size()) {
      const Line& a = lines[i];
      const Line& b = lines[i + 1];
      double height = std::max(1.0, a.bottom - a.top);
      double gap = b.top - a.bottom;
      if (gap < -0.3 * height || gap > 0.9 * height || std::fabs(b.left - a.left) > 40 * height) break;
      const std::string& prev = a.text;
      std::size_t space = prev.rfind(' ');
      std::string last_word = space == std::string::npos ? prev : prev.substr(space + 1);
      unsigned char next = b.text.empty() ? 0 : static_cast<unsigned char>(b.text[0]);
      if (is_hyphen_end(last_word) && next) {
        // "Mar-" + "low": a word broken at the line's end; "Marlow-" + "Quinn": a hyphen of its own
        std::string joined = text.substr(0, text.size() - last_word.size());
        joined += (next >= 'a' && next <= 'z') ? without_hyphen(last_word) : without_hyphen(last_word) + "-";
        text = joined + b.text;
      } else {
        text += "\n" + b.text;
      }
      ++i;
    }
    std::string place = "page " + std::to_string(number) + (i == first ? " line " + std::to_string(first + 1)
                                                                       : " lines " + std::to_string(first + 1) + "\u2013" + std::to_string(i + 1));
    r.add(place, text, number);
    ++i;
  }
}

// ---------------------------------------------------------------------------------------------
// The structure (PoDoFo)

/// A PdfOutputStream that keeps the first `cap` bytes and notes that more came. It never throws:
/// an exception through PoDoFo 0.9's Flate filter leaves zlib's state behind (a leak the fuzzer
/// found), so a Flate stream is inflated here instead (`inflate_capped`) and stopped at the cap.
class Kept : public PdfOutputStream {
 public:
  Kept(std::string& out, std::size_t cap) : out_(out), cap_(cap) {}
  pdf_long Write(const char* buffer, pdf_long length) override {
    if (length <= 0) return 0;
    std::size_t n = static_cast<std::size_t>(length);
    if (out_.size() + n > cap_) {
      over = true;
      n = cap_ - std::min(cap_, out_.size());
    }
    out_.append(buffer, n);
    return length;
  }
  void Close() override {}
  bool over = false;

 private:
  std::string& out_;
  std::size_t cap_;
};

/// zlib data inflated, at most `cap` bytes (`over` when there is more); a damaged stream gives
/// what inflated before the damage, as viewers show it.
std::string inflate_capped(const std::string& in, std::size_t cap, bool& over) {
  std::string out;
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), 0xFFFFFFFFu));
  char chunk[65536];
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    status = inflate(&z, Z_NO_FLUSH);
    std::size_t got = sizeof chunk - z.avail_out;
    if (out.size() + got > cap) {
      over = true;
      break;
    }
    out.append(chunk, got);
    if (got == 0 && status == Z_OK) break;  // no progress: the input is spent
  }
  inflateEnd(&z);
  return out;
}

/// AES-decrypted strings keep their padding in PoDoFo 0.9 (bytes 1–16, or those bytes doubled in
/// UTF-16): taken off.
std::string unpad(std::string s) {
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c >= 1 && c <= 16) {
      s.pop_back();
      continue;
    }
    // U+0101..U+1010 with equal bytes, UTF-8 encoded in 2 or 3 bytes
    if (s.size() >= 2 && (static_cast<unsigned char>(s[s.size() - 2]) & 0xE0) == 0xC0) {
      unsigned cp = ((static_cast<unsigned char>(s[s.size() - 2]) & 0x1F) << 6) | (c & 0x3F);
      if ((cp >> 8) == (cp & 0xFF) && (cp & 0xFF) >= 1 && (cp & 0xFF) <= 16) {
        s.resize(s.size() - 2);
        continue;
      }
    }
    if (s.size() >= 3 && (static_cast<unsigned char>(s[s.size() - 3]) & 0xF0) == 0xE0) {
      unsigned cp = ((static_cast<unsigned char>(s[s.size() - 3]) & 0x0F) << 12) |
                    ((static_cast<unsigned char>(s[s.size() - 2]) & 0x3F) << 6) | (c & 0x3F);
      if ((cp >> 8) == (cp & 0xFF) && (cp & 0xFF) >= 1 && (cp & 0xFF) <= 16) {
        s.resize(s.size() - 3);
        continue;
      }
    }
    break;
  }
  return s;
}

/// Bytes in a simple font's encoding (WinAnsi, as form fields' appearances and most producers
/// write them) as UTF-8: ASCII kept, the rest as Latin-1, controls as spaces.
std::string latin1(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c < 0x20) out += ' ';
    else if (c < 0x80) out += static_cast<char>(c);
    else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

/// How a font's codes become text: its ToUnicode map (codes of `bytes` bytes each), else, for a
/// simple font, WinAnsi; a composite font without a map gives nothing (its codes are glyph numbers).
struct FontMap {
  int bytes = 1;
  bool simple = true;
  std::map<std::uint32_t, std::string> to;
};

std::uint32_t hex_code(const std::string& hex) {
  std::uint32_t v = 0;
  for (char c : hex.substr(0, 8)) v = (v << 4) | static_cast<std::uint32_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10) & 15);
  return v;
}
std::string hex_utf16(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(hex_code(hex.substr(i, 2)));
  return utf16_to_utf8(bytes, false);
}

/// A ToUnicode CMap's bfchar and bfrange entries.
void parse_cmap(const std::string& cmap, FontMap& m) {
  std::vector<std::string> tokens;  // "<hex", "[", "]" or a word
  for (std::size_t i = 0; i < cmap.size() && tokens.size() < 200'000;) {
    char c = cmap[i];
    if (c == '<') {
      std::size_t end = cmap.find('>', i);
      if (end == std::string::npos) break;
      std::string hex;
      for (std::size_t k = i + 1; k < end; ++k)
        if (std::isxdigit(static_cast<unsigned char>(cmap[k]))) hex += cmap[k];
      tokens.push_back("<" + hex);
      i = end + 1;
    } else if (c == '[' || c == ']') {
      tokens.push_back(std::string(1, c));
      ++i;
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      std::size_t k = i;
      while (k < cmap.size() && std::isalnum(static_cast<unsigned char>(cmap[k]))) ++k;
      tokens.push_back(cmap.substr(i, k - i));
      i = k;
    } else {
      ++i;
    }
  }
  bool first = true;
  auto code_size = [&](const std::string& t) {
    if (first) m.bytes = std::max(1, std::min(4, static_cast<int>((t.size() - 1) / 2)));
    first = false;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] == "beginbfchar") {
      for (++i; i + 1 < tokens.size() && tokens[i] != "endbfchar"; i += 2) {
        if (tokens[i][0] != '<' || tokens[i + 1][0] != '<') break;
        code_size(tokens[i]);
        m.to[hex_code(tokens[i].substr(1))] = hex_utf16(tokens[i + 1].substr(1));
      }
    } else if (tokens[i] == "beginbfrange") {
      for (++i; i + 2 < tokens.size() && tokens[i] != "endbfrange";) {
        if (tokens[i][0] != '<' || tokens[i + 1][0] != '<') break;
        code_size(tokens[i]);
        std::uint32_t lo = hex_code(tokens[i].substr(1)), hi = std::min(hex_code(tokens[i + 1].substr(1)), lo + 0xFFFF);
        if (tokens[i + 2] == "[") {
          std::size_t k = i + 3;
          for (std::uint32_t code = lo; code <= hi && k < tokens.size() && tokens[k][0] == '<'; ++code, ++k) m.to[code] = hex_utf16(tokens[k].substr(1));
          while (k < tokens.size() && tokens[k] != "]") ++k;
          i = k + 1;
        } else if (tokens[i + 2][0] == '<') {
          std::string dst = tokens[i + 2].substr(1);  // its last UTF-16 unit counts up through the range
          std::uint32_t start = hex_code(dst.substr(dst.size() >= 4 ? dst.size() - 4 : 0));
          for (std::uint32_t code = lo; code <= hi; ++code) m.to[code] = utf8(static_cast<char32_t>(start + (code - lo)));
          i += 3;
        } else {
          break;
        }
      }
    }
  }
}

std::string decode(const std::string& bytes, const FontMap* m) {
  if (!m || (m->to.empty() && m->simple)) return latin1(bytes);
  if (m->to.empty()) return {};
  std::string out;
  std::size_t n = static_cast<std::size_t>(m->bytes);
  for (std::size_t i = 0; i + n <= bytes.size(); i += n) {
    std::uint32_t code = 0;
    for (std::size_t k = 0; k < n; ++k) code = (code << 8) | static_cast<unsigned char>(bytes[i + k]);
    auto it = m->to.find(code);
    if (it != m->to.end()) out += it->second;
  }
  return out;
}

/// A string's bytes as they stand in a content stream.
std::string raw(const PdfString& s) {
  const char* data = s.IsValid() ? s.GetString() : nullptr;
  return data ? std::string(data, static_cast<std::size_t>(std::max<pdf_long>(0, s.GetLength()))) : std::string();
}

class Structure {
 public:
  Structure(Reader& r, PdfMemDocument& doc, bool has_info)
      : r_(r), doc_(doc), objects_(doc.GetObjects()), encrypted_(doc.GetEncrypted()), has_info_(has_info) {}

  void read();

 private:
  Reader& r_;
  PdfMemDocument& doc_;
  PdfVecObjects& objects_;
  bool encrypted_;
  bool has_info_;  ///< the file has an information dictionary (else PoDoFo made one as it loaded)
  std::set<PdfReference> fields_seen_;
  int attachments_ = 0;
  std::map<const PdfObject*, FontMap> fonts_;

  const FontMap* font_map(const PdfObject* font) {
    auto it = fonts_.find(font);
    if (it != fonts_.end()) return &it->second;
    if (fonts_.size() > 1000) return nullptr;
    FontMap m;
    if (text(get(font, "Subtype")) == "Type0") {
      m.simple = false;
      m.bytes = 2;
    }
    if (const PdfObject* cmap = get(font, "ToUnicode")) {
      bool over = false;
      parse_cmap(stream(cmap, 1u << 20, over), m);
    }
    return &(fonts_[font] = std::move(m));
  }

  const PdfObject* resolve(const PdfObject* o) const {
    for (int i = 0; o && o->IsReference() && i < 16; ++i) o = objects_.GetObject(o->GetReference());
    return o && !o->IsReference() ? o : nullptr;
  }
  const PdfObject* get(const PdfObject* dict, const char* key) const {
    if (!dict || !dict->IsDictionary()) return nullptr;
    return resolve(dict->GetDictionary().GetKey(PdfName(key)));
  }
  std::string text(const PdfObject* o, int depth = 0) const {
    if (!o || depth > 4) return {};
    if (o->IsString() || o->IsHexString()) {
      const PdfString& s = o->GetString();
      if (!s.IsValid()) return {};
      std::string t = s.GetStringUtf8();
      return encrypted_ ? unpad(t) : t;
    }
    if (o->IsName()) return o->GetName().GetName();
    if (o->IsArray()) {
      std::string out;
      std::size_t n = 0;
      for (const auto& e : o->GetArray()) {
        if (++n > 1000) break;
        std::string t = text(resolve(&e), depth + 1);
        if (!t.empty()) out += (out.empty() ? "" : "; ") + t;
      }
      return out;
    }
    return {};
  }
  /// A stream's decoded bytes, at most `cap`; nothing (and `over`) beyond. A stream that cannot
  /// be decoded gives what could be.
  std::string stream(const PdfObject* o, std::size_t cap, bool& over) const {
    std::string out;
    over = false;
    if (!o || !o->HasStream()) return out;
    const PdfObject* filter = get(o, "Filter");
    if (filter && filter->IsArray() && filter->GetArray().size() == 1) filter = resolve(&filter->GetArray()[0]);
    const PdfObject* parms = get(o, "DecodeParms");
    bool flate = filter && filter->IsName() && filter->GetName().GetName() == "FlateDecode" &&
                 (!parms || (parms->IsDictionary() && !get(parms, "Predictor")) || parms->IsNull());
    try {
      if (!filter || flate) {
        std::string raw_bytes;
        Kept raw(raw_bytes, kMaxPdfBytes);
        o->GetStream()->GetCopy(&raw);
        if (!filter) {
          over = raw_bytes.size() > cap;
          return over ? std::string() : raw_bytes;
        }
        out = inflate_capped(raw_bytes, cap, over);
      } else {  // other filters and predictors: PoDoFo's
        Kept kept(out, cap);
        o->GetStream()->GetFilteredCopy(&kept);
        over = kept.over;
      }
    } catch (const PdfError&) {
      // a filter PoDoFo does not know, or damaged data: what was decoded is kept
    }
    if (over) out.clear();
    return out;
  }

  void info();
  void xmp();
  void outline();
  void fields();
  void field(const PdfObject* f, const std::string& parent, int depth);
  void pages();
  void appearance(const PdfObject* annot, const std::string& place);
  void names_tree(const PdfObject* node, int depth, int& count);
  void attachment(const PdfObject* spec, const std::string& where_from);
};

void Structure::read() {
  // Each walk on its own: a damaged outline does not keep the annotations from being read.
  struct Step {
    void (Structure::*run)();
    const char* what;
  };
  for (Step s : {Step{&Structure::info, "document information"}, Step{&Structure::xmp, "XMP metadata"},
                 Step{&Structure::outline, "bookmarks"}, Step{&Structure::fields, "form fields"},
                 Step{&Structure::pages, "annotations"}}) {
    try {
      (this->*s.run)();
    } catch (const PdfError& e) {
      r_.error(std::string("its ") + s.what + " could not all be read (" + pdf::pdf_error_text(e) + "); what could not be read was not scanned",
               "check the PDF opens in a PDF reader, or scan the document it was made from");
    } catch (const std::exception& e) {
      r_.error(std::string("its ") + s.what + " could not all be read (" + e.what() + "); what could not be read was not scanned",
               "check the PDF opens in a PDF reader, or scan the document it was made from");
    }
  }
  try {  // attachments of the document itself (those of annotations were read with them)
    int count = 0;
    const PdfObject* names = get(doc_.GetCatalog(), "Names");
    names_tree(get(names, "EmbeddedFiles"), 0, count);
  } catch (const PdfError& e) {
    r_.error("its attachments could not all be read (" + pdf::pdf_error_text(e) + "); what could not be read was not scanned",
             "save the attachments and scan them");
  } catch (const std::exception& e) {
    r_.error(std::string("its attachments could not all be read (") + e.what() + "); what could not be read was not scanned",
             "save the attachments and scan them");
  }
}

void Structure::info() {
  const PdfObject* info = has_info_ ? get(doc_.GetTrailer(), "Info") : nullptr;
  if (!info || !info->IsDictionary()) return;
  // Not the dates: PoDoFo sets ModDate as it loads (and CreationDate and Producer where the file
  // has no information dictionary), and a D:20250115… date is not how a birthday is written.
  for (const auto& [key, value] : info->GetDictionary().GetKeys())
    if (key.GetName() != "CreationDate" && key.GetName() != "ModDate")
      r_.add("document information " + key.GetName(), text(resolve(value)));
}

void Structure::xmp() {
  const PdfObject* meta = get(doc_.GetCatalog(), "Metadata");
  if (!meta) return;
  bool over = false;
  std::string xml = stream(meta, kMaxStreamBytes, over);
  if (over) {
    r_.error("its XMP metadata unpacks to more than " + mb(kMaxStreamBytes) + " and was not scanned", "remove the metadata, or scan the document it was made from");
    return;
  }
  auto doc = ooxml::parse_xml(xml);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) {
    r_.add("XMP metadata", xml);  // not XML: its text as it is
    return;
  }
  std::vector<const xmlNode*> todo{root};
  std::vector<Span> found;
  while (!todo.empty()) {
    const xmlNode* n = todo.back();
    todo.pop_back();
    std::string name = n->name ? reinterpret_cast<const char*>(n->name) : "";
    if (n->ns && n->ns->prefix) name = std::string(reinterpret_cast<const char*>(n->ns->prefix)) + ":" + name;
    for (const xmlAttr* a = n->properties; a; a = a->next) {  // rdf:Description's short form: pdf:Producer="…"
      std::string an = a->name ? reinterpret_cast<const char*>(a->name) : "";
      if (a->ns && a->ns->prefix) an = std::string(reinterpret_cast<const char*>(a->ns->prefix)) + ":" + an;
      if (an.rfind("rdf:", 0) == 0 || an.rfind("xml:", 0) == 0 || an.rfind("xmlns", 0) == 0) continue;
      xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
      if (v) {
        r_.add("XMP metadata " + an, reinterpret_cast<const char*>(v));
        xmlFree(v);
      }
    }
    bool leaf = true;
    std::vector<const xmlNode*> kids;
    for (const xmlNode* c = n->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE) {
        leaf = false;
        kids.push_back(c);
      }
    for (auto it = kids.rbegin(); it != kids.rend() && todo.size() < 100'000; ++it) todo.push_back(*it);
    if (!leaf) continue;
    // rdf:li inside rdf:Alt/Seq/Bag: named by the property holding it (dc:title, dc:creator)
    const xmlNode* owner = n;
    std::string label = name;
    for (int up = 0; up < 3 && label.rfind("rdf:", 0) == 0 && owner->parent && owner->parent->type == XML_ELEMENT_NODE; ++up) {
      owner = owner->parent;
      label = owner->name ? reinterpret_cast<const char*>(owner->name) : "";
      if (owner->ns && owner->ns->prefix) label = std::string(reinterpret_cast<const char*>(owner->ns->prefix)) + ":" + label;
    }
    r_.add("XMP metadata " + label, ooxml::text_of(n));
  }
}

void Structure::outline() {
  const PdfObject* root = get(doc_.GetCatalog(), "Outlines");
  std::vector<std::pair<const PdfObject*, int>> todo;
  if (const PdfObject* first = get(root, "First")) todo.push_back({first, 1});
  std::set<const PdfObject*> seen;
  int number = 0;
  while (!todo.empty()) {
    auto [item, level] = todo.back();
    todo.pop_back();
    // siblings through /Next, children through /First; a cycle or a huge tree is cut
    for (const PdfObject* o = item; o && o->IsDictionary() && seen.insert(o).second; o = get(o, "Next")) {
      if (++number > kMaxOutline) {
        r_.error("it has more than " + std::to_string(kMaxOutline) + " bookmarks; the rest were not scanned");
        return;
      }
      r_.add("bookmark " + std::to_string(number) + (level > 1 ? " (level " + std::to_string(level) + ")" : ""), text(get(o, "Title")));
      if (const PdfObject* a = get(o, "A"))
        r_.add("bookmark " + std::to_string(number) + " link", text(get(a, "URI")));
      if (const PdfObject* kid = get(o, "First"); kid && level < 64) todo.push_back({kid, level + 1});
    }
  }
}

void Structure::fields() {
  const PdfObject* form = get(doc_.GetCatalog(), "AcroForm");
  const PdfObject* list = get(form, "Fields");
  if (!list || !list->IsArray()) return;
  for (const auto& f : list->GetArray()) field(&f, "", 0);
}

void Structure::field(const PdfObject* ref, const std::string& parent, int depth) {
  if (depth > 32 || r_.budget.annotations <= 0) {
    if (r_.budget.annotations <= 0) r_.budget.annotations_cut = true;
    return;
  }
  if (ref->IsReference() && !fields_seen_.insert(ref->GetReference()).second) return;  // a cycle
  const PdfObject* f = resolve(ref);
  if (!f || !f->IsDictionary()) return;
  --r_.budget.annotations;
  std::string partial = text(get(f, "T"));
  std::string name = parent.empty() ? partial : partial.empty() ? parent : parent + "." + partial;
  std::string place = "form field '" + name + "'";
  if (!partial.empty()) r_.add(place + " name", partial);
  r_.add(place + " value", text(get(f, "V")));
  r_.add(place + " default value", text(get(f, "DV")));
  r_.add(place + " tooltip", text(get(f, "TU")));
  r_.add(place + " export name", text(get(f, "TM")));
  if (const PdfObject* opt = get(f, "Opt")) r_.add(place + " choices", text(opt));
  if (get(f, "Subtype") || get(f, "AP")) appearance(f, place);  // a field merged with its widget
  if (const PdfObject* kids = get(f, "Kids"); kids && kids->IsArray())
    for (const auto& k : kids->GetArray()) field(&k, name, depth + 1);
}

/// The text an annotation's normal appearance draws: the strings its Tj, TJ, ' and " show.
void Structure::appearance(const PdfObject* annot, const std::string& place) {
  const PdfObject* ap = get(annot, "AP");
  const PdfObject* normal = get(ap, "N");
  std::vector<const PdfObject*> streams;
  if (normal && normal->HasStream()) streams.push_back(normal);
  else if (normal && normal->IsDictionary())  // one appearance a state (check boxes): their streams
    for (const auto& [key, value] : normal->GetDictionary().GetKeys()) {
      (void)key;
      if (const PdfObject* s = resolve(value); s && s->HasStream() && streams.size() < 8) streams.push_back(s);
    }
  for (const PdfObject* s : streams) {
    bool over = false;
    std::string content = stream(s, std::min(kMaxStreamBytes, r_.budget.text), over);
    if (over || content.empty()) continue;
    PdfContentsTokenizer tokens(content.data(), static_cast<long>(content.size()));
    EPdfContentsType type;
    const char* keyword = nullptr;
    PdfVariant var;
    std::vector<std::string> operands;
    std::string shown, last_name;
    const FontMap* font = nullptr;
    int steps = 0;
    while (++steps < 1'000'000 && tokens.ReadNext(type, keyword, var)) {
      if (type == ePdfContentsType_Variant) {
        if (var.IsString() || var.IsHexString()) operands.push_back(decode(raw(var.GetString()), font));
        else if (var.IsName()) last_name = var.GetName().GetName();
        else if (var.IsArray()) {
          std::string joined;
          for (const auto& e : var.GetArray())
            if (e.IsString() || e.IsHexString()) joined += decode(raw(e.GetString()), font);
            else if (e.IsNumber() && e.GetNumber() < -200) joined += ' ';  // a wide gap is a space
          operands.push_back(joined);
        }
        continue;
      }
      if (type != ePdfContentsType_Keyword || !keyword) continue;
      std::string k = keyword;
      if (k == "Tf") {  // the font by its resource name: the stream's own resources, else the form's
        const PdfObject* f = get(get(get(s, "Resources"), "Font"), last_name.c_str());
        if (!f) f = get(get(get(get(doc_.GetCatalog(), "AcroForm"), "DR"), "Font"), last_name.c_str());
        font = f ? font_map(f) : nullptr;
        operands.clear();
        continue;
      }
      if ((k == "Tj" || k == "TJ" || k == "'" || k == "\"") && !operands.empty()) {
        if (!shown.empty() && k != "Tj" && k != "TJ") shown += '\n';
        shown += operands.back();
      } else if ((k == "Td" || k == "TD" || k == "T*" || k == "Tm" || k == "ET") && !shown.empty() && shown.back() != '\n') {
        shown += '\n';
      }
      operands.clear();
    }
    r_.add(place + " appearance", shown);
  }
}

void Structure::pages() {
  // The page tree walked here rather than by PoDoFo's PdfPagesTree: a crafted tree (a cycle, a
  // node that is its own kid, a million levels) is cut, not followed.
  std::vector<const PdfObject*> leaves;
  std::set<const PdfObject*> seen;
  std::vector<std::pair<const PdfObject*, int>> todo;
  if (const PdfObject* root = get(doc_.GetCatalog(), "Pages")) todo.push_back({root, 0});
  while (!todo.empty() && static_cast<int>(leaves.size()) < kMaxPages) {
    auto [node, depth] = todo.back();
    todo.pop_back();
    if (!node || !node->IsDictionary() || !seen.insert(node).second) continue;
    const PdfObject* kids = get(node, "Kids");
    if (!kids || !kids->IsArray()) {
      leaves.push_back(node);
      continue;
    }
    if (depth >= 64) continue;
    const PdfArray& a = kids->GetArray();
    for (std::size_t k = a.size(); k-- > 0 && todo.size() < 1'000'000;) todo.push_back({resolve(&a[k]), depth + 1});
  }
  for (int i = 0; i < static_cast<int>(leaves.size()); ++i) {
    const PdfObject* annots = get(leaves[static_cast<std::size_t>(i)], "Annots");
    if (!annots || !annots->IsArray()) continue;
    int number = 0;
    for (const auto& a : annots->GetArray()) {
      if (r_.budget.annotations <= 0) {
        r_.budget.annotations_cut = true;
        return;
      }
      --r_.budget.annotations;
      ++number;
      const PdfObject* annot = resolve(&a);
      if (!annot || !annot->IsDictionary()) continue;
      std::string subtype = text(get(annot, "Subtype"));
      std::string place = "page " + std::to_string(i + 1) + " " + (subtype.empty() ? "annotation" : subtype + " annotation") + " " + std::to_string(number);
      if (subtype == "Widget") {  // a form field's widget: read with the fields, unless no field lists it
        if (a.IsReference() && fields_seen_.count(a.GetReference())) continue;
        std::string name = text(get(annot, "T"));
        place = "page " + std::to_string(i + 1) + " form field '" + name + "'";
        r_.add(place + " value", text(get(annot, "V")));
        r_.add(place + " tooltip", text(get(annot, "TU")));
        appearance(annot, place);
        continue;
      }
      if (subtype == "Popup") continue;  // a note's window: the note itself holds the text
      r_.add(place + " text", text(get(annot, "Contents")));
      r_.add(place + " author", text(get(annot, "T")));
      r_.add(place + " subject", text(get(annot, "Subj")));
      if (const PdfObject* rc = get(annot, "RC")) {  // rich text: its XHTML, the tags taken out
        std::string rich = text(rc), plain;
        if (rc->HasStream()) {
          bool over = false;
          rich = stream(rc, kMaxStreamBytes, over);
        }
        bool tag = false;
        for (char c : rich) {
          if (c == '<') tag = true;
          else if (c == '>') { tag = false; plain += ' '; }
          else if (!tag) plain += c;
        }
        r_.add(place + " rich text", plain);
      }
      if (const PdfObject* action = get(annot, "A")) {
        r_.add(place + " link", text(get(action, "URI")));
        r_.add(place + " link", text(get(action, "F")));
      }
      if (subtype == "FreeText" || subtype == "Stamp") appearance(annot, place);
      if (subtype == "FileAttachment") attachment(get(annot, "FS"), place);
    }
  }
}

void Structure::names_tree(const PdfObject* node, int depth, int& count) {
  if (!node || depth > 32) return;
  if (const PdfObject* names = get(node, "Names"); names && names->IsArray()) {
    const PdfArray& a = names->GetArray();
    for (std::size_t i = 0; i + 1 < a.size(); i += 2) {
      if (++count > 10'000) {
        r_.error("it has more than 10000 attachments; the rest were not scanned");
        return;
      }
      std::string key = text(resolve(&a[i]));
      attachment(resolve(&a[i + 1]), "attachment '" + key + "'");
    }
  }
  if (const PdfObject* kids = get(node, "Kids"); kids && kids->IsArray())
    for (const auto& k : kids->GetArray()) names_tree(resolve(&k), depth + 1, count);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::vector<Span> pdf_spans_at(const std::string& bytes, const std::string& file, const std::string& prefix, std::string& why,
                               const std::string& password, Diagnostics* notes, int depth, Budget& budget);

const char* const kTextExtensions[] = {".txt", ".csv", ".md", ".text", ".yaml", ".yml", ".json", ".xml", ".html", ".htm", ".rtf", ".log", ".eml"};

void Structure::attachment(const PdfObject* spec, const std::string& where_from) {
  if (!spec) return;
  if (++attachments_ > 10'000) return;
  std::string name;
  if (spec->IsString() || spec->IsHexString()) name = text(spec);  // a file named, not embedded
  for (const char* key : {"UF", "F", "DOS", "Unix", "Mac"})
    if (name.empty()) name = text(get(spec, key));
  std::string place = where_from.rfind("attachment", 0) == 0 ? where_from : where_from + " attachment '" + name + "'";
  if (where_from.rfind("attachment", 0) == 0 && !name.empty() && where_from != "attachment '" + name + "'")
    place = "attachment '" + name + "'";
  r_.add(place + " name", name);
  r_.add(place + " description", text(get(spec, "Desc")));
  const PdfObject* ef = get(spec, "EF");
  const PdfObject* content = get(ef, "F");
  if (!content) content = get(ef, "UF");
  if (!content || !content->HasStream()) return;
  bool over = false;
  std::string bytes = stream(content, kMaxAttachmentBytes, over);
  if (over) {
    r_.error("the attachment '" + name + "' unpacks to more than " + mb(kMaxAttachmentBytes) + " and was not scanned",
             "save the attachment and scan it on its own");
    return;
  }
  std::string ext = lower(name);
  std::string mime = lower(text(get(content, "Subtype")));
  bool is_zip = bytes.compare(0, 2, "PK") == 0;
  bool is_pdf = !is_zip && bytes.find("%PDF-") < 1024;
  std::string sub = r_.prefix.empty() ? place : r_.prefix + " " + place;
  if (is_pdf) {
    if (r_.depth + 1 > kMaxAttachmentDepth) {
      r_.error("the attachment '" + name + "' is a PDF inside PDFs nested more than " + std::to_string(kMaxAttachmentDepth) + " deep and was not scanned",
               "save the attachment and scan it on its own");
      return;
    }
    std::string inner_why;
    auto spans = pdf_spans_at(bytes, r_.file, sub, inner_why, {}, r_.notes, r_.depth + 1, r_.budget);
    if (spans.empty() && !inner_why.empty()) {
      r_.error("the attachment '" + name + "' could not be read: " + inner_why, "save the attachment and scan it on its own");
      return;
    }
    for (auto& s : spans) r_.out.push_back(std::move(s));
  } else if (is_zip && (ends_with(ext, ".docx") || ends_with(ext, ".docm") || ends_with(ext, ".dotx") || bytes.find("word/") != std::string::npos)) {
    std::string inner_why;
    auto spans = docx_spans(bytes, r_.file, inner_why);
    if (spans.empty() && !inner_why.empty()) {
      r_.error("the attachment '" + name + "' could not be read as a Word document: " + inner_why, "save the attachment and scan it on its own");
      return;
    }
    for (auto& s : spans) {
      s.where.part = sub + " " + s.where.part;
      if (s.text.size() <= r_.budget.text) {
        r_.budget.text -= s.text.size();
        r_.out.push_back(std::move(s));
      } else {
        r_.budget.text_cut = true;
      }
    }
  } else if (mime.rfind("text/", 0) == 0 ||
             std::any_of(std::begin(kTextExtensions), std::end(kTextExtensions), [&](const char* e) { return ends_with(ext, e); })) {
    if (bytes.size() > r_.budget.text) {  // read whole or not at all (a mutated bomb: fuzz_pdf)
      r_.error("the attachment '" + name + "' holds more than the " + mb(kMaxTextBytes) + " of text reviewkit reads from one PDF and was not scanned",
               "save the attachment and scan it on its own");
      return;
    }
    for (auto& s : text_spans(bytes, r_.file)) {
      int line = s.where.line;
      s.where.line = 0;
      s.where.part = sub + " line " + std::to_string(line);
      if (s.text.empty()) continue;
      if (s.text.size() > r_.budget.text) {
        r_.budget.text_cut = true;
        break;
      }
      r_.budget.text -= s.text.size();
      r_.out.push_back(std::move(s));
    }
  } else {
    r_.warning(place, "the attachment '" + name + "' was not read (reviewkit reads attached PDF, Word and text files)",
               "save the attachment and check it by hand");
  }
}

std::vector<Span> pdf_spans_at(const std::string& bytes, const std::string& file, const std::string& prefix, std::string& why,
                               const std::string& password, Diagnostics* notes, int depth, Budget& budget) {
  why.clear();
  Reader r{file, prefix, budget, notes, depth, {}};
  if (bytes.size() > kMaxPdfBytes) {
    why = "it is larger than " + mb(kMaxPdfBytes);
    return {};
  }
  if (bytes.find("%PDF-") > 1024) {
    why = "it is not a PDF (it does not start with %PDF-)";
    return {};
  }
  const std::string locked = password.empty() ? "the PDF is protected with a password; give --password-file FILE"
                                              : "the password given does not open the PDF; check the password file";
  try {
    poppler::set_debug_error_function(quiet_poppler, nullptr);
    PdfError::EnableLogging(false);
    PdfError::EnableDebug(false);
    std::unique_ptr<poppler::document> text_doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size()), password, password));
    if (text_doc && text_doc->is_locked()) {
      why = locked;
      return {};
    }
    // The structure first: PoDoFo tells a missing password apart from a damaged file.
    PdfMemDocument doc;
    bool structure = true;
    std::string structure_problem;
    try {
      try {
        doc.LoadFromBuffer(bytes.data(), static_cast<long>(bytes.size()));
      } catch (const PdfError& e) {
        if (e.GetError() != ePdfError_InvalidPassword) throw;
        if (password.empty()) {
          why = locked;
          return {};
        }
        try {
          doc.SetPassword(password);
        } catch (const PdfError&) {
          why = locked;
          return {};
        }
      }
    } catch (const PdfError& e) {
      structure = false;
      structure_problem = pdf::pdf_error_text(e);
    }
    int pages = text_doc ? text_doc->pages() : 0;
    if (!text_doc || (!structure && pages <= 0)) {  // neither reader finds anything to read
      why = "it is damaged or not a PDF" + (structure_problem.empty() ? std::string() : " (" + structure_problem + ")");
      return {};
    }
    for (int i = 0; i < pages && i < kMaxPages; ++i) {
      std::unique_ptr<poppler::page> page(text_doc->create_page(i));
      if (page) page_spans(r, *page, i + 1);
      if (budget.text_cut) break;
    }
    if (pages > kMaxPages)
      r.error("the PDF has " + std::to_string(pages) + " pages; the text of the first " + std::to_string(kMaxPages) + " was scanned, the rest not",
              "split the PDF, or scan the document it was made from");
    if (!structure) {
      r.error("its annotations, bookmarks, form fields, attachments and properties could not be read (" + structure_problem +
                  "); only the pages' text was scanned",
              "check the PDF opens in a PDF reader, or scan the document it was made from");
    } else {
      Structure(r, doc, bytes.find("/Info") != std::string::npos).read();  // a trailer is never compressed
    }
  } catch (const PdfError& e) {
    r.error("the PDF could not all be read (" + pdf::pdf_error_text(e) + "); what could not be read was not scanned");
  } catch (const std::exception& e) {
    r.error(std::string("the PDF could not all be read (") + e.what() + "); what could not be read was not scanned");
  } catch (...) {
    r.error("the PDF could not all be read; what could not be read was not scanned");
  }
  if (depth == 0) {
    if (budget.text_cut)
      r.error("the PDF holds more than " + mb(kMaxTextBytes) + " of text; the rest was not scanned", "split the PDF");
    if (budget.annotations_cut)
      r.error("the PDF has more than " + std::to_string(kMaxAnnotations) + " annotations and form fields; the rest were not scanned");
  }
  return std::move(r.out);
}

}  // namespace

std::vector<Span> pdf_spans(const std::string& bytes, const std::string& file, std::string& why, const std::string& password,
                            Diagnostics* notes) {
  Budget budget;
  return pdf_spans_at(bytes, file, {}, why, password, notes, 0, budget);
}

}  // namespace reviewkit::scan
