// csv_writer.cpp — see csv_writer.hpp.
#include "grammars/csv_writer.hpp"

namespace gifkit::grammars {

namespace {
constexpr std::size_t kFlushAt = 64 * 1024;
}

void append_csv_field(std::string& out, std::string_view value, char delimiter) {
  bool quote = false;
  for (char c : value) {
    if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(std::string_view value) {
  std::string out;
  append_csv_field(out, value);
  return out;
}

CsvWriter::CsvWriter(std::ostream& out, char delimiter, std::string_view line_end)
    : out_(out), delimiter_(delimiter), line_end_(line_end) {
  buffer_.reserve(kFlushAt + 4096);
}

CsvWriter::~CsvWriter() {
  flush();
}

void CsvWriter::write_bom() {
  buffer_ += "\xEF\xBB\xBF";
}

void CsvWriter::end_row() {
  buffer_ += line_end_;
  if (buffer_.size() >= kFlushAt) flush();
}

void CsvWriter::flush() {
  if (!buffer_.empty()) out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

}  // namespace gifkit::grammars
