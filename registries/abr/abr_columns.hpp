// abr_columns.hpp — the Address Base Registry (アドレス・ベース・レジストリ)
// tables as the importer knows them: every column the published files use
// (its English name, the older Japanese header and the 2022 trial's snake
// name, what a value must look like), and every table kind (mt_pref …
// mt_parcel_pos) with the registry table it fills, its columns and its key.
// The column lists follow ../shared/data/abr/FORMAT.md; the registry tables
// use the English column names.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries::abr {

// What a value of a column must look like. Every check accepts "" unless
// the column is part of its table's key.
enum class ColumnCheck {
  text,          // anything
  lg_code,       // 全国地方公共団体コード: 6 digits with a valid check digit
  machiaza_id,   // 7 digits
  three_digits,  // blk_id, rsdt_id: "001"
  digits,        // any run of ASCII digits (rsdt2_id, scales, years, chome_number…)
  prc_id,        // 15 digits (prc_num1..3 each zero-padded to 5)
  date,          // YYYY-MM-DD
  code,          // one ASCII digit among ColumnSpec::codes
  post_code,     // 7 digits
  decimal,       // a decimal number (longitude, latitude)
  srid,          // EPSG:NNNN
};

struct ColumnSpec {
  std::string_view name;      // the current English header and the registry column
  std::string_view japanese;  // the Japanese header of the older files ("" when none)
  std::string_view old_name;  // the 2022 trial's snake name ("" when the same)
  ColumnCheck check = ColumnCheck::text;
  std::string_view codes;  // ColumnCheck::code: the allowed digits, e.g. "01"
};

// The column named name (any spelling: English, Japanese, old snake name;
// ASCII case, full-width letters and surrounding blanks ignored), or nullptr.
const ColumnSpec* find_column(std::string_view header_name);

// A registry table the ABR files fill.
struct AbrTable {
  std::string_view name;                           // e.g. "abr_town"
  std::vector<std::string_view> columns;           // in file order (the newest layout)
  std::vector<std::string_view> key;               // unique per table (first row kept)
  std::vector<std::string_view> key_may_be_empty;  // key parts that may be "" (rsdt2_id)
  std::vector<std::string_view> extra_columns;     // computed by gifkit (see abr_import.cpp)
  // Stored packed per 町字 (lg_code, machiaza_id): the tables of the 地番 and
  // 住居表示 with their positions, 99 % of the nation's rows
  // (registries/db/packed_table.hpp; read as plain tables of the same name).
  bool packed_per_town = false;
};

// One kind of ABR file.
struct AbrKind {
  std::string_view name;       // --source-kind and provenance.source_kind, e.g. "abr-town"
  std::string_view file_stem;  // e.g. "mt_town" (mt_town_pref30.csv, mt_town_all.csv.zip)
  const AbrTable* table;
  bool positions = false;  // a *_pos table (has rep_lon/rep_lat)
};

// Every table, in the order they are created and shown.
const std::vector<AbrTable>& abr_tables();
// Every kind, in the order of FORMAT.md.
const std::vector<AbrKind>& abr_kinds();
// The kind named name (as AbrKind::name spells it), or nullptr.
const AbrKind* find_kind(std::string_view name);
// The table named name, or nullptr.
const AbrTable* find_table(std::string_view name);

}  // namespace gifkit::registries::abr
