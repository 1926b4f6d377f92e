// shift_jis.cpp — see shift_jis.hpp. The table is the inverse of CP932's
// (encoding.hpp's decoder) over the rows JIS X 0208 fills, built once.
#include "grammars/io/shift_jis.hpp"

#include <cstdint>
#include <vector>

#include "grammars/io/encoding.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {
namespace {

// The JIS X 0208 row (1–94) of a Shift_JIS lead and trail byte.
int jis_row(unsigned lead, unsigned trail) {
  const unsigned base = lead <= 0x9F ? lead - 0x81 : lead - 0xC1;
  return static_cast<int>(base * 2 + 1 + (trail >= 0x9F ? 1 : 0));
}

// Shift_JIS code (lead << 8 | trail) of each BMP code point, 0 for none.
std::vector<std::uint16_t> build_table() {
  std::vector<std::uint16_t> table(0x10000, 0);
  for (unsigned lead = 0x81; lead <= 0xEF; ++lead) {
    if (lead >= 0xA0 && lead < 0xE0) continue;
    for (unsigned trail = 0x40; trail <= 0xFC; ++trail) {
      if (trail == 0x7F) continue;
      const int row = jis_row(lead, trail);
      if (row > 84 || (row >= 9 && row <= 15)) continue;
      const char pair[2] = {static_cast<char>(lead), static_cast<char>(trail)};
      std::string utf8;
      if (cp932_to_utf8(std::string_view(pair, 2), utf8) != std::string_view::npos) continue;
      std::size_t pos = 0;
      const char32_t cp = decode_utf8(utf8, pos);
      if (cp < 0x10000 && table[cp] == 0) table[cp] = static_cast<std::uint16_t>(lead << 8 | trail);
    }
  }
  // JIS X 0208's own mappings of the characters CP932 moved.
  const std::pair<char32_t, std::uint16_t> jis_places[] = {{0x301C, 0x8160}, {0x2016, 0x8161},
                                                           {0x2212, 0x817C}, {0x00A2, 0x8191},
                                                           {0x00A3, 0x8192}, {0x00AC, 0x81CA}};
  for (const auto& [cp, code] : jis_places) table[cp] = code;
  return table;
}

const std::vector<std::uint16_t>& shift_jis_table() {
  static const std::vector<std::uint16_t> table = build_table();
  return table;
}

}  // namespace

bool append_shift_jis(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return true;
  }
  if (cp >= 0xFF61 && cp <= 0xFF9F) {
    out.push_back(static_cast<char>(0xA1 + (cp - 0xFF61)));
    return true;
  }
  if (cp >= 0x10000) return false;
  const std::uint16_t code = shift_jis_table()[cp];
  if (code == 0) return false;
  out.push_back(static_cast<char>(code >> 8));
  out.push_back(static_cast<char>(code & 0xFF));
  return true;
}

std::size_t utf8_to_shift_jis(std::string_view utf8, std::string& out,
                              const std::function<std::string(std::string_view)>& substitute,
                              std::string_view fallback) {
  std::size_t replaced = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(utf8, pos);
    if (append_shift_jis(cp, out)) continue;
    ++replaced;
    const std::string instead = substitute ? substitute(utf8.substr(start, pos - start)) : "";
    std::size_t at = 0;
    bool whole = !instead.empty();
    std::string encoded;
    while (whole && at < instead.size())
      whole = append_shift_jis(decode_utf8(instead, at), encoded);
    out += whole ? encoded : std::string(fallback);
  }
  return replaced;
}

}  // namespace gifkit::grammars
