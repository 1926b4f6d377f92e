// numbered_places.cpp — a 町字's numbered places read from the ABR tables
// (walk_numbered_rows) or from the derived abr_town_numbers, and that table
// written at build from the former. See numbered_places.hpp; the bytes of a
// row are town_numbers_packing.cpp's.
#include "registries/abr/numbered_places.hpp"

#include "grammars/text/decimal_text.hpp"
#include "registries/abr/abr_import.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <map>

namespace gifkit::registries::abr {

namespace {

// A number of an ABR row ("" → 0); false when it is not digits.
bool read_number(std::string_view text, std::uint32_t& value) {
  value = 0;
  if (text.empty()) return true;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// A table of numbered places and its table of positions, read side by side:
// both in the order of their primary key (lg_code, machiaza_id, ids…),
// byte order on either backend (a pushed registry's text is COLLATE "C"),
// so that each place meets its position in one pass — not one lookup in the
// positions' index per place. Each query in two forms: a whole city's
// (?1 lg_code) and one 町字's (?2 machiaza_id too), both on the primary key.
struct NumberedSource {
  const char* places_sql[2];     // machiaza_id, the ids…, the three numbers
  const char* positions_sql[2];  // machiaza_id, the ids…, rep_lon, rep_lat
  int ids;                       // how many id columns follow machiaza_id
  int kind;                      // an index in kNumberedLists
};

#define GIFKIT_NUMBERED_SQL(select, table, order)                                        \
  {                                                                                      \
    select " FROM " table " WHERE lg_code = ?1 ORDER BY " order,                         \
        select " FROM " table " WHERE lg_code = ?1 AND machiaza_id = ?2 ORDER BY " order \
  }

const NumberedSource kNumberedSources[] = {
    {GIFKIT_NUMBERED_SQL("SELECT machiaza_id, blk_id, blk_num, '', ''", "abr_rsdt_blk",
                         "machiaza_id, blk_id"),
     GIFKIT_NUMBERED_SQL("SELECT machiaza_id, blk_id, rep_lon, rep_lat", "abr_rsdt_blk_pos",
                         "machiaza_id, blk_id"),
     1, 0},
    {GIFKIT_NUMBERED_SQL("SELECT machiaza_id, blk_id, rsdt_id, rsdt2_id, blk_num, rsdt_num, "
                         "rsdt_num2",
                         "abr_rsdt", "machiaza_id, blk_id, rsdt_id, rsdt2_id"),
     GIFKIT_NUMBERED_SQL("SELECT machiaza_id, blk_id, rsdt_id, rsdt2_id, rep_lon, rep_lat",
                         "abr_rsdt_pos", "machiaza_id, blk_id, rsdt_id, rsdt2_id"),
     3, 1},
    {GIFKIT_NUMBERED_SQL("SELECT machiaza_id, prc_id, prc_num1, prc_num2, prc_num3", "abr_parcel",
                         "machiaza_id, prc_id"),
     GIFKIT_NUMBERED_SQL("SELECT machiaza_id, prc_id, rep_lon, rep_lat", "abr_parcel_pos",
                         "machiaza_id, prc_id"),
     1, 2},
};

#undef GIFKIT_NUMBERED_SQL

// The key of a row (machiaza_id and up to three ids: columns 0 to ids),
// read once per row from column first (1 when every row has the one
// machiaza_id bound: only the ids tell rows apart): valid until its
// statement steps again.
struct RowKey {
  std::string_view parts[4];
  int first = 0;
  int count = 0;
};

RowKey key_of(const Statement& row, int first, int ids) {
  assert(first == 0 || first == 1);
  RowKey key;
  key.first = first;
  key.count = 1 + ids;
  for (int column = first; column < key.count; ++column)
    key.parts[column] = row.column_text(column);
  return key;
}

// <0, 0, >0 as a's key sorts before, with or after b's (byte order); both
// read from the same first column.
int compare_keys(const RowKey& a, const RowKey& b) {
  assert(a.first == b.first && a.count == b.count);
  for (int part = a.first; part < a.count; ++part)
    if (int order = a.parts[part].compare(b.parts[part]); order != 0) return order;
  return 0;
}

}  // namespace

AbrPoint read_point(const Statement& row, int lon_column, int lat_column) {
  AbrPoint point;
  auto lon = row.column_text(lon_column);
  auto lat = row.column_text(lat_column);
  if (lon.empty() || lat.empty()) return point;
  auto lon_end = grammars::read_double(lon.data(), lon.data() + lon.size(), point.lon);
  auto lat_end = grammars::read_double(lat.data(), lat.data() + lat.size(), point.lat);
  point.known = lon_end.ec == std::errc() && lat_end.ec == std::errc();
  return point;
}

bool place_less(const NumberedPlace& a, const NumberedPlace& b) {
  return a.town_and_first != b.town_and_first ? a.town_and_first < b.town_and_first
                                              : a.second_and_third < b.second_and_third;
}

// The centroid of the known points of one town's places, summed blocks,
// residences, parcels in their sorted order.
void set_centroid(TownPlaces& numbered) {
  double lat_sum = 0, lon_sum = 0;
  std::uint32_t points = 0;
  for (const auto* places : {&numbered.blocks, &numbered.residences, &numbered.parcel_places}) {
    for (const NumberedPlace& place : *places) {
      if (!place.point.known) continue;
      lat_sum += place.point.lat;
      lon_sum += place.point.lon;
      ++points;
    }
  }
  if (points > 0) numbered.centroid = AbrPoint{lon_sum / points, lat_sum / points, true};
}

std::size_t TownPlaces::memory_bytes() const {
  std::size_t bytes = sizeof(TownPlaces);
  for (const auto* numbered : {&blocks, &residences, &parcel_places})
    bytes += numbered->capacity() * sizeof(NumberedPlace);
  return bytes;
}

void walk_numbered_rows(const RegistryDb& db, std::string_view lg_code,
                        std::string_view machiaza_id, const NumberedRowSink& sink) {
  const int form = machiaza_id.empty() ? 0 : 1;
  for (const auto& source : kNumberedSources) {
    Statement rows = db.prepare(source.places_sql[form]);
    rows.bind_text(1, lg_code);
    if (form == 1) rows.bind_text(2, machiaza_id);
    // No place of this kind (a 町字 of 地番 has no block): its positions,
    // if any, are of none, and are not read.
    if (!rows.step()) continue;
    Statement positions = db.prepare(source.positions_sql[form]);
    positions.bind_text(1, lg_code);
    if (form == 1) positions.bind_text(2, machiaza_id);
    // One 町字's rows: its machiaza_id is bound, not read (nor compared).
    const int key_from = form;
    bool position_row = positions.step();
    RowKey position_key;
    if (position_row) position_key = key_of(positions, key_from, source.ids);
    const int first_number = 1 + source.ids;
    do {
      // The row's position, if any: the positions before it are of no place.
      const RowKey row_key = key_of(rows, key_from, source.ids);
      int order = 1;
      while (position_row && (order = compare_keys(position_key, row_key)) < 0) {
        position_row = positions.step();
        if (position_row) position_key = key_of(positions, key_from, source.ids);
      }
      std::uint32_t numbers[3];
      if (!read_number(rows.column_text(first_number), numbers[0]) ||
          !read_number(rows.column_text(first_number + 1), numbers[1]) ||
          !read_number(rows.column_text(first_number + 2), numbers[2]))
        continue;
      const AbrPoint point = position_row && order == 0
                                 ? read_point(positions, first_number, first_number + 1)
                                 : AbrPoint{};
      sink(form == 1 ? machiaza_id : row_key.parts[0], source.kind, numbers, point);
    } while (rows.step());
  }
}

bool has_town_numbers(const RegistryDb& db) {
  return db.has_table(kTownNumbersTable);
}

TownPlaces read_town_numbers(const RegistryDb& db, std::string_view lg_code,
                             std::string_view machiaza_id, std::uint32_t town) {
  Statement row =
      db.prepare("SELECT places FROM abr_town_numbers WHERE lg_code = ?1 AND machiaza_id = ?2");
  row.bind_text(1, lg_code);
  row.bind_text(2, machiaza_id);
  if (!row.step()) return {};
  std::optional<TownPlaces> numbered = unpack_town_places(row.column_blob(0), town);
  if (!numbered) throw not_a_packing(db, lg_code, machiaza_id);
  return std::move(*numbered);
}

TownPlaces read_town_numbers_at(const RegistryDb& db, std::int64_t row, std::string_view lg_code,
                                std::string_view machiaza_id, std::uint32_t town) {
  assert(row > 0);
  Statement select =
      db.prepare("SELECT lg_code, machiaza_id, places FROM abr_town_numbers WHERE id = ?1");
  select.bind_int64(1, row);
  if (!select.step() || select.column_text(0) != lg_code || select.column_text(1) != machiaza_id)
    return read_town_numbers(db, lg_code, machiaza_id, town);
  std::optional<TownPlaces> numbered = unpack_town_places(select.column_blob(2), town);
  if (!numbered) throw not_a_packing(db, lg_code, machiaza_id);
  return std::move(*numbered);
}

RegistryError not_a_packing(const RegistryDb& db, std::string_view lg_code,
                            std::string_view machiaza_id) {
  return RegistryError(db.path().string() + ", 町字 " + std::string(lg_code) + " " +
                       std::string(machiaza_id) +
                       ": abr_town_numbers holds bytes that are not a 町字's numbered places "
                       "(rebuild the registry with `gifkit registry build`)");
}

void walk_city_numbers(const RegistryDb& db, std::string_view lg_code,
                       const std::function<void(std::string_view, std::string_view)>& sink) {
  Statement rows = db.prepare(
      "SELECT machiaza_id, places FROM abr_town_numbers WHERE lg_code = ?1 ORDER BY machiaza_id");
  rows.bind_text(1, lg_code);
  while (rows.step()) sink(rows.column_text(0), rows.column_blob(1));
}

std::optional<Provenance> build_town_numbers(RegistryDb& db) {
  assert(db.in_transaction());
  db.execute(
      // A rowid table and an index of the keys, not a WITHOUT ROWID table:
      // there a row is its key, and every comparison of a search reads the
      // whole row, overflow pages of a ~12 KB packing included — 42 page
      // reads a 町字 at SCALE 0.2, against 3.4 this way (docs/performance.md).
      "DROP TABLE IF EXISTS abr_town_numbers;"
      "CREATE TABLE abr_town_numbers (id INTEGER PRIMARY KEY, lg_code TEXT NOT NULL, "
      "machiaza_id TEXT NOT NULL, places BLOB NOT NULL);"
      "DELETE FROM provenance WHERE source_kind = 'abr-town-numbers'");
  std::vector<std::string> cities;
  {
    Statement select =
        db.prepare("SELECT lg_code FROM abr_city UNION SELECT lg_code FROM abr_town ORDER BY 1");
    while (select.step()) cities.emplace_back(select.column_text(0));
  }
  Statement insert =
      db.prepare("INSERT INTO abr_town_numbers (lg_code, machiaza_id, places) VALUES (?1, ?2, ?3)");
  std::int64_t rows = 0;
  for (const std::string& city : cities) {
    // Each 町字's rows in the order its own read gives them, then sorted as
    // that read sorts them: the places packed are the places read.
    std::map<std::string, TownPlaces, std::less<>> towns;
    walk_numbered_rows(db, city, {},
                       [&towns](std::string_view machiaza_id, int kind,
                                const std::uint32_t(&numbers)[3], const AbrPoint& point) {
                         auto town = towns.find(machiaza_id);
                         if (town == towns.end())
                           town = towns.emplace(std::string(machiaza_id), TownPlaces{}).first;
                         NumberedPlace place;
                         place.town_and_first = numbers[0];
                         place.second_and_third = (std::uint64_t{numbers[1]} << 32) | numbers[2];
                         place.point = point;
                         (town->second.*kNumberedLists[kind]).push_back(place);
                       });
    for (auto& [machiaza_id, numbered] : towns) {
      for (const auto list : kNumberedLists)
        std::sort((numbered.*list).begin(), (numbered.*list).end(), place_less);
      insert.bind_text(1, city);
      insert.bind_text(2, machiaza_id);
      insert.bind_blob(3, pack_town_places(numbered));
      insert.run_and_reset();
      ++rows;
    }
  }
  // Made after the rows, which came in its order.
  db.execute(
      "CREATE UNIQUE INDEX abr_town_numbers_by_town ON abr_town_numbers (lg_code, machiaza_id)");
  if (rows == 0) return std::nullopt;
  return record_derived_table(db, "abr_rsdt_blk, abr_rsdt, abr_parcel and their positions",
                              "abr-town-numbers", kTownNumbersTable, rows);
}

}  // namespace gifkit::registries::abr
