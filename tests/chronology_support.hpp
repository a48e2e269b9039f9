// What the chronology tests share: the sample case (as of 1 June 2026) and the column sets
// reviewkit ships, each loaded once.
#pragma once

#include <catch2/catch.hpp>

#include "casefile/case.hpp"
#include "chronology/columns.hpp"
#include "support.hpp"

namespace reviewkit::test {

inline const casefile::Case& sample_case() {
  static const casefile::Case c = [] {
    Diagnostics diags;
    auto loaded = casefile::load_case(repo_path("samples/child-a/case.yaml").string(), diags, Date{2026, 6, 1});
    REQUIRE(loaded);
    return *loaded;
  }();
  return c;
}

inline const chronology::ColumnSets& sets() {
  static const chronology::ColumnSets s = [] {
    Diagnostics diags;
    auto loaded = chronology::load_column_sets(repo_path("templates/chronology/columns.yaml"), diags);
    REQUIRE(loaded);
    return *loaded;
  }();
  return s;
}

}  // namespace reviewkit::test
