// test_transform.cpp — the transform engine's parts on their own: the value
// fixer (validate's certain fixes, one after the other), the form
// conversions, and the mapping file's checks.
// room: transform
#include <filesystem>
#include <fstream>
#include <functional>

#include "models/engine/dataset/code_table.hpp"
#include "models/engine/dataset/column_mapping.hpp"
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
  std::ofstream(path) << mapping_json(mapping, path);
  const ColumnMapping again = load_mapping(path, person);
  CHECK(mapping_json(again, path) == mapping_json(mapping, path));
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

TEST_CASE("transform-1.5b validate --mapping: apply_mapping binds the columns it lists") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Model& person = shipped_model("gif:Person");
  const std::string path = "/tmp/gifkit-test-apply-mapping.json";
  std::ofstream(path) << "{\"gifkitMapping\": 1, \"model\": \"gif:Person\", \"columns\": [\n"
                         "  {\"header\": \"kanji\", \"item\": \"fullName\"},\n"
                         "  {\"header\": \"memo\", \"item\": null},\n"
                         "  {\"header\": \"名前\", \"items\": [\"familyName\", \"givenName\"], "
                         "\"split\": \"separator\"}\n]}";
  std::string named;  // the model the file names, as load_mapping hands it to its resolver
  const ColumnMapping mapping = load_mapping(path, [&](const std::string& id) -> const Model& {
    named = id;
    return person;
  });
  CHECK(named == "gif:Person");
  CHECK(mapping.model == "gif:Person");
  const std::vector<std::string> headers = {"kanji", "memo", "名前", "生年月日", "登録日"};
  ModelChoice choice = choose_model(shipped_catalog(), &person, headers);
  apply_mapping(mapping, headers, "people.csv", choice);
  REQUIRE(choice.columns[0].field != nullptr);
  CHECK(choice.columns[0].field->path == "fullName");
  CHECK(choice.columns[0].match == HeaderMatch::mapped);
  CHECK(choice.columns[1].field == nullptr);  // null: no item, said so
  CHECK(choice.columns[2].field == nullptr);  // split: transform's work, not checked here
  CHECK(choice.columns[3].match == HeaderMatch::exact);  // not listed: by its header
  CHECK(choice.recognised == 2);                         // 氏名 and 生年月日
  REQUIRE(choice.mapped.size() == 3);
  CHECK(choice.mapped.at(0).values.at("entry") == "2");
  CHECK(choice.mapped.at(0).suggestion == "氏名");
  CHECK_THAT(choice.mapped.at(2).values.at("note"), Catch::Contains("not checked"));
  // The findings replace how the header matched: no unknown-column for memo.
  const HeaderBinding binding = bind_header(choice, headers, false);
  int mapped = 0, unknown = 0;
  for (const HeaderFinding& finding : binding.findings) {
    mapped += finding.code == "mapped-column";
    unknown += finding.code == "unknown-column";
  }
  CHECK(mapped == 3);
  CHECK(unknown == 1);  // 登録日
  // A header the file lacks: FILE:LINE and the file's columns.
  ModelChoice other = choose_model(shipped_catalog(), &person, {"kanji", "memo"});
  try {
    apply_mapping(mapping, {"kanji", "memo"}, "people.csv", other);
    FAIL("no error for a missing column");
  } catch (const MappingError& error) {
    CHECK(error.message ==
          path + ":4: 名前 is not a column of people.csv (its columns: kanji, memo)");
  }
  std::remove(path.c_str());
}

namespace {

std::string code_table_error(const std::function<void()>& load) {
  try {
    load();
  } catch (const CodeTableError& error) {
    return error.message;
  }
  return "no error";
}

}  // namespace

TEST_CASE("transform-1.6 a code table: codes in either width, a conflict named at its lines") {
  const TempDir folder;
  const std::string file = folder.write("lab.csv",
                                        "院内コード,標準コード\r\n"
                                        "A0123,J00-0001\r\n"
                                        "B0456, J00-0002 \r\n"
                                        "\r\n"
                                        "C0789,\r\n"
                                        "A0123,J00-0001\r\n");
  const CodeTable table = CodeTable::from_file(file, {});
  CHECK(table.size() == 3);
  CHECK(table.name() == "lab.csv");
  REQUIRE(table.find("A0123") != nullptr);
  CHECK(*table.find("A0123") == "J00-0001");
  CHECK(*table.find("Ａ０１２３") == "J00-0001");  // full-width, as typed in a spreadsheet
  CHECK(*table.find(" A0123 ") == "J00-0001");
  CHECK(*table.find("B0456") == "J00-0002");  // spaces around the standard code trimmed
  CHECK(table.find("a0123") == nullptr);      // case is kept
  CHECK(table.find("Z9999") == nullptr);
  CHECK(*table.find("C0789") == "");  // listed without a standard code
  CHECK(table.gives("J00-0001"));
  CHECK(table.gives("Ｊ００－０００１"));
  CHECK_FALSE(table.gives("A0123"));
  // Columns named by their headers, anywhere in the row.
  const std::string named = folder.write("named.tsv",
                                         "名称\tJLAC10\t院内コード\n"
                                         "血糖\t3D010\tG001\n");
  CHECK(*CodeTable::from_file(named, {"院内コード", "JLAC10"}).find("G001") == "3D010");
  // Failures: where, and what.
  CHECK(code_table_error([&] {
          CodeTable::from_file(folder.write("twice.csv", "a,b\nA1,X\nB1,Y\nＡ1,Z\n"), {});
        }) == folder.path().string() +
                  "/twice.csv:4: Ａ1 is listed twice with two standard codes "
                  "(X at " +
                  folder.path().string() + "/twice.csv:2, Z here)");
  CHECK_THAT(code_table_error([&] {
               CodeTable::from_file(named, {"院内コード", "JLAC11"});
             }),
             Catch::Contains("named.tsv:1: no column JLAC11"));
  CHECK_THAT(
      code_table_error([&] { CodeTable::from_file(folder.write("one.csv", "codes\nA1\n"), {}); }),
      Catch::Contains("one.csv:1: a code table has two columns"));
  CHECK_THAT(code_table_error(
                 [&] { CodeTable::from_file(folder.write("short.csv", "a,b\nA1,X\nB1\n"), {}); }),
             Catch::Contains("short.csv:3: the row has 1 fields"));
  CHECK_THAT(
      code_table_error([&] { CodeTable::from_file(folder.write("nocode.csv", "a,b\n,X\n"), {}); }),
      Catch::Contains("nocode.csv:2: a row without a code"));
  CHECK_THAT(code_table_error([&] { CodeTable::from_file(folder.write("empty.csv", ""), {}); }),
             Catch::Contains("empty.csv: empty"));
  CHECK_THAT(code_table_error([&] { CodeTable::from_file(folder.path() / "missing.csv", {}); }),
             Catch::Contains("missing.csv: cannot open"));
  CHECK_THAT(
      code_table_error([&] { CodeTable::from_file(folder.write("bad.csv", "a,b\nA1,\"X\n"), {}); }),
      Catch::Contains("bad.csv:2:"));
  CHECK_THAT(code_table_error([&] {
               CodeTable::from_pairs({{"M", "1"}, {"Ｍ", "2"}}, "m.json");
             }),
             Catch::Contains("m.json: Ｍ is listed twice"));
}

TEST_CASE("transform-1.7 a mapping's code tables: a file beside the mapping, or written in it") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Model& person = shipped_model("gif:Person");
  const TempDir folder;
  std::filesystem::create_directories(folder.path() / "tables");
  folder.write("tables/sex.csv", "local,standard\nM,1\nF,2\n");
  const std::string path =
      folder.write("mapping.json",
                   "{\"gifkitMapping\": 1, \"columns\": [\n"
                   "  {\"header\": \"性別コード\", \"item\": null, \"codes\": {\"to\": \"sex\", "
                   "\"table\": \"tables/sex.csv\"}},\n"
                   "  {\"header\": \"国\", \"item\": \"nationality\", \"codes\": {\"table\": "
                   "{\"日本\": \"JPN\", \"米国\": \"USA\"}}}\n]}");
  const ColumnMapping mapping = load_mapping(path, person);
  const MappingEntry& sex = *mapping.find("性別コード");
  REQUIRE(sex.codes);
  CHECK(sex.codes->to == "sex");
  CHECK_FALSE(sex.codes_in_place());
  CHECK(*sex.codes->table->find("F") == "2");
  const MappingEntry& country = *mapping.find("国");
  REQUIRE(country.codes);
  CHECK(country.codes->to == "nationality");  // "to" defaults to the column's own item
  CHECK(country.codes_in_place());
  CHECK(*country.codes->table->find("米国") == "USA");
  // Saved elsewhere: the table's file named from the new place; read back the same.
  std::filesystem::create_directories(folder.path() / "saved");
  const std::string saved = (folder.path() / "saved" / "again.json").string();
  const std::string text = mapping_json(mapping, saved);
  CHECK_THAT(text, Catch::Contains("\"table\":\"../tables/sex.csv\""));
  CHECK_THAT(text, Catch::Contains("\"table\":{\"日本\":\"JPN\",\"米国\":\"USA\"}"));
  std::ofstream(saved) << text;
  CHECK(mapping_json(load_mapping(saved, person), saved) == text);

  auto fails = [&](const std::string& columns, const std::string& what) {
    folder.write("bad.json", "{\"gifkitMapping\": 1, \"columns\": [\n" + columns + "]}");
    try {
      load_mapping(folder.path() / "bad.json", person);
      FAIL("no error for " << columns);
    } catch (const MappingError& error) {
      CHECK_THAT(error.message, Catch::Contains(what));
    }
  };
  fails("{\"header\": \"x\", \"item\": null, \"codes\": {\"to\": \"nope\", \"table\": {}}}",
        "x: codes: nope is not an item of gif:Person");
  fails("{\"header\": \"x\", \"item\": null, \"codes\": {\"table\": {}}}", "\"to\" names the item");
  fails("{\"header\": \"x\", \"item\": null, \"codes\": {\"to\": \"sex\"}}",
        "\"table\" is a file or an object");
  fails(
      "{\"header\": \"x\", \"item\": null, \"codes\": {\"to\": \"sex\", \"table\": "
      "\"tables/none.csv\"}}",
      "x: codes: " + (folder.path() / "tables/none.csv").string() + ": cannot open");
  fails(
      "{\"header\": \"x\", \"item\": null, \"codes\": {\"to\": \"sex\", \"table\": {}, "
      "\"from\": 1}}",
      "unknown member \"from\"");
  fails(
      "{\"header\": \"a\", \"item\": null, \"codes\": {\"to\": \"sex\", \"table\": {}}},\n"
      "{\"header\": \"b\", \"item\": null, \"codes\": {\"to\": \"sex\", \"table\": {}}}",
      "two code tables write the item sex: a and b");
  fails(
      "{\"header\": \"x\", \"items\": [\"familyName\", \"givenName\"], \"split\": "
      "\"separator\", \"codes\": {\"to\": \"sex\", \"table\": {}}}",
      "a column that is split has no code table");
  fails(
      "{\"header\": \"x\", \"item\": null, \"codes\": {\"to\": \"sex\", \"table\": "
      "{\"M\": \"1\", \"Ｍ\": \"2\"}}}",
      "Ｍ is listed twice");
}

// Seen while writing fuzz/fuzz_mapping and reproduced through it (its crash_*
// inputs): a "split" that is not a string threw
// nlohmann::json::type_error, and a number past a double's range
// nlohmann::json::out_of_range, out of load_mapping instead of a MappingError.
TEST_CASE("transform-1.8 a split that is not a string, a number JSON cannot hold: MappingError") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Model& person = shipped_model("gif:Person");
  const TempDir folder;
  auto error_of = [&](const std::string& text) -> std::string {
    const std::string path = folder.write("m.json", text);
    try {
      load_mapping(path, person);
    } catch (const MappingError& error) {
      return error.message;
    }
    return "no error";
  };
  const std::string split = error_of(
      "{\"gifkitMapping\": 1, \"columns\": [\n"
      "  {\"header\": \"a\", \"item\": \"familyName\", \"split\": 5}]}");
  CHECK_THAT(split, Catch::Contains("m.json:2:") &&
                        Catch::Contains("a: \"split\" is \"separator\" or \"time-range\""));
  const std::string overflow =
      error_of("{\"gifkitMapping\": 1,\n \"note\": 1e999, \"columns\": []}");
  CHECK_THAT(overflow, Catch::Contains("m.json:2:10: not JSON") && Catch::Contains("1e999"));
}

TEST_CASE("transform-1.9 the value fixer's memo answers a repeat as the checks do") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  ValueFixer remembering(check_resources());
  ValueFixer checking(check_resources(), 0);  // no memo
  const Model& person = shipped_model("gif:Person");
  const FieldSpec& kana = *person.find_field("familyNameKana");
  const FieldSpec& born = *person.find_field("dateOfBirth");
  std::vector<ValueFixer::Step> steps, expected_steps;
  std::vector<ValueFixer::Leftover> leftovers, expected_leftovers;
  // Each value three times (remembered at its second sight, recalled at its
  // third), interleaved, in two items: the same value, steps and leftovers.
  for (int round = 0; round < 3; ++round) {
    for (auto [field, text] : {std::pair{&kana, "ﾔﾏﾀﾞ"}, std::pair{&born, "いつか"},
                               std::pair{&born, "2024-04-18"}, std::pair{&kana, "やまだ"},
                               std::pair{&born, "令和6年4月18日"}, std::pair{&kana, "ﾔﾏﾀﾞ"}}) {
      INFO(text << " round " << round);
      std::string value = text, expected = text;
      const bool changed = remembering.fix(*field, value, steps, leftovers);
      CHECK(changed == checking.fix(*field, expected, expected_steps, expected_leftovers));
      CHECK(value == expected);
      REQUIRE(steps.size() == expected_steps.size());
      for (std::size_t i = 0; i < steps.size(); ++i) {
        CHECK(steps[i].from == expected_steps[i].from);
        CHECK(steps[i].to == expected_steps[i].to);
        CHECK(steps[i].rule == expected_steps[i].rule);
      }
      REQUIRE(leftovers.size() == expected_leftovers.size());
      for (std::size_t i = 0; i < leftovers.size(); ++i) {
        CHECK(leftovers[i].code == expected_leftovers[i].code);
        CHECK(leftovers[i].reason == expected_leftovers[i].reason);
        CHECK(leftovers[i].suggestion == expected_leftovers[i].suggestion);
        CHECK(leftovers[i].fix_rule == expected_leftovers[i].fix_rule);
        CHECK(leftovers[i].severity == expected_leftovers[i].severity);
      }
    }
  }
  // Asked ahead (prefetch, its hash given to fix) and counting the steps
  // only (keep_step_texts(false)): the same values, steps and leftovers; a
  // recalled value's steps without their texts.
  ValueFixer counting(check_resources());
  counting.keep_step_texts(false);
  for (int round = 0; round < 3; ++round) {
    for (auto [field, text] : {std::pair{&kana, "ﾔﾏﾀﾞ"}, std::pair{&born, "いつか"},
                               std::pair{&born, "令和6年4月18日"}, std::pair{&kana, "やまだ"}}) {
      INFO(text << " round " << round << ", counting");
      std::string value = text, expected = text;
      const std::uint64_t hash = counting.prefetch(*field, value);
      CHECK(hash != 0);  // both items ask the memo: their values repeat in the first rounds
      counting.prefetch_entries({hash});
      const bool changed = counting.fix(*field, value, steps, leftovers, hash);
      CHECK(changed == checking.fix(*field, expected, expected_steps, expected_leftovers));
      CHECK(value == expected);
      REQUIRE(steps.size() == expected_steps.size());
      // Texts where the checks make a step or where it is remembered (round
      // 1); none where the memo replays it (round 2) nor where the value
      // plan's fix is only counted (round 0 of the date the plan fixes).
      const bool plan_fixed = std::string_view(text) == "令和6年4月18日";
      for (const ValueFixer::Step& step : steps)
        CHECK(!step.rule.empty() == (round == 1 || (round == 0 && !plan_fixed)));
      REQUIRE(leftovers.size() == expected_leftovers.size());
      for (std::size_t i = 0; i < leftovers.size(); ++i)
        CHECK(leftovers[i].reason == expected_leftovers[i].reason);
    }
  }
  CHECK(counting.prefetch(kana, "") == 0);
  // The same text in another item is that item's: not the other's outcome.
  std::string as_kana = "いつか", as_date = "いつか";
  remembering.fix(kana, as_kana, steps, leftovers);
  std::vector<ValueFixer::Leftover> date_leftovers;
  remembering.fix(born, as_date, steps, date_leftovers);
  REQUIRE(date_leftovers.size() == 1);
  CHECK(date_leftovers[0].code == "invalid-format");
}

TEST_CASE(
    "transform-1.10 a remembered value without leftovers as a view; leftovers without texts") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  ValueFixer checking(check_resources(), 0);  // no memo
  ValueFixer counting(check_resources());
  counting.keep_step_texts(false);
  counting.keep_leftover_texts(false);
  const Model& person = shipped_model("gif:Person");
  const FieldSpec& kana = *person.find_field("familyNameKana");
  const FieldSpec& born = *person.find_field("dateOfBirth");
  std::vector<ValueFixer::Step> steps, expected_steps;
  std::vector<ValueFixer::Leftover> leftovers, expected_leftovers;
  int views = 0;
  for (int round = 0; round < 4; ++round) {
    for (auto [field, text] :
         {std::pair{&kana, "ﾔﾏﾀﾞ"}, std::pair{&born, "いつか"}, std::pair{&born, "令和6年4月18日"},
          std::pair{&kana, "やまだ"}, std::pair{&born, "2024-04-18"}}) {
      INFO(text << " round " << round);
      std::string expected = text;
      const bool changed = checking.fix(*field, expected, expected_steps, expected_leftovers);
      const std::uint64_t hash = counting.prefetch(*field, text);
      std::string_view fixed;
      std::size_t count = 99;
      if (counting.recall_clean(*field, text, hash, fixed, count)) {
        // Only a value the memo holds (seen twice before) with no leftover.
        CHECK(round >= 2);
        CHECK(expected_leftovers.empty());
        CHECK(fixed == expected);
        CHECK(count == expected_steps.size());
        CHECK(changed == (count > 0));
        ++views;
        continue;
      }
      CHECK(count == 99);  // nothing given
      CHECK((round < 2 || !expected_leftovers.empty() || hash == ValueFixer::kAccepted));
      std::string value = text;
      CHECK(counting.fix(*field, value, steps, leftovers, hash) == changed);
      CHECK(value == expected);
      CHECK(steps.size() == expected_steps.size());
      REQUIRE(leftovers.size() == expected_leftovers.size());
      for (std::size_t i = 0; i < leftovers.size(); ++i) {
        CHECK(leftovers[i].fix_rule == expected_leftovers[i].fix_rule);
        CHECK(leftovers[i].severity == expected_leftovers[i].severity);
        // A recalled leftover's texts are not given (the first two rounds check).
        if (round >= 2) CHECK(leftovers[i].reason.empty());
        if (round < 2) CHECK(leftovers[i].reason == expected_leftovers[i].reason);
      }
    }
  }
  CHECK(views == 6);  // ﾔﾏﾀﾞ, 令和6年4月18日, やまだ in rounds 2 and 3 (いつか has a leftover)
  std::string_view fixed;
  std::size_t count = 0;
  CHECK_FALSE(counting.recall_clean(kana, "", 0, fixed, count));
  CHECK_FALSE(counting.recall_clean(kana, "ﾔﾏﾀﾞ", ValueFixer::kAccepted, fixed, count));
}
