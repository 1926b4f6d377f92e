// numbered_places.hpp — what is numbered in a 町字 (its 住居表示 blocks and
// residences, its 地番 parcels, each with its position) and the two ways a
// registry gives it: from the ABR tables themselves (six queries, a place
// table and its positions side by side, per kind), and from the derived table
// abr_town_numbers that `registry build` writes — one row per 町字, its
// places packed sorted in a blob, so that a cold 町字 costs one lookup by
// primary key. A registry built before abr_town_numbers existed is read from
// the tables (the same places, in the same order).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

// A representative point ("" coordinates unknown: NaN).
struct AbrPoint {
  double lon = 0;
  double lat = 0;
  bool known = false;
};

// The point of a row's lon and lat columns (unknown when either is empty or
// not a number).
AbrPoint read_point(const Statement& row, int lon_column, int lat_column);

// A 住居表示 block, residence or parcel: a town and up to three numbers.
struct NumberedPlace {
  std::uint64_t town_and_first = 0;    // town index << 32 | first number
  std::uint64_t second_and_third = 0;  // second << 32 | third (0 when none)
  AbrPoint point;
};

// The order of places in a TownPlaces list: town, then the three numbers.
bool place_less(const NumberedPlace& a, const NumberedPlace& b);

// What is numbered in one 町字: its 住居表示 blocks and residences and its
// 地番 parcels, each sorted (the keys carry the town's index in
// CityPlaces::towns, so CityPlaces::find works on them as on a city's).
struct TownPlaces {
  std::vector<NumberedPlace> blocks;         // (town, blk_num)
  std::vector<NumberedPlace> residences;     // (town, blk_num, rsdt_num, rsdt_num2)
  std::vector<NumberedPlace> parcel_places;  // (town, prc_num1, prc_num2, prc_num3)
  // The centroid of their known points, blocks then residences then
  // parcels (the 町字's point when the ABR gives it none); unknown when none.
  AbrPoint centroid;
  std::size_t memory_bytes() const;
};

// The three lists of a TownPlaces, in the order the kinds are read and packed.
inline constexpr std::vector<NumberedPlace> TownPlaces::*kNumberedLists[3] = {
    &TownPlaces::blocks, &TownPlaces::residences, &TownPlaces::parcel_places};

// Sets numbered.centroid from the known points of its places.
void set_centroid(TownPlaces& numbered);

// One numbered row of the ABR tables: its 町字, its kind (an index in
// kNumberedLists), its three numbers ("" read as 0) and its position.
using NumberedRowSink = std::function<void(std::string_view machiaza_id, int kind,
                                           const std::uint32_t (&numbers)[3], const AbrPoint&)>;

// Reads the numbered places of the city lg_code from the ABR tables — of the
// one 町字 machiaza_id unless it is empty — calling sink for each row whose
// numbers are digits, kind by kind, each kind in its table's primary-key
// order (lg_code, machiaza_id, ids…): a 町字's rows of a kind are a run, in
// the same order whether the city or the 町字 is read. Throws what the
// registry's reads throw.
void walk_numbered_rows(const RegistryDb& db, std::string_view lg_code,
                        std::string_view machiaza_id, const NumberedRowSink& sink);

// The derived table: (lg_code, machiaza_id) → the 町字's places packed.
inline constexpr std::string_view kTownNumbersTable = "abr_town_numbers";

// True when db holds abr_town_numbers (a registry built by this version).
bool has_town_numbers(const RegistryDb& db);

// The places of one 町字 packed, compactly: a magic and a format byte, each
// list's count, then its places in the list's order, the numbers as varints
// (the first as a step from the previous place's), each known point as
// integers k at a decimal scale d of the 町字 (lon = k / 10^d, bit for bit;
// a coordinate that is no such quotient kept as its 8 bytes), an unknown
// point's lon and lat kept too when they are not 0. The town bits of
// town_and_first are not kept. numbered_places.cpp, kCompactMagic, has the
// bytes.
std::string pack_town_places(const TownPlaces& numbered);

// The places packed by pack_town_places — or by the releases before it (each
// list's count, then 29 bytes a place: three uint32 numbers, lon and lat as
// doubles, whether known) — their keys carrying town, every double as it was
// packed, bit for bit; none when the bytes are not such a packing (the
// caller throws not_a_packing).
std::optional<TownPlaces> unpack_town_places(std::string_view packed, std::uint32_t town);

// The error of a row of abr_town_numbers that is not a packing: the
// registry, the 町字 and the fix named.
RegistryError not_a_packing(const RegistryDb& db, std::string_view lg_code,
                            std::string_view machiaza_id);

// One 町字's places from abr_town_numbers (none when it has no row: a 町字
// with nothing numbered), keyed with town. db must hold the table.
TownPlaces read_town_numbers(const RegistryDb& db, std::string_view lg_code,
                             std::string_view machiaza_id, std::uint32_t town);

// The same, from the row whose id is row (AbrTown::numbers_row, > 0): one
// lookup by rowid instead of a search of the key's index. A row that is
// not this 町字's (a registry changed by hand) is looked up by the key.
TownPlaces read_town_numbers_at(const RegistryDb& db, std::int64_t row, std::string_view lg_code,
                                std::string_view machiaza_id, std::uint32_t town);

// Every 町字 of the city lg_code in abr_town_numbers, in machiaza_id order:
// sink(machiaza_id, packed), the bytes valid during the call.
void walk_city_numbers(const RegistryDb& db, std::string_view lg_code,
                       const std::function<void(std::string_view, std::string_view)>& sink);

// Writes abr_town_numbers anew from the ABR tables (every city of abr_city
// and abr_town), under a provenance row of kind abr-town-numbers; none when
// no 町字 has a numbered place. Inside the build's transaction.
std::optional<Provenance> build_town_numbers(RegistryDb& db);

}  // namespace gifkit::registries::abr
