// reviewkit/data — checking a YAML tree against a declared shape.
//
// A Shape lists the keys a map may hold, each with its type, whether it is required and a line of
// documentation. check() walks a Node tree against a Shape and reports every problem: unknown keys
// (with "did you mean"), missing required keys, values of the wrong type, dates that do not exist,
// values outside a list of choices, duplicate ids. References between sections (an action naming a
// recommendation) are collected and resolved once the whole tree has been seen. Every map may hold
// an `extra:` map of the board's own fields, which is never checked.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/node.hpp"

namespace reviewkit::data {

struct Shape;

enum class Type {
  Text,     ///< any scalar, kept as written
  Date,     ///< YYYY-MM-DD, a date that exists
  Time,     ///< HH:MM, 24-hour clock
  Bool,     ///< true/false (yes/no, y/n accepted)
  Integer,
  Email,
  Choice,   ///< one of `choices`
  Id,       ///< a unique name in `space`, that Refs point at
  Ref,      ///< the Id of something in `space`
  Map,      ///< a map of `shape`
  List,     ///< a list of `item`
  Any,      ///< anything (extra:)
};

struct FieldType {
  Type type = Type::Text;
  std::vector<std::string> choices;        ///< Choice
  std::string space;                        ///< Id, Ref: "person", "agency"
  const Shape* shape = nullptr;             ///< Map
  std::shared_ptr<const FieldType> item;    ///< List
};

struct Field {
  std::string key;
  FieldType type;
  bool required = false;
  std::string doc;  ///< one line: what the field holds, in the users' words
  /// A stage of the caller's ("scoped"): the field is required once the case has reached it.
  std::string required_from;
};

/// Tells check() whether a stage has been reached, and in words how ("the review is scoped:
/// review.dates.scoping_meeting is 4 March 2025"); nothing while it has not.
using StageReached = std::function<std::optional<std::string>(const std::string& stage)>;

struct Shape {
  std::string name;  ///< "agency", "chronology entry": used in messages
  std::vector<Field> fields;
  const Field* field(std::string_view key) const;
};

// Builders for readable shape tables.
FieldType text();
FieldType date();
FieldType time_of_day();
FieldType boolean();
FieldType integer();
FieldType email();
FieldType choice(std::vector<std::string> choices);
FieldType id(std::string space);
FieldType ref(std::string space);
FieldType map_of(const Shape& shape);
FieldType list_of(FieldType item);
FieldType any();

/// Names of ids seen, per space, with where each was defined; filled by check().
struct IdTable {
  struct Definition {
    std::string id;
    Location where;
  };
  std::map<std::string, std::vector<Definition>> spaces;
  struct Use {
    std::string space, id, path;
    Location where;
  };
  std::vector<Use> uses;

  bool has(const std::string& space, const std::string& id) const;
  std::vector<std::string> ids(const std::string& space) const;
};

/// Checks `node` (at `path`, "" for the root) against `shape`, adding every problem to `diags`
/// and every id and reference to `ids`. A field with `required_from` is required when `reached`
/// says its stage has been reached.
void check(const Node& node, const Shape& shape, const std::string& path, IdTable& ids, Diagnostics& diags,
           const StageReached& reached = {});

/// Reports every reference whose id is not defined in its space (with "did you mean").
void resolve_references(const IdTable& ids, const std::map<std::string, std::string>& space_names,
                        Diagnostics& diags);

/// A user-facing name for a type: "a date (YYYY-MM-DD)", "a list of texts".
std::string describe(const FieldType& type);

/// Every path a shape allows, depth first, with [] for list items: "agencies[].name".
struct PathDoc {
  std::string path;
  std::string type;
  bool required;
  std::string doc;
  std::string required_from;
};
std::vector<PathDoc> document(const Shape& shape, const std::string& prefix = {});

}  // namespace reviewkit::data
