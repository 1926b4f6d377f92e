// audit_context.cpp — see audit_context.hpp: the context's report() and the helpers the
// checks make their findings with (its reads are audit_tables.cpp).
#include "registries/audit/audit_context.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "registries/abr/abr_columns.hpp"
#include "registries/audit/checks/audit_check.hpp"
#include "registries/builder/registry_holdings.hpp"

namespace gifkit::registries::audit {
namespace {

// The key columns of an ABR table, joined by ", " (for SELECT and ORDER BY).
std::string key_columns(const abr::AbrTable& table) {
  std::string keys;
  for (auto part : table.key) keys += (keys.empty() ? "" : ", ") + std::string(part);
  return keys;
}

}  // namespace

double distance_km(double lon1, double lat1, double lon2, double lat2) {
  constexpr double kEarthKm = 6371.0;
  constexpr double kRadian = 3.14159265358979323846 / 180.0;
  const double x = (lon2 - lon1) * kRadian * std::cos((lat1 + lat2) / 2 * kRadian);
  const double y = (lat2 - lat1) * kRadian;
  return kEarthKm * std::sqrt(x * x + y * y);
}

std::string one_decimal(double value) {
  const long tenths = std::lround(value * 10);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::vector<std::string> key_parts(const Statement& select, int key_count) {
  std::vector<std::string> parts;
  for (int i = 0; i < key_count; ++i) parts.emplace_back(select.column_text(i));
  return parts;
}

std::string joined_key(const std::vector<std::string>& parts) {
  std::string key;
  for (const auto& part : parts) key += (key.empty() ? "" : " ") + part;
  return key;
}

AuditContext::AuditContext(RegistryDb& db, const AuditOptions& options, const FindingSink& sink)
    : db(db), options(options), sources(db.provenance()), sink_(sink) {
  for (const Provenance& source : sources)
    source_names_[source.id] = source_file_name(source.source_file);
}

void AuditContext::report(AuditFinding finding) {
  assert(reporting != nullptr && reporting->reports(finding.code));
  if (finding.row_count == 0) finding.row_count = std::max<std::uint64_t>(1, finding.rows.size());
  ++summary.findings_by_code[finding.code];
  sink_(finding);
}

void AuditContext::not_checked(std::string sentence) {
  summary.not_checked.push_back(std::move(sentence));
}

std::string AuditContext::source_of(std::int64_t provenance_id) const {
  auto it = source_names_.find(provenance_id);
  return it == source_names_.end() ? std::string() : it->second;
}

std::string AuditContext::city_name(const std::string& lg_code) const {
  auto it = cities.find(lg_code);
  return it == cities.end() || it->second.name.empty() ? lg_code : it->second.name;
}

std::vector<AuditRow> AuditContext::rows_of(std::string_view table_name, const std::string& lg_code,
                                            const std::string& machiaza_id,
                                            std::string_view where) {
  const abr::AbrTable* table = abr::find_table(table_name);
  assert(table != nullptr);
  const std::string keys = key_columns(*table);
  std::string sql =
      "SELECT " + keys + ", provenance_id FROM " + std::string(table_name) + " WHERE lg_code = ?1";
  if (!machiaza_id.empty()) sql += " AND machiaza_id = ?2";
  if (!where.empty()) sql += " AND " + std::string(where);
  sql += " ORDER BY " + keys + " LIMIT " + std::to_string(options.rows_named);
  Statement select = db.prepare(sql);
  select.bind_text(1, lg_code);
  if (!machiaza_id.empty()) select.bind_text(2, machiaza_id);
  std::vector<AuditRow> rows;
  const int key_count = static_cast<int>(table->key.size());
  while (select.step())
    rows.push_back({std::string(table_name), joined_key(key_parts(select, key_count)),
                    source_of(select.column_int64(key_count))});
  return rows;
}

KeyOrderScan AuditContext::scan_in_key_order(std::string_view table_name, std::string_view columns,
                                             std::string_view condition) {
  const abr::AbrTable* table = abr::find_table(table_name);
  assert(table != nullptr);
  const std::string keys = key_columns(*table);
  return {db.prepare_scan(
              "SELECT " + keys + ", " + std::string(columns) + " FROM " + std::string(table_name) +
              (condition.empty() ? "" : " WHERE " + std::string(condition)) + " ORDER BY " + keys),
          static_cast<int>(table->key.size()),
          std::find(table->key.begin(), table->key.end(), "machiaza_id") != table->key.end()};
}

AuditRow AuditContext::town_row(const std::string& lg_code, const TownRow& town) const {
  return {"abr_town", lg_code + " " + town.machiaza_id + " " + town.flag,
          source_of(town.provenance_id)};
}

AuditFinding AuditContext::town_finding(const char* code, const std::string& lg_code,
                                        const std::vector<const TownRow*>& towns,
                                        std::string subject, std::string reason) const {
  assert(!towns.empty());
  AuditFinding finding{
      code,        AuditPart::abr,     lg_code,           towns.front()->machiaza_id,
      "",          std::move(subject), std::move(reason), {},
      towns.size()};
  for (const TownRow* town : towns) {
    if (finding.rows.size() == options.rows_named) break;
    finding.rows.push_back(town_row(lg_code, *town));
  }
  return finding;
}

AuditFinding AuditContext::place_finding(const char* code, const std::string& lg_code,
                                         std::string machiaza_id, std::string reason,
                                         std::vector<AuditRow> rows,
                                         std::uint64_t row_count) const {
  std::string subject =
      city_name(lg_code) + (machiaza_id.empty() ? "" : " machiaza_id " + machiaza_id);
  return {code,     AuditPart::abr,     lg_code,           std::move(machiaza_id),
          "",       std::move(subject), std::move(reason), std::move(rows),
          row_count};
}

AuditFinding AuditContext::corporation_finding(const char* code, const std::string& number,
                                               std::string_view name, std::string reason,
                                               std::int64_t provenance_id) const {
  return {code,
          AuditPart::houjin,
          "",
          "",
          number,
          number + " " + std::string(name),
          std::move(reason),
          {{"corporation", number, source_of(provenance_id)}},
          1};
}

}  // namespace gifkit::registries::audit
