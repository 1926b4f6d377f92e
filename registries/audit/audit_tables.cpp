// audit_tables.cpp — the ABR tables the audit's checks share, read once each by the
// context (audit_context.hpp) with plain SQL in key order: the cities, the 住居表示 and
// 地番 rows counted by 町字, the 町字 city by city and their points. What would be a join
// over the large tables is one scan of each, against the 町字 kept in memory (one small
// entry per 町字).
#include <string>

#include "registries/audit/audit_context.hpp"

namespace gifkit::registries::audit {

void AuditContext::read_cities() {
  if (db.has_table("abr_city")) {
    Statement select = db.prepare(
        "SELECT lg_code, pref, county, city, ward, ablt_date FROM abr_city ORDER BY lg_code");
    while (select.step()) {
      CityEntry& city = cities[std::string(select.column_text(0))];
      city_table = true;
      for (int column = 1; column <= 4; ++column) city.name += select.column_text(column);
      city.abolished = !live(select.column_text(5));
    }
  }
  if (db.has_table("abr_city_pos")) {
    Statement select =
        db.prepare("SELECT lg_code, rep_lon, rep_lat FROM abr_city_pos ORDER BY lg_code");
    while (select.step()) {
      if (select.column_is_null(1) || select.column_is_null(2)) continue;
      CityEntry& city = cities[std::string(select.column_text(0))];
      city.has_point = true;
      city.lon = std::stod(std::string(select.column_text(1)));
      city.lat = std::stod(std::string(select.column_text(2)));
    }
  }
}

// One scan of each of abr_rsdt, abr_rsdt_blk (the blocks read from a
// file; the derived ones repeat abr_rsdt) and abr_parcel: their rows per
// (lg_code, machiaza_id).
void AuditContext::read_detail_groups() {
  for (const char* table : {"abr_rsdt", "abr_rsdt_blk", "abr_parcel"}) {
    if (!db.has_table(table)) continue;
    const bool blocks = std::string_view(table) == "abr_rsdt_blk";
    Statement select = db.prepare_scan(
        std::string("SELECT lg_code, machiaza_id, COUNT(*), SUM(CASE WHEN ablt_date IS NULL OR "
                    "ablt_date = '' THEN 1 ELSE 0 END) FROM ") +
        table + (blocks ? " WHERE derived = 0" : "") +
        " GROUP BY lg_code, machiaza_id ORDER BY lg_code, machiaza_id");
    while (select.step()) {
      DetailGroup group{table, std::string(select.column_text(0)),
                        std::string(select.column_text(1)),
                        static_cast<std::uint64_t>(select.column_int64(2)),
                        static_cast<std::uint64_t>(select.column_int64(3))};
      if (std::string_view(table) == "abr_parcel") {
        summary.parcels += group.rows;
      } else {
        if (!blocks) summary.residences += group.rows;
        residence_towns.insert(group.lg_code + group.machiaza_id);
        residence_cities.insert(group.lg_code);
      }
      groups.push_back(std::move(group));
    }
  }
}

void AuditContext::read_towns(
    const std::function<void(const std::string&, const std::vector<TownRow>&)>& each_city) {
  if (!db.has_table("abr_town")) return;
  Statement select = db.prepare_scan(
      "SELECT lg_code, machiaza_id, rsdt_addr_flg, oaza_cho, chome, chome_number, koaza, "
      "machiaza_dist, ablt_date, provenance_id, machiaza_type FROM abr_town "
      "ORDER BY lg_code, machiaza_id, rsdt_addr_flg");
  std::string city;
  std::vector<TownRow> city_towns;
  while (select.step()) {
    ++summary.towns;
    std::string lg_code(select.column_text(0));
    if (lg_code != city) {
      if (!city.empty()) each_city(city, city_towns);
      city = lg_code;
      city_towns.clear();
    }
    TownRow row{std::string(select.column_text(1)),  std::string(select.column_text(2)),
                std::string(select.column_text(3)),  std::string(select.column_text(4)),
                std::string(select.column_text(5)),  std::string(select.column_text(6)),
                std::string(select.column_text(7)),  std::string(select.column_text(8)),
                std::string(select.column_text(10)), select.column_int64(9)};
    TownEntry& entry = towns[lg_code + row.machiaza_id];
    entry.live = entry.live || live(row.ablt_date);
    entry.placed_level = entry.placed_level || row.type == "1" || row.type == "2";
    city_towns.push_back(std::move(row));
  }
  if (!city.empty()) each_city(city, city_towns);
}

void AuditContext::read_town_points(const std::function<void(const TownPoint&)>& each_point) {
  if (!db.has_table("abr_town_pos")) return;
  Statement select = db.prepare_scan(
      "SELECT lg_code, machiaza_id, rsdt_addr_flg, rep_lon, rep_lat, provenance_id "
      "FROM abr_town_pos ORDER BY lg_code, machiaza_id, rsdt_addr_flg");
  while (select.step()) {
    TownPoint point;
    point.lg_code = select.column_text(0);
    point.machiaza_id = select.column_text(1);
    positioned_towns.insert(point.lg_code + point.machiaza_id);
    if (select.column_is_null(3) || select.column_is_null(4)) continue;
    point.flag = select.column_text(2);
    point.lon_text = select.column_text(3);
    point.lat_text = select.column_text(4);
    point.provenance_id = select.column_int64(5);
    const double lon = std::stod(point.lon_text);
    const double lat = std::stod(point.lat_text);
    ++summary.positions;
    auto town = towns.find(point.lg_code + point.machiaza_id);
    auto city = cities.find(point.lg_code);
    point.from_city = city != cities.end() && city->second.has_point;
    point.km = point.from_city ? distance_km(lon, lat, city->second.lon, city->second.lat) : 0.0;
    // A 町字 point beyond the limit is no reference for the 町字's own
    // points (they are compared with the city's): one finding, not one
    // per 地番 of the 町字.
    point.limit = options.limits.town_limit(point.lg_code);
    if (town != towns.end() && !town->second.has_point && point.km <= point.limit) {
      town->second.has_point = true;
      town->second.lon = lon;
      town->second.lat = lat;
    }
    each_point(point);
  }
}

}  // namespace gifkit::registries::audit
