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

}  // namespace reviewkit
