// reviewkit/common — small text helpers, one place each: ASCII small letters, trimming, counted
// nouns and ordinals. (Unicode case is change_case in utf8.hpp.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reviewkit {

/// A-Z to a-z, everything else as it is: for names that are ASCII by definition (extensions,
/// option values, keys).
std::string ascii_lower(std::string_view s);
/// Without spaces, tabs, line breaks and non-breaking spaces at either end.
std::string trim(std::string_view s);
/// "1 error", "2 errors"; `plural_form` for irregular words.
std::string counted(long long n, std::string_view singular, std::string_view plural_form = {});
/// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st; negative numbers keep their sign.
std::string ordinal(long long n);
/// `s` as a JSON string, quotes included: control characters escaped, other UTF-8 kept as it is.
std::string json_quoted(std::string_view s);
/// Items as English writes a list: "a", "a and b", "a, b and c" (`conjunction` instead of "and").
std::string listed(const std::vector<std::string>& items, std::string_view conjunction = "and");

}  // namespace reviewkit
