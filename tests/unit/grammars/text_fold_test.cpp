// text_fold_test.cpp — width/kana folding, dash handling, label keys and the
// character-class tests of text_fold.hpp.
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/text/text_fold.hpp"

using namespace gifkit::grammars;

TEST_CASE("fold-1.1 is_dash accepts the dashes people type") {
  for (const char32_t cp : {U'-', U'‐', U'‑', U'‒', U'–', U'—', U'―', U'−', U'﹣', U'－', U'⁃',
                            U'˗', U'➖', U'─', U'━'}) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(is_dash(cp));
  }
}

TEST_CASE("fold-1.2 is_dash rejects prolonged marks and other characters") {
  for (const char32_t cp : {U'ー', U'ｰ', U'_', U'~', U'〜', U'a', U'0', U' '}) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK_FALSE(is_dash(cp));
  }
}

TEST_CASE("fold-2.1 fold_ascii_width turns full-width ASCII and U+3000 into ASCII") {
  CHECK(fold_ascii_width("２０２４－０４－１８") == "2024-04-18");
  CHECK(fold_ascii_width("ＡＢＣ　ｘｙｚ！～") == "ABC xyz!~");
  CHECK(fold_ascii_width("東京都（千代田区）") == "東京都(千代田区)");
  CHECK(fold_ascii_width("ｶﾀｶﾅ") == "ｶﾀｶﾅ");  // half-width kana untouched
  CHECK(fold_ascii_width("") == "");
  CHECK(fold_ascii_width("a\xFF"
                         "Ａ") ==
        "a\xFF"
        "A");  // invalid bytes pass through
}

TEST_CASE("fold-2.2 to_fullwidth_ascii is the inverse for printable ASCII") {
  CHECK(to_fullwidth_ascii("ABC 123-x") == "ＡＢＣ　１２３－ｘ");
  CHECK(to_fullwidth_ascii("東京") == "東京");
  CHECK(fold_ascii_width(to_fullwidth_ascii("!~ az AZ 09")) == "!~ az AZ 09");
}

TEST_CASE("fold-3.1 halfwidth_to_fullwidth_kana widens and joins voiced marks") {
  CHECK(halfwidth_to_fullwidth_kana("ｶﾀｶﾅ") == "カタカナ");
  CHECK(halfwidth_to_fullwidth_kana("ｶﾞｷﾞｸﾞｹﾞｺﾞ") == "ガギグゲゴ");
  CHECK(halfwidth_to_fullwidth_kana("ﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ") == "ダヂヅデド");
  CHECK(halfwidth_to_fullwidth_kana("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ") == "パピプペポ バビブベボ");
  CHECK(halfwidth_to_fullwidth_kana("ｳﾞｧｲｵﾘﾝ") == "ヴァイオリン");
  CHECK(halfwidth_to_fullwidth_kana("ｺｰﾋｰ｡｢ｱ｣､･") == "コーヒー。「ア」、・");
}

TEST_CASE("fold-3.2 a voiced mark that cannot join stays a separate mark") {
  CHECK(halfwidth_to_fullwidth_kana("ｱﾞ") == "ア゛");
  CHECK(halfwidth_to_fullwidth_kana("ｶﾟ") == "カ゜");
  CHECK(halfwidth_to_fullwidth_kana("ﾞ") == "゛");
  CHECK(halfwidth_to_fullwidth_kana("ﾂ") == "ツ");  // ﾂ at the very end
}

TEST_CASE("fold-3.3 hiragana_to_katakana") {
  CHECK(hiragana_to_katakana("ちよだく") == "チヨダク");
  CHECK(hiragana_to_katakana("ぁゔゕゖゝゞ") == "ァヴヵヶヽヾ");
  CHECK(hiragana_to_katakana("千代田ku ー") == "千代田ku ー");
}

TEST_CASE("fold-4.1 normalize_dashes") {
  CHECK(normalize_dashes("03‐5253－5111") == "03-5253-5111");
  CHECK(normalize_dashes("1丁目―2") == "1丁目-2");
  CHECK(normalize_dashes("コーヒー") == "コーヒー");  // ー is not a dash
}

TEST_CASE("fold-5.1 fold_label makes header variants equal") {
  CHECK(fold_label("建物名等(方書)") == fold_label("建物名等（方書）"));
  CHECK(fold_label("住所 コード") == fold_label("住所　コード"));
  CHECK(fold_label("ＵＲＬ") == "url");
  CHECK(fold_label("ﾌﾘｶﾞﾅ") == "フリガナ");
  CHECK(fold_label("［備考］") == "[備考]");
  CHECK(fold_label("") == "");
}

TEST_CASE("fold-5.2 fold_label keeps different labels different") {
  CHECK(fold_label("電話番号") != fold_label("FAX番号"));
  CHECK(fold_label("ふりがな") != fold_label("フリガナ"));  // hiragana is not folded
}

TEST_CASE("fold-6.1 character classes of ASCII text") {
  CHECK(is_ascii_digits("0123456789"));
  CHECK(is_ascii_digits(""));
  CHECK_FALSE(is_ascii_digits("12a"));
  CHECK_FALSE(is_ascii_digits("１２"));
  CHECK_FALSE(is_ascii_digits("-1"));
  CHECK(is_halfwidth_alnum("abc XYZ 09 !~"));
  CHECK_FALSE(is_halfwidth_alnum("a\tb"));
  CHECK_FALSE(is_halfwidth_alnum("ａ"));
}

TEST_CASE("fold-6.2 full-width ASCII and half-width kana detection") {
  CHECK(has_fullwidth_ascii("東京１"));
  CHECK(has_fullwidth_ascii("～"));
  CHECK_FALSE(has_fullwidth_ascii("東京 1"));
  CHECK_FALSE(has_fullwidth_ascii("　"));  // U+3000 is outside U+FF01–U+FF5E
  CHECK(has_halfwidth_kana("ｱ"));
  CHECK(has_halfwidth_kana("東京ﾞ"));
  CHECK_FALSE(has_halfwidth_kana("ア"));
  CHECK_FALSE(has_halfwidth_kana("\xEF\xBD"));  // truncated, not a kana
}

TEST_CASE("fold-6.3 is_fullwidth_katakana_text") {
  CHECK(is_fullwidth_katakana_text("チヨダク カスミガセキ"));
  CHECK(is_fullwidth_katakana_text("コーヒー・ショップ　ヴ"));
  CHECK(is_fullwidth_katakana_text(""));
  CHECK_FALSE(is_fullwidth_katakana_text("ちよだ"));
  CHECK_FALSE(is_fullwidth_katakana_text("ﾁﾖﾀﾞ"));
  CHECK_FALSE(is_fullwidth_katakana_text("カ1"));
  CHECK_FALSE(is_fullwidth_katakana_text("カ\xE3"));  // invalid UTF-8
}

TEST_CASE("fold-6.4 has_control_characters") {
  CHECK(has_control_characters("a\nb"));
  CHECK(has_control_characters(std::string_view("a\0b", 3)));
  CHECK(has_control_characters("\x7F"));
  CHECK(has_control_characters("\xC2\x85"));  // U+0085 NEL, a C1 control
  CHECK_FALSE(has_control_characters("a\tb"));
  CHECK_FALSE(has_control_characters("東京 　"));
  CHECK_FALSE(has_control_characters(""));
}

TEST_CASE("fold-6.5 fold_width_and_dashes is the three folds composed, in one pass") {
  for (const char* text :
       {"", "abc", "東京都文京区湯島２丁目６－２", "ｶﾞｽ－ﾄﾞｳ１ー２", "Ａ　Ｂ―Ｃ‐Ｄ−Ｅ",
        "ﾃﾞｼﾞﾀﾙ庁ﾋﾟｰ", "\xff\xfe broken ２", "２丁目―６番－２号　ビル３Ｆ"}) {
    INFO(text);
    CHECK(fold_width_and_dashes(text) ==
          normalize_dashes(halfwidth_to_fullwidth_kana(fold_ascii_width(text))));
  }
  CHECK(fold_width_and_dashes("湯島２丁目６－２") == "湯島2丁目6-2");
  CHECK(fold_width_and_dashes("ｶﾞｽ") == "ガス");
}
