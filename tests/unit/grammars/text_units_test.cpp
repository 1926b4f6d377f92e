// text_units_test.cpp — TextUnitReader: what is one character (a base with
// its selector or marks), what cannot be one (invalid UTF-8, encoded
// surrogates, lone selectors and marks, private use), and safe_nfc.
// room: grammars
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "grammars/text/text_units.hpp"

using namespace gifkit::grammars;

namespace {

std::vector<TextUnit> units_of(std::string_view text) {
  std::vector<TextUnit> units;
  TextUnitReader reader(text);
  TextUnit unit;
  while (reader.next(unit)) units.push_back(unit);
  return units;
}

std::vector<std::string> unit_texts(std::string_view text) {
  std::vector<std::string> texts;
  for (const TextUnit& unit : units_of(text))
    texts.emplace_back(text.substr(unit.offset, unit.length));
  return texts;
}

}  // namespace

TEST_CASE("units-1.1 a base with an IVS, a non-BMP ideograph, plain text") {
  // 邉 + U+E0102, 𠮷 (U+20BB7), 髙
  const std::string text = "\xE9\x82\x89\xF3\xA0\x84\x82\xF0\xA0\xAE\xB7\xE9\xAB\x99";
  auto units = units_of(text);
  REQUIRE(units.size() == 3);
  CHECK(units[0].base == 0x9089);
  CHECK(units[0].selector == 0xE0102);
  CHECK(units[0].code_points == 2);
  CHECK(units[0].length == 7);
  CHECK(units[1].base == 0x20BB7);
  CHECK(units[1].single());
  CHECK(units[2].base == 0x9AD9);
  CHECK(units[2].index == 3);
  CHECK(units[2].offset == 11);
}

TEST_CASE("units-1.2 combining kana marks and half-width sound marks attach") {
  CHECK(unit_texts("か\xE3\x82\x99き") == std::vector<std::string>{"か\xE3\x82\x99", "き"});
  auto units = units_of("ｶﾞｷﾟﾞ");
  REQUIRE(units.size() == 3);  // ｶﾞ, ｷﾟ, and ﾞ alone (a spacing mark of its own)
  CHECK(units[0].mark == 0xFF9E);
  CHECK(units[1].mark == 0xFF9F);
  CHECK(units[2].base == 0xFF9E);
  CHECK(units[2].issue == UnitIssue::none);
  // A standard variation selector (U+FE00) and a Latin combining accent.
  CHECK(unit_texts("葛\xEF\xB8\x80"
                   "e\xCC\x81") == std::vector<std::string>{"葛\xEF\xB8\x80", "e\xCC\x81"});
  // A control character takes no mark: the mark after a line break is lone.
  auto after_break = units_of("\n\xE3\x82\x99");
  REQUIRE(after_break.size() == 2);
  CHECK(after_break[1].issue == UnitIssue::lone_mark);
}

TEST_CASE("units-1.3 what cannot be a character") {
  SECTION("a lone selector at the start, a second selector") {
    auto units = units_of(
        "\xF3\xA0\x84\x82"
        "邉\xF3\xA0\x84\x82\xF3\xA0\x84\x83");
    REQUIRE(units.size() == 2);
    CHECK(units[0].issue == UnitIssue::lone_selector);
    CHECK(units[1].issue == UnitIssue::extra_selector);
    CHECK(units[1].selector == 0xE0102);
  }
  SECTION("a lone combining mark") {
    auto units = units_of("\xE3\x82\x9A");
    REQUIRE(units.size() == 1);
    CHECK(units[0].issue == UnitIssue::lone_mark);
  }
  SECTION("a run of invalid bytes is one unit; the text goes on") {
    auto units = units_of("a\x82\xA0\x82\xA2z");  // Shift_JIS あい read as UTF-8
    REQUIRE(units.size() == 3);
    CHECK(units[1].issue == UnitIssue::invalid_utf8);
    CHECK(units[1].length == 4);
    CHECK(units[2].base == 'z');
  }
  SECTION("a surrogate pair written in UTF-8 (CESU-8) stands for its character") {
    // U+D842 U+DFB7 = 𠮷
    auto units = units_of("\xED\xA1\x82\xED\xBE\xB7x");
    REQUIRE(units.size() == 2);
    CHECK(units[0].issue == UnitIssue::encoded_surrogate);
    CHECK(units[0].base == 0x20BB7);
    CHECK(units[0].length == 6);
    auto lone = units_of("\xED\xA1\x82");
    REQUIRE(lone.size() == 1);
    CHECK(lone[0].base == 0xD842);
  }
  SECTION("a private-use character (外字) is a unit with an issue") {
    auto units = units_of("\xEE\x80\x80");  // U+E000
    REQUIRE(units.size() == 1);
    CHECK(units[0].issue == UnitIssue::private_use);
    CHECK(units[0].base == 0xE000);
  }
  SECTION("a real U+FFFD is a character") {
    auto units = units_of("\xEF\xBF\xBD");
    REQUIRE(units.size() == 1);
    CHECK(units[0].issue == UnitIssue::none);
  }
}

TEST_CASE("units-1.4 safe NFC composes, keeps compatibility ideographs, never NFKC") {
  CHECK(safe_nfc("か\xE3\x82\x99") == "が");
  CHECK_FALSE(is_safe_nfc("か\xE3\x82\x99"));
  CHECK(safe_nfc("\xEF\xA8\x91") == "\xEF\xA8\x91");  // 﨑 U+FA11 (no decomposition)
  CHECK(safe_nfc("\xEF\xA4\xA9") == "\xEF\xA4\xA9");  // 朗 U+F929 kept (NFC would give U+6717)
  CHECK(safe_nfc("\xE2\x84\xA6") == "\xCE\xA9");      // OHM SIGN → Ω
  CHECK(safe_nfc("ｶﾞＡ") == "ｶﾞＡ");                  // widths untouched
  CHECK(is_safe_nfc("髙島屋"));
  CHECK(code_points_text("邉\xF3\xA0\x84\x82") == "U+9089 U+E0102");
}

TEST_CASE("units-1.5 combining marks come from ICU") {
  CHECK(is_combining_mark(0x3099));
  CHECK(is_combining_mark(0x0301));
  CHECK(is_combining_mark(0xE0100));
  CHECK(is_combining_mark(0xFE0F));
  CHECK_FALSE(is_combining_mark(0x30AB));
  CHECK_FALSE(is_combining_mark(0x20BB7));
  CHECK_FALSE(is_combining_mark(0xFF9E));  // a spacing mark: attaches only to half-width kana
}
