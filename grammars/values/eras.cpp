// eras.cpp — see eras.hpp.
#include "grammars/values/eras.hpp"

#include <optional>
#include <utility>

#include "grammars/dictionaries/dictionaries.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::string_view kErasFile = "eras.tsv";
constexpr CalendarDate kStillRunning{9999, 12, 31};

// The span of a line: first_day and last_day ("-": still running).
std::optional<std::pair<CalendarDate, CalendarDate>> span_of(const DictionaryEntry& entry) {
  const auto first = parse_iso_date(entry.fields[0]);
  const auto last =
      entry.fields[1] == "-" ? std::optional(kStillRunning) : parse_iso_date(entry.fields[1]);
  if (!first || !last) return std::nullopt;
  return std::pair(*first, *last);
}

}  // namespace

std::vector<JapaneseEra> read_eras(std::string_view text, std::string_view source,
                                   std::vector<std::string>& errors) {
  const auto entries = read_dictionary_entries(text, source, 2, errors, [](DictionaryEntry& entry) {
    const auto span = span_of(entry);
    if (!span) return std::string("first_day and last_day must be YYYY-MM-DD (last_day may be -)");
    if (day_number(span->second) < day_number(span->first))
      return std::string("last_day is before first_day");
    return std::string();
  });
  std::vector<JapaneseEra> table;
  for (const DictionaryEntry& entry : entries) {
    const auto span = span_of(entry);
    if (!table.empty() && day_number(span->first) <= day_number(table.back().last_day)) {
      errors.push_back(std::string(source) + ":" + std::to_string(entry.line) +
                       ": first_day is not after the previous era's last_day");
      continue;
    }
    JapaneseEra era;
    era.name = entry.spellings.front();
    era.variants.assign(entry.spellings.begin() + 1, entry.spellings.end());
    era.first_day = span->first;
    era.last_day = span->second;
    table.push_back(std::move(era));
  }
  return table;
}

const std::vector<JapaneseEra>& eras() {
  static const std::vector<JapaneseEra> table = read_compiled_dictionary(kErasFile, read_eras);
  return table;
}

}  // namespace gifkit::grammars
