// city_towns.hpp — the 町字 of one city as the address normalizer holds them
// (names, readings, whether 住居表示 or 地番, its point) and the two ways a
// registry gives them: from the ABR tables (abr_town beside abr_town_pos, one
// query, then one for whether the city has a numbered place), and from the
// derived table abr_city_towns that `registry build` writes — one row per
// city, its 町字 packed in the order the tables give them, so that a cold
// city costs one lookup by an index. A registry built before abr_city_towns
// existed (or a city without a row) is read from the tables: the same 町字,
// in the same order.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/abr/numbered_places.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

// Where a 町字's row of abr_town_numbers is (AbrTown::numbers_row): its id,
// or one of these.
inline constexpr std::int64_t kNumbersRowUnknown = 0;  // look it up by the key
inline constexpr std::int64_t kNoNumbersRow = -1;      // the 町字 has nothing numbered

struct AbrTown {
  std::string machiaza_id;
  std::string oaza_cho;
  std::string chome;
  std::string koaza;
  bool residential = false;     // has 住居表示 (rsdt_addr_flg 1)
  bool parcels = false;         // has 地番 (rsdt_addr_flg 0)
  AbrPoint point;               // the 町字's own (abr_town_pos); else see TownPlaces::centroid
  std::uint32_t key_bytes = 0;  // length of its folded oaza_cho+chome+koaza key
  // Its numbered places' row: the id in abr_town_numbers, kNoNumbersRow,
  // or kNumbersRowUnknown (a city read from the tables, or packed before
  // abr_city_towns carried it).
  std::int64_t numbers_row = kNumbersRowUnknown;
  // What find_town_parts gives for it (abr_lookup.hpp: the row of
  // rsdt_addr_flg 1 first, abolished rows too) when parts_known: its
  // oaza_cho, chome and koaza are the names above, and these two.
  bool parts_known = false;
  std::string chome_number;
  std::string post_code;
};

// One 町字 of a city as read, with its readings as abr_town gives them
// (oaza_cho_kana, town_kana_key): the normalizer keys them.
struct TownRow {
  AbrTown town;
  std::string oaza_cho_kana;
  std::string town_kana_key;
};

// A city's 町字 that are not abolished, in machiaza_id order, and whether
// any of them has a 住居表示 block, and any a 地番: the registry holds the
// city's 住居表示 table, its 地番 table (the ABR publishes them apart: a
// registry may hold one without the other).
struct CityTowns {
  std::vector<TownRow> towns;
  bool residences = false;
  bool parcels = false;
  bool numbered() const { return residences || parcels; }
};

// The city lg_code's 町字 from abr_town and abr_town_pos. A 町字 of two
// rows (rsdt_addr_flg 1 and 0) is one TownRow: the names and readings of
// the first row — those with a position of the same rsdt_addr_flg first —
// both flags, and the first known point.
CityTowns read_city_towns_from_tables(const RegistryDb& db, std::string_view lg_code);

// The derived table: lg_code → the city's 町字 packed.
inline constexpr std::string_view kCityTownsTable = "abr_city_towns";

// True when db holds abr_city_towns.
bool has_city_towns(const RegistryDb& db);

// The city's 町字 from its row of abr_city_towns, as
// read_city_towns_from_tables gives them; none when the city has no row.
// Throws a RegistryError naming the registry, the city and the fix when
// the row is not a packing.
std::optional<CityTowns> read_city_towns(const RegistryDb& db, std::string_view lg_code);

// A city's 町字 packed: a first byte (whether numbered; whether the 町字
// carry their parts and numbers row), the count, then per 町字 its texts
// (length and bytes), its flags and its point, then chome_number,
// post_code and numbers_row, little-endian. Rows packed before the parts
// were carried (first byte 0 or 1) still unpack, parts unknown.
std::string pack_city_towns(const CityTowns& city);

// The 町字 packed by pack_city_towns; none when the bytes are not such a
// packing.
std::optional<CityTowns> unpack_city_towns(std::string_view packed);

// Writes abr_city_towns anew from abr_town and abr_town_pos (a row for every
// city with a 町字), each 町字 with its row of abr_town_numbers, under a
// provenance row of kind abr-city-towns; none when no city has a 町字.
// Inside the build's transaction, after abr_town_numbers is written.
std::optional<Provenance> build_city_towns(RegistryDb& db);

}  // namespace gifkit::registries::abr
