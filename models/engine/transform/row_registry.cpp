// row_registry.cpp — see row_registry.hpp.
#include "models/engine/transform/row_registry.hpp"

#include <algorithm>
#include <utility>

namespace gifkit::models {

void RowRegistry::apply(std::uint64_t row) {
  const TransformPlan& plan = output_.plan;
  corporations_.apply(output_.values, edits_, doubts_);
  std::vector<int> edited_sources;
  for (CorporationEdit& edit : edits_) {
    const OutputColumn& column = plan.columns[static_cast<std::size_t>(edit.column)];
    output_.log.emit(ChangeRecord{row, column.input_number(plan.conversions), column.header,
                                  std::move(edit.from), std::move(edit.to), std::move(edit.rule)});
    output_.fix(row, static_cast<std::size_t>(edit.column));
    if (column.source >= 0) edited_sources.push_back(column.source);
  }
  // The codes an address conversion derived from an address the registry
  // has just replaced are derived again, from the registered address.
  for (std::size_t c = 0; c < plan.conversions.size(); ++c) {
    const std::vector<int>& inputs = plan.conversions[c].inputs;
    if (std::any_of(inputs.begin(), inputs.end(), [&](int input) {
          return std::find(edited_sources.begin(), edited_sources.end(), input) !=
                 edited_sources.end();
        }))
      conversions_.convert_again(row, c);
  }
  for (CorporationDoubt& doubt : doubts_) {
    const OutputColumn& column = plan.columns[static_cast<std::size_t>(doubt.column)];
    output_.log.emit(ReviewRecord{row, column.input_number(plan.conversions), column.header,
                                  std::move(doubt.value), column.header + ": " + doubt.why,
                                  std::move(doubt.code), std::move(doubt.candidates)});
  }
}

}  // namespace gifkit::models
