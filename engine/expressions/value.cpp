#include "value.hpp"

#include <charconv>
#include <cmath>

namespace reviewkit::expressions {

// ---------------------------------------------------------------- values

bool is_blank(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (s.compare(i, 2, "\xC2\xA0") == 0) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

std::optional<double> as_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Value Value::of(const data::Node* node, std::string path) {
  Value v;
  v.path = std::move(path);
  if (!node) return v;
  v.node = node;
  switch (node->kind) {
    case data::Kind::Null: v.kind = Null; break;
    case data::Kind::List: v.kind = List; break;
    case data::Kind::Map: v.kind = Map; break;
    case data::Kind::Scalar:
      v.text = node->scalar;
      v.kind = Text;
      if (!node->quoted) {
        if (node->scalar == "true" || node->scalar == "false") {
          v.kind = Bool;
          v.boolean = node->scalar == "true";
        } else if (auto n = as_number(node->scalar)) {
          v.kind = Number;
          v.number = *n;
        }
      }
      break;
  }
  return v;
}

Value Value::of_text(std::string text) {
  Value v;
  v.kind = Text;
  v.text = std::move(text);
  return v;
}

bool Value::truthy() const {
  switch (kind) {
    case Missing:
    case Null: return false;
    case Text: return !text.empty();
    case Number: return number != 0;
    case Bool: return boolean;
    case List: return node && !node->items.empty();
    case Map: return node && !node->entries.empty();
  }
  return false;
}

std::string describe(const Value& v) {
  switch (v.kind) {
    case Value::Missing: return "missing";
    case Value::Null: return "empty";
    case Value::List: return "a list";
    case Value::Map: return "a map";
    default: return "'" + v.text + "'";
  }
}


int compare(const Value& a, const Value& b) {
  auto na = a.kind == Value::Number ? std::optional<double>(a.number) : as_number(a.text);
  auto nb = b.kind == Value::Number ? std::optional<double>(b.number) : as_number(b.text);
  if (na && nb) return *na < *nb ? -1 : *na > *nb ? 1 : 0;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

// Equal as `==` decides: numbers as numbers, booleans as booleans, text as text.
bool same(const Value& a, const Value& b) {
  if (a.kind == Value::Null || b.kind == Value::Null) return a.kind == b.kind;
  if (a.kind == Value::Bool || b.kind == Value::Bool) {
    bool x = a.kind == Value::Bool ? a.boolean : a.text == "true";
    bool y = b.kind == Value::Bool ? b.boolean : b.text == "true";
    return x == y;
  }
  return compare(a, b) == 0;
}

// A computed number as a person writes it: 3, not 3.000000; 2.5; -0.25.
Value number_value(double n) {
  Value v;
  v.kind = Value::Number;
  v.number = n;
  if (std::floor(n) == n && std::fabs(n) < 1e15) {
    v.text = std::to_string(static_cast<long long>(n));
  } else {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n);
    v.text = ec == std::errc() ? std::string(buffer, end) : std::to_string(n);
  }
  return v;
}

std::optional<double> number_of(const Value& v) {
  if (v.kind == Value::Number) return v.number;
  if (v.kind == Value::Text) return as_number(v.text);
  return std::nullopt;
}


}  // namespace reviewkit::expressions
