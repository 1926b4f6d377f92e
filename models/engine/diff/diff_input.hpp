// diff_input.hpp — one input of a diff (stage 1 of diff.cpp's run): the file
// opened through the dataset reader and read once, each row's index entry
// (diff_keys) pushed into an external sorter ordered by key, each row left
// where it can be read again — the file itself (a regular CSV or TSV file:
// its byte offset and size), else a record spool (standard input, a
// workbook, converted Shift_JIS text) — and what its values say of 個人番号.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "grammars/io/record_spool.hpp"
#include "models/engine/checks/individual_number.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/diff/diff_keys.hpp"
#include "models/engine/diff/diff_run.hpp"

namespace gifkit::models {

// One input: its reader, header, index, and where its rows are read again.
struct DiffInput {
  explicit DiffInput(std::string path) : path(std::move(path)) {}
  ~DiffInput();
  DiffInput(const DiffInput&) = delete;  // its reader reports to it; it owns fd
  DiffInput& operator=(const DiffInput&) = delete;

  // Opens the file and reads its header; the reader's errors become problems.
  void open(DiffState& state);
  // Stage 1: the file's rows into its spool and index (OLD's when is_old).
  // rows_before: the rows read of the other file before this one (what
  // DiffOptions::keep_going is told is the sum). memory: the index's budget.
  void read(DiffState& state, bool is_old, std::uint64_t rows_before, std::size_t memory);
  // The index made again (the key changed, DiffRun::settle_key): the file
  // read again in order (standard input: each row from the spool) and each
  // row's entry made anew, where it is read again kept.
  void reindex(DiffState& state, bool is_old, std::size_t memory);
  // The values of a row (values empty for kNoRow), read again from where it
  // is (location: its index entry's offset). Throws DiffFailure.
  void load(std::uint32_t row, std::uint64_t location, std::vector<std::string>& values);

  std::string path;
  std::optional<DatasetReader> reader;
  int fd = -1;  // the file, for rows read again from it (-1: all are spooled)
  char delimiter = 0;
  std::vector<grammars::CsvError> errors;
  std::vector<std::string> headers;
  std::optional<grammars::RecordSpool> spool;
  std::unique_ptr<EntrySorter> index;
  std::uint64_t rows = 0;
  std::vector<int> side_columns;  // file columns only this file has (at most kSideColumns)
  std::vector<const FieldSpec*> side_items;                // the item of each (nullptr: none)
  std::vector<IndividualNumberColumn> individual_numbers;  // per file column

 private:
  // The reader's errors as problems of the file (row 0).
  void report_errors(DiffState& state);
  // Where the row of record can be read again (see kInSpool in diff_input.cpp).
  std::uint64_t locate(const grammars::CsvRecord& record, const std::filesystem::path& temp);

  std::string read_buffer_;  // load's
};

}  // namespace gifkit::models
