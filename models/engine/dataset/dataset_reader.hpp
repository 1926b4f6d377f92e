// dataset_reader.hpp — reads a tabular dataset record by record, whatever it
// is: a file or standard input, CSV or TSV in UTF-8 or Shift_JIS. Records are
// grammars::CsvRecord (the header is record 1); the reader's own errors
// (encoding, quoting) go to a handler as they are found.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "grammars/csv_reader.hpp"

namespace gifkit::models {

struct DatasetReadOptions {
  grammars::Encoding encoding = grammars::Encoding::automatic;
  char delimiter = 0;  // 0: '\t' for .tsv/.tab files, ',' otherwise
};

// Why a dataset could not be opened at all.
struct DatasetOpenError {
  std::string reason;  // "cannot open: No such file or directory", "cannot read: is a directory"
};

class DatasetReader {
 public:
  // Opens path ("-": standard input). Throws DatasetOpenError.
  DatasetReader(const std::string& path, const DatasetReadOptions& options,
                grammars::CsvReader::ErrorHandler on_error);
  ~DatasetReader();
  DatasetReader(const DatasetReader&) = delete;
  DatasetReader& operator=(const DatasetReader&) = delete;

  // The next record, false at the end.
  bool next(grammars::CsvRecord& record) { return csv_->next(record); }

  // "csv" or "tsv".
  std::string_view format() const { return format_; }
  // The encoding read (settled after the first non-ASCII bytes).
  grammars::Encoding encoding() const { return csv_->encoding(); }
  std::uint64_t bytes_read() const { return csv_->bytes_read(); }

 private:
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::string format_;
  std::unique_ptr<grammars::CsvReader> csv_;
};

}  // namespace gifkit::models
