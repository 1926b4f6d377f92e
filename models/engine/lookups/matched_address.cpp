// matched_address.cpp — see matched_address.hpp: the writers of
// registries/abr/address_fields.hpp, given the parts they read.
#include "models/engine/lookups/matched_address.hpp"

#include "registries/abr/address_fields.hpp"

namespace gifkit::models {
namespace {

// The 町字 parts of address, the only fields the DS-442 writers read.
registries::abr::AddressFields town_fields(const MatchedAddress& address) {
  registries::abr::AddressFields fields;
  fields.oaza_cho = address.oaza_cho;
  fields.chome = address.chome;
  fields.koaza = address.koaza;
  return fields;
}

}  // namespace

std::string address_line(const MatchedAddress& address, std::string_view tail) {
  registries::abr::GifAddress gif;
  gif.prefecture = address.prefecture;
  gif.cityAndCounty = address.city_and_county;
  gif.streetAddress = address.town;
  gif.cityBlock = address.city_block;
  return registries::abr::address_line(gif, tail);
}

std::string ds442_numbers(const MatchedAddress& address, std::string_view chome_number) {
  return registries::abr::ds442_numbers(town_fields(address), chome_number, address.city_block);
}

std::string ds442_town_and_block(const MatchedAddress& address, std::string_view chome_number) {
  return registries::abr::ds442_town_and_block(town_fields(address), chome_number,
                                               address.city_block);
}

}  // namespace gifkit::models
