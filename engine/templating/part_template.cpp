#include "part_template.hpp"

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

using expressions::describe;
using expressions::evaluate;
using expressions::Evaluation;
using expressions::Expr;
using expressions::ExprPtr;
using expressions::parse_expression;
using expressions::Scope;
using expressions::Value;
using ooxml::XmlToken;

namespace {

// The elements that matter to a tag's scope.
enum class Box { None, P, Tr, Tc, Tbl, Txbx, Root };

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
bool needs_paragraph(Box b) { return b == Box::Tc || b == Box::Txbx || b == Box::Root; }

enum class TagKind { Value, For, EndFor, If, Elif, Else, EndIf, PageBreak, Image, Comment };

}  // namespace

struct TagInfo {
  TagKind kind = TagKind::Value;
  std::string source;  // the tag as typed: "{{ child.pseudonym }}"
  ExprPtr expr;
  std::string var, value_var;  // for NAME in LIST; for KEY, VALUE in MAP
  bool restart_numbering = false;  // for … restart-numbering
  double width_cm = 0, height_cm = 0;  // image
  Location where;
  bool ok = true;
};

struct PartTemplate::Node {
  enum Kind { Xml, Value, PageBreak, Image, For, If, Open, Close } kind = Xml;
  std::string xml;
  Box box = Box::None;
  bool paragraph_mark = false;
  bool broken = false;  // If: a branch's condition could not be read (reported); renders nothing
  std::shared_ptr<const TagInfo> tag;
  std::vector<std::shared_ptr<const Node>> children;  // For
  std::vector<std::pair<ExprPtr, std::vector<std::shared_ptr<const Node>>>> branches;  // If; else has no expr
};

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

bool blank(const std::string& s) {
  std::string t = trim(s);
  return t.empty();
}

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
          {"pagebreak", TagKind::PageBreak}, {"image", TagKind::Image}};
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
            std::string source_text = rest;
            for (const char* key : {"width:", "height:"}) {
              std::size_t k = rest.find(key);
              if (k == std::string::npos) continue;
              source_text = source_text.substr(0, std::min(source_text.size(), k));
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
            info->expr = parse_expression(trim(source_text), expr_error);
            if (!info->expr) bad(expr_error.empty() ? "the image needs a source" : expr_error,
                                 "write {% image \"logo.png\" width: 4cm %} or {% image path.to.file %}");
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
        if (k == TagKind::Value || k == TagKind::Image || k == TagKind::PageBreak) return false;
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
          return k != TagKind::Value && k != TagKind::Image && k != TagKind::PageBreak;
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

namespace {

struct Renderer {
  const RenderOptions& options;
  Diagnostics& diags;
  Scope scope;
  std::string out;
  std::vector<int> paragraphs;  // paragraphs emitted in each open container that needs one
  std::vector<int> rows;        // rows emitted in each open table
  std::set<std::string> reported;
  int repeating = 0;            // loop repetitions after the first that enclose what renders now
  int next_drawing_id = 1000;   // wp:docPr ids of the pictures this render puts in
  std::uint32_t next_para_id = 0;
  const std::set<std::string>* template_ids = nullptr;

  void problem(const TagInfo& tag, bool warning, std::string message, std::string hint) {
    if (!options.label.empty()) message = options.label + ": " + message;
    std::string key = tag.where.part + "|" + message;
    if (!reported.insert(key).second) return;
    Location at = tag.where;
    at.excerpt = at.excerpt;
    if (warning)
      diags.warning(at, std::move(message), std::move(hint));
    else
      diags.error(at, std::move(message), std::move(hint));
  }

  // Missing data: an error (a letter must never go out with a blank), a warning when lenient.
  void missing(const TagInfo& tag, const Evaluation& ev, const Expr& expr) {
    std::string name = ev.value.path;
    const Expr* e = expr.kind == Expr::Filtered ? expr.operands[0].get() : &expr;
    if (name.empty() && e->kind == Expr::Path) name = e->text;
    if (ev.value.kind == Value::Missing)
      problem(tag, options.lenient, "unknown variable '" + name + "'", unbound_hint(name, ev.hint));
    else
      problem(tag, options.lenient, (name.empty() ? "the value of " + tag.source : "'" + name + "'") + " is empty",
              "fill it in the data, or write | default: \"...\" after it");
  }

  // What the caller knows about a name the data lacks ("recipient" outside `letters`).
  std::string unbound_hint(const std::string& name, const std::string& hint) const {
    std::string root = name.substr(0, name.find_first_of(".["));
    auto it = options.unbound_hints.find(root);
    return it == options.unbound_hints.end() ? hint : it->second;
  }

  void text(const std::string& value) {
    // Trailing newlines of YAML block text (|) would make empty lines.
    std::size_t end = value.size();
    while (end > 0 && value[end - 1] == '\n') --end;
    for (std::size_t i = 0; i < end; ++i) {
      char c = value[i];
      if (c == '\n') out += "</w:t><w:br/><w:t xml:space=\"preserve\">";
      else if (c == '\t') out += "</w:t><w:tab/><w:t xml:space=\"preserve\">";
      else if (c == '\r') continue;
      else if (c == '&') out += "&amp;";
      else if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else out += c;
    }
  }

  // A bound on the work one part may take, so that loops nested over long lists end with a message
  // instead of filling the memory (docs/reliability.md).
  std::size_t iterations = 0;
  bool stopped = false;

  void render(const std::vector<NodePtr>& nodes) {
    for (const auto& n : nodes) {
      if (stopped) return;
      render(*n);
    }
  }

  bool over_budget(const TagInfo& tag) {
    if (stopped) return true;
    if (++iterations <= kMaxLoopIterations && out.size() <= kMaxFilledPartBytes) return false;
    stopped = true;
    problem(tag, false,
            iterations > kMaxLoopIterations
                ? "the loops of this part repeat more than " + std::to_string(kMaxLoopIterations) + " times in all"
                : "the filled part would be larger than " + std::to_string(kMaxFilledPartBytes >> 20) + " MB",
            "check the lists it loops over: nested loops multiply their lengths");
    return true;
  }

  void render(const PartTemplate::Node& n) {
    using N = PartTemplate::Node;
    switch (n.kind) {
      case N::Xml:
        if (n.paragraph_mark && !paragraphs.empty()) ++paragraphs.back();
        if (n.paragraph_mark && repeating > 0) return repeated(n.xml);
        out += n.xml;
        return;
      case N::Open:
        if (repeating > 0 && (n.box == Box::P || n.box == Box::Tr)) repeated(n.xml);
        else out += n.xml;
        if (n.box == Box::P && !paragraphs.empty()) ++paragraphs.back();
        if (n.box == Box::Tr && !rows.empty()) ++rows.back();
        if (needs_paragraph(n.box)) paragraphs.push_back(0);
        if (n.box == Box::Tbl) rows.push_back(0);
        return;
      case N::Close:
        if (needs_paragraph(n.box) && !paragraphs.empty()) {
          if (paragraphs.back() == 0) out += "<w:p/>";
          paragraphs.pop_back();
        }
        if (n.box == Box::Tbl && !rows.empty()) {
          if (rows.back() == 0) out += "<w:tr><w:tc><w:p/></w:tc></w:tr>";
          rows.pop_back();
        }
        out += n.xml;
        return;
      case N::Value: {
        if (!n.tag->ok) return;  // reported when compiling
        Evaluation ev = evaluate(*n.tag->expr, scope);
        if (!ev.error.empty()) return problem(*n.tag, false, ev.error, ev.hint);
        const Value& v = ev.value;
        if (v.kind == Value::Missing || v.kind == Value::Null) return missing(*n.tag, ev, *n.tag->expr);
        // "" or "   " is not filled in, unless the template's own default says so: | default: ""
        if (v.kind == Value::Text && blank(v.text)) {
          if (ev.defaulted) return;
          return missing(*n.tag, ev, *n.tag->expr);
        }
        if (v.kind == Value::List || v.kind == Value::Map) {
          std::string name = v.path.empty() ? "the value" : "'" + v.path + "'";
          return problem(*n.tag, false, name + " is " + describe(v) + ", not a single value",
                         v.kind == Value::List ? "use | join: \", \", | count, or a {% for %} loop"
                                               : "name one of its fields, like " + (v.path.empty() ? std::string("x") : v.path) + ".name");
        }
        text(v.text);
        if (out.size() > kMaxFilledPartBytes && !stopped) {
          stopped = true;
          problem(*n.tag, false, "the filled part would be larger than " + std::to_string(kMaxFilledPartBytes >> 20) + " MB",
                  "check the values this part repeats: one of them is enormous");
        }
        return;
      }
      case N::PageBreak:
        out += "</w:t><w:br w:type=\"page\"/><w:t xml:space=\"preserve\">";
        return;
      case N::Image: return image(n);
      case N::For: return loop(n);
      case N::If: return condition(n);
    }
  }

  // A paragraph or row that a loop puts in again: its w14:paraId must be new.
  void repeated(const std::string& xml) {
    std::size_t at = out.size();
    out += xml;
    renumber_paragraph_ids(out, at, next_para_id, template_ids);
  }

  void image(const PartTemplate::Node& n) {
    if (!n.tag->ok) return;
    Evaluation ev = evaluate(*n.tag->expr, scope);
    if (!ev.error.empty()) return problem(*n.tag, false, ev.error, ev.hint);
    if (ev.value.kind == Value::Missing || ev.value.kind == Value::Null) return missing(*n.tag, ev, *n.tag->expr);
    if (!options.images) return problem(*n.tag, false, "images cannot be inserted here", "");
    std::string error;
    auto placed = options.images({ev.value.text, n.tag->width_cm, n.tag->height_cm}, error);
    if (!placed) return problem(*n.tag, false, "image '" + ev.value.text + "': " + error, "");
    int id = next_drawing_id++;
    std::string cx = std::to_string(placed->width_emu), cy = std::to_string(placed->height_emu);
    out += "</w:t><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + cx +
           "\" cy=\"" + cy + "\"/><wp:docPr id=\"" + std::to_string(id) + "\" name=\"" + placed->name +
           "\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData "
           "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic "
           "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"0\" "
           "name=\"" + placed->name + "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"" +
           placed->relationship_id +
           "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" +
           cx + "\" cy=\"" + cy +
           "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></"
           "a:graphic></wp:inline></w:drawing><w:t xml:space=\"preserve\">";
  }

  void loop(const PartTemplate::Node& n) {
    if (!n.tag->ok) return;  // reported when compiling
    Evaluation ev = evaluate(*n.tag->expr, scope);
    if (!ev.error.empty()) return problem(*n.tag, false, ev.error, ev.hint);
    const Value& list = ev.value;
    if (list.kind == Value::Missing) return missing(*n.tag, ev, *n.tag->expr);
    if (list.kind == Value::Null) return;  // an empty list written as nothing
    std::string name = list.path.empty() ? "the value" : "'" + list.path + "'";
    const bool entries = !n.tag->value_var.empty();
    if (entries && list.kind != Value::Map)
      return problem(*n.tag, false, "{% for " + n.tag->var + ", " + n.tag->value_var + " in … %} needs a map, but " + name +
                                        " is " + describe(list),
                     list.kind == Value::List ? "loop over a list with one name: {% for item in " + list.path + " %}" : "");
    if (!entries && list.kind == Value::Map)
      return problem(*n.tag, false, name + " is a map, not a list",
                     "loop over its entries with {% for key, value in " + list.path + " %}");
    if (!entries && list.kind != Value::List)
      return problem(*n.tag, false, "{% for %} needs a list, but " + name + " is " + describe(list),
                     "loop over a list, like agencies or panel.members");
    const std::size_t count = entries ? list.node->entries.size() : list.node->items.size();
    for (std::size_t i = 0; i < count; ++i) {
      if (over_budget(*n.tag)) return;
      auto info = data::Node::make_map();
      info->set("index", data::Node::make_scalar(std::to_string(i + 1), false));
      info->set("index0", data::Node::make_scalar(std::to_string(i), false));
      info->set("first", data::Node::make_scalar(i == 0 ? "true" : "false", false));
      info->set("last", data::Node::make_scalar(i + 1 == count ? "true" : "false", false));
      info->set("length", data::Node::make_scalar(std::to_string(count), false));
      std::map<std::string, Value> frame{{"loop", Value::of(info.get(), "loop")}};
      if (entries) {
        const auto& entry = list.node->entries[i];
        Value key = Value::of_text(entry.key);
        key.path = list.path + " (a key)";
        frame[n.tag->var] = key;
        frame[n.tag->value_var] = Value::of(entry.value.get(), list.path + "." + entry.key);
      } else {
        frame[n.tag->var] = Value::of(list.node->items[i].get(), list.path + "[" + std::to_string(i) + "]");
      }
      scope.push(std::move(frame));
      if (i > 0) ++repeating;
      std::size_t start = out.size();
      render(n.children);
      if (n.tag->restart_numbering) restart_lists(*n.tag, start);
      if (i > 0) --repeating;
      scope.pop();
    }
  }

  // Each item of a `restart-numbering` loop numbers its lists from the start: the paragraphs it
  // put out get new list numberings, whether they are numbered directly (w:numPr) or by their
  // style (List Number and the like).
  void restart_lists(const TagInfo& tag, std::size_t start) {
    if (!options.restart_numbering) return;
    std::map<std::string, std::string> fresh;
    auto renumbered = [&](const std::string& id) {
      auto it = fresh.find(id);
      if (it != fresh.end()) return it->second;
      std::string n = id == "0" ? std::string() : options.restart_numbering(id);
      if (n.empty() && id != "0")
        problem(tag, true, "the list numbering " + id + " cannot be restarted: numbering.xml does not define it",
                "open the template in Word, apply the list style again, and save it");
      return fresh[id] = n;
    };
    static const char* after_numpr[] = {"suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
                                        "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
                                        "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
                                        "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
                                        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"};
    auto value_at = [&](std::size_t attr) {  // after `w:val="`
      std::size_t end = out.find('"', attr);
      return end == std::string::npos ? std::string() : out.substr(attr, end - attr);
    };
    for (std::size_t at = out.find("<w:pPr", start); at != std::string::npos; at = out.find("<w:pPr", at + 6)) {
      char next = at + 6 < out.size() ? out[at + 6] : '\0';
      if (next != '>' && next != ' ') continue;  // w:pPrChange, w:pPrDefault
      std::size_t end = out.find("</w:pPr>", at);
      std::size_t tag_end = out.find('>', at);
      if (end == std::string::npos || tag_end == std::string::npos || out[tag_end - 1] == '/') continue;
      std::size_t num = out.find("<w:numId w:val=\"", at);
      if (num != std::string::npos && num < end) {
        std::size_t value = num + 16;
        std::string id = value_at(value), n = renumbered(id);
        if (!n.empty()) out.replace(value, id.size(), n);
        continue;
      }
      if (!options.numbered_styles) continue;
      std::size_t style = out.find("<w:pStyle w:val=\"", at);
      if (style == std::string::npos || style > end) continue;
      auto found = options.numbered_styles->find(value_at(style + 17));
      if (found == options.numbered_styles->end()) continue;
      std::string n = renumbered(found->second.first);
      if (n.empty()) continue;
      std::size_t insert = end;
      for (const char* name : after_numpr) {
        std::string open = std::string("<w:") + name;
        for (std::size_t k = out.find(open, at); k != std::string::npos && k < insert; k = out.find(open, k + 1)) {
          char c = out[k + open.size()];
          if (c == ' ' || c == '>' || c == '/') {
            insert = k;
            break;
          }
        }
      }
      out.insert(insert, "<w:numPr><w:ilvl w:val=\"" + found->second.second + "\"/><w:numId w:val=\"" + n + "\"/></w:numPr>");
    }
  }

  void condition(const PartTemplate::Node& n) {
    if (n.broken) return;  // a condition could not be read (reported when compiling)
    for (const auto& [expr, children] : n.branches) {
      if (!expr) {
        render(children);
        return;
      }
      Evaluation ev = evaluate(*expr, scope);
      if (!ev.error.empty()) return problem(*n.tag, false, ev.error, ev.hint);
      if (ev.value.kind == Value::Missing) {
        std::string name = ev.value.path.empty() ? "the value" : ev.value.path;
        problem(*n.tag, options.lenient, "unknown variable '" + name + "'",
                ev.hint.empty() ? "if it may be absent, write {% if " + name + " is defined %}" : ev.hint);
        continue;
      }
      if (ev.value.truthy()) {
        render(children);
        return;
      }
    }
  }
};

}  // namespace

std::string PartTemplate::render(const data::Node& data, const RenderOptions& options, Diagnostics& diags) const {
  Renderer r{options, diags, Scope(&data), {}, {}, {}, {}};
  r.next_para_id = options.para_id_seed;
  r.next_drawing_id = options.first_drawing_id;
  r.template_ids = &para_ids_;
  if (!options.bindings.empty()) {
    std::map<std::string, Value> frame;
    for (const auto& [name, node] : options.bindings) frame[name] = Value::of(node, name);
    r.scope.push(std::move(frame));
  }
  r.out.reserve(size_hint_);
  r.render(nodes_);
  return std::move(r.out);
}

void renumber_paragraph_ids(std::string& xml, std::size_t from, std::uint32_t& next, const std::set<std::string>* taken) {
  for (std::size_t at = xml.find("w14:", from); at != std::string::npos; at = xml.find("w14:", at + 4)) {
    if (xml.compare(at, 12, "w14:paraId=\"") != 0 && xml.compare(at, 12, "w14:textId=\"") != 0) continue;
    std::size_t value = at + 12, end = xml.find('"', value);
    if (end == std::string::npos) return;
    char id[9];
    do {
      next = (next + 1) & 0x7FFFFFFF;  // the values are below 0x80000000
      if (next == 0) next = 1;
      std::snprintf(id, sizeof id, "%08X", next);
    } while (taken && taken->count(id));
    xml.replace(value, end - value, id);
  }
}

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
  auto t = Compiler(xml, file, part, diags).run(tags, nodes, broken);
  if (!t) return nullptr;
  t->broken_ = broken;
  for (const char* key : {"w14:paraId=\"", "w14:textId=\""})
    for (std::size_t at = xml.find(key); at != std::string::npos; at = xml.find(key, at + 1))
      t->para_ids_.insert(xml.substr(at + 12, 8));
  t->nodes_ = std::move(nodes);
  t->tag_count_ = tags;
  t->size_hint_ = xml.size() + xml.size() / 4;
  return t;
}

}  // namespace reviewkit::templating
