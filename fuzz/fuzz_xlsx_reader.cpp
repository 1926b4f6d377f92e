// fuzz_xlsx_reader.cpp — libFuzzer target for grammars::XlsxReader (the
// .xlsx sheet reader of validate, transform and diff). The first byte picks
// the options; the rest is either the workbook file itself (bit 0 set: the
// zip layer's damage reaches the reader) or its parts, separated by NUL
// bytes, in the order xl/workbook.xml, xl/_rels/workbook.xml.rels,
// xl/styles.xml, xl/sharedStrings.xml, xl/worksheets/sheet1.xml,
// xl/worksheets/sheet2.xml (an empty one left out) — packed here into a
// zip (stored, or deflated with bit 1), so that mutations reach the XML. Bits 2–3 pick the sheet
// ("", "1", "2", "Sheet1"), bit 4 tiny caps (a part, all parts, attributes), bit 5 a clock that
// says no after a few blocks. Invariants: the reader throws nothing but XlsxError,
// ReadLimitExceeded (naming the file) and ReadStopped (only with the clock); records count up from
// 1, every field is valid UTF-8, every row is at least as wide as the header, every error has a
// message; next() stays false at the end.
// room: grammars
#include <zip.h>

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "grammars/io/xlsx_reader.hpp"

namespace {

namespace g = gifkit::grammars;
using gifkit::fuzz::hex;
using gifkit::fuzz::is_valid_utf8;

constexpr const char* kPartNames[] = {
    "xl/workbook.xml",      "xl/_rels/workbook.xml.rels", "xl/styles.xml",
    "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",   "xl/worksheets/sheet2.xml"};

// Writes the parts (split at NUL bytes; empty ones left out) as a zip at path; false when libzip
// cannot (not a finding: the reader is not involved).
bool write_parts(const std::string& path, std::string_view bytes, bool deflate) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < std::size(kPartNames)) {
    const std::size_t nul = bytes.find('\0', start);
    parts.emplace_back(bytes.substr(start, nul == std::string_view::npos ? nul : nul - start));
    if (nul == std::string_view::npos) break;
    start = nul + 1;
  }
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty()) continue;  // a part left out
    zip_source_t* source = zip_source_buffer(archive, parts[i].data(), parts[i].size(), 0);
    const zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(archive, kPartNames[i], source, ZIP_FL_OVERWRITE);
    if (index < 0 || zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                              deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0) {
      if (index < 0 && source != nullptr) zip_source_free(source);
      zip_discard(archive);
      return false;
    }
  }
  return zip_close(archive) == 0;
}

void read_workbook(const std::string& path, const g::XlsxOptions& options) {
  std::uint64_t errors = 0;
  g::XlsxReader reader(path, options, [&](const g::CsvError& error) {
    ++errors;
    FUZZ_CHECK(!error.message.empty(), "an error without a message");
  });
  g::CsvRecord record;
  std::uint64_t previous = 0;
  std::size_t header_width = 0;
  while (reader.next(record)) {
    FUZZ_CHECK(record.number == previous + 1,
               "record " + std::to_string(record.number) + " after " + std::to_string(previous));
    FUZZ_CHECK(!record.fields.empty(), "a record without fields");
    if (record.number == 1) header_width = record.fields.size();
    FUZZ_CHECK(record.fields.size() >= header_width,
               "a row of " + std::to_string(record.fields.size()) + " cells under a header of " +
                   std::to_string(header_width));
    for (const auto field : record.fields) {
      FUZZ_CHECK(is_valid_utf8(field), "a cell that is not valid UTF-8: " + hex(field));
    }
    FUZZ_CHECK(!g::XlsxReader::cell_name(1, record.line).empty(), "no cell name");
    previous = record.number;
  }
  FUZZ_CHECK(!reader.next(record), "next() gave a record after the end");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const gifkit::fuzz::ScratchFile scratch(".xlsx");
  const std::uint8_t control = data[0];
  const std::string_view bytes = gifkit::fuzz::as_text(data + 1, size - 1);
  if ((control & 0x01) != 0) {
    scratch.write(bytes);
  } else if (!write_parts(scratch.path(), bytes, (control & 0x02) != 0)) {
    return 0;
  }

  g::XlsxOptions options;
  static constexpr const char* kSheets[] = {"", "1", "2", "Sheet1"};
  options.sheet = kSheets[(control >> 2) & 0x03];
  if ((control & 0x10) != 0) {
    options.limits = g::ReadLimits::with_part_cap(64 + size % 512);
    options.limits.max_attributes = 4;
  }
  int clock_ticks = 0;
  if ((control & 0x20) != 0) {
    options.limits.keep_going = [&clock_ticks, size] { return ++clock_ticks <= 1 + int(size % 5); };
  }
  try {
    read_workbook(scratch.path(), options);
  } catch (const g::XlsxError& error) {
    FUZZ_CHECK(std::string_view(error.what()).starts_with(scratch.path()),
               std::string("an XlsxError that does not name the file: ") + error.what());
  } catch (const g::ReadLimitExceeded& error) {
    FUZZ_CHECK(std::string_view(error.what()).starts_with(scratch.path()),
               std::string("a refusal that does not name the file: ") + error.what());
  } catch (const g::ReadStopped&) {
    FUZZ_CHECK((control & 0x20) != 0, "stopped without a clock");
  } catch (const std::exception& error) {
    FUZZ_CHECK(false,
               std::string("the reader threw ") + typeid(error).name() + ": " + error.what());
  }
  return 0;
}
