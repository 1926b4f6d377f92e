// csv_test_support.hpp — helpers for the CSV reader tests: write bytes to a
// temporary file, read every record and error back as plain values, and
// check that the result does not depend on the block size.
#pragma once
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/csv_reader.hpp"

namespace gifkit::test {

using grammars::CsvError;
using grammars::CsvOptions;
using grammars::CsvReader;
using grammars::CsvRecord;
using grammars::Encoding;

// A record copied out of the reader's buffers.
struct ReadRecord {
  std::uint64_t number = 0;
  std::uint64_t line = 0;
  std::vector<std::string> fields;
  bool malformed = false;
  bool operator==(const ReadRecord& other) const {
    return number == other.number && line == other.line && fields == other.fields &&
           malformed == other.malformed;
  }
};

struct ReadResult {
  std::vector<ReadRecord> records;
  std::vector<CsvError> errors;
  Encoding encoding = Encoding::automatic;
  bool had_bom = false;
  std::uint64_t bytes_read = 0;
  std::uint64_t blank_lines = 0;
};

inline bool same_error(const CsvError& a, const CsvError& b) {
  return a.kind == b.kind && a.line == b.line && a.column == b.column && a.field == b.field &&
         a.message == b.message;
}

// A temporary file (std::tmpfile: deleted when closed) holding bytes,
// positioned at its start.
class TempCsvFile {
 public:
  explicit TempCsvFile(std::string_view bytes) : file_(std::tmpfile()) {
    REQUIRE(file_ != nullptr);
    REQUIRE(std::fwrite(bytes.data(), 1, bytes.size(), file_) == bytes.size());
    std::rewind(file_);
  }
  ~TempCsvFile() { std::fclose(file_); }
  TempCsvFile(const TempCsvFile&) = delete;
  TempCsvFile& operator=(const TempCsvFile&) = delete;
  std::FILE* get() const { return file_; }

 private:
  std::FILE* file_;
};

// Reads every record of file with options, collecting records and errors.
inline ReadResult read_all(std::FILE* file, const CsvOptions& options) {
  ReadResult result;
  CsvReader reader(file, "test.csv", options,
                   [&result](const CsvError& error) { result.errors.push_back(error); });
  CsvRecord record;
  while (reader.next(record)) {
    ReadRecord copy;
    copy.number = record.number;
    copy.line = record.line;
    copy.malformed = record.malformed;
    for (std::string_view field : record.fields) copy.fields.emplace_back(field);
    result.records.push_back(std::move(copy));
  }
  result.encoding = reader.encoding();
  result.had_bom = reader.had_bom();
  result.bytes_read = reader.bytes_read();
  result.blank_lines = reader.blank_lines_skipped();
  return result;
}

// Reads bytes (written to a temporary file) with options.
inline ReadResult read_csv(std::string_view bytes, CsvOptions options = {}) {
  TempCsvFile file(bytes);
  return read_all(file.get(), options);
}

inline std::string describe(const ReadResult& result) {
  std::ostringstream out;
  for (const ReadRecord& record : result.records) {
    out << "#" << record.number << " line " << record.line << (record.malformed ? " (bad)" : "")
        << ":";
    for (const std::string& field : record.fields) out << " [" << field << "]";
    out << "\n";
  }
  for (const CsvError& error : result.errors) {
    out << "error " << static_cast<int>(error.kind) << " at " << error.line << ":" << error.column
        << " field " << error.field << ": " << error.message << "\n";
  }
  return out.str();
}

// The options of a file declared CP932 (Shift_JIS), read without a guess.
inline CsvOptions cp932_options() {
  CsvOptions options;
  options.encoding = Encoding::cp932;
  return options;
}

// Reads bytes with options, then again with tiny block sizes (block
// boundaries at every possible place), and requires the same records, errors
// and encoding every time. Returns the result with options as given.
inline ReadResult read_csv_every_block_size(std::string_view bytes, CsvOptions options = {}) {
  const ReadResult expected = read_csv(bytes, options);
  for (const std::size_t block_size : {1, 2, 3, 4, 5, 7, 16, 64}) {
    CsvOptions small = options;
    small.block_size = block_size;
    const ReadResult got = read_csv(bytes, small);
    INFO("block size " << block_size << "\nexpected:\n"
                       << describe(expected) << "got:\n"
                       << describe(got));
    REQUIRE(got.records == expected.records);
    REQUIRE(got.errors.size() == expected.errors.size());
    for (std::size_t i = 0; i < got.errors.size(); ++i) {
      REQUIRE(same_error(got.errors[i], expected.errors[i]));
    }
    REQUIRE(got.encoding == expected.encoding);
    REQUIRE(got.had_bom == expected.had_bom);
    REQUIRE(got.bytes_read == expected.bytes_read);
    REQUIRE(got.blank_lines == expected.blank_lines);
  }
  return expected;
}

inline std::vector<std::string> fields(std::initializer_list<const char*> values) {
  return std::vector<std::string>(values.begin(), values.end());
}

}  // namespace gifkit::test
