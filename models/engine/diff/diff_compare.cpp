// diff_compare.cpp — see diff_compare.hpp.
#include "models/engine/diff/diff_compare.hpp"

#include <optional>
#include <utility>

#include "grammars/values/identifiers.hpp"

namespace gifkit::models {

void RowComparer::emit(PlaceSorter& places) {
  DiffSummary& summary = state_.summary;
  const bool all = sink_.wants_same_rows();
  const bool context = sink_.wants_context();
  std::optional<RowPair> pending_same;  // the unchanged row last passed over
  RowPair pair;
  RowDiff row;
  while (places.next(pair)) {
    const bool matched = pair.old_row != kNoRow && pair.new_row != kNoRow;
    if (matched && pair.digest_equal && !renames_.differ(pair)) {
      ++summary.same;
      if (all) {
        build(pair, RowChange::same, row);
        deliver(row);
      } else {
        pending_same = pair;
      }
      continue;
    }
    if (!matched || !compare(pair, row)) {
      if (pair.new_row == kNoRow) {
        build(pair, RowChange::removed, row);
        ++summary.removed;
      } else if (pair.old_row == kNoRow) {
        if (context && pending_same) {
          RowDiff before;
          build(*pending_same, RowChange::same, before);
          deliver(before);
        }
        build(pair, RowChange::added, row);
        ++summary.added;
      } else {
        // Two keys of one hash: not the same row after all.
        RowPair removed = pair, added = pair;
        removed.new_row = kNoRow;
        added.old_row = kNoRow;
        build(removed, RowChange::removed, row);
        deliver(row);
        build(added, RowChange::added, row);
        summary.removed += 1;
        summary.added += 1;
      }
    }
    pending_same.reset();
    if (row.change == RowChange::same) {
      ++summary.same;
      if (!all) continue;
    }
    deliver(row);
  }
}

// Inline: asked for every value of every row passed on.
inline void RowComparer::mask_value(std::size_t column, std::string& value) const {
  if (state_.layout.columns[column].masked) {
    value = grammars::mask_individual_number(value);
  } else if (value.size() >= 12) {
    value = grammars::mask_individual_numbers_in(value);
  }
}

void RowComparer::deliver(RowDiff& row) {
  const DiffLayout& layout = state_.layout;
  for (std::size_t i = 0; i < layout.columns.size(); ++i) {
    mask_value(i, row.old_values[i]);
    mask_value(i, row.new_values[i]);
  }
  for (std::size_t k = 0; k < row.key.size() && k < layout.key_columns.size(); ++k)
    mask_value(layout.key_columns[k], row.key[k]);
  for (CellDiff& cell : row.cells) {
    mask_value(cell.column, cell.old_value);
    mask_value(cell.column, cell.new_value);
  }
  sink_.row(row);
}

void RowComparer::build(const RowPair& pair, RowChange change, RowDiff& row) {
  const DiffLayout& layout = state_.layout;
  row.change = change;
  row.cells.clear();
  row.old_row = pair.old_row == kNoRow ? 0 : pair.old_row;
  row.new_row = pair.new_row == kNoRow ? 0 : pair.new_row;
  old_.load(pair.old_row, pair.old_offset, old_values_);
  new_.load(pair.new_row, pair.new_offset, new_values_);
  const std::size_t n = layout.columns.size();
  row.old_values.assign(n, std::string());
  row.new_values.assign(n, std::string());
  for (std::size_t i = 0; i < n; ++i) {
    const DiffColumn& column = layout.columns[i];
    if (column.old_index >= 0 && static_cast<std::size_t>(column.old_index) < old_values_.size())
      row.old_values[i] = old_values_[static_cast<std::size_t>(column.old_index)];
    if (column.new_index >= 0 && static_cast<std::size_t>(column.new_index) < new_values_.size())
      row.new_values[i] = new_values_[static_cast<std::size_t>(column.new_index)];
  }
  row.key.clear();
  const std::vector<std::string>& values = pair.new_row != kNoRow ? row.new_values : row.old_values;
  for (std::size_t at : layout.key_columns) row.key.push_back(values[at]);
}

bool RowComparer::compare(const RowPair& pair, RowDiff& row) {
  const DiffLayout& layout = state_.layout;
  const FoldSet folds = state_.options.folds;
  build(pair, RowChange::changed, row);
  if (!layout.whole_row_key) {
    for (std::size_t at : layout.key_columns) {
      const std::string& a = row.old_values[at];
      const std::string& b = row.new_values[at];
      if (a != b && (folds == 0 || apply_folds(folds, a) != apply_folds(folds, b))) return false;
    }
  }
  bool changed = false;
  for (std::size_t i = 0; i < layout.columns.size(); ++i) {
    const DiffColumn& column = layout.columns[i];
    if (column.old_index < 0 || column.new_index < 0) continue;
    const std::string& a = row.old_values[i];
    const std::string& b = row.new_values[i];
    if (a == b) continue;
    CellDiff cell;
    cell.column = i;
    cell.old_value = a;
    cell.new_value = b;
    cell.fold_only = folds != 0 && apply_folds(folds, a) == apply_folds(folds, b);
    changed = changed || !cell.fold_only;
    row.cells.push_back(std::move(cell));
  }
  if (row.cells.empty()) {
    row.change = RowChange::same;
  } else if (changed) {
    row.change = RowChange::changed;
    ++state_.summary.changed;
  } else {
    row.change = RowChange::fold_only;
    ++state_.summary.fold_only;
  }
  return true;
}

}  // namespace gifkit::models
