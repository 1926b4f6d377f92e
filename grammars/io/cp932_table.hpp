// cp932_table.hpp — the CP932 (Microsoft Shift_JIS) decoding table
// encoding.cpp converts with: the code point of every byte and byte pair.
// The one choice of where it comes from is the .cpp grammars/CMakeLists.txt
// compiles by GIFKIT_BROWSER: natively glibc iconv (cp932_table_iconv.cpp);
// in the browser build, whose musl iconv has no CP932, the pairs generated
// from glibc iconv and committed (cp932_table_browser.cpp over
// cp932_table_data.cpp, which tests/cp932_table/ writes).
#pragma once
#include <array>

namespace gifkit::grammars {

inline bool is_cp932_lead_byte(unsigned char byte) {
  return (byte >= 0x81 && byte <= 0x9F) || (byte >= 0xE0 && byte <= 0xFC);
}

inline bool is_cp932_trail_byte(unsigned char byte) {
  return byte >= 0x40 && byte <= 0xFC && byte != 0x7F;
}

// Code points of the CP932 characters; 0 marks a byte or byte pair that is
// not CP932.
struct Cp932Table {
  std::array<char16_t, 256> single_byte{};
  std::array<char16_t, 128 * 256> double_byte{};  // [(lead - 0x80) * 256 + trail]

  char16_t lookup_double(unsigned char lead, unsigned char trail) const {
    return double_byte[(lead - 0x80) * 256 + trail];
  }
};

// The table, built once on first use: from iconv natively, from the committed
// data in the browser build.
const Cp932Table& cp932_table();

// A table with the single bytes by CP932's fixed rule (ASCII 0x00–0x7F,
// half-width katakana 0xA1–0xDF; 0x80, 0xA0 and 0xFD–0xFF none) and no pairs.
Cp932Table cp932_single_byte_table();

// The table from the committed pairs (cp932_table_data.cpp); compiled in
// every build, so the native tests hold it to iconv's.
Cp932Table cp932_table_from_data();

// The table from glibc iconv ("CP932"); throws when iconv has no CP932.
// Native build only (cp932_table_iconv.cpp): the browser build has none.
Cp932Table cp932_table_from_iconv();

}  // namespace gifkit::grammars
