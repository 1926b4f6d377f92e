// table_writer.hpp — one interface for the tables `gifkit transform` writes
// (the transformed dataset and the review list): rows of text, the header
// first, to a CSV file, standard output or an .xlsx workbook, chosen by the
// path. The sinks that write rows do not know which; every file is written
// atomically (grammars::AtomicFile): it appears whole on commit(), and a
// writer destroyed without commit() leaves neither the file nor its
// temporary file.
#pragma once
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::tools {

// Why a table cannot be written as asked: more rows, columns or characters
// than the format holds, or the writing library failed. The message names the
// file.
struct TableWriteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class TableWriter {
 public:
  virtual ~TableWriter() = default;  // without commit(): nothing is left
  // Writes one row; every field is written as text. Throws TableWriteError.
  virtual void write_row(const std::vector<std::string>& fields) = 0;
  // The same for a row of views (transform's rows: the values it leaves as
  // read are views of the input); by default copied for write_row.
  virtual void write_view_row(const std::vector<std::string_view>& fields) {
    write_row(std::vector<std::string>(fields.begin(), fields.end()));
  }
  // Writes what is left of the table (after it no write can fail). Throws
  // TableWriteError or grammars::AtomicFileError (nothing is then left).
  virtual void finish() = 0;
  // finish() unless done, then puts the table in place. Throws as finish().
  virtual void commit() = 0;
};

struct TableOptions {
  bool bom = false;        // a CSV starts with a UTF-8 byte order mark (an .xlsx ignores it)
  std::string sheet_name;  // an .xlsx's sheet ("" or a name Excel refuses: "data")
};

// Whether path names an Excel workbook (ends in .xlsx, in any case).
bool is_xlsx_path(std::string_view path);

// Why path cannot be written as a table ("" when it can): an .xls, .xlsm or
// .ods name, a format gifkit does not write (a CSV under that name would not
// read back).
std::string table_path_problem(std::string_view path);

// A writer for path: an .xlsx workbook when is_xlsx_path(path), else a CSV
// (UTF-8, CRLF) — to standard_output when path is "-". Throws
// grammars::AtomicFileError when the temporary file cannot be created.
std::unique_ptr<TableWriter> open_table_writer(const std::string& path, const TableOptions& options,
                                               std::ostream& standard_output);

}  // namespace gifkit::tools
