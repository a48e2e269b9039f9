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
/// Strict UTF-8: no overlong forms, surrogates or code points above U+10FFFF; with `xml`, also none
/// of the control characters XML 1.0 cannot carry. `bad_at` (when given) gets the first bad byte.
bool valid_utf8(std::string_view text, std::size_t* bad_at = nullptr, bool xml = false);
/// Windows-1252 bytes (Excel's "CSV (Comma delimited)") as UTF-8; its five undefined bytes as U+FFFD.
std::string windows_1252_to_utf8(std::string_view bytes);
/// UTF-16 (without its byte order mark) as UTF-8; an unpaired surrogate as U+FFFD.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian);
/// Only the letters and digits of a text, in small letters of every script: how a heading, a
/// label or a name is compared when its spaces, punctuation and capitals may differ.
std::string letters_and_digits(std::string_view utf8);

/// A letter of any script (the C library's Unicode tables).
bool is_letter(char32_t c);
/// The first letter of each word (after a space or a hyphen), in capitals, of any script: Łucja Ōta → ŁŌ.
std::string initials(std::string_view utf8);

}  // namespace reviewkit
