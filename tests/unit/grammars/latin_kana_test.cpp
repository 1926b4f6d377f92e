// latin_kana_test.cpp — names written in Latin letters against their カナ
// (grammars/dictionaries/latin_kana.hpp): the table models/dictionaries/
// latin_kana.tsv reads clean and is the text compiled in; both sides split
// into words; foreign names and romaji read as their kana, in either order,
// with a middle name left out or an initial, hiragana and without
// separators; swapped names a mismatch; a dictionary's reading trusted.
// room: dictionaries
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dictionary_testing.hpp"
#include "grammars/dictionaries/latin_kana.hpp"

using namespace gifkit::grammars;

namespace {

const std::vector<std::string>* no_dictionary(std::string_view) {
  return nullptr;
}

LatinReading verdict(std::string_view latin, std::string_view kana) {
  const LatinNameResult result = judge_latin_name(latin, kana, no_dictionary);
  INFO(latin << " / " << kana << ": " << result.reason);
  return result.verdict;
}

}  // namespace

TEST_CASE("latin-kana-1 the table in models/dictionaries reads clean and is compiled in") {
  const std::string text = dictionary_file_text("latin_kana.tsv");
  std::vector<std::string> errors;
  CHECK(check_latin_kana_table(text, "latin_kana.tsv", errors) > 500);
  CHECK(errors.empty());
  CHECK(dictionary_text("latin_kana.tsv") == text);
  // Its reader names the file and line of each mistake.
  errors.clear();
  check_latin_kana_table("ア\tvowel\ta\nカ\tonset\tK\nン\tsome\tn\na\twhole\tb\nッ\tonset\tt\n",
                         "t.tsv", errors);
  CHECK(errors ==
        std::vector<std::string>{"t.tsv:2: the spelling 'K' is not lower-case ASCII letters or _",
                                 "t.tsv:3: the kind must be vowel, onset, whole, silent or letter",
                                 "t.tsv:4: the kana 'a' is not katakana",
                                 "t.tsv:5: the onset 'ッ' has no vowel"});
}

TEST_CASE("latin-kana-2 the Latin words: widths, case, accents, separators") {
  using words = std::vector<std::string>;
  CHECK(latin_name_words("ＢＩＬＬＹ　ＪＯＥＬ") == words{"billy", "joel"});
  CHECK(latin_name_words("John F. Kennedy") == words{"john", "f", "kennedy"});
  CHECK(latin_name_words("O'Brien") == words{"obrien"});
  CHECK(latin_name_words("José  Muñoz-Müller") == words{"jose", "munoz", "muller"});
  CHECK(latin_name_words("Nguyễn Văn Ân") == words{"nguyen", "van", "an"});
  CHECK(latin_name_words("Strauß") == words{"strauss"});
  CHECK(latin_name_words("JEAN＝PIERRE・DUPONT") == words{"jean", "pierre", "dupont"});
  CHECK(latin_name_words("田中 太郎").empty());
  CHECK(latin_name_words("R2D2").empty());
}

TEST_CASE("latin-kana-3 the kana words: hiragana, half-width, separators, initials") {
  using words = std::vector<std::u32string>;
  CHECK(kana_name_words("ビリー　ジョエル") == words{U"ビリー", U"ジョエル"});
  CHECK(kana_name_words("ｼﾞｮﾝ･ｽﾐｽ") == words{U"ジョン", U"スミス"});
  CHECK(kana_name_words("たなか たろう") == words{U"タナカ", U"タロウ"});
  CHECK(kana_name_words("ジャン＝ピエール") == words{U"ジャン", U"ピエール"});
  CHECK(kana_name_words("ジョン・F・ケネディ") == words{U"ジョン", U"f", U"ケネディ"});
  // Combining marks joined to the kana that take them, and only to those.
  CHECK(kana_name_words("カ\u3099ウ\u3099ハ\u309A") == words{U"ガヴパ"});
  CHECK(kana_name_words("ア\u3099") == words{U"ア\u3099"});
}

TEST_CASE("latin-kana-4 one word by the table") {
  CHECK(latin_word_reads_as("billy", U"ビリー") == LatinReading::plausible);
  CHECK(latin_word_reads_as("joel", U"ジョエル") == LatinReading::plausible);
  CHECK(latin_word_reads_as("smith", U"スミス") == LatinReading::plausible);
  CHECK(latin_word_reads_as("peter", U"ピーター") == LatinReading::plausible);
  CHECK(latin_word_reads_as("ohno", U"オオノ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("ono", U"オオノ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("shunsuke", U"シュンスケ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("syunsuke", U"シュンスケ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("tsutomu", U"ツトム") == LatinReading::plausible);
  CHECK(latin_word_reads_as("tutomu", U"ツトム") == LatinReading::plausible);
  CHECK(latin_word_reads_as("chiaki", U"チアキ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("fujita", U"フジタ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("hujita", U"フジタ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("kanpei", U"カンペイ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("kampei", U"カンペイ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("satoh", U"サトウ") == LatinReading::plausible);
  CHECK(latin_word_reads_as("billy", U"ジャクソン") == LatinReading::mismatch);
  CHECK(latin_word_reads_as("tanaka", U"スズキ") == LatinReading::mismatch);
}

TEST_CASE("latin-kana-5 whole names of the issue are plausible") {
  CHECK(verdict("ＢＩＬＬＹ　ＪＯＥＬ", "ビリー　ジョエル") == LatinReading::plausible);
  CHECK(verdict("John Smith", "ジョン・スミス") == LatinReading::plausible);
  CHECK(verdict("MARIA GARCIA LOPEZ", "マリア　ガルシア　ロペス") == LatinReading::plausible);
  CHECK(verdict("TANAKA TARO", "タナカ タロウ") == LatinReading::plausible);
  CHECK(verdict("TANAKA TARO", "たなか たろう") == LatinReading::plausible);
  CHECK(verdict("Ohno", "オオノ") == LatinReading::plausible);
  CHECK(verdict("Shunsuke", "シュンスケ") == LatinReading::plausible);
  CHECK(verdict("NGUYEN VAN AN", "グエン　バン　アン") == LatinReading::plausible);
  CHECK(verdict("KIM MINJUN", "キム　ミンジュン") == LatinReading::plausible);
  CHECK(verdict("SILVA", "シルバ") == LatinReading::plausible);
  CHECK(verdict("WANG", "ワン") == LatinReading::plausible);
}

TEST_CASE("latin-kana-6 orders, middle names, initials, no separators") {
  CHECK(verdict("TARO TANAKA", "タナカ タロウ") == LatinReading::plausible);
  CHECK(verdict("JOEL BILLY", "ビリー　ジョエル") == LatinReading::plausible);
  CHECK(verdict("John F. Kennedy", "ジョン・F・ケネディ") == LatinReading::plausible);
  CHECK(verdict("John F. Kennedy", "ジョン・ケネディ") == LatinReading::plausible);
  CHECK(verdict("John F. Kennedy", "ジョン・エフ・ケネディ") == LatinReading::plausible);
  CHECK(verdict("John F. Kennedy", "ジョン・エム・ケネディ") == LatinReading::mismatch);
  CHECK(verdict("John Fitzgerald Kennedy", "ジョン・ケネディ") == LatinReading::plausible);
  CHECK(verdict("BILLY JOEL", "ビリージョエル") == LatinReading::plausible);
  CHECK(verdict("KENNEDY JOHN FITZGERALD", "ケネディ ジョン") == LatinReading::plausible);
  CHECK(verdict("Jean-Pierre Dupont", "ジャンピエール・デュポン") == LatinReading::plausible);
  CHECK(verdict("MARIA GARCIA LOPEZ", "マリアガルシアロペス") == LatinReading::plausible);
}

TEST_CASE("latin-kana-7 another person's kana is a mismatch") {
  CHECK(verdict("ＢＩＬＬＹ　ＪＯＥＬ", "マイケル　ジャクソン") == LatinReading::mismatch);
  CHECK(verdict("TANAKA TARO", "スズキ イチロウ") == LatinReading::mismatch);
  CHECK(verdict("John Smith", "ジョン・ブラウン") == LatinReading::mismatch);
  CHECK(verdict("NGUYEN VAN AN", "キム　ミンジュン") == LatinReading::mismatch);
}

TEST_CASE("latin-kana-8 what cannot be judged is not checked") {
  CHECK(verdict("田中 太郎", "タナカ タロウ") == LatinReading::not_checked);
  CHECK(verdict("TANAKA TARO", "田中 太郎") == LatinReading::not_checked);
  CHECK(verdict("TANAKA TARO", "") == LatinReading::not_checked);
}

TEST_CASE("latin-kana-9 a dictionary's reading is trusted") {
  const std::vector<std::string> readings = {"ヘンリー"};
  const auto known = [&](std::string_view word) -> const std::vector<std::string>* {
    return word == "xzqw" ? &readings : nullptr;
  };
  const LatinNameResult result = judge_latin_name("XZQW SMITH", "へんりー スミス", known);
  CHECK(result.verdict == LatinReading::plausible);
  CHECK(result.reason == "xzqw → ヘンリー (dictionary), smith → スミス (rules)");
  CHECK(judge_latin_name("XZQW SMITH", "へんりー スミス", no_dictionary).verdict !=
        LatinReading::plausible);
}

TEST_CASE("latin-kana-10 names of many countries read as their usual katakana") {
  const std::vector<std::pair<const char*, const char*>> pairs = {
      {"Nguyen Thi Lan", "グエン・ティ・ラン"},
      {"Tran", "チャン"},
      {"Pham", "ファム"},
      {"Hoang", "ホアン"},
      {"Duong", "ズオン"},
      {"Zhang Wei", "チャン・ウェイ"},
      {"Liu", "リウ"},
      {"Zhao", "チャオ"},
      {"Zhou", "ジョウ"},
      {"Xu", "シュー"},
      {"Qian", "チエン"},
      {"Park", "パク"},
      {"Lee", "イ"},
      {"Jung", "チョン"},
      {"Kwon", "クォン"},
      {"Hwang", "ファン"},
      {"Santos", "サントス"},
      {"Reyes", "レイエス"},
      {"Bautista", "バウティスタ"},
      {"Oliveira", "オリベイラ"},
      {"Souza", "ソウザ"},
      {"João", "ジョアン"},
      {"Gurung", "グルン"},
      {"Shrestha", "シュレスタ"},
      {"Kumar", "クマール"},
      {"Aung", "アウン"},
      {"Mohammed", "ムハンマド"},
      {"Ryuichi", "リュウイチ"},
      {"Yūko", "ユウコ"},
      {"Shin'ichi", "シンイチ"},
      {"Itoh", "イトウ"},
      {"Homma", "ホンマ"},
      {"Tiduru", "チヅル"},
      {"Zyunko", "ジュンコ"},
      {"Inoue", "いのうえ"},
      {"Hattori", "ﾊｯﾄﾘ"}};
  for (const auto& [latin, kana] : pairs) CHECK(verdict(latin, kana) == LatinReading::plausible);
}

TEST_CASE("latin-kana-11 a kana of one of the names only is not checked, never a mismatch") {
  CHECK(verdict("Paul Gauguin", "ゴーギャン") == LatinReading::not_checked);
  CHECK(verdict("Paul Gauguin", "ゴーギャン　ポール") == LatinReading::plausible);
  CHECK(verdict("Paul Gauguin", "スミス") == LatinReading::mismatch);
}
