// houjin_csv.cpp — see houjin_csv.hpp: the schema, and import_houjin_source,
// which opens each source (or zip entry), tells its kind, records its
// provenance and hands it to the reader of that kind (houjin_csv_rows.hpp,
// houjin_xml.hpp). The schema is built from kHoujinColumns so that the
// tables, the inserts (houjin_store.cpp) and the lookups (houjin_lookup.cpp)
// can never disagree about the columns.
#include "registries/houjin/import/houjin_csv.hpp"

#include <cassert>
#include <memory>

#include "grammars/values/date.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"
#include "registries/houjin/import/houjin_csv_rows.hpp"
#include "registries/houjin/import/houjin_xml.hpp"
#include "registries/houjin/names/houjin_search.hpp"

namespace gifkit::registries::houjin {
namespace {

std::string column_definitions() {
  std::string definitions;
  for (const auto& column : kHoujinColumns) {
    if (column.sql_name == "corporate_number") continue;
    definitions += "  " + std::string(column.sql_name) + " TEXT,\n";
  }
  return definitions;
}

// The kind of one source: the one given, or the one its content shows.
HoujinSourceKind kind_of(const std::filesystem::path& path, const std::string& entry,
                         HoujinSourceKind given) {
  if (given != HoujinSourceKind::automatic) return given;
  SourceStream head(path, entry);
  SourceKindGuess guess = detect_houjin_source_kind(head);
  if (guess.kind != HoujinSourceKind::automatic) return guess.kind;
  throw NotHoujinSource(head.display_name() + ": not a recognised registry source: not " +
                        std::string(kHoujinSourcesExpected) + ": " + guess.first_record);
}

// What reading a source told besides its rows: a Web-API answer's header,
// or why a 30-column CSV is not a whole day's diff.
struct RowsRead {
  AnswerHeader header;        // empty for the 30-column CSV
  std::string not_whole_day;  // "" for a Web-API answer (its header's count is its check)
};

// Reads source as kind into store.
RowsRead read_rows(HoujinSourceKind kind, SourceStream& source, HoujinRowStore& store) {
  switch (kind) {
    case HoujinSourceKind::xml:
      return {read_houjin_xml_rows(source, store), ""};
    case HoujinSourceKind::webapi_csv:
      return {read_houjin_webapi_csv_rows(source, store), ""};
    default:
      return {{}, read_houjin_csv_rows(source, store)};
  }
}

// Imports one source (a file, or an entry of a zip) as kind (its own when
// automatic): its provenance row, its rows into corporation_history, and its
// data date — the date in its name, else the answer header's, else its
// newest update date.
Provenance import_entry(RegistryDb& db, const std::filesystem::path& path, const std::string& entry,
                        const std::string& checksum, const RejectedRowHandler& on_rejected,
                        HoujinSourceKind kind, StateOrder order, HistoryRows history) {
  HoujinSourceKind entry_kind = kind_of(path, entry, kind);
  SourceStream source(path, entry);
  Provenance provenance;
  provenance.source_file = source.display_name();
  provenance.sha256 = checksum;
  provenance.imported_at = utc_timestamp_now();
  provenance.source_kind = source_kind_name(entry_kind);
  provenance.table_name = "corporation_history";
  provenance.id = db.add_provenance(provenance);
  HoujinRowStore store(db, provenance.id, source.display_name(), on_rejected, order, history);
  auto [header, not_whole_day] = read_rows(entry_kind, source, store);
  provenance.not_whole_day = std::move(not_whole_day);
  // The rows it holds in corporation_history (registry verify counts them).
  provenance.row_count = store.rows() - store.already_in_history();
  provenance.already_stored_count = store.already_in_history();
  provenance.rejected_count = store.rejected();
  provenance.data_date = date_in_file_name(entry.empty() ? path.string() : entry);
  if (provenance.data_date.empty() && grammars::parse_iso_date(header.last_update_date))
    provenance.data_date = header.last_update_date;
  if (provenance.data_date.empty()) provenance.data_date = store.newest_update_date();
  db.finish_provenance(provenance.id, provenance.row_count, provenance.rejected_count,
                       provenance.data_date);
  return provenance;
}

// A 法人番号 source: the first data entry (or the file) is of a known kind.
Recognition recognise_houjin(const std::filesystem::path& path) {
  std::string entry;
  if (is_zip_source(path)) {
    std::vector<std::string> entries = zip_data_entries(path);
    if (entries.empty()) return {false, "the zip archive holds no .csv or .xml"};
    entry = entries.front();
  }
  std::unique_ptr<SourceStream> head;
  try {
    head = std::make_unique<SourceStream>(path, entry);
  } catch (const RegistryError&) {
    return {false, "cannot be read"};
  }
  SourceKindGuess guess = detect_houjin_source_kind(*head);
  if (guess.kind != HoujinSourceKind::automatic) return {true, ""};
  return {false, guess.first_record};
}

std::vector<ImportedSource> import_as(RegistryDb& db, const std::filesystem::path& path,
                                      std::string_view kind,
                                      const RejectedRowHandler& on_rejected) {
  HoujinSourceKind source_kind = HoujinSourceKind::automatic;
  if (!kind.empty()) source_kind = *parse_source_kind(kind);
  std::vector<ImportedSource> imported;
  for (auto& provenance : import_houjin_source(db, path, on_rejected, source_kind)) {
    std::string summary = std::to_string(provenance.row_count) + " rows imported, " +
                          std::to_string(provenance.rejected_count) + " rejected";
    imported.push_back({std::move(provenance), std::move(summary)});
  }
  return imported;
}

std::vector<ImportedSource> finish(RegistryDb& db) {
  assert(db.in_transaction());  // source_importer.hpp: finish runs inside the transaction
  create_houjin_indexes(db);
  return {};
}

}  // namespace

std::string date_in_file_name(const std::string& name) {
  std::string base = std::filesystem::path(name).filename().string();
  std::size_t i = 0;
  while (i < base.size()) {
    std::size_t run_end = i;
    while (run_end < base.size() && base[run_end] >= '0' && base[run_end] <= '9') ++run_end;
    if (run_end - i == 8) {
      std::string iso =
          base.substr(i, 4) + "-" + base.substr(i + 4, 2) + "-" + base.substr(i + 6, 2);
      if (grammars::parse_iso_date(iso) && (iso[0] == '1' || iso[0] == '2')) return iso;
    }
    i = run_end == i ? i + 1 : run_end;
  }
  return {};
}

void create_houjin_tables(RegistryDb& db) {
  // The corporate number is the rowid (13 digits, never a leading 0: the
  // check digit comes first and is 1–9): a lookup descends a tree of
  // integers, whose inner pages stay in the page cache, to one leaf. Text
  // bound to it is compared as a number; column_text gives the digits back.
  db.execute("CREATE TABLE IF NOT EXISTS corporation (\n  corporate_number INTEGER PRIMARY KEY,\n" +
             column_definitions() +
             "  provenance_id INTEGER REFERENCES provenance(id)\n);\n"
             "CREATE TABLE IF NOT EXISTS corporation_history (\n"
             "  id INTEGER PRIMARY KEY,\n"
             "  provenance_id INTEGER REFERENCES provenance(id),\n"
             "  line INTEGER,\n  imported_order INTEGER,\n  corporate_number TEXT NOT NULL,\n" +
             column_definitions().substr(0, column_definitions().size() - 2) + "\n);\n");
}

void create_history_indexes(RegistryDb& db) {
  db.execute(
      "CREATE INDEX IF NOT EXISTS corporation_history_by_number "
      "ON corporation_history(corporate_number);"
      "CREATE INDEX IF NOT EXISTS corporation_history_by_update_date "
      "ON corporation_history(update_date);");
}

void create_houjin_indexes(RegistryDb& db) {
  create_history_indexes(db);
  build_name_search_index(db);
}

std::vector<Provenance> import_houjin_source(RegistryDb& db, const std::filesystem::path& path,
                                             const RejectedRowHandler& on_rejected,
                                             HoujinSourceKind kind, StateOrder order,
                                             HistoryRows history) {
  assert(db.in_transaction());  // houjin_csv.hpp: must run inside a transaction
  return import_source_entries<NotHoujinSource>(
      path, &zip_data_entries, ".csv or .xml",
      [&](const std::string& entry, const std::string& checksum) {
        return import_entry(db, path, entry, checksum, on_rejected, kind, order, history);
      });
}

// No page size of its own (page_size 0): lookups by number on 16 KiB pages
// took the same CPU as on 4 KiB (fewer B-tree levels, more bytes copied a
// read; docs/performance.md), so a build that mixes corporations with ABR or
// character data takes those importers' 16 KiB pages.
SourceImporter houjin_importer() {
  SourceImporter importer(kHoujinSourcesExpected, &recognise_houjin, &create_houjin_tables,
                          &import_as, &finish);
  for (auto kind : {HoujinSourceKind::csv, HoujinSourceKind::webapi_csv, HoujinSourceKind::xml})
    importer.kinds.push_back(source_kind_name(kind));
  return importer;
}

}  // namespace gifkit::registries::houjin
