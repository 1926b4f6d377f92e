// transform_log.cpp — see transform_log.hpp.
#include "models/engine/transform/transform_log.hpp"

#include "grammars/values/identifiers.hpp"
#include "models/engine/report/problem_codes.hpp"

namespace gifkit::models {
namespace {

// Shorter texts cannot hold a 12-digit number: most values are left as they are.
void mask_logged_text(std::string& text) {
  if (text.size() >= 12) text = grammars::mask_individual_numbers_in(text);
}

// A leftover's message, as validate renders its code.
std::string leftover_message(const ValueFixer::Leftover& leftover, const std::string& item,
                             const std::string& value) {
  const ProblemCode* code = find_problem_code(leftover.code);
  if (code == nullptr)
    return render_message("{field}: {value} {reason}",
                          {{"field", item}, {"value", value}, {"reason", leftover.reason}});
  return render_message(code->message, {{"field", item},
                                        {"value", value},
                                        {"reason", leftover.reason},
                                        {"codelist", leftover.suggestion}});
}

}  // namespace

void TransformLog::emit_steps(std::vector<ValueFixer::Step>& steps, std::uint64_t row,
                              std::uint32_t column, std::string_view item) {
  for (ValueFixer::Step& step : steps) {
    if (count_change())
      write(ChangeRecord{row, column, std::string(item), std::move(step.from), std::move(step.to),
                         std::move(step.rule)});
  }
}

void TransformLog::write(ChangeRecord change) {
  mask_logged_text(change.from);
  mask_logged_text(change.to);
  sink_.change(change);
}

void TransformLog::emit(ReviewRecord review) {
  ++reviews_;
  for (std::string* text : {&review.value, &review.why, &review.candidates})
    mask_logged_text(*text);
  sink_.review(review);
}

void TransformLog::emit_leftovers(std::vector<ValueFixer::Leftover>& leftovers, std::uint64_t row,
                                  std::uint32_t column, const std::string& item,
                                  const std::string& value, const std::string& more) {
  for (ValueFixer::Leftover& leftover : leftovers) {
    emit(ReviewRecord{row, column, item, value, leftover_message(leftover, item, value) + more,
                      leftover.code, std::move(leftover.suggestion)});
  }
}

}  // namespace gifkit::models
