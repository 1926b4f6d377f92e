// encoding.cpp — input encodings: names, UTF-8/CP932 detection and CP932 to
// UTF-8 conversion. Conversion is a lookup in the CP932 table (cp932_table.hpp:
// from glibc iconv natively, from data generated from it in the browser build),
// with exact control over bad bytes.
#include "grammars/io/encoding.hpp"

#include <cstdint>
#include <cstring>

#include "grammars/io/cp932_table.hpp"
#include "grammars/io/detail/utf8_scan.hpp"

namespace gifkit::grammars {
namespace {

// Number of bytes cp932_to_utf8 takes as one character at bytes[pos]: 2 for
// a lead byte followed by a trail byte, else 1 (a lead byte without a trail
// byte is one invalid byte, so an ASCII byte after it is never swallowed).
std::size_t cp932_character_length(const unsigned char* bytes, std::size_t size, std::size_t pos) {
  return (is_cp932_lead_byte(bytes[pos]) && pos + 1 < size && is_cp932_trail_byte(bytes[pos + 1]))
             ? 2
             : 1;
}

// The CP932 character at pos (a byte >= 0x80): its code point, 0 when the
// bytes are not one; pos moves past it (two bytes for a lead byte followed by
// a trail byte, else one). The hot path of the conversion: kept inline.
inline char16_t next_cp932_character(const Cp932Table& table, const unsigned char* bytes,
                                     std::size_t size, std::size_t& pos) {
  const unsigned char byte = bytes[pos];
  if (is_cp932_lead_byte(byte) && pos + 1 < size && is_cp932_trail_byte(bytes[pos + 1])) {
    pos += 2;
    return table.lookup_double(byte, bytes[pos - 1]);
  }
  pos += 1;
  return table.single_byte[byte];
}

// Writes the UTF-8 encoding of a BMP code point at out; returns the end.
char* write_utf8_bmp(char* out, char16_t code_point) {
  if (code_point < 0x80) {
    *out++ = static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    *out++ = static_cast<char>(0xC0 | (code_point >> 6));
    *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    *out++ = static_cast<char>(0xE0 | (code_point >> 12));
    *out++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
  }
  return out;
}

// Number of bytes of sample that are not part of a CP932 character; a lead
// byte cut by the end of the sample is not counted. Stops counting at limit.
std::size_t count_invalid_cp932_bytes(std::string_view sample, std::size_t limit) {
  const auto& table = cp932_table();
  const auto* bytes = reinterpret_cast<const unsigned char*>(sample.data());
  const std::size_t size = sample.size();
  std::size_t invalid = 0;
  std::size_t pos = 0;
  while (pos < size && invalid < limit) {
    const unsigned char byte = bytes[pos];
    if (byte < 0x80) {
      ++pos;
      continue;
    }
    if (is_cp932_lead_byte(byte) && pos + 1 == size) break;
    const std::size_t length = cp932_character_length(bytes, size, pos);
    const char16_t code_point =
        length == 2 ? table.lookup_double(byte, bytes[pos + 1]) : table.single_byte[byte];
    if (code_point == 0) invalid += length;
    pos += length;
  }
  return invalid;
}

// Number of bytes of sample that are not part of a valid UTF-8 sequence; a
// sequence cut by the end of the sample is not counted.
std::size_t count_invalid_utf8_bytes(std::string_view sample) {
  std::size_t invalid = 0;
  std::size_t pos = detail::find_invalid_utf8_from(sample.data(), sample.size(), 0);
  while (pos < sample.size()) {
    if (detail::is_truncated_utf8_sequence(sample.data(), sample.size(), pos)) break;
    ++invalid;
    pos = detail::find_invalid_utf8_from(sample.data(), sample.size(), pos + 1);
  }
  return invalid;
}

bool is_valid_utf8_sample(std::string_view sample) {
  const std::size_t invalid = detail::find_invalid_utf8_from(sample.data(), sample.size(), 0);
  return invalid == sample.size() ||
         detail::is_truncated_utf8_sequence(sample.data(), sample.size(), invalid);
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::optional<Encoding> parse_encoding_name(std::string_view name) {
  std::string lower;
  lower.reserve(name.size());
  for (char c : name) lower.push_back(ascii_lower(c));
  if (lower == "auto") return Encoding::automatic;
  if (lower == "utf-8" || lower == "utf8") return Encoding::utf8;
  if (lower == "shift_jis" || lower == "shift-jis" || lower == "sjis" || lower == "cp932" ||
      lower == "ms932" || lower == "windows-31j") {
    return Encoding::cp932;
  }
  return std::nullopt;
}

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::automatic:
      return "auto";
    case Encoding::utf8:
      return "UTF-8";
    case Encoding::cp932:
      return "CP932";
  }
  return "auto";
}

Encoding detect_encoding(std::string_view sample) {
  if (is_valid_utf8_sample(sample)) return Encoding::utf8;
  return count_invalid_cp932_bytes(sample, 1) == 0 ? Encoding::cp932 : Encoding::utf8;
}

Encoding detect_encoding_tolerant(std::string_view sample) {
  if (is_valid_utf8_sample(sample)) return Encoding::utf8;
  const std::size_t invalid_as_utf8 = count_invalid_utf8_bytes(sample);
  const std::size_t invalid_as_cp932 = count_invalid_cp932_bytes(sample, invalid_as_utf8);
  return invalid_as_cp932 < invalid_as_utf8 ? Encoding::cp932 : Encoding::utf8;
}

std::size_t cp932_to_utf8_into(std::string_view input, char* out, std::size_t& first_invalid) {
  const auto& table = cp932_table();
  const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
  const std::size_t size = input.size();
  char* write = out;
  first_invalid = std::string_view::npos;
  std::size_t pos = 0;
  while (pos < size) {
    const unsigned char byte = bytes[pos];
    if (byte < 0x80) {
      if (pos + 8 <= size) {  // copy ASCII eight bytes at a time
        std::uint64_t word;
        std::memcpy(&word, bytes + pos, 8);
        if ((word & 0x8080808080808080ULL) == 0) {
          std::memcpy(write, &word, 8);
          write += 8;
          pos += 8;
          continue;
        }
      }
      *write++ = static_cast<char>(byte);
      ++pos;
      continue;
    }
    const std::size_t character_start = pos;
    char16_t code_point = next_cp932_character(table, bytes, size, pos);
    if (code_point == 0) {
      code_point = 0xFFFD;
      if (first_invalid == std::string_view::npos) first_invalid = character_start;
    }
    write = write_utf8_bmp(write, code_point);
  }
  return static_cast<std::size_t>(write - out);
}

std::vector<std::string> cp932_invalid_characters(std::string_view input, std::size_t from) {
  const auto& table = cp932_table();
  const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
  const std::size_t size = input.size();
  std::vector<std::string> invalid;
  std::size_t pos = from;
  while (pos < size) {  // steps as cp932_to_utf8_into does
    if (bytes[pos] < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    if (next_cp932_character(table, bytes, size, pos) == 0)
      invalid.emplace_back(input.substr(start, pos - start));
  }
  return invalid;
}

std::size_t cp932_to_utf8(std::string_view input, std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + input.size() * 3);  // no CP932 character takes more than 3 UTF-8 bytes
  std::size_t first_invalid = std::string_view::npos;
  const std::size_t written = cp932_to_utf8_into(input, out.data() + start, first_invalid);
  out.resize(start + written);
  return first_invalid;
}

std::size_t cp932_complete_prefix_length(std::string_view input) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
  const std::size_t size = input.size();
  // A byte below 0x40 is never part of a double-byte character, so the
  // character after it starts a character: walk forward from there.
  std::size_t pos = size;
  while (pos > 0 && bytes[pos - 1] >= 0x40) --pos;
  while (pos < size) {
    if (is_cp932_lead_byte(bytes[pos]) && pos + 1 == size) return pos;
    pos += cp932_character_length(bytes, size, pos);
  }
  return size;
}

}  // namespace gifkit::grammars
