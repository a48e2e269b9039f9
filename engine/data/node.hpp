// reviewkit/data — any YAML document as a tree that remembers where each value was written.
//
// In: YAML text and the file's name. Out: a tree of Nodes (null, scalar, list, map with keys in the
// order written), each with its 1-based line and column, and diagnostics for syntax errors,
// duplicate keys (which yaml-cpp accepts silently) and invalid UTF-8. The case file, templates' data
// files, board profiles and checklists are all read through here, so every later message can say
// file:line:col.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"

namespace reviewkit::data {

struct Mark {
  int line = 0, column = 0;  ///< 1-based; 0 when the node was made by the program
};

struct Node;
using NodePtr = std::shared_ptr<Node>;

enum class Kind { Null, Scalar, List, Map };

struct Entry {
  std::string key;
  Mark key_mark;
  NodePtr value;
};

struct Node {
  Kind kind = Kind::Null;
  std::string scalar;   ///< the text as written, for scalars
  bool quoted = false;  ///< "…" or '…' in the source: always a string, never a number or boolean
  std::vector<NodePtr> items;    ///< lists
  std::vector<Entry> entries;    ///< maps, in the order written
  Mark mark;
  std::shared_ptr<const std::string> file;  ///< shared by every node of one document

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_list() const { return kind == Kind::List; }
  bool is_map() const { return kind == Kind::Map; }

  /// A map's value for `key`, or nullptr.
  const Node* get(std::string_view key) const;
  Node* get(std::string_view key);
  const Entry* entry(std::string_view key) const;
  /// A scalar's text, or `fallback` for anything else.
  std::string text(std::string fallback = {}) const;

  /// A Location for diagnostics pointing at this node.
  Location where() const;

  static NodePtr make_scalar(std::string text, bool quoted = true);
  static NodePtr make_map();
  static NodePtr make_list();
  void set(std::string key, NodePtr value);  ///< add or replace a map entry
};

/// The node at a dotted path with [n] indexes ("agencies[0].name"), or nullptr.
const Node* find(const Node& root, std::string_view path);

/// Parses YAML text. Returns the root (a Null node for an empty document) or nullptr when the text
/// cannot be parsed at all; every problem goes to `diags` with file:line:col.
NodePtr parse_yaml(std::string_view text, const std::string& file, Diagnostics& diags);

/// The largest YAML file reviewkit reads (a case file is tens of kilobytes; a mailing list of ten
/// thousand recipients a few megabytes).
constexpr std::uintmax_t kMaxYamlBytes = 32u << 20;

/// Reads and parses a YAML file; a missing or unreadable file is a diagnostic too.
NodePtr load_yaml_file(const std::string& path, Diagnostics& diags);

/// The scalar booleans users write: true/false, yes/no, y/n (any case).
std::optional<bool> parse_bool(std::string_view text);

}  // namespace reviewkit::data
