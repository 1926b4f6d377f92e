// row_name_review.cpp — see row_name_review.hpp.
#include "models/engine/transform/row_name_review.hpp"

#include "models/engine/report/problem_codes.hpp"

namespace gifkit::models {

bool RowNameReview::bind(const TransformPlan& plan, const CheckResources& resources) {
  plan_ = &plan;
  bound_ = plan.model != nullptr &&
           readings_.bind(
               *plan.model,
               [&plan](const std::string& path) {
                 for (std::size_t i = 0; i < plan.columns.size(); ++i)
                   if (plan.columns[i].field != nullptr && plan.columns[i].field->path == path)
                     return static_cast<int>(i);
                 return -1;
               },
               resources);
  return bound_;
}

void RowNameReview::review(std::uint64_t row, const std::vector<std::string_view>& values,
                           TransformLog& log) {
  if (!bound_) return;
  for (const ReadingPair& pair : readings_.pairs()) {
    const std::string_view name = values[pair.name_column];
    const std::string_view kana = values[pair.kana_column];
    if (name.empty() || kana.empty()) continue;
    const ReadingResult result = readings_.judge(pair, name, kana);
    if (result.verdict != ReadingVerdict::mismatch) continue;
    const OutputColumn& kana_column = plan_->columns[pair.kana_column];
    const ProblemCode* code = find_problem_code("name-reading-mismatch");
    ReviewRecord review;
    review.row = row;
    review.column = kana_column.input_number(plan_->conversions);
    review.item = kana_column.header;
    review.value = std::string(kana);
    review.why =
        render_message(code->message, {{"field", kana_column.header},
                                       {"value", std::string(kana)},
                                       {"name_field", plan_->columns[pair.name_column].header},
                                       {"name", std::string(name)},
                                       {"why", result.why}});
    review.code = code->code;
    for (const std::string& reading : result.known)
      review.candidates += (review.candidates.empty() ? "" : "; ") + reading;
    log.emit(std::move(review));
  }
}

}  // namespace gifkit::models
