// diff.cpp — run_diff (see diff.hpp). The stages, each bounded in memory:
// 1. each file is read once, and for each row an index entry (key hash,
//    digest of the common columns, where the row can be read again, record
//    number) pushed into
//    an external sorter ordered by key. A row of a CSV or TSV file is read
//    again from the file itself (its byte offset and size); a row of
//    standard input, a workbook or converted (Shift_JIS) text is written to
//    a record spool first (diff_input, the keys: diff_keys);
// 2. the two sorted indexes are merged: rows of one key paired in the order
//    they stand (a key on several rows of a file is reported), the rest
//    added or removed; a removed and an added column that agree row by row
//    are found here (their values read again, only when both files have
//    columns of their own) (diff_match, diff_renames);
// 3. the pairs are put in the output's order — NEW's rows in NEW's order,
//    each removed row after the NEW row of the OLD row before it — through
//    two more external sorts (by OLD's order, to place the removed rows;
//    then by place) (diff_match);
// 4. the rows are read again (only those reported: a row
//    whose digest is the same is unchanged without being read) and compared
//    cell by cell, with the folds (diff_compare).
#include "models/engine/diff/diff.hpp"

#include <algorithm>

#include "grammars/values/identifiers.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/diff/diff_columns.hpp"
#include "models/engine/diff/diff_compare.hpp"
#include "models/engine/diff/diff_input.hpp"
#include "models/engine/diff/diff_match.hpp"
#include "models/engine/diff/diff_renames.hpp"
#include "models/engine/diff/diff_run.hpp"

namespace gifkit::models {
namespace {

class DiffRun {
 public:
  DiffRun(const DiffOptions& options, ModelCatalog& catalog, DiffSink& sink)
      : options_(options),
        catalog_(catalog),
        sink_(sink),
        state_(options),
        old_(options.old_path),
        new_(options.new_path),
        renames_(old_, new_),
        matcher_(state_, old_, new_, renames_) {}

  DiffSummary run() {
    if (options_.old_path == "-" && options_.new_path == "-")
      throw DiffFailure{"only one of OLD and NEW can be standard input"};
    old_.open(state_);
    new_.open(state_);
    plan_layout();
    const std::size_t budget = std::max<std::size_t>(options_.memory_limit, 1 << 20);
    old_.read(state_, true, 0, budget * 3 / 10);
    new_.read(state_, false, old_.rows, budget * 3 / 10);
    find_individual_numbers();
    matcher_.merge(budget / 5);
    PlaceSorter& places = matcher_.place();
    sink_.begin(state_.layout);
    for (const DiffProblem& problem : state_.problems) sink_.problem(problem);
    RowComparer(state_, old_, new_, renames_, sink_).emit(places);
    end();
    return state_.summary;
  }

 private:
  // The model, the columns side by side, the key.
  void plan_layout() {
    DiffLayout& layout = state_.layout;
    const Model* model = nullptr;
    if (!options_.model.empty()) {
      std::string error;
      model = catalog_.find_or_load(options_.model, error);
      if (model == nullptr) throw DiffFailure{error};
      layout.model_note = "given";
    } else {
      const ModelChoice choice = choose_model(catalog_, nullptr, new_.headers, new_.path);
      model = choice.model;
      layout.model_note = model != nullptr ? choice.note
                          : choice.closest.empty()
                              ? "no model fits NEW's header"
                              : "no model fits NEW's header; the closest are " +
                                    closest_models_text(choice, new_.headers.size()) +
                                    " (name one with --model); columns matched by their headers";
    }
    layout.old_path = old_.path;
    layout.new_path = new_.path;
    layout.model = model != nullptr ? model->id : "";
    layout.folds = options_.folds;
    align_columns(file_columns(old_.headers, model), file_columns(new_.headers, model), layout);
    resolve_key(options_.key, model, layout);
    if (layout.whole_row_key) {
      state_.summary.notes.push_back(
          "no key: rows are matched by all the values of the columns both files have, so a "
          "changed row is a row removed and a row added (give --key)");
    }
    for (const DiffColumn& column : layout.columns) {
      if (column.old_index >= 0 && column.new_index >= 0) state_.common.push_back(column);
      if (column.change == ColumnChange::removed && old_.side_columns.size() < kSideColumns) {
        old_.side_columns.push_back(column.old_index);
        old_.side_items.push_back(column.field);
      }
      if (column.change == ColumnChange::added && new_.side_columns.size() < kSideColumns) {
        new_.side_columns.push_back(column.new_index);
        new_.side_items.push_back(column.field);
      }
    }
  }

  // The columns of 個人番号 (by header or values, in either file): masked.
  void find_individual_numbers() {
    auto holds = [this](const DiffInput& file, int index) {
      if (index < 0) return false;
      const auto at = static_cast<std::size_t>(index);
      return (options_.individual_number_headers != nullptr &&
              header_names_individual_number(file.headers[at],
                                             *options_.individual_number_headers)) ||
             file.individual_numbers[at].holds_individual_numbers();
    };
    for (DiffColumn& column : state_.layout.columns) {
      column.masked = holds(old_, column.old_index) || holds(new_, column.new_index);
      if (column.masked) {
        state_.summary.notes.push_back(
            grammars::mask_individual_numbers_in(column.name) +
            ": holds 個人番号 (マイナンバー): its values are shown masked");
      }
    }
  }

  // The summary's columns, to the sink.
  void end() {
    DiffSummary& summary = state_.summary;
    for (const DiffColumn& column : state_.layout.columns) {
      summary.columns_added += column.change == ColumnChange::added;
      summary.columns_removed += column.change == ColumnChange::removed;
      summary.columns_renamed += column.change == ColumnChange::renamed;
    }
    summary.reordered = state_.layout.reordered;
    sink_.end(summary);
  }

  const DiffOptions& options_;
  ModelCatalog& catalog_;
  DiffSink& sink_;
  DiffState state_;
  DiffInput old_, new_;
  RenamedColumns renames_;
  RowMatcher matcher_;
};

}  // namespace

std::string_view column_change_name(ColumnChange change) {
  switch (change) {
    case ColumnChange::same:
      return "same";
    case ColumnChange::renamed:
      return "renamed";
    case ColumnChange::added:
      return "added";
    case ColumnChange::removed:
      return "removed";
  }
  return "";
}

std::string_view renamed_by_words(std::string_view renamed_by) {
  if (renamed_by == "item") return "the same item";
  if (renamed_by == "header and values")
    return "its header names the same item and most values agree";
  return "the same values";
}

std::string_view row_change_name(RowChange change) {
  switch (change) {
    case RowChange::same:
      return "same";
    case RowChange::added:
      return "added";
    case RowChange::removed:
      return "removed";
    case RowChange::changed:
      return "changed";
    case RowChange::fold_only:
      return "fold_only";
  }
  return "";
}

DiffSummary run_diff(const DiffOptions& options, ModelCatalog& catalog, DiffSink& sink) {
  try {
    return DiffRun(options, catalog, sink).run();
  } catch (const grammars::ReadLimitExceeded& refused) {  // in the middle of a sheet
    throw DiffFailure{refused.what()};
  }
}

}  // namespace gifkit::models
