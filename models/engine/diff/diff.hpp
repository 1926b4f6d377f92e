// diff.hpp — `diff` of two versions of a dataset as a library function (GDAL
// style): rows matched by their key (the model's key items, or the columns
// given), rows added, removed and changed with the changed items only (old →
// new), differences a fold removes reported as fold_only, columns added,
// removed, renamed and reordered. The files are read once each into record
// spools and row indexes sorted within a memory budget (external sort
// beyond it), so files larger than memory are compared. The gifkit diff
// command (and any service) calls run_diff; docs/diff.md describes the rules.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "models/engine/checks/individual_number.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/diff/value_folds.hpp"
#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models {

struct DiffOptions {
  std::string old_path;  // a path, or "-" for standard input (one of the two at most)
  std::string new_path;
  std::string model;             // a model id or file; "" picks by NEW's header, as validate does
  std::vector<std::string> key;  // item paths, item names or headers; empty: the model's key
  FoldSet folds = 0;             // values compared after these folds (a key too)
  // How both files are read: encoding, delimiter, an .xlsx's sheet and caps
  // (a cap reached: DiffFailure).
  DatasetReadOptions reading;
  // What the row indexes may take in memory; beyond it they are sorted on disk.
  std::size_t memory_limit = std::size_t{192} << 20;
  std::filesystem::path temporary_directory;  // "" for $TMPDIR or /tmp
  // The header names that say a column holds 個人番号 (nullptr: found by
  // values only). Such a column's values are written masked, never shown.
  const IndividualNumberHeaders* individual_number_headers = nullptr;
  // Asked every 65,536 rows read whether to go on; false stops with DiffFailure.
  std::function<bool(std::uint64_t rows)> keep_going;
};

enum class ColumnChange : std::uint8_t {
  same,     // in both files under the same header
  renamed,  // in both files, under another header (renamed_by says how it was known)
  added,    // only in NEW
  removed,  // only in OLD
};

std::string_view column_change_name(ColumnChange change);  // "same", "renamed", …
// How a renamed column was known, in words: "the same item", "the same
// values", "its header names the same item and most values agree".
std::string_view renamed_by_words(std::string_view renamed_by);

// A column of the comparison: NEW's columns in NEW's order, each removed
// column after the column it followed in OLD.
struct DiffColumn {
  std::string name;      // NEW's header (OLD's for a removed column)
  std::string old_name;  // OLD's header ("" for an added column)
  int old_index = -1;    // 0-based column of each file, -1 where it has none
  int new_index = -1;
  const FieldSpec* field = nullptr;  // the model's item, when the header names one
  ColumnChange change = ColumnChange::same;
  // "item" (both headers name it), "values" (they agree row by row) or
  // "header and values" (their headers name one item, most values agree)
  std::string renamed_by;
  bool key = false;
  bool moved = false;  // a common column whose place among the common columns changed
  // It holds 個人番号 (by its header or its values, as validate decides):
  // every value of it is passed on masked (digits as '*').
  bool masked = false;
};

struct DiffLayout {
  std::string old_path, new_path;
  std::string model;  // the model's id, "" without one
  std::string model_note;
  std::vector<DiffColumn> columns;
  std::vector<std::size_t> key_columns;  // indexes into columns
  bool whole_row_key = false;            // no key: rows are matched by all their common values
  // Why the key is not the model's: its columns empty in (nearly) every row
  // of a file, and what rows are matched by instead; "" for the model's key.
  std::string key_note;
  FoldSet folds = 0;
  bool reordered = false;  // the common columns stand in another order in NEW
};

enum class RowChange : std::uint8_t { same, added, removed, changed, fold_only };

std::string_view row_change_name(RowChange change);  // "same", "added", …

struct CellDiff {
  std::size_t column = 0;  // index into DiffLayout::columns
  std::string old_value, new_value;
  bool fold_only = false;  // equal after the folds
};

struct RowDiff {
  RowChange change = RowChange::same;
  std::uint64_t old_row = 0;  // record numbers (the header is row 1), 0 where absent
  std::uint64_t new_row = 0;
  std::vector<std::string> key;         // the key's values (NEW's, else OLD's)
  std::vector<std::string> old_values;  // per layout column ("" where OLD lacks it or the row)
  std::vector<std::string> new_values;
  std::vector<CellDiff> cells;  // changed and fold_only: the cells that differ
};

// Something wrong with the files themselves, reported beside the diff.
struct DiffProblem {
  std::string code;       // duplicate-key, empty-key, malformed-row, encoding-error
  std::string file;       // the path of the file it is in
  std::uint64_t row = 0;  // its row (record number), 0 for the file as a whole
  std::string message;
};

struct DiffSummary {
  std::uint64_t old_rows = 0, new_rows = 0;
  std::uint64_t same = 0, added = 0, removed = 0, changed = 0, fold_only = 0;
  std::uint64_t columns_added = 0, columns_removed = 0, columns_renamed = 0;
  std::uint64_t duplicate_keys = 0;  // keys standing on more than one row of a file
  std::uint64_t empty_keys = 0;      // rows whose key is empty
  std::uint64_t problems = 0;        // every problem, also those not passed on (over the cap)
  bool reordered = false;
  std::size_t sort_runs = 0;  // runs the row indexes were sorted in on disk (0: in memory)
  std::vector<std::string> notes;
  std::string key_note;  // DiffLayout::key_note, for a caller that did not see the layout

  // No row added, removed or changed and no column added, removed or
  // renamed (fold_only rows and a new column order aside).
  bool equal() const {
    return added == 0 && removed == 0 && changed == 0 && columns_added == 0 &&
           columns_removed == 0 && columns_renamed == 0;
  }
};

// Where the comparison goes: begin once, the problems, then the rows in
// NEW's order (a removed row after the NEW row of the matched OLD row
// before it), end once.
class DiffSink {
 public:
  virtual ~DiffSink() = default;
  virtual void begin(const DiffLayout& layout) = 0;
  // Asked after begin: also every unchanged row (RowChange::same)?
  virtual bool wants_same_rows() const { return false; }
  // Asked after begin: the unchanged row before an added row (its place)?
  virtual bool wants_context() const { return false; }
  virtual void row(const RowDiff& row) = 0;
  virtual void problem(const DiffProblem& problem) = 0;
  virtual void end(const DiffSummary& summary) = 0;
};

// Why the diff could not run (exit 2): a file that cannot be read, a key
// that names no column, a model that cannot be found.
struct DiffFailure {
  std::string message;
};

// Compares the two files of options into sink. Throws DiffFailure, or
// grammars::TemporaryFileError when the temporary files cannot be written.
DiffSummary run_diff(const DiffOptions& options, ModelCatalog& catalog, DiffSink& sink);

}  // namespace gifkit::models
