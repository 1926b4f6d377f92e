// cp932_table_writer.cpp — see cp932_table_writer.hpp. Every lead and trail
// byte pair is asked of glibc iconv (cp932_table.hpp's cp932_table_from_iconv,
// the native build's own table); each one it maps is one line.
#include "tests/cp932_table/cp932_table_writer.hpp"

#include <cstdio>

#include "grammars/io/cp932_table.hpp"

namespace gifkit::tests {

std::string cp932_table_source() {
  const grammars::Cp932Table table = grammars::cp932_table_from_iconv();
  std::string pairs;
  std::size_t count = 0;
  for (unsigned lead = 0x80; lead <= 0xFF; ++lead) {
    for (unsigned trail = 0; trail <= 0xFF; ++trail) {
      const char16_t code_point = table.double_byte[(lead - 0x80) * 256 + trail];
      if (code_point == 0) continue;
      char line[40];
      std::snprintf(line, sizeof line, "    {0x%02X%02X, 0x%04X},\n", lead, trail,
                    static_cast<unsigned>(code_point));
      pairs += line;
      ++count;
    }
  }
  std::string text;
  text += "// cp932_table_data.cpp — GENERATED from glibc iconv (\"CP932\", " +
          std::to_string(count) +
          " pairs) by\n"
          "// tests/cp932_table/; do not edit. Regenerate: " +
          std::string(kRegenerateCp932Command) +
          ".\n"
          "// The CP932 double-byte characters of the build without a CP932 iconv (the\n"
          "// browser's, whose musl iconv has none): {lead << 8 | trail, code point} for every\n"
          "// pair glibc maps (cp932_table.cpp's cp932_table_from_data reads them; the single\n"
          "// bytes are its fixed rule). One entry a line, so a diff after a glibc upgrade\n"
          "// names the pairs that changed.\n"
          "#include \"grammars/io/cp932_table_data.hpp\"\n\n"
          "namespace gifkit::grammars::cp932_data {\n"
          "namespace {\n\n"
          "// clang-format off\n"
          "const Cp932Pair kGeneratedPairs[] = {\n";
  text += pairs;
  text +=
      "};\n"
      "// clang-format on\n\n"
      "}  // namespace\n\n"
      "const std::span<const Cp932Pair> kCp932Pairs{kGeneratedPairs};\n\n"
      "}  // namespace gifkit::grammars::cp932_data\n";
  return text;
}

}  // namespace gifkit::tests
