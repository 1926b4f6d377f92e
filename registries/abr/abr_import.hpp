// abr_import.hpp — the importer of the Address Base Registry (アドレス・ベース・
// レジストリ) files into the registry tables abr_pref … abr_parcel_pos (one
// table per ABR table, see abr_columns.hpp and docs/registry.md): plain or
// zipped CSV, current English headers or the older Japanese ones (columns
// bound by name, not position), the table kind told by the header row (the
// file name as a hint) unless given. Every row is checked; a bad row is
// reported with its file and line and skipped, and the import goes on. A
// row whose key is already stored is a duplicate: skipped and counted (the
// published files hold exact duplicates), the first row kept.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "registries/abr/abr_columns.hpp"
#include "registries/db/packed_table.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/db/rejected_row.hpp"
#include "registries/db/source_importer.hpp"

namespace gifkit::registries::abr {

// Creates the ABR tables (all twelve, with their unique key indexes) when
// they do not exist yet. The one place the ABR schema is written.
void create_abr_tables(RegistryDb& db);

// The packed table of table (AbrTable::packed_per_town): provenance_id and
// its columns, keyed as the table, grouped by lg_code and machiaza_id.
PackedTableSpec packed_table_spec(const AbrTable& table);

// True when the registry holds the ABR tables.
bool has_abr_tables(const RegistryDb& db);

// Imports one source file: a CSV, or every .csv entry of a zip (one
// provenance row per entry; the summary names the kind, the table, the
// counts, the duplicate keys skipped, the positions swapped back and the
// columns ignored). kind nullptr tells each file's kind from its
// header (abr_source.hpp); a kind given reads every file as that kind.
// Must run inside a transaction on a registry where create_abr_tables ran.
// Throws NotAbrSource when a file is not an ABR table (or lacks a key
// column), RegistryError when it cannot be read to the end (a damaged zip).
std::vector<ImportedSource> import_abr_source(RegistryDb& db, const std::filesystem::path& path,
                                              const RejectedRowHandler& on_rejected,
                                              const AbrKind* kind = nullptr);

// After every source is imported: derives 住居表示 blocks (abr_rsdt_blk and
// abr_rsdt_blk_pos, derived = 1) from the residences of the cities for which
// no block file was imported (see abr_derive.cpp), recording each derivation
// in provenance, then creates the lookup indexes and makes anew the R*Tree
// of reverse geocoding (abr_point_cells, point_cells.hpp) with a
// provenance row of kind abr-point-index, and abr_town_numbers (each
// 町字's numbered places in one row, numbered_places.hpp) with one of kind
// abr-town-numbers, and abr_city_towns (each city's 町字 in one row,
// city_towns.hpp) with one of kind abr-city-towns. Returns the provenance rows it
// added (none when there were no residences to derive from and no
// positions).
std::vector<ImportedSource> finish_abr_import(RegistryDb& db);

// Records a table the build derived whole (rows > 0): a provenance row of
// kind, naming what it was derived from, finished with its count.
Provenance record_derived_table(RegistryDb& db, const std::string& derived_from,
                                const std::string& kind, std::string_view table, std::int64_t rows);

// The ABR importer's entry in the registry's importer list (source_importer.hpp).
SourceImporter abr_importer();

}  // namespace gifkit::registries::abr
