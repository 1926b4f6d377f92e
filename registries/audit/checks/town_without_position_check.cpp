// town_without_position_check.cpp — the audit check of a 大字・町 or 丁目 in force with no point in
// abr_town_pos, though a 町字 position file of its prefecture was built in
// (abr-town-without-position).
#include <algorithm>

#include "registries/audit/checks/audit_check.hpp"
#include "registries/audit/source_coverage.hpp"

namespace gifkit::registries::audit {
namespace {

class TownWithoutPositionCheck : public AuditCheck {
 public:
  TownWithoutPositionCheck() : AuditCheck(AuditPart::abr, {"abr-town-without-position"}) {}

  void run(AuditContext& context) override {
    const Coverage coverage(context.sources, {"abr-town-pos"});
    if (!coverage.any()) {
      if (!context.towns.empty())
        context.not_checked(
            "no 町字 position file (mt_town_pos) was built in: 町字 without positions were not "
            "checked");
      return;
    }
    std::vector<std::string> missing;
    std::uint64_t uncovered = 0;
    for (const auto& [key, entry] : context.towns) {
      if (!entry.live || !entry.placed_level) continue;
      if (!coverage.covers(std::string_view(key).substr(0, 6))) {
        ++uncovered;
      } else if (!context.positioned_towns.contains(key)) {
        missing.push_back(key);
      }
    }
    if (uncovered > 0)
      context.not_checked(
          std::to_string(uncovered) +
          " 大字・町 and 丁目 are of prefectures whose 町字 position file (mt_town_pos) was not "
          "built in: whether they have positions was not checked");
    std::sort(missing.begin(), missing.end());
    for (const std::string& key : missing) {
      const std::string lg_code = key.substr(0, 6), machiaza_id = key.substr(6);
      std::vector<AuditRow> rows = context.rows_of("abr_town", lg_code, machiaza_id);
      context.report(context.place_finding(
          "abr-town-without-position", lg_code, machiaza_id,
          "a 大字・町 or 丁目 in force with no point in abr_town_pos, though a 町字 position "
          "file of its prefecture was built in",
          std::move(rows), 1));
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_town_without_position_check(const AuditContext&) {
  return std::make_unique<TownWithoutPositionCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
