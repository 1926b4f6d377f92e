// test_address_fields.cpp — the GIF form of an address's parts
// (address_fields.hpp): the DS-442 writer of 町字以下 with the examples of
// the Digital Agency's guidebook (../shared/data/gif/guides/442_*.txt).
// room: abr
#include <catch2/catch.hpp>

#include "registries/abr/address_fields.hpp"

using gifkit::registries::abr::AddressFields;
using gifkit::registries::abr::ds442_numbers;
using gifkit::registries::abr::ds442_town_and_block;

namespace {

AddressFields town(std::string oaza_cho, std::string chome, std::string koaza) {
  AddressFields fields;
  fields.oaza_cho = std::move(oaza_cho);
  fields.chome = std::move(chome);
  fields.koaza = std::move(koaza);
  return fields;
}

}  // namespace

TEST_CASE("fields-1.1 DS-442 町字以下: 丁目 and 番地以下 as half-width digits and hyphens") {
  // 例2) 東京都千代田区霞が関二丁目１番6号 → 霞が関2-1-6
  const AddressFields kasumigaseki = town("霞が関", "二丁目", "");
  CHECK(ds442_numbers(kasumigaseki, "2", "1-6") == "2-1-6");
  CHECK(ds442_town_and_block(kasumigaseki, "2", "1-6") == "霞が関2-1-6");
  // The ABR writes some 丁目 with a full-width digit: the number is its 丁目名_数字.
  CHECK(ds442_town_and_block(town("湯島", "２丁目", ""), "2", "24-14") == "湯島2-24-14");
  // No block: the 丁目's number alone.
  CHECK(ds442_numbers(kasumigaseki, "2", "") == "2");
}

TEST_CASE("fields-1.2 DS-442 町字以下: a 字 is kept up to the 字, a 町字 without 丁目 as it is") {
  // 例1) 福島県会津若松市大戸町大字高川甲1324 → 大戸町高川甲1324 (the ABR drops 大字)
  const AddressFields takakawa = town("大戸町", "", "高川甲");
  CHECK(ds442_numbers(takakawa, "", "1324") == "1324");
  CHECK(ds442_town_and_block(takakawa, "", "1324") == "大戸町高川甲1324");
  // A 丁目 with a 小字 after it: the 丁目 stays as written.
  CHECK(ds442_town_and_block(town("本町", "一丁目", "字東"), "1", "5") == "本町一丁目字東5");
  // 例4) a Kyoto street name is part of the 町字's name.
  CHECK(ds442_town_and_block(town("寺町通御池上る上本能寺前町", "", ""), "", "488") ==
        "寺町通御池上る上本能寺前町488");
}
