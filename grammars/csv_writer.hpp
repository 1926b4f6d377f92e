// csv_writer.hpp — writes CSV (RFC 4180): one value as a field, quoted only
// when it must be, and whole rows through a buffer. The one CSV writer of the
// project: the lookup and address commands' CSV output and transform's
// output, change log and review list all write through it.
#pragma once
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
  template <typename Strings>
  void write_row(const Strings& fields) {
    bool first = true;
    for (const auto& field : fields) {
      if (!first) buffer_ += delimiter_;
      first = false;
      append_csv_field(buffer_, field, delimiter_);
    }
    end_row();
  }
  void flush();

 private:
  void end_row();

  std::ostream& out_;
  char delimiter_;
  std::string line_end_;
  std::string buffer_;
};

}  // namespace gifkit::grammars
