// whole_day_check.cpp — see whole_day_check.hpp.
#include "registries/houjin/import/whole_day_check.hpp"

#include <charconv>
#include <optional>

#include "registries/houjin/columns/houjin_columns.hpp"

namespace gifkit::registries::houjin {
namespace {

// The value of a sequenceNumber field, or nothing when it is not a number.
std::optional<std::uint64_t> sequence_number(std::string_view field) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || error != std::errc() || end != field.data() + field.size()) return {};
  return value;
}

}  // namespace

void WholeDayCheck::add(const std::vector<std::string_view>& fields, std::uint64_t line) {
  ++records_;
  if (gap_.empty()) {
    const auto number = fields.empty() ? std::nullopt : sequence_number(fields[kSequenceNumber]);
    if (number != records_) {
      gap_ =
          "its records are not numbered 1, 2, 3, … by sequenceNumber as a whole day's file "
          "is: record " +
          std::to_string(records_) + " (line " + std::to_string(line) + ") holds " +
          (number ? std::to_string(*number) : std::string("no number")) +
          " (rows are missing, or the file is an excerpt of other files)";
    }
  }
  last_latest_ = fields.size() > kLatest ? std::string(fields[kLatest]) : std::string();
  last_number_ =
      fields.size() > kCorporateNumber ? std::string(fields[kCorporateNumber]) : std::string();
  last_line_ = line;
}

std::string WholeDayCheck::reason() const {
  if (!gap_.empty()) return gap_;
  if (last_latest_ == "0") {
    return "it ends inside the history of corporation " + last_number_ +
           ": its last record (line " + std::to_string(last_line_) +
           ") has latest=0, and a whole day's file ends each corporation's rows with its latest "
           "one (latest=1); the file was cut at a line end";
  }
  return "";
}

}  // namespace gifkit::registries::houjin
