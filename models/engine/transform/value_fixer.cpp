// value_fixer.cpp — see value_fixer.hpp.
#include "models/engine/transform/value_fixer.hpp"

#include <cassert>

namespace gifkit::models {

bool ValueFixer::fix(const FieldSpec& field, std::string& value, std::vector<Step>& steps,
                     std::vector<Leftover>& leftovers) {
  steps.clear();
  leftovers.clear();
  if (value.empty()) return false;
  for (int step = 0; step <= kMaxSteps; ++step) {
    findings_.clear();
    check_value(field, value, resources_, findings_);
    if (findings_.empty()) break;
    const Finding* certain = nullptr;
    for (const Finding& finding : findings_) {
      if (!finding.fix.empty() && finding.fix.certainty == FixCertainty::certain &&
          finding.fix.to != value && !finding.fix.to.empty()) {
        certain = &finding;
        break;
      }
    }
    if (certain == nullptr || step == kMaxSteps) {
      for (Finding& finding : findings_) {
        if (finding.severity == Severity::info) continue;
        leftovers.push_back({std::string(finding.code), std::move(finding.reason),
                             std::move(finding.suggestion), finding.severity});
      }
      break;
    }
    assert(certain->fix.from == value);
    steps.push_back({value, certain->fix.to, certain->fix.rule});
    value = certain->fix.to;
  }
  return !steps.empty();
}

}  // namespace gifkit::models
