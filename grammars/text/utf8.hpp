// utf8.hpp — decoding and validating UTF-8 text. Every other grammar works on
// UTF-8 and steps through it with these functions.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// The code point used for bytes that are not valid UTF-8.
inline constexpr char32_t kReplacementChar = 0xFFFD;

// Whether byte continues a multi-byte sequence (10xxxxxx) rather than starting one.
constexpr bool is_utf8_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Decodes the code point that starts at text[pos] and advances pos past it.
// On an invalid or truncated sequence returns kReplacementChar and advances
// pos by one byte. Requires pos < text.size().
char32_t decode_utf8_general(std::string_view text, std::size_t& pos);
inline char32_t decode_utf8(std::string_view text, std::size_t& pos) {
  // Inline fast paths for ASCII and the 3-byte sequences of Japanese text
  // (leads E1-EC and EE-EF cannot be overlong or surrogates); the rest is
  // decode_utf8_general's.
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  if (((lead >= 0xE1 && lead <= 0xEC) || lead >= 0xEE) && lead <= 0xEF && pos + 2 < text.size() &&
      (static_cast<unsigned char>(text[pos + 1]) & 0xC0) == 0x80 &&
      (static_cast<unsigned char>(text[pos + 2]) & 0xC0) == 0x80) {
    char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                  (static_cast<char32_t>(text[pos + 1] & 0x3F) << 6) |
                  static_cast<char32_t>(text[pos + 2] & 0x3F);
    pos += 3;
    return cp;
  }
  return decode_utf8_general(text, pos);
}

// True when every byte of text is ASCII (below 0x80): text that no width
// or kana fold changes and that needs no decoding.
inline bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Appends the UTF-8 encoding of cp to out (a code point above U+10FFFF as
// U+FFFD). Inline for ASCII and the 3-byte sequences of Japanese text, as
// decode_utf8; the rest is append_utf8_general's.
void append_utf8_general(std::string& out, char32_t cp);
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp >= 0x800 && cp < 0x10000) {
    // One append, not three push_backs (a capacity check each).
    const char bytes[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 3);
  } else {
    append_utf8_general(out, cp);
  }
}
// The UTF-8 encoding of cp.
inline std::string utf8_of(char32_t cp) {
  std::string text;
  append_utf8(text, cp);
  return text;
}
// The UTF-8 encoding of code points.
inline std::string utf8_of(std::u32string_view text) {
  std::string out;
  for (char32_t cp : text) append_utf8(out, cp);
  return out;
}

// Returns the byte offset of the first invalid UTF-8 sequence in text, or
// std::string_view::npos when text is valid UTF-8 (overlongs, surrogates and
// code points above U+10FFFF are invalid).
std::size_t find_invalid_utf8(std::string_view text);

// text with every invalid UTF-8 sequence replaced by U+FFFD (one per
// invalid byte, as decode_utf8 reads them): valid text comes back unchanged.
std::string with_invalid_utf8_replaced(std::string_view text);

// Number of code points in valid UTF-8 text (invalid bytes count one each).
std::size_t count_code_points(std::string_view text);

// Converts a byte offset in a line to a 1-based character column.
std::size_t byte_offset_to_column(std::string_view line, std::size_t offset);

}  // namespace gifkit::grammars
