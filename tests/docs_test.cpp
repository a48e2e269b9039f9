// docs/case-file.md stays true to the code: its example is a valid case file and its field list
// is what `reviewkit help case-file` prints. To refresh the list after changing the schema, replace
// the block under "## Every field" with the output of `build/reviewkit help case-file`.
#include <catch2/catch.hpp>

#include <sstream>

#include "casefile/case.hpp"
#include "cli/cli.hpp"
#include "expressions/filters.hpp"
#include "support.hpp"

using namespace reviewkit;

namespace {
// The text of the first fenced block after `heading` that opens with `fence`.
std::string block_after(const std::string& doc, const std::string& heading, const std::string& fence) {
  auto at = doc.find(heading);
  REQUIRE(at != std::string::npos);
  auto open = doc.find(fence + "\n", at);
  REQUIRE(open != std::string::npos);
  auto start = open + fence.size() + 1;
  auto close = doc.find("\n```", start);
  REQUIRE(close != std::string::npos);
  return doc.substr(start, close - start + 1);
}
}  // namespace

TEST_CASE("the case file reference in the docs is the one the CLI prints", "[docs]") {
  std::string doc = test::read_fixture("../docs/case-file.md");
  std::ostringstream out, err;
  REQUIRE(cli::run({"help", "case-file"}, out, err) == 0);
  CHECK(block_after(doc, "## Every field", "```") == out.str());
}

TEST_CASE("the complete example in the docs is a valid case file", "[docs]") {
  std::string doc = test::read_fixture("../docs/case-file.md");
  test::TempDir dir;
  dir.write("case.yaml", block_after(doc, "## A complete example", "```yaml"));
  Diagnostics diags;
  auto c = casefile::load_case((dir.path / "case.yaml").string(), diags);
  CHECK(test::lines(diags).empty());
  REQUIRE(c);
  CHECK(c->family.size() == 4);
}

TEST_CASE("docs/template-language.md lists every filter of the filter table", "[docs]") {
  std::string doc = test::read_fixture("../docs/template-language.md");
  auto start = doc.find("## Filters");
  REQUIRE(start != std::string::npos);
  std::string section = doc.substr(start, doc.find("\n## ", start + 1) - start);
  for (const auto& f : expressions::filters()) {
    INFO(f.name);
    std::string name = "`" + std::string(f.name);
    CHECK((section.find(name + "`") != std::string::npos || section.find(name + ":") != std::string::npos));
  }
}
