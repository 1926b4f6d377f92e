// diff_completeness.cpp — see diff_completeness.hpp.
#include "registries/houjin/update/diff_completeness.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>

#include "grammars/io/csv_reader.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"
#include "registries/houjin/import/houjin_source.hpp"

namespace gifkit::registries::houjin {
namespace {

// The value of a sequenceNumber field, or nothing when it is not a number.
std::optional<std::uint64_t> sequence_number(std::string_view field) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size() || field.empty()) return {};
  return value;
}

// not_whole_day_reason for one CSV stream.
std::string stream_not_whole_reason(SourceStream& source) {
  grammars::CsvReader reader(source.file(), source.display_name(), {},
                             [](const grammars::CsvError&) {});
  grammars::CsvRecord record;
  std::uint64_t expected = 0;
  std::string gap;
  std::string last_latest;
  std::string last_number;
  std::uint64_t last_line = 0;
  while (reader.next(record)) {
    const auto& fields = record.fields;
    if (record.number == 1 && fields.size() == 4 &&
        is_count_line(fields[0], fields[1], fields[2], fields[3])) {
      return "";  // a Web-API answer: its count line is the check
    }
    ++expected;
    if (gap.empty()) {
      const auto number = fields.empty() ? std::nullopt : sequence_number(fields[kSequenceNumber]);
      if (number != expected) {
        gap =
            "its records are not numbered 1, 2, 3, … by sequenceNumber as a whole day's file "
            "is: record " +
            std::to_string(expected) + " (line " + std::to_string(record.line) + ") holds " +
            (number ? std::to_string(*number) : std::string("no number")) +
            " (rows are missing, or the file is an excerpt of other files)";
      }
    }
    last_latest = fields.size() > kLatest ? std::string(fields[kLatest]) : std::string();
    last_number = fields.size() > kCorporateNumber ? std::string(fields[kCorporateNumber]) : "";
    last_line = record.line;
  }
  if (!gap.empty()) return gap;
  if (last_latest == "0") {
    return "it ends inside the history of corporation " + last_number + ": its last record (line " +
           std::to_string(last_line) +
           ") has latest=0, and a whole day's file ends each corporation's rows with its latest "
           "one (latest=1); the file was cut at a line end";
  }
  return "";
}

}  // namespace

std::string cut_short_reason(const std::filesystem::path& path) {
  if (is_zip_source(path)) return "";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RegistryError(path.string() + ": cannot read");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size <= 0) return "";
  // The last line: at most 64 KiB back (an NTA row is under 2 KiB).
  const std::streamoff tail = std::min<std::streamoff>(size, 65536);
  std::string bytes(static_cast<std::size_t>(tail), '\0');
  in.seekg(size - tail);
  in.read(bytes.data(), tail);
  if (bytes.back() == '\n' || bytes.back() == '\r') return "";
  std::size_t line_start = bytes.find_last_of('\n');
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::string_view last_line(bytes.data() + line_start, bytes.size() - line_start);
  const auto quotes = std::count(last_line.begin(), last_line.end(), '"');
  if (quotes % 2 != 0) {
    return "its last record is cut short (the file ends inside a quoted field, without a "
           "line end)";
  }
  if (last_line.back() == ',') {
    return "its last record is cut short (the file ends after a comma, without a line end)";
  }
  return "";
}

std::string not_whole_day_reason(const std::filesystem::path& path) {
  std::vector<std::string> entries = {""};
  if (is_zip_source(path)) entries = zip_csv_entries(path);
  for (const auto& entry : entries) {
    SourceStream source(path, entry);
    std::string reason = stream_not_whole_reason(source);
    if (!reason.empty()) return entries.size() > 1 ? source.display_name() + ": " + reason : reason;
  }
  return "";
}

}  // namespace gifkit::registries::houjin
