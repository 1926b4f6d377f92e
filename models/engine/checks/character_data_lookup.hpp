// character_data_lookup.hpp — the engine's CharacterLookup over character
// data in memory (registries/moji/character_data.hpp): what validate's
// name-reading check reads without a registry, from the data folder's moji/
// tables (CheckResources::characters). 異体字 are folded as the registry build
// would fold them (registries/moji/name_fold.hpp LazyDerivedFold, one
// character at a time), readings are the MJ table's
// (registries/moji/character_info.hpp character_readings). With a registry,
// models/session/session_lookup.hpp answers the same questions.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "models/engine/lookups/character_lookup.hpp"

namespace gifkit::registries::moji {
class CharacterData;
class LazyDerivedFold;
}  // namespace gifkit::registries::moji

namespace gifkit::models {

class CharacterDataLookup : public CharacterLookup {
 public:
  // data must outlive the lookup.
  explicit CharacterDataLookup(const registries::moji::CharacterData& data);
  ~CharacterDataLookup() override;
  CharacterDataLookup(const CharacterDataLookup&) = delete;
  CharacterDataLookup& operator=(const CharacterDataLookup&) = delete;

  std::string fold_characters(std::string_view text) override;
  std::string character_readings(std::string_view character) override;

 private:
  const registries::moji::CharacterData& data_;
  std::unique_ptr<registries::moji::LazyDerivedFold> fold_;  // made on first use
};

}  // namespace gifkit::models
