// houjin_csv.hpp — the importer of the National Tax Agency's 法人番号 data
// into the registry tables `corporation` (latest state per corporate number)
// and `corporation_history` (every imported row): the 30-column headerless
// CSV (bulk 全件 and daily 差分 files), Web-API CSV answers (v1–v4, with
// their count line) and the NTA XML (files and Web-API type=12 answers);
// UTF-8 or Shift_JIS/CP932; plain or zipped. The kind of each source is
// detected from its content unless given. Every row is checked while
// importing; a bad row is reported and skipped, and the import goes on.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/db/source_importer.hpp"
#include "registries/houjin/import/houjin_source.hpp"
#include "registries/houjin/import/houjin_store.hpp"

namespace gifkit::registries::houjin {

// Creates the corporation and corporation_history tables when they do not
// exist yet. The one place the 法人番号 schema is written.
void create_houjin_tables(RegistryDb& db);
// Creates the lookup indexes. A bulk build calls it after the import
// (building an index once is faster than keeping it up to date row by row),
// including the name index (build_name_search_index).
void create_houjin_indexes(RegistryDb& db);
// Creates the indexes of corporation_history that are missing: by corporate
// number (a corporation's history) and by updateDate (the change feed,
// change_feed.hpp). Part of create_houjin_indexes; an update calls it too,
// so that a registry built before the updateDate index gets it.
void create_history_indexes(RegistryDb& db);

// "2021-07-14" from a file name such as diff_20210714.csv or
// 13_tokyo_all_20240329.zip (the first run of exactly 8 digits that is a
// date); "" when the name holds no date. The data date recorded in
// provenance, when the name has one.
std::string date_in_file_name(const std::string& name);

// Imports one source file: a CSV or XML file, or every .csv and .xml entry of
// a zip archive (one provenance row per entry read, source_kind naming the
// kind read). kind automatic detects each file's kind from its content
// (detect_houjin_source_kind); another kind reads every file as that kind.
// Must run inside a transaction on a registry where create_houjin_tables
// ran. Throws NotHoujinSource when a file is not recognised (automatic) or
// not of the kind given where that shows at once (an XML root), RegistryError
// when the file cannot be read; rejected rows go to on_rejected and are
// counted. The provenance data date is the YYYYMMDD in the file (or entry)
// name, else the answer's lastUpdateDate, else the newest updateDate.
// order: how its rows meet the states stored already; history: which rows
// go to corporation_history (houjin_store.hpp).
std::vector<Provenance> import_houjin_source(RegistryDb& db, const std::filesystem::path& path,
                                             const RejectedRowHandler& on_rejected,
                                             HoujinSourceKind kind = HoujinSourceKind::automatic,
                                             StateOrder order = StateOrder::as_read,
                                             HistoryRows history = HistoryRows::every_row);

// The 法人番号 importer's entry in the registry's importer list
// (source_importer.hpp): import_houjin_source, then create_houjin_indexes.
SourceImporter houjin_importer();

}  // namespace gifkit::registries::houjin
