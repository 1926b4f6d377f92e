// matched_address.cpp — see matched_address.hpp: the writers of
// registries/abr/address_fields.hpp, given the parts they read.
#include "models/engine/lookups/matched_address.hpp"

#include "models/engine/lookups/address_lookup.hpp"
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

std::string ds442_address_line(const MatchedAddress& address, std::string_view chome_number,
                               std::string_view tail) {
  std::string line = address.prefecture + address.city_and_county;
  line += ds442_town_and_block(address, chome_number);
  if (!tail.empty()) {
    line += ' ';
    line += tail;
  }
  return line;
}

std::string ds442_full_address(AddressLookup& registry, const MatchedAddress& address) {
  if (address.machiaza_id.empty() || address.ambiguous) return std::string();
  RegisteredTown town;
  if (!registry.find_town(address.lg_code, address.machiaza_id, town)) return std::string();
  return ds442_address_line(address, town.chome_number, address.building);
}

}  // namespace gifkit::models
