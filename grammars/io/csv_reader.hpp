// csv_reader.hpp — a streaming CSV/TSV record reader: RFC 4180 quoting,
// embedded newlines, CRLF or LF, a UTF-8 BOM, CP932 input converted to UTF-8.
// Memory stays flat whatever the file size; a malformed record is reported
// with its line and column and reading goes on with the next record.
#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/encoding.hpp"

namespace gifkit::grammars {

struct CsvOptions {
  char delimiter = ',';                     // ',' for CSV, '\t' for TSV
  Encoding encoding = Encoding::automatic;  // automatic: detect_encoding on the first block
  std::size_t max_record_bytes = 16 << 20;  // a longer record is malformed (runaway quote)
  // Bytes per fread. Tests set it small to put block boundaries everywhere.
  std::size_t block_size = 1 << 20;
  // An empty physical line is skipped (not a record; blank_lines_skipped()
  // counts it). When false it is a record with one empty field.
  bool skip_blank_lines = true;
  // Keep each record's raw text (CsvRecord::raw, raw_ends): for a writer
  // that copies the input and changes only some fields.
  bool keep_raw = false;
};

// One problem found while reading. Lines and columns are 1-based; column
// counts characters (code points) in the physical line. column is 0 when the
// problem has no position (a read error).
struct CsvError {
  enum class Kind { malformed_row, encoding_error };
  Kind kind = Kind::malformed_row;
  std::uint64_t line = 0;
  std::uint64_t column = 0;
  std::uint32_t field = 0;  // 1-based field number where it was found (0: whole record)
  std::string message;      // e.g. "unterminated quoted field", "invalid UTF-8 byte 0x82"
  // An encoding error's input bytes, as they were (each now U+FFFD in the
  // values; for a caller's log): up to 64 of them.
  std::string bytes;
};

// bytes written for a person, each as \xHH ("\x85\x40": a CP932 pair
// whose trail byte is '@'). For invalid input in logs and messages.
std::string escaped_bytes(std::string_view bytes);

// A record. The views point into the reader's buffers and stay valid until
// the next call to next().
struct CsvRecord {
  std::uint64_t number = 0;  // 1-based record number (the header is record 1)
  std::uint64_t line = 0;    // physical line where the record starts
  std::vector<std::string_view> fields;
  bool malformed = false;  // an error was reported for this record (fields are best effort)
  // With CsvOptions::keep_raw: the record's text as read (UTF-8, after any
  // conversion; quotes and "" escapes as they were) with its line end, and
  // per field where its raw text ends in raw (the offset of the delimiter or
  // the line end after it).
  std::string_view raw;
  std::vector<std::uint32_t> raw_ends;
  // Where the record's bytes stand in the file, its line end included, when
  // they are the file's own (UTF-8 or ASCII read as it is, the record read
  // whole): a caller may read it again from there (CsvReader::read_record_at).
  // kNoFileOffset for converted text (CP932) and for a record cut short or
  // recovered from an unclosed quote.
  std::uint64_t file_offset = 0;
  std::uint32_t file_size = 0;
};

inline constexpr std::uint64_t kNoFileOffset = UINT64_MAX;

class CsvReader {
 public:
  using ErrorHandler = std::function<void(const CsvError&)>;

  // Reads from file (not owned, read with fread in large blocks). name is
  // used only in messages. Errors go to on_error as they are found.
  CsvReader(std::FILE* file, std::string name, CsvOptions options, ErrorHandler on_error);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record; false at the end of input (or on a read error,
  // which is reported through on_error as a malformed_row with field 0).
  bool next(CsvRecord& record);

  // The encoding in use (after detection, once the first block is read).
  Encoding encoding() const;
  bool had_bom() const;
  std::uint64_t bytes_read() const;           // input bytes consumed so far (for progress)
  std::uint64_t blank_lines_skipped() const;  // empty lines skipped (skip_blank_lines)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gifkit::grammars
