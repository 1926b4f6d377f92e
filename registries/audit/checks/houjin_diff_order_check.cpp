// houjin_diff_order_check.cpp — the audit check of the 法人番号 files in the order they were
// applied (provenance id): a diff whose data date is before a file applied earlier was
// applied out of order (registry update --allow-out-of-order, or a build given them so):
// houjin-diff-out-of-order.
#include "registries/audit/checks/audit_check.hpp"
#include "registries/builder/registry_holdings.hpp"

namespace gifkit::registries::audit {
namespace {

class HoujinDiffOrderCheck : public AuditCheck {
 public:
  HoujinDiffOrderCheck() : AuditCheck(AuditPart::houjin, {"houjin-diff-out-of-order"}) {}

  void run(AuditContext& context) override {
    const Provenance* newest = nullptr;
    for (const Provenance& source : context.sources) {
      if (!source.source_kind.starts_with("houjin-") || source.data_date.empty()) continue;
      const HoujinFile file = houjin_file(source.source_file);
      if (newest != nullptr && file.kind == HoujinFileKind::diff &&
          source.data_date < newest->data_date) {
        const std::string name = source_file_name(source.source_file);
        context.report(
            {"houjin-diff-out-of-order",
             AuditPart::houjin,
             "",
             "",
             "",
             name,
             "the diff of " + source.data_date + " was applied after " +
                 source_file_name(newest->source_file) + " of " + newest->data_date +
                 ": its changes may have overwritten newer ones",
             {{"provenance", std::to_string(source.id), name},
              {"provenance", std::to_string(newest->id), source_file_name(newest->source_file)}},
             2});
      }
      if (newest == nullptr || source.data_date > newest->data_date) newest = &source;
    }
  }
};

}  // namespace

namespace checks {
std::unique_ptr<AuditCheck> make_houjin_diff_order_check(const AuditContext&) {
  return std::make_unique<HoujinDiffOrderCheck>();
}
}  // namespace checks

}  // namespace gifkit::registries::audit
