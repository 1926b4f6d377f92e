// diff.cpp — run_diff (see diff.hpp). The stages, each bounded in memory:
// 1. each file is read once, and for each row an index entry (key hash,
//    digest of the common columns, where the row can be read again, record
//    number) pushed into
//    an external sorter ordered by key. A row of a CSV or TSV file is read
//    again from the file itself (its byte offset and size); a row of
//    standard input, a workbook or converted (Shift_JIS) text is written to
//    a record spool first;
// 2. the two sorted indexes are merged: rows of one key paired in the order
//    they stand (a key on several rows of a file is reported), the rest
//    added or removed; a removed and an added column that agree row by row
//    are found here (their values read again, only when both files have
//    columns of their own);
// 3. the pairs are put in the output's order — NEW's rows in NEW's order,
//    each removed row after the NEW row of the OLD row before it — through
//    two more external sorts (by OLD's order, to place the removed rows;
//    then by place);
// 4. the rows are read again (only those reported: a row
//    whose digest is the same is unchanged without being read) and compared
//    cell by cell, with the folds.
#include "models/engine/diff/diff.hpp"

#include <algorithm>
#include <optional>

#include "grammars/header_words.hpp"
#include "grammars/identifiers.hpp"
#include "models/engine/checks/column_by_values.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/diff/diff_columns.hpp"
#include "models/engine/diff/diff_input.hpp"
#include "models/engine/diff/diff_keys.hpp"
#include "models/engine/diff/diff_run.hpp"

namespace gifkit::models {
namespace {

// How often a removed and an added column agree on the matched rows.
struct RenameEvidence {
  std::uint64_t agree = 0;     // equal and not empty
  std::uint64_t disagree = 0;  // different
};

class DiffRun {
 public:
  DiffRun(const DiffOptions& options, ModelCatalog& catalog, DiffSink& sink)
      : options_(options),
        catalog_(catalog),
        sink_(sink),
        state_(options),
        old_(options.old_path),
        new_(options.new_path) {}

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
    merge(budget / 5);
    place(budget / 5);
    emit();
    return state_.summary;
  }

 private:
  // The model, the columns side by side, the key.
  void plan_layout() {
    const Model* model = nullptr;
    if (!options_.model.empty()) {
      std::string error;
      model = catalog_.find_or_load(options_.model, error);
      if (model == nullptr) throw DiffFailure{error};
      state_.layout.model_note = "given";
    } else {
      const ModelChoice choice = choose_model(catalog_, nullptr, new_.headers, new_.path);
      model = choice.model;
      state_.layout.model_note =
          model != nullptr ? choice.note
          : choice.closest.empty()
              ? "no model fits NEW's header"
              : "no model fits NEW's header; the closest are " +
                    closest_models_text(choice, new_.headers.size()) +
                    " (name one with --model); columns matched by their headers";
    }
    state_.layout.old_path = old_.path;
    state_.layout.new_path = new_.path;
    state_.layout.model = model != nullptr ? model->id : "";
    state_.layout.folds = options_.folds;
    align_columns(file_columns(old_.headers, model), file_columns(new_.headers, model),
                  state_.layout);
    resolve_key(options_.key, model, state_.layout);
    if (state_.layout.whole_row_key) {
      state_.summary.notes.push_back(
          "no key: rows are matched by all the values of the columns both files have, so a "
          "changed row is a row removed and a row added (give --key)");
    }
    for (const DiffColumn& column : state_.layout.columns) {
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

  // Stage 2: the two indexes merged by key into pairs (by OLD's order).
  void merge(std::size_t memory) {
    state_.summary.old_rows = old_.rows;
    state_.summary.new_rows = new_.rows;
    by_old_ = std::make_unique<PairSorter>(memory, ByOldRow(), state_.temp);
    places_ = std::make_unique<PlaceSorter>(memory, ByPlace(), state_.temp);
    evidence_.assign(kSideColumns * kSideColumns, RenameEvidence());
    std::vector<RowEntry> old_group, new_group;
    RowEntry old_next, new_next;
    bool old_more = old_.index->next(old_next);
    bool new_more = new_.index->next(new_next);
    while (old_more || new_more) {
      const std::uint64_t key = !old_more   ? new_next.key_hash
                                : !new_more ? old_next.key_hash
                                            : std::min(old_next.key_hash, new_next.key_hash);
      old_group.clear();
      new_group.clear();
      while (old_more && old_next.key_hash == key) {
        old_group.push_back(old_next);
        old_more = old_.index->next(old_next);
      }
      while (new_more && new_next.key_hash == key) {
        new_group.push_back(new_next);
        new_more = new_.index->next(new_next);
      }
      if (old_group.size() > 1) duplicate_key(old_, old_group);
      if (new_group.size() > 1) duplicate_key(new_, new_group);
      const std::size_t matched = std::min(old_group.size(), new_group.size());
      for (std::size_t i = 0; i < old_group.size(); ++i) {
        RowPair pair;
        pair.old_row = old_group[i].row;
        pair.old_offset = old_group[i].offset;
        if (i < matched) {
          pair.new_row = new_group[i].row;
          pair.new_offset = new_group[i].offset;
          pair.digest_equal = old_group[i].digest == new_group[i].digest;
          pair.side_equal = compare_sides(old_group[i], new_group[i]);
        }
        by_old_->push(pair);
      }
      for (std::size_t i = matched; i < new_group.size(); ++i) {
        RowPair pair;
        pair.new_row = new_group[i].row;
        pair.new_offset = new_group[i].offset;
        pair.place = static_cast<std::uint64_t>(pair.new_row) << 1;
        places_->push(pair);
      }
    }
    old_.index.reset();
    new_.index.reset();
    by_old_->finish();
    state_.summary.sort_runs += by_old_->runs();
    find_renamed_columns();
  }

  // The equalities of OLD's and NEW's side columns on a matched row (read
  // from the spools: only when both files have columns of their own), and
  // the evidence of renames they give.
  std::uint16_t compare_sides(const RowEntry& old_row, const RowEntry& new_row) {
    if (old_.side_columns.empty() || new_.side_columns.empty()) return 0;
    old_.load(old_row.row, old_row.offset, old_values_);
    new_.load(new_row.row, new_row.offset, new_values_);
    auto value = [](const std::vector<std::string>& values, int column) {
      return static_cast<std::size_t>(column) < values.size()
                 ? std::string_view(values[static_cast<std::size_t>(column)])
                 : std::string_view();
    };
    std::uint16_t equal = 0;
    for (std::size_t x = 0; x < old_.side_columns.size(); ++x) {
      const std::string_view a = value(old_values_, old_.side_columns[x]);
      for (std::size_t y = 0; y < new_.side_columns.size(); ++y) {
        RenameEvidence& evidence = evidence_[x * kSideColumns + y];
        if (a == value(new_values_, new_.side_columns[y])) {
          equal |= static_cast<std::uint16_t>(1u << (x * kSideColumns + y));
          if (!a.empty()) ++evidence.agree;
        } else {
          ++evidence.disagree;
        }
      }
    }
    return equal;
  }

  // True when the headers of OLD's side column x and NEW's side column y name
  // one item (grammars/header_words.hpp: 電話番号 and 電話), or one names the
  // item the other is bound to.
  bool headers_name_one_item(std::size_t x, std::size_t y) const {
    const std::string& a = old_.headers[static_cast<std::size_t>(old_.side_columns[x])];
    const std::string& b = new_.headers[static_cast<std::size_t>(new_.side_columns[y])];
    return grammars::header_words().name_one_item(a, b) ||
           (old_.side_items[x] != nullptr && header_points_at(b, *old_.side_items[x])) ||
           (new_.side_items[y] != nullptr && header_points_at(a, *new_.side_items[y]));
  }

  // A removed and an added column are one column renamed when their values
  // agree on at least 90 % of the matched rows where either has a value (and
  // on one at least) — or, when their headers name one item (電話番号 and
  // 電話), on more than half of them —, each with the other as its best match.
  void find_renamed_columns() {
    const std::size_t olds = old_.side_columns.size(), news = new_.side_columns.size();
    auto share = [&](std::size_t x, std::size_t y) {
      const RenameEvidence& e = evidence_[x * kSideColumns + y];
      const std::uint64_t compared = e.agree + e.disagree;
      return compared == 0 || e.agree == 0
                 ? 0.0
                 : static_cast<double>(e.agree) / static_cast<double>(compared);
    };
    std::vector<bool> named(kSideColumns * kSideColumns, false);
    for (std::size_t x = 0; x < olds; ++x)
      for (std::size_t y = 0; y < news; ++y)
        named[x * kSideColumns + y] = headers_name_one_item(x, y);
    auto enough = [&](std::size_t x, std::size_t y) {
      return named[x * kSideColumns + y] ? share(x, y) > 0.5 : share(x, y) >= 0.9;
    };
    for (std::size_t x = 0; x < olds; ++x) {
      std::size_t best = news;
      for (std::size_t y = 0; y < news; ++y)
        if (enough(x, y) && (best == news || share(x, y) > share(x, best))) best = y;
      if (best == news) continue;
      bool best_for_y = true;
      for (std::size_t other = 0; other < olds; ++other)
        if (other != x && share(other, best) > share(x, best)) best_for_y = false;
      if (!best_for_y) continue;
      renamed_.push_back({x, best});
      merge_renamed_columns(
          state_.layout, old_.side_columns[x], new_.side_columns[best],
          named[x * kSideColumns + best] && share(x, best) < 0.9 ? "header and values" : "values");
    }
  }

  // Reports a key that stands on several rows of a file; its rows are
  // paired with the other file's in the order they stand.
  void duplicate_key(DiffInput& file, const std::vector<RowEntry>& group) {
    ++state_.summary.duplicate_keys;
    std::vector<std::string> values;
    file.load(group.front().row, group.front().offset, values);
    std::string rows;
    for (std::size_t i = 0; i < group.size() && i < 10; ++i)
      rows += (i ? ", " : "") + std::to_string(group[i].row);
    if (group.size() > 10) rows += ", … (" + std::to_string(group.size()) + " rows)";
    const std::string key =
        state_.layout.whole_row_key
            ? "the same values"
            : key_names(state_.layout) + " " + shown_key(state_, values, &file == &old_);
    state_.add_problem(
        {"duplicate-key", file.path, group.front().row,
         key + " stands on rows " + rows +
             ": they are compared with the other file's rows of that key in the order "
             "they stand"});
  }

  // Stage 3: every pair placed: matched ones at their NEW row, a removed one
  // after the NEW row of the matched OLD row before it.
  void place(std::size_t) {
    std::uint64_t anchor = 0;  // (NEW row of the last matched OLD row) << 1, 0 before any
    RowPair pair;
    while (by_old_->next(pair)) {
      if (pair.new_row != kNoRow) {
        anchor = static_cast<std::uint64_t>(pair.new_row) << 1;
        pair.place = anchor;
      } else {
        pair.place = anchor | 1;
      }
      places_->push(pair);
    }
    by_old_.reset();
    places_->finish();
    state_.summary.sort_runs += places_->runs();
  }

  // Whether a matched pair differs in a column renamed by its values.
  bool renamed_columns_differ(const RowPair& pair) const {
    for (const auto& [x, y] : renamed_)
      if ((pair.side_equal & (1u << (x * kSideColumns + y))) == 0) return true;
    return false;
  }

  // Stage 4: the rows in their order to the sink.
  void emit() {
    sink_.begin(state_.layout);
    for (const DiffProblem& problem : state_.problems) sink_.problem(problem);
    const bool all = sink_.wants_same_rows();
    const bool context = sink_.wants_context();
    std::optional<RowPair> pending_same;  // the unchanged row last passed over
    RowPair pair;
    RowDiff row;
    while (places_->next(pair)) {
      const bool matched = pair.old_row != kNoRow && pair.new_row != kNoRow;
      if (matched && pair.digest_equal && !renamed_columns_differ(pair)) {
        ++state_.summary.same;
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
          ++state_.summary.removed;
        } else if (pair.old_row == kNoRow) {
          if (context && pending_same) {
            RowDiff before;
            build(*pending_same, RowChange::same, before);
            deliver(before);
          }
          build(pair, RowChange::added, row);
          ++state_.summary.added;
        } else {
          // Two keys of one hash: not the same row after all.
          RowPair removed = pair, added = pair;
          removed.new_row = kNoRow;
          added.old_row = kNoRow;
          build(removed, RowChange::removed, row);
          deliver(row);
          build(added, RowChange::added, row);
          state_.summary.removed += 1;
          state_.summary.added += 1;
        }
      }
      pending_same.reset();
      if (row.change == RowChange::same) {
        ++state_.summary.same;
        if (!all) continue;
      }
      deliver(row);
    }
    for (const DiffColumn& column : state_.layout.columns) {
      state_.summary.columns_added += column.change == ColumnChange::added;
      state_.summary.columns_removed += column.change == ColumnChange::removed;
      state_.summary.columns_renamed += column.change == ColumnChange::renamed;
    }
    state_.summary.reordered = state_.layout.reordered;
    sink_.end(state_.summary);
  }

  // Passes row on, every value of a column of 個人番号 masked whole and
  // every 個人番号 in the other values masked as validate's reports mask
  // them (grammars::mask_individual_numbers_in): no output format shows one.
  void deliver(RowDiff& row) {
    for (std::size_t i = 0; i < state_.layout.columns.size(); ++i) {
      mask_value(i, row.old_values[i]);
      mask_value(i, row.new_values[i]);
    }
    for (std::size_t k = 0; k < row.key.size() && k < state_.layout.key_columns.size(); ++k)
      mask_value(state_.layout.key_columns[k], row.key[k]);
    for (CellDiff& cell : row.cells) {
      mask_value(cell.column, cell.old_value);
      mask_value(cell.column, cell.new_value);
    }
    sink_.row(row);
  }

  void mask_value(std::size_t column, std::string& value) const {
    if (state_.layout.columns[column].masked) {
      value = grammars::mask_individual_number(value);
    } else {
      mask_shown(value);
    }
  }
  static void mask_shown(std::string& value) {
    if (value.size() >= 12) value = grammars::mask_individual_numbers_in(value);
  }

  // The row's values per layout column, from the spools.
  void build(const RowPair& pair, RowChange change, RowDiff& row) {
    row.change = change;
    row.cells.clear();
    row.old_row = pair.old_row == kNoRow ? 0 : pair.old_row;
    row.new_row = pair.new_row == kNoRow ? 0 : pair.new_row;
    old_.load(pair.old_row, pair.old_offset, old_values_);
    new_.load(pair.new_row, pair.new_offset, new_values_);
    const std::size_t n = state_.layout.columns.size();
    row.old_values.assign(n, std::string());
    row.new_values.assign(n, std::string());
    for (std::size_t i = 0; i < n; ++i) {
      const DiffColumn& column = state_.layout.columns[i];
      if (column.old_index >= 0 && static_cast<std::size_t>(column.old_index) < old_values_.size())
        row.old_values[i] = old_values_[static_cast<std::size_t>(column.old_index)];
      if (column.new_index >= 0 && static_cast<std::size_t>(column.new_index) < new_values_.size())
        row.new_values[i] = new_values_[static_cast<std::size_t>(column.new_index)];
    }
    row.key.clear();
    const std::vector<std::string>& values =
        pair.new_row != kNoRow ? row.new_values : row.old_values;
    for (std::size_t at : state_.layout.key_columns) row.key.push_back(values[at]);
  }

  // A matched pair whose digests differ, compared cell by cell into row:
  // changed, fold_only or (a digest collision) same. False when the keys
  // differ after all (two keys of one hash).
  bool compare(const RowPair& pair, RowDiff& row) {
    build(pair, RowChange::changed, row);
    if (!state_.layout.whole_row_key) {
      for (std::size_t at : state_.layout.key_columns) {
        const std::string& a = row.old_values[at];
        const std::string& b = row.new_values[at];
        if (a != b && (options_.folds == 0 ||
                       apply_folds(options_.folds, a) != apply_folds(options_.folds, b)))
          return false;
      }
    }
    bool changed = false;
    for (std::size_t i = 0; i < state_.layout.columns.size(); ++i) {
      const DiffColumn& column = state_.layout.columns[i];
      if (column.old_index < 0 || column.new_index < 0) continue;
      const std::string& a = row.old_values[i];
      const std::string& b = row.new_values[i];
      if (a == b) continue;
      CellDiff cell;
      cell.column = i;
      cell.old_value = a;
      cell.new_value = b;
      cell.fold_only =
          options_.folds != 0 && apply_folds(options_.folds, a) == apply_folds(options_.folds, b);
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

  const DiffOptions& options_;
  ModelCatalog& catalog_;
  DiffSink& sink_;
  DiffState state_;
  DiffInput old_, new_;
  std::unique_ptr<PairSorter> by_old_;
  std::unique_ptr<PlaceSorter> places_;
  std::vector<RenameEvidence> evidence_;
  std::vector<std::pair<std::size_t, std::size_t>> renamed_;  // (OLD side x, NEW side y)
  std::vector<std::string> old_values_, new_values_;
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
