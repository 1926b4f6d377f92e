// address_reverse.hpp — reverse geocoding: the places of the Address Base
// Registry nearest to a point (latitude, longitude), found through the
// registry's R*Tree of 町字 cells (abr_point_cells, made by `registry
// build`: see point_cells.hpp and docs/registry.md). A place is a 住居表示
// residence (abr_rsdt_pos), a 地番 parcel (abr_parcel_pos) or a 町字's
// representative point (abr_town_pos). Used by `gifkit address reverse` and
// the service's /v1/addresses/reverse; see docs/address.md.
//
// The rule: the nearest point wins, whatever its level; each hit names the
// 町字 its point belongs to. Distances are great-circle distances on a
// sphere (haversine, grammars/values/geo.hpp), in metres. Ties (the same distance)
// are broken by level (residence, parcel, 町字), then lg_code, machiaza_id
// and the place's own key (blk_id+rsdt_id+rsdt2_id, prc_id, or
// rsdt_addr_flg), so the same query always gives the same answer.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "registries/abr/address_fields.hpp"
#include "registries/abr/point_cells.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

// The R*Tree of ABR positions that registries of schema 2 and 3 hold instead
// of kPointCellTable, still searched. Each entry is one point (min = max),
// its id = 4 * n + kind (kind: ReverseLevel's value; n counts the points of
// that kind from 1), its auxiliary columns lg_code, machiaza_id and place_id
// the key of the row the point is of (place_id: blk_id || rsdt_id ||
// rsdt2_id of a residence, prc_id of a parcel, rsdt_addr_flg of a 町字).
inline constexpr std::string_view kPointIndexTable = "abr_point_rtree";
// "residence", "parcel", "machiaza".
std::string_view reverse_level_name(ReverseLevel level);

inline constexpr double kDefaultReverseRadiusM = 1000;  // when the caller gives none
inline constexpr double kMaxReverseRadiusM = 50000;     // the largest radius accepted
inline constexpr int kMaxReverseLimit = 1000;           // the most hits one query returns
inline constexpr int kMaxReverseOffset = 100000;        // the farthest page start

struct ReverseQuery {
  double lat = 0;  // decimal degrees, -90 … 90 (JGD2011 / WGS 84, as the ABR)
  double lon = 0;  // decimal degrees, -180 … 180
  // Only points at most this far (metres, 0 … kMaxReverseRadiusM) are hits.
  double radius_m = kDefaultReverseRadiusM;
  int limit = 1;   // the nearest `limit` points (1 … kMaxReverseLimit)
  int offset = 0;  // after the nearest `offset` (0 … kMaxReverseOffset): the next page
  // Count every point within radius_m, searching the whole circle (costly for a
  // wide one in a city); else the count is exact only when the search reached it.
  bool exact_count = false;
};

// One point found: its place's fields as `address normalize` names them,
// the address in one line (output) and in GIF form, and how far it is.
struct ReverseHit : AddressFields {
  ReverseLevel level = ReverseLevel::residence;
  double distance_m = 0;  // from the query's point (haversine)
  double lat = 0;         // the ABR's representative point of the place
  double lon = 0;
  std::string output;  // the address: 都道府県 市区町村 町字 番地以下 (address_line)
  GifAddress gif;      // DS-442; buildingNameEtc is always ""
};

// A query that cannot be answered as asked (a latitude, longitude, radius
// or limit out of its range, or not a finite number). what() says which
// value and what it must be.
class InvalidReverseQuery : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// What is wrong with query, or nullopt when it can be answered.
std::optional<std::string> reverse_query_problem(const ReverseQuery& query);

// A page of the points within the radius, nearest first: the hits after the
// nearest query.offset, at most query.limit; whether more lie within the
// radius; how many lie within it — known when the search covered the whole
// circle (it grows from 100 m until it holds offset + limit + 1 points, or
// reaches the radius; always with exact_count), else at least count_at_least.
struct ReversePage {
  std::vector<ReverseHit> hits;
  bool more = false;
  std::optional<std::uint64_t> count;
  std::uint64_t count_at_least = 0;  // the points the search saw (== *count when known)
};

// The page of query (reverse_geocode's rule and errors).
ReversePage reverse_geocode_page(const RegistryDb& db, const ReverseQuery& query);

// The points of the registry's ABR nearest to (query.lat, query.lon) and at
// most query.radius_m away: at most query.limit of them, nearest first (ties
// as the file comment says). Empty when no point is that near. Read-only;
// db may be opened read-only. Throws InvalidReverseQuery for a bad query
// (reverse_query_problem), RegistryError naming the file when the registry
// holds no ABR data, was built before the R*Tree existed (rebuild it with
// `gifkit registry build`), or its ABR data holds no position.
std::vector<ReverseHit> reverse_geocode(const RegistryDb& db, const ReverseQuery& query);

}  // namespace gifkit::registries::abr
