// test_address_self.cpp — an address compared with its own parts as text
// (checks/address_self.hpp), and the width of an address line's numbers
// (value_checks' is_address_line, address_numbers_halfwidth): the real
// patterns of issue #55 (ishikawa's evacuation list, 那覇市 and 豊見城市).
// room: checks
#include <catch2/catch.hpp>

#include "models/engine/checks/address_self.hpp"
#include "models/engine/checks/value_checks.hpp"

using namespace gifkit::models;

namespace {

AddressPart part_of(std::string_view connected, AddressParts parts) {
  return compare_address_parts(connected, parts).part;
}

}  // namespace

TEST_CASE("address-self-1.1 what the fold reads alike agrees") {
  // ishikawa's own rows: no prefecture, full-width digits, 番/号 marks.
  CHECK(part_of("金沢市野町３丁目11番１号", {"石川県", "金沢市", "野町3丁目", "11番1号", ""}) ==
        AddressPart::none);
  CHECK(part_of("静岡県焼津市本町二丁目16番32号", {"静岡県", "焼津市", "本町2丁目", "16-32",
                                                  "市役所本館"}) == AddressPart::none);
  CHECK(part_of("石川県七尾市後畠町後山４－５", {"石川県", "七尾市", "後畠町後山", "４ー５", ""}) ==
        AddressPart::none);
  CHECK(part_of("長崎町4-116-1", {"石川県", "小松市", "長崎町４", "１１６ー１", ""}) ==
        AddressPart::none);
  CHECK(part_of("石川県能登町字九里川尻16字20番地", {"石川県", "能登町", "九里川尻", "16-20", ""}) ==
        AddressPart::none);
  CHECK(part_of("鹿児島県熊毛郡屋久島町安房1", {"鹿児島県", "屋久島町", "安房", "1", ""}) ==
        AddressPart::none);
  // Written from its 町字 on: short of the city, not contradicting it.
  const AddressDisagreement short_of_city =
      compare_address_parts("丸の内公園町19", {"石川県", "小松市", "丸の内公園町", "19", ""});
  CHECK(short_of_city.part == AddressPart::none);
  CHECK(short_of_city.without_city);
}

TEST_CASE("address-self-1.2 each contradiction names its part") {
  const AddressParts ekikita{"静岡県", "焼津市", "駅北", "2-11", ""};
  const AddressDisagreement chome = compare_address_parts("静岡県焼津市駅北5丁目2-11", ekikita);
  CHECK(chome.part == AddressPart::chome);
  CHECK(chome.written == "5丁目");
  CHECK(part_of("静岡県焼津市駅北2-11", {"静岡県", "焼津市", "駅北5丁目", "2-11", ""}) ==
        AddressPart::chome);
  const AddressDisagreement block =
      compare_address_parts("静岡県焼津市田尻1535-1", {"静岡県", "焼津市", "田尻", "1535-2", ""});
  CHECK(block.part == AddressPart::block);
  CHECK(block.written == "1535-1");
  const AddressDisagreement building = compare_address_parts(
      "静岡県焼津市本町2-16-32 市役所本館", {"静岡県", "焼津市", "本町", "2-16-32", ""});
  CHECK(building.part == AddressPart::building);
  CHECK(building.written == "市役所本館");
  CHECK(part_of("静岡県焼津市田尻1535地先", {"静岡県", "焼津市", "田尻", "1535", ""}) ==
        AddressPart::frontage);
  CHECK(part_of("静岡県焼津市田尻1535番地の一部他", {"静岡県", "焼津市", "田尻", "1535番地", ""}) ==
        AddressPart::partial);
  const AddressDisagreement city =
      compare_address_parts("沖縄県豊見城市翁長854-1", {"沖縄県", "那覇市", "翁長", "854-1", ""});
  CHECK(city.part == AddressPart::city);
  CHECK(city.written == "豊見城市");
  CHECK(part_of("富山県富山市新総曲輪1-7", {"石川県", "富山市", "新総曲輪", "1-7", ""}) ==
        AddressPart::prefecture);
  CHECK(part_of("金沢市広坂２丁目", {"石川県", "金沢市", "広阪2丁目", "", ""}) == AddressPart::town);
  // Nothing to compare: no city, or neither 町字 nor 番地以下.
  CHECK(part_of("沖縄県豊見城市翁長854-1", {"沖縄県", "", "翁長", "854-1", ""}) ==
        AddressPart::none);
  CHECK(part_of("沖縄県豊見城市翁長854-1", {"沖縄県", "那覇市", "", "", ""}) == AddressPart::none);
}

TEST_CASE("address-self-1.3 prefectures and cities by their form") {
  std::string_view rest;
  CHECK(prefecture_written("金沢市野町3丁目", "石川県", rest) == PrefectureWritten::none);
  CHECK(prefecture_written("石川県金沢市", "石川県", rest) == PrefectureWritten::own);
  CHECK(rest == "金沢市");
  CHECK(prefecture_written("神奈川県横浜市", "石川県", rest) == PrefectureWritten::other);
  CHECK(prefecture_written("京都市中京区", "京都府", rest) == PrefectureWritten::none);
  CHECK(prefecture_written("石川県", "", rest) == PrefectureWritten::own);
  CHECK(rest.empty());
  CHECK(address_starts_with_city("札幌市中央区北1条西2丁目", "札幌市"));
  CHECK(!address_starts_with_city("札幌市北区北8条西5丁目", "札幌市中央区"));
  CHECK(address_starts_with_city("熊毛郡屋久島町安房", "屋久島町"));
  CHECK(address_starts_with_city("屋久島町安房", "熊毛郡屋久島町"));
  CHECK(!address_starts_with_city("豊見城市翁長854-1", "那覇市"));
  CHECK(city_written("豊見城市翁長854-1") == "豊見城市");
}

TEST_CASE("address-self-1.4 an address line's numbers in half-width") {
  CHECK(address_numbers_halfwidth("１丁目１－３８") == "1丁目1-38");
  CHECK(address_numbers_halfwidth("田尻１５１５") == "田尻1515");
  CHECK(address_numbers_halfwidth("４ー５") == "4-5");
  CHECK(address_numbers_halfwidth("センター２号館") == "センター2号館");  // ー after kana stays
  CHECK(address_numbers_halfwidth("野町三丁目") == "野町三丁目");          // kanji as written
  FieldSpec full;
  full.id = "fullAddress";
  CHECK(is_address_line(full));
  full.id = "name";
  CHECK(!is_address_line(full));
  FieldSpec town;
  town.id = "streetAddress";
  std::vector<Finding> findings;
  check_value(town, "泉本町６丁目", {}, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "wrong-width");
  CHECK(findings[0].suggestion == "泉本町6丁目");
  // Half-width katakana and full-width digits: one finding, one fix for both.
  findings.clear();
  FieldSpec line;
  line.id = "fullAddress";
  check_value(line, "山代温泉桔梗ｹ丘３丁目４７－２", {}, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].suggestion == "山代温泉桔梗ケ丘3丁目47-2");
}

TEST_CASE("address-self-1.5 a code's city against the city an address names") {
  auto other = [](std::string_view address, std::string prefecture, std::string county,
                  std::string city, std::string ward = "") {
    return address_names_another_city(address, RegisteredArea{prefecture, county, city, ward});
  };
  // 那覇市 (472018) and an address in 豊見城市: another city of the table.
  CHECK(other("沖縄県豊見城市翁長854-1", "沖縄県", "", "那覇市"));
  CHECK(other("豊見城市翁長854-1", "沖縄県", "", "那覇市"));
  CHECK_FALSE(other("沖縄県那覇市泉崎1-1-1", "沖縄県", "", "那覇市"));
  // 郡 written on one side only.
  CHECK_FALSE(other("鹿児島県屋久島町宮之浦2479", "鹿児島県", "熊毛郡", "屋久島町"));
  CHECK_FALSE(other("鹿児島県熊毛郡屋久島町宮之浦2479", "鹿児島県", "", "屋久島町"));
  // A 政令市's code and an address in a ward; a ward's code and its city without a ward.
  CHECK_FALSE(other("北海道札幌市中央区北1条西2丁目", "北海道", "", "札幌市"));
  CHECK_FALSE(other("北海道札幌市北1条西2丁目", "北海道", "", "札幌市", "中央区"));
  CHECK_FALSE(other("中央区北1条西2丁目", "北海道", "", "札幌市", "中央区"));
  CHECK(other("北海道札幌市北区北6条西4丁目", "北海道", "", "札幌市", "中央区"));
  // A row's 市区町村 with its ward in it, or the ward alone.
  CHECK_FALSE(other("北海道札幌市中央区北1条西2丁目", "北海道", "", "中央区"));
  CHECK_FALSE(other("北海道札幌市中央区北1条西2丁目", "北海道", "", "札幌市中央区"));
  CHECK(other("北海道札幌市北区北6条西4丁目", "北海道", "", "札幌市中央区"));
  // 市 and 町: 府中町 is not 府中市; 府中市 of 東京都 is not of 広島県.
  CHECK(other("広島県府中市府川町315", "広島県", "安芸郡", "府中町"));
  CHECK_FALSE(other("広島県府中市府川町315", "広島県", "", "府中市"));
  CHECK(other("広島県府中市府川町315", "東京都", "", "府中市"));
  // Written from its 町字 on, or a city the table does not know: no contradiction.
  CHECK_FALSE(other("丸の内公園町19", "石川県", "", "小松市"));
  CHECK_FALSE(other("沖縄県那覇泉崎1-1-1", "沖縄県", "", "那覇市"));
  // No prefecture on either side: none to tell the city by.
  CHECK_FALSE(other("豊見城市翁長854-1", "", "", "那覇市"));
  CHECK(other("沖縄県豊見城市翁長854-1", "", "", "那覇市"));
  // A prefecture's own code (no city) never.
  CHECK_FALSE(other("沖縄県豊見城市翁長854-1", "沖縄県", "", ""));
}
