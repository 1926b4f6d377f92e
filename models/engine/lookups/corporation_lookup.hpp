// corporation_lookup.hpp — the interface through which the engine reaches
// the 法人番号 data of a base registry (DESIGN §3): the registered state of a
// corporation by its number, the corporations of a name, and the changes of
// one since a date. validate's corporation rules
// (models/engine/checks/registry_rules.hpp) and transform's 法人番号
// (models/engine/transform/corporation_codes.hpp) take it;
// models/session/session_lookup.hpp implements it over a registry file built
// by `gifkit registry build`, and tests may implement it over anything.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/houjin/lookup/corporation.hpp"

namespace gifkit::models {

// A corporation as the registry holds it now: the registry's one type for it
// (registries/houjin/lookup/corporation.hpp), named as the engine names it.
using RegisteredCorporation = registries::houjin::Corporation;

// A change of a corporation in the registry: an event of the 法人番号 change
// feed (registries/houjin/changes/change_feed.hpp), as the report shows it.
struct RegistryChange {
  std::string kind;     // "renamed", "moved", "closed", … (the table of kinds)
  std::string summary;  // "renamed (11) published 2025-03-11, …: name A → B"
};

class CorporationLookup {
 public:
  virtual ~CorporationLookup() = default;

  // True when the registry holds 法人番号 data.
  virtual bool has_corporations() const { return true; }
  // Why a number the registry has not got may still be registered — its
  // 法人番号 data is daily diff files only, or the bulk files of some
  // prefectures only — so validate reports it not checked rather than
  // not-in-registry; "" when the registry holds every corporation it knows of.
  virtual std::string missing_not_checked_because() const { return {}; }

  // Fills out with the registered corporation of this number and returns
  // true, or returns false when the registry does not have the number. out's
  // strings keep their capacity: the fast path for a caller that looks up
  // every row. Throws when the registry cannot be read.
  virtual bool find_corporation(std::string_view number, RegisteredCorporation& out) = 0;

  // The registered corporations named `name`: the name index's exact
  // matches (keys equal after its name fold, registries/houjin/names/name_key.hpp),
  // open and closed, not those the NTA hides from its own search; at most
  // limit of them (a caller asks for one more than it can use to know when
  // there are too many). Empty without 法人番号 data. Throws when the
  // registry cannot be read or has no name index.
  virtual std::vector<RegisteredCorporation> corporations_named(std::string_view /*name*/,
                                                                std::size_t /*limit*/) {
    return {};
  }

  // The changes of the corporation with this number published on or after
  // since (YYYY-MM-DD), in the order published, into out (cleared). False
  // when the lookup has no change feed; then out is empty.
  virtual bool corporation_changes(std::string_view /*number*/, std::string_view /*since*/,
                                   std::vector<RegistryChange>& out) {
    out.clear();
    return false;
  }

  // What the registry is, for notes in reports ("houjin.db").
  virtual std::string description() const = 0;

  // As find_corporation, for one-off callers.
  std::optional<RegisteredCorporation> corporation(std::string_view number) {
    RegisteredCorporation found;
    if (!find_corporation(number, found)) return std::nullopt;
    return found;
  }
};

}  // namespace gifkit::models
