// detail/csv_text_buffer.hpp — the input side of the CSV reader: reads a file
// with fread in large blocks, skips a UTF-8 BOM, detects the encoding and
// converts CP932 to UTF-8, and keeps the not-yet-parsed UTF-8 text in one flat
// buffer that the parser scans. Private to csv_reader.cpp.
#pragma once
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "grammars/io/encoding.hpp"

namespace gifkit::grammars::detail {

class CsvTextBuffer {
 public:
  static constexpr std::size_t kScanSlack = 16;

  // Called once when fread fails (the buffer then behaves as at end of input).
  using ReadErrorHandler = std::function<void(const std::string& message)>;

  CsvTextBuffer(std::FILE* file, Encoding requested, std::size_t block_size,
                ReadErrorHandler on_read_error);

  // The text: data()[0, size()) is UTF-8 (or, in a UTF-8 file, whatever bytes
  // the file holds) and data()[size()] is always '\n', a sentinel that lets a
  // scanning loop stop without a bounds check. kScanSlack bytes after the
  // sentinel may be read too (their values are of no meaning): a scan reads
  // 16 bytes at a time.
  const char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  // For a parser that puts a temporary sentinel inside the text (and restores
  // the byte afterwards).
  char* mutable_data() { return data_.get(); }

  // True when the whole input has been read and converted into the buffer.
  bool at_end() const { return at_end_; }

  // Discards data()[0, keep_from), moves the rest to the front and appends the
  // next block of text: at least block_size bytes of input, more when the kept
  // text is already that large, so a record longer than a block costs
  // O(record) in total. Requires !at_end(). Offsets into the buffer move down
  // by keep_from. May append nothing (a block that is all an unfinished CP932
  // character); the caller just calls again.
  void refill(std::size_t keep_from);

  // Reads the first block (skipping a BOM, detecting the encoding). Called
  // once, before anything else.
  void start();

  Encoding encoding() const;  // automatic until start(); utf8 while only ASCII was seen
  bool had_bom() const { return had_bom_; }
  std::uint64_t bytes_read() const { return bytes_read_; }

  // The place in the file of data()[at]: exact while the text is the
  // file's own bytes (UTF-8 or ASCII read as it is), that is for every
  // place below converted_from().
  std::uint64_t file_offset(std::size_t at) const { return front_offset_ + at; }
  // Where (in file_offset's terms) the text stops being the file's bytes:
  // the first CP932 byte converted; UINT64_MAX when nothing was converted.
  std::uint64_t converted_from() const { return converted_from_; }

  // Text before this offset may hold U+FFFD that stands for invalid CP932
  // bytes (0 when there is none): the parser looks for them only there.
  std::size_t replacement_horizon() const { return replacement_horizon_; }
  // The CP932 bytes that the U+FFFD at data()[at] stands for ("" when it
  // stands for none): what the input held, for the reader's error.
  std::string_view invalid_bytes_at(std::size_t at) const;

 private:
  void ensure_capacity(std::size_t needed);
  std::size_t read_from_file(char* destination, std::size_t count);
  void append_from_file(std::size_t count);
  void read_and_convert_cp932(std::size_t count);
  void convert_pending_cp932();
  void decide_encoding_if_needed(std::size_t region_begin);
  void put_sentinel() { data_[size_] = '\n'; }

  std::FILE* file_;
  Encoding encoding_;  // automatic while undecided (only ASCII seen so far)
  std::size_t block_size_;
  ReadErrorHandler on_read_error_;

  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;  // bytes allocated, including the sentinel
  std::size_t size_ = 0;
  bool at_end_ = false;
  bool started_ = false;
  bool had_bom_ = false;
  std::uint64_t bytes_read_ = 0;

  std::uint64_t front_offset_ = 0;  // file_offset(0): the bytes discarded, and a BOM
  std::uint64_t converted_from_ = UINT64_MAX;
  std::string cp932_pending_;  // CP932 bytes read but not converted yet
  std::size_t replacement_horizon_ = 0;
  // Each U+FFFD the conversion wrote (its offset in data_, rising) and the
  // CP932 bytes it stands for; those before the text kept are dropped.
  std::deque<std::pair<std::size_t, std::string>> replaced_;
};

}  // namespace gifkit::grammars::detail
