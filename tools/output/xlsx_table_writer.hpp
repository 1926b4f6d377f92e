// xlsx_table_writer.hpp — a TableWriter that writes one sheet of an Excel
// workbook (.xlsx) through libxlsxwriter: what `gifkit transform -o OUT.xlsx`
// and `--review REVIEW.xlsx` write. Every cell is a string (a code such as
// 0600001 keeps its leading zero; nothing is turned into a number or a date),
// rows go out in order in libxlsxwriter's constant_memory mode (memory stays
// flat however many rows), and the workbook is written into the temporary
// file of a grammars::AtomicFile beside the target, renamed over it on
// commit() — the way the SQLite registry build writes. gifkit's own xlsx
// reader (grammars/io/xlsx_reader) reads the sheet back as the same values.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "grammars/io/atomic_file.hpp"
#include "tools/output/table_writer.hpp"

struct lxw_workbook;
struct lxw_worksheet;

namespace gifkit::tools {

// What one Excel sheet holds (Excel's specifications and limits; the same
// numbers as libxlsxwriter's LXW_ROW_MAX and LXW_COL_MAX).
inline constexpr std::uint32_t kXlsxMaxRows = 1'048'576;  // the header row included
inline constexpr std::uint32_t kXlsxMaxColumns = 16'384;
inline constexpr std::size_t kXlsxMaxCellCharacters = 32'767;

class XlsxTableWriter : public TableWriter {
 public:
  // Creates the temporary file beside path and a workbook of one sheet named
  // sheet_name — or "data" when sheet_name is "" or a name Excel refuses (over
  // 31 characters, one of []:*?/\, an apostrophe first or last). Throws
  // grammars::AtomicFileError when the temporary file cannot be created (an
  // unwritable or missing folder), TableWriteError when libxlsxwriter fails.
  XlsxTableWriter(const std::filesystem::path& path, const std::string& sheet_name);
  // Without commit(): frees the workbook unwritten; the temporary file goes.
  ~XlsxTableWriter() override;
  XlsxTableWriter(const XlsxTableWriter&) = delete;
  XlsxTableWriter& operator=(const XlsxTableWriter&) = delete;

  // Writes the next row. Throws TableWriteError, naming the file and the
  // limit, for the row after the sheet's last (kXlsxMaxRows), more than
  // kXlsxMaxColumns fields, or a value over kXlsxMaxCellCharacters
  // characters or holding a NUL (naming its cell): an Excel sheet cannot hold
  // them, and a workbook cut short would lose data silently.
  void write_row(const std::vector<std::string>& fields) override;
  // Writes the workbook (libxlsxwriter assembles the zip) into the temporary
  // file and renames it over the target. Throws TableWriteError or
  // grammars::AtomicFileError; nothing is then left.
  void finish() override;
  void commit() override;

 private:
  grammars::AtomicFile file_;
  std::string tmpdir_;  // libxlsxwriter's own temporary files (unlinked when made)
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  std::uint32_t rows_ = 0;  // rows written
  std::string escaped_;     // write_row's scratch value
};

}  // namespace gifkit::tools
