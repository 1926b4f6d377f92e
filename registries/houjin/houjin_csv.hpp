// houjin_csv.hpp — the importer of the National Tax Agency's 法人番号 CSV
// (30 columns, no header; bulk 全件 and daily 差分 files; UTF-8 or
// Shift_JIS/CP932; plain or zipped) into the registry tables `corporation`
// (latest state per corporate number) and `corporation_history` (every
// imported row). Every row is checked while importing; a bad row is reported
// and skipped, and the import goes on.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::houjin {

// The source kind recorded in provenance.
inline constexpr std::string_view kHoujinSourceKind = "houjin-csv";

// A row that was reported and skipped. line is the 1-based physical line.
struct RejectedRow {
  std::string file;
  std::uint64_t line = 0;
  std::string reason;
};
using RejectedRowHandler = std::function<void(const RejectedRow&)>;

// A file that is not a 法人番号 CSV (its first record does not have 30
// fields with a valid corporate number in field 2).
class NotHoujinSource : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// Creates the corporation and corporation_history tables when they do not
// exist yet. The one place the 法人番号 schema is written.
void create_houjin_tables(RegistryDb& db);
// Creates the lookup indexes. A bulk build calls it after the import
// (building an index once is faster than keeping it up to date row by row),
// including the name index (build_name_search_index).
void create_houjin_indexes(RegistryDb& db);

// Why the record cannot be imported, or "" when it can: 30 fields, a
// corporate number with a valid check digit, a known process code, ISO
// dates, 0/1 flags, a valid successor number. fields are UTF-8.
std::string check_houjin_row(const std::vector<std::string_view>& fields);

// "2021-07-14" from a file name such as diff_20210714.csv or
// 13_tokyo_all_20240329.zip (the first run of exactly 8 digits that is a
// date); "" when the name holds no date. The data date recorded in
// provenance, when the name has one.
std::string date_in_file_name(const std::string& name);

// Imports one source file: a CSV, or every .csv entry of a zip archive (one
// provenance row per CSV read). Must run inside a transaction on a registry
// where create_houjin_tables ran. Throws NotHoujinSource when the first
// record does not look like a 法人番号 CSV, RegistryError when the file
// cannot be read; rejected rows go to on_rejected and are counted.
std::vector<Provenance> import_houjin_source(RegistryDb& db, const std::filesystem::path& path,
                                             const RejectedRowHandler& on_rejected);

}  // namespace gifkit::registries::houjin
