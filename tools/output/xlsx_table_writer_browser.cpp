// xlsx_table_writer_browser.cpp — XlsxTableWriter in the browser build
// (cmake/browser.cmake), which has no libxlsxwriter: an .xlsx output is refused
// before a row is written, saying which outputs the page writes, so
// `transform -o OUT.xlsx` ends with exit 2 and no file, as for any output that
// cannot be written. The native build compiles xlsx_table_writer.cpp instead.
#include "tools/output/xlsx_table_writer.hpp"

namespace gifkit::tools {

XlsxTableWriter::XlsxTableWriter(const std::filesystem::path& path, const std::string&)
    : file_(path) {
  (void)workbook_, (void)sheet_, (void)rows_;  // libxlsxwriter's, never set here
  throw TableWriteError(path.string() +
                        ": an .xlsx file is not written in the browser build; write .csv or "
                        ".tsv (the native gifkit writes .xlsx)");
}

XlsxTableWriter::~XlsxTableWriter() = default;

void XlsxTableWriter::write_row(const std::vector<std::string>&) {}

void XlsxTableWriter::finish() {}

void XlsxTableWriter::commit() {}

}  // namespace gifkit::tools
