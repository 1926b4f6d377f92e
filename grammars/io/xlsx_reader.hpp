// xlsx_reader.hpp — reads one worksheet of an Office Open XML workbook
// (.xlsx) row by row, streaming: the sheet is decompressed (grammars/
// zip_archive) and parsed (libxml2's xmlTextReader) as it is read, so memory
// holds one row plus the shared strings. Cells come out as text the way a CSV
// export would hold them: shared and inline strings (their _xHHHH_ escapes
// decoded: grammars/io/xlsx_text.hpp), numbers as stored, a
// date-formatted number as YYYY-MM-DD (a time-only format as hh:mm), a
// formula's cached value, booleans as TRUE/FALSE; merged and missing cells
// are empty. Records have the shape of grammars::CsvRecord: the first
// non-empty row is record 1 (the header), and `line` is the sheet's own row
// number (12 for B12). What reading may cost is capped (grammars/
// read_limits.hpp): what each part and all parts inflate to, the attributes
// of one element, and a clock asked while any part is read; the shared
// strings are held in one buffer (no object per string).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "grammars/io/read_limits.hpp"

namespace gifkit::grammars {

// Why a workbook cannot be read at all: not a zip, an .xls or .ods file, an
// encrypted workbook, no such sheet, a damaged part. (A cap reached is a
// grammars::ReadLimitExceeded, the clock's no a ReadStopped.)
struct XlsxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct XlsxOptions {
  std::string sheet;  // a sheet name, or its 1-based number; "" for the first sheet
  ReadLimits limits;  // what the parts may inflate to, attributes per element, the clock
};

class XlsxReader {
 public:
  using ErrorHandler = std::function<void(const CsvError&)>;

  // Opens the workbook and its sheet (reading its shared strings). Throws
  // XlsxError, ReadLimitExceeded or ReadStopped.
  XlsxReader(const std::filesystem::path& path, const XlsxOptions& options, ErrorHandler on_error);
  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // The next non-empty row, false at the end. A damaged sheet is reported
  // through on_error (field 0) and ends the rows; a cap reached throws
  // ReadLimitExceeded, the clock's no ReadStopped.
  bool next(CsvRecord& record);

  // The sheet read (its name in the workbook).
  const std::string& sheet_name() const;
  // Compressed bytes of the sheet read so far (for progress).
  std::uint64_t bytes_read() const;

  // The cell name of a column (1-based) in a sheet row: (2, 12) → "B12".
  static std::string cell_name(std::uint32_t column, std::uint64_t sheet_row);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The signature of the file, to say what a file that is not an xlsx is:
// "xls" (an OLE2 compound file: Excel 97-2003, or an encrypted workbook),
// "ods" (an OpenDocument spreadsheet), "xlsx", or "" (anything else).
std::string spreadsheet_kind(const std::filesystem::path& path);

// Whether a file beginning with head (its first 8 bytes, or all of a shorter
// file) may be a spreadsheet: an OLE2 or a zip signature. spreadsheet_kind is ""
// for a file that may not, so a reader holding the file open need not open it again.
bool may_be_spreadsheet(std::string_view head);

}  // namespace gifkit::grammars
