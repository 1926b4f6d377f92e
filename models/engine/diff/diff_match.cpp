// diff_match.cpp — see diff_match.hpp.
#include "models/engine/diff/diff_match.hpp"

#include <algorithm>
#include <string>

#include "models/engine/diff/diff_keys.hpp"

namespace gifkit::models {

void RowMatcher::merge(std::size_t memory) {
  state_.summary.old_rows = old_.rows;
  state_.summary.new_rows = new_.rows;
  by_old_ = std::make_unique<PairSorter>(memory, ByOldRow(), state_.temp);
  places_ = std::make_unique<PlaceSorter>(memory, ByPlace(), state_.temp);
  renames_.start();
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
        pair.side_equal = renames_.compare(old_group[i], new_group[i]);
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
  renames_.find(state_.layout);
}

void RowMatcher::duplicate_key(DiffInput& file, const std::vector<RowEntry>& group) {
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
  state_.add_problem({"duplicate-key", file.path, group.front().row,
                      key + " stands on rows " + rows +
                          ": they are compared with the other file's rows of that key in the "
                          "order they stand"});
}

PlaceSorter& RowMatcher::place() {
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
  return *places_;
}

}  // namespace gifkit::models
