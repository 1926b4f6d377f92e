// problem_codes.hpp — the stable list of problem codes: each code's default
// severity, title, message template and a note on how to fix it. The list is
// the contract that reports, docs/codes.md and SARIF rules are built from.
#pragma once
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/report/report.hpp"

namespace gifkit::models {

struct ProblemCode {
  std::string_view code;        // "invalid-check-digit"
  Severity severity;            // default severity
  std::string_view title;       // "Invalid check digit"
  std::string_view message;     // template: "{field}: check digit of {value} should be {expected}"
  std::string_view how_to_fix;  // one sentence for the reader of the report
};

// Every code, in the order docs/codes.md lists them.
const std::vector<ProblemCode>& problem_codes();

// The entry for code, or nullptr.
const ProblemCode* find_problem_code(std::string_view code);

// The code nearest to a name that is not a code (fewest characters to change,
// the first in the list on a tie): what "did you mean" offers for a typo.
std::string_view nearest_problem_code(std::string_view name);

// A message for the first name of codes that is no problem code, naming it and
// the nearest code ("--pick: invalid-formt is not a problem code (did you
// mean invalid-format?)"), option being the option that took them; "" when
// every name is a code.
std::string unknown_problem_code_message(std::string_view option,
                                         const std::set<std::string>& codes);

// True for a code only a registry gives (validate --registry: not-in-registry,
// registry-not-checked, registry-mismatch, closed-corporation,
// registry-changed): a run without one cannot report it, so naming it in
// --pick, --severity or --max-error-rate checks nothing.
bool needs_registry(std::string_view code);

// The first of these codes only a registry gives (needs_registry), in a
// message for option ("--pick: not-in-registry is reported only with
// --registry: …"); "" when none is.
std::string registry_code_without_registry_message(std::string_view option,
                                                   const std::set<std::string>& codes);

// Replaces each {name} in message_template with values.at(name); unknown
// names are left as they are. {value} is the one place a message quotes a
// value: one holding a character no reader sees is written in double quotes
// with it shown ("36.54810␠": a space at an end as ␠, a tab as ␉, a
// full-width space at an end as [全角空白]).
std::string render_message(std::string_view message_template,
                           const std::map<std::string, std::string>& values);

}  // namespace gifkit::models
