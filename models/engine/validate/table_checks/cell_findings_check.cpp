// cell_findings_check.cpp — reports the row's cell findings (item_values)
// but those of the cells a shift covers, which count as invalid all the same;
// marks the cells with problems (TableRow::marks) for the registry rules.
// A per-column finding (Finding::per_column: ○ for 1 in a 1-or-blank item) is
// counted and reported once for its column, with the count, when the table
// ends. Its codes are item_values'.
#include <cstdint>
#include <map>
#include <string>

#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class CellFindingsCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {}; }
  bool bind(TableContext&) override { return true; }

  void check_row(TableContext& table, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    std::size_t counted_column = SIZE_MAX;  // the column last counted invalid
    for (CellFinding& cell : row.cell_findings) {
      const std::size_t i = cell.column;
      Finding& finding = cell.finding;
      if (finding.severity != Severity::info) row.marks[i] |= TableRow::kCellHasProblem;
      if (row.covered[i]) {
        if (finding.severity != Severity::info && counted_column != i) {
          ++table.task.quality[i].invalid;
          counted_column = i;
          row.marks[i] |= TableRow::kCellCounted;
        }
        continue;
      }
      if (finding.per_column) {
        // Counted here, reported once for the column when the table ends.
        ColumnFinding& column = per_column_[i];
        if (column.cells++ == 0) {
          column.row = record.number;
          column.line = record.line;
          column.finding = std::move(finding);
        }
        if (table.problems.wants(column.finding.code) && column.finding.severity == Severity::error)
          row.error = true;
        if (column.finding.severity != Severity::info && counted_column != i) {
          ++table.task.quality[i].invalid;
          counted_column = i;
          row.marks[i] |= TableRow::kCellCounted;
        }
        continue;
      }
      Problem problem =
          table.make(finding.code, record.number, record.line, static_cast<std::uint32_t>(i + 1));
      problem.severity = finding.severity;
      problem.value = std::string(record.fields[i]);
      problem.suggestion = std::move(finding.suggestion);
      problem.fix = std::move(finding.fix);
      const std::optional<Severity> severity = table.problems.add(
          std::move(problem), {{"reason", finding.reason}, {"codelist", finding.codelist}});
      if (!severity) continue;  // filtered out: neither the column nor the row is marked
      if (*severity == Severity::error) row.error = true;
      if (*severity != Severity::info && counted_column != i) {
        ++table.task.quality[i].invalid;
        counted_column = i;
        row.marks[i] |= TableRow::kCellCounted;
      }
    }
  }

  // One problem per column of the per-column findings, at its first cell,
  // saying how many cells hold one.
  void finish(TableContext& table) override {
    for (auto& [i, column] : per_column_) {
      Finding& finding = column.finding;
      Problem problem =
          table.make(finding.code, column.row, column.line, static_cast<std::uint32_t>(i + 1));
      problem.severity = finding.severity;
      problem.value = finding.fix.from;
      problem.suggestion = std::move(finding.suggestion);
      problem.fix = std::move(finding.fix);
      // The message's last part (the code list) says how many cells and the fix.
      std::string codelist = std::move(finding.codelist);
      codelist += " — in " + std::to_string(column.cells) +
                  (column.cells == 1 ? " cell" : " cells") + " of the column: write " +
                  problem.fix.to;
      table.problems.add(std::move(problem),
                         {{"reason", finding.reason}, {"codelist", std::move(codelist)}});
    }
    per_column_.clear();
  }

 private:
  struct ColumnFinding {
    std::uint64_t cells = 0;
    std::uint64_t row = 0;
    std::uint64_t line = 0;
    Finding finding;
  };
  std::map<std::size_t, ColumnFinding> per_column_;  // by column
};

}  // namespace

std::unique_ptr<TableCheck> make_cell_findings_check() {
  return std::make_unique<CellFindingsCheck>();
}

}  // namespace gifkit::models
