// row_name_readings.cpp — see row_name_readings.hpp.
#include "models/engine/checks/row_name_readings.hpp"

#include <cassert>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "models/engine/checks/character_data_lookup.hpp"
#include "models/engine/lookups/registry_lookup.hpp"

namespace gifkit::models {

RowNameReadings::RowNameReadings() = default;
RowNameReadings::~RowNameReadings() = default;

bool RowNameReadings::bind(const Model& model,
                           const std::function<int(const std::string&)>& column_of,
                           const CheckResources& resources) {
  pairs_ = reading_pairs(model, column_of);
  // A 商号 or a facility's 名称 is judged from its characters alone, which can never be a
  // finding (plausible or not checked): at 10 µs a row on a 1,000,000-row gif:LegalEntity
  // file (the guard's validate row: 12× v0.3.0's CPU) that buys nothing. Persons' names only.
  std::erase_if(pairs_, [](const ReadingPair& pair) {
    return pair.item == ReadingItem::corporate || pair.item == ReadingItem::other;
  });
  if (pairs_.empty()) return false;
  dictionary_ = grammars::default_name_readings();
  if (resources.registry != nullptr) {
    characters_ = resources.registry;
  } else if (resources.characters != nullptr) {
    if (!own_characters_)
      own_characters_ = std::make_unique<CharacterDataLookup>(resources.characters->data());
    characters_ = own_characters_.get();
  }
  judge_ = std::make_unique<NameReadingJudge>(dictionary_, characters_);
  return true;
}

ReadingResult RowNameReadings::judge(const ReadingPair& pair, std::string_view name,
                                     std::string_view kana) {
  assert(!name.empty() && !kana.empty());
  ++checked_;
  assert(judge_ && pair.item != ReadingItem::corporate && pair.item != ReadingItem::other);
  const NamePart part = pair.item == ReadingItem::family  ? NamePart::family
                        : pair.item == ReadingItem::given ? NamePart::given
                                                          : NamePart::full;
  ReadingResult result = judge_->judge(name, kana, part);
  if (result.verdict == ReadingVerdict::plausible) ++plausible_;
  if (result.verdict == ReadingVerdict::mismatch) ++mismatched_;
  return result;
}

std::string RowNameReadings::note() const {
  if (checked_ == 0) return {};
  const std::uint64_t not_checked = checked_ - plausible_ - mismatched_;
  std::string note =
      "name readings of " + std::to_string(checked_) + (checked_ == 1 ? " pair: " : " pairs: ") +
      std::to_string(plausible_) + " plausible, " + std::to_string(mismatched_) + " mismatched, " +
      std::to_string(not_checked) + " not checked (names the dictionary does not know)";
  if (const std::string missing = grammars::missing_name_dictionaries_note(dictionary_);
      !missing.empty())
    note += " — " + missing;
  return note;
}

}  // namespace gifkit::models
