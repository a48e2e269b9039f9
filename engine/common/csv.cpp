#include "csv.hpp"

#include <cctype>

namespace reviewkit {

std::string csv_field(const std::string& s) {
  std::string clean;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') clean += c;
  if (clean.empty()) return clean;
  // A cell Excel would run as a formula is kept as text (CSV injection).
  // ("-3" and "+44 …" stay as they are: a sign before a digit is a number, never a formula's start.)
  bool number = (clean[0] == '-' || clean[0] == '+') && clean.size() > 1 && std::isdigit(static_cast<unsigned char>(clean[1]));
  if (std::string("=+-@\t\r").find(clean[0]) != std::string::npos && !number) clean = "'" + clean;
  if (clean.find_first_of(",\"\n\r") == std::string::npos) return clean;
  std::string out = "\"";
  for (char c : clean) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
  return out + "\r\n";
}

}  // namespace reviewkit
