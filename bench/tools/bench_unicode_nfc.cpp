// bench_unicode_nfc.cpp — safe NFC of every line of a file, by ICU (what the
// native build runs: grammars::safe_nfc) or by the browser build's tables
// (grammars/text/unicode_tables.hpp, behind the same checks text_units.cpp
// makes), ROUNDS times; with --decomposed each line is NFD'd first (by the
// tables, in both modes), so every line is composed. Time the whole process:
//   bench_unicode_nfc icu|tables|none FILE ROUNDS [--decomposed]
// ("none" reads and prepares only, the cost to subtract). Prints a checksum.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "grammars/text/text_units.hpp"
#include "grammars/text/unicode_tables.hpp"
#include "grammars/text/utf8.hpp"

namespace {

using namespace gifkit::grammars;

std::string tables_safe_nfc(std::string_view line) {
  if (is_ascii(line) || find_invalid_utf8(line) != std::string_view::npos ||
      unicode_tables::is_safe_nfc(line))
    return std::string(line);
  return unicode_tables::safe_nfc(line);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_unicode_nfc icu|tables|none FILE ROUNDS [--decomposed]\n");
    return 2;
  }
  const std::string mode = argv[1];
  const int rounds = std::atoi(argv[3]);
  const bool decomposed = argc > 4 && std::string(argv[4]) == "--decomposed";
  std::ifstream in(argv[2]);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (decomposed && find_invalid_utf8(line) == std::string::npos) {
      std::u32string text;
      for (std::size_t pos = 0; pos < line.size();) text += decode_utf8(line, pos);
      line = utf8_of(unicode_tables::nfd(text));
    }
    lines.push_back(std::move(line));
  }
  std::size_t checksum = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const std::string& line : lines) {
      if (mode == "icu")
        checksum += safe_nfc(line).size();
      else if (mode == "tables")
        checksum += tables_safe_nfc(line).size();
      else
        checksum += line.size();
    }
  }
  std::printf("%zu lines, checksum %zu\n", lines.size(), checksum);
  return 0;
}
