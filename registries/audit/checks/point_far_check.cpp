// point_far_check.cpp — the audit check of each 住居表示, 街区 and 地番 point (abr_rsdt_pos,
// abr_rsdt_blk_pos, abr_parcel_pos) against its 町字's point, or its city's when the 町字 has
// none: farther than the limit is abr-position-far.
#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

class PointFarCheck : public AuditCheck {
 public:
  PointFarCheck() : AuditCheck(AuditPart::abr, {"abr-position-far"}) {}

  void run(AuditContext& context) override {
    for (const char* table : {"abr_rsdt_pos", "abr_rsdt_blk_pos", "abr_parcel_pos"})
      check_table(context, table);
  }

 private:
  // One scan of table in key order: a 町字 looked up once for its run of points.
  static void check_table(AuditContext& context, const char* table_name) {
    if (!context.db.has_table(table_name)) return;
    const bool blocks = std::string_view(table_name) == "abr_rsdt_blk_pos";
    KeyOrderScan scan = context.scan_in_key_order(table_name, "rep_lon, rep_lat, provenance_id",
                                                  blocks ? "derived = 0" : "");
    Statement& select = scan.select;
    const int key_count = scan.key_count;
    std::string town_key;
    const TownEntry* town = nullptr;
    while (select.step()) {
      if (select.column_is_null(key_count) || select.column_is_null(key_count + 1)) continue;
      ++context.summary.positions;
      const std::string_view lg_code = select.column_text(0);
      const std::string_view machiaza_id = select.column_text(1);
      if (town_key.size() != 13 || town_key.compare(0, 6, lg_code) != 0 ||
          town_key.compare(6, std::string::npos, machiaza_id) != 0) {
        town_key = std::string(lg_code) + std::string(machiaza_id);
        auto found = context.towns.find(town_key);
        town = found == context.towns.end() ? nullptr : &found->second;
      }
      const double lon = std::stod(std::string(select.column_text(key_count)));
      const double lat = std::stod(std::string(select.column_text(key_count + 1)));
      double km = 0, limit = 0;
      std::string from;
      if (town != nullptr && town->has_point) {
        km = distance_km(lon, lat, town->lon, town->lat);
        limit = context.options.limits.point_from_town_km;
        from = "its 町字's point (abr_town_pos)";
      } else {
        auto city = context.cities.find(std::string(lg_code));
        if (city == context.cities.end() || !city->second.has_point) continue;
        km = distance_km(lon, lat, city->second.lon, city->second.lat);
        limit = context.options.limits.town_limit(city->first);
        from = "its city's point (mt_city_pos; its 町字 has none)";
      }
      if (km <= limit) continue;
      context.report(context.place_finding(
          "abr-position-far", std::string(lg_code), std::string(machiaza_id),
          "the point (" + std::string(select.column_text(key_count + 1)) + ", " +
              std::string(select.column_text(key_count)) + ") is " + one_decimal(km) + " km from " +
              from + ", more than " + one_decimal(limit) + " km",
          {{table_name, joined_key(key_parts(select, key_count)),
            context.source_of(select.column_int64(key_count + 2))}},
          1));
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_point_far_check(const AuditContext&) {
  return std::make_unique<PointFarCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
