// city_codes.cpp — see city_codes.hpp.
#include "models/engine/lookups/city_codes.hpp"

#include "registries/abr/national_cities.hpp"

namespace gifkit::models {

CityCodes::CityCodes(AddressLookup* registry)
    : registry_(registry != nullptr && registry->has_addresses() ? registry : nullptr) {}

bool CityCodes::find(std::string_view lg_code, RegisteredArea& out) const {
  if (registry_ != nullptr && registry_->find_area(lg_code, out)) return true;
  const registries::abr::NationalCity* city = registries::abr::national_city(lg_code);
  if (city == nullptr) return false;
  out.prefecture = city->prefecture;
  out.county = city->county;
  out.city = city->city;
  out.ward = city->ward;
  return true;
}

std::string CityCodes::table_name() {
  return "gifkit's city table of " + registries::abr::national_cities().date;
}

}  // namespace gifkit::models
