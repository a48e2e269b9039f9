// reviewkit/common — numbers read from what users typed, without exceptions.
//
// Every number in a template, a data file, a board profile or a Word part is parsed here with
// std::from_chars: text that is not a number, or a number too large for its type, gives nothing,
// and the caller turns that into a message with a place. (std::sto* throws on both, which once
// turned a mistyped width into an "internal error".)
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>

namespace reviewkit {

/// A whole decimal number that fills all of `text` and fits in T; nothing otherwise.
template <typename T = long long>
std::optional<T> parse_integer(std::string_view text, int base = 10) {
  T value{};
  if (text.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// A decimal number ("12", "-0.5", "2.54") that fills all of `text` and is finite; nothing otherwise.
std::optional<double> parse_decimal(std::string_view text);

}  // namespace reviewkit
