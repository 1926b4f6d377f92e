// registry_audit.hpp — `gifkit registry audit`: the internal consistency of a
// built registry's Address Base Registry (ABR) tables and 法人番号 data, as
// findings (a stable code, the 町字 or corporation it is about, the rows
// involved by table and key and the source file they came from). The
// registry build keeps well-formed but inconsistent rows; this is where they
// are judged. tools/ turns the findings into validate's report
// (models/engine/report/report.hpp). See docs/registry.md "registry audit".
//
// The room sits above builder/ (level 4): it reads what a registry holds
// (builder/registry_holdings.hpp) to tell a defect from a part of the country
// or of the 法人番号 data the registry was never given.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::audit {

// The distances beyond which a position is implausible for its place. The
// general limits are kept here and the cities' own in
// models/dictionaries/city_extents.tsv, read by default_audit_limits()
// alone; the command can override the general ones (--max-town-km,
// --max-point-km).
struct AuditLimits {
  // A 町字's point from its city's representative point (mt_city_pos). The
  // largest real distance in ../shared/data is 41.9 km (田辺市, 1,026 km²);
  // 口永良部島 lies 49.6 km from 屋久島町's point.
  double town_from_city_km = 80.0;
  // lg_code → km for the cities of islands spread over the sea or with an
  // office outside them (小笠原村: 南鳥島 ~1,220 km from 父島), from
  // city_extents.tsv: the larger of it and town_from_city_km applies.
  std::map<std::string, double> town_from_city_km_of;
  // The limit of the 町字 points of city lg_code.
  double town_limit(const std::string& lg_code) const;
  // A 住居表示 or 地番 point from its 町字's point (or, when its 町字 has no
  // point, from its city's, with town_from_city_km). Real maximum: 6.1 km
  // (和歌山市's 地番).
  double point_from_town_km = 20.0;
};
// The general limits and the cities' own (abr::city_extents(), read once
// from the compiled-in city_extents.tsv). Throws std::logic_error when the file has an error (the
// unit tests read the same text).
const AuditLimits& default_audit_limits();

struct AuditOptions {
  AuditLimits limits = default_audit_limits();
  // Rows named per finding (the rest are counted in AuditFinding::row_count).
  std::size_t rows_named = 5;
  // The parts checked: the ABR tables, the 法人番号 data.
  bool abr = true;
  bool houjin = true;
};

// One row a finding involves: its table, its key ("131059 0001001 001 001",
// the table's key columns joined by spaces) and the source file it was read
// from (provenance; "" when unknown).
struct AuditRow {
  std::string table;
  std::string key;
  std::string source;
};

enum class AuditPart { abr, houjin };

struct AuditFinding {
  std::string code;  // a problem code (models/engine/report/problem_codes.cpp)
  AuditPart part = AuditPart::abr;
  // ABR: the place; lg_code always, machiaza_id "" for a finding about a
  // prefecture or a whole city.
  std::string lg_code;
  std::string machiaza_id;
  // 法人番号: the corporation ("" for a finding about a source file).
  std::string corporate_number;
  std::string subject;          // what it is about, in words: "和歌山県和歌山市 葵町"
  std::string reason;           // what is wrong, in words
  std::vector<AuditRow> rows;   // the first rows involved (AuditOptions::rows_named)
  std::uint64_t row_count = 0;  // every row involved
};

// What was read, and what could not be checked and why.
struct AuditSummary {
  std::uint64_t towns = 0;       // abr_town rows
  std::uint64_t residences = 0;  // abr_rsdt rows
  std::uint64_t parcels = 0;     // abr_parcel rows
  std::uint64_t positions = 0;   // points compared (town, residence, block, parcel)
  std::uint64_t corporations = 0;
  std::uint64_t houjin_sources = 0;
  std::map<std::string, std::uint64_t> findings_by_code;
  std::vector<std::string> not_checked;  // one sentence each
};

using FindingSink = std::function<void(const AuditFinding&)>;

// Runs every check on db (SQLite or PostgreSQL, through plain SQL), calling
// on_finding for each finding in the order of the checks (ABR, then
// 法人番号). A registry without ABR or 法人番号 tables has nothing of that
// part to check (a not_checked note). Reads in one read transaction.
// Throws RegistryError when a read fails.
AuditSummary audit_registry(RegistryDb& db, const AuditOptions& options,
                            const FindingSink& on_finding);

}  // namespace gifkit::registries::audit
