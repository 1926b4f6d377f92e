// audit_check.hpp — the shape of an audit check (frictionless-py's Check is the model):
// the part it checks, the problem codes it reports, and hooks the run calls in a fixed
// order. A check's own reads (a named query with its code) are in run(); the tables
// several checks need are read once by the run (audit_tables.cpp), which hands each
// check the rows as they are read. The list of the checks is audit_checks.cpp.
#pragma once
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registries/audit/audit_context.hpp"

namespace gifkit::registries::audit {

class AuditCheck {
 public:
  // codes: every problem code the check reports (models/engine/report/problem_codes.cpp);
  // AuditContext::report asserts it.
  AuditCheck(AuditPart part, std::vector<std::string_view> codes)
      : part_(part), codes_(std::move(codes)) {}
  virtual ~AuditCheck() = default;
  AuditCheck(const AuditCheck&) = delete;
  AuditCheck& operator=(const AuditCheck&) = delete;

  // The part it checks: its hooks are called when that part is asked for and the
  // registry holds it (the ABR checks first, then the 法人番号 checks).
  AuditPart part() const { return part_; }
  const std::vector<std::string_view>& codes() const { return codes_; }
  bool reports(std::string_view code) const {
    return std::find(codes_.begin(), codes_.end(), code) != codes_.end();
  }

  // The hooks, in the order the run calls them; each is called on every check of
  // the part, in the list's order, before the next hook (the order of the findings).
  // The ABR part: 1. each city's 町字, as abr_town is read (key order, a city at a
  // time); 2. the 町字 all read (AuditContext::towns); 3. each point of abr_town_pos
  // with a point, as it is read; 4. run. The 法人番号 part: run.
  virtual void city_towns(AuditContext&, const std::string& /*lg_code*/,
                          const std::vector<TownRow>&) {}
  virtual void towns_read(AuditContext&) {}
  virtual void town_point(AuditContext&, const TownPoint&) {}
  virtual void run(AuditContext&) {}

 private:
  AuditPart part_;
  std::vector<std::string_view> codes_;
};

// The audit's checks, made for one run, in the order they report (audit_checks.cpp).
std::vector<std::unique_ptr<AuditCheck>> audit_checks(const AuditContext& context);

}  // namespace gifkit::registries::audit
