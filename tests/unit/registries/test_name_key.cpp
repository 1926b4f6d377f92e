// test_name_key.cpp — the normalized name key of the registry's name search
// (name_key.hpp): width, kana and legal-form folding, and the grams the
// 1–2 character index stores.
// room: houjin
#include <algorithm>
#include <catch2/catch.hpp>

#include "grammars/dictionaries/legal_forms.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"
#include "registries/houjin/names/name_key.hpp"

using namespace gifkit::registries::houjin;

TEST_CASE("search-1.1 name_key folds width, kana, case and spaces") {
  CHECK(name_key("デジタル庁") == "デジタル庁");
  CHECK(name_key("ﾃﾞｼﾞﾀﾙ") == "デジタル");
  CHECK(name_key("でじたる") == "デジタル");
  CHECK(name_key("ｳﾞｨﾝﾃｰｼﾞ") == "ヴィンテージ");
  CHECK(name_key("Ｓｐａｃｅ　ＢＤ") == "spacebd");
  CHECK(name_key("HAYASHIGO CO., LTD.") == "hayashigoco.,ltd.");
  CHECK(name_key("ＳＭＢＣ デジタル") == "smbcデジタル");
}

TEST_CASE("search-1.2 name_key removes the old and new forms of legal-form words") {
  const std::string expected = "林吾";
  for (const char* form : {"株式会社林吾", "林吾株式会社", "(株)林吾", "（株）林吾", "㈱林吾",
                           "㍿林吾", "林吾 (株)", "林吾（株）", "株式會社林吾", "林吾株式會社"}) {
    INFO(form);
    CHECK(name_key(form) == expected);
  }
  for (const char* form : {"有限会社小林", "(有)小林", "（有）小林", "㈲小林", "小林有限会社",
                           "合同会社小林", "合資会社小林", "合名会社小林", "(同)小林"}) {
    INFO(form);
    CHECK(name_key(form) == "小林");
  }
  CHECK(name_key("株式会社") == "");
  CHECK(name_key("") == "");
  // Other corporate forms are part of the name and stay.
  CHECK(name_key("一般社団法人北多摩建設業協会") == "一般社団法人北多摩建設業協会");
}

TEST_CASE("search-1.3 key_grams: bigrams and the last character, once each") {
  CHECK(key_grams("").empty());
  CHECK(key_grams("林") == std::vector<std::string>{"林"});
  CHECK(key_grams("林吾") == std::vector<std::string>{"林吾", "吾"});
  CHECK(key_grams("ハハハ") == std::vector<std::string>{"ハハ", "ハ"});
  CHECK(key_grams("デジタル庁") == std::vector<std::string>{"デジ", "ジタ", "タル", "ル庁", "庁"});
  CHECK(key_length("デジタル庁") == 5);
  CHECK(key_length("ab") == 2);
}

TEST_CASE("search-1.2b the NTA's 法人種別 of companies are legal forms the name key drops") {
  // Two tables name these forms: the NTA's code list (houjin_columns.cpp) and
  // models/dictionaries/legal_forms.tsv; they must agree.
  for (const char* code : {"301", "302", "303", "304", "305"}) {
    INFO(code);
    const std::string_view kind = kind_name(code);
    const auto& forms = gifkit::grammars::legal_forms().forms();
    const auto form = std::find_if(forms.begin(), forms.end(),
                                   [&](const auto& entry) { return entry.canonical == kind; });
    REQUIRE(form != forms.end());
    CHECK(form->dropped_from_search);
    CHECK(name_key(std::string(kind) + "小林") == "小林");
  }
}
