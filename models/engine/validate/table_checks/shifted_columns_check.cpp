// shifted_columns_check.cpp — columns-shifted: a row whose values sit shifted
// by one or more columns (checks/shifted_columns.hpp) is one finding for its
// block of rows, in place of its cells' findings. Decided from the row's cell
// findings; marks the cells the shift covers (TableRow::covered), which no
// check after looks up or reports.
#include <cassert>

#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class ShiftedColumnsCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"columns-shifted"}; }

  bool bind(TableContext& table) override {
    if (!table.problems.wants("columns-shifted")) return false;
    shifted_.emplace(table.fields);
    own_error_.assign(table.columns(), false);
    return true;
  }

  void check_row(TableContext& table, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    row.shift = row_shift(table, row);
    if (const auto ended = shifted_->add(record.number, record.line, record.fields, row.shift))
      report(table, *ended);
    if (!row.shift) return;
    row.error = true;
    for (std::size_t i = row.shift->first; i <= row.shift->last; ++i) {
      row.covered[i] = 1;
      row.marks[i] |= TableRow::kCellHasProblem;  // not looked up either
    }
  }

  void finish(TableContext& table) override {
    if (const auto ended = shifted_->finish()) report(table, *ended);
  }

 private:
  // The shift of the row's values, decided from the findings of its cells;
  // nullopt when it is not shifted.
  std::optional<ShiftedColumns::RowShift> row_shift(const TableContext& table,
                                                    const TableRow& row) {
    if (row.cell_findings.size() < 2) return std::nullopt;
    std::fill(own_error_.begin(), own_error_.end(), false);
    for (const CellFinding& cell : row.cell_findings)
      if (cell.finding.severity == Severity::error) own_error_[cell.column] = true;
    const auto& fields = row.fields();
    return shifted_->row_shift(fields, own_error_, [&](std::size_t column, std::size_t item) {
      const FieldSpec* field = table.fields[item];
      assert(field != nullptr && column < fields.size());
      fit_findings_.clear();
      check_value(*field, fields[column], table.resources, fit_findings_);
      for (const Finding& finding : fit_findings_)
        if (finding.severity == Severity::error) return false;
      return table.patterns[item].empty() || table.patterns[item].matches(fields[column]);
    });
  }

  // One block of shifted columns, in place of the findings of its cells.
  static void report(TableContext& table, const ShiftedColumns::Block& block) {
    assert(block.rows > 0 && block.by != 0);
    const auto& headers = table.binding.headers;
    Problem problem = table.make("columns-shifted", block.first_row, block.first_line,
                                 static_cast<std::uint32_t>(block.first + 1));
    problem.value = std::string(block.first_value());
    problem.suggestion = "move these values " + ShiftedColumns::shift_text(-block.by);
    problem.rows = block.rows;
    table.problems.add(std::move(problem),
                       {{"columns", ShiftedColumns::columns_text(block, headers)},
                        {"rows", ShiftedColumns::rows_text(block)},
                        {"shift", ShiftedColumns::shift_text(block.by)},
                        {"samples", ShiftedColumns::samples_text(block, headers)}});
  }

  std::optional<ShiftedColumns> shifted_;
  std::vector<bool> own_error_;        // per column: its value has an error of its own
  std::vector<Finding> fit_findings_;  // a value checked against another column's item
};

}  // namespace

std::unique_ptr<TableCheck> make_shifted_columns_check() {
  return std::make_unique<ShiftedColumnsCheck>();
}

}  // namespace gifkit::models
