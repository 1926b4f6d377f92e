// houjin_csv_rows.cpp — see houjin_csv_rows.hpp.
#include "registries/houjin/import/houjin_csv_rows.hpp"

#include <algorithm>

#include "grammars/io/csv_reader.hpp"
#include "registries/db/read_ahead_records.hpp"
#include "registries/houjin/import/whole_day_check.hpp"

namespace gifkit::registries::houjin {
namespace {

// Web-API CSV record widths: v1 (no latest), v2, v3, v4.
constexpr std::size_t kWebApiV1Fields = 23;
constexpr std::array<std::size_t, 4> kWebApiFieldCounts = {kWebApiV1Fields, 28, 29, 30};

// The 30 fields of a record whose first fields.size() columns are the
// first columns of the NTA layout; the rest are empty.
HoujinFields padded_fields(const std::vector<std::string_view>& fields) {
  HoujinFields padded{};
  std::copy_n(fields.begin(), std::min(fields.size(), kHoujinColumnCount), padded.begin());
  return padded;
}

}  // namespace

std::string read_houjin_csv_rows(SourceStream& source, HoujinRowStore& store) {
  ReadAheadRecords records(source);  // parsed on a thread of its own
  grammars::CsvRecord record;
  WholeDayCheck whole_day;
  while (records.next(record)) {
    whole_day.add(record.fields, record.line);
    std::string reason = records.malformed_reason();
    if (reason.empty() && record.fields.size() != kHoujinColumnCount) {
      reason = "has " + std::to_string(record.fields.size()) + " fields, expected " +
               std::to_string(kHoujinColumnCount);
    }
    if (!reason.empty()) {
      store.reject(record.line, std::move(reason));
      continue;
    }
    store.add(padded_fields(record.fields), record.line, record.number);
  }
  return whole_day.reason();
}

AnswerHeader read_houjin_webapi_csv_rows(SourceStream& source, HoujinRowStore& store) {
  ReadAheadRecords records(source);
  grammars::CsvRecord record;
  AnswerHeader header;
  bool has_header = false;
  std::uint64_t data_records = 0;
  while (records.next(record)) {
    const auto& fields = record.fields;
    if (record.number == 1 && fields.size() == 4 &&
        is_count_line(fields[0], fields[1], fields[2], fields[3])) {
      header = {std::string(fields[0]), std::string(fields[1]), std::string(fields[2]),
                std::string(fields[3])};
      has_header = true;
      continue;
    }
    ++data_records;
    std::string reason = records.malformed_reason();
    bool known_width = std::find(kWebApiFieldCounts.begin(), kWebApiFieldCounts.end(),
                                 fields.size()) != kWebApiFieldCounts.end();
    if (reason.empty() && !known_width) {
      reason = "has " + std::to_string(fields.size()) +
               " fields, expected a Web-API record of 23 (v1), 28 (v2), 29 (v3) or 30 (v4)";
    }
    if (!reason.empty()) {
      store.reject(record.line, std::move(reason));
      continue;
    }
    store.add(padded_fields(fields), record.line, record.number, fields.size() == kWebApiV1Fields);
  }
  if (has_header) check_announced_count(header, data_records, source.display_name());
  return header;
}

}  // namespace gifkit::registries::houjin
