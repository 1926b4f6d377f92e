// houjin_closed_no_date_check.cpp — the audit check of corporations closed (a closeCause, or
// process 21) without a close date: houjin-closed-without-date.
#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

class HoujinClosedNoDateCheck : public AuditCheck {
 public:
  HoujinClosedNoDateCheck() : AuditCheck(AuditPart::houjin, {"houjin-closed-without-date"}) {}

  void run(AuditContext& context) override {
    Statement select = context.db.prepare_scan(
        "SELECT corporate_number, close_cause, process, name, provenance_id FROM corporation "
        "WHERE (close_date IS NULL OR close_date = '') AND ((close_cause IS NOT NULL AND "
        "close_cause <> '') OR process = '21') ORDER BY corporate_number");
    while (select.step()) {
      const std::string number(select.column_text(0));
      const std::string cause(select.column_text(1));
      context.report(context.corporation_finding(
          "houjin-closed-without-date", number, select.column_text(3),
          cause.empty() ? "closed (process 21, 登記記録の閉鎖等) without a close date (closeDate)"
                        : "closed (closeCause " + cause + ") without a close date (closeDate)",
          select.column_int64(4)));
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_houjin_closed_no_date_check(const AuditContext&) {
  return std::make_unique<HoujinClosedNoDateCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
