// row_conversions.hpp — a transform's conversions between split and
// combined forms (form_conversions.hpp, bound by the plan) run on each row:
// their inputs fixed first, their slots written into the output row, the
// rewrites logged, a conversion that is not certain held for review to the
// row's end — when the registry may have replaced its address
// (row_registry: convert_again).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/engine/transform/output_row.hpp"

namespace gifkit::models {

class RowConversions {
 public:
  explicit RowConversions(OutputRow& output) : output_(output) {}

  // Sized for the plan (output.plan); input_columns: the input's.
  void start(std::size_t input_columns);

  // Runs every conversion of the plan on the row.
  void convert_row(const grammars::CsvRecord& record) {
    for (std::size_t c = 0; c < output_.plan.conversions.size(); ++c) convert(record, c);
  }
  // The value of output column column from its conversion's slot: "" when
  // the conversion was not certain.
  void write_slot(const OutputColumn& column, std::string& value) const {
    value = converted_[static_cast<std::size_t>(column.conversion)]
                ? slots_[static_cast<std::size_t>(column.conversion)]
                        [static_cast<std::size_t>(column.slot)]
                : std::string();
  }
  // Output cell i, an input column that its conversion writes again (an
  // address in the DS-442 form): its slot where the conversion was certain
  // and wrote one, the change logged from the value as read.
  void rewrite(std::uint64_t row, std::size_t i);
  // Runs conversion c again on the output's values of its inputs (all of
  // them output columns as read: a conversion that adds codes beside the
  // address it reads) and writes its slots into the output, each change
  // logged; a review held for c's first run is dropped; when it is not
  // certain now, its cells are emptied and the new address reviewed.
  void convert_again(std::uint64_t row, std::size_t c);
  // The reviews of the row's conversions that were not certain, at its end.
  void emit_held_reviews();

 private:
  // Runs conversion c on the row. Its inputs are fixed as their own items
  // first (１－３ becomes 1-3 before it is joined into 連結表記), each fix logged.
  void convert(const grammars::CsvRecord& record, std::size_t c);
  // Whether input column (0-based; -1 for none) is copied to the output.
  bool is_output(int column) const {
    return column >= 0 && in_output_[static_cast<std::size_t>(column)];
  }
  // A conversion's inputs as one value for the log and review ("東京都 | 文京区 | …").
  std::string joined_inputs() const;

  OutputRow& output_;
  std::vector<std::vector<std::string>> slots_;  // per conversion, this row's values
  std::vector<bool> converted_;                  // per conversion, this row
  std::vector<bool> in_output_;                  // per input column: copied to the output
  std::vector<bool> replaces_inputs_;     // per conversion: its inputs are not output columns
  std::vector<std::string_view> inputs_;  // a conversion's inputs (views of fixed_inputs_)
  std::vector<std::string> fixed_inputs_;
  // This row's conversions that were not certain (conversion, review), emitted at its end.
  std::vector<std::pair<std::size_t, ReviewRecord>> held_reviews_;
};

}  // namespace gifkit::models
