// diff_compare.hpp — stage 4 of a diff run (diff.cpp): the pairs in the
// output's order read again (only those reported: a pair whose digests are
// equal is unchanged without being read), compared cell by cell with the
// folds, and passed to the sink as rows added, removed, changed or fold_only
// — every 個人番号 in them masked.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "models/engine/diff/diff_input.hpp"
#include "models/engine/diff/diff_renames.hpp"
#include "models/engine/diff/diff_run.hpp"

namespace gifkit::models {

class RowComparer {
 public:
  RowComparer(DiffState& state, DiffInput& old_file, DiffInput& new_file,
              const RenamedColumns& renames, DiffSink& sink)
      : state_(state), old_(old_file), new_(new_file), renames_(renames), sink_(sink) {}

  // The rows of places (in their order) to the sink, counted in the summary.
  void emit(PlaceSorter& places);

 private:
  // Passes row on, every value of a column of 個人番号 masked whole and
  // every 個人番号 in the other values masked as validate's reports mask
  // them (grammars::mask_individual_numbers_in): no output format shows one.
  void deliver(RowDiff& row);
  void mask_value(std::size_t column, std::string& value) const;
  // The row's values per layout column, from the spools.
  void build(const RowPair& pair, RowChange change, RowDiff& row);
  // A matched pair whose digests differ, compared cell by cell into row:
  // changed, fold_only or (a digest collision) same. False when the keys
  // differ after all (two keys of one hash).
  bool compare(const RowPair& pair, RowDiff& row);

  DiffState& state_;
  DiffInput& old_;
  DiffInput& new_;
  const RenamedColumns& renames_;
  DiffSink& sink_;
  std::vector<std::string> old_values_, new_values_;
};

}  // namespace gifkit::models
