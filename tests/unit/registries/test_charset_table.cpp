// test_charset_table.cpp — JIS X 0208 / JIS X 0213 membership loaded from the
// published tables in ../shared/data/moji. Facts asserted are what the data
// says: 髙 (U+9AD9, はしごだか) and 𠮷 (U+20BB7, つちよし) are in neither set — they
// are not JIS X 0213:2004 characters (髙 is a CP932 IBM extension) — while 𠮟,
// 鷗 and 俱 are JIS X 0213 additions. Half-width katakana (JIS X 0201) is in
// neither set by design: GIF asks for 全角 kana.
#include <catch2/catch.hpp>

#include <filesystem>

#include "registries/moji/charset_table.hpp"

using gifkit::registries::CharacterSet;
using gifkit::registries::CharsetTable;

namespace {

const std::filesystem::path kMojiDir = std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "moji";

const CharsetTable& table() {
  static const CharsetTable loaded = [] {
    CharsetTable charset_table;
    std::string error;
    charset_table.load(kMojiDir, error);
    return charset_table;
  }();
  return loaded;
}

bool in0208(char32_t cp) {
  return table().contains(CharacterSet::jisx0208, cp);
}
bool in0213(char32_t cp) {
  return table().contains(CharacterSet::jisx0213, cp);
}

std::size_t members_beyond_ascii(CharacterSet set) {
  std::size_t count = 0;
  for (char32_t cp = 0x80; cp < 0x30000; ++cp) count += table().contains(set, cp) ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("moji-1.1 the tables load") {
  CharsetTable charset_table;
  std::string error;
  CHECK_FALSE(charset_table.loaded());
  REQUIRE(charset_table.load(kMojiDir, error));
  CHECK(error.empty());
  CHECK(charset_table.loaded());
}

TEST_CASE("moji-1.2 kanji: 高 in both; 髙 and 𠮷 in neither (as the data says)") {
  CHECK(in0208(U'高'));
  CHECK(in0213(U'高'));
  CHECK_FALSE(in0208(0x9AD9));  // 髙
  CHECK_FALSE(in0213(0x9AD9));
  CHECK_FALSE(in0208(0x20BB7));  // 𠮷
  CHECK_FALSE(in0213(0x20BB7));
  CHECK(in0208(U'吉'));
}

TEST_CASE("moji-1.3 JIS X 0213 additions are in 0213 only") {
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

TEST_CASE("moji-1.4 non-kanji: kana, symbols, full-width and CP932 forms") {
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

TEST_CASE("moji-1.5 ASCII is always a member; half-width katakana never") {
  for (char32_t cp = 0; cp < 0x80; ++cp) {
    CHECK(in0208(cp));
    CHECK(in0213(cp));
  }
  CHECK_FALSE(in0208(0xFF71));  // ｱ (JIS X 0201 katakana)
  CHECK_FALSE(in0213(0xFF71));
  CHECK_FALSE(in0213(0xFF9E));  // ﾞ
}

TEST_CASE("moji-1.6 two-code-point entries: か゚ allows か and U+309A in 0213") {
  CHECK(in0213(0x304B));
  CHECK(in0213(0x309A));        // combining semi-voiced mark
  CHECK_FALSE(in0208(0x309A));  // only JIS X 0213 has か゚
  CHECK(in0213(0x02E9));        // from U+02E9+02E5
}

TEST_CASE("moji-1.7 the sets have the size the published tables give") {
  // Computed independently from the three files (0208 ⊂ 0213; full-width and
  // CP932 alternatives included; ASCII not counted).
  CHECK(members_beyond_ascii(CharacterSet::jisx0208) == 6888);
  CHECK(members_beyond_ascii(CharacterSet::jisx0213) == 11215);
}

TEST_CASE("moji-1.8 first_outside gives the first code point outside and its index") {
  CHECK(table().first_outside(CharacterSet::jisx0208, "山田太郎").index == 0);
  CHECK(table().first_outside(CharacterSet::jisx0208, "").index == 0);
  const CharsetTable::Outside takahashi = table().first_outside(CharacterSet::jisx0213, "髙橋");
  CHECK(takahashi.cp == 0x9AD9);
  CHECK(takahashi.index == 1);
  const CharsetTable::Outside scold = table().first_outside(CharacterSet::jisx0208, "お𠮟り");
  CHECK(scold.cp == 0x20B9F);
  CHECK(scold.index == 2);
  CHECK(table().first_outside(CharacterSet::jisx0213, "お𠮟り").index == 0);
  CHECK(table().first_outside(CharacterSet::jisx0208, "ﾀﾛｳ").index == 1);
  const CharsetTable::Outside invalid = table().first_outside(CharacterSet::jisx0213, "ab\xff");
  CHECK(invalid.cp == 0xFFFD);
  CHECK(invalid.index == 3);
}

TEST_CASE("moji-1.9 a missing directory fails with an error naming the file") {
  CharsetTable charset_table;
  std::string error;
  CHECK_FALSE(charset_table.load(kMojiDir / "no-such-dir", error));
  CHECK(error.find("imi_ISOIEC10646-CJK-JISX0208-1990-compliant.txt") != std::string::npos);
  CHECK_FALSE(charset_table.loaded());
  CHECK_FALSE(charset_table.contains(CharacterSet::jisx0213, U'高'));
  CHECK(charset_table.contains(CharacterSet::jisx0213, U'A'));
}
