// dates_out_of_order_check.cpp — the audit check of ABR rows that take effect after they were
// abolished (efct_date after ablt_date), in each table that has both: abr-dates-out-of-order.
#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

class DatesOutOfOrderCheck : public AuditCheck {
 public:
  DatesOutOfOrderCheck() : AuditCheck(AuditPart::abr, {"abr-dates-out-of-order"}) {}

  void run(AuditContext& context) override {
    for (const char* table :
         {"abr_pref", "abr_city", "abr_town", "abr_rsdt_blk", "abr_rsdt", "abr_parcel"})
      check_table(context, table);
  }

 private:
  static void check_table(AuditContext& context, const char* table_name) {
    if (!context.db.has_table(table_name)) return;
    const bool blocks = std::string_view(table_name) == "abr_rsdt_blk";
    KeyOrderScan scan = context.scan_in_key_order(
        table_name, "efct_date, ablt_date, provenance_id",
        std::string("ablt_date IS NOT NULL AND ablt_date <> '' AND efct_date IS NOT NULL AND "
                    "efct_date > ablt_date") +
            (blocks ? " AND derived = 0" : ""));
    Statement& select = scan.select;
    const int key_count = scan.key_count;
    while (select.step()) {
      const std::vector<std::string> parts = key_parts(select, key_count);
      const std::string lg_code = parts[0];
      const std::string machiaza_id = scan.keyed_by_town ? parts[1] : "";
      context.report(context.place_finding(
          "abr-dates-out-of-order", lg_code, machiaza_id,
          "takes effect (efct_date " + std::string(select.column_text(key_count)) +
              ") after it was abolished (ablt_date " +
              std::string(select.column_text(key_count + 1)) + ")",
          {{table_name, joined_key(parts), context.source_of(select.column_int64(key_count + 2))}},
          1));
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_dates_out_of_order_check(const AuditContext&) {
  return std::make_unique<DatesOutOfOrderCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
