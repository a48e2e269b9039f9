#include <catch2/catch.hpp>

#include "data/node.hpp"

using namespace reviewkit;

namespace {
std::vector<std::string> lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.sorted()) out.push_back(format(item));
  return out;
}
}  // namespace

TEST_CASE("every value remembers its line and column", "[yaml]") {
  Diagnostics d;
  auto root = data::parse_yaml("review:\n  kind: scr\nitems:\n  - one\n  - \"two\"\n", "c.yaml", d);
  REQUIRE(root);
  CHECK(d.empty());
  const data::Node* kind = data::find(*root, "review.kind");
  REQUIRE(kind);
  CHECK(kind->scalar == "scr");
  CHECK(kind->mark.line == 2);
  CHECK(kind->mark.column == 9);
  CHECK(root->get("review")->entry("kind")->key_mark.column == 3);
  const data::Node* two = data::find(*root, "items[1]");
  REQUIRE(two);
  CHECK(two->quoted);
  CHECK_FALSE(data::find(*root, "items[0]")->quoted);
  CHECK(data::find(*root, "items[2]") == nullptr);
}

TEST_CASE("duplicate keys are errors, not silently dropped", "[yaml]") {
  Diagnostics d;
  data::parse_yaml("child:\n  name: A\n  pseudonym: Child A\n  name: B\n", "c.yaml", d);
  CHECK(lines(d) == std::vector<std::string>{
                        "c.yaml:4:3: error: duplicate key 'name' (it is already set at line 2, column 3: keep one of them)"});
}

TEST_CASE("syntax errors say where", "[yaml]") {
  Diagnostics d;
  auto root = data::parse_yaml("review:\n  kind: [scr\n", "c.yaml", d);
  CHECK_FALSE(root);
  REQUIRE(d.items().size() == 1);
  CHECK(format(d.items()[0]) ==
        "c.yaml:3:1: error: YAML syntax: end of sequence flow not found (check the indentation and that every ':' after a "
        "key is followed by a space)");
}

TEST_CASE("text that is not UTF-8 is reported at its position", "[yaml]") {
  Diagnostics d;
  auto root = data::parse_yaml("name: ok\nplace: Caf\xe9\n", "c.yaml", d);
  CHECK_FALSE(root);
  CHECK(lines(d) == std::vector<std::string>{"c.yaml:2:11: error: the file is not valid UTF-8 text (save it as UTF-8 "
                                             "(in Notepad: Save As, Encoding UTF-8))"});
}

TEST_CASE("a byte order mark, anchors, aliases and merge keys are understood", "[yaml]") {
  Diagnostics d;
  auto root = data::parse_yaml(
      "\xEF\xBB\xBF" "base: &b {venue: Hall, time: \"10:00\"}\nmeeting:\n  <<: *b\n  time: \"11:00\"\nagain: *b\nempty:\nnull_word: null\n",
      "c.yaml", d);
  REQUIRE(root);
  CHECK(d.empty());
  CHECK(data::find(*root, "meeting.venue")->scalar == "Hall");
  CHECK(data::find(*root, "meeting.time")->scalar == "11:00");
  CHECK(data::find(*root, "again.time")->scalar == "10:00");
  CHECK(root->get("empty")->is_null());
  CHECK(root->get("null_word")->is_null());
}

TEST_CASE("tabs used for indentation are reported on every line", "[yaml]") {
  Diagnostics d;
  CHECK_FALSE(data::parse_yaml("review:\n\tkind: scr\n  board: x\n \treference: y\n", "c.yaml", d));
  CHECK(lines(d) == std::vector<std::string>{
                        "c.yaml:2:1: error: a tab is used to indent this line (YAML is indented with spaces only: replace "
                        "the tab with spaces)",
                        "c.yaml:4:2: error: a tab is used to indent this line (YAML is indented with spaces only: replace "
                        "the tab with spaces)"});
}

TEST_CASE("a second document in one file is an error", "[yaml]") {
  Diagnostics d;
  data::parse_yaml("a: 1\n---\nb: 2\n", "c.yaml", d);
  REQUIRE(d.items().size() == 1);
  CHECK(format(d.items()[0]) ==
        "c.yaml:3:1: error: the file holds more than one YAML document (remove the '---' line that starts the second one)");
}

TEST_CASE("booleans accept the words people write", "[yaml]") {
  CHECK(data::parse_bool("Yes") == true);
  CHECK(data::parse_bool("N") == false);
  CHECK(data::parse_bool("TRUE") == true);
  CHECK_FALSE(data::parse_bool("maybe"));
}
