// diff_match.hpp — stages 2 and 3 of a diff run (diff.cpp): the two files'
// indexes merged by key — rows of one key paired in the order they stand (a
// key on several rows of a file reported), the rest added or removed, the
// side columns of each pair compared for renames — and the pairs put in the
// output's order: NEW's rows in NEW's order, each removed row after the NEW
// row of the OLD row before it, through two more external sorts (by OLD's
// order, to place the removed rows; then by place).
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "models/engine/diff/diff_input.hpp"
#include "models/engine/diff/diff_renames.hpp"
#include "models/engine/diff/diff_run.hpp"

namespace gifkit::models {

class RowMatcher {
 public:
  RowMatcher(DiffState& state, DiffInput& old_file, DiffInput& new_file, RenamedColumns& renames)
      : state_(state), old_(old_file), new_(new_file), renames_(renames) {}

  // Stage 2: the two indexes (read) merged by key into pairs (by OLD's
  // order); then the renamed columns found (renames). memory: each sort's budget.
  void merge(std::size_t memory);
  // Stage 3: every pair placed: matched ones at their NEW row, a removed one
  // after the NEW row of the matched OLD row before it. Returns the pairs
  // in that order.
  PlaceSorter& place();

 private:
  // Reports a key that stands on several rows of a file; its rows are
  // paired with the other file's in the order they stand.
  void duplicate_key(DiffInput& file, const std::vector<RowEntry>& group);

  DiffState& state_;
  DiffInput& old_;
  DiffInput& new_;
  RenamedColumns& renames_;
  std::unique_ptr<PairSorter> by_old_;
  std::unique_ptr<PlaceSorter> places_;
};

}  // namespace gifkit::models
