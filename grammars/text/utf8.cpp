// utf8.cpp — strict UTF-8 decoding (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF), encoding, validation and column counting. Every
// loop keeps a pure-ASCII fast path because almost all bytes in the CSV files
// we read are ASCII.
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

// Length of the sequence announced by a lead byte, or 0 for a byte that can
// never start a sequence (continuation bytes, C0/C1 overlong leads, F5..FF).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xC2) return 0;  // 80..BF continuation, C0/C1 always overlong
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  if (lead < 0xF5) return 4;
  return 0;
}

}  // namespace

char32_t decode_utf8_general(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  const std::size_t length = sequence_length(lead);
  if (length == 0 || pos + length > text.size()) {
    ++pos;
    return kReplacementChar;
  }
  char32_t cp = lead & (0xFF >> (length + 1));
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if (!is_utf8_continuation(byte)) {
      ++pos;
      return kReplacementChar;
    }
    cp = (cp << 6) | (byte & 0x3F);
  }
  // The lead byte alone cannot rule out every overlong / surrogate / too-big
  // value (E0 80..9F, ED A0..BF, F0 80..8F, F4 90..BF), so check the result.
  static constexpr char32_t kSmallestOfLength[] = {0, 0, 0x80, 0x800, 0x10000};
  const bool overlong = cp < kSmallestOfLength[length];
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) {
    ++pos;
    return kReplacementChar;
  }
  pos += length;
  return cp;
}

void append_utf8_general(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    append_utf8_general(out, kReplacementChar);
  }
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    // A genuine U+FFFD in the text decodes to kReplacementChar too, but as a
    // 3-byte step; an error always advances exactly one byte.
    if (decode_utf8(text, pos) == kReplacementChar && pos == start + 1) return start;
  }
  return std::string_view::npos;
}

std::string with_invalid_utf8_replaced(std::string_view text) {
  std::size_t bad = find_invalid_utf8(text);
  if (bad == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, bad));
  std::size_t pos = bad;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    if (cp == kReplacementChar && pos == start + 1) {
      append_utf8(out, kReplacementChar);
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
    } else {
      decode_utf8(text, pos);
    }
    ++count;
  }
  return count;
}

// Offsets past the end of the line count as the column after its last
// character; an offset inside a multi-byte character names that character.
std::size_t byte_offset_to_column(std::string_view line, std::size_t offset) {
  if (offset > line.size()) offset = line.size();
  std::size_t column = 1;
  std::size_t pos = 0;
  while (pos < offset) {
    decode_utf8(line, pos);
    if (pos > offset) break;
    ++column;
  }
  return column;
}

}  // namespace gifkit::grammars
