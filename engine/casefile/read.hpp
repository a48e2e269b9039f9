// reviewkit/casefile — small readers over a checked tree (internal to casefile).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "data/node.hpp"

namespace reviewkit::casefile::read {

std::string str(const data::Node* map, std::string_view key);
std::optional<Date> date(const data::Node* map, std::string_view key);
std::optional<bool> flag(const data::Node* map, std::string_view key);
std::vector<std::string> strs(const data::Node* map, std::string_view key);
/// The items of a list at `key` (empty when absent or not a list).
std::vector<const data::Node*> items(const data::Node* map, std::string_view key);
/// Where the value at `key` is written, or the map itself when it is absent.
Location at(const data::Node* map, std::string_view key);

}  // namespace reviewkit::casefile::read
