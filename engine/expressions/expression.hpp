// reviewkit/expressions — the one expression language of reviewkit: what {{ }} and {% if %} hold in
// Word templates, PDF form tooltips, `letters --where` and `--name`, and (later) checklist rules
// and document-kind conditions. Stages, each its own file: values (value.hpp), the parser
// (parse.hpp), evaluation against the data (evaluate.hpp) and the filters as a table (filters.hpp).
// Depends on data and common only.
#pragma once

#include "expressions/evaluate.hpp"
#include "expressions/filters.hpp"
#include "expressions/parse.hpp"
#include "expressions/value.hpp"
