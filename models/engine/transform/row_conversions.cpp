// row_conversions.cpp — see row_conversions.hpp.
#include "models/engine/transform/row_conversions.hpp"

#include <algorithm>

namespace gifkit::models {

void RowConversions::start(std::size_t input_columns) {
  const TransformPlan& plan = output_.plan;
  slots_.resize(plan.conversions.size());
  in_output_.assign(input_columns, false);
  for (const OutputColumn& column : plan.columns)
    if (column.source >= 0) in_output_[static_cast<std::size_t>(column.source)] = true;
  for (const PlannedConversion& planned : plan.conversions) {
    replaces_inputs_.push_back(std::none_of(planned.inputs.begin(), planned.inputs.end(),
                                            [&](int input) { return is_output(input); }));
  }
  converted_.resize(plan.conversions.size());
}

void RowConversions::convert(const grammars::CsvRecord& record, std::size_t c) {
  const TransformPlan& plan = output_.plan;
  const PlannedConversion& planned = plan.conversions[c];
  fixed_inputs_.resize(planned.inputs.size());
  inputs_.clear();
  for (std::size_t k = 0; k < planned.inputs.size(); ++k) {
    const int column = planned.inputs[k];
    std::string& value = fixed_inputs_[k];
    value.assign(record_field(record, column));
    const FieldSpec* field = column >= 0 ? plan.input_fields[column] : nullptr;
    // Logged where the input leaves the output; an input copied to the
    // output is fixed and logged there (OutputRow::fix).
    if (field != nullptr && !value.empty() &&
        output_.fixer.fix(*field, value, output_.steps, output_.leftovers) && !is_output(column))
      output_.log.emit_steps(output_.steps, record.number, static_cast<std::uint32_t>(column + 1),
                             plan.item_name(column));
  }
  for (const std::string& value : fixed_inputs_) inputs_.push_back(value);
  ConversionDoubt doubt;
  converted_[c] = planned.conversion->convert(inputs_, slots_[c], doubt);
  if (converted_[c]) {
    // Written differently from how it was read (the registry's way of
    // writing an address): the change is logged like any other — where the
    // conversion's slots replace its inputs; one that only adds codes
    // beside the address leaves the address as it was read.
    if (!doubt.rewritten.empty() && replaces_inputs_[c]) {
      const int first = planned.inputs.empty() ? -1 : planned.inputs.front();
      output_.log.emit(ChangeRecord{record.number, static_cast<std::uint32_t>(first + 1),
                                    planned.item, joined_inputs(), std::move(doubt.rewritten),
                                    std::string(planned.conversion->rule())});
    }
    return;
  }
  // Not certain: the values stay in the change log and go to review.
  const std::string value = joined_inputs();
  const int first = planned.inputs.empty() ? -1 : planned.inputs.front();
  // Held to the end of the row: the registry may replace the address and
  // the conversion then succeed (convert_again).
  held_reviews_.push_back(
      {c, ReviewRecord{record.number, static_cast<std::uint32_t>(first + 1), planned.item, value,
                       planned.item + ": " + value + " " + doubt.why,
                       std::string(planned.conversion->rule()), doubt.candidates}});
  for (std::size_t k = 0; k < planned.inputs.size(); ++k) {
    if (planned.inputs[k] < 0 || inputs_[k].empty() || is_output(planned.inputs[k])) continue;
    output_.log.emit(ChangeRecord{record.number, static_cast<std::uint32_t>(planned.inputs[k] + 1),
                                  planned.item, std::string(inputs_[k]), "", "not-converted"});
  }
}

void RowConversions::rewrite(std::uint64_t row, std::size_t i) {
  const TransformPlan& plan = output_.plan;
  const OutputColumn& column = plan.columns[i];
  const auto c = static_cast<std::size_t>(column.conversion);
  if (!converted_[c]) return;
  const std::string& slot = slots_[c][static_cast<std::size_t>(column.slot)];
  std::string& value = output_.values[i];
  if (slot.empty() || slot == value) return;
  output_.log.emit(ChangeRecord{row, column.input_number(plan.conversions), column.header, value,
                                slot, std::string(plan.conversions[c].conversion->rule())});
  value = slot;
}

void RowConversions::convert_again(std::uint64_t row, std::size_t c) {
  const TransformPlan& plan = output_.plan;
  std::vector<std::string>& out = output_.values;
  const PlannedConversion& planned = plan.conversions[c];
  inputs_.clear();
  for (int input : planned.inputs) {
    const auto at =
        std::find_if(plan.columns.begin(), plan.columns.end(),
                     [&](const OutputColumn& column) { return column.source == input; });
    if (input < 0 || at == plan.columns.end()) return;  // a consumed input: parts, not codes
    inputs_.push_back(out[static_cast<std::size_t>(at - plan.columns.begin())]);
  }
  ConversionDoubt doubt;
  const bool certain = planned.conversion->convert(inputs_, slots_[c], doubt);
  // What the read address left for review is settled by the registered one.
  std::erase_if(held_reviews_, [c](const auto& held) { return held.first == c; });
  if (!certain) {
    output_.log.emit(ReviewRecord{row, static_cast<std::uint32_t>(planned.inputs.front() + 1),
                                  planned.item, joined_inputs(),
                                  planned.item + ": " + joined_inputs() + " " + doubt.why,
                                  std::string(planned.conversion->rule()), doubt.candidates});
  }
  for (std::size_t i = 0; i < plan.columns.size(); ++i) {
    const OutputColumn& column = plan.columns[i];
    if (column.conversion != static_cast<int>(c)) continue;
    std::string value = certain ? slots_[c][static_cast<std::size_t>(column.slot)] : std::string();
    // A column the conversion writes again keeps its value where it writes none.
    if (column.source >= 0 && value.empty()) continue;
    if (value == out[i]) continue;
    output_.log.emit(ChangeRecord{row, column.input_number(plan.conversions), column.header, out[i],
                                  value, std::string(planned.conversion->rule())});
    out[i] = std::move(value);
  }
}

void RowConversions::emit_held_reviews() {
  for (auto& [conversion, review] : held_reviews_) output_.log.emit(std::move(review));
  held_reviews_.clear();
}

std::string RowConversions::joined_inputs() const {
  std::string value;
  for (std::string_view part : inputs_) {
    if (part.empty()) continue;
    value += (value.empty() ? "" : " | ") + std::string(part);
  }
  return value;
}

}  // namespace gifkit::models
