// kana_reading_test.cpp — fold_kana_reading: written readings compared as
// readings (hiragana, half-width, small kana, ヴ, ヂ/ヅ, 長音) and the
// sex_labels table (性別 as lists write it, read as its code).
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/dictionaries/sex_labels.hpp"
#include "grammars/text/kana_reading.hpp"

using namespace gifkit::grammars;

TEST_CASE("kana-1.1 hiragana, half-width and full-width katakana fold alike") {
  CHECK(fold_kana_reading("たかはし") == "タカハシ");
  CHECK(fold_kana_reading("ﾀｶﾊｼ") == "タカハシ");
  CHECK(fold_kana_reading("タカハシ イチロウ") == "タカハシイチロオ");
  CHECK(fold_kana_reading("ﾀﾞｲｽｹ") == "ダイスケ");
}

TEST_CASE("kana-1.2 long vowels: ー, ウ after オ and イ after エ are one reading") {
  CHECK(fold_kana_reading("サトウ") == fold_kana_reading("サトー"));
  CHECK(fold_kana_reading("サトウ") == fold_kana_reading("サトオ"));
  CHECK(fold_kana_reading("ケイコ") == fold_kana_reading("ケーコ"));
  CHECK(fold_kana_reading("ユウコ") == fold_kana_reading("ユーコ"));
  // Not every ウ is a long vowel: カワノ and コウノ stay two readings.
  CHECK(fold_kana_reading("コウノ") != fold_kana_reading("カワノ"));
  CHECK(fold_kana_reading("イチロウ") == fold_kana_reading("ｲﾁﾛｰ"));
}

TEST_CASE("kana-1.3 small kana, ヴ and ヂ/ヅ") {
  CHECK(fold_kana_reading("シヨウタ") == fold_kana_reading("ショウタ"));
  CHECK(fold_kana_reading("ヴァイオリン") == fold_kana_reading("バイオリン"));
  CHECK(fold_kana_reading("ヴ") == "ブ");
  CHECK(fold_kana_reading("ミヅキ") == fold_kana_reading("ミズキ"));
  CHECK(fold_kana_reading("チヂワ") == fold_kana_reading("チジワ"));
}

TEST_CASE("kana-1.4 text without kana folds to nothing") {
  CHECK(fold_kana_reading("") == "");
  CHECK(fold_kana_reading("山田") == "");
  CHECK(fold_kana_reading("・ 　") == "");
  CHECK(fold_kana_reading("ー") == "");  // a long-vowel mark with no kana before it
}

TEST_CASE("kana-1.5 a kana of the same row with another vowel") {
  CHECK(kana_with_vowel(U'ケ', U'ア') == U'カ');
  CHECK(kana_with_vowel(U'キ', U'オ') == U'コ');
  CHECK(kana_with_vowel(U'デ', U'ア') == U'ダ');
  CHECK(kana_with_vowel(U'ユ', U'オ') == U'ヨ');
  CHECK(kana_with_vowel(U'ヤ', U'イ') == 0);  // the ヤ row has no イ
  CHECK(kana_with_vowel(U'ワ', U'ウ') == 0);  // ワ alone
  CHECK(kana_with_vowel(U'ン', U'ア') == 0);
  CHECK(kana_with_vowel(U'カ', U'ン') == 0);  // not a vowel
  CHECK(kana_with_vowel(U'・', U'イ') == 0);
}

TEST_CASE("sexlabels-1.1 codes, labels and their spellings read as GIF's codes") {
  const SexLabels& labels = sex_labels();
  CHECK(labels.code_of("1") == 1);
  CHECK(labels.code_of("２") == 2);
  CHECK(labels.code_of("男") == 1);
  CHECK(labels.code_of("女性") == 2);
  CHECK(labels.code_of(" f ") == 2);
  CHECK(labels.code_of("Male") == 1);
  CHECK(labels.code_of("9") == 9);
  CHECK(labels.code_of("0") == 0);
  CHECK_FALSE(labels.code_of("3").has_value());
  CHECK_FALSE(labels.code_of("").has_value());
  CHECK_FALSE(labels.code_of("男女").has_value());
}

TEST_CASE("sexlabels-1.2 a bad line is an error naming the file and line") {
  std::vector<std::string> errors;
  const SexLabels labels = read_sex_labels("# c\n1\t男性|男\nx\t女性\n", "t.tsv", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("t.tsv:3:", 0) == 0);
  CHECK(labels.code_of("男") == 1);
  CHECK_FALSE(labels.code_of("女性").has_value());
}
