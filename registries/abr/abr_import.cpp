// abr_import.cpp — see abr_import.hpp: the schema (built from abr_tables(),
// so that tables, inserts and lookups cannot disagree about the columns) and
// import_abr_source, which opens each file or zip entry, reads its header,
// tells its kind, records its provenance and feeds its records to an
// AbrRowStore.
#include "registries/abr/abr_import.hpp"

#include <algorithm>

#include "grammars/csv_reader.hpp"
#include "registries/abr/abr_row_store.hpp"
#include "registries/abr/abr_source.hpp"
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

// The records of one source, the reader's errors collected per record.
class SourceRecords {
 public:
  explicit SourceRecords(SourceStream& source)
      : source_(source),
        reader_(source.file(), source.display_name(), {}, [this](const grammars::CsvError& error) {
          if (error_.empty()) error_ = error.message;
        }) {}

  // The next record, or false at the end. Throws RegistryError when the
  // input ended on a read error (a damaged zip, an unreadable file).
  bool next(grammars::CsvRecord& record) {
    error_.clear();
    if (reader_.next(record)) return true;
    if (!error_.empty() || source_.zip_read_failed())
      throw RegistryError(source_.display_name() + ": cannot be read to the end: " +
                          (error_.empty() ? std::string("read error") : error_));
    return false;
  }
  // Why the record just read is malformed ("" when it is not).
  std::string malformed_reason(const grammars::CsvRecord& record) const {
    return record.malformed ? (error_.empty() ? std::string("malformed record") : error_) : "";
  }

 private:
  SourceStream& source_;
  grammars::CsvReader reader_;
  std::string error_;
};

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
  SourceRecords records(source);
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
    first_reason = has_first ? records.malformed_reason(first) : "";
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
  ImportedSource imported;
  imported.ignored_columns = binding.ignored_columns;
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
  while (records.next(record))
    store.add(record.fields, record.line, records.malformed_reason(record));
  provenance.row_count = store.rows();
  provenance.rejected_count = store.rejected();
  db.finish_provenance(provenance.id, provenance.row_count, provenance.rejected_count, "");
  imported.duplicates = store.duplicates();
  imported.first_duplicate_line = store.first_duplicate_line();
  imported.swapped_positions = store.swapped_positions();
  return imported;
}

// A registry that holds no data table yet (only meta and provenance: a new
// build of ABR files alone) is rewritten with 16 KiB pages before the ABR
// tables are made: fewer, larger B-tree pages for the bulk inserts (about
// 10 % less CPU for the real ABR files than SQLite's default 4 KiB; 8 KiB
// gains half of it, 32 KiB no more). A registry with other tables (a build
// that mixes 法人番号 sources) keeps its pages. The VACUUM that changes the
// page size (RegistryDb::set_page_size) copies only the meta rows here.
void use_large_pages_when_empty(RegistryDb& db) {
  {
    Statement other_table = db.prepare(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT IN ('meta', "
        "'provenance')");
    if (other_table.step()) return;
  }
  db.set_page_size(16384);
}

}  // namespace

void create_abr_tables(RegistryDb& db) {
  use_large_pages_when_empty(db);
  std::string sql;
  for (const auto& table : abr_tables()) sql += table_sql(table);
  db.execute(sql);
}

bool has_abr_tables(const RegistryDb& db) {
  Statement select =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'abr_town'");
  return select.step();
}

std::vector<ImportedSource> import_abr_source(RegistryDb& db, const std::filesystem::path& path,
                                              const RejectedRowHandler& on_rejected,
                                              const AbrKind* kind) {
  std::vector<std::string> entries = {""};
  if (is_zip_source(path)) {
    entries = zip_csv_entries(path);
    if (entries.empty()) throw NotAbrSource(path.string() + ": the zip archive holds no .csv");
  }
  std::string checksum = sha256_of_file(path);
  std::vector<ImportedSource> imported;
  for (const auto& entry : entries)
    imported.push_back(import_entry(db, path, entry, checksum, on_rejected, kind));
  return imported;
}

}  // namespace gifkit::registries::abr
