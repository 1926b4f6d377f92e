// xlsx_table_writer.cpp — see xlsx_table_writer.hpp.
#include "tools/output/xlsx_table_writer.hpp"

#include <xlsxwriter.h>

#include <string_view>

#include "grammars/io/xlsx_text.hpp"

namespace gifkit::tools {
namespace {

static_assert(kXlsxMaxRows == LXW_ROW_MAX && kXlsxMaxColumns == LXW_COL_MAX);

// 1048576 → "1,048,576".
std::string grouped(std::uint64_t number) {
  std::string digits = std::to_string(number), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

XlsxTableWriter::XlsxTableWriter(const std::filesystem::path& path, const std::string& sheet_name)
    : file_(path), tmpdir_(file_.temporary_path().parent_path().string()) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // one row in memory; rows must come in order
  options.tmpdir = tmpdir_.empty() ? nullptr : tmpdir_.data();
  workbook_ = workbook_new_opt(file_.temporary_path().c_str(), &options);
  if (workbook_ == nullptr) throw TableWriteError(path.string() + ": cannot start a workbook");
  const bool usable = !sheet_name.empty() &&
                      workbook_validate_sheet_name(workbook_, sheet_name.c_str()) == LXW_NO_ERROR;
  sheet_ = workbook_add_worksheet(workbook_, usable ? sheet_name.c_str() : "data");
  if (sheet_ == nullptr) {
    lxw_workbook_free(workbook_);
    throw TableWriteError(path.string() + ": cannot add a sheet to the workbook");
  }
}

XlsxTableWriter::~XlsxTableWriter() {
  if (workbook_ != nullptr) lxw_workbook_free(workbook_);
}

void XlsxTableWriter::write_row(const std::vector<std::string>& fields) {
  if (rows_ == kXlsxMaxRows) {
    throw TableWriteError(file_.target().string() + ": more rows than an Excel sheet holds (" +
                          grouped(kXlsxMaxRows) +
                          ", the header row included): write .csv, or split the data");
  }
  if (fields.size() > kXlsxMaxColumns) {
    throw TableWriteError(file_.target().string() + ": " + grouped(fields.size()) +
                          " columns; an Excel sheet holds at most " + grouped(kXlsxMaxColumns) +
                          ": write .csv");
  }
  for (std::size_t column = 0; column < fields.size(); ++column) {
    if (fields[column].empty()) continue;  // an empty cell is no cell
    const auto where = [&] {
      return file_.target().string() + ": row " + grouped(rows_ + 1) + ", column " +
             grouped(column + 1);
    };
    const std::string_view value = grammars::protect_xstring_escapes(fields[column], escaped_);
    // value is all of fields[column] or all of escaped_, so value.data() is a C string; one
    // holding a NUL would stop there (and XML cannot carry a NUL at all).
    if (value.find('\0') != std::string_view::npos)
      throw TableWriteError(where() +
                            ": a NUL character, which a workbook cannot hold: write .csv");
    const lxw_error error = worksheet_write_string(sheet_, rows_, static_cast<lxw_col_t>(column),
                                                   value.data(), nullptr);
    if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
      throw TableWriteError(where() + ": a value longer than an Excel cell holds (" +
                            grouped(kXlsxMaxCellCharacters) + " characters): write .csv");
    }
    if (error != LXW_NO_ERROR) throw TableWriteError(where() + ": " + lxw_strerror(error));
  }
  ++rows_;
}

void XlsxTableWriter::finish() {
  if (workbook_ == nullptr) return;  // finished before
  lxw_workbook* workbook = workbook_;
  workbook_ = nullptr;  // workbook_close frees it, whatever it answers
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR)
    throw TableWriteError(file_.target().string() + ": " + lxw_strerror(error));
  file_.finish();
}

void XlsxTableWriter::commit() {
  finish();
  file_.commit();
}

}  // namespace gifkit::tools
