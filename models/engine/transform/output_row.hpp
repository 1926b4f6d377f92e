// output_row.hpp — the row a transform writes, as the steps of its run
// (transform.cpp; row_conversions, row_code_tables, row_chome_doubts,
// row_registry) make it: each output cell's value, put through the value
// fixer with each step logged and what is left to review — a 番地以下
// holding a 丁目 held to the row's end (row_chome_doubts) — and the plan,
// fixer and log the steps share.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "models/engine/transform/transform_log.hpp"
#include "models/engine/transform/transform_plan.hpp"
#include "models/engine/transform/value_fixer.hpp"

namespace gifkit::models {

// The value of input column column (0-based) of record; "" for -1 or a
// column the row does not have.
inline std::string_view record_field(const grammars::CsvRecord& record, int column) {
  return column >= 0 && static_cast<std::size_t>(column) < record.fields.size()
             ? record.fields[static_cast<std::size_t>(column)]
             : std::string_view();
}

struct OutputRow {
  // plan may be filled after this is constructed: start sizes the row for
  // it, before the first row.
  OutputRow(const TransformPlan& plan, ValueFixer& fixer, TransformLog& log)
      : plan(plan), fixer(fixer), log(log) {}

  // Sizes the row for the plan's output columns.
  void start();

  // Output cell i through the value fixer, each step logged, what is left
  // to review. row: its record number; hash: ValueFixer::prefetch's for
  // the cell's value, or 0.
  void fix(std::uint64_t row, std::size_t i, std::uint64_t hash = 0);
  // leftovers of output cell i to review, each why followed by more.
  // Without a review list they are only counted (what the log counts).
  void review_leftovers(std::uint64_t row, std::size_t i, const std::string& more);

  const TransformPlan& plan;
  ValueFixer& fixer;
  TransformLog& log;
  std::vector<std::string> values;  // per output column: this row's value
  // The fixer's steps and leftovers of the value it fixed last.
  std::vector<ValueFixer::Step> steps;
  std::vector<ValueFixer::Leftover> leftovers;
  // This row's cells (input columns, 1-based) with encoding errors
  // (TransformInput::report_errors): their fixer's leftovers are not reviewed.
  std::vector<std::uint32_t> undecodable_columns;
  // This row's 番地以下 cells holding a 丁目 (output column, its leftovers).
  std::vector<std::pair<std::size_t, std::vector<ValueFixer::Leftover>>> chome_doubts;

 private:
  std::vector<std::uint8_t> city_block_;  // per output column: its item is 番地以下 (cityBlock)
};

}  // namespace gifkit::models
