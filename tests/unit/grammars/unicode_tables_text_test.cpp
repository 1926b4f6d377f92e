// unicode_tables_text_test.cpp — the browser build's NFD and NFC
// (grammars/text/unicode_tables.hpp) against ICU's on real text: every line
// of the 58,651 school addresses, the MJ character lists and the published
// 法人番号 files (names, addresses), each as written and decomposed.
// room: grammars
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "grammars/text/text_units.hpp"
#include "grammars/text/unicode_tables.hpp"
#include "grammars/text/utf8.hpp"
#include "unicode_tables_icu.hpp"

using namespace gifkit::grammars;
using gifkit::tests::icu_normalized;
using gifkit::tests::IcuForm;

TEST_CASE("unicode-tables-2.1 real lines: NFD, NFC and safe NFC as ICU's, as written and as NFD") {
  const std::string data = GIFKIT_TEST_DATA_DIR;
  std::vector<std::string> files = {data + "/addresses/schools-input.txt",
                                    data + "/moji/mojikiban_moji.csv",
                                    data + "/moji/mojikiban_moji_ivs.csv"};
  // The published 法人番号 files: corporate names (the Shift_JIS ones' lines are not UTF-8
  // and are passed over).
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(data + "/houjin/samples", error))
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  for (const std::string& path : files) {
    std::ifstream in(path);
    if (!in) {
      WARN("published data not found, skipped: " << path);
      continue;
    }
    std::size_t lines = 0, differences = 0, decomposed_lines = 0;
    std::string line, first;
    while (std::getline(in, line)) {
      if (find_invalid_utf8(line) != std::string::npos) continue;
      ++lines;
      const std::u32string written = gifkit::tests::utf32_of(line);
      const std::u32string nfd = icu_normalized(IcuForm::nfd, written);
      if (nfd != written) ++decomposed_lines;
      for (const std::u32string& text : {written, nfd}) {
        const bool same =
            unicode_tables::nfd(text) == nfd &&
            unicode_tables::nfc(text) == icu_normalized(IcuForm::nfc, text) &&
            unicode_tables::nfc(text, true) == icu_normalized(IcuForm::safe_nfc, text) &&
            unicode_tables::safe_nfc(utf8_of(text)) == safe_nfc(utf8_of(text)) &&
            unicode_tables::is_safe_nfc(utf8_of(text)) == is_safe_nfc(utf8_of(text));
        if (!same && differences++ == 0) first = code_points_text(utf8_of(text));
      }
    }
    INFO(path << ": " << lines << " lines, " << decomposed_lines
              << " changed by NFD; first difference: " << first);
    CHECK(lines > 0);
    CHECK(differences == 0);
  }
}
