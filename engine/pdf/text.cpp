#include "text.hpp"

namespace reviewkit::pdf {

double text_width(const std::string& text, Face* face, double size) {
  double w = 0;
  for (char32_t c : utf32(text)) w += face->advance(c);
  return w * size / 1000;
}

std::vector<std::string> wrap_text(const std::string& text, Face* face, double size, double max) {
  std::vector<std::string> lines;
  std::string line, word;
  auto push_word = [&] {
    if (word.empty()) return;
    std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(candidate, face, size) > max) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\n') {
      push_word();
      if (c == '\n' && !line.empty()) {
        lines.push_back(line);
        line.clear();
      }
    } else {
      word += c;
    }
  }
  push_word();
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace reviewkit::pdf
