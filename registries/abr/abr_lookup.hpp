// abr_lookup.hpp — reading the Address Base Registry tables of a registry:
// a prefecture or city by 全国地方公共団体コード (with its counts), a 町字 by
// lg_code + machiaza_id (with its position), the cities named like a city
// name, and the 町字 of a city whose name starts with a prefix. Records carry
// the ABR's own field names.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

// Field name → value ("" for NULL), in the ABR's column order.
using AbrRecord = std::vector<std::pair<std::string, std::string>>;

// The value of field name in record ("" when absent).
std::string_view field(const AbrRecord& record, std::string_view name);

// Throws RegistryError naming the file when the registry holds no ABR tables.
void require_abr_tables(const RegistryDb& db);

// The prefecture (lg_code NN000C) or city/ward of lg_code: its abr_pref or
// abr_city fields (for a city known only from abr_town: the names there),
// rep_lon/rep_lat/rep_srid from its _pos table, and counts: for a city
// `towns` (distinct machiaza_id in abr_town); for a prefecture `cities` and
// `towns`. nullopt when the registry does not know the code.
std::optional<AbrRecord> find_area(const RegistryDb& db, std::string_view lg_code);

// The 町字 rows of (lg_code, machiaza_id) — two when part of it is 住居表示
// and part 地番 (rsdt_addr_flg 1 and 0) — with every abr_town field and the
// position of abr_town_pos (rep_lon, rep_lat, rep_srid, rep_scale).
std::vector<AbrRecord> find_machiaza(const RegistryDb& db, std::string_view lg_code,
                                     std::string_view machiaza_id);

// The parts of a 町字 an address is written with, from the row find_machiaza
// gives first (rsdt_addr_flg 1 before 0): one narrow read where
// find_machiaza reads every column and the position.
struct AbrTownParts {
  std::string oaza_cho, chome, chome_number, koaza, post_code;
};
std::optional<AbrTownParts> find_town_parts(const RegistryDb& db, std::string_view lg_code,
                                            std::string_view machiaza_id);

// True when the registry holds a 町字 of lg_code (abr_town).
bool holds_towns_of(const RegistryDb& db, std::string_view lg_code);

// The lg_codes of the cities or wards named city (city, ward, city+ward as
// in 札幌市中央区, or county+city as in 熊毛郡屋久島町), in prefecture pref
// when not empty (pref alone: every city of it). From abr_city and abr_town.
std::vector<std::string> find_city_codes(const RegistryDb& db, std::string_view city,
                                         std::string_view pref);

struct TownQuery {
  std::vector<std::string> lg_codes;  // the cities to search
  std::string
      prefix;  // the start of oaza_cho+chome+koaza (大字/字 optional, any width), or of its kana
  std::int64_t limit = 50;
  std::int64_t offset = 0;  // rows skipped first (a page after the first)
};

// The 町字 of the cities whose name (or, for a query in kana, kana name)
// starts with the prefix, as find_machiaza gives them, in name order: at
// most limit of them, after the first offset.
std::vector<AbrRecord> search_towns(const RegistryDb& db, const TownQuery& query);

// How many rows search_towns has for query without its limit and offset.
std::int64_t count_towns(const RegistryDb& db, const TownQuery& query);

// What the registry holds of the city lg_code: its 町字 (towns); the city's
// own row and no 町字, so an empty search is not "no such 町字" (city_only);
// not the city either: outside what the registry covers (none).
enum class TownCoverage { towns, city_only, none };
TownCoverage town_coverage(const RegistryDb& db, std::string_view lg_code);
// "towns", "city-only", "none": the name the service and the messages use.
std::string_view town_coverage_name(TownCoverage coverage);

}  // namespace gifkit::registries::abr
