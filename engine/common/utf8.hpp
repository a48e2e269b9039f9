// reviewkit/common — UTF-8, decoded to code points and encoded back (one implementation for all).
#pragma once

#include <string>
#include <string_view>

namespace reviewkit {

/// Decodes UTF-8; an invalid byte becomes U+FFFD.
std::u32string utf32(std::string_view utf8);
/// Encodes one code point.
std::string utf8(char32_t c);
void append_utf8(std::string& out, char32_t c);

/// Capitals, small letters, or Each Word Capitalised, for every script Unicode gives cases to
/// (é → É, ü → Ü, ł → Ł, zoë → Zoë; ß → SS in capitals). A word starts after anything that is not
/// a letter, a digit or an apostrophe, so "o'brien-smith" becomes "O'brien-Smith" and "1st" stays.
enum class LetterCase { Upper, Lower, Title };
std::string change_case(std::string_view utf8, LetterCase to);
/// A letter of any script (the C library's Unicode tables).
bool is_letter(char32_t c);
/// The first letter of each word (after a space or a hyphen), in capitals, of any script: Łucja Ōta → ŁŌ.
std::string initials(std::string_view utf8);

}  // namespace reviewkit
