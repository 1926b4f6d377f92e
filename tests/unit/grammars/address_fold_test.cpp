// address_fold_test.cpp — the address folds: display fold (widths, dashes,
// ー between digits, spaces, postal code, brackets, half-width kana), key
// fold (variant kanji, ケ/ヶ/が, ノ/の, kanji 丁目), kanji numerals and the
// numbers of a 番地以下.
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/values/address_fold.hpp"
#include "grammars/values/address_numbers.hpp"

using namespace gifkit::grammars;

namespace {

AddressFoldTables sample_tables() {
  std::vector<std::string> errors;
  auto tables = parse_address_fold_tables(
      "# comment\nchar\t縣\t県\nchar\t區\t区\nchar\t﨑\t崎\nchar\tヶ\tケ\nchar\tが\tケ\n"
      "char\tの\tノ\nstreet_marker\t上る\n",
      errors);
  REQUIRE(errors.empty());
  return tables;
}

std::string display(std::string_view input) {
  FoldedAddress folded;
  fold_address_text(input, folded);
  return folded.text;
}

}  // namespace

TEST_CASE("address display fold: widths, dashes, spaces, half-width kana", "[address_fold]") {
  CHECK(display("東京都文京区白山１－２－３") == "東京都文京区白山1-2-3");
  CHECK(display("白山1‐2―3") == "白山1-2-3");
  CHECK(display("白山1ー2ｰ3") == "白山1-2-3");  // ー between digits is a hyphen
  CHECK(display("ローソン") == "ローソン");     // but not in words
  CHECK(display("  東京都　文京区\t白山  ") == "東京都 文京区 白山");
  CHECK(display("白山1-2-3 ｺｰﾎﾟﾊﾞｰﾄﾞ") == "白山1-2-3 コーポバード");
}

TEST_CASE("address display fold: postal code and brackets moved out", "[address_fold]") {
  FoldedAddress folded;
  fold_address_text("〒112-0001 東京都文京区白山1-2-3（ABCビル）", folded);
  CHECK(folded.text == "東京都文京区白山1-2-3");
  CHECK(folded.postal_code == "1120001");
  CHECK(folded.bracketed == "ABCビル");
  fold_address_text("112-0001 東京都文京区", folded);
  CHECK(folded.postal_code == "1120001");
  fold_address_text("1120001東京都", folded);  // no 〒, no hyphen: not a postal code
  CHECK(folded.postal_code.empty());
}

TEST_CASE("address key fold: variants, ケ and ノ, kanji 丁目", "[address_fold]") {
  auto tables = sample_tables();
  CHECK(address_name_key("和歌山縣", tables) == "和歌山県");
  CHECK(address_name_key("神ヶ谷", tables) == address_name_key("神が谷", tables));
  CHECK(address_name_key("紀の川市", tables) == "紀ノ川市");
  CHECK(address_name_key("白山三丁目", tables) == "白山3丁目");
  CHECK(address_name_key("白山十二丁目", tables) == "白山12丁目");
  CHECK(address_name_key("白山 １丁目", tables) == "白山1丁目");
  CHECK(address_name_key("三田", tables) == "三田");  // a numeral in a name stays
  // A name ending in a numeral before its 丁目: the 丁目's number is the end
  // of the run that reads positionally, whatever digits the 丁目 is written in.
  CHECK(address_name_key("箕六一丁目", tables) == "箕六1丁目");
  CHECK(address_name_key("箕六１丁目", tables) == "箕六1丁目");
  CHECK(address_name_key("箕六十二丁目", tables) == "箕62丁目");  // 六十二 reads positionally
  CHECK(address_name_key("十六一丁目", tables) == "十六1丁目");
  CHECK(address_name_key("白山六十一丁目", tables) == "白山61丁目");
  CHECK(address_name_key("白山一〇丁目", tables) == "白山10丁目");  // digit by digit, 〇
  CHECK(address_name_key("白山百五丁目", tables) == "白山105丁目");
  CHECK(address_name_key("羽六二番丁", tables) == "羽六2番丁");
  REQUIRE(tables.street_markers.size() == 1);
  AddressKey key;
  make_address_key("文京区 白山", tables, key);
  CHECK(key.key == "文京区白山");
  CHECK(key.offsets.size() == key.key.size() + 1);
  CHECK(key.offsets[9] == 10);  // 白 is after the space
}

TEST_CASE("address key fold: a long run of numerals folds as its end does, in linear time",
          "[address_fold]") {
  // Issue #56: a run of thousands of kanji numerals before 丁目 was folded in
  // cubic time (each numeral re-read the run and tried every end of it). The
  // number is the run's end; the rest of the run is kept as written.
  auto tables = sample_tables();
  std::string run;
  for (int i = 0; i < 100000; ++i) run += "一";
  const std::string key = address_name_key("白山" + run + "丁目", tables);
  CHECK(key == "白山" + run.substr(0, run.size() - 3) + "1丁目");
  std::string long_tail;
  for (int i = 0; i < 30000; ++i) long_tail += "六";
  CHECK(address_name_key("箕" + long_tail + "十二丁目", tables) ==
        "箕" + long_tail.substr(0, long_tail.size() - 3) + "62丁目");
  std::string zeros;
  for (int i = 0; i < 30000; ++i) zeros += "〇";
  const std::string folded = address_name_key("白山" + zeros + "一〇丁目", tables);
  CHECK(folded.starts_with("白山〇〇"));
  CHECK(folded.ends_with("〇10丁目"));  // read digit by digit within the run's end
}

TEST_CASE("address fold tables: malformed lines are reported", "[address_fold]") {
  std::vector<std::string> errors;
  parse_address_fold_tables("char\t縣県\t県\nfoo\tbar\n", errors);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].starts_with("line 1:"));
}

TEST_CASE("kanji numerals", "[address_fold]") {
  CHECK(parse_number_text("二十三") == 23);
  CHECK(parse_number_text("二〇二") == 202);
  CHECK(parse_number_text("百五") == 105);
  CHECK(parse_number_text("千二百") == 1200);
  CHECK(parse_number_text("十") == 10);
  CHECK(parse_number_text("116") == 116);
  CHECK(parse_number_text("壱") == 1);
  CHECK(parse_number_text("") == -1);
  CHECK(parse_number_text("1234567") == -1);
  CHECK(parse_number_text("三田") == -1);
  CHECK(parse_number_text("千99999999999999999999") == -1);  // no overflow (fuzz)
}

TEST_CASE("numbers of a 番地以下", "[address_fold]") {
  auto numbers = parse_address_numbers("1丁目2番3号");
  REQUIRE(numbers.count == 3);
  CHECK(numbers.numbers[0].mark == NumberMark::chome);
  CHECK(numbers.numbers[2].value == 3);
  numbers = parse_address_numbers("116番地の10");
  REQUIRE(numbers.count == 2);
  CHECK(numbers.numbers[0].value == 116);
  CHECK(numbers.numbers[1].value == 10);
  numbers = parse_address_numbers("二〇二番地");
  REQUIRE(numbers.count == 1);
  CHECK(numbers.numbers[0].value == 202);
  numbers = parse_address_numbers("1-2-3ABCビル");
  REQUIRE(numbers.count == 3);
  CHECK(numbers.numbers[2].end == 5);
  numbers = parse_address_numbers("5- ビル");
  REQUIRE(numbers.count == 1);
  CHECK(numbers.numbers[0].end == 1);  // the hyphen is not consumed
  CHECK(parse_address_numbers("ビル").count == 0);
}

TEST_CASE("address fold tables: dropped characters", "[address_fold]") {
  std::vector<std::string> errors;
  auto tables = parse_address_fold_tables("char\tの\tノ\ndrop\tノ\n", errors);
  REQUIRE(errors.empty());
  CHECK(address_name_key("鷺ノ森", tables) == address_name_key("鷺森", tables));
  CHECK(address_name_key("鷺の森", tables) == "鷺森");
}

TEST_CASE("address fold tables: words before the city", "[address_fold]") {
  std::vector<std::string> errors;
  auto tables = parse_address_fold_tables("before_city\t島\nbefore_city\t支庁\n", errors);
  REQUIRE(errors.empty());
  CHECK(tables.before_city_suffixes == std::vector<std::string>{"島", "支庁"});
}
