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
    Finding* certain = nullptr;
    for (Finding& finding : findings_) {
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
                             std::move(finding.suggestion), std::move(finding.fix.rule),
                             finding.severity});
      }
      break;
    }
    assert(certain->fix.from == value);
    // The step takes the value and the fix's strings (findings_ is cleared
    // next); the value is the fix's result.
    Step& done = steps.emplace_back(
        Step{std::move(value), std::move(certain->fix.to), std::move(certain->fix.rule)});
    value = done.to;
  }
  return !steps.empty();
}

}  // namespace gifkit::models
