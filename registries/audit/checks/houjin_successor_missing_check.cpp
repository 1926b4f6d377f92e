// houjin_successor_missing_check.cpp — the audit check of corporations whose successor
// (successorCorporateNumber) the registry does not hold, though it holds a complete 全件
// file (else a note that it was not checked): houjin-successor-missing.
#include "registries/audit/checks/audit_check.hpp"
#include "registries/builder/registry_holdings.hpp"

namespace gifkit::registries::audit {
namespace {

class HoujinSuccessorMissingCheck : public AuditCheck {
 public:
  HoujinSuccessorMissingCheck() : AuditCheck(AuditPart::houjin, {"houjin-successor-missing"}) {}

  void run(AuditContext& context) override {
    const HoujinHolding holding = houjin_holdings(context.sources).holding;
    if (holding != HoujinHolding::complete) {
      context.not_checked(
          "the registry's 法人番号 data is " + std::string(holding_name(holding)) +
          ", not a complete 全件 file: successors it does not hold may exist, so they were not "
          "checked");
      return;
    }
    Statement select = context.db.prepare_scan(
        "SELECT c.corporate_number, c.successor_corporate_number, c.name, c.provenance_id "
        "FROM corporation c WHERE c.successor_corporate_number IS NOT NULL AND "
        "c.successor_corporate_number <> '' AND NOT EXISTS (SELECT 1 FROM corporation s "
        "WHERE s.corporate_number = CAST(c.successor_corporate_number AS BIGINT)) "
        "ORDER BY c.corporate_number");
    while (select.step()) {
      const std::string number(select.column_text(0));
      context.report(context.corporation_finding(
          "houjin-successor-missing", number, select.column_text(2),
          "its successor (successorCorporateNumber) " + std::string(select.column_text(1)) +
              " is not in the registry, which holds a complete 全件 file",
          select.column_int64(3)));
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_houjin_successor_missing_check(const AuditContext&) {
  return std::make_unique<HoujinSuccessorMissingCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
