// registry_holdings.hpp — what a registry holds, as far as a check needs to
// know whether a missing value is missing from the register or only from this
// copy of it: whether its 法人番号 data is a complete bulk 全件 file (the
// national file, or every prefecture's and 国外's) or daily diff files only,
// told apart by the NTA's file names recorded in provenance; and which cities
// it holds 町字, 住居表示 and 地番 of (the ABR is published per area). Read by
// `registry info`, the service's GET /v1/registry and validate's lookups.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

// A 法人番号 source file by its name (FORMAT.md §1): a bulk 全件 file of one
// prefecture (13_tokyo_all_20240329: code 13; 99 is 国外), the national bulk
// file (00_zenkoku_all_…), a diff (diff_20210714, an answer of /diff), or
// anything else (a Web-API /num or /name answer, a file of unknown name).
enum class HoujinFileKind { prefecture_bulk, national_bulk, diff, other };
struct HoujinFile {
  HoujinFileKind kind = HoujinFileKind::other;
  int prefecture = -1;  // prefecture_bulk: its code (1–47, 99)
};
// Told by the file name of source_file (a path, or "archive.zip:entry.csv",
// where either name may say it).
HoujinFile houjin_file(std::string_view source_file);

// The file name of a recorded source, without its folders: "x/13_tokyo.zip:
// entry.csv" → "13_tokyo.zip:entry.csv". What registry info and the service
// publish (never a path of the machine that built the registry).
std::string source_file_name(std::string_view source_file);

// The registry's 法人番号 data as a whole.
enum class HoujinHolding {
  none,        // no 法人番号 source
  complete,    // the national bulk file, or the bulk file of every prefecture and 国外
  diffs_only,  // diff files only: most corporations are not in it
  partial,     // some prefectures' bulk files, Web-API answers, files of other names
};
std::string_view holding_name(HoujinHolding holding);  // "complete", "diffs-only", …
struct HoujinHoldings {
  HoujinHolding holding = HoujinHolding::none;
  std::int64_t bulk_files = 0, diff_files = 0, other_files = 0;
  std::vector<int> bulk_prefectures;  // codes of the prefecture bulk files, sorted, unique
};
HoujinHoldings houjin_holdings(const std::vector<Provenance>& sources);

// Why a 法人番号 missing from a registry of these holdings proves nothing
// (registry-not-checked, with this reason); "" when its absence is a finding
// (not-in-registry): only when the registry holds the whole register, the
// national bulk 全件 file or the bulk file of every prefecture and 国外. A
// prefecture's bulk file holds the corporations whose record is in that
// prefecture, and nothing in a number says which prefecture that is (a
// corporation keeps its number when it moves), so one prefecture's file, or
// several, never makes an absence a finding; diff files and Web-API answers
// (or files of other names) never do, whatever else was added.
std::string houjin_absence_unproven_because(const HoujinHoldings& holdings);

// The ABR data of one city (or ward): how many 町字, 住居表示 (residences)
// and 地番 (parcels) rows the registry holds of it.
struct CityHoldings {
  std::string lg_code;
  std::string name;  // 都道府県 + 郡 + 市区町村 + 区, "" when unknown
  std::int64_t towns = 0, residences = 0, parcels = 0;
};
// Every city with at least one 町字, 住居表示 or 地番 row, by lg_code; empty
// without ABR tables. The counts recorded by the build (meta
// address_holdings) while the ABR sources in provenance are the same, else
// counted now (O(rows): a registry built before the key existed).
std::vector<CityHoldings> address_holdings(const RegistryDb& db);
// Counts the cities' rows and records them in meta address_holdings (at the
// end of a build: an update changes no ABR table).
void record_address_holdings(RegistryDb& db);

}  // namespace gifkit::registries
