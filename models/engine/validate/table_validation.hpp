// table_validation.hpp — validates one tabular dataset (CSV, TSV, xlsx):
// reads it (dataset/dataset_reader), binds its header to a model
// (dataset/header_binding) and reports the header's findings
// (header_findings), then runs the table checks (table_checks/, listed in
// table_checks/table_check_list.hpp) over every row and finishes them.
// Problems go to a ProblemCollector.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "models/engine/dataset/column_mapping.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/validate/problem_collector.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"
#include "models/engine/validate/validate.hpp"

namespace gifkit::models {

class TableValidation {
 public:
  TableValidation(const ValidateOptions& options, const ModelCatalog& catalog,
                  const CheckResources& resources, ProblemCollector& problems, TaskReport& task)
      : options_(options),
        catalog_(catalog),
        resources_(resources),
        task_(task),
        problems_(problems) {}

  // Validates the file task.path against given_model, or the model its
  // header fits best when given_model is nullptr; mapping (read for
  // given_model, or nullptr) binds the columns it lists. A cap of
  // options.reading.limits reached is a file-error; the clock's no (keep_going)
  // throws ValidateStopped; a column of the mapping the file lacks throws
  // ValidateFailure.
  void run(const Model* given_model, const ColumnMapping* mapping = nullptr);

 private:
  void read_and_check(const Model* given_model, const ColumnMapping* mapping);
  bool open_reader();
  // The model for the header (and the mapping's columns); nullopt after
  // reporting that none fits.
  std::optional<ModelChoice> choose(const Model* given_model, const ColumnMapping* mapping,
                                    const std::vector<std::string>& headers);
  void bind_checks();
  void check_row(const grammars::CsvRecord& record);
  void finish();
  Problem make(std::string_view code, std::uint64_t row, std::uint64_t line,
               std::uint32_t column) const;

  const ValidateOptions& options_;
  const ModelCatalog& catalog_;
  const CheckResources& resources_;
  TaskReport& task_;
  ProblemCollector& problems_;

  std::optional<DatasetReader> reader_;  // the file, opened by run()
  std::uint64_t header_line_ = 1;        // where the header row is
  HeaderBinding binding_;
  std::optional<TableContext> table_;      // once the header is bound to a model
  std::vector<NamedTableCheck> checks_;    // every check of the list
  std::vector<TableCheck*> bound_checks_;  // those that bound to this table, in order
  TableRow row_;                           // the row being checked
  std::uint64_t current_record_ = 1;       // the record being read, for the reader's errors
};

}  // namespace gifkit::models
