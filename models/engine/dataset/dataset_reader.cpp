// dataset_reader.cpp — see dataset_reader.hpp.
#include "models/engine/dataset/dataset_reader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace gifkit::models {

DatasetReader::DatasetReader(const std::string& path, const DatasetReadOptions& options,
                             grammars::CsvReader::ErrorHandler on_error) {
  const bool is_stdin = path == "-";
  file_ = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) throw DatasetOpenError{std::string("cannot open: ") + std::strerror(errno)};
  owns_file_ = !is_stdin;
  std::error_code directory_error;
  if (!is_stdin && std::filesystem::is_directory(path, directory_error)) {
    std::fclose(file_);  // fopen opens a directory; only reading it fails
    throw DatasetOpenError{"cannot read: is a directory"};
  }
  grammars::CsvOptions csv_options;
  csv_options.encoding = options.encoding;
  csv_options.delimiter = options.delimiter;
  if (csv_options.delimiter == 0)
    csv_options.delimiter = path.ends_with(".tsv") || path.ends_with(".tab") ? '\t' : ',';
  format_ = csv_options.delimiter == '\t' ? "tsv" : "csv";
  csv_ = std::make_unique<grammars::CsvReader>(file_, path, csv_options, std::move(on_error));
}

DatasetReader::~DatasetReader() {
  csv_.reset();
  if (owns_file_) std::fclose(file_);
}

}  // namespace gifkit::models
