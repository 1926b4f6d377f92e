// place_qualifiers.cpp — see place_qualifiers.hpp.
#include "grammars/dictionaries/place_qualifiers.hpp"

#include <algorithm>

#include "grammars/dictionaries/dictionaries.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::string_view kPlaceQualifiersFile = "place_qualifiers.tsv";

}  // namespace

const PlaceQualifier* PlaceQualifiers::leading(std::string_view name) const {
  for (const PlaceQualifier& qualifier : qualifiers_)
    if (name.starts_with(qualifier.written)) return &qualifier;
  return nullptr;
}

std::string_view PlaceQualifiers::without_qualifier(std::string_view name) const {
  const PlaceQualifier* qualifier = leading(name);
  return qualifier == nullptr ? name : name.substr(qualifier->written.size());
}

std::string_view PlaceQualifiers::reading_without_qualifier(std::string_view name,
                                                            std::string_view reading) const {
  const PlaceQualifier* qualifier = leading(name);
  if (qualifier == nullptr) return reading;
  for (const std::string& prefix : qualifier->readings)
    if (reading.starts_with(prefix)) return reading.substr(prefix.size());
  return reading;
}

PlaceQualifiers read_place_qualifiers(std::string_view text, std::string_view source,
                                      std::vector<std::string>& errors) {
  PlaceQualifiers table;
  for (const DictionaryEntry& entry : read_dictionary_entries(
           text, source, 0, errors, [](DictionaryEntry&) { return std::string(); })) {
    PlaceQualifier qualifier;
    qualifier.written = entry.spellings.front();
    qualifier.readings.assign(entry.spellings.begin() + 1, entry.spellings.end());
    table.qualifiers_.push_back(std::move(qualifier));
  }
  std::stable_sort(
      table.qualifiers_.begin(), table.qualifiers_.end(),
      [](const auto& a, const auto& b) { return a.written.size() > b.written.size(); });
  return table;
}

const PlaceQualifiers& place_qualifiers() {
  static const PlaceQualifiers table =
      read_compiled_dictionary(kPlaceQualifiersFile, read_place_qualifiers);
  return table;
}

}  // namespace gifkit::grammars
