// table_check.hpp — the shape of every check validate runs over a table (as
// frictionless-py's checks: connect, validate_start, validate_row,
// validate_end): a check binds to the table once its header is bound, looks
// at each row, and finishes after the last; it names the problem codes it
// reports. TableContext is the table as every check sees it, TableRow the row
// being checked with what the checks before it found there. The list of the
// checks, in the order they run, is table_check_list.hpp; TableValidation
// reads the file and runs them.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "models/engine/checks/shifted_columns.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "models/engine/checks/value_plan.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/validate/problem_collector.hpp"
#include "models/engine/validate/validate.hpp"

namespace gifkit::models {

// A problem of that code at that place in a table: with its column's header
// (headers, empty before the header is read) and the cell's name (B12 in a
// workbook).
Problem make_table_problem(std::string_view code, std::uint64_t row, std::uint64_t line,
                           std::uint32_t column, const std::vector<std::string>& headers,
                           const DatasetReader& reader);

// The table being validated, once its header is bound: the options, the
// resources the values are checked with, the model and the binding, where
// problems go, and per column what every check compiles alike.
struct TableContext {
  TableContext(const ValidateOptions& options_, const CheckResources& resources_,
               ProblemCollector& problems_, TaskReport& task_, const DatasetReader& reader_,
               const Model& model_, const HeaderBinding& binding_, std::uint64_t header_line_)
      : options(options_),
        resources(resources_),
        problems(problems_),
        task(task_),
        reader(reader_),
        model(model_),
        binding(binding_),
        header_line(header_line_) {}

  const ValidateOptions& options;
  const CheckResources& resources;
  ProblemCollector& problems;
  TaskReport& task;
  const DatasetReader& reader;
  const Model& model;
  const HeaderBinding& binding;
  std::uint64_t header_line;  // the line of the header row
  // Per column: its item (nullptr for none), its item's xs:pattern, and the
  // plan that accepts the values needing no check_value.
  std::vector<const FieldSpec*> fields;
  std::vector<FieldPattern> patterns;
  std::vector<ValuePlan> plans;

  std::size_t columns() const { return fields.size(); }
  // The column (0-based) bound to an item path, -1 when the file has none.
  int column_of(const std::string& path) const { return binding.column_of(path); }
  // make_table_problem at this table's header.
  Problem make(std::string_view code, std::uint64_t row, std::uint64_t line,
               std::uint32_t column) const {
    return make_table_problem(code, row, line, column, binding.headers, reader);
  }
};

// A cell's finding, before it is reported (a shift may cover it).
struct CellFinding {
  std::size_t column = 0;
  Finding finding;
};

// The row being checked, and what the checks before found in it. Per column
// vectors hold bytes, not std::vector<bool>: they are read and written for
// every cell.
struct TableRow {
  static constexpr std::uint8_t kCellHasProblem = 1;  // its own value has an error or warning
  static constexpr std::uint8_t kCellCounted = 2;     // already counted as invalid for quality

  const grammars::CsvRecord* record = nullptr;  // valid while the row is checked
  std::size_t present = 0;                      // its fields that have a column
  bool error = false;                           // an error was reported in the row
  // Fields (1-based) the reader found no valid text in (an encoding error):
  // their values hold U+FFFD and are not checked again.
  std::vector<std::uint32_t> unreadable;
  // Its cells' findings, reported once the row's shift is known.
  std::vector<CellFinding> cell_findings;
  // Per column: the value plan accepted the value (set for every filled cell).
  std::vector<std::uint8_t> accepted;
  // Per column: the value passed its item's checks without a finding — 1, or
  // ColumnKinds::kOwnKind when its plan accepted it and says its kind.
  std::vector<std::uint8_t> passed;
  // Per column: a shift covers the cell (its value is another column's).
  std::vector<std::uint8_t> covered;
  // Per column: kCellHasProblem | kCellCounted.
  std::vector<std::uint8_t> marks;
  std::optional<ShiftedColumns::RowShift> shift;

  const std::vector<std::string_view>& fields() const { return record->fields; }
  bool is_unreadable(std::size_t column) const;  // column 0-based
};

class TableCheck {
 public:
  virtual ~TableCheck() = default;
  // The problem codes it reports (each in report/problem_codes.cpp).
  virtual std::vector<std::string_view> codes() const = 0;
  // Binds to the table; false when it has nothing to do there (it is then
  // neither given rows nor finished). May say in task.model_note what it
  // skips.
  virtual bool bind(TableContext& table) = 0;
  // Before any check looks at the row (to start a lookup early).
  virtual void start_row(TableContext&, TableRow&) {}
  virtual void check_row(TableContext&, TableRow&) {}
  // After the last row: the findings about whole columns, the notes.
  virtual void finish(TableContext&) {}
};

}  // namespace gifkit::models
