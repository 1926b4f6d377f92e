// zip_names.cpp — see zip_names.hpp.
#include "grammars/io/zip_names.hpp"

#include <array>
#include <cstdint>

#include "grammars/io/crc32.hpp"

namespace gifkit::grammars {

namespace {

enum class NameEncoding { ascii, utf8, cp437 };

// libzip's guess: ASCII (printable, CR, LF, tab), else UTF-8 when every lead
// byte has its continuation bytes, else code page 437.
NameEncoding guess_encoding(std::string_view raw) {
  NameEncoding guess = NameEncoding::ascii;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto byte = static_cast<unsigned char>(raw[i]);
    if ((byte > 31 && byte < 128) || byte == '\r' || byte == '\n' || byte == '\t') continue;
    guess = NameEncoding::utf8;
    std::size_t more = 0;
    if ((byte & 0xE0) == 0xC0)
      more = 1;
    else if ((byte & 0xF0) == 0xE0)
      more = 2;
    else if ((byte & 0xF8) == 0xF0)
      more = 3;
    else
      return NameEncoding::cp437;
    if (i + more >= raw.size()) return NameEncoding::cp437;
    for (std::size_t k = 1; k <= more; ++k)
      if ((static_cast<unsigned char>(raw[i + k]) & 0xC0) != 0x80) return NameEncoding::cp437;
    i += more;
  }
  return guess;
}

// Code page 437 as libzip reads it: the control bytes as their glyphs.
constexpr std::array<std::uint16_t, 32> kCp437Low = {
    0x2007, 0x263A, 0x263B, 0x2665, 0x2666, 0x2663, 0x2660, 0x2022, 0x25D8, 0x25CB, 0x25D9,
    0x2642, 0x2640, 0x266A, 0x266B, 0x263C, 0x25BA, 0x25C4, 0x2195, 0x203C, 0x00B6, 0x00A7,
    0x25AC, 0x21A8, 0x2191, 0x2193, 0x2192, 0x2190, 0x221F, 0x2194, 0x25B2, 0x25BC};
constexpr std::array<std::uint16_t, 128> kCp437High = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
    0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
    0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0};

std::string cp437_to_utf8(std::string_view raw) {
  std::string out;
  for (const char c : raw) {
    const auto byte = static_cast<unsigned char>(c);
    unsigned code = byte;
    if (byte < 32)
      code = kCp437Low[byte];
    else if (byte == 0x7F)
      code = 0x2302;
    else if (byte >= 128)
      code = kCp437High[byte - 128];
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
  return out;
}

unsigned little16(std::string_view bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes[at]) | static_cast<unsigned char>(bytes[at + 1]) << 8;
}

}  // namespace

std::optional<std::string_view> zip_extra_field(std::string_view extra, unsigned id) {
  std::size_t at = 0;
  while (at + 4 <= extra.size()) {
    const unsigned field = little16(extra, at);
    const std::size_t size = little16(extra, at + 2);
    if (at + 4 + size > extra.size()) return std::nullopt;
    if (field == id) return extra.substr(at + 4, size);
    at += 4 + size;
  }
  return std::nullopt;
}

std::optional<std::string> zip_entry_name(std::string_view raw, bool utf8_flag,
                                          std::string_view extra) {
  const NameEncoding guess = guess_encoding(raw);
  if (utf8_flag && guess == NameEncoding::cp437) return std::nullopt;
  if (const auto unicode = zip_extra_field(extra, 0x7075);
      unicode && unicode->size() >= 5 && unicode->front() == 1) {
    std::uint32_t crc = 0;
    for (int k = 4; k >= 1; --k) crc = crc << 8 | static_cast<unsigned char>((*unicode)[k]);
    const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
    const std::string_view name = unicode->substr(5);
    if (crc32_update(0, bytes, raw.size()) == crc && guess_encoding(name) != NameEncoding::cp437)
      return std::string(name);
  }
  if (guess == NameEncoding::cp437) return cp437_to_utf8(raw);
  return std::string(raw);
}

}  // namespace gifkit::grammars
