// audit_checks.cpp — the list of the audit's checks, one line a check, in the order they
// report (the report lists the findings in that order). A new check is a file,
// checks/NAME_check.cpp (an AuditCheck and its maker, `std::unique_ptr<AuditCheck>
// make_NAME_check(const AuditContext&)` in namespace checks), its line here and in
// registries/CMakeLists.txt.
#include "registries/audit/checks/audit_check.hpp"

// CHECK(NAME): the check of checks/NAME_check.cpp (the codes it reports are in its file).
#define GIFKIT_AUDIT_CHECKS(CHECK) \
  CHECK(abolished_city_code)       \
  CHECK(town_without_rsdt)         \
  CHECK(duplicate_town_names)      \
  CHECK(rows_without_town)         \
  CHECK(town_position_far)         \
  CHECK(town_without_position)     \
  CHECK(point_far)                 \
  CHECK(position_swapped)          \
  CHECK(conflicting_rows)          \
  CHECK(dates_out_of_order)        \
  CHECK(houjin_closed_no_date)     \
  CHECK(houjin_successor_missing)  \
  CHECK(houjin_diff_order)

namespace gifkit::registries::audit {

namespace checks {
#define GIFKIT_DECLARE_AUDIT_CHECK(name) \
  std::unique_ptr<AuditCheck> make_##name##_check(const AuditContext&);
GIFKIT_AUDIT_CHECKS(GIFKIT_DECLARE_AUDIT_CHECK)
#undef GIFKIT_DECLARE_AUDIT_CHECK
}  // namespace checks

std::vector<std::unique_ptr<AuditCheck>> audit_checks(const AuditContext& context) {
  std::vector<std::unique_ptr<AuditCheck>> list;
#define GIFKIT_MAKE_AUDIT_CHECK(name) list.push_back(checks::make_##name##_check(context));
  GIFKIT_AUDIT_CHECKS(GIFKIT_MAKE_AUDIT_CHECK)
#undef GIFKIT_MAKE_AUDIT_CHECK
  return list;
}

}  // namespace gifkit::registries::audit

#undef GIFKIT_AUDIT_CHECKS
