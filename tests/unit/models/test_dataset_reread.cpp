// test_dataset_reread.cpp — a record read again from its place in the file
// (CsvRecord::file_offset / file_size, DatasetReader::records_can_be_read_again,
// read_record_at): the place is exact after a BOM, across buffer refills, with
// quoted line breaks and CRLF; it is withheld for converted (Shift_JIS) text
// and for standard input; a file that changed is an error.
// room: dataset
#include <fcntl.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "models/engine/dataset/dataset_reader.hpp"

using namespace gifkit;
using models::DatasetReader;
using models::DatasetReadOptions;

namespace {

std::string write_temp_file(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

}  // namespace

TEST_CASE("reread-1.1 every record read again from its place gives its fields") {
  std::string text = "\xEF\xBB\xBFID,名前,メモ\r\n";
  for (int i = 0; i < 40000; ++i) {  // 1.5 MB: the 1 MiB buffer is refilled
    text += "K" + std::to_string(i) + ",名前" + std::to_string(i) + "," +
            (i % 7 == 0 ? "\"改行\n入り, \"\"引用\"\"\"" : "普通") + "\r\n";
  }
  text += "last,行末なし,x";  // no line end at the end of the file
  const std::string path = write_temp_file("gifkit-reread.csv", text);
  DatasetReader reader(path, DatasetReadOptions{}, [](const grammars::CsvError&) {});
  CHECK(reader.records_can_be_read_again());
  CHECK(reader.delimiter() == ',');
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  grammars::CsvRecord record;
  std::string buffer;
  std::vector<std::string> again;
  std::size_t records = 0;
  while (reader.next(record)) {
    REQUIRE(record.file_offset != grammars::kNoFileOffset);
    const std::vector<std::string> fields(record.fields.begin(), record.fields.end());
    models::read_record_at(path, fd, ',', record.file_offset, record.file_size, buffer, again);
    REQUIRE(again == fields);
    ++records;
  }
  CHECK(records == 40002);
  // The file cut short under the reader: an error that names it.
  std::filesystem::resize_file(path, 10);
  CHECK_THROWS_AS(models::read_record_at(path, fd, ',', 100, 20, buffer, again),
                  models::DatasetOpenError);
  ::close(fd);
  std::filesystem::remove(path);
}

TEST_CASE("reread-1.2 converted text and standard input have no place to read again from") {
  // Shift_JIS: the ASCII header keeps its place, the converted rows do not.
  const std::string path = write_temp_file("gifkit-reread-sjis.csv",
                                           "ID,name\r\nA1,\x83\x65\x83\x58\x83\x67\r\nA2,x\r\n");
  DatasetReader reader(path, DatasetReadOptions{}, [](const grammars::CsvError&) {});
  grammars::CsvRecord record;
  REQUIRE(reader.next(record));
  REQUIRE(reader.next(record));
  CHECK(record.fields[1] == "テスト");
  CHECK(record.file_offset == grammars::kNoFileOffset);
  std::filesystem::remove(path);
  DatasetReader input("-", DatasetReadOptions{}, [](const grammars::CsvError&) {});
  CHECK_FALSE(input.records_can_be_read_again());
}
