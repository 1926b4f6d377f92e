// name_reading_finish.cpp — NameReadings::finish (name_reading_dictionary.hpp):
// the full names' splits resolved against the family and given names read,
// and the characters' readings learnt (name_character_readings.hpp).
#include <utility>

#include "grammars/dictionaries/name_character_readings.hpp"
#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

bool has_reading(const std::vector<std::string>* readings, const std::string& reading) {
  if (readings == nullptr) return false;
  for (const auto& have : *readings)
    if (have == reading) return true;
  return false;
}

}  // namespace

void NameReadings::finish(const CharacterReadingOptions& options, const KeepHeadword& keep) {
  // A full name's headword splits where a known family name with the family
  // reading (or a known given name with the given reading) ends.
  std::vector<std::pair<std::string, std::string>> new_family, new_given;
  for (PendingSplit& pending : pending_splits_) {
    FullNameSplit split{
        {}, {}, std::move(pending.family_reading), std::move(pending.given_reading)};
    const std::string_view name = pending.headword;
    std::size_t at = 0;
    decode_utf8(name, at);  // the family name has one character at least
    while (at < name.size()) {
      const std::string_view family = name.substr(0, at);
      const std::string_view given = name.substr(at);
      if (has_reading(readings(family, NamePart::family), split.family_reading) ||
          has_reading(readings(given, NamePart::given), split.given_reading)) {
        split.family = family;
        split.given = given;
        break;
      }
      decode_utf8(name, at);
    }
    if (!split.family.empty()) {
      if (!keep || keep(split.family)) new_family.emplace_back(split.family, split.family_reading);
      if (!keep || keep(split.given)) new_given.emplace_back(split.given, split.given_reading);
    }
    auto& splits = splits_[std::move(pending.headword)];
    bool known = false;
    for (const auto& have : splits)
      known = known || (have.family_reading == split.family_reading &&
                        have.given_reading == split.given_reading);
    if (!known) splits.push_back(std::move(split));
  }
  pending_splits_.clear();
  pending_splits_.shrink_to_fit();
  for (auto& [headword, reading] : new_family)
    add(NamePart::family, std::move(headword), {std::move(reading)});
  for (auto& [headword, reading] : new_given)
    add(NamePart::given, std::move(headword), {std::move(reading)});

  // Every family and given name (a given name that is also a family name
  // with the same reading once), and the unclassified ones when asked.
  std::vector<NameAndReading> names;
  names.reserve(family_.size() + given_.size());
  for (const auto& [headword, readings] : family_)
    for (const auto& reading : readings) names.push_back({headword, reading});
  for (const auto& [headword, readings_of] : given_) {
    const auto* also = readings(headword, NamePart::family);
    for (const auto& reading : readings_of) {
      bool known = false;
      if (also != nullptr)
        for (const auto& other : *also) known = known || other == reading;
      if (!known) names.push_back({headword, reading});
    }
  }
  if (options.use_unclassified)
    for (const auto& [headword, readings] : unclassified_)
      for (const auto& reading : readings) names.push_back({headword, reading});
  characters_ = learn_character_readings(names, options);
}

}  // namespace gifkit::grammars
