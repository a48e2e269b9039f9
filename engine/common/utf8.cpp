#include "utf8.hpp"

#include <clocale>
#include <cwctype>
#include <locale.h>

namespace reviewkit {

std::u32string utf32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string utf8(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

namespace {
// The C library's Unicode case tables, through the C.UTF-8 locale every Debian system has; the
// process's own locale is never changed. Without it, only ASCII letters change case.
locale_t unicode_locale() {
  static locale_t loc = [] {
    for (const char* name : {"C.UTF-8", "C.utf8", "en_GB.UTF-8", "en_US.UTF-8"})
      if (locale_t l = newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(nullptr))) return l;
    return static_cast<locale_t>(nullptr);
  }();
  return loc;
}

char32_t to_upper(char32_t c, locale_t loc) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  return loc ? static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), loc)) : c;
}
char32_t to_lower(char32_t c, locale_t loc) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return loc ? static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), loc)) : c;
}
bool letter(char32_t c, locale_t loc) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return loc && iswalpha_l(static_cast<wint_t>(c), loc);
}
}  // namespace

bool is_letter(char32_t c) { return letter(c, unicode_locale()); }

std::string change_case(std::string_view s, LetterCase to) {
  locale_t loc = unicode_locale();
  std::string out;
  out.reserve(s.size() + 4);
  bool start = true;
  for (char32_t c : utf32(s)) {
    bool alpha = letter(c, loc);
    bool upper = to == LetterCase::Upper || (to == LetterCase::Title && alpha && start);
    if (upper && c == U'\u00DF') {  // ß has no single capital in common use
      out += to == LetterCase::Upper ? "SS" : "Ss";
    } else {
      append_utf8(out, upper ? to_upper(c, loc) : to_lower(c, loc));
    }
    bool digit = c >= '0' && c <= '9';
    bool apostrophe = c == '\'' || c == U'\u2019';
    if (alpha || digit) start = false;
    else if (!apostrophe) start = true;
  }
  return out;
}

std::string initials(std::string_view text) {
  std::string out;
  bool start = true;
  for (char32_t ch : utf32(text)) {
    bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '-' || ch == 0xA0;
    if (start && !space && is_letter(ch)) out += change_case(utf8(ch), LetterCase::Upper);
    start = space;
  }
  return out;
}

}  // namespace reviewkit
