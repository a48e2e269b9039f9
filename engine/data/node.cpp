#include "node.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "common/files.hpp"

namespace reviewkit::data {

const Entry* Node::entry(std::string_view key) const {
  if (kind != Kind::Map) return nullptr;
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Entry* e = entry(key);
  return e ? e->value.get() : nullptr;
}

Node* Node::get(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->get(key));
}

std::string Node::text(std::string fallback) const { return kind == Kind::Scalar ? scalar : fallback; }

Location Node::where() const {
  Location loc;
  if (file) loc.file = *file;
  loc.line = mark.line;
  loc.column = mark.column;
  return loc;
}

NodePtr Node::make_scalar(std::string text, bool quoted) {
  auto n = std::make_shared<Node>();
  n->kind = Kind::Scalar;
  n->scalar = std::move(text);
  n->quoted = quoted;
  return n;
}

NodePtr Node::make_map() {
  auto n = std::make_shared<Node>();
  n->kind = Kind::Map;
  return n;
}

NodePtr Node::make_list() {
  auto n = std::make_shared<Node>();
  n->kind = Kind::List;
  return n;
}

void Node::set(std::string key, NodePtr value) {
  kind = Kind::Map;
  for (auto& e : entries) {
    if (e.key == key) {
      e.value = std::move(value);
      return;
    }
  }
  entries.push_back({std::move(key), {}, std::move(value)});
}

const Node* find(const Node& root, std::string_view path) {
  const Node* at = &root;
  std::size_t i = 0;
  while (at && i < path.size()) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || !at->is_list()) return nullptr;
      std::size_t index = 0;
      auto [p, ec] = std::from_chars(path.data() + i + 1, path.data() + close, index);
      if (ec != std::errc() || p != path.data() + close || index >= at->items.size()) return nullptr;
      at = at->items[index].get();
      i = close + 1;
      continue;
    }
    std::size_t end = path.find_first_of(".[", i);
    if (end == std::string_view::npos) end = path.size();
    at = at->get(path.substr(i, end - i));
    i = end;
  }
  return at;
}

std::optional<bool> parse_bool(std::string_view text) {
  std::string low = ascii_lower(text);
  if (low == "true" || low == "yes" || low == "y") return true;
  if (low == "false" || low == "no" || low == "n") return false;
  return std::nullopt;
}

namespace {

// Builds Nodes from yaml-cpp's parse events, which carry positions and show every key as written
// (yaml-cpp's own Node API silently keeps one of two duplicate keys).
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::shared_ptr<const std::string> file, Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  NodePtr root() const { return root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (failed_) return;
    grow({1, 0});
    auto n = make(Kind::Null, mark);
    remember(anchor, n);
    add(n, mark, "");
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (failed_) return;
    auto it = anchors_.find(anchor);
    if (it != anchors_.end() && open_anchors_.count(anchor)) {
      fail(mark, "an alias (*name) refers to the list or map that contains it, which would repeat forever",
           "copy the values instead of referring to their own container");
      return;
    }
    NodePtr n = it != anchors_.end() ? it->second : make(Kind::Null, mark);
    // An alias shares the node it names; count what it would be if written out, so that aliases of
    // aliases ("billion laughs") cannot make every later reader walk an exponential tree.
    Size size = it != anchors_.end() ? sizes_[n.get()] : Size{};
    alias_values_ += size.values;
    alias_bytes_ += size.bytes;
    if (alias_values_ > kMaxAliasValues || alias_bytes_ > kMaxAliasBytes) {
      fail(mark, "the aliases (*name) in this file expand to more than " + std::to_string(kMaxAliasValues) +
                     " values or " + std::to_string(kMaxAliasBytes >> 20) + " MB of text",
           "the file is built to be enormous when read; write the values out instead of aliasing aliases");
      return;
    }
    grow(size);
    add(n, mark, n->is_scalar() ? n->scalar : "");
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (failed_) return;
    check_characters(mark, value);
    auto n = make(Kind::Scalar, mark);
    n->scalar = value;
    n->quoted = (tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str");
    if (anchor != YAML::NullAnchor) sizes_[n.get()] = {1, value.size()};
    grow({1, value.size()});
    remember(anchor, n);
    add(n, mark, value);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    if (failed_) return;
    auto n = make(Kind::List, mark);
    remember(anchor, n);
    add(n, mark, "");
    stack_.push_back({n, false, {}, {}, {}, {}, anchor, {1, 0}});
    if (anchor != YAML::NullAnchor) open_anchors_.insert(anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    if (failed_) return;
    auto n = make(Kind::Map, mark);
    remember(anchor, n);
    add(n, mark, "");
    stack_.push_back({n, true, {}, {}, {}, {}, anchor, {1, 0}});
    if (anchor != YAML::NullAnchor) open_anchors_.insert(anchor);
  }
  void OnMapEnd() override { close(); }

  bool failed() const { return failed_; }

 private:
  struct Size {
    std::size_t values = 0, bytes = 0;
  };
  struct Frame {
    NodePtr node;
    bool expecting_key;
    std::string key;
    Mark key_mark;
    std::unordered_set<std::string> merged;  // keys that came from a merge (<<) and may be set again
    std::unordered_map<std::string, std::size_t> index;  // key -> entry, so duplicates are found in constant time
    YAML::anchor_t anchor;
    Size size;
  };

  // What the containers being built hold, written out; a closed container's size is kept for aliases.
  void grow(Size s) {
    if (!stack_.empty()) {
      stack_.back().size.values += s.values;
      stack_.back().size.bytes += s.bytes;
    }
  }

  void close() {
    if (failed_ || stack_.empty()) return;
    Frame& top = stack_.back();
    Size s = top.size;
    if (top.anchor != YAML::NullAnchor) {
      sizes_[top.node.get()] = s;
      open_anchors_.erase(top.anchor);
    }
    stack_.pop_back();
    grow(s);
  }

  void fail(const YAML::Mark& mark, std::string message, std::string hint) {
    diags_.error({*file_, mark.line + 1, mark.column + 1, {}, {}, 0}, std::move(message), std::move(hint));
    failed_ = true;
    stack_.clear();
    anchors_.clear();  // drop every node now: nothing refers to a half-built tree
    root_.reset();
  }

  // XML 1.0 cannot carry most control characters, so a value holding one could never reach a Word
  // document; say where it is rather than write a file Word refuses to open.
  void check_characters(const YAML::Mark& mark, const std::string& value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      auto c = static_cast<unsigned char>(value[i]);
      bool bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
                 (c == 0xEF && i + 2 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0xBF &&
                  (static_cast<unsigned char>(value[i + 2]) == 0xBE || static_cast<unsigned char>(value[i + 2]) == 0xBF));
      if (c == 0xED && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) >= 0xA0) bad = true;  // a surrogate
      if (!bad) continue;
      char code[16];
      if (c == 0xEF) std::snprintf(code, sizeof code, "U+FFF%c", static_cast<unsigned char>(value[i + 2]) == 0xBE ? 'E' : 'F');
      else if (c == 0xED) std::snprintf(code, sizeof code, "U+D%c..", "89ABCDEF"[(static_cast<unsigned char>(value[i + 1]) >> 2) & 7]);
      else std::snprintf(code, sizeof code, "U+%04X", c);
      diags_.error({*file_, mark.line + 1, mark.column + 1, {}, {}, 0},
                   std::string("the value holds the control character ") + code +
                       ", which a Word document cannot contain",
                   "remove it: it may have come from pasting, or from a \\x or \\0 escape in quotes");
      return;
    }
  }

  NodePtr make(Kind kind, const YAML::Mark& mark) {
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->mark = {mark.line + 1, mark.column + 1};
    n->file = file_;
    return n;
  }

  void remember(YAML::anchor_t anchor, const NodePtr& n) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = n;
  }

  void add(const NodePtr& n, const YAML::Mark& mark, const std::string& scalar_text) {
    if (stack_.empty()) {
      if (!root_) root_ = n;
      return;
    }
    Frame& top = stack_.back();
    if (top.node->kind == Kind::List) {
      top.node->items.push_back(n);
      return;
    }
    if (top.expecting_key) {
      if (n->kind == Kind::Map || n->kind == Kind::List) {
        diags_.error(n->where(), "a key must be plain text, not a list or map",
                     "write the key as a word followed by a colon");
      }
      top.key = scalar_text;
      top.key_mark = {mark.line + 1, mark.column + 1};
      top.expecting_key = false;
      return;
    }
    top.expecting_key = true;
    Node& map = *top.node;
    if (top.key == "<<" && n->is_map()) {  // merge key: entries not already set come from the alias
      for (const auto& e : n->entries) {
        if (top.index.count(e.key)) continue;
        top.index.emplace(e.key, map.entries.size());
        map.entries.push_back(e);
        top.merged.insert(e.key);
      }
      return;
    }
    if (auto m = top.merged.find(top.key); m != top.merged.end()) {
      top.merged.erase(m);
      map.entries[top.index.at(top.key)] = {top.key, top.key_mark, n};
      return;
    }
    if (auto first = top.index.find(top.key); first != top.index.end()) {
      const Entry& e = map.entries[first->second];
      Location loc{*file_, top.key_mark.line, top.key_mark.column, {}, {}};
      diags_.error(loc, "duplicate key '" + top.key + "'",
                   "it is already set at line " + std::to_string(e.key_mark.line) + ", column " +
                       std::to_string(e.key_mark.column) + ": keep one of them");
      return;
    }
    top.index.emplace(top.key, map.entries.size());
    map.entries.push_back({top.key, top.key_mark, n});
  }

  std::shared_ptr<const std::string> file_;
  Diagnostics& diags_;
  NodePtr root_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, NodePtr> anchors_;
  std::unordered_set<YAML::anchor_t> open_anchors_;
  std::unordered_map<const Node*, Size> sizes_;  // of anchored nodes
  static constexpr std::size_t kMaxAliasValues = 1'000'000, kMaxAliasBytes = 32u << 20;
  std::size_t alias_values_ = 0, alias_bytes_ = 0;
  bool failed_ = false;
};

// The first invalid UTF-8 sequence, as a 1-based line and column, or nothing when all is valid.
std::optional<Mark> first_invalid_utf8(std::string_view text) {
  int line = 1, column = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size()) return Mark{line, column};
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return Mark{line, column};
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return std::nullopt;
}

}  // namespace

NodePtr parse_yaml(std::string_view text, const std::string& file, Diagnostics& diags) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Notepad
  if (auto bad = first_invalid_utf8(text)) {
    diags.error({file, bad->line, bad->column, {}, {}}, "the file is not valid UTF-8 text",
                "save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)");
    return nullptr;
  }
  // Tabs in indentation (an editor's habit) are not YAML: say so plainly, for every line.
  {
    int line = 1;
    bool tabbed = false;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      for (std::size_t k = i; k < end && (text[k] == ' ' || text[k] == '\t'); ++k) {
        if (text[k] == '\t') {
          diags.error({file, line, static_cast<int>(k - i) + 1, {}, {}, 0}, "a tab is used to indent this line",
                      "YAML is indented with spaces only: replace the tab with spaces");
          tabbed = true;
          break;
        }
      }
      i = end + 1;
      ++line;
    }
    if (tabbed) return nullptr;
  }
  auto file_name = std::make_shared<const std::string>(file);
  std::istringstream in{std::string(text)};
  TreeBuilder builder(file_name, diags);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) {
      auto empty = std::make_shared<Node>();
      empty->file = file_name;
      return empty;
    }
    if (builder.failed()) return nullptr;
    TreeBuilder second(file_name, diags);
    if (parser.HandleNextDocument(second)) {
      const Node* extra = second.root().get();
      diags.error(extra ? extra->where() : Location{file, 0, 0, {}, {}},
                  "the file holds more than one YAML document", "remove the '---' line that starts the second one");
    }
  } catch (const YAML::Exception& e) {
    std::string hint = "check the indentation and that every ':' after a key is followed by a space";
    if (e.msg.find("illegal map value") != std::string::npos)
      hint = "a value that contains ': ' must be put in quotes, like note: \"Training: done\"";
    diags.error({file, e.mark.line + 1, e.mark.column + 1, {}, {}, 0}, "YAML syntax: " + e.msg, hint);
    return nullptr;
  }
  return builder.root();
}

NodePtr load_yaml_file(const std::string& path, Diagnostics& diags) {
  std::string why;
  auto text = read_file(path, why, kMaxYamlBytes);
  if (!text) {
    diags.error({path, 0, 0, {}, {}}, "cannot read the file: " + why,
                why.find("larger than") != std::string::npos ? "check that it is the file you meant" : "check the path");
    return nullptr;
  }
  return parse_yaml(*text, path, diags);
}

}  // namespace reviewkit::data
