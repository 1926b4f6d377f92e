// cell_findings_check.cpp — reports the row's cell findings (item_values)
// but those of the cells a shift covers, which count as invalid all the same;
// marks the cells with problems (TableRow::marks) for the registry rules.
// Its codes are item_values'.
#include <cstdint>

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
};

}  // namespace

std::unique_ptr<TableCheck> make_cell_findings_check() {
  return std::make_unique<CellFindingsCheck>();
}

}  // namespace gifkit::models
