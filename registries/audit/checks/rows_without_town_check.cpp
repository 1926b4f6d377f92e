// rows_without_town_check.cpp — the audit check of 住居表示 and 地番 rows whose 町字 abr_town does
// not hold, though it holds the city's others (abr-rows-without-town), or holds as
// abolished while they are in force (abr-rows-of-abolished-town).
#include <set>

#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

class RowsWithoutTownCheck : public AuditCheck {
 public:
  RowsWithoutTownCheck()
      : AuditCheck(AuditPart::abr, {"abr-rows-without-town", "abr-rows-of-abolished-town"}) {}

  void towns_read(AuditContext& context) override {
    if (!context.db.has_table("abr_town")) {
      if (!context.groups.empty())
        context.not_checked(
            "the registry holds no 町字 (abr_town): the 町字 of its 住居表示 and 地番 rows were "
            "not checked");
      return;
    }
    std::set<std::string> cities_with_towns;
    for (const auto& [key, entry] : context.towns) cities_with_towns.insert(key.substr(0, 6));
    std::set<std::string> unchecked;
    for (const DetailGroup& group : context.groups) {
      auto town = context.towns.find(group.lg_code + group.machiaza_id);
      const std::string what = group.table == "abr_parcel" ? "地番" : "住居表示";
      const std::string subject =
          context.city_name(group.lg_code) + " machiaza_id " + group.machiaza_id;
      const std::string where = group.table == "abr_rsdt_blk" ? "derived = 0" : "";
      if (town == context.towns.end()) {
        if (!cities_with_towns.contains(group.lg_code)) {
          unchecked.insert(group.lg_code);
          continue;
        }
        context.report(
            {"abr-rows-without-town", AuditPart::abr, group.lg_code, group.machiaza_id, "", subject,
             std::to_string(group.rows) + " " + what + " rows (" + group.table +
                 ") refer to a 町字 the registry's abr_town does not hold, though it holds the "
                 "city's other 町字",
             context.rows_of(group.table, group.lg_code, group.machiaza_id, where), group.rows});
      } else if (!town->second.live && group.live_rows > 0) {
        context.report(
            {"abr-rows-of-abolished-town", AuditPart::abr, group.lg_code, group.machiaza_id, "",
             subject,
             std::to_string(group.live_rows) + " " + what + " rows in force (" + group.table +
                 ", no ablt_date) belong to a 町字 that is abolished (abr_town ablt_date)",
             context.rows_of(
                 group.table, group.lg_code, group.machiaza_id,
                 where.empty() ? "ablt_date IS NULL" : "ablt_date IS NULL AND " + where),
             group.live_rows});
      }
    }
    if (!unchecked.empty())
      context.not_checked(std::to_string(unchecked.size()) +
                          " cities have 住居表示 or 地番 rows but no 町字 in the "
                          "registry: the 町字 of those rows were not checked");
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_rows_without_town_check(const AuditContext&) {
  return std::make_unique<RowsWithoutTownCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
