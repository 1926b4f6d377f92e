// header_words_test.cpp — the ways a header names an item (models/
// dictionaries/header_words.tsv) and their one reader,
// grammars::read_header_words: the file in the tree reads clean and is the
// text compiled in, the forms a header stands for, and the reader's errors.
// room: dictionaries
#include <catch2/catch.hpp>

#include "dictionary_testing.hpp"
#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/dictionaries/header_words.hpp"

using namespace gifkit::grammars;

TEST_CASE("header-words-1 the file in models/dictionaries reads clean and is compiled in") {
  const HeaderWords table = read_dictionary_file("header_words.tsv", read_header_words);
  REQUIRE_FALSE(table.suffixes().empty());
  CHECK(table.suffixes().front().size() >= table.suffixes().back().size());  // longest first
}

TEST_CASE("header-words-2 a suffix left out, another spelling of a word") {
  const HeaderWords& words = header_words();
  CHECK(words.name_one_item("電話", "電話番号"));
  CHECK(words.name_one_item("電話番号", "電話"));
  CHECK(words.name_one_item("TEL", "電話番号"));
  CHECK(words.name_one_item("Tel", "ＴＥＬ"));  // the label fold: width and case
  CHECK(words.name_one_item("メール", "メールアドレス"));
  CHECK(words.name_one_item("〒", "郵便番号"));
  CHECK(words.name_one_item("市区町村", "市区町村名"));
  CHECK(words.name_one_item("名称", "名称"));
  CHECK_FALSE(words.name_one_item("FAX番号", "電話番号"));
  CHECK_FALSE(words.name_one_item("名", "名称"));  // a suffix alone is no name
  CHECK_FALSE(words.name_one_item("種別", "組織種別"));
  CHECK(words.forms("電話番号") == std::vector<std::string>{"電話番号", "電話"});
}

TEST_CASE("header-words-4 a header that names a code or an identifier") {
  const HeaderWords& words = header_words();
  for (const char* header : {"地域コード", "学校ID", "NO", "No", "情報の管理主体_法人番号", "ID"}) {
    INFO(header);
    CHECK(words.names_code(header));
  }
  CHECK(words.name_one_item("地域", "地域コード"));  // a code suffix is a suffix too
  CHECK_FALSE(words.names_code("内線番号"));
  CHECK_FALSE(words.names_code("電話番号"));
}

TEST_CASE("header-words-3 the reader names the file and line of each error") {
  const HeaderWords table = read_with_errors(
      read_header_words,
      "suffix\t番号\nprefix\t第\nsuffix\tコード|CD\nword\t電話|TEL\nword\tﾃﾞﾝﾜ|ｔｅｌ\n", "h.tsv",
      {"h.tsv:2: kind is 'prefix'; expected suffix, code-suffix, variant or word",
       "h.tsv:3: a suffix is one spelling, without variants",
       "h.tsv:5: the spelling 'ｔｅｌ' folds like one given before"});
  CHECK(table.suffixes() == std::vector<std::string>{"番号"});
}

TEST_CASE("header-words-5 a header that is a variant of another item (issue #54 part 7)") {
  const HeaderWords& words = header_words();
  CHECK(words.variant_stem("名称_カナ") == "名称");
  CHECK(words.variant_stem("施設名称_英字") == "施設名称");
  CHECK(words.variant_stem("市区町村（カナ）") == "市区町村");
  CHECK(words.variant_stem("市区町村(カナ)") == "市区町村");
  CHECK(words.variant_stem("都道府県_英語表記") == "都道府県");  // the longest suffix first
  CHECK(words.variant_stem("建物名等（方書）_読み仮名") == "建物名等(方書)");
  CHECK(words.variant_stem("画像2") == "画像");
  CHECK(words.variant_stem("電話番号_2") == "電話番号");
  CHECK(words.variant_stem("名称").empty());
  CHECK(words.variant_stem("業種").empty());
  CHECK(words.variant_stem("_カナ").empty());  // nothing left
  CHECK(words.variant_stem("123").empty());
}
