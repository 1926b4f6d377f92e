// abr_import.cpp — see abr_import.hpp: the schema (built from abr_tables(),
// so that tables, inserts and lookups cannot disagree about the columns) and
// import_abr_source, which opens each file or zip entry, reads its header,
// tells its kind, records its provenance and feeds its records to an
// AbrRowStore.
#include "registries/abr/abr_import.hpp"

#include <algorithm>
#include <cassert>

#include "grammars/io/csv_reader.hpp"
#include "registries/abr/abr_row_store.hpp"
#include "registries/abr/abr_source.hpp"
#include "registries/db/read_ahead_records.hpp"
#include "registries/db/source_files.hpp"

namespace gifkit::registries::abr {
namespace {

// A table keyed by its ABR key (WITHOUT ROWID: one B-tree, rows in key order).
std::string table_sql(const AbrTable& table) {
  std::string sql = "CREATE TABLE IF NOT EXISTS " + std::string(table.name) +
                    " (\n  provenance_id INTEGER REFERENCES provenance(id)";
  for (auto column : table.columns) {
    bool key = std::find(table.key.begin(), table.key.end(), column) != table.key.end();
    sql += ",\n  " + std::string(column) + (key ? " TEXT NOT NULL" : " TEXT");
  }
  for (auto column : table.extra_columns)
    sql += ",\n  " + std::string(column) +
           (column == "derived" ? " INTEGER NOT NULL DEFAULT 0" : " TEXT");
  sql += ",\n  PRIMARY KEY (";
  for (std::size_t i = 0; i < table.key.size(); ++i)
    sql += (i ? ", " : "") + std::string(table.key[i]);
  return sql + ")\n) WITHOUT ROWID;\n";
}

std::string header_summary(const std::vector<std::string_view>& header) {
  std::string summary;
  for (std::size_t i = 0; i < header.size() && i < 4; ++i)
    summary += (i ? "," : "") + std::string(header[i]);
  return summary + (header.size() > 4 ? ",…" : "");
}

ImportedSource import_entry(RegistryDb& db, const std::filesystem::path& path,
                            const std::string& entry, const std::string& checksum,
                            const RejectedRowHandler& on_rejected, const AbrKind* given) {
  SourceStream source(path, entry);
  const std::string& name = source.display_name();
  // Decompressed and parsed on the second core, ahead of the checks and the
  // writes (read_ahead_records.hpp).
  ReadAheadRecords records(source);
  grammars::CsvRecord header_record;
  if (!records.next(header_record))
    throw NotAbrSource(name + ": the file is empty (an ABR table starts with a header row)");
  std::vector<std::string> header_names(header_record.fields.begin(), header_record.fields.end());
  std::vector<std::string_view> header(header_names.begin(), header_names.end());
  const AbrKind* hint = kind_from_file_name(
      (entry.empty() ? path : std::filesystem::path(entry)).filename().string());
  grammars::CsvRecord first;
  bool has_first = false;
  std::string first_reason;
  if (given == nullptr && header_needs_first_row(header, hint)) {
    has_first = records.next(first);
    first_reason = has_first ? records.malformed_reason() : "";
  }
  const AbrKind* kind = given;
  if (kind == nullptr) {
    kind = kind_from_header(
        header, hint, has_first && !first.fields.empty() ? first.fields[0] : std::string_view());
  }
  if (kind == nullptr) {
    throw NotAbrSource(name + ": not an ABR table: its header row (" + header_summary(header) +
                       ") names no lg_code (全国地方公共団体コード) column");
  }
  HeaderBinding binding = bind_header(*kind, header, name);
  std::vector<std::string> ignored_columns = binding.ignored_columns;
  ImportedSource imported;
  Provenance& provenance = imported.provenance;
  provenance.source_file = name;
  provenance.sha256 = checksum;
  provenance.imported_at = utc_timestamp_now();
  provenance.source_kind = kind->name;
  provenance.table_name = kind->table->name;
  provenance.id = db.add_provenance(provenance);
  AbrRowStore store(db, *kind, std::move(binding), provenance.id, name, on_rejected);
  if (has_first) store.add(first.fields, first.line, first_reason);
  grammars::CsvRecord record;
  while (records.next(record)) store.add(record.fields, record.line, records.malformed_reason());
  store.finish();
  provenance.row_count = store.rows();
  provenance.rejected_count = store.rejected();
  db.finish_provenance(provenance.id, provenance.row_count, provenance.rejected_count, "");
  imported.summary = std::string(kind->name) + ", " + std::to_string(provenance.row_count) +
                     " rows imported into " + provenance.table_name + ", " +
                     std::to_string(provenance.rejected_count) + " rejected";
  if (store.duplicates() > 0) {
    imported.summary += ", " + std::to_string(store.duplicates()) +
                        " duplicate keys skipped (the first row kept; first duplicate at line " +
                        std::to_string(store.first_duplicate_line()) + ")";
  }
  if (store.swapped_positions() > 0) {
    imported.summary +=
        ", " + std::to_string(store.swapped_positions()) + " positions with lon/lat swapped back";
  }
  if (!ignored_columns.empty()) {
    imported.summary += "; columns ignored (not ABR columns):";
    for (const auto& column : ignored_columns) imported.summary += " " + column;
  }
  return imported;
}

// Recognition of an ABR table (registry's importer list): its name announces
// a kind, or its header row names lg_code.
Recognition recognise_abr(const std::filesystem::path& path) {
  return {looks_like_abr_source(path), ""};
}

std::vector<ImportedSource> import_as(RegistryDb& db, const std::filesystem::path& path,
                                      std::string_view kind,
                                      const RejectedRowHandler& on_rejected) {
  return import_abr_source(db, path, on_rejected, kind.empty() ? nullptr : find_kind(kind));
}

}  // namespace

PackedTableSpec packed_table_spec(const AbrTable& table) {
  assert(table.packed_per_town && table.extra_columns.empty());
  PackedTableSpec spec;
  spec.name = std::string(table.name);
  spec.columns.emplace_back("provenance_id INTEGER");
  for (auto column : table.columns) {
    bool key = std::find(table.key.begin(), table.key.end(), column) != table.key.end();
    spec.columns.push_back(std::string(column) + (key ? " TEXT NOT NULL" : " TEXT"));
  }
  spec.key.assign(table.key.begin(), table.key.end());
  spec.group = 2;  // lg_code, machiaza_id
  assert(table.key.size() > 2 && table.key[0] == "lg_code" && table.key[1] == "machiaza_id");
  return spec;
}

void create_abr_tables(RegistryDb& db) {
  std::string sql;
  for (const auto& table : abr_tables())
    sql += table.packed_per_town ? packed_table_sql(packed_table_spec(table)) + ";\n"
                                 : table_sql(table);
  db.execute(sql);
}

bool has_abr_tables(const RegistryDb& db) {
  return db.has_table("abr_town");
}

std::vector<ImportedSource> import_abr_source(RegistryDb& db, const std::filesystem::path& path,
                                              const RejectedRowHandler& on_rejected,
                                              const AbrKind* kind) {
  assert(db.in_transaction());  // abr_import.hpp: must run inside a transaction
  return import_source_entries<NotAbrSource>(
      path, &zip_csv_entries, ".csv", [&](const std::string& entry, const std::string& checksum) {
        return import_entry(db, path, entry, checksum, on_rejected, kind);
      });
}

// A build with ABR files gets 16 KiB pages: fewer, larger B-tree pages for
// the bulk inserts (about 10 % less CPU for the real ABR files than SQLite's
// default 4 KiB; 8 KiB gains half of it, 32 KiB no more), and a 町字's packed
// numbers (abr_town_numbers, up to ~12 KB) in one page read instead of four
// overflow pages, which halved the p99 of cold lookups at SCALE 0.2
// (docs/performance.md, "16 KiB pages for the whole registry").
SourceImporter abr_importer() {
  SourceImporter importer(
      "an Address Base Registry table (a CSV whose header row names lg_code, "
      "全国地方公共団体コード)",
      &recognise_abr, &create_abr_tables, &import_as, &finish_abr_import);
  for (const auto& kind : abr_kinds()) importer.kinds.push_back(kind.name);
  importer.page_size = 16384;
  return importer;
}

}  // namespace gifkit::registries::abr
