// dataset_reader.cpp — see dataset_reader.hpp.
#include "models/engine/dataset/dataset_reader.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include <sys/stat.h>
#include <unistd.h>

#include "grammars/io/read_limits.hpp"

namespace gifkit::models {
namespace {

std::string reason_without_path(std::string reason, const std::string& path) {
  if (reason.starts_with(path + ": ")) reason.erase(0, path.size() + 2);
  return reason;
}

// Whether the file is a workbook by its signature. A regular file's first bytes
// are read from the file already open (pread: the stream's position stays), and
// only a file signed as a zip or OLE2 file is opened again to look inside.
bool signed_as_spreadsheet(std::FILE* file, bool regular, const std::string& path) {
  assert(file != nullptr);
  char head[8];
  const ssize_t n = regular ? ::pread(::fileno(file), head, sizeof head, 0) : -1;
  if (n >= 0 && !grammars::may_be_spreadsheet(std::string_view(head, static_cast<std::size_t>(n))))
    return false;
  return !grammars::spreadsheet_kind(path).empty();
}

// A stream over bytes held in memory. Throws DatasetOpenError for a
// workbook's bytes (or name): a workbook is read from a file only.
std::FILE* open_bytes(std::string_view bytes, const std::string& path) {
  if (format_of_file_name(path) == NamedFormat::workbook ||
      grammars::may_be_spreadsheet(bytes.substr(0, 8))) {
    throw DatasetOpenError{"cannot read: a workbook is read from a file, not from memory"};
  }
  // fmemopen never writes through a stream opened for reading.
  std::FILE* file = ::fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
  if (file == nullptr) throw DatasetOpenError{std::string("cannot read: ") + std::strerror(errno)};
  return file;
}

}  // namespace

NamedFormat format_of_file_name(std::string_view path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".csv") return NamedFormat::csv;
  if (extension == ".tsv" || extension == ".tab") return NamedFormat::tsv;
  if (extension == ".xlsx" || extension == ".xlsm" || extension == ".xls" || extension == ".ods")
    return NamedFormat::workbook;
  return NamedFormat::none;
}

void DatasetReader::refuse_header(const grammars::CsvRecord& header) const {
  throw grammars::ReadLimitExceeded(path_ + ": line " + std::to_string(header.line) +
                                    ": the header has " + std::to_string(header.fields.size()) +
                                    " columns; at most " + std::to_string(kMostColumns) +
                                    " are read (an .xlsx sheet's most)");
}

DatasetReader::DatasetReader(const std::string& path, const DatasetReadOptions& options,
                             grammars::CsvReader::ErrorHandler on_error)
    : path_(path) {
  if (options.bytes) {
    file_ = open_bytes(*options.bytes, path);
    owns_file_ = true;
    open_text(path, options, false, std::move(on_error));
    return;
  }
  const bool is_stdin = path == "-";
  file_ = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) throw DatasetOpenError{std::string("cannot open: ") + std::strerror(errno)};
  owns_file_ = !is_stdin;
  struct stat status {};
  const bool status_known = !is_stdin && ::fstat(::fileno(file_), &status) == 0;
  if (status_known && S_ISDIR(status.st_mode)) {
    std::fclose(file_);  // fopen opens a directory; only reading it fails
    throw DatasetOpenError{"cannot read: is a directory"};
  }
  const bool regular = status_known && S_ISREG(status.st_mode);
  if (regular) input_size_ = static_cast<std::uint64_t>(status.st_size);
  const NamedFormat named = is_stdin ? NamedFormat::none : format_of_file_name(path);
  if (!is_stdin &&
      (named == NamedFormat::workbook || signed_as_spreadsheet(file_, regular, path))) {
    std::fclose(file_);
    owns_file_ = false;
    file_ = nullptr;
    grammars::XlsxOptions xlsx_options;
    xlsx_options.sheet = options.sheet;
    xlsx_options.limits = options.limits;
    try {
      xlsx_ = std::make_unique<grammars::XlsxReader>(path, xlsx_options, std::move(on_error));
    } catch (const grammars::XlsxError& error) {
      throw DatasetOpenError{reason_without_path(error.what(), path)};
    } catch (const grammars::ReadLimitExceeded& error) {
      throw DatasetOpenError{reason_without_path(error.what(), path), true};
    }
    format_ = "xlsx";
    return;
  }
  open_text(path, options, regular, std::move(on_error));
}

void DatasetReader::open_text(const std::string& path, const DatasetReadOptions& options,
                              bool regular, grammars::CsvReader::ErrorHandler on_error) {
  assert(file_ != nullptr && xlsx_ == nullptr);
  if (options.raw_records) {
    grammars::TextRecordOptions text_options;
    text_options.layout = options.layout;
    if (text_options.layout == grammars::TextLayout::automatic) {
      const NamedFormat named = format_of_file_name(path);
      text_options.layout = named == NamedFormat::csv   ? grammars::TextLayout::csv
                            : named == NamedFormat::tsv ? grammars::TextLayout::tsv
                                                        : grammars::TextLayout::text;
    }
    text_options.encoding = options.encoding;
    format_ = text_options.layout == grammars::TextLayout::csv   ? "csv"
              : text_options.layout == grammars::TextLayout::tsv ? "tsv"
                                                                 : "text";
    delimiter_ = format_ == "csv" ? ',' : format_ == "tsv" ? '\t' : 0;
    text_ = std::make_unique<grammars::TextRecordReader>(
        file_, path, text_options, [on_error](const grammars::TextProblem& problem) {
          grammars::CsvError error;
          error.line = problem.line;
          error.message = problem.message;
          if (on_error) on_error(error);
        });
    return;
  }
  grammars::CsvOptions csv_options;
  csv_options.encoding = options.encoding;
  csv_options.delimiter = options.delimiter;
  // Bytes in memory are read in one block of their size (a regular file's
  // block is fitted to it by the CSV reader).
  if (options.bytes)
    csv_options.block_size = std::min(csv_options.block_size, options.bytes->size() + 1);
  if (csv_options.delimiter == 0)
    csv_options.delimiter = format_of_file_name(path) == NamedFormat::tsv ? '\t' : ',';
  format_ = csv_options.delimiter == '\t' ? "tsv" : "csv";
  delimiter_ = csv_options.delimiter;
  regular_text_file_ = regular;
  csv_ = std::make_unique<grammars::CsvReader>(file_, path, csv_options, std::move(on_error));
}

bool DatasetReader::next(grammars::TextRecord& record) {
  assert(text_ || xlsx_);  // constructed with raw_records
  if (text_) return text_->next(record);
  if (!xlsx_->next(sheet_record_)) return false;
  record.line = sheet_record_.line;
  record.row = sheet_record_.number;
  record.text = {};
  record.line_end = {};
  record.fields = sheet_record_.fields;
  record.raw_ends.clear();
  record.malformed = sheet_record_.malformed;
  return true;
}

DatasetReader::~DatasetReader() {
  text_.reset();
  csv_.reset();
  xlsx_.reset();
  if (owns_file_) std::fclose(file_);
}

void read_record_at(const std::string& path, int fd, char delimiter, std::uint64_t file_offset,
                    std::uint32_t file_size, std::string& buffer,
                    std::vector<std::string>& fields) {
  buffer.resize(file_size);
  std::size_t done = 0;
  while (done < file_size) {
    const ssize_t n =
        ::pread(fd, buffer.data() + done, file_size - done, static_cast<off_t>(file_offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw DatasetOpenError{path + ": cannot read it again" +
                             (n < 0 ? std::string(": ") + std::strerror(errno)
                                    : std::string(" (it was cut short while it was compared)"))};
    }
    done += static_cast<std::size_t>(n);
  }
  std::FILE* memory = ::fmemopen(buffer.data(), buffer.size(), "rb");
  if (memory == nullptr) throw DatasetOpenError{path + ": " + std::strerror(errno)};
  grammars::CsvOptions options;
  options.delimiter = delimiter;
  options.encoding = grammars::Encoding::utf8;
  options.block_size = buffer.size() + 1;
  grammars::CsvRecord record;
  bool read = false;
  {
    grammars::CsvReader reader(memory, path, options, [](const grammars::CsvError&) {});
    read = reader.next(record);
    if (read) fields.assign(record.fields.begin(), record.fields.end());
  }
  std::fclose(memory);
  if (!read) throw DatasetOpenError{path + ": it changed while it was compared"};
}

}  // namespace gifkit::models
