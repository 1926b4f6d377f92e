// test_dataset_bytes.cpp — a dataset read from bytes held in memory
// (DatasetReadOptions::bytes, as the service reads a small request body):
// the records are those of the same bytes in a file, the name still picks
// the delimiter, no file of that name is opened, the records cannot be read
// again, and a workbook's bytes or name are refused.
// room: dataset
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "models/engine/dataset/dataset_reader.hpp"

using namespace gifkit;
using models::DatasetReader;
using models::DatasetReadOptions;

namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows read_all(const std::string& path, const DatasetReadOptions& options,
              std::vector<std::string>* errors = nullptr) {
  DatasetReader reader(path, options, [errors](const grammars::CsvError& error) {
    if (errors != nullptr) errors->push_back(error.message);
  });
  Rows rows;
  grammars::CsvRecord record;
  while (reader.next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
  return rows;
}

DatasetReadOptions from(std::string_view bytes) {
  DatasetReadOptions options;
  options.bytes = bytes;
  return options;
}

}  // namespace

TEST_CASE("bytes-1.1 bytes in memory give the records of the same bytes in a file") {
  const std::string text =
      "\xEF\xBB\xBF住所,メモ\r\n東京都文京区本郷一丁目1番1号,\"改行\n入り\"\r\nlast,x";
  const auto path = std::filesystem::temp_directory_path() / "gifkit-bytes-1.1.csv";
  std::ofstream(path, std::ios::binary) << text;
  const Rows in_file = read_all(path.string(), DatasetReadOptions{});
  std::filesystem::remove(path);
  // The name is only a name: no file of it exists.
  const Rows in_memory = read_all(path.string(), from(text));
  CHECK(in_memory == in_file);
  REQUIRE(in_memory.size() == 3);
  CHECK(in_memory[1][1] == "改行\n入り");
}

TEST_CASE("bytes-1.2 the name picks the delimiter, the encoding is found as in a file") {
  const Rows tsv = read_all("body.tsv", from("a\tb\n1,2\t3\n"));
  CHECK(tsv == Rows{{"a", "b"}, {"1,2", "3"}});
  // 住所 in Shift_JIS.
  const Rows sjis = read_all("body.csv", from("\x8F\x5A\x8F\x8A,b\n1,2\n"));
  CHECK(sjis == Rows{{"住所", "b"}, {"1", "2"}});
  DatasetReader reader("body.csv", from("a\n1\n"), [](const grammars::CsvError&) {});
  CHECK(reader.format() == "csv");
  CHECK_FALSE(reader.records_can_be_read_again());
}

TEST_CASE("bytes-1.3 no bytes are an empty dataset; bad bytes are reported as in a file") {
  CHECK(read_all("empty.csv", from("")).empty());
  std::vector<std::string> errors;
  read_all("bad.csv", from("a,b\n\"unterminated,2\n"), &errors);
  CHECK_FALSE(errors.empty());
}

TEST_CASE("bytes-1.4 a workbook's bytes or name are refused: a workbook is read from a file") {
  CHECK_THROWS_AS(read_all("body.csv", from(std::string_view("PK\x03\x04rest", 8))),
                  models::DatasetOpenError);
  CHECK_THROWS_AS(read_all("body.xlsx", from("a,b\n")), models::DatasetOpenError);
  try {
    read_all("body.xls", from("a,b\n"));
    FAIL("an .xls name was read from memory");
  } catch (const models::DatasetOpenError& error) {
    CHECK(error.reason.find("workbook") != std::string::npos);
  }
}
