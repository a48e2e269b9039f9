// Why this file is over 700 lines: it is one stage, the compiler of a part (passes A–F: paragraphs,
// tags, pieces, blocks, scopes, tree), one class whose passes hand each other its tables (pieces,
// chains, paragraphs). Each pass's output can be printed (PartTemplate::dump prints the tree);
// rendering is its own file (part_render.cpp).
#include "part_template.hpp"
#include "part_nodes.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <functional>
#include <set>

#include "common/numbers.hpp"
#include "common/suggest.hpp"
#include "common/text.hpp"
#include "ooxml/xml_tokens.hpp"

namespace reviewkit::templating {

using ooxml::XmlToken;

Box box_of(std::string_view name) {
  if (name == "w:p") return Box::P;
  if (name == "w:tr") return Box::Tr;
  if (name == "w:tc") return Box::Tc;
  if (name == "w:tbl") return Box::Tbl;
  if (name == "w:txbxContent") return Box::Txbx;
  if (name == "w:hdr" || name == "w:ftr" || name == "w:footnote" || name == "w:endnote" || name == "w:comment")
    return Box::Root;
  return Box::None;
}

// Containers Word requires to end with a paragraph.

bool blank(const std::string& s) {
  std::string t = trim(s);
  return t.empty();
}


PartTemplate::PartTemplate() = default;
PartTemplate::~PartTemplate() = default;

namespace {

using NodePtr = std::shared_ptr<const PartTemplate::Node>;

struct Piece {
  enum Kind { Xml, TagRef, Open, Close } kind = Xml;
  std::string xml;
  int tag = -1;
  Box box = Box::None;
  int match = -1;  // Open <-> Close
  bool paragraph_mark = false;
  bool dropped = false;
};

struct Paragraph {
  int number = 0;  // ¶N, 1-based in the part
  std::vector<std::size_t> texts;  // token indices of w:t text
  std::string text;                // joined
  int open_piece = -1, close_piece = -1;
  std::vector<int> tags;
  std::string outside;  // text outside tags
};

struct Found {
  std::size_t begin, end;  // in the paragraph's text
  int tag;
};

struct TextPart {
  bool is_tag = false;
  std::string text;
  int tag = -1;
};

std::string excerpt(const std::string& text) {
  std::string t = trim(text);
  if (t.size() <= 120) return t;
  std::size_t cut = 117;
  while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
  return t.substr(0, cut) + "...";
}

bool parse_length_cm(const std::string& text, double& cm) {
  std::string t = trim(text);
  std::size_t i = 0;
  while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.')) ++i;
  auto parsed = parse_decimal(std::string_view(t).substr(0, i));
  if (!parsed) return false;
  double v = *parsed;
  std::string unit = trim(t.substr(i));
  if (unit == "cm") cm = v;
  else if (unit == "mm") cm = v / 10;
  else if (unit == "in") cm = v * 2.54;
  else if (unit == "pt") cm = v * 2.54 / 72;
  else if (unit == "px") cm = v * 2.54 / 96;
  else return false;
  return cm > 0 && cm <= 100;  // nothing on a page is wider than a metre
}

class Compiler {
 public:
  Compiler(const std::string& xml, const std::string& file, const std::string& part, Diagnostics& diags)
      : xml_(xml), file_(file), part_(part), diags_(diags) {}

  bool has_figures() const {
    return std::any_of(tags_.begin(), tags_.end(), [](const auto& t) { return t->kind == TagKind::Figure; });
  }

  std::shared_ptr<PartTemplate> run(std::size_t& tag_count, std::vector<NodePtr>& out, bool& broken) {
    std::string why;
    auto tokens = ooxml::tokenize(xml_, why);
    if (!tokens) {
      diags_.error(Location{file_, 0, 0, part_, {}}, "the part's XML is damaged: " + why,
                   "open the document in Word and save it again");
      return nullptr;
    }
    tokens_ = std::move(*tokens);
    find_paragraphs();
    find_tags();
    if (tags_.empty()) {  // nothing to do: the part renders as it is
      auto n = std::make_shared<PartTemplate::Node>();
      n->xml = xml_;
      out.push_back(n);
      tag_count = 0;
      return std::make_shared<PartTemplate>();
    }
    emit_pieces();
    build_blocks();
    if (failed_) return nullptr;
    out = build_tree();
    if (failed_) return nullptr;
    tag_count = tags_.size();
    broken = tag_failed_;
    return std::make_shared<PartTemplate>();
  }

 private:
  Location where(const Paragraph& p) const {
    return Location{file_, 0, 0, part_ + " \xC2\xB6" + std::to_string(p.number), excerpt(p.text), p.number};
  }
  void error(const Location& at, std::string message, std::string hint = {}) {
    failed_ = true;
    report(at, std::move(message), std::move(hint));
  }
  // Once for each place and message: the two copies of a text box say the same thing at the same ¶.
  void report(const Location& at, std::string message, std::string hint) {
    if (!reported_.insert(at.part + "|" + message).second) return;
    diags_.error(at, std::move(message), std::move(hint));
  }

  // Pass A: which w:t text belongs to which paragraph.
  // ¶N by the rule of ooxml::paragraph_numbers: the part's w:p in document order, except that the
  // paragraphs of a text box's fallback copy (mc:Fallback) take the numbers of the first copy's.
  void find_paragraphs() {
    std::vector<int> stack;
    int number = 0;
    struct Alternate {
      int first;             // the number before the first copy
      bool fallback = false;
      int next = 0;          // the fallback copy's count
    };
    std::vector<Alternate> alternates;
    auto local = [](std::string_view name) { return name.substr(name.find(':') == std::string_view::npos ? 0 : name.find(':') + 1); };
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const XmlToken& t = tokens_[i];
      if (t.kind == XmlToken::Open && local(t.name) == "AlternateContent") alternates.push_back({number});
      if (t.kind == XmlToken::Close && local(t.name) == "AlternateContent" && !alternates.empty()) alternates.pop_back();
      if (t.kind == XmlToken::Open && local(t.name) == "Fallback" && !alternates.empty()) {
        alternates.back().fallback = true;
        alternates.back().next = alternates.back().first;
      }
      if (t.kind == XmlToken::Close && local(t.name) == "Fallback" && !alternates.empty()) alternates.back().fallback = false;
      if ((t.kind == XmlToken::Open || t.kind == XmlToken::Empty) && t.name == "w:p") {
        auto copy = std::find_if(alternates.begin(), alternates.end(), [](const Alternate& a) { return a.fallback; });
        int this_number = copy != alternates.end() ? ++copy->next : ++number;
        if (t.kind == XmlToken::Open) {
          paragraphs_.push_back({});
          paragraphs_.back().number = this_number;
          stack.push_back(static_cast<int>(paragraphs_.size() - 1));
          para_of_open_[i] = stack.back();
        }
      } else if (t.kind == XmlToken::Close && t.name == "w:p") {
        if (!stack.empty()) {
          para_of_close_[i] = stack.back();
          stack.pop_back();
        }
      } else if (t.kind == XmlToken::Text && i > 0 && tokens_[i - 1].kind == XmlToken::Open &&
                 tokens_[i - 1].name == "w:t" && !stack.empty()) {
        Paragraph& p = paragraphs_[static_cast<std::size_t>(stack.back())];
        p.texts.push_back(i);
      }
    }
  }

  // Pass B: tags in each paragraph's joined text, moved whole into the run where each begins.
  void find_tags() {
    for (auto& p : paragraphs_) {
      std::vector<std::size_t> starts;
      for (std::size_t ti : p.texts) {
        starts.push_back(p.text.size());
        const XmlToken& t = tokens_[ti];
        p.text += ooxml::decode_entities(std::string_view(xml_).substr(t.begin, t.end - t.begin));
      }
      if (p.text.find('{') == std::string::npos) {
        p.outside = p.text;
        continue;
      }
      std::vector<Found> found;
      std::size_t i = 0;
      while (true) {
        std::size_t open = p.text.find('{', i);
        if (open == std::string::npos || open + 1 >= p.text.size()) break;
        char second = p.text[open + 1];
        if (second != '{' && second != '%' && second != '#') {
          i = open + 1;
          continue;
        }
        std::string closer = second == '{' ? "}}" : second == '%' ? "%}" : "#}";
        std::size_t close = p.text.find(closer, open + 2);
        if (close == std::string::npos) {
          error(where(p), "'" + p.text.substr(open, 2) + "' is not closed in this paragraph",
                "close it with '" + closer + "' in the same paragraph");
          break;
        }
        int index = add_tag(p, p.text.substr(open, close + 2 - open));
        found.push_back({open, close + 2, index});
        p.tags.push_back(index);
        i = close + 2;
      }
      // Text outside the tags, to tell whether a tag stands alone in its paragraph.
      std::size_t at = 0;
      for (const auto& f : found) {
        p.outside += p.text.substr(at, f.begin - at);
        at = f.end;
      }
      p.outside += p.text.substr(at);
      // Cut each w:t's text around the tags.
      for (std::size_t k = 0; k < p.texts.size(); ++k) {
        std::size_t s0 = starts[k], s1 = k + 1 < starts.size() ? starts[k + 1] : p.text.size();
        std::vector<TextPart> parts;
        std::size_t pos = s0;
        bool touched = false;
        for (const auto& f : found) {
          if (f.end <= s0 || f.begin >= s1) continue;
          touched = true;
          if (f.begin >= s0) {
            if (f.begin > pos) parts.push_back({false, p.text.substr(pos, f.begin - pos), -1});
            parts.push_back({true, {}, f.tag});
            preserve_.insert(p.texts[k] - 1);
          }
          pos = std::min(f.end, s1);
        }
        if (!touched) continue;
        if (pos < s1) parts.push_back({false, p.text.substr(pos, s1 - pos), -1});
        if (!parts.empty() && !parts.front().is_tag && parts.front().text.front() == ' ') preserve_.insert(p.texts[k] - 1);
        edits_[p.texts[k]] = std::move(parts);
      }
    }
  }

  int add_tag(const Paragraph& p, const std::string& source) {
    auto info = std::make_shared<TagInfo>();
    info->source = source;
    info->where = where(p);
    std::string inner = trim(source.substr(2, source.size() - 4));
    // A tag that cannot be read is reported, and the rest of the part is still compiled and
    // filled, so that every problem of the template and its data shows in one run.
    auto bad = [&](std::string message, std::string hint = {}) {
      report(info->where, message + " in tag '" + source + "'", std::move(hint));
      tag_failed_ = true;
      info->ok = false;  // its kind may still be known, so that its block does not report twice
    };
    // width: and height: at the end of an image or figure tag; returns what comes before them.
    auto sizes = [&](const std::string& rest) {
      std::string before = rest;
      for (const char* key : {"width:", "height:"}) {
        std::size_t k = rest.find(key);
        if (k == std::string::npos) continue;
        before = before.substr(0, std::min(before.size(), k));
        std::size_t end = rest.find(':', k + std::string(key).size());
        std::string value = rest.substr(k + std::string(key).size());
        if (end != std::string::npos) {
          std::size_t back = rest.rfind(' ', end);
          value = rest.substr(k + std::string(key).size(), back - k - std::string(key).size());
        }
        double cm = 0;
        if (!parse_length_cm(value, cm)) {
          bad("'" + trim(value) + "' is not a length from 0 to 100 cm", "write it like 5cm, 40mm, 2in or 120pt");
        }
        (std::string(key) == "width:" ? info->width_cm : info->height_cm) = cm;
      }
      return before;
    };
    std::string expr_error;
    if (source[1] == '#') {
      info->kind = TagKind::Comment;
    } else if (source[1] == '{') {
      info->kind = TagKind::Value;
      info->expr = parse_expression(inner, expr_error);
      if (!info->expr) bad(expr_error);
    } else {
      std::size_t sp = 0;
      while (sp < inner.size() && !std::isspace(static_cast<unsigned char>(inner[sp]))) ++sp;
      std::string word = inner.substr(0, sp), rest = trim(inner.substr(sp));
      static const std::map<std::string, TagKind> words = {
          {"for", TagKind::For},       {"endfor", TagKind::EndFor},       {"if", TagKind::If},
          {"elif", TagKind::Elif},     {"else", TagKind::Else},           {"endif", TagKind::EndIf},
          {"pagebreak", TagKind::PageBreak}, {"image", TagKind::Image},   {"figure", TagKind::Figure}};
      auto it = words.find(word);
      if (it == words.end()) {
        std::vector<std::string> names;
        for (const auto& [k, v] : words) names.push_back(k);
        std::string hint = did_you_mean(word, names);
        bad("unknown tag '" + word + "'", hint.empty() ? "tags are " + one_of(names) : hint);
        info->kind = TagKind::Comment;  // nothing to render; the error is reported
      } else {
        info->kind = it->second;
        switch (info->kind) {
          case TagKind::For: {
            std::string body = rest;
            const std::string restart = "restart-numbering";
            if (body.size() > restart.size() && body.compare(body.size() - restart.size(), restart.size(), restart) == 0 &&
                std::isspace(static_cast<unsigned char>(body[body.size() - restart.size() - 1]))) {
              info->restart_numbering = true;
              body = trim(body.substr(0, body.size() - restart.size()));
            }
            std::size_t in = body.find(" in ");
            std::string names = in == std::string::npos ? body : body.substr(0, in);
            std::string var = trim(names), value_var;
            if (auto comma = names.find(','); comma != std::string::npos) {
              var = trim(names.substr(0, comma));
              value_var = trim(names.substr(comma + 1));
            }
            auto ident = [](const std::string& v) {
              return !v.empty() && (std::isalpha(static_cast<unsigned char>(v[0])) || v[0] == '_') &&
                     std::all_of(v.begin(), v.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
            };
            if (in == std::string::npos || !ident(var) || (names.find(',') != std::string::npos && !ident(value_var))) {
              bad("a for loop is written {% for NAME in LIST %} or {% for KEY, VALUE in MAP %}");
            } else {
              info->var = var;
              info->value_var = value_var;
              info->expr = parse_expression(body.substr(in + 4), expr_error);
              if (!info->expr) bad(expr_error);
            }
            break;
          }
          case TagKind::If:
          case TagKind::Elif:
            info->expr = parse_expression(rest, expr_error);
            if (!info->expr) bad(expr_error);
            break;
          case TagKind::Image: {
            std::string source_text = sizes(rest);
            info->expr = parse_expression(trim(source_text), expr_error);
            if (!info->expr) bad(expr_error.empty() ? "the image needs a source" : expr_error,
                                 "write {% image \"logo.png\" width: 4cm %} or {% image path.to.file %}");
            break;
          }
          case TagKind::Figure: {
            // A figure is named by a bare word: it is not a value of the data, and never a file.
            std::string name = trim(sizes(rest));
            const char* hint = "write {% figure genogram width: 16cm %}";
            bool word_ok = !name.empty() && name[0] >= 'a' && name[0] <= 'z' &&
                           std::all_of(name.begin(), name.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                           });
            if (name.empty())
              bad("the figure needs a name", hint);
            else if (!word_ok)
              bad("'" + name + "' is not the name of a figure: a figure is named by one word in small letters (letters, "
                  "digits and '-'), without quotes",
                  hint);
            else
              info->figure = name;
            break;
          }
          default:
            if (!rest.empty()) bad("'" + word + "' takes nothing after it");
        }
      }
    }
    tags_.push_back(info);
    return static_cast<int>(tags_.size() - 1);
  }

  // Pass C: the part as pieces: XML, tag references and the containers that decide scope.
  void emit_pieces() {
    std::string buffer;
    std::vector<int> stack;  // open container pieces
    auto flush = [&] {
      if (!buffer.empty()) {
        pieces_.push_back({Piece::Xml, std::move(buffer), -1, Box::None, -1, false, false});
        buffer.clear();
      }
    };
    std::string_view xml(xml_);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const XmlToken& t = tokens_[i];
      std::string_view raw = xml.substr(t.begin, t.end - t.begin);
      if (t.kind == XmlToken::Text) {
        auto e = edits_.find(i);
        if (e == edits_.end()) {
          buffer.append(raw);
          continue;
        }
        for (const auto& part : e->second) {
          if (!part.is_tag) {
            ooxml::append_escaped(buffer, part.text);
            continue;
          }
          flush();
          pieces_.push_back({Piece::TagRef, {}, part.tag, Box::None, -1, false, false});
          chains_[part.tag] = stack;
          tag_piece_[part.tag] = static_cast<int>(pieces_.size() - 1);
        }
        continue;
      }
      Box box = (t.kind == XmlToken::Open || t.kind == XmlToken::Close) ? box_of(t.name) : Box::None;
      if (t.kind == XmlToken::Open && preserve_.count(i) && !ooxml::attribute(raw, "xml:space")) {
        buffer.append(raw.substr(0, raw.size() - 1));
        buffer.append(" xml:space=\"preserve\">");
        continue;
      }
      if (t.kind == XmlToken::Empty && t.name == "w:p") {
        flush();
        pieces_.push_back({Piece::Xml, std::string(raw), -1, Box::None, -1, true, false});
        continue;
      }
      if (box == Box::None) {
        buffer.append(raw);
        continue;
      }
      flush();
      int index = static_cast<int>(pieces_.size());
      if (t.kind == XmlToken::Open) {
        pieces_.push_back({Piece::Open, std::string(raw), -1, box, -1, box == Box::P, false});
        stack.push_back(index);
        if (box == Box::P) paragraphs_[static_cast<std::size_t>(para_of_open_[i])].open_piece = index;
      } else {
        pieces_.push_back({Piece::Close, std::string(raw), -1, box, -1, false, false});
        if (!stack.empty()) {
          pieces_[static_cast<std::size_t>(stack.back())].match = index;
          pieces_.back().match = stack.back();
          stack.pop_back();
        }
        if (box == Box::P && para_of_close_.count(i))
          paragraphs_[static_cast<std::size_t>(para_of_close_[i])].close_piece = index;
      }
    }
    flush();
    for (std::size_t p = 0; p < paragraphs_.size(); ++p)
      for (int tag : paragraphs_[p].tags) paragraph_of_tag_[tag] = static_cast<int>(p);
  }

  // Pass D and E: for/if blocks, and where each begins and ends.
  struct Event {
    int position;
    int order;  // 0 close, 1 branch, 2 open
    int tag;    // the tag that makes the event
    int block;
  };

  struct Block {
    int open = -1, close = -1;
    std::vector<int> middles;
  };

  const Paragraph& paragraph_of(int tag) const { return paragraphs_[static_cast<std::size_t>(paragraph_of_tag_.at(tag))]; }

  std::string name_of(int tag) const { return "'" + tags_[static_cast<std::size_t>(tag)]->source + "'"; }

  void build_blocks() {
    std::vector<int> stack;  // block indices
    for (std::size_t i = 0; i < tags_.size(); ++i) {
      const TagInfo& t = *tags_[i];
      int tag = static_cast<int>(i);
      switch (t.kind) {
        case TagKind::For:
        case TagKind::If:
          if (stack.size() >= static_cast<std::size_t>(kMaxBlockDepth)) {
            error(t.where, name_of(tag) + " is nested more than " + std::to_string(kMaxBlockDepth) +
                               " blocks deep inside other {% if %} and {% for %} blocks",
                  "simplify the template: no letter needs blocks nested this deep");
            return;
          }
          blocks_.push_back({tag, -1, {}});
          stack.push_back(static_cast<int>(blocks_.size() - 1));
          break;
        case TagKind::Elif:
        case TagKind::Else: {
          const char* word = t.kind == TagKind::Elif ? "elif" : "else";
          if (stack.empty() || tags_[static_cast<std::size_t>(blocks_[static_cast<std::size_t>(stack.back())].open)]->kind != TagKind::If) {
            error(t.where, std::string("{% ") + word + " %} is not inside an {% if %}", "add the {% if %} it belongs to, or remove it");
            break;
          }
          Block& b = blocks_[static_cast<std::size_t>(stack.back())];
          if (!b.middles.empty() && tags_[static_cast<std::size_t>(b.middles.back())]->kind == TagKind::Else) {
            error(t.where, std::string("{% ") + word + " %} comes after the {% else %} of its {% if %}",
                  "an {% if %} has at most one {% else %}, and it comes last");
            break;
          }
          b.middles.push_back(tag);
          break;
        }
        case TagKind::EndFor:
        case TagKind::EndIf: {
          TagKind wants = t.kind == TagKind::EndFor ? TagKind::For : TagKind::If;
          const char* word = t.kind == TagKind::EndFor ? "endfor" : "endif";
          if (stack.empty()) {
            error(t.where, std::string("{% ") + word + " %} has no opening {% " + (wants == TagKind::For ? "for" : "if") + " %}",
                  "remove it, or add the tag that opens the block");
            break;
          }
          Block& b = blocks_[static_cast<std::size_t>(stack.back())];
          const TagInfo& opener = *tags_[static_cast<std::size_t>(b.open)];
          if (opener.kind != wants) {
            error(t.where, std::string("{% ") + word + " %} closes " + name_of(b.open) + " (in \xC2\xB6" +
                               opener.where.part.substr(opener.where.part.rfind("\xC2\xB6") + 2) + ")",
                  std::string("close the ") + (opener.kind == TagKind::For ? "for with {% endfor %}" : "if with {% endif %}") +
                      " first");
            stack.pop_back();
            break;
          }
          b.close = tag;
          stack.pop_back();
          break;
        }
        default: break;
      }
    }
    for (int b : stack) {
      const TagInfo& t = *tags_[static_cast<std::size_t>(blocks_[static_cast<std::size_t>(b)].open)];
      error(t.where, name_of(blocks_[static_cast<std::size_t>(b)].open) + " is never closed",
            t.kind == TagKind::For ? "add {% endfor %} where the repeated part ends" : "add {% endif %} where the conditional part ends");
    }
    if (failed_) return;
    for (std::size_t b = 0; b < blocks_.size(); ++b) place(static_cast<int>(b));
  }

  // Whether a container (a row) holds nothing but block tags: no text, and no value, image or page
  // break tag. Such a row only marks where a block begins or ends, and disappears.
  bool container_holds_only_tags(int open_piece) const {
    int close_piece = pieces_[static_cast<std::size_t>(open_piece)].match;
    for (const auto& p : paragraphs_) {
      if (p.open_piece <= open_piece || p.close_piece >= close_piece) continue;
      if (!blank(p.outside)) return false;
      for (int t : p.tags) {
        TagKind k = tags_[static_cast<std::size_t>(t)]->kind;
        if (k == TagKind::Value || k == TagKind::Image || k == TagKind::Figure || k == TagKind::PageBreak) return false;
      }
    }
    return true;
  }

  void drop(int from, int to) {
    for (int k = from; k <= to; ++k) pieces_[static_cast<std::size_t>(k)].dropped = true;
  }

  void place(int block_index) {
    const Block& b = blocks_[static_cast<std::size_t>(block_index)];
    const auto& a = chains_.at(b.open);
    const auto& z = chains_.at(b.close);
    std::size_t common = 0;
    while (common < a.size() && common < z.size() && a[common] == z[common]) ++common;
    Box box = common ? pieces_[static_cast<std::size_t>(a[common - 1])].box : Box::Root;
    const TagInfo& opener = *tags_[static_cast<std::size_t>(b.open)];
    std::string what = name_of(b.open) + " and " + name_of(b.close);
    auto tag_piece = [&](int tag) { return tag_piece_.at(tag); };

    if (box == Box::P) {  // inline: everything between the two tags
      events_.push_back({tag_piece(b.open), 2, b.open, block_index});
      for (int m : b.middles) {
        if (chains_.at(m).size() < common || chains_.at(m)[common - 1] != a[common - 1]) {
          error(tags_[static_cast<std::size_t>(m)]->where, name_of(m) + " must be in the same paragraph as " + name_of(b.open),
                "the if and endif are in one paragraph, so its elif and else must be too");
          return;
        }
        events_.push_back({tag_piece(m), 1, m, block_index});
      }
      events_.push_back({tag_piece(b.close), 0, b.close, block_index});
      return;
    }
    if (box == Box::Tr) {  // cells of one row: the row repeats
      int row = a[common - 1];
      if (!b.middles.empty()) {
        error(tags_[static_cast<std::size_t>(b.middles[0])]->where, name_of(b.middles[0]) + " cannot split a table row",
              "use two {% if %} blocks, one for each version of the row");
        return;
      }
      events_.push_back({row, 2, b.open, block_index});
      events_.push_back({pieces_[static_cast<std::size_t>(row)].match + 1, 0, b.close, block_index});
      return;
    }
    if (box == Box::Tbl) {  // rows of one table: the rows from the opening tag's to the closing tag's
      if (a.size() <= common || z.size() <= common || pieces_[static_cast<std::size_t>(a[common])].box != Box::Tr ||
          pieces_[static_cast<std::size_t>(z[common])].box != Box::Tr) {
        error(opener.where, what + " are in different rows of a table", "put both in the rows of one table");
        return;
      }
      if (!b.middles.empty()) {
        error(tags_[static_cast<std::size_t>(b.middles[0])]->where,
              name_of(b.middles[0]) + " cannot stand between rows: its {% if %} spans several rows",
              "use two {% if %} blocks, one for each version of the rows");
        return;
      }
      // A row that holds only the tag disappears; a row with other text repeats with the rest.
      int first = a[common], last = z[common];
      int first_end = pieces_[static_cast<std::size_t>(first)].match;
      int last_end = pieces_[static_cast<std::size_t>(last)].match;
      if (container_holds_only_tags(first)) {
        drop(first, first_end);
        events_.push_back({first_end + 1, 2, b.open, block_index});
      } else {
        events_.push_back({first, 2, b.open, block_index});
      }
      if (container_holds_only_tags(last)) {
        drop(last, last_end);
        events_.push_back({last, 0, b.close, block_index});
      } else {
        events_.push_back({last_end + 1, 0, b.close, block_index});
      }
      return;
    }
    // Paragraphs of their own: the paragraphs (and tables) between repeat.
    std::vector<int> all = {b.open};
    all.insert(all.end(), b.middles.begin(), b.middles.end());
    all.push_back(b.close);
    for (int tag : all) {
      const auto& chain = chains_.at(tag);
      const Paragraph& p = paragraph_of(tag);
      bool direct = chain.size() == common + 1 && pieces_[static_cast<std::size_t>(chain.back())].box == Box::P;
      if (!direct) {
        error(tags_[static_cast<std::size_t>(tag)]->where,
              what + " must be in the same paragraph, in the cells of one table row, or each in a paragraph of its own "
                     "at the same level",
              "one of them is inside a table or text box and the other is not");
        return;
      }
      if (!blank(p.outside) || p.tags.size() > 1) {
        bool only_block_tags = blank(p.outside) && std::all_of(p.tags.begin(), p.tags.end(), [&](int t) {
          TagKind k = tags_[static_cast<std::size_t>(t)]->kind;
          return k != TagKind::Value && k != TagKind::Image && k != TagKind::Figure && k != TagKind::PageBreak;
        });
        if (!only_block_tags) {
          error(tags_[static_cast<std::size_t>(tag)]->where,
                name_of(tag) + " shares its paragraph with other text, but its partner is in another paragraph",
                "put " + name_of(tag) + " in a paragraph of its own, or both tags in one paragraph");
          return;
        }
      }
    }
    const Paragraph& first = paragraph_of(b.open);
    const Paragraph& last = paragraph_of(b.close);
    drop(first.open_piece, first.close_piece);
    drop(last.open_piece, last.close_piece);
    events_.push_back({first.close_piece + 1, 2, b.open, block_index});
    for (int m : b.middles) {
      const Paragraph& p = paragraph_of(m);
      drop(p.open_piece, p.close_piece);
      events_.push_back({p.open_piece, 1, m, block_index});
    }
    events_.push_back({last.open_piece, 0, b.close, block_index});
  }

  // Pass F: the tree.
  std::vector<NodePtr> build_tree() {
    std::stable_sort(events_.begin(), events_.end(), [](const Event& x, const Event& y) {
      if (x.position != y.position) return x.position < y.position;
      if (x.order != y.order) return x.order < y.order;
      return x.order == 0 ? x.tag > y.tag : x.tag < y.tag;
    });
    struct Frame {
      int block;
      std::shared_ptr<PartTemplate::Node> node;
      std::vector<NodePtr>* target;
    };
    std::vector<NodePtr> root;
    std::vector<Frame> stack;
    std::vector<NodePtr>* target = &root;
    std::size_t e = 0;
    auto tag_info = [&](int tag) { return tags_[static_cast<std::size_t>(tag)]; };
    for (int k = 0; k <= static_cast<int>(pieces_.size()); ++k) {
      for (; e < events_.size() && events_[e].position == k; ++e) {
        const Event& ev = events_[e];
        if (ev.order == 2) {
          auto n = std::make_shared<PartTemplate::Node>();
          auto info = tag_info(ev.tag);
          n->tag = info;
          if (info->kind == TagKind::For) {
            n->kind = PartTemplate::Node::For;
            target->push_back(n);
            stack.push_back({ev.block, n, target});
            target = &n->children;
          } else {
            n->kind = PartTemplate::Node::If;
            n->broken = !info->ok;
            n->branches.push_back({info->expr, {}});
            target->push_back(n);
            stack.push_back({ev.block, n, target});
            target = &n->branches.back().second;
          }
        } else if (ev.order == 1) {
          if (stack.empty() || stack.back().block != ev.block) return overlap(ev.tag);
          auto info = tag_info(ev.tag);
          auto& branches = stack.back().node->branches;
          if (!info->ok) stack.back().node->broken = true;
          branches.push_back({info->kind == TagKind::Elif ? info->expr : nullptr, {}});
          target = &branches.back().second;
        } else {
          if (stack.empty() || stack.back().block != ev.block) return overlap(ev.tag);
          target = stack.back().target;
          stack.pop_back();
        }
      }
      if (k == static_cast<int>(pieces_.size())) break;
      const Piece& p = pieces_[static_cast<std::size_t>(k)];
      if (p.dropped) continue;
      auto n = std::make_shared<PartTemplate::Node>();
      switch (p.kind) {
        case Piece::Xml:
          // Merge with the XML before it.
          if (!p.paragraph_mark && !target->empty() && target->back()->kind == PartTemplate::Node::Xml &&
              !target->back()->paragraph_mark) {
            auto merged = std::make_shared<PartTemplate::Node>(*target->back());
            merged->xml += p.xml;
            target->back() = merged;
            continue;
          }
          n->kind = PartTemplate::Node::Xml;
          n->xml = p.xml;
          n->paragraph_mark = p.paragraph_mark;
          break;
        case Piece::Open:
        case Piece::Close:
          n->kind = p.kind == Piece::Open ? PartTemplate::Node::Open : PartTemplate::Node::Close;
          n->xml = p.xml;
          break;
        case Piece::TagRef: {
          auto info = tag_info(p.tag);
          if (info->kind == TagKind::Value) n->kind = PartTemplate::Node::Value;
          else if (info->kind == TagKind::PageBreak) n->kind = PartTemplate::Node::PageBreak;
          else if (info->kind == TagKind::Image) n->kind = PartTemplate::Node::Image;
          else if (info->kind == TagKind::Figure) n->kind = PartTemplate::Node::Figure;
          else continue;  // block tags are events; comments vanish
          n->tag = info;
          break;
        }
      }
      if (p.kind == Piece::Open || p.kind == Piece::Close) {
        n->box = p.box;
        n->paragraph_mark = p.paragraph_mark;
      }
      target->push_back(n);
    }
    return root;
  }

  std::vector<NodePtr> overlap(int tag) {
    error(tags_[static_cast<std::size_t>(tag)]->where, name_of(tag) + " overlaps another block",
          "blocks must nest: close the inner for/if before the outer one");
    return {};
  }

  const std::string& xml_;
  std::string file_, part_;
  Diagnostics& diags_;
  bool failed_ = false;      // the part cannot be compiled
  bool tag_failed_ = false;  // some tags cannot be read: compiled, filled for its messages, never written
  std::set<std::string> reported_;
  std::vector<XmlToken> tokens_;
  std::vector<Paragraph> paragraphs_;
  std::map<std::size_t, int> para_of_open_, para_of_close_;
  std::vector<std::shared_ptr<TagInfo>> tags_;
  std::map<std::size_t, std::vector<TextPart>> edits_;
  std::set<std::size_t> preserve_;
  std::vector<Piece> pieces_;
  std::map<int, std::vector<int>> chains_;
  std::map<int, int> tag_piece_, paragraph_of_tag_;
  std::vector<Block> blocks_;
  std::vector<Event> events_;
};

}  // namespace

std::string PartTemplate::dump() const {
  std::string out;
  std::function<void(const std::vector<NodePtr>&, int)> walk = [&](const std::vector<NodePtr>& nodes, int depth) {
    std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    for (const auto& n : nodes) {
      switch (n->kind) {
        case Node::Xml: out += pad + "xml " + n->xml + "\n"; break;
        case Node::Open: out += pad + "open " + n->xml + "\n"; break;
        case Node::Close: out += pad + "close " + n->xml + "\n"; break;
        case Node::Value: out += pad + "value " + n->tag->source + "\n"; break;
        case Node::PageBreak: out += pad + "pagebreak\n"; break;
        case Node::Image: out += pad + "image " + n->tag->source + "\n"; break;
        case Node::Figure: out += pad + "figure " + n->tag->source + "\n"; break;
        case Node::For:
          out += pad + "for " + n->tag->source + "\n";
          walk(n->children, depth + 1);
          break;
        case Node::If:
          for (std::size_t i = 0; i < n->branches.size(); ++i) {
            out += pad + (i == 0 ? "if " + n->tag->source : n->branches[i].first ? "elif" : "else") + "\n";
            walk(n->branches[i].second, depth + 1);
          }
          break;
      }
    }
  };
  walk(nodes_, 0);
  return out;
}

std::shared_ptr<const PartTemplate> PartTemplate::compile(const std::string& xml, const std::string& file,
                                                          const std::string& part, Diagnostics& diags) {
  std::vector<NodePtr> nodes;
  std::size_t tags = 0;
  bool broken = false;
  Compiler compiler(xml, file, part, diags);
  auto t = compiler.run(tags, nodes, broken);
  if (!t) return nullptr;
  t->broken_ = broken;
  t->has_figures_ = compiler.has_figures();
  for (const char* key : {"w14:paraId=\"", "w14:textId=\""})
    for (std::size_t at = xml.find(key); at != std::string::npos; at = xml.find(key, at + 1))
      t->para_ids_.insert(xml.substr(at + 12, 8));
  t->nodes_ = std::move(nodes);
  t->tag_count_ = tags;
  t->size_hint_ = xml.size() + xml.size() / 4;
  return t;
}

}  // namespace reviewkit::templating
