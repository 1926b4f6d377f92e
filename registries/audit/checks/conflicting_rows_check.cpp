// conflicting_rows_check.cpp — the audit check of rows whose key the registry held already with
// other values (abr_row_store.cpp keeps the first and records the other in
// abr_conflicting_row): abr-conflicting-rows.
#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

class ConflictingRowsCheck : public AuditCheck {
 public:
  ConflictingRowsCheck() : AuditCheck(AuditPart::abr, {"abr-conflicting-rows"}) {}

  void run(AuditContext& context) override {
    if (!context.db.has_table("abr_conflicting_row")) return;
    Statement select = context.db.prepare(
        "SELECT table_name, row_key, lg_code, machiaza_id, line, provenance_id, "
        "kept_provenance_id, differences FROM abr_conflicting_row ORDER BY provenance_id, line");
    while (select.step()) {
      const std::string lg_code(select.column_text(2));
      const std::string machiaza_id(select.column_text(3));
      const std::string table(select.column_text(0));
      const std::string key(select.column_text(1));
      context.report(context.place_finding(
          "abr-conflicting-rows", lg_code, machiaza_id,
          "the key is given twice with different values (" + std::string(select.column_text(7)) +
              ": kept / skipped); the build kept the " + "first, skipped line " +
              std::string(select.column_text(4)) + " of " +
              context.source_of(select.column_int64(5)),
          {{table, key, context.source_of(select.column_int64(6))},
           {table, key, context.source_of(select.column_int64(5))}},
          2));
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_conflicting_rows_check(const AuditContext&) {
  return std::make_unique<ConflictingRowsCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
