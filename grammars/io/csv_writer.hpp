// csv_writer.hpp — writes CSV (RFC 4180): one value as a field, quoted only
// when it must be, and whole rows through a buffer. The one CSV writer of the
// project: the lookup and address commands' CSV output and transform's
// output, change log and review list all write through it.
#pragma once
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// Appends value to out as one field: as it is when it holds no delimiter,
// quote or line break; else quoted, with quotes doubled.
void append_csv_field(std::string& out, std::string_view value, char delimiter = ',');

// value as one comma-separated field (append_csv_field into a new string).
std::string csv_field(std::string_view value);

// Rows to a stream, buffered (64 KiB), each ended by line_end ("\r\n" as RFC
// 4180 says, or "\n"). The stream's errors are the caller's to check after
// flush().
class CsvWriter {
 public:
  CsvWriter(std::ostream& out, char delimiter = ',', std::string_view line_end = "\r\n");
  ~CsvWriter();  // flushes
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Writes the UTF-8 byte order mark; only before the first row.
  void write_bom();
  // The row is first written as it is, fields joined by the delimiter, and
  // its bytes scanned once (plain_since): only a row where some field needs
  // quotes is written again field by field (append_csv_field). The same
  // bytes either way.
  template <typename Strings>
  void write_row(const Strings& fields) {
    const std::size_t start = buffer_.size();
    std::size_t count = 0;
    std::size_t bytes = 0;
    for (const auto& field : fields) {
      ++count;
      bytes += std::string_view(field).size();
    }
    // Room for the row at once, then each field copied in.
    buffer_.resize(start + bytes + (count > 0 ? count - 1 : 0));
    char* at = buffer_.data() + start;
    bool first = true;
    for (const auto& field : fields) {
      const std::string_view text(field);
      if (!first) *at++ = delimiter_;
      first = false;
      if (!text.empty()) std::memcpy(at, text.data(), text.size());
      at += text.size();
    }
    if (!plain_since(start, count)) {
      buffer_.resize(start);
      first = true;
      for (const auto& field : fields) {
        if (!first) buffer_ += delimiter_;
        first = false;
        append_csv_field(buffer_, field, delimiter_);
      }
    }
    end_row();
  }
  void flush();

 private:
  void end_row();
  // True when buffer_ from start holds fields fields joined by the
  // delimiter and none of them needs quotes: fields - 1 delimiters, no
  // quote, no line break.
  bool plain_since(std::size_t start, std::size_t fields) const;

  std::ostream& out_;
  char delimiter_;
  std::string line_end_;
  std::string buffer_;
};

}  // namespace gifkit::grammars
