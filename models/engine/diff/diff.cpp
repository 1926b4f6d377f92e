// diff.cpp — run_diff (see diff.hpp). The stages, each bounded in memory:
// 1. each file is read once, and for each row an index entry (key hash,
//    digest of the common columns, where the row can be read again, record
//    number) pushed into
//    an external sorter ordered by key. A row of a CSV or TSV file is read
//    again from the file itself (its byte offset and size); a row of
//    standard input, a workbook or converted (Shift_JIS) text is written to
//    a record spool first (diff_input, the keys: diff_keys);
//    a key empty in (nearly) every row of a file is then replaced by a
//    fallback key and the indexes made again from the rows read again
//    (settle_key: only then);
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
    settle_key(budget * 3 / 10);
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
    // What every format shows of the files and headers: a 個人番号 in a
    // file name or a header is masked (the one text rule); the columns are
    // matched and the key found by the headers as written first.
    layout.old_path = grammars::mask_individual_numbers_in(old_.path);
    layout.new_path = grammars::mask_individual_numbers_in(new_.path);
    layout.model = model != nullptr ? model->id : "";
    layout.folds = options_.folds;
    align_columns(file_columns(old_.headers, model), file_columns(new_.headers, model), layout);
    resolve_key(options_.key, model, layout);
    for (DiffColumn& column : layout.columns) {
      if (column.name.size() >= 12) column.name = grammars::mask_individual_numbers_in(column.name);
      if (column.old_name.size() >= 12)
        column.old_name = grammars::mask_individual_numbers_in(column.old_name);
    }
    if (layout.whole_row_key) {
      state_.summary.notes.push_back(
          "no key: rows are matched by all the values of the columns both files have, so a "
          "changed row is a row removed and a row added (give --key)");
    }
    if (!layout.whole_row_key) {
      state_.fallback_keys = fallback_keys(model, layout);
      state_.watched = layout.key_columns;
      for (const std::vector<std::size_t>& key : state_.fallback_keys)
        for (std::size_t at : key)
          if (std::find(state_.watched.begin(), state_.watched.end(), at) == state_.watched.end())
            state_.watched.push_back(at);
      for (KeyGaps& gaps : state_.gaps) gaps.filled.assign(state_.watched.size(), 0);
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

  // A key empty in (nearly) every row of a file matches nothing: its rows
  // would each be an empty-key problem, a changed row removed and added.
  // Then the rows are matched by the key's filled parts and the first
  // fallback key filled in both files (diff_fallback_keys.tsv), else by all
  // their values, and the key note says so; a --key given is refused
  // instead, naming the key that would do. Otherwise the empty-key problems
  // held back are passed on.
  void settle_key(std::size_t memory) {
    state_.holding_empty_keys = false;
    DiffLayout& layout = state_.layout;
    const std::uint64_t rows[2] = {old_.rows, new_.rows};
    const auto mostly = [](std::uint64_t part, std::uint64_t whole) {
      return whole > 0 && part * 10 >= whole * 9;  // 90 % or more
    };
    bool empty[2] = {false, false};
    for (int side = 0; side < 2; ++side)
      empty[side] = !layout.whole_row_key && mostly(state_.gaps[side].empty_rows, rows[side]);
    if (!empty[0] && !empty[1]) {
      state_.release_held_problems();
      return;
    }
    // A column filled in 90 % of the rows of both files or more (a file
    // without rows says nothing against it).
    const auto filled = [&](std::size_t at) {
      const auto k = static_cast<std::size_t>(
          std::find(state_.watched.begin(), state_.watched.end(), at) - state_.watched.begin());
      for (int side = 0; side < 2; ++side)
        if (rows[side] > 0 && !mostly(state_.gaps[side].filled[k], rows[side])) return false;
      return true;
    };
    std::vector<std::size_t> kept, gone;
    for (std::size_t at : layout.key_columns) (filled(at) ? kept : gone).push_back(at);
    std::vector<std::size_t> instead;
    for (const std::vector<std::size_t>& key : state_.fallback_keys) {
      if (!std::all_of(key.begin(), key.end(), filled)) continue;
      instead = kept;
      for (std::size_t at : key)
        if (std::find(instead.begin(), instead.end(), at) == instead.end()) instead.push_back(at);
      break;
    }
    const auto names = [&](const std::vector<std::size_t>& columns, const char* comma) {
      std::string text;
      for (std::size_t at : columns) text += (text.empty() ? "" : comma) + layout.columns[at].name;
      return text;
    };
    std::string where;
    for (int side = 0; side < 2; ++side) {
      if (!empty[side]) continue;
      const std::uint64_t n = state_.gaps[side].empty_rows;
      where += (where.empty() ? "" : " and ") +
               (n == rows[side] ? "all " + std::to_string(n)
                                : std::to_string(n) + " of " + std::to_string(rows[side])) +
               " rows of " + (side == 0 ? "OLD" : "NEW");
    }
    const std::string empty_part = names(gone.empty() ? layout.key_columns : gone, ", ");
    const std::string is = (gone.size() > 1 ? " are empty in " : " is empty in ") + where;
    if (!options_.key.empty()) {
      throw DiffFailure{"--key " + names(layout.key_columns, ",") + ": " + empty_part + is +
                        ", so rows cannot be matched by it" +
                        (instead.empty()
                             ? "; give another --key"
                             : "; --key " + names(instead, ",") + " is filled in the rows")};
    }
    state_.drop_held_problems();
    state_.summary.empty_keys = 0;
    for (KeyGaps& gaps : state_.gaps) gaps = KeyGaps{};
    state_.watched.clear();
    for (std::size_t at : layout.key_columns) layout.columns[at].key = false;
    layout.key_note =
        "instead of the model's key " + names(layout.key_columns, ", ") + ": " + empty_part + is;
    layout.key_columns = instead;
    layout.whole_row_key = instead.empty();
    for (std::size_t at : instead) layout.columns[at].key = true;
    if (layout.whole_row_key) {
      layout.key_note +=
          ", and no other key is filled in both files (a changed row is a row removed and a row "
          "added; give --key)";
    }
    DiffInput* inputs[2] = {&old_, &new_};
    for (int side = 0; side < 2; ++side) {
      // The rows come again in the order of the old key: their problems are put back in order.
      const std::size_t first = state_.problems.size();
      inputs[side]->reindex(state_, side == 0, memory);
      std::stable_sort(state_.problems.begin() + static_cast<std::ptrdiff_t>(first),
                       state_.problems.end(),
                       [](const DiffProblem& a, const DiffProblem& b) { return a.row < b.row; });
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
             file.individual_numbers[at].is_individual_number_column();
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
    summary.key_note = state_.layout.key_note;
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
