// test_character_sets.cpp — the jisx0208 and jisx0213 sets made from the
// published files in ../shared/data/moji (CharacterData straight from the
// folder, as validate without a registry reads them). Facts asserted are what the data
// says: 髙 (U+9AD9, はしごだか) and 𠮷 (U+20BB7, つちよし) are in neither set — they
// are not JIS X 0213:2004 characters (髙 is a CP932 IBM extension) — while 𠮟,
// 鷗 and 俱 are JIS X 0213 additions. Half-width katakana (JIS X 0201) is in
// neither set by design: GIF asks for 全角 kana.
// room: moji
#include <catch2/catch.hpp>

#include <filesystem>

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/named_sets.hpp"
#include "registries/moji/shrink.hpp"

using namespace gifkit::registries::moji;

namespace {

const std::filesystem::path kMojiDir = std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "moji";

const CharacterData& data() {
  static const CharacterData loaded(folder_rows(kMojiDir));
  return loaded;
}

const CharacterSet& jisx0208() {
  static const CharacterSet set = make_character_set(data(), "jisx0208");
  return set;
}
const CharacterSet& jisx0213() {
  static const CharacterSet set = make_character_set(data(), "jisx0213");
  return set;
}

bool in0208(char32_t cp) {
  return jisx0208().contains(cp);
}
bool in0213(char32_t cp) {
  return jisx0213().contains(cp);
}

std::size_t members_beyond_ascii(const CharacterSet& set) {
  std::size_t count = 0;
  for (char32_t cp = 0x80; cp < 0x30000; ++cp) count += set.contains(cp) ? 1 : 0;
  return count;
}

// The first unit of utf8 outside set: its 1-based index, 0 when all are in.
std::size_t first_outside(const CharacterSet& set, std::string_view utf8) {
  gifkit::grammars::TextUnitReader reader(utf8);
  gifkit::grammars::TextUnit unit;
  while (reader.next(unit)) {
    if (unit.issue != gifkit::grammars::UnitIssue::none ||
        !set.contains_unit(utf8.substr(unit.offset, unit.length), unit.code_points, unit.base))
      return unit.index;
  }
  return 0;
}

}  // namespace

TEST_CASE("sets-1.1 the tables load") {
  CHECK(data().has_jis());
  CHECK(data().sets().size() == 5);
}

TEST_CASE("sets-1.2 kanji: 高 in both; 髙 and 𠮷 in neither (as the data says)") {
  CHECK(in0208(U'高'));
  CHECK(in0213(U'高'));
  CHECK_FALSE(in0208(0x9AD9));  // 髙
  CHECK_FALSE(in0213(0x9AD9));
  CHECK_FALSE(in0208(0x20BB7));  // 𠮷
  CHECK_FALSE(in0213(0x20BB7));
  CHECK(in0208(U'吉'));
}

TEST_CASE("sets-1.3 JIS X 0213 additions are in 0213 only") {
  for (const char32_t cp : {char32_t{0x20B9F},  // 𠮟 [2004], plane 1
                            char32_t{0x9DD7},   // 鷗 [2000]
                            char32_t{0x4FF1},   // 俱 [2004]
                            char32_t{0x20089},  // plane 2, 0xA1A1
                            char32_t{0x2000B}}) {
    INFO(std::hex << static_cast<unsigned>(cp));
    CHECK_FALSE(in0208(cp));
    CHECK(in0213(cp));
  }
  // A compatibility ideograph listed only by the IMI 0213 kanji set.
  CHECK(in0213(0xFA10));
  CHECK_FALSE(in0208(0xFA10));
}

TEST_CASE("sets-1.4 non-kanji: kana, symbols, full-width and CP932 forms") {
  for (const char32_t cp : {U'あ', U'ア', U'ー', U'・', U'　', U'、', U'〜', U'－', U'＝'}) {
    INFO(std::hex << static_cast<unsigned>(cp));
    CHECK(in0208(cp));
    CHECK(in0213(cp));
  }
  CHECK(in0208(U'Ａ'));  // Fullwidth: U+FF21 of 0x2341
  CHECK(in0208(U'０'));
  CHECK(in0208(0xFF5E));  // ～, Windows (CP932) form of 〜 0x2141
  CHECK(in0208(0x2015));  // ―, Windows form of — 0x213D
  CHECK(in0213(U'ㇷ'));   // U+31F7, [2000]
  CHECK_FALSE(in0208(U'ㇷ'));
  CHECK_FALSE(in0208(U'①'));  // NEC row 13: not JIS X 0208
  CHECK(in0213(U'①'));        // but JIS X 0213 [2000]
  CHECK_FALSE(in0213(U'😀'));
  CHECK_FALSE(in0213(0x10FFFF));
}

TEST_CASE("sets-1.5 printable ASCII is always a member; half-width katakana never") {
  for (char32_t cp = 0x20; cp < 0x7F; ++cp) {
    CHECK(in0208(cp));
    CHECK(in0213(cp));
  }
  // Control characters are reported as such (value_checks), not as outside a set.
  CHECK_FALSE(in0213(0x1B));
  CHECK_FALSE(in0208(0xFF71));  // ｱ (JIS X 0201 katakana)
  CHECK_FALSE(in0213(0xFF71));
  CHECK_FALSE(in0213(0xFF9E));  // ﾞ
}

TEST_CASE("sets-1.6 two-code-point entries: か゚ is a sequence of 0213, U+309A alone is not") {
  CHECK(in0213(0x304B));
  // The combining semi-voiced mark alone is not a character of either set:
  // only the sequences JIS X 0213 lists are (か゚ …).
  CHECK_FALSE(in0213(0x309A));
  CHECK_FALSE(in0208(0x309A));
  CHECK(jisx0213().contains_sequence("か\xE3\x82\x9A"));
  CHECK_FALSE(jisx0208().contains_sequence("か\xE3\x82\x9A"));
  CHECK(jisx0213().contains_sequence("\xCB\xA9\xCB\xA5"));  // U+02E9+02E5
  CHECK(jisx0213().sequence_count() == 25);
}

TEST_CASE("sets-1.7 the sets have the size the published tables give") {
  // Computed independently from the three files (0208 ⊂ 0213; full-width and
  // CP932 alternatives included; ASCII not counted). 11,215 code points
  // appear in JIS X 0213; U+309A only inside its sequences (か゚ き゚ く゚ …),
  // so 11,214 are characters of it alone.
  CHECK(members_beyond_ascii(jisx0208()) == 6888);
  CHECK(members_beyond_ascii(jisx0213()) == 11214);
}

TEST_CASE("sets-1.8 the first character outside a set, counted as a person counts them") {
  CHECK(first_outside(jisx0208(), "山田太郎") == 0);
  CHECK(first_outside(jisx0208(), "") == 0);
  CHECK(first_outside(jisx0213(), "髙橋") == 1);
  CHECK(first_outside(jisx0208(), "お𠮟り") == 2);
  CHECK(first_outside(jisx0213(), "お𠮟り") == 0);
  CHECK(first_outside(jisx0208(), "ﾀﾛｳ") == 1);
  CHECK(first_outside(jisx0213(), "ab\xff") == 3);
  // 邉 with a selector is one character, outside JIS X 0208 for its selector.
  CHECK(first_outside(jisx0208(), "渡\xE9\x82\x89\xF3\xA0\x84\x82x") == 2);
}

TEST_CASE("sets-1.9 a missing folder fails naming it") {
  CHECK_THROWS_WITH(CharacterData(folder_rows(kMojiDir / "no-such-dir")),
                    Catch::Contains("no-such-dir: no such folder"));
}

TEST_CASE("sets-1.10 the scan kernel finds what a code point walk finds") {
  // Reference: decode each code point (U+FFFD for bytes that are not UTF-8)
  // and ask the set; TAB, LF and CR count as held.
  auto reference = [](const CharacterSet& set, std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      const std::size_t start = pos;
      const char32_t cp = gifkit::grammars::decode_utf8(text, pos);
      const bool invalid = cp == 0xFFFD && text.substr(start, 3) != "\xEF\xBF\xBD";
      if (invalid || (!set.contains(cp) && cp != '\t' && cp != '\n' && cp != '\r')) return start;
    }
    return text.size();
  };
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           " ",
                                           "\t",
                                           "\n",
                                           "\r",
                                           "\x1b",
                                           "\x7f",
                                           "山",
                                           "田",
                                           "髙",
                                           "﨑",
                                           "𠮷",
                                           "ｶ",
                                           "\xE9\x82\x89\xF3\xA0\x84\x82",
                                           "\xC3\xA9",
                                           "\x82\xA0",
                                           "\xED\xA1\x82",
                                           "\xE3\x81",
                                           "\xF0\xA0\xAE",
                                           "\xEF\xBF\xBD",
                                           "ー",
                                           "１",
                                           "～",
                                           "\xC0\x80",
                                           "\xE0\x80\x80"};
  std::uint32_t seed = 20261122;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  const CharacterSet katakana = make_character_set(data(), "katakana");
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(next() % 24);
    for (int i = 0; i < length; ++i) text += pieces[(next() >> 8) % pieces.size()];
    INFO("text bytes: " << gifkit::grammars::code_points_text(text));
    for (const CharacterSet* set : {&jisx0208(), &jisx0213(), &katakana}) {
      CHECK(set->find_outside(text) == reference(*set, text));
      if (!text.empty())
        CHECK(set->find_outside(text, 1) == std::max<std::size_t>(1, [&] {
                std::string_view rest(text);
                rest.remove_prefix(1);
                return reference(*set, rest) + 1;
              }()));
    }
  }
}
