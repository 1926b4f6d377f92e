// table_writer.cpp — see table_writer.hpp. The CSV writer lives here; the
// workbook writer in xlsx_table_writer.cpp.
#include "tools/output/table_writer.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "grammars/io/atomic_file.hpp"
#include "grammars/io/csv_writer.hpp"
#include "tools/output/xlsx_table_writer.hpp"

namespace gifkit::tools {
namespace {

// A CSV to a file (atomically) or to standard output.
class CsvTableWriter : public TableWriter {
 public:
  CsvTableWriter(const std::string& path, bool bom, std::ostream& standard_output)
      : file_(path == "-" ? std::nullopt : std::make_optional<grammars::AtomicFile>(path)),
        out_(file_ ? file_->stream() : standard_output),
        csv_(out_) {
    if (bom) csv_.write_bom();
  }

  void write_row(const std::vector<std::string>& fields) override { csv_.write_row(fields); }
  void write_view_row(const std::vector<std::string_view>& fields) override {
    csv_.write_row(fields);
  }

  void finish() override {
    csv_.flush();
    if (file_) {
      file_->finish();  // checks the stream's errors
      return;
    }
    out_.flush();
    if (!out_) throw TableWriteError("standard output: write failed");
  }

  void commit() override {
    finish();
    if (file_) file_->commit();
  }

 private:
  std::optional<grammars::AtomicFile> file_;
  std::ostream& out_;
  grammars::CsvWriter csv_;
};

std::string lower_extension(std::string_view path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

}  // namespace

bool is_xlsx_path(std::string_view path) {
  return lower_extension(path) == ".xlsx";
}

std::string table_path_problem(std::string_view path) {
  const std::string extension = lower_extension(path);
  if (extension == ".xls" || extension == ".xlsm" || extension == ".ods")
    return std::string(path) + ": gifkit writes .xlsx workbooks and CSV, not " + extension;
  return "";
}

std::unique_ptr<TableWriter> open_table_writer(const std::string& path, const TableOptions& options,
                                               std::ostream& standard_output) {
  if (is_xlsx_path(path)) return std::make_unique<XlsxTableWriter>(path, options.sheet_name);
  return std::make_unique<CsvTableWriter>(path, options.bom, standard_output);
}

}  // namespace gifkit::tools
