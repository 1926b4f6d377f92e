// address_fields.hpp — an address as the Address Base Registry names its
// parts (the field names of the Digital Agency's geocoder: lg_code,
// machiaza_id, pref … prc_num3), its GIF form (DS-442: 全国地方公共団体コード,
// 町字ID, 都道府県, 市区町村, 町字, 番地以下, 建物名等), and the one function that
// makes the GIF form and the address line from the parts. Shared by the
// normalizer (address_matcher.hpp) and reverse geocoding
// (address_reverse.hpp), so that a normalized and a reversed address are
// written the same way.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::registries::abr {

// The parts of an address, "" where a part is absent or unknown.
struct AddressFields {
  std::string lg_code, machiaza_id, pref, county, city, ward, oaza_cho, chome, koaza;
  std::string blk_num, rsdt_num, rsdt_num2, prc_num1, prc_num2, prc_num3;
};

// The GIF form (DS-442) of an address.
struct GifAddress {
  std::string localGovernmentCode;
  std::string streetAddressId;
  std::string prefecture;
  std::string cityAndCounty;  // 郡 + 市区町村 + 政令市の区
  std::string streetAddress;  // 町字: oaza_cho + chome + koaza
  std::string cityBlock;      // 番地以下: half-width digits and hyphens
  std::string buildingNameEtc;
};

// The GIF form of fields: the codes and 都道府県 as they are, 市区町村 =
// county + city + ward, 町字 = oaza_cho + chome + koaza, and the 番地以下 and
// 建物名等 given (the caller knows which numbers were matched or found).
GifAddress gif_address(const AddressFields& fields, std::string city_block, std::string building);

// The address on one line: 都道府県, 市区町村, 町字 and 番地以下 of gif written
// together, then, after one space, tail when not empty (a building, or
// what remained unmatched).
std::string address_line(const GifAddress& gif, std::string_view tail);

// The number part of 町字以下 in the DS-442 form (442 「町字以下」: where the
// 町字 has a 丁目, 丁目 and 番地・号 are half-width digits joined by hyphens):
// chome_number (the ABR's 丁目名_数字, "" when none) and city_block joined
// by '-' when the 町字 has a numbered 丁目 and no 小字 (霞が関二丁目 1-2 →
// "2-1-2"); city_block alone otherwise.
std::string ds442_numbers(const AddressFields& fields, std::string_view chome_number,
                          std::string_view city_block);

// 町字以下 in the DS-442 form: the 大字・町 as the ABR writes it, then the
// numbers of ds442_numbers — after the 丁目 and 小字 as written when the
// 丁目 is not written as a number (大戸町高川甲1324; 霞が関2-1-2). The one
// writer of that form: validate's suggestion and transform's rewrite.
std::string ds442_town_and_block(const AddressFields& fields, std::string_view chome_number,
                                 std::string_view city_block);

// The numbers of fields that are set (blk_num, rsdt_num, rsdt_num2 of a
// residence; prc_num1..3 of a parcel), joined by '-': the 番地以下 of a
// place the ABR lists ("2-3", "1663-54-1"). "" when none is set.
std::string city_block_of(const AddressFields& fields);

}  // namespace gifkit::registries::abr
