// source_completeness.cpp — see source_completeness.hpp.
#include "registries/builder/source_completeness.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include "grammars/text/listing.hpp"
#include "registries/abr/abr_lookup.hpp"

namespace gifkit::registries {
namespace {

std::string city_label(const RegistryDb& db, const std::string& lg_code) {
  std::string name;
  if (auto area = abr::find_area(db, lg_code))
    for (const char* part : {"pref", "county", "city", "ward"})
      name += std::string(abr::field(*area, part));
  return name.empty() ? lg_code : lg_code + " " + name;
}

std::set<std::string> city_set(const RegistryDb& db, std::string_view table_name) {
  const std::vector<std::string> cities = cities_of_table(db, table_name);
  return {cities.begin(), cities.end()};
}

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

// Cities whose 町字 in force are marked 住居表示, and how many are (abr_town is small).
std::map<std::string, std::int64_t> cities_marked_residential(const RegistryDb& db) {
  std::map<std::string, std::int64_t> marked;
  if (!db.has_table("abr_town")) return marked;
  Statement select = db.prepare(
      "SELECT lg_code, COUNT(DISTINCT machiaza_id) FROM abr_town WHERE rsdt_addr_flg = '1' AND "
      "(ablt_date IS NULL OR ablt_date = '') GROUP BY lg_code ORDER BY lg_code");
  while (select.step()) marked[std::string(select.column_text(0))] = select.column_int64(1);
  return marked;
}

// The cities of abr_town_pos by prefecture, for the prefectures of which abr_town holds
// no 町字 (both tables are small). mt_town_pos is published a prefecture a file, as is
// mt_town: its 町字 file was left out. A position of a city whose prefecture has other
// 町字 is a quirk of the published files (mt_town_pos_pref30 holds 1,516 positions of
// 町字 mt_town_pref30 does not), or of an excerpt, not a file left out.
std::map<std::string, std::vector<std::string>> town_positions_without_towns(const RegistryDb& db) {
  std::map<std::string, std::vector<std::string>> missing;
  if (!db.has_table("abr_town_pos")) return missing;
  const bool towns = db.has_table("abr_town");
  Statement select = db.prepare(
      std::string("SELECT DISTINCT p.lg_code FROM abr_town_pos p") +
      (towns ? " WHERE NOT EXISTS (SELECT 1 FROM abr_town t WHERE t.lg_code >= substr(p.lg_code, "
               "1, 2) AND t.lg_code < substr(p.lg_code, 1, 2) || 'a')"
             : "") +
      " ORDER BY p.lg_code");
  while (select.step()) {
    const std::string city(select.column_text(0));
    missing[city.substr(0, 2)].push_back(city);
  }
  return missing;
}

// The 町字 of city lg_code in table_name that abr_town does not hold (of town_ids).
std::vector<std::string> towns_not_held(const RegistryDb& db, std::string_view table_name,
                                        const std::string& lg_code,
                                        const std::set<std::string>& town_ids) {
  std::vector<std::string> missing;
  for (const std::string& id : towns_of_city(db, table_name, lg_code))
    if (!town_ids.contains(id)) missing.push_back(id);
  return missing;
}

std::set<std::string> town_ids_of_city(const RegistryDb& db, const std::string& lg_code) {
  std::set<std::string> ids;
  Statement select = db.prepare("SELECT DISTINCT machiaza_id FROM abr_town WHERE lg_code = ?1");
  select.bind_text(1, lg_code);
  while (select.step()) ids.emplace(select.column_text(0));
  return ids;
}

}  // namespace

std::vector<std::string> cities_of_table(const RegistryDb& db, std::string_view table_name) {
  std::vector<std::string> cities;
  if (!db.has_table(table_name)) return cities;
  Statement next = db.prepare("SELECT lg_code FROM " + std::string(table_name) +
                              " WHERE lg_code > ?1 ORDER BY lg_code LIMIT 1");
  std::string after;
  for (;;) {
    next.reset();
    next.bind_text(1, after);
    if (!next.step()) break;
    after = std::string(next.column_text(0));
    cities.push_back(after);
  }
  return cities;
}

std::vector<std::string> towns_of_city(const RegistryDb& db, std::string_view table_name,
                                       const std::string& lg_code) {
  std::vector<std::string> towns;
  if (!db.has_table(table_name)) return towns;
  Statement next =
      db.prepare("SELECT machiaza_id FROM " + std::string(table_name) +
                 " WHERE lg_code = ?1 AND machiaza_id > ?2 ORDER BY lg_code, machiaza_id LIMIT 1");
  std::string after;
  for (;;) {
    next.reset();
    next.bind_text(1, lg_code);
    next.bind_text(2, after);
    if (!next.step()) break;
    after = std::string(next.column_text(0));
    towns.push_back(after);
  }
  return towns;
}

std::vector<std::string> missing_abr_parts(const RegistryDb& db) {
  std::vector<std::string> missing;
  const std::set<std::string> residences = city_set(db, "abr_rsdt");
  const std::set<std::string> residence_points = city_set(db, "abr_rsdt_pos");
  const std::set<std::string> parcels = city_set(db, "abr_parcel");
  const std::set<std::string> parcel_points = city_set(db, "abr_parcel_pos");
  const std::set<std::string> town_cities = city_set(db, "abr_town");

  // Positions without their rows, a city at a time.
  const std::set<std::string> residence_points_only = minus(residence_points, residences);
  for (const std::string& city : residence_points_only)
    missing.push_back(city_label(db, city) +
                      ": 住居表示 positions (abr_rsdt_pos, file mt_rsdtdsp_rsdt_pos) but no "
                      "住居表示 rows (abr_rsdt, file mt_rsdtdsp_rsdt)");
  for (const std::string& city : minus(parcel_points, parcels))
    missing.push_back(city_label(db, city) +
                      ": 地番 positions (abr_parcel_pos, file mt_parcel_pos) but no 地番 rows "
                      "(abr_parcel, file mt_parcel)");
  for (const auto& [prefecture, cities] : town_positions_without_towns(db)) {
    std::vector<std::string> named;
    for (const std::string& city : cities) named.push_back(city_label(db, city));
    missing.push_back("prefecture " + prefecture + ": 町字 positions (abr_town_pos, file " +
                      "mt_town_pos) of " + std::to_string(cities.size()) + " cities (" +
                      grammars::listed_first(named, 3) + ") but no 町字 rows of the " +
                      "prefecture (abr_town, file mt_town)");
  }

  // A city given at the detail level (地番 or 住居表示 data) whose 町字 are marked
  // 住居表示 but that has no 住居表示 row: its 住居表示 file was left out.
  for (const auto& [city, count] : cities_marked_residential(db)) {
    if (residences.contains(city) || residence_points_only.contains(city)) continue;
    if (!parcels.contains(city) && !parcel_points.contains(city)) continue;
    missing.push_back(city_label(db, city) + ": " + std::to_string(count) +
                      " 町字 are marked 住居表示 (abr_town rsdt_addr_flg 1) but there are no "
                      "住居表示 rows (abr_rsdt, file mt_rsdtdsp_rsdt) of the city");
  }

  // 住居表示 and 地番 rows of 町字 abr_town does not hold: whole cities from the sets of
  // cities, the 町字 of the others from the distinct 町字 of each.
  for (const auto& [table, what, file] : {std::tuple{"abr_rsdt", "住居表示", "mt_rsdtdsp_rsdt"},
                                          std::tuple{"abr_parcel", "地番", "mt_parcel"}}) {
    for (const std::string& city : table == std::string_view("abr_rsdt") ? residences : parcels) {
      if (!town_cities.contains(city)) {
        missing.push_back(city_label(db, city) + ": " + what + " rows (" + table + ", file " +
                          file + ") but no 町字 of the city (abr_town, file mt_town)");
        continue;
      }
      const std::vector<std::string> ids =
          towns_not_held(db, table, city, town_ids_of_city(db, city));
      if (!ids.empty())
        missing.push_back(city_label(db, city) + ": " + what + " rows (" + table + ") of " +
                          std::to_string(ids.size()) + " 町字 (machiaza_id " +
                          grammars::listed_first(ids, 3) +
                          ") that abr_town does not hold (file mt_town)");
    }
  }
  return missing;
}

}  // namespace gifkit::registries
