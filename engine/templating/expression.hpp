// reviewkit/templating — the expressions inside tags: paths, literals, comparisons, filters.
//
// In: the text between {{ }} or after `if`/`for`. Out: an Expr tree, or a message saying what is
// wrong. Evaluation looks names up in a Scope (loop variables over the data) and gives a Value;
// problems (an unknown variable, a value that is not a date) are returned as messages, never thrown.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/node.hpp"

namespace reviewkit::templating {

/// How deep brackets and 'not' may nest in one expression (docs/reliability.md lists every limit).
constexpr int kMaxExpressionDepth = 100;

struct Value {
  enum Kind { Missing, Null, Text, Number, Bool, List, Map } kind = Missing;
  std::string text;                  ///< as written, for scalars
  double number = 0;
  bool boolean = false;
  const data::Node* node = nullptr;  ///< lists and maps
  std::string path;                  ///< where it came from, for messages

  static Value of(const data::Node* node, std::string path);
  static Value of_text(std::string text);
  bool truthy() const;
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct PathSegment {
  std::string key;  ///< empty for an index
  long index = 0;   ///< counted from 0; from the end when negative (items[-1] is the last)
  ExprPtr index_expr;  ///< an index computed from the data (items[loop.index0]); else `index`
};

struct Filter {
  std::string name;
  std::vector<ExprPtr> args;
};

struct Expr {
  enum Kind { Literal, Path, Not, And, Or, Compare, Defined, Filtered, Arithmetic, Negate, In } kind = Literal;
  Value literal;                          ///< Literal; a list literal's node is `list`
  std::shared_ptr<data::Node> list;       ///< ["police", "health"]
  std::vector<PathSegment> path;
  std::string text;  ///< the path as written, or the operator (==, +, …)
  std::vector<ExprPtr> operands;
  bool negated = false;         ///< `is not defined`, `not in`
  std::vector<Filter> filters;  ///< Filtered: operands[0] | filters…
};

/// Parses an expression; on failure returns nullptr and sets `error`.
ExprPtr parse_expression(std::string_view text, std::string& error);

/// The filters a template may use, for "did you mean".
const std::vector<std::string>& filter_names();

/// Names visible to a template: loop variables over the root data.
class Scope {
 public:
  explicit Scope(const data::Node* root) : root_(root) {}
  void push(std::map<std::string, Value> frame) { frames_.push_back(std::move(frame)); }
  void pop() { frames_.pop_back(); }
  Value lookup(const std::string& name) const;
  std::vector<std::string> names() const;

 private:
  const data::Node* root_;
  std::vector<std::map<std::string, Value>> frames_;
};

struct Evaluation {
  Value value;
  std::string error, hint;  ///< set when the expression cannot be evaluated
  bool defaulted = false;   ///< the value is a `| default:` the template gave (which may be "" on purpose)
};

/// Evaluates. A Missing value is not an error here: the caller decides (an {{ }} must not be
/// missing; `default` and `is defined` accept it). `missing_hint` is filled for missing paths.
Evaluation evaluate(const Expr& e, const Scope& scope);

/// Fills a line of text with {{ expressions }} (filters allowed) from `scope`: file names from
/// --name, PDF form fields' tooltips. Nothing, with `error` set, when a value is missing or not text.
std::optional<std::string> render_text(const std::string& pattern, const Scope& scope, std::string& error);

/// Words for the value in error messages.
std::string describe(const Value& v);

}  // namespace reviewkit::templating
