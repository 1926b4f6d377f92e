// output_row.cpp — see output_row.hpp.
#include "models/engine/transform/output_row.hpp"

#include <algorithm>

namespace gifkit::models {

void OutputRow::start() {
  values.resize(plan.columns.size());
  for (const OutputColumn& column : plan.columns)
    city_block_.push_back(column.field != nullptr && column.field->id == "cityBlock" ? 1 : 0);
}

void OutputRow::fix(std::uint64_t row, std::size_t i, std::uint64_t hash) {
  const OutputColumn& column = plan.columns[i];
  std::string& value = values[i];
  if (column.field == nullptr || value.empty()) return;
  if (!fixer.fix(column.checked, value, steps, leftovers, hash) && leftovers.empty()) return;
  const std::uint32_t number = column.input_number(plan.conversions);
  log.emit_steps(steps, row, number, column.header);
  if (std::find(undecodable_columns.begin(), undecodable_columns.end(), number) !=
      undecodable_columns.end())
    return;  // its encoding-error row stands for it
  if (city_block_[i] && leftovers.size() == 1 && leftovers[0].fix_rule == "city-block-form") {
    // A 番地以下 whose digits would read otherwise (1丁目): settled at the
    // row's end, when its 町字 is written too (row_chome_doubts).
    chome_doubts.emplace_back(i, std::move(leftovers));
    leftovers.clear();
    return;
  }
  review_leftovers(row, i, "");
}

void OutputRow::review_leftovers(std::uint64_t row, std::size_t i, const std::string& more) {
  if (!log.keeps_reviews()) {
    log.count_reviews(leftovers.size());
    return;
  }
  const OutputColumn& column = plan.columns[i];
  log.emit_leftovers(leftovers, row, column.input_number(plan.conversions), column.header,
                     values[i], more);
}

}  // namespace gifkit::models
