// address_fields.cpp — see address_fields.hpp.
#include "registries/abr/address_fields.hpp"

namespace gifkit::registries::abr {

GifAddress gif_address(const AddressFields& fields, std::string city_block, std::string building) {
  GifAddress gif;
  gif.localGovernmentCode = fields.lg_code;
  gif.streetAddressId = fields.machiaza_id;
  gif.prefecture = fields.pref;
  gif.cityAndCounty = fields.county + fields.city + fields.ward;
  gif.streetAddress = fields.oaza_cho + fields.chome + fields.koaza;
  gif.cityBlock = std::move(city_block);
  gif.buildingNameEtc = std::move(building);
  return gif;
}

std::string address_line(const GifAddress& gif, std::string_view tail) {
  std::string line = gif.prefecture + gif.cityAndCounty + gif.streetAddress + gif.cityBlock;
  if (!tail.empty()) {
    line += ' ';
    line += tail;
  }
  return line;
}

namespace {

bool chome_as_number(const AddressFields& fields, std::string_view chome_number) {
  return !chome_number.empty() && fields.koaza.empty();
}

}  // namespace

std::string ds442_numbers(const AddressFields& fields, std::string_view chome_number,
                          std::string_view city_block) {
  if (!chome_as_number(fields, chome_number)) return std::string(city_block);
  std::string numbers(chome_number);
  if (!city_block.empty()) {
    numbers += '-';
    numbers += city_block;
  }
  return numbers;
}

std::string ds442_town_and_block(const AddressFields& fields, std::string_view chome_number,
                                 std::string_view city_block) {
  std::string text = fields.oaza_cho;
  if (!chome_as_number(fields, chome_number)) text += fields.chome + fields.koaza;
  text += ds442_numbers(fields, chome_number, city_block);
  return text;
}

std::string city_block_of(const AddressFields& fields) {
  std::string block;
  for (const std::string* number : {&fields.blk_num, &fields.rsdt_num, &fields.rsdt_num2,
                                    &fields.prc_num1, &fields.prc_num2, &fields.prc_num3}) {
    if (number->empty()) continue;
    if (!block.empty()) block += '-';
    block += *number;
  }
  return block;
}

}  // namespace gifkit::registries::abr
