// row_code_tables.cpp — see row_code_tables.hpp.
#include "models/engine/transform/row_code_tables.hpp"

#include "grammars/text/text_fold.hpp"

namespace gifkit::models {

void apply_code_table(OutputRow& output, const grammars::CsvRecord& record, std::size_t i) {
  const TransformPlan& plan = output.plan;
  const OutputColumn& column = plan.columns[i];
  const PlannedCodeTable& planned = plan.code_tables[static_cast<std::size_t>(column.code_table)];
  const std::string_view code = record_field(record, planned.input);
  if (grammars::trim_spaces(code).empty()) return;
  const auto number = static_cast<std::uint32_t>(planned.input + 1);
  const std::string& read_as = plan.headers[static_cast<std::size_t>(planned.input)];
  const std::string& table = planned.table->name();
  const std::string* standard = planned.table->find(code);
  if (standard == nullptr && planned.in_place && planned.table->gives(code)) return;
  if (standard == nullptr || standard->empty()) {
    output.log.emit(
        ReviewRecord{record.number, number, column.header, std::string(code),
                     read_as + ": " + std::string(code) +
                         (standard == nullptr ? " is not in the code table "
                                              : " has no standard code in the code table ") +
                         table,
                     "code-table", ""});
    return;
  }
  std::string& value = output.values[i];
  if (planned.in_place || value.empty()) {
    if (value == *standard) return;
    output.log.emit(ChangeRecord{record.number, number, column.header, std::string(code), *standard,
                                 "code-table"});
    value = *standard;
    return;
  }
  if (CodeTable::key(value) == CodeTable::key(*standard)) return;  // the fixer sees to widths
  output.log.emit(ReviewRecord{record.number, column.input_number(plan.conversions), column.header,
                               value,
                               column.header + ": " + value + " is not the code the code table " +
                                   table + " gives for " + read_as + " " + std::string(code),
                               "code-table", *standard});
}

}  // namespace gifkit::models
