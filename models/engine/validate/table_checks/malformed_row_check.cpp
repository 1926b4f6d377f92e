// malformed_row_check.cpp — malformed-row: a row with more or fewer fields
// than the header has columns (a row of one empty field is a blank line, not
// malformed). The reader's own malformed-row (a quote left open) is
// TableValidation's, reported as the reader finds it.
#include <algorithm>

#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class MalformedRowCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"malformed-row"}; }
  bool bind(TableContext&) override { return true; }

  void check_row(TableContext& table, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    const std::size_t fields = record.fields.size();
    const std::size_t columns = table.columns();
    if (fields == columns || (fields == 1 && record.fields[0].empty())) return;
    Problem problem = table.make("malformed-row", record.number, record.line,
                                 static_cast<std::uint32_t>(std::min(fields, columns) + 1));
    problem.field.clear();
    problem.message = "Line " + std::to_string(record.line) + ": the row has " +
                      std::to_string(fields) + " fields, the header has " + std::to_string(columns);
    if (table.problems.add(std::move(problem)) == Severity::error) row.error = true;
  }
};

}  // namespace

std::unique_ptr<TableCheck> make_malformed_row_check() {
  return std::make_unique<MalformedRowCheck>();
}

}  // namespace gifkit::models
