// test_csv_reader.cpp — CsvReader on well-formed input: RFC 4180 quoting,
// line ends, delimiters, BOM, blank lines, CP932, record and line numbers.
// Every read is repeated with tiny block sizes and must not change.
// Corrupt input is in test_csv_corrupt.cpp.
// room: grammars
#include <stdexcept>

#include "csv_test_support.hpp"

using namespace gifkit::test;

TEST_CASE("csv-1.1 simple records with LF line ends", "[csv]") {
  const ReadResult result = read_csv_every_block_size("id,name\n1,Alice\n2,Bob\n");
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[0].fields == fields({"id", "name"}));
  CHECK(result.records[1].fields == fields({"1", "Alice"}));
  CHECK(result.records[2].fields == fields({"2", "Bob"}));
  for (std::size_t i = 0; i < result.records.size(); ++i) {
    CHECK(result.records[i].number == i + 1);
    CHECK(result.records[i].line == i + 1);
    CHECK_FALSE(result.records[i].malformed);
  }
  CHECK(result.errors.empty());
  CHECK(result.encoding == Encoding::utf8);
  CHECK_FALSE(result.had_bom);
  CHECK(result.bytes_read == 22);
}

TEST_CASE("csv-1.2 CRLF line ends are not part of the last field", "[csv]") {
  const ReadResult result = read_csv_every_block_size("a,b\r\nc,d\r\n");
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[0].fields == fields({"a", "b"}));
  CHECK(result.records[1].fields == fields({"c", "d"}));
  CHECK(result.records[1].line == 2);
}

TEST_CASE("csv-1.3 mixed LF, CRLF and CR line ends each end one line", "[csv]") {
  const ReadResult result = read_csv_every_block_size("a\nb\r\nc\rd");
  REQUIRE(result.records.size() == 4);
  CHECK(result.records[2].fields == fields({"c"}));
  CHECK(result.records[3].fields == fields({"d"}));
  CHECK(result.records[3].line == 4);
}

TEST_CASE("csv-1.4 quoted fields hold delimiters and doubled quotes", "[csv]") {
  const ReadResult result =
      read_csv_every_block_size("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n\"\",x,\"plain\"\n");
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[0].fields == fields({"a,b", "say \"hi\"", "\""}));
  CHECK(result.records[1].fields == fields({"", "x", "plain"}));
  CHECK(result.errors.empty());
}

TEST_CASE("csv-1.5 line ends inside quotes are part of the value", "[csv]") {
  const ReadResult result = read_csv_every_block_size(
      "id,note\n1,\"line one\nline two\"\n2,\"crlf\r\ninside\"\n3,\"cr\ronly\"\n4,end\n");
  REQUIRE(result.records.size() == 5);
  CHECK(result.records[1].fields == fields({"1", "line one\nline two"}));
  CHECK(result.records[2].fields == fields({"2", "crlf\r\ninside"}));
  CHECK(result.records[3].fields == fields({"3", "cr\ronly"}));
  // Each embedded line end moves the physical line on by one.
  CHECK(result.records[1].line == 2);
  CHECK(result.records[2].line == 4);
  CHECK(result.records[3].line == 6);
  CHECK(result.records[4].line == 8);
  CHECK(result.records[4].number == 5);
}

TEST_CASE("csv-1.6 empty fields, trailing delimiter and a last line without newline", "[csv]") {
  const ReadResult result = read_csv_every_block_size(",,\na,,b,\n\"\",\"\"");
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[0].fields == fields({"", "", ""}));
  CHECK(result.records[1].fields == fields({"a", "", "b", ""}));
  CHECK(result.records[2].fields == fields({"", ""}));
}

TEST_CASE("csv-1.7 TSV: tab is the delimiter and commas are text", "[csv]") {
  CsvOptions options;
  options.delimiter = '\t';
  const ReadResult result = read_csv_every_block_size("a\tb,c\n\"x\ty\"\t\n", options);
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[0].fields == fields({"a", "b,c"}));
  CHECK(result.records[1].fields == fields({"x\ty", ""}));
}

TEST_CASE("csv-1.8 a UTF-8 BOM is skipped and reported", "[csv]") {
  const ReadResult result = read_csv_every_block_size("\xEF\xBB\xBFid,name\n1,x\n");
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[0].fields == fields({"id", "name"}));
  CHECK(result.had_bom);
  CHECK(result.encoding == Encoding::utf8);
  CHECK(result.bytes_read == 15);
}

TEST_CASE("csv-1.9 blank lines are skipped and counted, or kept as one empty field", "[csv]") {
  const std::string input = "a,b\n\n1,2\r\n\r\n\n3,4\n\n";
  const ReadResult skipped = read_csv_every_block_size(input);
  REQUIRE(skipped.records.size() == 3);
  CHECK(skipped.records[1].fields == fields({"1", "2"}));
  CHECK(skipped.records[1].line == 3);
  CHECK(skipped.records[1].number == 2);
  CHECK(skipped.records[2].line == 6);
  CHECK(skipped.blank_lines == 4);

  CsvOptions keep;
  keep.skip_blank_lines = false;
  const ReadResult kept = read_csv_every_block_size(input, keep);
  REQUIRE(kept.records.size() == 7);
  CHECK(kept.records[1].fields == fields({""}));
  CHECK(kept.records[1].line == 2);
  CHECK(kept.records[6].line == 7);
  CHECK(kept.blank_lines == 0);
}

TEST_CASE("csv-1.10 UTF-8 Japanese text passes through unchanged", "[csv]") {
  const ReadResult result =
      read_csv_every_block_size("名称,住所\n株式会社カナ,\"東京都千代田区\n霞が関\"\n🍣,ｶﾅ\n");
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[1].fields == fields({"株式会社カナ", "東京都千代田区\n霞が関"}));
  CHECK(result.records[2].fields == fields({"🍣", "ｶﾅ"}));
  CHECK(result.encoding == Encoding::utf8);
  CHECK(result.errors.empty());
}

// "名称,カナ\n1,株式会社\n" in CP932: 名=96BC 称=8FCC カ=834A ナ=8369 株=8A94 式=8EAE 会=89EF
// 社=8ED0.
constexpr std::string_view kCp932Sample =
    "\x96\xBC\x8F\xCC,\x83\x4A\x83\x69\n1,\x8A\x94\x8E\xAE\x89\xEF\x8E\xD0\n";

TEST_CASE("csv-1.11 CP932 input is detected and converted to UTF-8", "[csv][cp932]") {
  const ReadResult result = read_csv_every_block_size(kCp932Sample);
  CHECK(result.encoding == Encoding::cp932);
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[0].fields == fields({"名称", "カナ"}));
  CHECK(result.records[1].fields == fields({"1", "株式会社"}));
  CHECK(result.errors.empty());
  CHECK(result.bytes_read == kCp932Sample.size());
}

TEST_CASE("csv-1.12 CP932 set by the user; trail bytes that look like ASCII stay inside characters",
          "[csv][cp932]") {
  // ソ = 83 5C and 表 = 95 5C: the trail byte is '\', never a delimiter or quote.
  // ｱ = B1 (half-width). "ソ表,\"ｱ,\"\n"
  const ReadResult result =
      read_csv_every_block_size("\x83\x5C\x95\x5C,\"\xB1,\"\n\x81\x60,\\\n", cp932_options());
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[0].fields == fields({"ソ表", "ｱ,"}));
  CHECK(result.records[1].fields == fields({"～", "\\"}));  // 8160 is U+FF5E in CP932
  CHECK(result.encoding == Encoding::cp932);
}

TEST_CASE("csv-1.13 CP932 after a long ASCII start is still detected", "[csv][cp932]") {
  std::string input = "id,name\n";
  for (int i = 0; i < 200; ++i) input += std::to_string(i) + ",ascii only\n";
  input += "200,\x83\x4A\x83\x69\n";
  CsvOptions options;
  options.block_size = 256;  // the first blocks are pure ASCII
  const ReadResult result = read_csv_every_block_size(input, options);
  REQUIRE(result.records.size() == 202);
  CHECK(result.records.back().fields == fields({"200", "カナ"}));
  CHECK(result.encoding == Encoding::cp932);
  CHECK(result.errors.empty());
}

TEST_CASE("csv-1.14 views of a record stay valid until the next call", "[csv]") {
  TempCsvFile file("alpha,\"be\"\"ta\"\ngamma,delta\n");
  CsvReader reader(file.get(), "t.csv", {}, nullptr);  // no error handler is fine
  CsvRecord record;
  REQUIRE(reader.next(record));
  const std::string first = std::string(record.fields[0]) + "|" + std::string(record.fields[1]);
  CHECK(first == "alpha|be\"ta");
  REQUIRE(reader.next(record));
  CHECK(record.fields[0] == "gamma");
  CHECK_FALSE(reader.next(record));
  CHECK_FALSE(reader.next(record));  // stays at the end
}

TEST_CASE("csv-1.15 a quote, CR or LF cannot be the delimiter", "[csv]") {
  TempCsvFile file("a\n");
  for (const char delimiter : {'"', '\r', '\n'}) {
    CsvOptions options;
    options.delimiter = delimiter;
    CHECK_THROWS_AS(CsvReader(file.get(), "t.csv", options, nullptr), std::invalid_argument);
  }
}

TEST_CASE("csv-1.16 many records across many blocks keep numbers and lines exact", "[csv]") {
  std::string input;
  for (int i = 1; i <= 5000; ++i) {
    input += std::to_string(i) + ",\"v" + std::to_string(i) + "\"" + (i % 3 == 0 ? "\r\n" : "\n");
  }
  CsvOptions options;
  options.block_size = 100;
  const ReadResult result = read_csv(input, options);
  REQUIRE(result.records.size() == 5000);
  for (int i = 1; i <= 5000; ++i) {
    const ReadRecord& record = result.records[i - 1];
    REQUIRE(record.number == static_cast<std::uint64_t>(i));
    REQUIRE(record.line == static_cast<std::uint64_t>(i));
    REQUIRE(record.fields ==
            fields({std::to_string(i).c_str(), ("v" + std::to_string(i)).c_str()}));
  }
  CHECK(result.bytes_read == input.size());
}
