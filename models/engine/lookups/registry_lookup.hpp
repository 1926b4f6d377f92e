// registry_lookup.hpp — the lookups of one base registry together, for the
// plumbing of validate and transform (CheckResources::registry): a registry
// is a CorporationLookup, an AddressLookup and a CharacterLookup at once
// (corporation_lookup.hpp, address_lookup.hpp, character_lookup.hpp), with
// its data date. A function that reaches one registry's data takes that
// lookup alone; validate's RegistryRules, which checks both corporations and
// addresses, and the transform plan take this. validate works without one
// (the registry rules of the models are then skipped);
// models/session/session_lookup.hpp implements it over a registry file built
// by `gifkit registry build`, and tests may implement it over anything.
#pragma once
#include <string>

#include "models/engine/lookups/address_lookup.hpp"
#include "models/engine/lookups/character_lookup.hpp"
#include "models/engine/lookups/corporation_lookup.hpp"

namespace gifkit::models {

class RegistryLookup : public CorporationLookup, public AddressLookup, public CharacterLookup {
 public:
  // What the registry is, for notes in reports ("houjin.db"): the one
  // description both CorporationLookup and AddressLookup ask for.
  std::string description() const override = 0;
  // The registry's data date (YYYY-MM-DD), "" when unknown.
  virtual std::string data_date() const { return {}; }
};

}  // namespace gifkit::models
