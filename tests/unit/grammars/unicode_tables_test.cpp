// unicode_tables_test.cpp — the browser build's Unicode tables
// (grammars/text/unicode_tables.hpp) against ICU, which the native build
// uses: every code point U+0000–U+10FFFF (marks, hiragana, combining class,
// NFD and NFC of it alone), crafted combining sequences, and the committed
// table file against what its generator writes from this machine's ICU.
// room: grammars
#include <unicode/uchar.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "grammars/text/text_units.hpp"
#include "grammars/text/unicode_facts.hpp"
#include "grammars/text/unicode_tables.hpp"
#include "grammars/text/utf8.hpp"
#include "tests/unicode_tables/unicode_tables_writer.hpp"
#include "unicode_tables_icu.hpp"

using namespace gifkit::grammars;
using gifkit::tests::icu_normalized;
using gifkit::tests::IcuForm;

namespace {

// Notes the first few code points where the tables and ICU differ.
struct TableDifferences {
  std::size_t count = 0;
  std::string first;
  void add(const char* what, char32_t cp) {
    if (++count > 10) return;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s U+%04X; ", what, static_cast<unsigned>(cp));
    first += buffer;
  }
};

}  // namespace

TEST_CASE("unicode-tables-1.1 the committed tables are what the generator writes from ICU now") {
  std::ifstream in(GIFKIT_UNICODE_TABLES_DATA, std::ios::binary);
  REQUIRE(in);
  std::stringstream committed;
  committed << in.rdbuf();
  const bool same = committed.str() == gifkit::tests::unicode_tables_source();
  INFO(
      "grammars/text/unicode_tables_data.cpp differs from what this machine's ICU gives "
      "(an ICU upgrade?): regenerate it with `"
      << gifkit::tests::kRegenerateCommand << "`, review the diff and commit it");
  CHECK(same);
}

TEST_CASE("unicode-tables-1.2 every code point: marks, hiragana and combining class as ICU says") {
  TableDifferences differences;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (unicode_tables::is_mark(cp) != unicode_facts::is_mark(cp)) differences.add("mark", cp);
    if (unicode_tables::is_hiragana(cp) != unicode_facts::is_hiragana(cp))
      differences.add("hiragana", cp);
    if (unicode_tables::combining_class(cp) != u_getCombiningClass(static_cast<UChar32>(cp)))
      differences.add("combining class", cp);
  }
  INFO(differences.first);
  CHECK(differences.count == 0);
  CHECK(unicode_tables::is_mark(0x3099));
  CHECK(unicode_tables::is_hiragana(U'ぁ'));
  CHECK_FALSE(unicode_tables::is_hiragana(U'ー'));
}

TEST_CASE("unicode-tables-1.3 every code point alone: NFD, NFC and safe NFC as ICU's") {
  TableDifferences differences;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates: never in valid UTF-8
    const std::u32string text(1, cp);
    if (unicode_tables::nfd(text) != icu_normalized(IcuForm::nfd, text)) differences.add("NFD", cp);
    if (unicode_tables::nfc(text) != icu_normalized(IcuForm::nfc, text)) differences.add("NFC", cp);
    if (unicode_tables::nfc(text, true) != icu_normalized(IcuForm::safe_nfc, text))
      differences.add("safe NFC", cp);
    const std::string utf8 = utf8_of(cp);
    if (unicode_tables::is_safe_nfc(utf8) != unicode_facts::is_safe_nfc(utf8))
      differences.add("is safe NFC", cp);
    std::u32string decomposition = unicode_facts::decomposition(cp);
    if (decomposition.empty()) decomposition = text;
    if (unicode_tables::nfd(text) != decomposition) differences.add("decomposition", cp);
  }
  INFO(differences.first);
  CHECK(differences.count == 0);
}

TEST_CASE("unicode-tables-1.4 combining sequences composed, reordered and kept as ICU does") {
  const std::u32string cases[] = {
      U"か\u3099",            // が
      U"e\u0301\u0323",       // ẹ́: the dot below (220) goes before the acute (230)
      U"e\u0323\u0301",       //
      U"\u1100\u1161\u11A8",  // 각 from its jamo
      U"\uAC00\u11A8",        // 가 + ᆨ → 각
      U"\uF900",              // 豈, a compatibility ideograph: kept by safe NFC
      U"\U0002F800x\u212B",   // kept; Å (the angstrom sign) → Å
      U"a\uF900\u0301",       // the mark after a kept ideograph stays alone
      U"\u0344\u0F73\u0958",  // non-starter decomposition, exclusions
      U"\u0301e",             // a mark with nothing before it
      U"\u0CC6\u0CC2\u0CD5",  // a starter that composes (Kannada)
      U"ﾊﾟパ\u30CF\u309A",    // half-width stays; ハ + ゚ → パ
  };
  for (const std::u32string& text : cases) {
    INFO(code_points_text(utf8_of(text)));
    CHECK(unicode_tables::nfd(text) == icu_normalized(IcuForm::nfd, text));
    CHECK(unicode_tables::nfc(text) == icu_normalized(IcuForm::nfc, text));
    CHECK(unicode_tables::nfc(text, true) == icu_normalized(IcuForm::safe_nfc, text));
    CHECK(unicode_tables::safe_nfc(utf8_of(text)) == safe_nfc(utf8_of(text)));
    CHECK(unicode_tables::is_safe_nfc(utf8_of(text)) == is_safe_nfc(utf8_of(text)));
  }
  CHECK(unicode_tables::safe_nfc("か\u3099") == "が");
  CHECK(unicode_tables::nfc(U"e\u0301\u0323") == U"\u1EB9\u0301");
  CHECK(unicode_tables::nfd(U"\u1EC7") == U"e\u0323\u0302");
  CHECK(unicode_tables::nfc(U"\u1100\u1161\u11A8") == U"\uAC01");
  CHECK(unicode_tables::safe_nfc("\uF900") == "\uF900");
  CHECK(unicode_tables::nfc(U"\uF900") == U"\u8C48");
}
