// point_cells.cpp — see point_cells.hpp. One rule says which positions are
// searched (kPointSources and searched_position); the build and the search
// both read the points through it, so the R*Tree holds a cell exactly when
// the search would find a point in it.
#include "registries/abr/point_cells.hpp"

#include <cassert>
#include <charconv>
#include <cmath>
#include <map>
#include <utility>

#include "grammars/text/decimal_text.hpp"
#include "registries/abr/abr_import.hpp"

namespace gifkit::registries::abr {
namespace {

// Where a kind's points come from: its _pos table, the table of its rows,
// the condition that row b is position p's (besides lg_code and
// machiaza_id), and the place_id of a position. A 町字 position counts when
// its 町字 is in abr_town with either rsdt_addr_flg (84 of 和歌山県's
// positions carry the other flag than their 町字 row).
struct PointSource {
  ReverseLevel level;
  const char* positions;
  const char* rows;
  const char* same_row;
  const char* place_id;
};

constexpr PointSource kPointSources[] = {
    {ReverseLevel::residence, "abr_rsdt_pos", "abr_rsdt",
     "b.blk_id = p.blk_id AND b.rsdt_id = p.rsdt_id AND b.rsdt2_id = p.rsdt2_id",
     "p.blk_id || p.rsdt_id || p.rsdt2_id"},
    {ReverseLevel::parcel, "abr_parcel_pos", "abr_parcel", "b.prc_id = p.prc_id", "p.prc_id"},
    {ReverseLevel::machiaza, "abr_town_pos", "abr_town", "TRUE", "p.rsdt_addr_flg"},
};

// The positions of source whose row is there and not abolished, as SQL
// (built from the constants above, never from data); its first three
// columns are place_id, rep_lat and rep_lon, then `more`.
std::string searched_rows(const PointSource& source, const std::string& more,
                          const std::string& where) {
  return std::string("SELECT ") + source.place_id + ", p.rep_lat, p.rep_lon" + more + " FROM " +
         source.positions + " p WHERE " + where + "EXISTS (SELECT 1 FROM " + source.rows +
         " b WHERE b.lg_code = p.lg_code AND b.machiaza_id = p.machiaza_id AND " + source.same_row +
         " AND coalesce(b.ablt_date, '') = '')";
}

std::optional<double> read_degrees(std::string_view text) {
  double value = 0;
  auto [end, error] = grammars::read_double(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value))
    return std::nullopt;
  return value;
}

constexpr const char* kCreateCells =
    "DROP TABLE IF EXISTS abr_point_rtree;"
    "DROP TABLE IF EXISTS abr_point_cells;"
    "CREATE VIRTUAL TABLE abr_point_cells USING rtree(id, min_lon, max_lon, min_lat, max_lat, "
    "+lg_code TEXT, +machiaza_id TEXT);"
    "DELETE FROM provenance WHERE source_kind = 'abr-point-index'";

// The box of a 町字's points of one kind inside one cell.
struct CellBox {
  double min_lat, max_lat, min_lon, max_lon;
};
// A cell: the floor of latitude and longitude over kPointCellDegrees.
using Cell = std::pair<std::int64_t, std::int64_t>;

Cell cell_of(const LatLon& point) {
  return {static_cast<std::int64_t>(std::floor(point.lat / kPointCellDegrees)),
          static_cast<std::int64_t>(std::floor(point.lon / kPointCellDegrees))};
}

// Inserts the cells of one 町字 (in cell order) and empties them.
void insert_cells(Statement& insert, std::map<Cell, CellBox>& cells, ReverseLevel level,
                  std::string_view lg_code, std::string_view machiaza_id, std::int64_t& entries) {
  for (const auto& [cell, box] : cells) {
    ++entries;
    insert.bind_int64(1, 4 * entries + static_cast<int>(level));
    insert.bind_double(2, box.min_lon);
    insert.bind_double(3, box.max_lon);
    insert.bind_double(4, box.min_lat);
    insert.bind_double(5, box.max_lat);
    insert.bind_text(6, lg_code);
    insert.bind_text(7, machiaza_id);
    insert.run_and_reset();
  }
  cells.clear();
}

// Adds the cells of source's points, 町字 by 町字 in key order; returns
// the entries added.
std::int64_t add_cells(RegistryDb& db, const PointSource& source) {
  Statement points = db.prepare(searched_rows(source, ", p.lg_code, p.machiaza_id", "") +
                                " ORDER BY p.lg_code, p.machiaza_id");
  Statement insert = db.prepare(
      "INSERT INTO abr_point_cells(id, min_lon, max_lon, min_lat, max_lat, lg_code, "
      "machiaza_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  std::int64_t entries = 0;
  std::string lg_code, machiaza_id;
  std::map<Cell, CellBox> cells;
  while (points.step()) {
    const std::optional<LatLon> point =
        searched_position(points.column_text(1), points.column_text(2));
    if (!point) continue;
    if (points.column_text(3) != lg_code || points.column_text(4) != machiaza_id) {
      insert_cells(insert, cells, source.level, lg_code, machiaza_id, entries);
      lg_code = points.column_text(3);
      machiaza_id = points.column_text(4);
    }
    auto [at, added] =
        cells.try_emplace(cell_of(*point), CellBox{point->lat, point->lat, point->lon, point->lon});
    if (added) continue;
    CellBox& box = at->second;
    box.min_lat = std::min(box.min_lat, point->lat);
    box.max_lat = std::max(box.max_lat, point->lat);
    box.min_lon = std::min(box.min_lon, point->lon);
    box.max_lon = std::max(box.max_lon, point->lon);
  }
  insert_cells(insert, cells, source.level, lg_code, machiaza_id, entries);
  return entries;
}

}  // namespace

std::optional<LatLon> searched_position(std::string_view lat_text, std::string_view lon_text) {
  const std::optional<double> lat = read_degrees(lat_text), lon = read_degrees(lon_text);
  if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) return std::nullopt;
  return LatLon{*lat, *lon};
}

TownPointReader::TownPointReader(const RegistryDb& db) {
  for (const PointSource& source : kPointSources) {
    assert(static_cast<std::size_t>(source.level) == statements_.size());
    statements_.push_back(
        db.prepare(searched_rows(source, "", "p.lg_code = ?1 AND p.machiaza_id = ?2 AND ")));
  }
}

std::vector<TownPoint> TownPointReader::read(ReverseLevel level, std::string_view lg_code,
                                             std::string_view machiaza_id) {
  Statement& select = statements_.at(static_cast<std::size_t>(level));
  select.reset();
  select.bind_text(1, lg_code);
  select.bind_text(2, machiaza_id);
  std::vector<TownPoint> points;
  while (select.step()) {
    const std::optional<LatLon> point =
        searched_position(select.column_text(1), select.column_text(2));
    if (point) points.push_back({std::string(select.column_text(0)), point->lat, point->lon});
  }
  return points;
}

std::optional<Provenance> build_point_cells(RegistryDb& db) {
  assert(db.in_transaction());
  db.execute(kCreateCells);
  std::int64_t entries = 0;
  for (const PointSource& source : kPointSources) entries += add_cells(db, source);
  if (entries == 0) return std::nullopt;
  return record_derived_table(db, "abr_rsdt_pos, abr_parcel_pos, abr_town_pos", "abr-point-index",
                              kPointCellTable, entries);
}

}  // namespace gifkit::registries::abr
