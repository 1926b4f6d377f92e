// transform_log.hpp — where a transform's changes and review items go, from
// every step of its run (transform.cpp): each one counted, each text that
// could hold a 個人番号 masked, then passed to the sink — or, when the sink
// keeps none (no change log, no review list asked for), only counted.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/engine/transform/transform.hpp"
#include "models/engine/transform/value_fixer.hpp"

namespace gifkit::models {

class TransformLog {
 public:
  explicit TransformLog(TransformSink& sink)
      : sink_(sink), keeps_changes_(sink.keeps_changes()), keeps_reviews_(sink.keeps_reviews()) {}

  // sink.keeps_changes() and keeps_reviews(), asked once (not at every change).
  bool keeps_changes() const { return keeps_changes_; }
  bool keeps_reviews() const { return keeps_reviews_; }

  // The log and the review list never show a 個人番号: each one written in a
  // value or message is masked (the output's own values are masked or
  // refused before: IndividualNumberMasks).
  void emit(ChangeRecord change) {
    if (count_change()) write(std::move(change));
  }
  // The value fixer's steps as changes of item in input column column;
  // built only when the sink keeps them (most runs only count them).
  void emit_steps(std::vector<ValueFixer::Step>& steps, std::uint64_t row, std::uint32_t column,
                  std::string_view item);
  void emit(ReviewRecord review);
  // The fixer's leftovers of a value of item (in input column column) to
  // review, each why followed by more. The sink keeps reviews.
  void emit_leftovers(std::vector<ValueFixer::Leftover>& leftovers, std::uint64_t row,
                      std::uint32_t column, const std::string& item, const std::string& value,
                      const std::string& more);

  // Changes and review items that are only counted.
  void count_changes(std::uint64_t changes) { changes_ += changes; }
  void count_reviews(std::uint64_t reviews) { reviews_ += reviews; }
  std::uint64_t changes() const { return changes_; }
  std::uint64_t reviews() const { return reviews_; }

 private:
  // Counts a change; true when the sink keeps changes (the change is then written).
  bool count_change() {
    ++changes_;
    return keeps_changes_;
  }
  void write(ChangeRecord change);

  TransformSink& sink_;
  const bool keeps_changes_;
  const bool keeps_reviews_;
  std::uint64_t changes_ = 0;
  std::uint64_t reviews_ = 0;
};

}  // namespace gifkit::models
