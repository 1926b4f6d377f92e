// digit_dashes_test.cpp — the one rule of a dash between numbers
// (digit_dashes.hpp): which characters are dashes there, which places are
// between numbers, and that ー after kana stays a long vowel.
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/text/digit_dashes.hpp"

using namespace gifkit::grammars;

TEST_CASE("digit-dashes-1.1 the dash-like characters") {
  for (const char32_t cp : {U'ｰ', U'ー', U'－', U'‐', U'‑', U'–', U'—', U'―', U'−', U'﹣', U'-'}) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(is_dash_like(cp));
  }
  for (const char32_t cp : {U'〜', U'～', U'~', U'一', U'_', U'・', U'ｯ'}) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK_FALSE(is_dash_like(cp));
  }
  CHECK(is_prolonged_sound_mark(U'ｰ'));
  CHECK(is_prolonged_sound_mark(U'ー'));
  CHECK_FALSE(is_prolonged_sound_mark(U'－'));
}

TEST_CASE("digit-dashes-1.2 a dash-like character between numbers is '-'") {
  CHECK(dashes_between_digits("松山市築山町5ｰ11") == "松山市築山町5-11");
  CHECK(dashes_between_digits("5ー11") == "5-11");
  CHECK(dashes_between_digits("５ー１１") == "５-１１");
  CHECK(dashes_between_digits("03ｰ1234ｰ5678") == "03-1234-5678");
  CHECK(dashes_between_digits("1‐2―3−4﹣5－6") == "1-2-3-4-5-6");
  CHECK(dashes_between_digits("一ー二") == "一-二");
  CHECK(dashes_between_digits("3番ー5") == "3番-5");
  CHECK(dashes_between_digits("3番地ｰ5") == "3番地-5");
  CHECK(dashes_between_digits("2号‐1") == "2号-1");
  CHECK(dashes_between_digits("1丁目ー5") == "1丁目-5");
}

TEST_CASE("digit-dashes-1.3 elsewhere a mark is what it is") {
  CHECK(dashes_between_digits("センター") == "センター");
  CHECK(dashes_between_digits("コーポ5ー11") == "コーポ5-11");
  CHECK(dashes_between_digits("ｺｰﾎﾟ") == "ｺｰﾎﾟ");
  CHECK(dashes_between_digits("タワー1") == "タワー1");  // ー after kana, a digit after
  CHECK(dashes_between_digits("5ーA") == "5ーA");
  CHECK(dashes_between_digits("ー5") == "ー5");
  CHECK(dashes_between_digits("5ー") == "5ー");
  CHECK(dashes_between_digits("A－B") == "A－B");  // a dash, but not between numbers
  CHECK(dashes_between_digits("1〜3") == "1〜3");  // a range
  CHECK(dashes_between_digits("") == "");
  CHECK(dash_between_digits("5", U'ｰ', "11"));
  CHECK_FALSE(dash_between_digits("セン", U'ー', "タ"));
  CHECK_FALSE(dash_between_digits("5", U'〜', "11"));
}
