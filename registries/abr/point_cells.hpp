// point_cells.hpp — where the Address Base Registry's places lie, for
// reverse geocoding (address_reverse.hpp): which positions are searched (a
// residence's, a parcel's or a 町字's, whose row is in the registry and not
// abolished), the points of one kind of one 町字 read from its _pos table,
// and the R*Tree abr_point_cells that `registry build` makes over them: one
// entry per 町字, kind of place and cell of kPointCellDegrees square, the
// box of that 町字's points of that kind inside the cell. The search asks the
// R*Tree which 町字 have points near a query, then reads those 町字' points
// (the 地番 and 住居表示 positions are packed per 町字, so a 町字 is one read).
// An entry a 町字 and cell, not a point: at the national benchmark's SCALE
// 0.05 the index of one entry a point took 582 MB of a 1.5 GB registry.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

// What a point is of. The values are the kinds in the R*Tree's ids.
enum class ReverseLevel : int { residence = 0, parcel = 1, machiaza = 2 };

// The R*Tree of 町字 cells: id = 4 × n + kind (ReverseLevel's value; n
// counts the entries of that kind from 1), the box (min_lon, max_lon,
// min_lat, max_lat; 32-bit floats rounded outwards), and the 町字
// (lg_code, machiaza_id) as auxiliary columns.
inline constexpr std::string_view kPointCellTable = "abr_point_cells";

// A cell's side in degrees of latitude and longitude (about 1.1 km by 0.9
// km in Japan). An entry's box is at most this tall, so a search may bound
// min_lat from below by the query box's south edge less kPointCellSlack:
// PostgreSQL, which has no R*Tree, answers through a B-tree on min_lat
// (registry_push.cpp).
inline constexpr double kPointCellDegrees = 0.01;
inline constexpr double kPointCellSlack = kPointCellDegrees + 1e-3;

// A searched point: its place's own key (blk_id‖rsdt_id‖rsdt2_id of a
// residence, prc_id of a parcel, rsdt_addr_flg of a 町字) and its exact
// published position.
struct TownPoint {
  std::string place_id;
  double lat = 0;
  double lon = 0;
};

// Reads the searched points of one kind of one 町字, in its _pos table's
// key order: the positions whose row is in the registry and not abolished
// (a 町字 position: its 町字 in abr_town with either rsdt_addr_flg), and
// whose latitude and longitude are numbers within ±90 and ±180. Prepares
// its three statements once; read-only; works on PostgreSQL as on SQLite.
class TownPointReader {
 public:
  explicit TownPointReader(const RegistryDb& db);
  std::vector<TownPoint> read(ReverseLevel level, std::string_view lg_code,
                              std::string_view machiaza_id);

 private:
  std::vector<Statement> statements_;  // one per ReverseLevel
};

// The position of a _pos row's texts when it is one the search takes (two
// finite numbers, the latitude within ±90 and the longitude within ±180);
// none otherwise.
struct LatLon {
  double lat = 0;
  double lon = 0;
};
std::optional<LatLon> searched_position(std::string_view lat_text, std::string_view lon_text);

// Makes abr_point_cells anew from the _pos tables (dropping the index of
// one entry a point, abr_point_rtree, that builds before this one made),
// under a provenance row of kind abr-point-index; none when no point is
// searched. Inside the build's transaction.
std::optional<Provenance> build_point_cells(RegistryDb& db);

}  // namespace gifkit::registries::abr
