// town_without_rsdt_check.cpp — the audit check of 町字 marked 住居表示 (rsdt_addr_flg 1) of which
// the registry holds no 住居表示 row: one 町字 of a city that has some (abr-town-without-rsdt),
// or a whole city that has none though its prefecture's file was built in
// (abr-city-without-rsdt).
#include <set>

#include "registries/audit/checks/audit_check.hpp"
#include "registries/audit/source_coverage.hpp"

namespace gifkit::registries::audit {
namespace {

class TownWithoutRsdtCheck : public AuditCheck {
 public:
  explicit TownWithoutRsdtCheck(const AuditContext& context)
      : AuditCheck(AuditPart::abr, {"abr-town-without-rsdt", "abr-city-without-rsdt"}),
        residence_coverage_(context.sources, {"abr-rsdt", "abr-rsdt-blk"}) {}

  void city_towns(AuditContext& context, const std::string& lg_code,
                  const std::vector<TownRow>& towns) override {
    std::vector<const TownRow*> marked;
    for (const TownRow& town : towns)
      if (town.flag == "1" && live(town.ablt_date) &&
          !context.residence_towns.contains(lg_code + town.machiaza_id))
        marked.push_back(&town);
    if (marked.empty()) return;
    if (context.residence_cities.contains(lg_code)) {
      for (const TownRow* town : marked)
        context.report(context.town_finding(
            "abr-town-without-rsdt", lg_code, {town},
            context.city_name(lg_code) + " " + town->name(),
            "marked 住居表示 (rsdt_addr_flg 1) but the registry holds no 住居表示 row of it, "
            "while it holds some of the city's other 町字"));
      return;
    }
    if (!residence_coverage_.covers(lg_code)) {
      unchecked_cities_.insert(lg_code);
      return;
    }
    context.report(context.town_finding(
        "abr-city-without-rsdt", lg_code, marked, context.city_name(lg_code),
        std::to_string(marked.size()) +
            " 町字 are marked 住居表示 (rsdt_addr_flg 1) but the registry holds no "
            "住居表示 row of the city, though a 住居表示 file of its prefecture "
            "was built in"));
  }

  void towns_read(AuditContext& context) override {
    if (!unchecked_cities_.empty())
      context.not_checked(
          std::to_string(unchecked_cities_.size()) +
          " cities have 町字 marked 住居表示 (rsdt_addr_flg 1) but no 住居表示 file of their "
          "prefecture was built in: whether they have 住居表示 rows was not checked");
  }

 private:
  const Coverage residence_coverage_;
  std::set<std::string> unchecked_cities_;
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_town_without_rsdt_check(const AuditContext& context) {
  return std::make_unique<TownWithoutRsdtCheck>(context);
}
}  // namespace checks

}  // namespace gifkit::registries::audit
