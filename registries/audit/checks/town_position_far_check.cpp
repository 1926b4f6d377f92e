// town_position_far_check.cpp — the audit check of a 町字's point (abr_town_pos) farther from its
// city's point (mt_city_pos) than AuditLimits::town_limit (abr-position-far).
#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

class TownPositionFarCheck : public AuditCheck {
 public:
  TownPositionFarCheck() : AuditCheck(AuditPart::abr, {"abr-position-far"}) {}

  void town_point(AuditContext& context, const TownPoint& point) override {
    if (!point.from_city || point.km <= point.limit) return;
    context.report(context.place_finding(
        "abr-position-far", point.lg_code, point.machiaza_id,
        "the 町字's point (" + point.lat_text + ", " + point.lon_text + ") is " +
            one_decimal(point.km) + " km from its city's point (mt_city_pos), more than " +
            one_decimal(point.limit) + " km",
        {{"abr_town_pos", point.lg_code + " " + point.machiaza_id + " " + point.flag,
          context.source_of(point.provenance_id)}},
        1));
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_town_position_far_check(const AuditContext&) {
  return std::make_unique<TownPositionFarCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
