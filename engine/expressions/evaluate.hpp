// reviewkit/expressions — expressions evaluated against the data: names looked up in a Scope (loop
// variables over the root data) give a Value; problems (an unknown variable, a value that is not a
// date) are returned as messages, never thrown.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "expressions/parse.hpp"

namespace reviewkit::expressions {

/// Names visible to an expression: loop variables over the root data.
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

/// An evaluation that failed with `error` (and how to mend it).
Evaluation failure(std::string error, std::string hint = {});

/// Evaluates. A Missing value is not an error here: the caller decides (an {{ }} must not be
/// missing; `default` and `is defined` accept it). `hint` is filled for missing paths.
Evaluation evaluate(const Expr& e, const Scope& scope);

/// Fills a line of text with {{ expressions }} (filters allowed) from `scope`: file names from
/// --name, PDF form fields' tooltips. Nothing, with `error` set, when a value is missing or not text.
std::optional<std::string> render_text(const std::string& pattern, const Scope& scope, std::string& error);

}  // namespace reviewkit::expressions
