// name_reading_dictionary_test.cpp — the reader of NAIST-jdic's persons'
// names (an inline sample with its odd lines, and the installed file when
// there is one) and the form readings are compared in (fold_reading).
// room: grammars
#include <catch2/catch.hpp>

#include <string>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "grammars/text/kana_reading.hpp"
#include "grammars/text/utf8.hpp"

using namespace gifkit::grammars;

namespace {

std::string utf8(const std::u32string& text) {
  std::string out;
  for (char32_t cp : text) append_utf8(out, cp);
  return out;
}

// Lines as the file writes them, and lines it must survive.
constexpr std::string_view kSample =
    "(品詞 (名詞 固有名詞 人名 姓)) ((見出し語 (佐藤 1667)) (読み サトウ) (発音 サトー) )\n"
    "(品詞 (名詞 固有名詞 人名 姓)) ((見出し語 (山崎 2000)) (読み {ヤマザキ/ヤマサキ}) (発音 "
    "{ヤマザキ/ヤマサキ}) )\n"
    "(品詞 (名詞 固有名詞 人名 名)) ((見出し語 (吉治 2827)) (読み {ヨシジ/ヨシハル/キチハル}) "
    "(発音 {ヨシジ/ヨシハル/キチハル}) )\n"
    "(品詞 (名詞 固有名詞 人名 姓)) ((見出し語 (河野 1590)) (読み {コウノ/カワノ}) (発音 "
    "{コーノ/カワノ}) )\n"
    // the same headword again: its readings join the first line's
    "(品詞 (名詞 固有名詞 人名 姓)) ((見出し語 (河野 3000)) (読み {カワノ/ゴウノ}) )\n"
    // a place, an organisation, a person known by one name: not 姓 or 名
    "(品詞 (名詞 固有名詞 地域 一般)) ((見出し語 (鈴木 3384)) (読み スズキ) (発音 スズキ) )\n"
    "(品詞 (名詞 固有名詞 人名 一般)) ((見出し語 (高鳳翰 2307)) (読み コウホウカン) )\n"
    // odd person lines: no reading, an unclosed brace, an empty alternative, no headword
    "(品詞 (名詞 固有名詞 人名 姓)) ((見出し語 (欠読 1000)) (発音 ケツ) )\n"
    "(品詞 (名詞 固有名詞 人名 名)) ((見出し語 (開括 1000)) (読み {アキ/ヒラ) )\n"
    "(品詞 (名詞 固有名詞 人名 名)) ((見出し語 (空読 1000)) (読み {ソラ//カラ}) )\n"
    "(品詞 (名詞 固有名詞 人名 姓)) ((読み ナシ) )\n"
    "(品詞 (名詞 固有名詞 人名 姓\n"
    "\n"
    "(品詞 (名詞 固有名詞 人名 名)) ((見出し語 花子) (読み ハナコ) )";  // no newline at the end

}  // namespace

TEST_CASE("name-readings-1.1 the persons' lines are read with every reading; the rest left alone") {
  const NameReadings dictionary = parse_name_readings(kSample);
  REQUIRE(dictionary.readings("佐藤", NamePart::family) != nullptr);
  CHECK(*dictionary.readings("佐藤", NamePart::family) == std::vector<std::string>{"サトウ"});
  CHECK(*dictionary.readings("山崎", NamePart::family) ==
        std::vector<std::string>{"ヤマザキ", "ヤマサキ"});
  CHECK(*dictionary.readings("吉治", NamePart::given) ==
        std::vector<std::string>{"ヨシジ", "ヨシハル", "キチハル"});
  CHECK(*dictionary.readings("河野", NamePart::family) ==
        std::vector<std::string>{"コウノ", "カワノ", "ゴウノ"});
  REQUIRE(dictionary.readings("花子", NamePart::given) != nullptr);  // (見出し語 X) without a cost
  CHECK(dictionary.readings("佐藤", NamePart::given) == nullptr);     // a 姓, not a 名
  CHECK(dictionary.readings("鈴木", NamePart::family) == nullptr);    // a place
  CHECK(dictionary.readings("高鳳翰", NamePart::family) == nullptr);  // 人名 一般
  CHECK(dictionary.family_count() == 3);
  CHECK(dictionary.given_count() == 2);
  CHECK(dictionary.longest_family() == 2);
}

TEST_CASE("name-readings-1.2 person lines that cannot be read are skipped and counted") {
  const NameReadings dictionary = parse_name_readings(kSample);
  CHECK(dictionary.skipped == 5);  // no reading, unclosed, empty alternative, no headword, cut
  CHECK(dictionary.entries == 11);
  CHECK(dictionary.readings("欠読", NamePart::family) == nullptr);
  CHECK(dictionary.readings("開括", NamePart::given) == nullptr);
  CHECK(dictionary.readings("空読", NamePart::given) == nullptr);
  CHECK(parse_name_readings("").entries == 0);
  CHECK(parse_name_readings("\xFF\xFE garbage\n(((\n").skipped == 0);
}

TEST_CASE("name-readings-1.3 a file that is not there is nullopt, never a throw") {
  CHECK_FALSE(read_name_readings("/nonexistent/naist-jdic.dic").has_value());
}

TEST_CASE("name-readings-1.4 the installed NAIST-jdic: ~12k 姓 and ~18k 名, none skipped") {
  const auto path = default_name_readings_path();
  const auto dictionary = read_name_readings(path);
  if (!dictionary) {
    WARN("no name dictionary at " << path << " (apt-get install naist-jdic-utf8): skipped");
    return;
  }
  CHECK(dictionary->family_count() > 10000);
  CHECK(dictionary->given_count() > 15000);
  CHECK(dictionary->skipped == 0);
  CHECK(dictionary->entries == 12136 + 17886);
  const auto* kouno = dictionary->readings("河野", NamePart::family);
  REQUIRE(kouno != nullptr);
  CHECK(std::find(kouno->begin(), kouno->end(), "コウノ") != kouno->end());
  CHECK(std::find(kouno->begin(), kouno->end(), "カワノ") != kouno->end());
  const auto* yamazaki = dictionary->readings("山崎", NamePart::family);
  REQUIRE(yamazaki != nullptr);
  CHECK(yamazaki->size() == 2);
}

TEST_CASE("name-readings-2.1 fold_reading: hiragana, widths, small kana, ヴ, ヂ/ヅ") {
  CHECK(utf8(fold_reading("さとう")) == utf8(fold_reading("サトウ")));
  CHECK(utf8(fold_reading("ｻﾄｳ")) == utf8(fold_reading("サトウ")));
  CHECK(utf8(fold_reading("ｶﾞｯｺｳ")) == utf8(fold_reading("ガッコウ")));
  CHECK(utf8(fold_reading("キョウコ")) == "キヨオコ");  // small ョ → ヨ, オウ → オオ
  CHECK(utf8(fold_reading("ヴィクトル")) ==
        "ビクトル");  // ヴィ is the ビ of ヴ  // ヴ = ブ, small ィ = イ
  CHECK(fold_reading("ヴィクトル") == fold_reading("ビクトル"));
  CHECK(utf8(fold_reading("ハナヂ")) == "ハナジ");
  CHECK(utf8(fold_reading("ツヅキ")) == "ツズキ");
  CHECK(utf8(fold_reading("サトウ ハナコ")) == "サトオハナコ");  // spaces dropped
  CHECK(utf8(fold_reading("カ\u3099ク")) == "ガク");             // a combining voiced mark
  CHECK(utf8(fold_reading("ヲノ")) == "オノ");
}

TEST_CASE("name-readings-2.2 fold_reading: 長音 as the vowel, オウ = オオ = オー, エイ = エー") {
  CHECK(fold_reading("サトー") == fold_reading("サトウ"));
  CHECK(fold_reading("オーノ") == fold_reading("オオノ"));
  CHECK(fold_reading("オウノ") == fold_reading("オオノ"));
  CHECK(fold_reading("ケイコ") == fold_reading("ケーコ"));
  CHECK(fold_reading("ユウキ") == fold_reading("ユーキ"));
  CHECK(fold_reading("サトウ") != fold_reading("サト"));
  CHECK(fold_reading("サイトウ") != fold_reading("サトウ"));
  CHECK(fold_reading("アイ") != fold_reading("アエ"));  // イ after the ア row stays イ
  CHECK(utf8(fold_reading("佐藤")) == "佐藤");          // not kana: kept as it is
}

TEST_CASE("name-readings-2.3 append_rendaku_forms voices the first kana; ハ also to パ") {
  std::vector<std::u32string> forms;
  append_rendaku_forms(U"サキ", forms);
  REQUIRE(forms.size() == 1);
  CHECK(utf8(forms[0]) == "ザキ");
  forms.clear();
  append_rendaku_forms(U"ハシ", forms);
  REQUIRE(forms.size() == 2);
  CHECK(utf8(forms[0]) == "バシ");
  CHECK(utf8(forms[1]) == "パシ");
  forms.clear();
  append_rendaku_forms(U"ヤマ", forms);
  append_rendaku_forms(U"", forms);
  CHECK(forms.empty());
}
