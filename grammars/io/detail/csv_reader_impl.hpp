// detail/csv_reader_impl.hpp — the inside of CsvReader, shared by
// csv_reader.cpp (parsing, recovery) and csv_record_checks.cpp (encoding
// checks, error positions). Private to those files.
//
// How it works: the text buffer holds the unparsed UTF-8 text with a '\n'
// sentinel after it. parse_record() scans one record from pos; each field is
// a slot (offsets into the text buffer, or into scratch when its value had to
// be rewritten: "" escapes, text after a closing quote, invalid UTF-8). When
// the record runs past the end of the buffer, the buffer is refilled (the
// record moves to the front) and the record is parsed again from its start;
// refills at least double the kept text, so this costs O(record) in total.
// Errors are collected while parsing and reported, with line and column, once
// the record is complete.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "grammars/io/detail/csv_text_buffer.hpp"

namespace gifkit::grammars {
namespace detail {

// Where a field's value is, and where its raw text ends in the text buffer.
struct FieldSlot {
  std::size_t offset = 0;  // in the text buffer, or in scratch when in_scratch
  std::size_t length = 0;
  std::size_t raw_end = 0;  // text-buffer offset of the delimiter or line end after the field
  bool in_scratch = false;
};

// The slots of one record. Storage is kept from record to record and
// append is inlined: the parser adds one slot per field, millions per second.
class SlotList {
 public:
  void clear() { count_ = 0; }
  void push_back(const FieldSlot& slot) {
    if (count_ == storage_.size()) storage_.resize(storage_.empty() ? 32 : 2 * storage_.size());
    storage_[count_++] = slot;
  }
  void truncate(std::size_t count) { count_ = count < count_ ? count : count_; }
  std::size_t size() const { return count_; }
  FieldSlot& operator[](std::size_t index) { return storage_[index]; }
  const FieldSlot& operator[](std::size_t index) const { return storage_[index]; }
  const FieldSlot* begin() const { return storage_.data(); }
  const FieldSlot* end() const { return storage_.data() + count_; }

 private:
  std::vector<FieldSlot> storage_;
  std::size_t count_ = 0;
};

// An error found while parsing a record; its line and column are worked out
// from offset when the record is complete.
struct PendingError {
  CsvError::Kind kind = CsvError::Kind::malformed_row;
  std::size_t offset = 0;  // text-buffer offset of the problem
  std::uint32_t field = 0;
  std::string message;
  std::string bytes;  // CsvError::bytes
};

enum class ParseOutcome { record, blank_line, need_more, unclosed_quote_at_end };

}  // namespace detail

struct CsvReader::Impl {
  Impl(std::FILE* file, std::string name, CsvOptions options, ErrorHandler on_error);

  bool next(CsvRecord& record);

  // csv_reader.cpp: parsing and recovery.
  // validated: text[pos, end_offset) is valid UTF-8 as far as the record
  // goes (characters beyond ASCII are not stopped at nor checked).
  detail::ParseOutcome parse_record(std::size_t end_offset, bool input_done, bool validated);
  detail::FieldSlot unescape_into_scratch(const char* begin, const char* end);
  void append_to_slot(detail::FieldSlot& slot, const char* begin, const char* end);
  const char* scan_to_field_end(const char* p);
  void finish_record(CsvRecord& record, std::size_t record_content_end, std::size_t resume,
                     std::uint64_t line_ends_inside);
  void handle_too_long(CsvRecord& record);
  void recover_unclosed_quote(CsvRecord& record, std::string message, std::size_t limit);
  void recover_too_long(CsvRecord& record);
  void skip_to_next_line();

  // csv_record_checks.cpp: encoding checks and error reporting.
  void check_encoding(std::size_t record_content_end);
  void check_cp932_replacements(std::size_t record_content_end);
  void repair_invalid_utf8(detail::FieldSlot& slot);
  std::uint32_t field_at(std::size_t offset) const;
  void add_error(CsvError::Kind kind, std::size_t offset, std::uint32_t field, std::string message);
  void report_errors(std::uint64_t first_line);
  void report_read_error(const std::string& message);

  std::string name;
  CsvOptions options;
  ErrorHandler on_error;
  detail::CsvTextBuffer text;
  // Bytes that stop the scan through an unquoted / a quoted field: the
  // structural ones and every non-ASCII byte (validated on the way).
  std::array<bool, 256> ends_unquoted{};
  std::array<bool, 256> ends_quoted{};

  bool started = false;
  std::size_t pos = 0;  // text offset where the next record starts
  // The text from where it was last checked (a record's start) up to here is
  // valid UTF-8 (detail::find_invalid_utf8_from); 0 after a refill.
  std::size_t valid_to = 0;
  std::uint64_t next_line = 1;
  std::uint64_t next_record_number = 1;
  std::uint64_t blank_lines = 0;
  bool skip_rest_of_line = false;  // after a recovery: resume after the next line end

  // The record being parsed.
  detail::SlotList slots;
  std::string scratch;
  std::vector<detail::PendingError> errors;
  std::size_t content_end = 0;     // record: offset past its last field
  std::size_t record_end = 0;      // record or blank line: offset past its line end
  std::uint64_t line_ends = 0;     // line ends consumed, its own included
  std::size_t stop = 0;            // need_more: where the scan stopped
  bool stopped_in_quotes = false;  // need_more: inside the quoted field opened at open_quote
  std::size_t open_quote = 0;
  std::size_t field_begin = 0;  // offset where the current field starts
  std::uint32_t field_number = 0;
  // The scan saw a byte that does not start valid UTF-8 (or took a path that
  // does not check): check_encoding must look at the record byte by byte.
  bool may_have_invalid_utf8 = false;
};

}  // namespace gifkit::grammars
