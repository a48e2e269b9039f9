#include "text.hpp"

#include <cstdlib>

namespace reviewkit {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string trim(std::string_view s) {
  auto space = [&](std::size_t i) { return s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\v' || s[i] == '\f'; };
  std::size_t a = 0, b = s.size();
  while (true) {
    if (a < b && space(a)) ++a;
    else if (b - a >= 2 && s.compare(a, 2, "\xC2\xA0") == 0) a += 2;
    else break;
  }
  while (true) {
    if (b > a && space(b - 1)) --b;
    else if (b - a >= 2 && s.compare(b - 2, 2, "\xC2\xA0") == 0) b -= 2;
    else break;
  }
  return std::string(s.substr(a, b - a));
}

std::string counted(long long n, std::string_view singular, std::string_view plural_form) {
  std::string word(n == 1 ? singular : plural_form.empty() ? std::string(singular) + "s" : std::string(plural_form));
  return std::to_string(n) + " " + word;
}

std::string ordinal(long long n) {
  long long tens = std::llabs(n) % 100, units = std::llabs(n) % 10;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

std::string listed(const std::vector<std::string>& items, std::string_view conjunction) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " " + std::string(conjunction) + " " : ", ";
    out += items[i];
  }
  return out;
}

std::string json_quoted(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace reviewkit
