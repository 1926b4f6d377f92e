// xlsx_reader_test.cpp — XlsxReader on workbooks written part by part here
// (libzip): shared strings (with furigana runs), inline strings, numbers,
// date and time styles (1900 and 1904 systems), booleans, formulas with and
// without stored values, gaps and empty rows, sheet choice by name and number;
// and the workbooks it must refuse: .xls, .ods, not a zip, a missing sheet,
// damaged XML; the caps (grammars/io/read_limits.hpp): a part, all parts, the
// attributes of one element, the clock asked while the parts are read.
// room: grammars
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "grammars/io/xlsx_reader.hpp"
#include "zip_test_support.hpp"

using namespace gifkit::grammars;
namespace fs = std::filesystem;

namespace {

using zip_test::TempFolder;
using zip_test::write_zip;

using Parts = zip_test::Entries;

const char* kNs =
    R"( xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";

// A workbook of the given sheets (name → sheetData content), styles and
// shared strings.
Parts workbook(const std::vector<std::pair<std::string, std::string>>& sheets,
               const std::string& shared_strings = "", bool date1904 = false) {
  std::string book = std::string("<?xml version=\"1.0\"?><workbook") + kNs + ">";
  if (date1904) book += "<workbookPr date1904=\"1\"/>";
  book += "<sheets>";
  std::string rels =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  Parts parts;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    book += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    parts.push_back({"xl/worksheets/sheet" + n + ".xml",
                     std::string("<?xml version=\"1.0\"?><worksheet") + kNs + "><sheetData>" +
                         sheets[i].second + "</sheetData><mergeCells count=\"0\"/></worksheet>"});
  }
  book += "</sheets></workbook>";
  rels += "</Relationships>";
  parts.push_back({"xl/workbook.xml", book});
  parts.push_back({"xl/_rels/workbook.xml.rels", rels});
  // Styles: 0 general, 1 builtin date (14), 2 custom date, 3 custom time, 4 a
  // number format with a quoted "d" that is not a date.
  parts.push_back({"xl/styles.xml", std::string("<?xml version=\"1.0\"?><styleSheet") + kNs +
                                        "><numFmts count=\"3\">"
                                        "<numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/>"
                                        "<numFmt numFmtId=\"165\" formatCode=\"hh:mm\"/>"
                                        "<numFmt numFmtId=\"166\" formatCode=\"0&quot;d&quot;\"/>"
                                        "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/>"
                                        "</cellStyleXfs><cellXfs count=\"5\">"
                                        "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
                                        "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
                                        "<xf numFmtId=\"166\"/></cellXfs></styleSheet>"});
  if (!shared_strings.empty()) {
    parts.push_back({"xl/sharedStrings.xml", std::string("<?xml version=\"1.0\"?><sst") + kNs +
                                                 ">" + shared_strings + "</sst>"});
  }
  return parts;
}

struct Read {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  std::vector<std::string> errors;
};

Read read_all(const fs::path& path, const std::string& sheet = "") {
  Read result;
  XlsxOptions options;
  options.sheet = sheet;
  XlsxReader reader(path, options,
                    [&](const CsvError& error) { result.errors.push_back(error.message); });
  CsvRecord record;
  while (reader.next(record)) {
    result.rows.emplace_back(record.fields.begin(), record.fields.end());
    result.lines.push_back(record.line);
  }
  return result;
}

}  // namespace

TEST_CASE("xlsx-1.1 shared strings (furigana left out), inline strings, numbers, booleans") {
  TempFolder folder;
  const fs::path path = folder.path / "a.xlsx";
  write_zip(
      path,
      workbook(
          {{"一覧",
            R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>備考</t></is></c><c r="D1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>0.5</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="str"><f>A2</f><v>計算</v></c></row>)"}},
          R"(<si><t>名称</t></si><si><t>人数</t></si><si><r><t>有</t></r><r><t>無</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>)"));
  Read read = read_all(path);
  REQUIRE(read.rows.size() == 2);
  CHECK(read.rows[0] == std::vector<std::string>{"名称", "人数", "備考", "有無"});
  CHECK(read.rows[1] == std::vector<std::string>{"東京", "0.5", "TRUE", "計算"});
  CHECK(read.errors.empty());
}

TEST_CASE("xlsx-1.2 date and time styles; 1900 (with its leap day) and 1904 systems") {
  TempFolder folder;
  const fs::path path = folder.path / "d.xlsx";
  const std::string rows =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>日</t></is></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>
<row r="2"><c r="A2" s="1"><v>45383</v></c><c r="B2" s="3"><v>0.375</v></c></row>
<row r="3"><c r="A3" s="2"><v>1</v></c><c r="B3" s="4"><v>45383</v></c></row>
<row r="4"><c r="A4" s="2"><v>60</v></c><c r="B4" s="2"><v>61</v></c></row>)";
  write_zip(path, workbook({{"s", rows}}));
  Read read = read_all(path);
  REQUIRE(read.rows.size() == 4);
  CHECK(read.rows[1] == std::vector<std::string>{"2024-04-01", "09:00"});
  CHECK(read.rows[2] == std::vector<std::string>{"1900-01-01", "45383"});  // "d" in quotes
  CHECK(read.rows[3] == std::vector<std::string>{"1900-02-29", "1900-03-01"});
  const fs::path path1904 = folder.path / "d1904.xlsx";
  write_zip(path1904, workbook({{"s", rows}}, "", true));
  Read read1904 = read_all(path1904);
  CHECK(read1904.rows[1][0] == "2028-04-02");  // 45383 days after 1904-01-01
}

TEST_CASE("xlsx-1.3 gaps, empty rows and the sheet row numbers; rows as wide as the header") {
  TempFolder folder;
  const fs::path path = folder.path / "g.xlsx";
  write_zip(
      path,
      workbook(
          {{"s",
            R"(<row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c><c r="B3" t="inlineStr"><is><t>b</t></is></c><c r="C3" t="inlineStr"><is><t>c</t></is></c></row>
<row r="4"/><row r="5"><c r="B5" t="inlineStr"><is><t></t></is></c></row>
<row r="12"><c r="B12"><v>7</v></c></row><row><c><v>8</v></c><c><v>9</v></c><c><v>10</v></c><c><v>11</v></c></row>)"}}));
  Read read = read_all(path);
  REQUIRE(read.rows.size() == 3);
  CHECK(read.lines == std::vector<std::uint64_t>{3, 12, 13});
  CHECK(read.rows[1] == std::vector<std::string>{"", "7", ""});
  CHECK(read.rows[2] == std::vector<std::string>{"8", "9", "10", "11"});  // wider: kept
  CHECK(XlsxReader::cell_name(2, 12) == "B12");
  CHECK(XlsxReader::cell_name(27, 1) == "AA1");
  CHECK(XlsxReader::cell_name(16384, 1048576) == "XFD1048576");
}

TEST_CASE("xlsx-1.6 _xHHHH_ escapes decoded in shared and inline strings; _x005F_ protects") {
  TempFolder folder;
  const fs::path path = folder.path / "e.xlsx";
  write_zip(
      path,
      workbook(
          {{"s",
            R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><t>x_x005F_x0041_y_x0001_</t></is></c></row>)"}},
          R"(<si><t>a</t></si><si><t>1行目_x000D_
2行目</t></si>)"));
  Read read = read_all(path);
  REQUIRE(read.rows.size() == 2);
  CHECK(read.rows[1] == std::vector<std::string>{"1行目\r\n2行目", "x_x0041_y\x01"});
}

TEST_CASE("xlsx-1.4 a formula without a stored value is reported with its cell") {
  TempFolder folder;
  const fs::path path = folder.path / "f.xlsx";
  write_zip(
      path,
      workbook(
          {{"s",
            R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><f>1+1</f></c></row><row r="3"><c r="A3"><f>1+1</f><v>2</v></c></row>)"}}));
  Read read = read_all(path);
  REQUIRE(read.errors.size() == 1);
  CHECK_THAT(read.errors[0], Catch::Contains("cell A2 holds a formula without a stored value"));
  CHECK(read.rows.back() == std::vector<std::string>{"2"});
}

TEST_CASE("xlsx-2.4 a sheet of formulas only: ten cells named, the rest counted once") {
  TempFolder folder;
  const fs::path path = folder.path / "formulas.xlsx";
  std::string rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>)"
                     R"(<c r="B1" t="inlineStr"><is><t>y</t></is></c></row>)";
  for (int row = 2; row <= 51; ++row) {
    const std::string r = std::to_string(row);
    rows += "<row r=\"" + r + "\"><c r=\"A" + r + "\"><f>1+1</f></c><c r=\"B" + r +
            "\"><f>2+2</f></c></row>";
  }
  write_zip(path, workbook({{"s", rows}}));
  Read read = read_all(path);
  REQUIRE(read.errors.size() == 11);
  CHECK_THAT(read.errors[0], Catch::Contains("cell A2 holds a formula without a stored value"));
  CHECK_THAT(read.errors[9], Catch::Contains("cell B6 holds a formula"));
  CHECK_THAT(read.errors[10], Catch::Contains("90 more cells hold a formula without a stored "
                                              "value (100 in all"));
  CHECK(read.rows.size() == 1);  // only the header has values
}

TEST_CASE("xlsx-1.5 the sheet by name or number; a missing sheet names the sheets") {
  TempFolder folder;
  const fs::path path = folder.path / "s.xlsx";
  write_zip(path, workbook({{"表紙", R"(<row r="1"><c r="A1"><v>1</v></c></row>)"},
                            {"データ", R"(<row r="1"><c r="A1"><v>2</v></c></row>)"}}));
  CHECK(read_all(path).rows[0][0] == "1");
  CHECK(read_all(path, "データ").rows[0][0] == "2");
  CHECK(read_all(path, "2").rows[0][0] == "2");
  CHECK_THROWS_WITH(read_all(path, "3"),
                    Catch::Contains("no sheet 3 (the sheets are 表紙, データ)"));
}

TEST_CASE("xlsx-2.1 .xls, .ods, not a zip and a zip that is no workbook are refused by name") {
  TempFolder folder;
  const fs::path xls = folder.path / "old.xls";
  std::ofstream(xls, std::ios::binary)
      << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(504, '\0');
  CHECK(spreadsheet_kind(xls) == "xls");
  CHECK_THROWS_WITH(read_all(xls), Catch::Contains("password-protected"));
  const fs::path ods = folder.path / "a.ods";
  write_zip(ods, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                  {"content.xml", "<x/>"}});
  CHECK(spreadsheet_kind(ods) == "ods");
  CHECK_THROWS_WITH(read_all(ods), Catch::Contains("OpenDocument"));
  const fs::path text = folder.path / "a.xlsx";
  std::ofstream(text) << "a,b\n";
  CHECK_THROWS_WITH(read_all(text), Catch::Contains("not a zip archive"));
  const fs::path other = folder.path / "b.xlsx";
  write_zip(other, {{"readme.txt", "x"}});
  CHECK_THROWS_WITH(read_all(other), Catch::Contains("without xl/workbook.xml"));
}

TEST_CASE("xlsx-2.2 damaged sheet XML ends the rows with an error; the rows before stay") {
  TempFolder folder;
  const fs::path path = folder.path / "bad.xlsx";
  Parts parts = workbook(
      {{"s", R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>)"}});
  for (auto& [name, content] : parts)
    if (name == "xl/worksheets/sheet1.xml") content = content.substr(0, content.size() - 40) + "<<";
  write_zip(path, parts);
  Read read = read_all(path);
  CHECK(read.rows.size() >= 1);
  REQUIRE_FALSE(read.errors.empty());
  CHECK_THAT(read.errors.back(), Catch::Contains("damaged"));
}

// Seen while writing fuzz/fuzz_xlsx_reader and reproduced through it (its
// crash_row_number_not_a_number): a row number that is not a number threw
// std::invalid_argument (and one past 2^64 std::out_of_range) out of the
// reader, whose callers expect XlsxError, ReadLimitExceeded or ReadStopped.
TEST_CASE("xlsx-2.5 a row whose number is not a number (or too large) is the row after the last") {
  TempFolder folder;
  const fs::path path = folder.path / "rows.xlsx";
  write_zip(path, workbook({{"s", R"(<row r="2"><c><v>1</v></c></row>
<row r="x1"><c><v>2</v></c></row>
<row r="99999999999999999999999"><c><v>3</v></c></row>
<row r=""><c><v>4</v></c></row>
<row r="9"><c><v>5</v></c></row>)"}}));
  Read read = read_all(path);
  CHECK(read.rows == std::vector<std::vector<std::string>>{{"1"}, {"2"}, {"3"}, {"4"}, {"5"}});
  CHECK(read.lines == std::vector<std::uint64_t>{2, 3, 4, 5, 9});
  CHECK(read.errors.empty());
}

TEST_CASE(
    "xlsx-2.3 a sheet that inflates past the cap on one part: refused when opened, or "
    "mid-sheet when its headers understate its size") {
  TempFolder folder;
  const fs::path path = folder.path / "bomb.xlsx";
  std::string rows;
  for (int i = 1; i <= 20000; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) +
            "\"><v>0</v></c></row>";
  write_zip(path, workbook({{"s", rows}}));
  XlsxOptions options;
  options.limits = ReadLimits::with_part_cap(100000);  // the sheet is ~800 KB
  options.limits.raise_size_hint = "raise it with --max-inflated-size MIB";
  const std::string refusal = path.string() +
                              ": the part xl/worksheets/sheet1.xml inflates to more than 100000 "
                              "bytes (the cap on one part of a workbook; raise it with "
                              "--max-inflated-size MIB)";
  CHECK_THROWS_WITH(XlsxReader(path, options, [](const CsvError&) {}), refusal);

  zip_test::understate_size(path, "xl/worksheets/sheet1.xml", 1000);
  std::vector<std::string> errors;
  XlsxReader reader(path, options, [&](const CsvError& error) { errors.push_back(error.message); });
  CsvRecord record;
  std::size_t count = 0;
  try {
    while (reader.next(record)) ++count;
    FAIL("no refusal");
  } catch (const ReadLimitExceeded& refused) {
    CHECK(refused.what() == refusal);
  }
  CHECK(count > 0);
  CHECK(count < 20000);
  CHECK(errors.empty());
}

namespace {

// A workbook whose shared strings are n copies of item.
fs::path shared_strings_workbook(const TempFolder& folder, const std::string& item, int n) {
  const fs::path path = folder.path / "strings.xlsx";
  std::string strings;
  for (int i = 0; i < n; ++i) strings += item;
  write_zip(path,
            workbook({{"s", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"}}, strings));
  return path;
}

std::string refusal_of(const fs::path& path, const XlsxOptions& options) {
  try {
    XlsxReader reader(path, options, [](const CsvError&) {});
    CsvRecord record;
    while (reader.next(record)) {
    }
  } catch (const ReadLimitExceeded& refused) {
    return refused.what();
  }
  return "";
}

}  // namespace

TEST_CASE("xlsx-3.1 shared strings past the cap on one part: refused while the workbook opens") {
  TempFolder folder;
  const fs::path path = shared_strings_workbook(folder, "<si><t>x</t></si>", 100000);  // 1.7 MB
  XlsxOptions options;
  options.limits = ReadLimits::with_part_cap(1 << 20);
  CHECK_THAT(refusal_of(path, options),
             Catch::Equals(path.string() +
                           ": the part xl/sharedStrings.xml inflates to more than 1 MiB (the cap "
                           "on one part of a workbook)"));
  options.limits = ReadLimits::with_part_cap(2 << 20);  // raised: read through
  CHECK(refusal_of(path, options).empty());
  // Headers that understate the size: the count as it streams refuses it all the same.
  zip_test::understate_size(path, "xl/sharedStrings.xml", 100);
  options.limits = ReadLimits::with_part_cap(1 << 20);
  CHECK_THAT(refusal_of(path, options), Catch::EndsWith("inflates to more than 1 MiB (the cap "
                                                        "on one part of a workbook)"));
}

TEST_CASE(
    "xlsx-3.2 the parts together past the cap on all parts: refused in the part that passes it") {
  TempFolder folder;
  // Shared strings of ~1.7 MB and a sheet of ~1.2 MB: each under 2 MiB, together over 2.5 MiB.
  std::string rows;
  for (int i = 1; i <= 30000; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) + "\"/></row>";
  std::string strings;
  for (int i = 0; i < 100000; ++i) strings += "<si><t>x</t></si>";
  const fs::path path = folder.path / "both.xlsx";
  write_zip(path, workbook({{"s", rows}}, strings));
  XlsxOptions options;
  options.limits.max_part_bytes = 2 << 20;
  options.limits.max_total_bytes = 5 << 19;  // 2.5 MiB
  options.limits.raise_size_hint = "HINT";
  CHECK_THAT(refusal_of(path, options),
             Catch::Equals(path.string() +
                           ": its parts inflate to more than 2621440 bytes in all (the cap on a "
                           "workbook, 2 times the cap on one part; HINT); reached in the part "
                           "xl/worksheets/sheet1.xml"));
  options.limits.max_total_bytes = 4 << 20;
  CHECK(refusal_of(path, options).empty());
}

TEST_CASE(
    "xlsx-3.3 an element with more attributes than the cap: refused before libxml2 parses it") {
  TempFolder folder;
  std::string row = "<row r=\"1\"\n";
  for (int i = 0; i < 200000; ++i) row += " a" + std::to_string(i) + "=\"1\"";
  row += "><c r=\"A1\"><v>1</v></c></row>";
  const fs::path path = folder.path / "attributes.xlsx";
  write_zip(path, workbook({{"s", row}}));
  XlsxOptions options;
  options.limits.raise_attributes_hint = "raise it with --max-attributes N";
  const auto started = std::chrono::steady_clock::now();
  CHECK_THAT(refusal_of(path, options),
             Catch::Equals(path.string() +
                           ": the part xl/worksheets/sheet1.xml, line 1: the element <row> has "
                           "more than 1000 attributes (the cap on one element; raise it with "
                           "--max-attributes N)"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
  // 1,000 attributes (the cap) are read.
  std::string fine = "<row r=\"1\"";
  for (int i = 0; i < 999; ++i) fine += " a" + std::to_string(i) + "=\"1\"";
  fine += "><c r=\"A1\"><v>1</v></c></row>";
  write_zip(path, workbook({{"s", fine}}));
  CHECK(refusal_of(path, options).empty());
}

TEST_CASE("xlsx-3.4 the clock is asked while the shared strings are read, not only between rows") {
  TempFolder folder;
  const fs::path path = shared_strings_workbook(folder, "<si><t>x</t></si>", 100000);
  XlsxOptions options;
  int asked = 0;
  options.limits.keep_going = [&asked] { return ++asked < 20; };
  bool stopped = false;
  try {
    XlsxReader reader(path, options, [](const CsvError&) {});
  } catch (const ReadStopped&) {
    stopped = true;
  }
  CHECK(stopped);
  CHECK(asked == 20);  // every block of the parts, before any row
}
