// script_words_test.cpp — script_words: the kanji, katakana and Latin runs of
// a label, two characters or more, hiragana never a word.
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/text/script_words.hpp"

using gifkit::grammars::script_words;
using Words = std::vector<std::string>;

TEST_CASE("script-words-1.1 a header's words by their script") {
  CHECK(script_words("一般トイレ設備内容・男性用トイレ・洋式") ==
        Words{"一般", "トイレ", "設備内容", "男性用", "トイレ", "洋式"});
  CHECK(script_words("小児対応設備の有無") == Words{"小児対応設備", "有無"});
  CHECK(script_words("AED設置箇所一覧") == Words{"AED", "設置箇所一覧"});
  CHECK(script_words("バリアフリートイレ") == Words{"バリアフリートイレ"});
}

TEST_CASE("script-words-1.2 one character, hiragana and marks are no words") {
  CHECK(script_words("").empty());
  CHECK(script_words("№").empty());
  CHECK(script_words("対象となる") == Words{"対象"});
  CHECK(script_words("名 ア 々 カナ") == Words{"カナ"});
  CHECK(script_words("佐々木") == Words{"佐々木"});
}
