// reviewkit/common — "did you mean": the closest known name to a misspelt one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewkit {

/// Edit distance (insertions, deletions, substitutions, adjacent swaps), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible misspelling
/// (at most a third of the word's length, and at most 3 edits).
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

/// "did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// "'a', 'b' or 'c'" for messages that list the allowed values.
std::string one_of(const std::vector<std::string>& values);

}  // namespace reviewkit
