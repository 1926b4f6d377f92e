// value_fixer.hpp — applies to one value the certain fixes of validate's own
// checks (check_value: the same Fix values validate prints), one after the
// other until the value is clean or no certain fix is left, and says what
// is left for a person.
#pragma once
#include <string>
#include <vector>

#include "models/engine/checks/value_checks.hpp"

namespace gifkit::models {

class ValueFixer {
 public:
  explicit ValueFixer(const CheckResources& resources) : resources_(resources) {}

  // One fix applied to the value.
  struct Step {
    std::string from;
    std::string to;
    std::string rule;
  };
  // A problem no certain fix settles (value left as the fixes made it).
  struct Leftover {
    std::string code;
    std::string reason;
    std::string suggestion;  // a proposal in words or a review fix's value
    std::string fix_rule;    // the review fix's rule ("city-block-form"), "" when none
    Severity severity = Severity::error;
  };

  // Fixes value in place for field. steps and leftovers are cleared and
  // filled. Returns true when value changed. The clean path (a value
  // without findings) allocates nothing.
  bool fix(const FieldSpec& field, std::string& value, std::vector<Step>& steps,
           std::vector<Leftover>& leftovers);

 private:
  static constexpr int kMaxSteps = 4;  // width, then kana, then 縮退: never more in practice
  const CheckResources& resources_;
  std::vector<Finding> findings_;
};

}  // namespace gifkit::models
