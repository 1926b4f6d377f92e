// cp932_table_iconv.cpp — cp932_table.hpp's table natively: built once from
// glibc iconv ("CP932", the Microsoft variant of Shift_JIS: NEC and IBM
// extensions, 0x5C = '\'), asked one byte pair at a time.
#include <iconv.h>

#include <cstring>
#include <stdexcept>

#include "grammars/io/cp932_table.hpp"

namespace gifkit::grammars {
namespace {

// Converts one CP932 character with iconv; 0 when iconv rejects it.
char16_t convert_cp932_with_iconv(iconv_t converter, const char* bytes, std::size_t size) {
  char input[2];
  std::memcpy(input, bytes, size);
  char output[8];
  char* in_ptr = input;
  std::size_t in_left = size;
  char* out_ptr = output;
  std::size_t out_left = sizeof output;
  iconv(converter, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  if (iconv(converter, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1) ||
      in_left != 0 || out_ptr - output != 2) {
    return 0;
  }
  const auto high = static_cast<unsigned char>(output[0]);
  const auto low = static_cast<unsigned char>(output[1]);
  return static_cast<char16_t>((high << 8) | low);
}

}  // namespace

Cp932Table cp932_table_from_iconv() {
  iconv_t converter = iconv_open("UTF-16BE", "CP932");
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    throw std::runtime_error("iconv cannot convert from CP932 on this system");
  }
  Cp932Table table = cp932_single_byte_table();
  for (int lead = 0x80; lead <= 0xFF; ++lead) {
    if (!is_cp932_lead_byte(static_cast<unsigned char>(lead))) continue;
    for (int trail = 0; trail <= 0xFF; ++trail) {
      if (!is_cp932_trail_byte(static_cast<unsigned char>(trail))) continue;
      const char pair[2] = {static_cast<char>(lead), static_cast<char>(trail)};
      table.double_byte[(lead - 0x80) * 256 + trail] = convert_cp932_with_iconv(converter, pair, 2);
    }
  }
  iconv_close(converter);
  return table;
}

const Cp932Table& cp932_table() {
  static const Cp932Table table = cp932_table_from_iconv();
  return table;
}

}  // namespace gifkit::grammars
