// abr_source.hpp — telling an Address Base Registry file from other sources
// and its table kind from its header row (the file name only as a hint),
// and binding the header's names (English, the older Japanese headers, the
// 2022 trial's snake names) to the registry table's columns.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "registries/abr/abr_columns.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/db/source_importer.hpp"

namespace gifkit::registries::abr {

// A file that is not an ABR table (no recognisable header), or whose header
// lacks a key column of its kind. what() names the file.
class NotAbrSource : public NotRegistrySource {
 public:
  using NotRegistrySource::NotRegistrySource;
};

// The kind a file name announces (mt_town_pref30.csv, mt_parcel_pos_city302015.csv.zip,
// mt_town_all.csv…: FORMAT.md's naming), or nullptr.
const AbrKind* kind_from_file_name(std::string_view file_name);

// The kind a header row shows, or nullptr when it is not an ABR header
// (no lg_code column under any of its names). The position tables of
// prefectures and cities have the same columns: file_hint (the kind the
// file name announces, may be null) decides, else first_lg_code (the first
// data row's code: a prefecture's code has 000 in digits 3–5).
const AbrKind* kind_from_header(const std::vector<std::string_view>& header,
                                const AbrKind* file_hint, std::string_view first_lg_code);

// True when kind_from_header cannot decide without the first data row.
bool header_needs_first_row(const std::vector<std::string_view>& header, const AbrKind* file_hint);

// Where each column of a table is in a file.
struct HeaderBinding {
  std::vector<int> field_of_column;          // per AbrTable::columns: field index, -1 absent
  std::vector<std::string> ignored_columns;  // header names that are no ABR column
  std::size_t field_count = 0;               // fields per record (the header's)
};

// Binds header to kind's table by name. Throws NotAbrSource naming file when
// a key column is missing.
HeaderBinding bind_header(const AbrKind& kind, const std::vector<std::string_view>& header,
                          const std::string& file);

// True when path (a file, or the first .csv entry of a zip) looks like an ABR
// table: its name announces a kind, or its first line names lg_code (or
// 全国地方公共団体コード). Does not throw for unreadable files (false).
bool looks_like_abr_source(const std::filesystem::path& path);

}  // namespace gifkit::registries::abr
