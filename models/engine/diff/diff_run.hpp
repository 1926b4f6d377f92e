// diff_run.hpp — what the stages of a diff run (diff.cpp: diff_input,
// diff_keys, diff_match, diff_renames, diff_compare) share: the state they
// fill in turn (the layout, the summary, the problems), a row's index entry
// (its key's hash, its digest, where it is read again), a pair of rows
// matched by key, and the orders the external sorts put them in.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <utility>
#include <vector>

#include "grammars/io/external_sort.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/diff/diff.hpp"

namespace gifkit::models {

constexpr std::uint32_t kNoRow = 0xFFFFFFFFu;  // a pair's row where its file has none
constexpr std::size_t kSideColumns = 4;        // columns of one file only, compared for renames
constexpr std::size_t kProblemCap = 1000;      // the problems passed on (all are counted)

// How empty a file's key is: its rows whose key is empty, and per watched
// column (DiffState::watched) its rows where that column is filled.
struct KeyGaps {
  std::uint64_t empty_rows = 0;
  std::vector<std::uint64_t> filled;
};

// The state the stages fill in turn.
struct DiffState {
  explicit DiffState(const DiffOptions& options)
      : options(options),
        temp(options.temporary_directory.empty() ? grammars::temporary_directory()
                                                 : options.temporary_directory) {}

  // Counts problem and keeps it, its message masked, up to kProblemCap.
  void add_problem(DiffProblem problem) {
    ++summary.problems;
    problem.message = grammars::mask_individual_numbers_in(problem.message);
    if (problems.size() < kProblemCap) problems.push_back(std::move(problem));
  }

  // Counts problem and holds it back (an empty-key problem of the first
  // reading: the key may yet be replaced, diff_keys.hpp), with its place
  // among the problems added.
  void hold_problem(DiffProblem problem) {
    const std::uint64_t before = summary.problems - held_count;
    ++summary.problems;
    ++held_count;
    problem.message = grammars::mask_individual_numbers_in(problem.message);
    if (held.size() < kProblemCap) held.emplace_back(before, std::move(problem));
  }
  // The problems held back, put in their places (as add_problem would have).
  void release_held_problems();
  // The problems held back, forgotten and no longer counted.
  void drop_held_problems() {
    summary.problems -= held_count;
    held.clear();
    held_count = 0;
  }

  const DiffOptions& options;
  std::filesystem::path temp;  // where the sorts and the spools write
  DiffLayout layout;
  std::vector<DiffColumn> common;  // the columns both files have, as planned (before renames)
  DiffSummary summary;
  std::vector<DiffProblem> problems;
  // While true (the first reading), empty-key problems are held back.
  bool holding_empty_keys = true;
  std::vector<std::pair<std::uint64_t, DiffProblem>> held;  // (problems added before, problem)
  std::uint64_t held_count = 0;
  // The keys to fall back on (diff_columns.hpp: fallback_keys), and the
  // columns whose filled rows each file's KeyGaps counts: the key's, then
  // the fallback keys' (indexes into layout.columns).
  std::vector<std::vector<std::size_t>> fallback_keys;
  std::vector<std::size_t> watched;
  KeyGaps gaps[2];  // OLD's, NEW's
};

// A row of a file in its index: the hash of its key, the digest of its
// common columns, where it is read again (DiffInput::locate), its record number.
struct RowEntry {
  std::uint64_t key_hash = 0;
  std::uint64_t digest = 0;
  std::uint64_t offset = 0;
  std::uint32_t row = 0;
};

struct ByKey {
  static constexpr bool kTotalOrder = true;  // row is unique
  bool operator()(const RowEntry& a, const RowEntry& b) const {
    return a.key_hash != b.key_hash ? a.key_hash < b.key_hash : a.row < b.row;
  }
};

struct ByRow {
  static constexpr bool kTotalOrder = true;  // row is unique
  bool operator()(const RowEntry& a, const RowEntry& b) const { return a.row < b.row; }
};

// A row of OLD and a row of NEW matched by key, or one row alone (the
// other kNoRow).
struct RowPair {
  std::uint64_t place = 0;  // (position << 1) | after: the output's order
  std::uint64_t old_offset = 0, new_offset = 0;
  std::uint32_t old_row = kNoRow, new_row = kNoRow;
  std::uint16_t side_equal = 0;  // bit x * 4 + y: OLD's side column x equals NEW's y
  std::uint8_t digest_equal = 0;
};

struct ByOldRow {
  // Each OLD row is in one pair; the pairs of added rows (no OLD row, last)
  // are told apart by their NEW rows. Total: std::sort, no merge buffer (a
  // stable sort's took a third of the 1,000,000-row diff's page faults).
  static constexpr bool kTotalOrder = true;
  bool operator()(const RowPair& a, const RowPair& b) const {
    return a.old_row != b.old_row ? a.old_row < b.old_row : a.new_row < b.new_row;
  }
};

struct ByPlace {
  // A place is one row's, but for the rows removed after one position: their
  // old rows (unique) order them.
  static constexpr bool kTotalOrder = true;
  bool operator()(const RowPair& a, const RowPair& b) const {
    return a.place != b.place ? a.place < b.place : a.old_row < b.old_row;
  }
};

using EntrySorter = grammars::ExternalSorter<RowEntry, ByKey>;
using PairSorter = grammars::ExternalSorter<RowPair, ByOldRow>;
using PlaceSorter = grammars::ExternalSorter<RowPair, ByPlace>;

}  // namespace gifkit::models
