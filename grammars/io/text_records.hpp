// text_records.hpp — the raw-record layer under the one dataset reader
// (models/engine/dataset/dataset_reader.hpp, DatasetReadOptions::raw_records,
// which opens the input and decides what it is; nothing else reads through
// this): plain text a line at a time, or CSV/TSV a record at a time
// (grammars/io/csv_reader.hpp), each record with its raw text and line end so
// that a writer (`gifkit chars shrink`) can copy the input and change only
// what it must. UTF-8
// (a BOM kept aside) or Shift_JIS/CP932 converted to UTF-8; a Shift_JIS file
// holding what can only be a 4-byte UTF-8 character is said to be one.
// Memory stays flat: a plain-text line longer than 16 MiB is cut.
#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "grammars/io/encoding.hpp"

namespace gifkit::grammars {

enum class TextLayout { automatic, text, csv, tsv };

// "auto", "text", "csv", "tsv"; nullopt for another name.
std::optional<TextLayout> parse_text_layout(std::string_view name);

struct TextRecordOptions {
  // Not automatic: decided by the caller (by name: models' format_of_file_name).
  TextLayout layout = TextLayout::text;
  Encoding encoding = Encoding::automatic;
  std::size_t block_size = 1 << 20;       // bytes per fread
  std::size_t max_line_bytes = 16 << 20;  // a longer plain-text line is cut (and goes on)
};

// A problem of the input: line 0 when it has no place.
struct TextProblem {
  std::uint64_t line = 0;
  std::string message;
};

struct TextRecord {
  std::uint64_t line = 0;     // the physical line where it starts (1-based)
  std::uint64_t row = 0;      // CSV/TSV: the record number (the header is 1); text: 0
  std::string_view text;      // the record without its line end (UTF-8)
  std::string_view line_end;  // "\n", "\r\n", "\r" or "" (the last line; a cut line)
  // CSV/TSV: the field values and where each one's raw text ends in text;
  // text: one field, the line.
  std::vector<std::string_view> fields;
  std::vector<std::uint32_t> raw_ends;
  bool malformed = false;  // CSV/TSV: the reader reported the record
};

// Whole plain-text lines, many at once (TextRecordReader::next_lines).
struct TextLines {
  std::uint64_t line = 0;   // the physical line of the first (1-based)
  std::string_view text;    // the lines, each with its line end (the last byte is '\n')
  std::uint64_t count = 0;  // how many ('\n' bytes in text)
};

// The number of '\n' bytes in text (16 bytes a step where SSE2 is).
std::uint64_t count_line_ends(std::string_view text);

// Makes record the plain-text line at line: raw is its text with its line end
// ("\n" or "\r\n"; none for the last line or a cut one), a record of one field.
void set_line_record(TextRecord& record, std::uint64_t line, std::string_view raw);

class TextRecordReader {
 public:
  using ProblemHandler = std::function<void(const TextProblem&)>;
  // Reads file (not owned). name is for messages only.
  TextRecordReader(std::FILE* file, std::string name, TextRecordOptions options,
                   ProblemHandler on_problem);
  ~TextRecordReader();
  TextRecordReader(const TextRecordReader&) = delete;
  TextRecordReader& operator=(const TextRecordReader&) = delete;

  // The next record; false at the end. Views stay valid until the next call.
  bool next(TextRecord& record);
  // Plain text only: every line not read yet whose end is in memory (reading
  // a block when none is), as one view, valid until the next call; the lines
  // are then read. False, nothing read, when the next line is not whole in
  // memory (the last line without an end, a line cut for its length, the
  // end of the input) or the input is CSV/TSV: next(record) reads it. The
  // lines are the records next(record) would give, with their line ends
  // (a record's text is its line without "\n" or "\r\n"); problems reach
  // the handler as they would.
  bool next_lines(TextLines& lines);

  Encoding encoding() const;         // after the first record
  bool had_bom() const;              // a UTF-8 BOM started the input
  std::uint64_t bytes_read() const;  // input bytes consumed so far

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gifkit::grammars
