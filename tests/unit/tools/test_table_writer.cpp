// test_table_writer.cpp — tools/output/table_writer and xlsx_table_writer:
// the table a path asks for (CSV, standard output, .xlsx), every .xlsx cell
// an inline string that grammars::XlsxReader reads back as written (leading
// zeros, spaces, line breaks, control characters, text that looks like an
// escape), the sheet's name, and nothing left behind — neither the file nor
// its temporary file — by a table dropped without commit().
// room: output
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "grammars/io/atomic_file.hpp"
#include "grammars/io/xlsx_reader.hpp"
#include "grammars/io/zip_archive.hpp"
#include "tools/output/table_writer.hpp"

using namespace gifkit::tools;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path path;
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "gifkit-table-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~Folder() { fs::remove_all(path); }
  std::vector<std::string> names() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path)) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }
};

std::vector<std::vector<std::string>> read_sheet(const fs::path& path, std::string& sheet) {
  std::vector<std::vector<std::string>> rows;
  gifkit::grammars::XlsxReader reader(
      path, {}, [](const gifkit::grammars::CsvError& error) { FAIL(error.message); });
  gifkit::grammars::CsvRecord record;
  while (reader.next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
  sheet = reader.sheet_name();
  return rows;
}

std::string part(const fs::path& path, const std::string& name) {
  gifkit::grammars::ZipEntryStream stream(path, name, 1 << 24);
  std::string text;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, stream.file())) > 0) text.append(buffer, got);
  return text;
}

const std::vector<std::vector<std::string>> kRows = {
    {"全国地方公共団体コード", "郵便番号", "メモ", "数式"},
    {"131059", "0600001", " 前後に空白 & <記号> ", "=1+1"},
    {"", "1行目\r\n2行目", "x_x0041_y\x01", ""},
    {"0", "1e5", "2024-04-18", "TRUE"},
};

}  // namespace

TEST_CASE("table-1.1 an .xlsx table: inline strings read back as written", "[table]") {
  Folder folder;
  const fs::path path = folder.path / "out.xlsx";
  std::ostringstream standard_output;
  auto table = open_table_writer(path.string(), {true, "個人"}, standard_output);
  for (const auto& row : kRows) table->write_row(row);
  // Before commit() only the temporary file is there.
  REQUIRE(folder.names().size() == 1);
  CHECK(folder.names()[0].starts_with(".out.xlsx.tmp-"));
  table->commit();
  CHECK(folder.names() == std::vector<std::string>{"out.xlsx"});
  CHECK(standard_output.str().empty());
  std::string sheet;
  const auto rows = read_sheet(path, sheet);
  CHECK(sheet == "個人");
  CHECK(rows == kRows);
  // Every cell is a string (no number, formula or boolean), the BOM not written.
  const std::string xml = part(path, "xl/worksheets/sheet1.xml");
  CHECK(xml.find("<v>") == std::string::npos);
  CHECK(xml.find("<f>") == std::string::npos);
  CHECK(xml.find(" t=\"inlineStr\"") != std::string::npos);
  CHECK(xml.find("\xEF\xBB\xBF") == std::string::npos);
}

TEST_CASE("table-1.2 a sheet name Excel refuses (or none) is data", "[table]") {
  Folder folder;
  for (const std::string& name :
       std::vector<std::string>{"", "example:Registration", "a/b", std::string(32, 'x')}) {
    const fs::path path = folder.path / "named.xlsx";
    auto table = open_table_writer(path.string(), {false, name}, std::cout);
    table->write_row({"a"});
    table->commit();
    std::string sheet;
    read_sheet(path, sheet);
    CHECK(sheet == "data");
  }
}

TEST_CASE("table-1.3 dropped without commit(): no file and no temporary file", "[table]") {
  Folder folder;
  for (const std::string name : {"out.xlsx", "out.csv"}) {
    auto table = open_table_writer((folder.path / name).string(), {}, std::cout);
    table->write_row({"a", "b"});
    table->write_row({"1", "2"});
    CHECK(folder.names().size() == 1);
    table.reset();
    CHECK(folder.names().empty());
  }
  CHECK_THROWS_AS(open_table_writer((folder.path / "no-such" / "out.xlsx").string(), {}, std::cout),
                  gifkit::grammars::AtomicFileError);
  CHECK(folder.names().empty());
}

TEST_CASE("table-1.4 CSV to a file (BOM, CRLF) and to standard output; the path decides",
          "[table]") {
  Folder folder;
  const fs::path path = folder.path / "out.CSV";
  auto table = open_table_writer(path.string(), {true, "ignored"}, std::cout);
  table->write_row({"郵便番号", "メモ"});
  table->write_row({"0600001", "a,b"});
  table->commit();
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "\xEF\xBB\xBF郵便番号,メモ\r\n0600001,\"a,b\"\r\n");
  std::ostringstream standard_output;
  auto out = open_table_writer("-", {}, standard_output);
  out->write_row({"a"});
  out->commit();
  CHECK(standard_output.str() == "a\r\n");
  CHECK(is_xlsx_path("REVIEW.XLSX"));
  CHECK_FALSE(is_xlsx_path("out.xlsx.csv"));
  CHECK(table_path_problem("out.xls") != "");
  CHECK(table_path_problem("out.ods") != "");
  CHECK(table_path_problem("out.xlsx") == "");
  CHECK(table_path_problem("-") == "");
}

TEST_CASE("table-1.5 what an Excel sheet cannot hold is refused by name; nothing is left",
          "[table]") {
  Folder folder;
  const std::string path = (folder.path / "out.xlsx").string();
  const auto refused = [&](const std::vector<std::string>& row) -> std::string {
    auto table = open_table_writer(path, {}, std::cout);
    table->write_row({"a", "b"});
    try {
      table->write_row(row);
    } catch (const TableWriteError& error) {
      return error.what();
    }
    return "";
  };
  CHECK(refused({"x", std::string(32'767, 'y')}).empty());
  CHECK(refused({"x", std::string(32'768, 'y')}) ==
        path +
            ": row 2, column 2: a value longer than an Excel cell holds (32,767 characters): "
            "write .csv");
  CHECK(refused({std::string("a\0b", 3)}) ==
        path + ": row 2, column 1: a NUL character, which a workbook cannot hold: write .csv");
  CHECK(refused(std::vector<std::string>(16'385, "z")) ==
        path + ": 16,385 columns; an Excel sheet holds at most 16,384: write .csv");
  CHECK(folder.names().empty());
}
