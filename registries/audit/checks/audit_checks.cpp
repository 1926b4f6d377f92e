// audit_checks.cpp — the list of the audit's checks, one line a check, in the order they
// report (the report lists the findings in that order). A new check is a file of
// checks/ that defines its maker, `std::unique_ptr<AuditCheck> NAME(const AuditContext&)`
// in namespace checks, plus its line here and in registries/CMakeLists.txt.
#include "registries/audit/checks/audit_check.hpp"

// X(maker): the check of checks/maker.cpp (the codes it reports are in its file).
#define GIFKIT_AUDIT_CHECKS(X) \
  X(abolished_city_code)       \
  X(town_without_rsdt)         \
  X(duplicate_town_names)      \
  X(rows_without_town)         \
  X(town_position_far)         \
  X(town_without_position)     \
  X(point_far)                 \
  X(position_swapped)          \
  X(conflicting_rows)          \
  X(dates_out_of_order)        \
  X(houjin_closed_no_date)     \
  X(houjin_successor_missing)  \
  X(houjin_diff_order)

namespace gifkit::registries::audit {

namespace checks {
#define GIFKIT_AUDIT_CHECK_MAKER(maker) std::unique_ptr<AuditCheck> maker(const AuditContext&);
GIFKIT_AUDIT_CHECKS(GIFKIT_AUDIT_CHECK_MAKER)
#undef GIFKIT_AUDIT_CHECK_MAKER
}  // namespace checks

std::vector<std::unique_ptr<AuditCheck>> audit_checks(const AuditContext& context) {
  std::vector<std::unique_ptr<AuditCheck>> list;
#define GIFKIT_AUDIT_CHECK_MADE(maker) list.push_back(checks::maker(context));
  GIFKIT_AUDIT_CHECKS(GIFKIT_AUDIT_CHECK_MADE)
#undef GIFKIT_AUDIT_CHECK_MADE
  return list;
}

}  // namespace gifkit::registries::audit

#undef GIFKIT_AUDIT_CHECKS
