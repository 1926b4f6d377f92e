// cp932_table.cpp — see cp932_table.hpp: the fixed single-byte rule and the
// table from the committed pairs, compiled in every build.
#include "grammars/io/cp932_table.hpp"

#include "grammars/io/cp932_table_data.hpp"

namespace gifkit::grammars {

Cp932Table cp932_single_byte_table() {
  Cp932Table table;
  for (int byte = 0; byte < 0x80; ++byte) table.single_byte[byte] = static_cast<char16_t>(byte);
  for (int byte = 0xA1; byte <= 0xDF; ++byte) {  // half-width katakana
    table.single_byte[byte] = static_cast<char16_t>(0xFF61 + (byte - 0xA1));
  }
  return table;
}

Cp932Table cp932_table_from_data() {
  Cp932Table table = cp932_single_byte_table();
  for (const cp932_data::Cp932Pair& pair : cp932_data::kCp932Pairs) {
    const unsigned lead = pair.bytes >> 8;
    table.double_byte[(lead - 0x80) * 256 + (pair.bytes & 0xFF)] = pair.code_point;
  }
  return table;
}

}  // namespace gifkit::grammars
