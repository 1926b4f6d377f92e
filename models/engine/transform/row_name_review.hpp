// row_name_review.hpp — transform's review of names and their カナ: a row
// whose カナ is not a plausible reading of the person's name written beside it
// (the output's 氏/氏（カナ）, 名/名（カナ）, 氏名/氏名（カナ）) goes to the review
// list, code name-reading-mismatch, with validate's message and the readings
// the dictionaries give as candidates; both values are written as they are
// (a カナ is never rewritten: which of the two is wrong, only a person can
// tell). The judgement is validate's (checks/row_name_readings.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/checks/row_name_readings.hpp"
#include "models/engine/transform/transform_log.hpp"
#include "models/engine/transform/transform_plan.hpp"

namespace gifkit::models {

class RowNameReview {
 public:
  // Binds the plan's output columns of a person's name and its カナ; false
  // when the output has no such pair (review() then does nothing).
  bool bind(const TransformPlan& plan, const CheckResources& resources);

  // The row's output values (per output column): each pair whose カナ is a
  // mismatch to review.
  void review(std::uint64_t row, const std::vector<std::string_view>& values, TransformLog& log);

  // What validate's model note says of the pairs judged; "" when none was.
  std::string note() const { return bound_ ? readings_.note() : std::string(); }

 private:
  const TransformPlan* plan_ = nullptr;
  RowNameReadings readings_;
  bool bound_ = false;
};

}  // namespace gifkit::models
