// table_validation.hpp — validates one tabular dataset (CSV, TSV): reads it
// (dataset/dataset_reader), binds its header to a model
// (dataset/header_binding), then checks every row: values against their
// items, a row whose values sit shifted (checks/shifted_columns: one finding
// for a block, in place of its cells'), required items, duplicate keys, and
// the registry rules when a registry is given; at the end, the findings about
// whole columns (table_columns.cpp: values under the wrong header, columns
// understood by their values, the columns that hold 個人番号). Problems go to
// a ProblemCollector.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammars/csv_reader.hpp"
#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/checks/duplicate_keys.hpp"
#include "models/engine/checks/individual_number.hpp"
#include "models/engine/checks/name_reading.hpp"
#include "models/engine/checks/registry_rules.hpp"
#include "models/engine/checks/shifted_columns.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "models/engine/checks/value_plan.hpp"
#include "models/engine/dataset/column_mapping.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/validate/column_profile.hpp"
#include "models/engine/validate/problem_collector.hpp"
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
  // options.read_limits reached is a file-error; the clock's no (keep_going)
  // throws ValidateStopped; a column of the mapping the file lacks throws
  // ValidateFailure.
  void run(const Model* given_model, const ColumnMapping* mapping = nullptr);

 private:
  void read_and_check(const Model* given_model, const ColumnMapping* mapping);
  void report_header(const HeaderBinding& binding);
  void report_model_fit(const ModelChoice& choice);
  void report_required_patterns(const Model& model);
  void prepare_checks(const Model& model);
  void bind_report_key();
  void check_row(const grammars::CsvRecord& record);
  // The row at which the duplicate-key table is sized for the whole file.
  static constexpr std::uint64_t kRowsToSizeKeys = 4096;
  void size_keys(const grammars::CsvRecord& record);
  void bind_registry_rules(const Model& model,
                           const std::function<int(const std::string&)>& column_of);
  bool check_registry(const grammars::CsvRecord& record);
  void measure_registry_row();
  void report_wrong_columns();
  void report_columns_by_values();
  void report_shift(const ShiftedColumns::Block& block);
  std::optional<ShiftedColumns::RowShift> row_shift(const grammars::CsvRecord& record);
  void emit_row_findings(const grammars::CsvRecord& record, bool& row_error);
  void report_individual_numbers();
  void bind_reading_pairs(const Model& model);
  void check_readings(const grammars::CsvRecord& record, bool& row_error);
  void note_readings();
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
  DuplicateKeys keys_;
  std::optional<ColumnKinds> column_kinds_;  // what each column's values are
  std::optional<ShiftedColumns> shifted_;    // blocks of shifted columns
  // The current row's findings, by column (emitted once the row's shift is
  // known), and per column whether its value has an error of its own and
  // whether a shift covers it.
  struct CellFinding {
    std::size_t column = 0;
    Finding finding;
  };
  std::vector<CellFinding> row_findings_;
  // (Bytes, not std::vector<bool>: covered_ and passed_ are read and written
  // for every cell.)
  std::vector<bool> own_error_;
  std::vector<std::uint8_t> covered_;
  // Per column, whether the current row's value passed its item's checks
  // without a finding (column_kinds_ need not run that grammar again): 1, or
  // ColumnKinds::kOwnKind when its plan accepted it and says its kind.
  std::vector<std::uint8_t> passed_;
  std::vector<Finding> fit_findings_;  // a value checked against another column's item
  // Per column, every value, bound or not (none when individual-number is
  // filtered out): which columns hold 個人番号.
  std::vector<IndividualNumberColumn> individual_numbers_;
  std::vector<Finding> findings_;
  std::vector<FieldPattern> patterns_;      // per column
  std::vector<ValuePlan> plans_;            // per column: the values that need no check_value
  std::optional<ColumnProfiles> profiles_;  // with ValidateOptions::profile_columns
  std::vector<int> missing_columns_;        // columns reported missing-value in the current row
  std::vector<int> update_date_columns_;    // 更新日 / 最終更新日: the dataset's own date
  std::uint64_t current_record_ = 1;
  // The report's key columns (TaskReport::key_fields), and the row being
  // checked (its fields valid only inside check_row): its key is what the
  // collector's key source gives.
  std::vector<std::size_t> report_key_columns_;
  const std::vector<std::string_view>* checked_fields_ = nullptr;
  std::uint64_t checked_row_ = 0;
  bool reader_error_ = false;                     // the reader reported an error in this record
  std::vector<std::uint32_t> unreadable_fields_;  // fields (1-based) with an encoding error
  // The model's registry rules, bound to the columns (none without a registry).
  std::optional<RegistryRules> registry_rules_;
  std::vector<RegistryFinding> registry_findings_;
  std::vector<std::uint8_t> cell_state_;  // per column in this row: kCellHasProblem | kCellCounted
  // name-reading-mismatch (checks/name_reading.hpp): the name items with
  // their カナ items, the name dictionary (nullptr when absent), the
  // characters' readings (the registry's lookup, else own_characters_ over
  // CheckResources::characters, else none), and what the pairs came to.
  std::vector<ReadingPair> reading_pairs_;
  const NameReadings* name_readings_ = nullptr;
  CharacterLookup* reading_characters_ = nullptr;
  std::unique_ptr<CharacterLookup> own_characters_;
  std::uint64_t readings_checked_ = 0;
  std::uint64_t readings_plausible_ = 0;
  std::uint64_t readings_mismatched_ = 0;
  static constexpr std::uint8_t kCellHasProblem = 1;  // its own value has an error or warning
  static constexpr std::uint8_t kCellCounted = 2;     // already counted as invalid for quality
};

}  // namespace gifkit::models
