// reviewkit/expressions — the values an expression works on: text, numbers, booleans, lists and maps
// of the data, and what is missing. One place for blankness, numbers read from text, comparing.
#pragma once

#include <optional>
#include <string>

#include "data/node.hpp"

namespace reviewkit::expressions {

struct Value {
  enum Kind { Missing, Null, Text, Number, Bool, List, Map } kind = Missing;
  std::string text;                  ///< as written, for scalars
  double number = 0;
  bool boolean = false;
  const data::Node* node = nullptr;  ///< lists and maps
  std::string path;                  ///< where it came from, for messages

  static Value of(const data::Node* node, std::string path);
  static Value of_text(std::string text);
  bool truthy() const;
};

/// Words for the value in error messages.
std::string describe(const Value& v);

/// Empty, or only spaces, tabs, line breaks and non-breaking spaces: a value nobody filled in.
bool is_blank(const std::string& s);
/// The whole text as a number (from_chars: no locale, no exceptions), or nothing.
std::optional<double> as_number(const std::string& s);
/// A computed number as a person writes it: 3, not 3.000000; 2.5; -0.25.
Value number_value(double n);
/// A number value, or text that is one.
std::optional<double> number_of(const Value& v);
/// Order as `<` decides: numbers as numbers, else text (so YYYY-MM-DD dates in date order).
int compare(const Value& a, const Value& b);
/// Equal as `==` decides: numbers as numbers, booleans as booleans, text as text.
bool same(const Value& a, const Value& b);

}  // namespace reviewkit::expressions
