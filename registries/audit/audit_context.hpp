// audit_context.hpp — what the audit's checks (checks/audit_check.hpp) share: the
// registry, the options and their limits, its source files, the cities and 町字 the run
// reads once (audit_tables.cpp), the summary, report() — the one way a check reports a
// finding — and the helpers the checks make their findings with.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "registries/audit/registry_audit.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::audit {

class AuditCheck;

// A row is in force when it has no ablt_date.
inline bool live(std::string_view ablt_date) {
  return ablt_date.empty();
}

// Kilometres between two points (lon, lat in degrees): the equirectangular
// approximation, within 0.5 % of the great circle at the distances compared.
double distance_km(double lon1, double lat1, double lon2, double lat2);
// 12.3 (a distance in a finding's reason).
std::string one_decimal(double value);
// The first key_count columns of the row at hand (a row's key, column by column).
std::vector<std::string> key_parts(const Statement& select, int key_count);
// The parts of a row's key joined by spaces (AuditRow::key).
std::string joined_key(const std::vector<std::string>& parts);

struct CityEntry {
  std::string name;  // 都道府県 郡 市区町村 区
  bool abolished = false;
  bool has_point = false;
  double lon = 0, lat = 0;
};

// A town's entry in memory: live (some row of the id not abolished), a
// point (from abr_town_pos, when within its city's limit).
struct TownEntry {
  bool live = false;
  // A 大字・町 or 丁目 (machiaza_type 1, 2): the ABR gives each a point (mt_town_pos
  // is at that level, the MLIT 大字・町丁目 code); a 小字 often has none.
  bool placed_level = false;
  bool has_point = false;
  double lon = 0, lat = 0;
};

// A row of abr_town, as the run hands a city's 町字 to the checks.
struct TownRow {
  std::string machiaza_id, flag, oaza_cho, chome, chome_number, koaza, dist, ablt_date, type;
  std::int64_t provenance_id = 0;
  std::string name() const { return oaza_cho + chome + koaza; }
};

// A row of abr_town_pos with a point, and its distance from its city's point.
struct TownPoint {
  std::string lg_code, machiaza_id, flag;
  std::string lon_text, lat_text;  // as the table holds them
  std::int64_t provenance_id = 0;
  bool from_city = false;  // its city has a point: km is the distance from it
  double km = 0;
  double limit = 0;  // AuditLimits::town_limit of its city
};

// A scan of an ABR table in key order (AuditContext::scan_in_key_order): each row its
// key columns, then the columns asked for.
struct KeyOrderScan {
  Statement select;
  int key_count = 0;
  bool keyed_by_town = false;  // machiaza_id is a key column
};

// The rows of one 町字 in a 住居表示 or 地番 table.
struct DetailGroup {
  std::string table;
  std::string lg_code, machiaza_id;
  std::uint64_t rows = 0, live_rows = 0;
};

class AuditContext {
 public:
  AuditContext(RegistryDb& db, const AuditOptions& options, const FindingSink& sink);

  RegistryDb& db;
  const AuditOptions& options;
  const std::vector<Provenance> sources;  // the registry's provenance
  AuditSummary summary;

  // The ABR, read once by the run (audit_tables.cpp): the cities (abr_city,
  // abr_city_pos) and the 住居表示 and 地番 rows by 町字 before any hook; towns
  // complete from AuditCheck::towns_read on; their points and positioned_towns
  // from AuditCheck::run on.
  std::map<std::string, CityEntry> cities;
  bool city_table = false;  // abr_city holds a city (else no code is unknown)
  std::vector<DetailGroup> groups;
  std::unordered_set<std::string> residence_towns;  // lg_code + machiaza_id
  std::set<std::string> residence_cities;
  std::unordered_map<std::string, TownEntry> towns;  // lg_code + machiaza_id
  std::unordered_set<std::string> positioned_towns;  // in abr_town_pos, with a point or not

  // The reads (audit_tables.cpp). read_towns calls each_city with each city's
  // 町字 in key order, read_town_points each_point with each point of
  // abr_town_pos once the town has it (or not: one beyond its limit).
  void read_cities();
  void read_detail_groups();
  void read_towns(
      const std::function<void(const std::string&, const std::vector<TownRow>&)>& each_city);
  void read_town_points(const std::function<void(const TownPoint&)>& each_point);

  // The check whose hook runs, set by the run: report() asserts that it
  // declares the finding's code.
  const AuditCheck* reporting = nullptr;
  // Counts the finding and hands it to the sink (row_count at least its rows).
  void report(AuditFinding finding);
  // A sentence of AuditSummary::not_checked.
  void not_checked(std::string sentence);

  std::string source_of(std::int64_t provenance_id) const;
  std::string city_name(const std::string& lg_code) const;
  // The first rows (options.rows_named) of table with lg_code and
  // machiaza_id (or of the city alone when machiaza_id is ""), in key order,
  // with where added to the condition.
  std::vector<AuditRow> rows_of(std::string_view table_name, const std::string& lg_code,
                                const std::string& machiaza_id, std::string_view where = {});
  // The rows of ABR table table_name where condition holds ("": every row), in key
  // order, one scan (RegistryDb::prepare_scan): the key columns, then columns.
  KeyOrderScan scan_in_key_order(std::string_view table_name, std::string_view columns,
                                 std::string_view condition);
  // A finding about towns (not empty) of city lg_code: it names the first
  // town's machiaza_id, counts every town and lists the first
  // options.rows_named of them as abr_town rows.
  AuditFinding town_finding(const char* code, const std::string& lg_code,
                            const std::vector<const TownRow*>& towns, std::string subject,
                            std::string reason) const;
  // A finding about the 町字 machiaza_id of city lg_code (or, machiaza_id
  // empty, the city itself), its subject the city's name and the 町字's code.
  AuditFinding place_finding(const char* code, const std::string& lg_code, std::string machiaza_id,
                             std::string reason, std::vector<AuditRow> rows,
                             std::uint64_t row_count) const;
  // A finding about corporation number (its name): one row of corporation.
  AuditFinding corporation_finding(const char* code, const std::string& number,
                                   std::string_view name, std::string reason,
                                   std::int64_t provenance_id) const;

 private:
  AuditRow town_row(const std::string& lg_code, const TownRow& town) const;

  const FindingSink& sink_;
  std::map<std::int64_t, std::string> source_names_;
};

}  // namespace gifkit::registries::audit
