// abolished_city_code_check.cpp — the audit check of 町字 in force whose city code abr_city holds
// as abolished, or does not hold (abr-abolished-code-referenced).
#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

class AbolishedCityCodeCheck : public AuditCheck {
 public:
  AbolishedCityCodeCheck() : AuditCheck(AuditPart::abr, {"abr-abolished-code-referenced"}) {}

  void city_towns(AuditContext& context, const std::string& lg_code,
                  const std::vector<TownRow>& towns) override {
    if (!context.city_table) return;  // no city of abr_city: nothing to refer to
    auto city = context.cities.find(lg_code);
    const bool known = city != context.cities.end() && !city->second.name.empty();
    if (known && !city->second.abolished) return;
    std::vector<const TownRow*> in_force;
    for (const TownRow& town : towns)
      if (live(town.ablt_date)) in_force.push_back(&town);
    if (in_force.empty()) return;
    const std::string count = std::to_string(in_force.size());
    context.report(context.town_finding(
        "abr-abolished-code-referenced", lg_code, in_force, known ? city->second.name : lg_code,
        known ? "the city's code " + lg_code + " is abolished (abr_city ablt_date), yet " + count +
                    " 町字 in force refer to it"
              : "no city of code " + lg_code + " is in abr_city, yet " + count +
                    " 町字 refer to it"));
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_abolished_city_code_check(const AuditContext&) {
  return std::make_unique<AbolishedCityCodeCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
