// position_swapped_check.cpp — the audit check of the positions the build found with longitude
// and latitude swapped and put right (abr_row_store.cpp records each in abr_position_swap):
// abr-position-swapped.
#include "registries/audit/checks/audit_check.hpp"

namespace gifkit::registries::audit {
namespace {

class PositionSwappedCheck : public AuditCheck {
 public:
  PositionSwappedCheck() : AuditCheck(AuditPart::abr, {"abr-position-swapped"}) {}

  void run(AuditContext& context) override {
    if (!context.db.has_table("abr_position_swap")) return;
    Statement select = context.db.prepare(
        "SELECT table_name, row_key, lg_code, machiaza_id, line, provenance_id "
        "FROM abr_position_swap ORDER BY provenance_id, line");
    while (select.step()) {
      const std::string lg_code(select.column_text(2));
      const std::string source = context.source_of(select.column_int64(5));
      context.report(context.place_finding(
          "abr-position-swapped", lg_code, std::string(select.column_text(3)),
          "the source gives this point's longitude and latitude swapped (line " +
              std::string(select.column_text(4)) + " of its file); the registry holds it put right",
          {{std::string(select.column_text(0)), std::string(select.column_text(1)), source}}, 1));
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_position_swapped_check(const AuditContext&) {
  return std::make_unique<PositionSwappedCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
