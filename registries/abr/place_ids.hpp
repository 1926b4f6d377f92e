// place_ids.hpp — the ABR's own keys of a normalized address's place, which
// the matcher's index does not keep: the 住居表示フラグ (rsdt_addr_flg) of
// its 町字 and the 街区ID, 住居ID, 住居2ID or 地番ID of the block, residence
// or parcel it reached, read with one query of the registry. For the
// abr-geocoder compatible route of `gifkit serve` (GET /geocode), whose
// answers carry them (docs/serve.md "abr-geocoder route").
#pragma once
#include <optional>
#include <string>

#include "registries/abr/address_matcher.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

// "" where the address has no such place (or the registry lacks the row).
struct PlaceIds {
  // 1 住居表示, 0 地番: 1 for a block or residence, 0 for a parcel, the
  // 町字's own (its 住居表示 row first) at a 町字 level; none above a 町字.
  std::optional<int> rsdt_addr_flg;
  std::string blk_id, rsdt_id, rsdt2_id, prc_id;
};

// The keys of result's place (see PlaceIds). Throws what the registry's
// reads throw.
PlaceIds find_place_ids(const RegistryDb& db, const NormalizedAddress& result);

}  // namespace gifkit::registries::abr
