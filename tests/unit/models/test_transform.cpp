// test_transform.cpp — the transform engine's parts on their own: the value
// fixer (validate's certain fixes, one after the other), the form
// conversions, and the mapping file's checks.
#include <fstream>

#include "models/engine/transform/column_mapping.hpp"
#include "models/engine/transform/form_conversions.hpp"
#include "models/engine/transform/value_fixer.hpp"
#include "validate_test_support.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

std::vector<std::string> convert(FormConversion& conversion, std::vector<std::string_view> in,
                                 bool expect_ok = true) {
  std::vector<std::string> out;
  ConversionDoubt doubt;
  const bool ok = conversion.convert(in, out, doubt);
  INFO("doubt: " << doubt.why);
  CHECK(ok == expect_ok);
  if (!ok) CHECK_FALSE(doubt.why.empty());
  return out;
}

}  // namespace

TEST_CASE("transform-1.1 the value fixer applies certain fixes until the value is clean") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  ValueFixer fixer(check_resources());
  const Model& person = shipped_model("gif:Person");
  std::vector<ValueFixer::Step> steps;
  std::vector<ValueFixer::Leftover> leftovers;
  // Half-width kana: one step, by the rule validate names.
  std::string kana = "ﾔﾏﾀﾞ";
  CHECK(fixer.fix(*person.find_field("familyNameKana"), kana, steps, leftovers));
  CHECK(kana == "ヤマダ");
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].rule == "fullwidth-kana");
  CHECK(steps[0].from == "ﾔﾏﾀﾞ");
  CHECK(leftovers.empty());
  // A clean value: nothing.
  std::string clean = "2024-04-18";
  CHECK_FALSE(fixer.fix(*person.find_field("dateOfBirth"), clean, steps, leftovers));
  CHECK(steps.empty());
  // No certain fix: left as it was, the problem left over for review.
  std::string date = "いつか";
  CHECK_FALSE(fixer.fix(*person.find_field("dateOfBirth"), date, steps, leftovers));
  CHECK(date == "いつか");
  REQUIRE(leftovers.size() == 1);
  CHECK(leftovers[0].code == "invalid-format");
  // A label for its code.
  std::string sex = "女性";
  CHECK(fixer.fix(*person.find_field("sex"), sex, steps, leftovers));
  CHECK(sex == "2");
}

TEST_CASE("transform-1.2 separator split only where the separator is there once") {
  auto split = make_separator_split(" ");
  CHECK(convert(*split, {"出路樽 太郎"}) == std::vector<std::string>{"出路樽", "太郎"});
  CHECK(convert(*split, {"出路樽\u3000太郎"}) == std::vector<std::string>{"出路樽", "太郎"});
  CHECK(convert(*split, {" 山田  "}, false).empty());                // no separator
  CHECK(convert(*split, {"Mary Ann Smith"}, false).empty());         // twice
  CHECK(convert(*split, {"山田 花\u3000子"}, false).empty());        // a half and a full one
  CHECK(convert(*split, {""}) == std::vector<std::string>{"", ""});  // empty stays empty
  auto join = make_separator_join(" ");
  CHECK(convert(*join, {"出路樽", "太郎"}) == std::vector<std::string>{"出路樽 太郎"});
  CHECK(convert(*join, {"出路樽", ""}) == std::vector<std::string>{"出路樽"});
}

TEST_CASE("transform-1.3 time ranges split into two hh:mm") {
  auto split = make_time_range_split();
  CHECK(convert(*split, {"13:00～17:00"}) == std::vector<std::string>{"13:00", "17:00"});
  CHECK(convert(*split, {"９:００〜１２:３０"}) == std::vector<std::string>{"09:00", "12:30"});
  CHECK(convert(*split, {"9:00-18:00"}) == std::vector<std::string>{"09:00", "18:00"});
  CHECK(convert(*split, {"9:00～"}, false).empty());
  CHECK(convert(*split, {"午前中"}, false).empty());
  CHECK(convert(*split, {"9:00～12:00～13:00"}, false).empty());
}

TEST_CASE("transform-1.4 the address parts join as the normalizer writes a line") {
  auto join = make_address_join(AddressInput::four_items);
  CHECK(convert(*join, {"東京都", "千代田区", "紀尾井町", "1-3", "紀尾井タワー19階"}) ==
        std::vector<std::string>{"東京都千代田区紀尾井町1-3 紀尾井タワー19階"});
  CHECK(convert(*join, {"東京都", "千代田区", "紀尾井町", "1-3", ""}) ==
        std::vector<std::string>{"東京都千代田区紀尾井町1-3"});
  auto three = make_address_join(AddressInput::three_items);
  CHECK(convert(*three, {"東京都", "千代田区", "紀尾井町1-3"}) ==
        std::vector<std::string>{"東京都千代田区紀尾井町1-3"});
}

TEST_CASE("transform-1.5 a mapping file is checked against its model") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Model& person = shipped_model("gif:Person");
  const std::string path = "/tmp/gifkit-test-mapping.json";
  auto load = [&](const std::string& text) {
    std::ofstream(path) << text;
    return load_mapping(path, person);
  };
  const ColumnMapping mapping = load(
      "{\"gifkitMapping\": 1, \"model\": \"gif:Person\", \"columns\": [\n"
      "  {\"header\": \"セイ\", \"item\": \"familyNameKana\"},\n"
      "  {\"header\": \"名前\", \"items\": [\"familyName\", \"givenName\"], \"split\": "
      "\"separator\"},\n"
      "  {\"header\": \"メモ\", \"item\": null}\n]}");
  REQUIRE(mapping.entries.size() == 3);
  CHECK(mapping.find("名前")->split == ColumnSplit::separator);
  CHECK(mapping.find("メモ")->items.empty());
  // Written and read back: the same choices.
  std::ofstream(path) << mapping_json(mapping);
  const ColumnMapping again = load_mapping(path, person);
  CHECK(mapping_json(again) == mapping_json(mapping));
  auto fails = [&](const std::string& text, const std::string& what) {
    try {
      load(text);
      FAIL("no error for " << text);
    } catch (const MappingError& error) {
      CHECK_THAT(error.message, Catch::Contains(what));
    }
  };
  fails("{\"gifkitMapping\": 1, \"columns\": [\n{\"header\": \"x\", \"item\": \"nope\"}]}", ":2:");
  fails("{\"gifkitMapping\": 1, \"columns\": [{\"header\": \"x\", \"item\": \"nope\"}]}",
        "nope is not an item of gif:Person");
  fails(
      "{\"gifkitMapping\": 1, \"columns\": [{\"header\": \"a\", \"item\": \"familyName\"}, "
      "{\"header\": \"b\", \"item\": \"familyName\"}]}",
      "two columns map to the item familyName");
  fails(
      "{\"gifkitMapping\": 1, \"columns\": [{\"header\": \"a\", \"items\": [\"familyName\"], "
      "\"split\": \"separator\"}]}",
      "exactly two items");
  fails("{\"columns\": []}", "not a gifkit mapping file");
  fails("{\"gifkitMapping\": 1, \"columns\": [", "not JSON");
  std::remove(path.c_str());
}
