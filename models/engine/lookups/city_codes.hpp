// city_codes.hpp — which city a 全国地方公共団体コード is: the one place the
// engine asks. With a registry that holds Address Base Registry data, the
// registry's own city table answers (AddressLookup::find_area: it may be
// newer than gifkit); a code it does not know, or every code without a
// registry, gifkit's national table of cities answers
// (models/dictionaries/national_cities.tsv, the ABR's mt_city_all of its
// date, read by registries/abr/national_cities). validate's address_self
// check compares the code's city with the city an address names.
#pragma once
#include <string>
#include <string_view>

#include "models/engine/lookups/address_lookup.hpp"

namespace gifkit::models {

class CityCodes {
 public:
  // registry may be null, or hold no ABR data (then the table alone answers).
  explicit CityCodes(AddressLookup* registry = nullptr);

  // The area of lg_code (a prefecture's own code: city ""), false when
  // neither the registry nor the table knows it.
  bool find(std::string_view lg_code, RegisteredArea& out) const;

  // True when a registry with ABR data answers first.
  bool has_registry() const { return registry_ != nullptr; }

  // The built-in table as notes name it: "gifkit's city table of 2024-03-12".
  static std::string table_name();

 private:
  AddressLookup* registry_ = nullptr;
};

}  // namespace gifkit::models
