// fuzz_csv_reader.cpp — libFuzzer target for grammars::CsvReader. The first
// byte picks the options (delimiter ',' or '\t', encoding auto/utf8/cp932, a
// small fread block size, skip_blank_lines, a small max_record_bytes); the
// rest is the file, fed through fmemopen. Invariants: record numbers count up
// by one, every record starts on a later line than the one before, the fields
// are valid UTF-8 once the encoding is settled (invalid input becomes U+FFFD),
// every input byte is consumed, and — as csv_reader.hpp promises — what is
// read does not depend on the block size: reading again with one block for
// the whole input gives the same records and errors.
// room: grammars
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "grammars/io/csv_reader.hpp"

namespace {

using gifkit::fuzz::hex;
using gifkit::fuzz::is_valid_utf8;
namespace g = gifkit::grammars;

struct ReadResult {
  std::vector<std::string> records;  // number, line, malformed flag and fields, flattened
  std::vector<std::string> errors;   // kind, line, column, field and message, flattened
  g::Encoding encoding = g::Encoding::automatic;
  bool had_bom = false;
  std::uint64_t bytes_read = 0;
  std::uint64_t blank_lines = 0;
};

std::string describe(const g::CsvRecord& record) {
  std::string text = std::to_string(record.number) + "@" + std::to_string(record.line) +
                     (record.malformed ? "!" : "") + ":";
  for (const auto field : record.fields) {
    text += "[" + std::string(field) + "]";
  }
  return text;
}

ReadResult read_all(std::vector<char>& bytes, const g::CsvOptions& options) {
  ReadResult result;
  // fmemopen wants a non-empty buffer on older C libraries: give it one byte
  // more than the data and read only the data.
  std::FILE* file = fmemopen(bytes.data(), bytes.size() - 1, "rb");
  FUZZ_CHECK(file != nullptr, "fmemopen failed");
  {
    std::vector<g::CsvError> pending;  // the errors reported during one next()
    g::CsvReader reader(file, "fuzz.csv", options, [&](const g::CsvError& error) {
      FUZZ_CHECK(error.line >= 1, "error on line 0: " + error.message);
      FUZZ_CHECK(!error.message.empty(), "an error without a message");
      pending.push_back(error);
      result.errors.push_back(std::to_string(static_cast<int>(error.kind)) + " " +
                              std::to_string(error.line) + ":" + std::to_string(error.column) +
                              " f" + std::to_string(error.field) + " " + error.message);
    });
    g::CsvRecord record;
    std::uint64_t previous_number = 0;
    std::uint64_t previous_line = 0;
    while (reader.next(record)) {
      const std::string text = describe(record);
      FUZZ_CHECK(record.number == previous_number + 1, "record numbers skip: " + text);
      FUZZ_CHECK(record.line > previous_line, "record starts on line " +
                                                  std::to_string(record.line) +
                                                  ", not after the previous record's line " +
                                                  std::to_string(previous_line) + ": " + text);
      FUZZ_CHECK(record.line >= 1, "record on line 0: " + text);
      FUZZ_CHECK(!record.fields.empty(), "record without fields: " + text);
      const g::Encoding encoding = reader.encoding();
      FUZZ_CHECK(encoding == g::Encoding::utf8 || encoding == g::Encoding::cp932,
                 "encoding still undecided after a record was read");
      for (const auto field : record.fields) {
        FUZZ_CHECK(is_valid_utf8(field), "field is not valid UTF-8: " + hex(field));
      }
      // A record's errors are reported just before it, at or after its first line.
      FUZZ_CHECK(pending.empty() || record.malformed, "errors for a record not marked malformed");
      for (const g::CsvError& error : pending) {
        FUZZ_CHECK(error.line >= record.line && error.column >= 1,
                   "error at " + std::to_string(error.line) + ":" + std::to_string(error.column) +
                       " for the record on line " + std::to_string(record.line) + ": " +
                       error.message);
        FUZZ_CHECK(error.field >= 1 && error.field <= record.fields.size(),
                   "error in field " + std::to_string(error.field) + " of a record with " +
                       std::to_string(record.fields.size()) + " fields: " + error.message);
      }
      pending.clear();
      previous_number = record.number;
      previous_line = record.line;
      result.records.push_back(text);
    }
    FUZZ_CHECK(!reader.next(record), "next() returned a record after the end");
    result.encoding = reader.encoding();
    result.had_bom = reader.had_bom();
    result.bytes_read = reader.bytes_read();
    result.blank_lines = reader.blank_lines_skipped();
  }
  std::fclose(file);
  return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  static constexpr std::size_t kBlockSizes[] = {1, 2, 3, 4, 5, 7, 16, 64};
  g::CsvOptions options;
  options.delimiter = (control & 0x01) != 0 ? '\t' : ',';
  switch ((control >> 1) & 0x03) {
    case 1:
      options.encoding = g::Encoding::utf8;
      break;
    case 2:
      options.encoding = g::Encoding::cp932;
      break;
    default:
      options.encoding = g::Encoding::automatic;
      break;
  }
  options.block_size = kBlockSizes[(control >> 3) & 0x07];
  options.skip_blank_lines = (control & 0x40) == 0;
  if ((control & 0x80) != 0) options.max_record_bytes = 1 + (size % 13);

  std::vector<char> bytes(data + 1, data + size);
  bytes.push_back('\0');
  const std::size_t input_size = size - 1;

  const ReadResult small = read_all(bytes, options);
  FUZZ_CHECK(small.bytes_read == input_size, "bytes_read " + std::to_string(small.bytes_read) +
                                                 " for " + std::to_string(input_size) +
                                                 " input bytes");

  g::CsvOptions large_blocks = options;
  large_blocks.block_size = input_size + 1;  // the whole input in one fread
  const ReadResult large = read_all(bytes, large_blocks);
  // With automatic detection the encoding may be decided on a different
  // sample (the first non-ASCII block); the text is read the same way once the encoding agrees.
  if (small.encoding == large.encoding) {
    for (std::size_t i = 0; i < small.records.size() || i < large.records.size(); ++i) {
      const std::string a = i < small.records.size() ? small.records[i] : "(none)";
      const std::string b = i < large.records.size() ? large.records[i] : "(none)";
      FUZZ_CHECK(a == b, "record " + std::to_string(i + 1) +
                             " depends on the block size: " + hex(a) + " | " + hex(b));
    }
    for (std::size_t i = 0; i < small.errors.size() || i < large.errors.size(); ++i) {
      const std::string a = i < small.errors.size() ? small.errors[i] : "(none)";
      const std::string b = i < large.errors.size() ? large.errors[i] : "(none)";
      FUZZ_CHECK(a == b,
                 "error " + std::to_string(i + 1) + " depends on the block size: " + a + " | " + b);
    }
    FUZZ_CHECK(small.had_bom == large.had_bom, "BOM detection depends on the block size");
    FUZZ_CHECK(small.blank_lines == large.blank_lines,
               "blank line count depends on the block size");
  } else {
    FUZZ_CHECK(options.encoding == g::Encoding::automatic,
               "an explicit encoding changed with the block size");
  }
  return 0;
}
