// lost_characters_test.cpp — grammars::find_lost_character: a ?, ？, U+FFFD or
// 〓 standing where a character was lost in an encoding round trip (the
// values of issue #55 and of the real files of opendata-real), and a real
// question (営業中ですか?, a URL's query, Q&A?) never; the marks'
// file (models/dictionaries/lost_character_marks.tsv) reads clean.
// room: grammars
#include <catch2/catch.hpp>
#include <string>

#include "dictionary_testing.hpp"
#include "grammars/values/lost_characters.hpp"

using namespace gifkit::grammars;

TEST_CASE("lost-characters-1 the marks' file reads clean and is compiled in") {
  const auto table = read_dictionary_file("lost_character_marks.tsv", read_lost_character_marks);
  CHECK(table.kind_of(U'?') == LostMarkKind::substitute);
  CHECK(table.kind_of(U'\uFF1F') == LostMarkKind::question);
  CHECK(table.kind_of(U'\uFFFD') == LostMarkKind::replacement);
  CHECK(table.kind_of(U'\u3013') == LostMarkKind::replacement);
  CHECK(!table.kind_of(U'!'));
  CHECK(lost_character_marks().marks.size() == table.marks.size());
  std::vector<std::string> errors;
  read_lost_character_marks("odd\t?\nreplacement\tab\n", "t.tsv", errors);
  CHECK(errors.size() == 2);
}

TEST_CASE("lost-characters-2 a mark where a character must have been is found") {
  // The values of issue #55, then those of the real files (Ishikawa's tourism,
  // public facilities and toilets), each with where its run of marks starts.
  const std::pair<std::string, std::string> lost[] = {
      {"11:00?13:30", "?"},
      {"Caff? maar", "?"},
      {"本町2?16?45", "?"},
      {"新井3丁目17?13", "?"},
      {"2ｰ1ｰ13??村ﾋﾞﾙ", "??"},
      {"石川県金沢市普正寺町3?135", "?"},
      {"休館日：12月29日?1月3日、他に1カ月に1回", "?"},
      {"白峰ツ?57乙", "?"},
      {"金沢東照宮　尾?神社", "?"},
      {"勝地が選定されています。?白山比?神社", "?"},
      {"、??利伽羅", "??"},
      {"山、?卯辰山公園", "?"},
      {"幅約1?、平均標高約20.0m", "?"},
      {"■野球場21,500?、夜間照明", "?"},
      {"成形品のサイズが15?以上の場合", "?"},
      {"500ｇ1,600円、1?3,200円", "?"},
      {"年々庵?大樋ギャラリー", "?"},
      {"発酵ひとすじの?澤醸造", "?"},
      {"危惧（きぐ）?類", "?"},
      {"Caf?s", "?"},
      {"?57", "?"},
      {"高橋\uFFFD子", "\uFFFD"},
      {"\uFFFD", "\uFFFD"},
      {"〓村", "〓"},
      {"9:00？17:00", "？"},
      {"本町2？16", "？"},
      {"営業中ですか?本町2?16", "?"},  // the question passed, the address's ? found
  };
  for (const auto& [value, mark] : lost) {
    INFO(value);
    const auto found = find_lost_character(value);
    REQUIRE(found);
    CHECK(value.substr(found->offset, found->length) == mark);
  }
  const auto twice = find_lost_character("13??村");
  REQUIRE(twice);
  CHECK(twice->count == 2);
}

TEST_CASE("lost-characters-3 a real question mark is no lost character") {
  for (std::string value : {
           "営業中ですか?",
           "営業中ですか？",
           "Q&A?",
           "Q&A? See the page",
           "https://example.jp/map?id=3",
           "http://www.hot-ishikawa.jp/spot/detail.jsp?id=85",
           "www.example.jp/?mode=office&x=1",
           "詳しくは map?id=3 を",
           "掘するのはいかがでしょう？飲食コーナーでは",
           "伝えてみてはいかがですか？「内灘町総合公園」",
           "作ってみませんか？",
           "こんなところに海水浴場が？と思うほど",
           "遮光ってどれくらい？」「照明によって",
           "インテリアにも形状記憶？」",
           "キャンバスとは？ＪＲ加賀温泉駅",
           "ですか?はい",
           "Why? Because it is.",
           "?",
           "??",
           "？",
           "",
           "本町2-16-45",
           "11:00～13:30",
           "what?",
           "(1)?",
       }) {
    INFO(value);
    CHECK(!find_lost_character(value));
  }
}
