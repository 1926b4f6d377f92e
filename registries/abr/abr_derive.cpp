// abr_derive.cpp — finish_abr_import (abr_import.hpp): the 住居表示 blocks
// derived from the residences, and the lookup indexes.
//
// Blocks are derived per city (lg_code): a city with residences in abr_rsdt
// and no block imported from an mt_rsdtdsp_blk file gets one abr_rsdt_blk row
// per (lg_code, machiaza_id, blk_id) of its residences, with derived = 1: the
// names and codes shared by the block's residences (their smallest value),
// efct_date the earliest, ablt_date only when every residence is abolished
// (the latest). The same for positions: abr_rsdt_blk_pos gets the mean of
// the block's residence positions (rep_srid kept when they agree, else
// NULL). Each derivation is one provenance row (kind abr-rsdt-blk-derived,
// abr-rsdt-blk-pos-derived), so `registry verify` checks its count too.
//
// Then the R*Tree of reverse geocoding (point_cells.hpp), made anew on
// every build: one entry per 町字, kind and cell of the positions of
// residences, parcels and 町字 whose row is in the registry and not
// abolished (a position without its row has no address to give), recorded
// in provenance as kind abr-point-index.
// Last, abr_town_numbers (numbered_places.hpp): each 町字's numbered places
// packed in one row, what a cold 町字 of `address normalize` and `serve`
// reads; kind abr-town-numbers. Then abr_city_towns (city_towns.hpp): each
// city's 町字 in one row, what a cold city reads; kind abr-city-towns.
#include <cassert>
#include <optional>

#include "registries/abr/abr_import.hpp"
#include "registries/abr/city_towns.hpp"
#include "registries/abr/numbered_places.hpp"
#include "registries/abr/point_cells.hpp"

namespace gifkit::registries::abr {
namespace {

constexpr const char* kDeriveBlocks =
    "INSERT INTO abr_rsdt_blk(provenance_id, lg_code, machiaza_id, blk_id, city, ward, oaza_cho, "
    "chome, koaza, machiaza_dist, blk_num, rsdt_addr_flg, rsdt_addr_mtd_code, status_flg, "
    "efct_date, ablt_date, src_code, remarks, derived) "
    "SELECT ?1, lg_code, machiaza_id, blk_id, min(city), min(ward), min(oaza_cho), min(chome), "
    "min(koaza), min(machiaza_dist), min(blk_num), min(rsdt_addr_flg), min(rsdt_addr_mtd_code), "
    "min(status_flg), min(efct_date), "
    "CASE WHEN count(ablt_date) = count(*) THEN max(ablt_date) END, min(src_code), NULL, 1 "
    "FROM abr_rsdt WHERE lg_code NOT IN (SELECT lg_code FROM abr_rsdt_blk WHERE derived = 0) "
    "GROUP BY lg_code, machiaza_id, blk_id ORDER BY lg_code, machiaza_id, blk_id";

constexpr const char* kDeriveBlockPositions =
    "INSERT INTO abr_rsdt_blk_pos(provenance_id, lg_code, machiaza_id, blk_id, rsdt_addr_flg, "
    "rsdt_addr_mtd_code, rep_lon, rep_lat, rep_srid, derived) "
    "SELECT ?1, lg_code, machiaza_id, blk_id, min(rsdt_addr_flg), min(rsdt_addr_mtd_code), "
    "printf('%.9f', avg(CAST(rep_lon AS REAL))), printf('%.9f', avg(CAST(rep_lat AS REAL))), "
    "CASE WHEN min(rep_srid) = max(rep_srid) THEN min(rep_srid) END, 1 "
    "FROM abr_rsdt_pos WHERE rep_lon IS NOT NULL AND rep_lat IS NOT NULL AND lg_code NOT IN "
    "(SELECT lg_code FROM abr_rsdt_blk_pos WHERE derived = 0) "
    "GROUP BY lg_code, machiaza_id, blk_id ORDER BY lg_code, machiaza_id, blk_id";

constexpr const char* kLookupIndexes =
    "CREATE INDEX IF NOT EXISTS abr_town_by_town_key ON abr_town(lg_code, town_key);"
    "CREATE INDEX IF NOT EXISTS abr_town_by_kana_key ON abr_town(lg_code, town_kana_key);"
    "CREATE INDEX IF NOT EXISTS abr_town_by_city ON abr_town(city, ward);"
    "CREATE INDEX IF NOT EXISTS abr_city_by_city ON abr_city(city, ward);";

std::int64_t count_rows(const RegistryDb& db, const std::string& table) {
  Statement count = db.prepare("SELECT count(*) FROM " + table);
  count.step();
  return count.column_int64(0);
}

// Runs one derivation (sql binds the provenance id as ?1) under a provenance
// row of its own; drops that row again when nothing was derived.
std::optional<Provenance> derive(RegistryDb& db, const char* sql, const std::string& from,
                                 const std::string& kind, const std::string& table) {
  if (count_rows(db, from) == 0) return std::nullopt;
  Provenance provenance;
  provenance.source_file = "derived from " + from;
  provenance.imported_at = utc_timestamp_now();
  provenance.source_kind = kind;
  provenance.table_name = table;
  provenance.id = db.add_provenance(provenance);
  std::int64_t before = count_rows(db, table);
  Statement insert = db.prepare(sql);
  insert.bind_int64(1, provenance.id);
  insert.run_and_reset();
  provenance.row_count = count_rows(db, table) - before;
  if (provenance.row_count == 0) {
    Statement drop = db.prepare("DELETE FROM provenance WHERE id = ?1");
    drop.bind_int64(1, provenance.id);
    drop.run_and_reset();
    return std::nullopt;
  }
  db.finish_provenance(provenance.id, provenance.row_count, 0, "");
  return provenance;
}

}  // namespace

Provenance record_derived_table(RegistryDb& db, const std::string& derived_from,
                                const std::string& kind, std::string_view table,
                                std::int64_t rows) {
  assert(rows > 0);
  Provenance provenance;
  provenance.source_file = "derived from " + derived_from;
  provenance.imported_at = utc_timestamp_now();
  provenance.source_kind = kind;
  provenance.table_name = std::string(table);
  provenance.id = db.add_provenance(provenance);
  provenance.row_count = rows;
  db.finish_provenance(provenance.id, rows, 0, "");
  return provenance;
}

std::vector<ImportedSource> finish_abr_import(RegistryDb& db) {
  assert(db.in_transaction());  // source_importer.hpp: finish runs inside the transaction
  std::vector<ImportedSource> added;
  auto add = [&added](const std::optional<Provenance>& derived, const char* what) {
    if (!derived) return;
    added.push_back({*derived, std::to_string(derived->row_count) + " rows in " +
                                   derived->table_name + " (" + what + ")"});
  };
  const char* blocks = "blocks of the cities without a block file";
  add(derive(db, kDeriveBlocks, "abr_rsdt", "abr-rsdt-blk-derived", "abr_rsdt_blk"), blocks);
  add(derive(db, kDeriveBlockPositions, "abr_rsdt_pos", "abr-rsdt-blk-pos-derived",
             "abr_rsdt_blk_pos"),
      blocks);
  db.execute(kLookupIndexes);
  add(build_point_cells(db),
      "the cells of the positions of residences, parcels and 町字, for address reverse");
  add(build_town_numbers(db),
      "each 町字's numbered places with their positions, for address normalize");
  add(build_city_towns(db),
      "each city's 町字 with their names and readings, for address normalize");
  return added;
}

}  // namespace gifkit::registries::abr
