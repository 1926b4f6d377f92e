// dataset_reader.hpp — the one place that opens a dataset and decides what it
// is, and reads it record by record: a file or standard input, CSV or TSV in
// UTF-8 or Shift_JIS, or one sheet of an .xlsx workbook. Records are
// grammars::CsvRecord (the header is record 1); the reader's own errors
// (encoding, quoting, a formula without a value) go to a handler as they are
// found. With raw_records (the chars tool) records are grammars::TextRecord,
// each with its raw text and line end (grammars/io/text_records.hpp, the layer
// under this reader for that), and a text input may be read as plain lines.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "grammars/io/text_records.hpp"
#include "grammars/io/xlsx_reader.hpp"

namespace gifkit::models {

// What a file's name says it holds, by its extension (any case): .csv CSV,
// .tsv or .tab TSV, .xlsx/.xlsm/.xls/.ods a workbook; none for any other
// name (and for "-"). The one decision by name of every reader of datasets:
// DatasetReader reads an unnamed text as CSV, the chars tool as lines.
enum class NamedFormat { none, csv, tsv, workbook };
NamedFormat format_of_file_name(std::string_view path);

struct DatasetReadOptions {
  grammars::Encoding encoding = grammars::Encoding::automatic;
  char delimiter = 0;           // 0: '\t' for .tsv/.tab files, ',' otherwise
  std::string sheet;            // an .xlsx sheet's name or 1-based number; "": the first
  grammars::ReadLimits limits;  // an .xlsx's caps and clock (grammars/io/read_limits.hpp)
  // The dataset's bytes when they are already in memory (a service's small
  // request body): read from there as CSV or TSV, and the path only names
  // them (the delimiter, messages). A workbook is read from a file only:
  // bytes named or signed as one are refused (DatasetOpenError).
  std::optional<std::string_view> bytes;
  // Records with their raw text and line end, read with next(TextRecord&):
  // for a tool that copies its input and changes only what it must (chars
  // shrink). A text input is then read as layout says (delimiter unused);
  // automatic: CSV or TSV when its name says so, else plain text a line at a
  // time (standard input too). A workbook is read as without raw_records.
  bool raw_records = false;
  grammars::TextLayout layout = grammars::TextLayout::automatic;
};

// Why a dataset could not be opened at all.
struct DatasetOpenError {
  std::string reason;     // "cannot open: No such file or directory", "cannot read: is a directory"
  bool over_cap = false;  // a cap of DatasetReadOptions::limits refused the file
};

class DatasetReader {
 public:
  // Opens path ("-": standard input, read as text; options.bytes: those
  // bytes, named path). A file named .xlsx or
  // .xlsm, or whose bytes are a workbook's (an .xls or .ods is refused with
  // the reason), is read as a workbook. Throws DatasetOpenError (a cap of
  // options.limits reached while the workbook is opened included), or
  // grammars::ReadStopped.
  DatasetReader(const std::string& path, const DatasetReadOptions& options,
                grammars::CsvReader::ErrorHandler on_error);
  ~DatasetReader();
  DatasetReader(const DatasetReader&) = delete;
  DatasetReader& operator=(const DatasetReader&) = delete;

  // The next record, false at the end. A workbook's read may throw
  // grammars::ReadLimitExceeded or ReadStopped. Not with raw_records.
  // A header (record 1) of more than kMostColumns fields is refused: throws
  // grammars::ReadLimitExceeded naming the file and line (binding each of
  // millions of columns to every model would cost minutes and gigabytes).
  bool next(grammars::CsvRecord& record) {
    const bool more = xlsx_ ? xlsx_->next(record) : csv_->next(record);
    if (more && record.number == 1 && record.fields.size() > kMostColumns) refuse_header(record);
    return more;
  }
  // The most columns a header may have: an .xlsx sheet's most (XFD).
  static constexpr std::size_t kMostColumns = 16384;
  // With raw_records: the next record, false at the end. A workbook's
  // record has its fields but no raw text (text and line_end empty, no
  // raw_ends; row is the record number, line the sheet row); a problem of a
  // text input reaches the handler with its line and message only.
  bool next(grammars::TextRecord& record);
  // With raw_records, a text input read as lines: every line whose end is
  // in memory at once (grammars::TextRecordReader::next_lines); false, then
  // read the next record with next(record), for the last line, a cut line,
  // CSV, TSV and a workbook.
  bool next_lines(grammars::TextLines& lines) { return text_ && text_->next_lines(lines); }

  // "csv", "tsv", "xlsx", or with raw_records "text" (lines).
  std::string_view format() const { return format_; }
  // The encoding read (settled after the first non-ASCII bytes); a
  // workbook's text is UTF-8.
  grammars::Encoding encoding() const {
    return xlsx_ ? grammars::Encoding::utf8 : csv_ ? csv_->encoding() : text_->encoding();
  }
  std::uint64_t bytes_read() const {
    return xlsx_ ? xlsx_->bytes_read() : csv_ ? csv_->bytes_read() : text_->bytes_read();
  }
  // A UTF-8 BOM started the text (after the first record); false for a workbook.
  bool had_bom() const { return xlsx_ ? false : csv_ ? csv_->had_bom() : text_->had_bom(); }
  // The size of a regular file in bytes (for progress); 0 when unknown
  // (standard input, a pipe).
  std::uint64_t input_size() const { return input_size_; }
  // True when a record's CsvRecord::file_offset is a place in a regular
  // file that can be read again (a CSV or TSV file, not standard input, a
  // pipe or a workbook): see read_record_at.
  bool records_can_be_read_again() const { return regular_text_file_; }
  // The delimiter of a text file (0 for a workbook).
  char delimiter() const { return delimiter_; }
  // A workbook's sheet name, "" for text.
  std::string sheet_name() const { return xlsx_ ? xlsx_->sheet_name() : std::string(); }
  // A workbook's cell name for a record's line (the sheet row) and a 1-based
  // column: "B12"; "" for text files.
  std::string cell_name(std::uint64_t line, std::uint32_t column) const {
    return xlsx_ && column > 0 && line > 0 ? grammars::XlsxReader::cell_name(column, line) : "";
  }

 private:
  // Reads file_ (open) as CSV or TSV, or with raw_records through
  // grammars/io/text_records (CSV, TSV or lines); regular: it is a regular file.
  void open_text(const std::string& path, const DatasetReadOptions& options, bool regular,
                 grammars::CsvReader::ErrorHandler on_error);
  // Throws the ReadLimitExceeded of a header of too many columns.
  [[noreturn]] void refuse_header(const grammars::CsvRecord& header) const;

  std::string path_;

  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::string format_;
  char delimiter_ = 0;
  bool regular_text_file_ = false;
  std::uint64_t input_size_ = 0;
  std::unique_ptr<grammars::CsvReader> csv_;
  std::unique_ptr<grammars::XlsxReader> xlsx_;
  std::unique_ptr<grammars::TextRecordReader> text_;  // raw_records from a text input
  grammars::CsvRecord sheet_record_;                  // raw_records from a workbook
};

// Reads again, from the text file at path, the record of file_size bytes at
// file_offset (as a DatasetReader gave them: records_can_be_read_again)
// into fields. buffer is working memory kept between calls. Throws
// DatasetOpenError when the file cannot be read or has changed there.
void read_record_at(const std::string& path, int fd, char delimiter, std::uint64_t file_offset,
                    std::uint32_t file_size, std::string& buffer, std::vector<std::string>& fields);

}  // namespace gifkit::models
