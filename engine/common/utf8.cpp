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

bool valid_utf8(std::string_view text, std::size_t* bad_at, bool xml) {
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < text.size()) {
    unsigned char c = byte(i);
    std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : (c >> 4) == 0xE ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = len != 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (byte(i + k) >> 6) == 0x2;
    if (ok && len == 3) {
      unsigned char d = byte(i + 1);
      ok = !(c == 0xE0 && d < 0xA0) && !(c == 0xED && d >= 0xA0);  // overlong; surrogates
    }
    if (ok && len == 4) {
      unsigned char d = byte(i + 1);
      ok = !(c == 0xF0 && d < 0x90) && !(c == 0xF4 && d > 0x8F);  // overlong; above U+10FFFF
    }
    if (ok && xml && c < 0x20 && c != '\t' && c != '\n' && c != '\r') ok = false;
    if (!ok) {
      if (bad_at) *bad_at = i;
      return false;
    }
    i += len;
  }
  return true;
}

std::string windows_1252_to_utf8(std::string_view bytes) {
  // 0x80–0x9F as Windows-1252 maps them; 0 where it leaves a byte undefined.
  static const char32_t high[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else if (c < 0xA0) append_utf8(out, high[c - 0x80] ? high[c - 0x80] : 0xFFFD);
    else append_utf8(out, c);
  }
  return out;
}

std::string utf16_to_utf8(std::string_view bytes, bool little) {
  std::string out;
  auto unit = [&](std::size_t k) -> char32_t {
    unsigned a = static_cast<unsigned char>(bytes[k]), b = static_cast<unsigned char>(bytes[k + 1]);
    return little ? (b << 8 | a) : (a << 8 | b);
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c < 0xDC00 && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) < 0xE000) {
      c = 0x10000 + ((c - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (c >= 0xD800 && c < 0xE000) {
      c = 0xFFFD;
    }
    append_utf8(out, c);
  }
  return out;
}

std::string letters_and_digits(std::string_view text) {
  std::string out;
  for (char32_t c : utf32(change_case(text, LetterCase::Lower)))
    if (is_letter(c) || (c >= '0' && c <= '9')) append_utf8(out, c);
  return out;
}

}  // namespace reviewkit
