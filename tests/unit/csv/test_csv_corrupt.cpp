// test_csv_corrupt.cpp — CsvReader on corrupt and edge-case input: broken
// quoting, over-long records, invalid UTF-8 and CP932, truncated input, empty
// files, odd line ends, block boundaries, read errors. Each problem must be
// reported with the right line, character column and field, and reading must
// go on with the next record. Reads are repeated with tiny block sizes and
// must not change.
// room: grammars
#include <stdlib.h>  // mkdtemp
#include <unistd.h>  // rmdir

#include <random>

#include "csv_test_support.hpp"

using namespace gifkit::test;

namespace {

constexpr auto kMalformed = CsvError::Kind::malformed_row;
constexpr auto kEncoding = CsvError::Kind::encoding_error;

void check_error(const CsvError& error, CsvError::Kind kind, std::uint64_t line,
                 std::uint64_t column, std::uint32_t field, std::string_view message_part) {
  CHECK(error.kind == kind);
  CHECK(error.line == line);
  CHECK(error.column == column);
  CHECK(error.field == field);
  CHECK_THAT(error.message, Catch::Contains(std::string(message_part)));
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80    ? 1
                         : byte >= 0xF0 ? 4
                         : byte >= 0xE0 ? 3
                         : byte >= 0xC2 ? 2
                                        : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

TEST_CASE("csv-2.1 unterminated quote at end of file: cut at its line, reading goes on",
          "[csv][corrupt]") {
  const ReadResult result = read_csv_every_block_size("id,name\n1,\"abc\n2,def\n");
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[1].fields == fields({"1", "abc"}));
  CHECK(result.records[1].malformed);
  CHECK(result.records[2].fields == fields({"2", "def"}));
  CHECK(result.records[2].line == 3);
  CHECK(result.records[2].number == 3);
  CHECK_FALSE(result.records[2].malformed);
  REQUIRE(result.errors.size() == 1);
  check_error(result.errors[0], kMalformed, 2, 3, 2, "not closed before the end of the file");
}

TEST_CASE("csv-2.2 a quote in the middle of an unquoted field", "[csv][corrupt]") {
  const ReadResult result = read_csv_every_block_size("名前,値\nあい\"う,x\na,b\"c\n");
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[1].fields == fields({"あい\"う", "x"}));
  CHECK(result.records[1].malformed);
  CHECK(result.records[2].fields == fields({"a", "b\"c"}));
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], kMalformed, 2, 3, 1, "quote in the middle of an unquoted field");
  check_error(result.errors[1], kMalformed, 3, 4, 2, "quote in the middle of an unquoted field");
}

TEST_CASE("csv-2.3 text after a closing quote is kept and reported", "[csv][corrupt]") {
  const ReadResult result = read_csv_every_block_size("\"ab\"cd,e\n\"x\"\"y\"z\"w,f\nok,ok\n");
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[0].fields == fields({"abcd", "e"}));
  CHECK(result.records[1].fields == fields({"x\"yz\"w", "f"}));
  CHECK(result.records[0].malformed);
  CHECK_FALSE(result.records[2].malformed);
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], kMalformed, 1, 5, 1, "text after the closing quote");
  check_error(result.errors[1], kMalformed, 2, 7, 1, "text after the closing quote");
}

TEST_CASE("csv-2.4 a record longer than max_record_bytes is cut and its line skipped",
          "[csv][corrupt]") {
  CsvOptions options;
  options.max_record_bytes = 10;
  const ReadResult result = read_csv_every_block_size(
      "a,b\n0123456789abcdef,g\n0123456,89\r\n01234,6789a\nc,d\n", options);
  REQUIRE(result.records.size() == 5);
  CHECK(result.records[1].fields == fields({"0123456789a"}));
  CHECK(result.records[1].malformed);
  CHECK(result.records[2].fields == fields({"0123456", "89"}));  // exactly 10 bytes: fine
  CHECK_FALSE(result.records[2].malformed);
  CHECK(result.records[3].fields == fields({"01234", "6789a"}));  // 11 bytes: too long
  CHECK(result.records[3].malformed);
  CHECK(result.records[4].fields == fields({"c", "d"}));
  CHECK(result.records[4].line == 5);
  CHECK_FALSE(result.records[4].malformed);
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], kMalformed, 2, 1, 1, "record longer than 10 bytes");
  check_error(result.errors[1], kMalformed, 4, 1, 2, "record longer than 10 bytes");
}

TEST_CASE("csv-2.5 a runaway quote stops at max_record_bytes instead of eating the file",
          "[csv][corrupt]") {
  CsvOptions options;
  options.max_record_bytes = 20;
  std::string input = "a,b\n1,\"never closed\n";
  for (int i = 0; i < 10; ++i) input += "x,y\n";
  input += "2,\"" + std::string(50, 'a') + "\nlast,row\n";
  const ReadResult result = read_csv_every_block_size(input, options);
  REQUIRE(result.records.size() == 14);
  CHECK(result.records[1].fields == fields({"1", "never closed"}));
  CHECK(result.records[1].malformed);
  CHECK(result.records[2].fields == fields({"x", "y"}));
  CHECK(result.records[2].line == 3);
  // The second runaway quote has no line end within the limit: its value is
  // cut at the limit and the rest of the line is skipped.
  CHECK(result.records[12].fields == fields({"2", std::string(18, 'a').c_str()}));
  CHECK(result.records[13].fields == fields({"last", "row"}));
  CHECK(result.records[13].line == 14);
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], kMalformed, 2, 3, 2, "not closed within 20 bytes");
  check_error(result.errors[1], kMalformed, 13, 3, 2, "not closed within 20 bytes");
}

TEST_CASE("csv-2.6 invalid UTF-8 is reported with line and column and replaced by U+FFFD",
          "[csv][corrupt]") {
  CsvOptions options;
  options.encoding = Encoding::utf8;
  const ReadResult result = read_csv_every_block_size(
      "名前,値\nab\xFF\xFE"
      "c,\"い\x80\"\nx,y\n",
      options);
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[1].fields == fields({"ab\uFFFD\uFFFDc", "い\uFFFD"}));
  CHECK(result.records[1].malformed);
  CHECK_FALSE(result.records[2].malformed);
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], kEncoding, 2, 3, 1, "invalid UTF-8 bytes 0xFF 0xFE");
  check_error(result.errors[1], kEncoding, 2, 9, 2, "invalid UTF-8 bytes 0x80");
}

TEST_CASE("csv-2.7 invalid UTF-8 in an auto-detected UTF-8 file", "[csv][corrupt]") {
  // Enough valid UTF-8 first that detection settles on UTF-8.
  const std::string input =
      "法人番号,商号又は名称,所在地,電話番号\n"
      "1234567890123,株式会社デジタル,東京都千代田区紀尾井町,03-0000-0000\n"
      "2,壊れた\xC3(文字,x,y\n";
  const ReadResult result = read_csv_every_block_size(input);
  CHECK(result.encoding == Encoding::utf8);
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[2].fields[1] == "壊れた\uFFFD(文字");
  REQUIRE(result.errors.size() == 1);
  check_error(result.errors[0], kEncoding, 3, 6, 2, "0xC3");
}

TEST_CASE("csv-2.8 a multibyte character cut by the end of the file", "[csv][corrupt]") {
  const ReadResult result = read_csv_every_block_size("a,b\n1,あ\xE3\x81");
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[1].fields == fields({"1", "あ\uFFFD\uFFFD"}));
  CHECK(result.records[1].malformed);
  REQUIRE(result.errors.size() == 1);
  check_error(result.errors[0], kEncoding, 2, 4, 2, "cut short by the end of the file: 0xE3 0x81");
}

TEST_CASE("csv-2.9 Shift_JIS without --encoding is detected as CP932", "[csv][corrupt][cp932]") {
  // 法人番号,商号\n1234567890123,株式会社カナ\n
  const ReadResult result = read_csv_every_block_size(
      "\x96\x40\x90\x6C\x94\xD4\x8D\x86,\x8F\xA4\x8D\x86\n"
      "1234567890123,\x8A\x94\x8E\xAE\x89\xEF\x8E\xD0\x83\x4A\x83\x69\n");
  CHECK(result.encoding == Encoding::cp932);
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[0].fields == fields({"法人番号", "商号"}));
  CHECK(result.records[1].fields == fields({"1234567890123", "株式会社カナ"}));
  CHECK(result.errors.empty());
}

TEST_CASE("csv-2.10 Shift_JIS read as UTF-8 gives encoding errors with line and column",
          "[csv][corrupt][cp932]") {
  CsvOptions options;
  options.encoding = Encoding::utf8;
  const ReadResult result = read_csv_every_block_size("id,name\n1,\x83\x4A\x83\x69\n", options);
  CHECK(result.encoding == Encoding::utf8);
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[1].fields == fields({"1", "\uFFFDJ\uFFFDi"}));
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], kEncoding, 2, 3, 2, "0x83");
  check_error(result.errors[1], kEncoding, 2, 5, 2, "0x83");
}

TEST_CASE("csv-2.11 invalid bytes in a CP932 file", "[csv][corrupt][cp932]") {
  // 名称,カナ\n1,カ<FF>ナ\n2,<lone lead byte at the end>
  const ReadResult result = read_csv_every_block_size(
      "\x96\xBC\x8F\xCC,\x83\x4A\x83\x69\n1,\x83\x4A\xFF\x83\x69\n2,\x83");
  CHECK(result.encoding == Encoding::cp932);
  REQUIRE(result.records.size() == 3);
  CHECK(result.records[1].fields == fields({"1", "カ\uFFFDナ"}));
  CHECK(result.records[1].malformed);
  CHECK(result.records[2].fields == fields({"2", "\uFFFD"}));
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], kEncoding, 2, 4, 2, "CP932");
  check_error(result.errors[1], kEncoding, 3, 3, 2, "CP932");
}

TEST_CASE("csv-2.12 empty file, header only, BOM only", "[csv][corrupt]") {
  const ReadResult empty = read_csv_every_block_size("");
  CHECK(empty.records.empty());
  CHECK(empty.errors.empty());
  CHECK_FALSE(empty.had_bom);
  CHECK(empty.bytes_read == 0);

  for (const char* header_only : {"id,name", "id,name\n", "id,name\r\n"}) {
    const ReadResult result = read_csv_every_block_size(header_only);
    REQUIRE(result.records.size() == 1);
    CHECK(result.records[0].fields == fields({"id", "name"}));
    CHECK(result.errors.empty());
  }

  const ReadResult bom_only = read_csv_every_block_size("\xEF\xBB\xBF");
  CHECK(bom_only.records.empty());
  CHECK(bom_only.had_bom);
  CHECK(bom_only.errors.empty());
  CHECK(bom_only.bytes_read == 3);

  // Two bytes of a BOM are not a BOM: a UTF-8 sequence cut by the end.
  const ReadResult half_bom = read_csv_every_block_size("\xEF\xBB");
  CHECK_FALSE(half_bom.had_bom);
  REQUIRE(half_bom.records.size() == 1);
  CHECK(half_bom.records[0].fields == fields({"\uFFFD\uFFFD"}));
  REQUIRE(half_bom.errors.size() == 1);
  check_error(half_bom.errors[0], kEncoding, 1, 1, 1, "cut short");

  const ReadResult blank = read_csv_every_block_size("\n\r\n\r");
  CHECK(blank.records.empty());
  CHECK(blank.blank_lines == 3);
}

TEST_CASE("csv-2.13 CR-only line ends (old Mac files)", "[csv][corrupt]") {
  const ReadResult result = read_csv_every_block_size("a,b\r1,\"x\ry\"\r2,z\"\r3,w");
  REQUIRE(result.records.size() == 4);
  CHECK(result.records[1].fields == fields({"1", "x\ry"}));
  CHECK(result.records[1].line == 2);
  CHECK(result.records[2].line == 4);
  CHECK(result.records[3].line == 5);
  CHECK(result.records[3].fields == fields({"3", "w"}));
  REQUIRE(result.errors.size() == 1);
  check_error(result.errors[0], kMalformed, 4, 4, 2, "quote in the middle");
}

TEST_CASE("csv-2.14 records, quotes and characters that span a block boundary", "[csv][corrupt]") {
  const std::string input =
      "id,value\n1,\"a long quoted value, with \"\"quotes\"\" and a comma\",tail\n"
      "2,東京都千代田区霞が関,x\r\n3,\"改\r\n行\",y\n";
  for (const std::size_t block_size : {4, 9, 10, 11, 17, 33}) {
    CsvOptions options;
    options.block_size = block_size;
    const ReadResult result = read_csv(input, options);
    INFO("block size " << block_size);
    REQUIRE(result.records.size() == 4);
    CHECK(result.records[1].fields ==
          fields({"1", "a long quoted value, with \"quotes\" and a comma", "tail"}));
    CHECK(result.records[2].fields == fields({"2", "東京都千代田区霞が関", "x"}));
    CHECK(result.records[3].fields == fields({"3", "改\r\n行", "y"}));
    CHECK(result.records[3].line == 4);
    CHECK(result.errors.empty());
  }
  // A CP932 double-byte character cut by every possible block boundary.
  const ReadResult result = read_csv_every_block_size(
      "\x8A\x94\x8E\xAE,\x83\x4A\x83\x69\x83\x4A\x83\x69\n", cp932_options());
  REQUIRE(result.records.size() == 1);
  CHECK(result.records[0].fields == fields({"株式", "カナカナ"}));
}

TEST_CASE("csv-2.15 embedded newlines: lines differ from record numbers, errors still exact",
          "[csv][corrupt]") {
  const ReadResult result =
      read_csv_every_block_size("h1,h2\n\"a\nb\nc\",x\n3,bad\"q\n\"x\ny\"z,1\n");
  REQUIRE(result.records.size() == 4);
  CHECK(result.records[1].number == 2);
  CHECK(result.records[1].line == 2);
  CHECK(result.records[2].number == 3);
  CHECK(result.records[2].line == 5);
  CHECK(result.records[3].number == 4);
  CHECK(result.records[3].line == 6);
  CHECK(result.records[3].fields == fields({"x\nyz", "1"}));
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], kMalformed, 5, 6, 2, "quote in the middle");
  check_error(result.errors[1], kMalformed, 7, 3, 1, "text after the closing quote");
}

TEST_CASE("csv-2.16 NUL bytes are ordinary text", "[csv][corrupt]") {
  using namespace std::string_literals;
  const ReadResult result = read_csv_every_block_size("a\0b,c\n\0,\"\0\"\n"s);
  REQUIRE(result.records.size() == 2);
  CHECK(result.records[0].fields == std::vector<std::string>{"a\0b"s, "c"});
  CHECK(result.records[1].fields == std::vector<std::string>{"\0"s, "\0"s});
}

TEST_CASE("csv-2.17 a read error is reported and ends the input", "[csv][corrupt]") {
  // glibc opens a directory for reading, but read() on it fails (EISDIR).
  char path[] = "/tmp/gifkit_csv_test_XXXXXX";
  REQUIRE(mkdtemp(path) != nullptr);
  std::FILE* directory = std::fopen(path, "r");
  rmdir(path);
  REQUIRE(directory != nullptr);
  const ReadResult result = read_all(directory, CsvOptions{});
  std::fclose(directory);
  CHECK(result.records.empty());
  REQUIRE(result.errors.size() == 1);
  check_error(result.errors[0], kMalformed, 1, 0, 0, "read error");
}

TEST_CASE("csv-2.18 random corrupt input: same result for every block size, values valid UTF-8",
          "[csv][corrupt]") {
  // Bytes that exercise every path: structure, UTF-8 pieces, CP932 lead and
  // trail bytes, bytes invalid in both.
  const std::string alphabet = std::string(",\"\n\r\ta\x81\x82\xE3\x83\x4A\xFF\xC3", 13);
  std::mt19937 random(20240601);
  for (int round = 0; round < 150; ++round) {
    std::string input;
    const std::size_t length = random() % 120;
    for (std::size_t i = 0; i < length; ++i) input += alphabet[random() % alphabet.size()];
    CsvOptions options;
    options.max_record_bytes = 1 + random() % 24;
    options.encoding = round % 2 == 0 ? Encoding::utf8 : Encoding::cp932;
    options.delimiter = round % 3 == 0 ? '\t' : ',';
    options.skip_blank_lines = round % 5 != 0;
    INFO("round " << round);
    const ReadResult result = read_csv_every_block_size(input, options);
    for (const ReadRecord& record : result.records) {
      for (const std::string& field : record.fields) REQUIRE(is_valid_utf8(field));
      REQUIRE(record.fields.size() >= 1);
    }
    for (const CsvError& error : result.errors) {
      REQUIRE(error.line >= 1);
      REQUIRE(error.column >= 1);
    }
  }
}

TEST_CASE("csv-2.19 random input with encoding detection: values are always valid UTF-8",
          "[csv][corrupt]") {
  // An ASCII start of random length, then random bytes: detection happens at
  // different places, sometimes after records were already read as ASCII.
  // Detection may see different samples with different block sizes, so only
  // the guarantees that hold regardless are checked.
  const std::string alphabet = std::string(",\"\n\ra\x81\x82\xE3\x83\x4A\xFF\xB1\x96\xBC", 14);
  std::mt19937 random(7);
  for (int round = 0; round < 60; ++round) {
    std::string input(random() % 40, 'x');
    for (std::size_t i = input.size(); i % 7 != 0; ++i) input += ",\n"[i % 2];
    const std::size_t length = random() % 200;
    for (std::size_t i = 0; i < length; ++i) input += alphabet[random() % alphabet.size()];
    for (const std::size_t block_size : {1, 3, 8, 64, 1 << 20}) {
      CsvOptions options;
      options.block_size = block_size;
      options.max_record_bytes = 32;
      INFO("round " << round << " block size " << block_size);
      const ReadResult result = read_csv(input, options);
      CHECK(result.encoding != Encoding::automatic);
      CHECK(result.bytes_read == input.size());
      for (const ReadRecord& record : result.records) {
        for (const std::string& field : record.fields) REQUIRE(is_valid_utf8(field));
      }
    }
  }
}

TEST_CASE("csv-2.20 a run of kana and kanji ends at the first sequence that is not valid",
          "[csv][corrupt]") {
  // The reader steps over kana and kanji (lead E1–EC) a run at a time: a
  // truncated sequence, a surrogate (ED A0 80) and a lead before ASCII right
  // after such a run are still found, at their own column.
  CsvOptions options;
  options.encoding = Encoding::utf8;
  const ReadResult result = read_csv_every_block_size(
      "a,b\n1,漢字\xE6\xBC\n2,かな\xED\xA0\x80x\n3,漢\xE5(字\n4,字\xE3\x81\n5,漢字かな\n", options);
  REQUIRE(result.records.size() == 6);
  CHECK(result.records[1].fields[1] == "漢字\uFFFD\uFFFD");
  CHECK(result.records[2].fields[1] == "かな\uFFFD\uFFFD\uFFFDx");
  CHECK(result.records[3].fields[1] == "漢\uFFFD(字");
  CHECK(result.records[4].fields[1] == "字\uFFFD\uFFFD");
  CHECK(result.records[5].fields[1] == "漢字かな");
  CHECK_FALSE(result.records[5].malformed);
  REQUIRE(result.errors.size() == 4);
  check_error(result.errors[0], kEncoding, 2, 5, 2, "invalid UTF-8 bytes 0xE6 0xBC");
  check_error(result.errors[1], kEncoding, 3, 5, 2, "invalid UTF-8 bytes 0xED 0xA0 0x80");
  check_error(result.errors[2], kEncoding, 4, 4, 2, "invalid UTF-8 bytes 0xE5");
  check_error(result.errors[3], kEncoding, 5, 4, 2, "invalid UTF-8 bytes 0xE3 0x81");
}

TEST_CASE("csv-2.21 records checked 16 bytes at a time: a bad byte anywhere is still found",
          "[csv][corrupt]") {
  // The reader checks the text ahead for valid UTF-8 in blocks of 16 bytes
  // (ASCII and three-byte characters) and parses the records before the
  // first invalid byte without checking each character. A bad byte at each
  // place of a long line of kanji, half-width kana, ASCII and characters the
  // blocks leave to the byte-by-byte check (é, 𠮷), quoted or not, with
  // long valid lines before and after it: found at its own column, the lines
  // around it read as they are.
  CsvOptions options;
  options.encoding = Encoding::utf8;
  const std::vector<std::string> pieces = {"漢", "ｶ", "a", "字", "é", "か", "𠮷", "b", "ﾅ", "漢"};
  std::string line;
  for (int i = 0; i < 4; ++i)
    for (const std::string& piece : pieces) line += piece;
  const std::string good = "0," + line + "\n";
  for (const bool quoted : {false, true}) {
    std::size_t at = 0;  // the characters of line before the bad byte
    for (std::size_t split = 0; split <= line.size(); ++at) {
      const std::string value = line.substr(0, split) + "\xFF" + line.substr(split);
      const std::string input = "id,text\n" + good + good + "1," + (quoted ? "\"" : "") + value +
                                (quoted ? "\"" : "") + "\n" + good + good;
      INFO("bad byte after " << split << " bytes, quoted " << quoted);
      const ReadResult result = read_csv_every_block_size(input, options);
      REQUIRE(result.records.size() == 6);
      CHECK(result.records[3].fields[1] == line.substr(0, split) + "\uFFFD" + line.substr(split));
      for (const std::size_t k : {1, 2, 4, 5}) {
        CHECK(result.records[k].fields[1] == line);
        CHECK_FALSE(result.records[k].malformed);
      }
      REQUIRE(result.errors.size() == 1);
      check_error(result.errors[0], kEncoding, 4, 3 + at + (quoted ? 1 : 0), 2,
                  "invalid UTF-8 byte");
      // Next: after the next character.
      if (split == line.size()) break;
      const auto lead = static_cast<unsigned char>(line[split]);
      split += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    }
  }
}
