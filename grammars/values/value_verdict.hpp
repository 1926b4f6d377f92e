// value_verdict.hpp — the common result of checking one value against a
// format: ok, or what is wrong and (when the fix is mechanical) the fixed form.
#pragma once
#include <string>

namespace gifkit::grammars {

enum class ValueStatus {
  ok,                   // the value is in the required form
  wrong_width,          // right content, 全角/半角 wrong (suggestion holds the fix)
  invalid_format,       // not in the required form (suggestion holds the fix when known)
  invalid_check_digit,  // well-formed, but the check digit does not match
  invalid_value,        // well-formed but impossible (2024-02-30, month 13)
};

struct ValueVerdict {
  ValueStatus status = ValueStatus::ok;
  std::string suggestion;  // the value in the required form, when it can be derived
  std::string reason;      // a short English explanation for the report message
  bool ok() const { return status == ValueStatus::ok; }
};

}  // namespace gifkit::grammars
