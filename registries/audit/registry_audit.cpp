// registry_audit.cpp — see registry_audit.hpp: the run. It reads the tables the checks
// share once (audit_tables.cpp) and calls the checks of checks/audit_checks.cpp, in that
// list's order, at each hook (checks/audit_check.hpp): the ABR part, then the 法人番号 part.
#include "registries/audit/registry_audit.hpp"

#include <cassert>
#include <memory>

#include "registries/audit/audit_context.hpp"
#include "registries/audit/checks/audit_check.hpp"
#include "registries/builder/registry_holdings.hpp"

namespace gifkit::registries::audit {
namespace {

class Auditor {
 public:
  Auditor(RegistryDb& db, const AuditOptions& options, const FindingSink& sink)
      : context_(db, options, sink), checks_(audit_checks(context_)) {}

  AuditSummary run() {
    RegistryDb& db = context_.db;
    const bool abr = db.has_table("abr_town") || db.has_table("abr_city") ||
                     db.has_table("abr_rsdt") || db.has_table("abr_parcel");
    if (!context_.options.abr) {
      // not asked
    } else if (abr) {
      run_abr();
    } else {
      context_.not_checked("the registry holds no ABR tables");
    }
    if (!context_.options.houjin) {
      // not asked
    } else if (db.has_table("corporation")) {
      run_houjin();
    } else {
      context_.not_checked("the registry holds no 法人番号 data");
    }
    return std::move(context_.summary);
  }

 private:
  // Calls hook on each check of part, in the list's order, as the one that reports.
  template <class Hook>
  void each_check(AuditPart part, const Hook& hook) {
    for (const std::unique_ptr<AuditCheck>& check : checks_) {
      if (check->part() != part) continue;
      context_.reporting = check.get();
      hook(*check);
    }
    context_.reporting = nullptr;
  }

  void run_abr() {
    context_.read_cities();
    context_.read_detail_groups();
    context_.read_towns([&](const std::string& lg_code, const std::vector<TownRow>& towns) {
      each_check(AuditPart::abr,
                 [&](AuditCheck& check) { check.city_towns(context_, lg_code, towns); });
    });
    each_check(AuditPart::abr, [&](AuditCheck& check) { check.towns_read(context_); });
    context_.read_town_points([&](const TownPoint& point) {
      each_check(AuditPart::abr, [&](AuditCheck& check) { check.town_point(context_, point); });
    });
    each_check(AuditPart::abr, [&](AuditCheck& check) { check.run(context_); });
  }

  void run_houjin() {
    {
      Statement count = context_.db.prepare("SELECT COUNT(*) FROM corporation");
      if (count.step())
        context_.summary.corporations = static_cast<std::uint64_t>(count.column_int64(0));
    }
    const HoujinHoldings holdings = houjin_holdings(context_.sources);
    context_.summary.houjin_sources =
        holdings.bulk_files + holdings.diff_files + holdings.other_files;
    each_check(AuditPart::houjin, [&](AuditCheck& check) { check.run(context_); });
  }

  AuditContext context_;
  const std::vector<std::unique_ptr<AuditCheck>> checks_;
};

}  // namespace

AuditSummary audit_registry(RegistryDb& db, const AuditOptions& options,
                            const FindingSink& on_finding) {
  assert(options.rows_named > 0);
  ReadTransaction read(db);
  return Auditor(db, options, on_finding).run();
}

}  // namespace gifkit::registries::audit
