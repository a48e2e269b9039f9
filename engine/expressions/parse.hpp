// reviewkit/expressions — the text of an expression, parsed: paths, literals, operators, filters.
//
// In: the text between {{ }} or after `if`/`for`, a --where condition, a form field's tooltip.
// Out: an immutable Expr tree, or a message saying what is wrong (never an exception).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "expressions/value.hpp"

namespace reviewkit::expressions {

/// How deep brackets, 'not' and '-' may nest in one expression (docs/reliability.md lists every limit).
constexpr int kMaxExpressionDepth = 100;

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

}  // namespace reviewkit::expressions
