// verdict_testing.hpp — helpers shared by the grammar unit tests: printable
// ValueStatus for Catch2 messages and a table row type for check_* cases.
#pragma once
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "grammars/values/value_verdict.hpp"

namespace Catch {
template <>
struct StringMaker<gifkit::grammars::ValueStatus> {
  static std::string convert(gifkit::grammars::ValueStatus status) {
    using gifkit::grammars::ValueStatus;
    switch (status) {
      case ValueStatus::ok:
        return "ok";
      case ValueStatus::wrong_width:
        return "wrong_width";
      case ValueStatus::invalid_format:
        return "invalid_format";
      case ValueStatus::invalid_check_digit:
        return "invalid_check_digit";
      case ValueStatus::invalid_value:
        return "invalid_value";
    }
    return "?";
  }
};
}  // namespace Catch

namespace gifkit::grammars::testing {

// One row of a check_* table: the input, the expected status and the
// expected suggestion ("" = none).
struct VerdictCase {
  std::string_view input;
  ValueStatus status;
  std::string_view suggestion = {};
};

// Runs check on every row; a problem verdict must always carry a reason.
template <typename Check, std::size_t N>
void check_table(Check check, const VerdictCase (&rows)[N]) {
  for (const VerdictCase& row : rows) {
    const ValueVerdict verdict = check(row.input);
    INFO("input: [" << row.input << "] reason: " << verdict.reason);
    CHECK(verdict.status == row.status);
    CHECK(verdict.suggestion == row.suggestion);
    CHECK(verdict.reason.empty() == verdict.ok());
  }
}

}  // namespace gifkit::grammars::testing
