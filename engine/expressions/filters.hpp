// reviewkit/expressions — the filters (`{{ value | name: arguments }}`), as one table: each filter's
// name, how many arguments it takes, what it does (for messages and docs/template-language.md) and
// the function that does it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expressions/evaluate.hpp"

namespace reviewkit::expressions {

struct FilterCall {
  const Evaluation& in;            ///< the value before the bar
  const std::vector<Value>& args;  ///< the arguments, evaluated
  const std::string& subject;      ///< the value's name for messages ("child.name", "the value")
};

struct FilterDef {
  const char* name;
  int min_args, max_args;
  const char* usage;    ///< how it is written: | date: "%d/%m/%Y"
  const char* summary;  ///< what it does, in a few words
  /// Which values it takes: any (it is called even for a missing value), lists and maps, or single values.
  enum Input { Any, Collection, Single } input;
  Evaluation (*apply)(const FilterCall& call);
};

/// Every filter, in the order the docs list them.
const std::vector<FilterDef>& filters();
/// The filter of that name, or nullptr.
const FilterDef* find_filter(std::string_view name);
/// Their names, for "did you mean".
const std::vector<std::string>& filter_names();

/// Applies one filter of an expression to `in`, evaluating its arguments in `scope`.
Evaluation apply_filter(const Filter& f, Evaluation in, const Scope& scope, const std::string& subject);

}  // namespace reviewkit::expressions
