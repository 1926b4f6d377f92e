// table_character_fold.hpp — the engine's CharacterLookup over the published
// character tables (a data folder's moji/) for a command run without a
// registry: names folded as a registry's character data folds them (髙 → 高,
// 﨑 → 崎; registries/moji/name_fold.hpp), one character at a time, each the
// first time it is met.
#pragma once
#include <memory>

#include "models/engine/checks/character_checks.hpp"
#include "models/engine/lookups/character_lookup.hpp"

namespace gifkit::registries::moji {
class LazyDerivedFold;
}

namespace gifkit::models {

class TableCharacterFold : public CharacterLookup {
 public:
  // characters must outlive this.
  explicit TableCharacterFold(std::shared_ptr<const CharacterChecker> characters);
  ~TableCharacterFold() override;
  std::string fold_characters(std::string_view text) override;

 private:
  std::shared_ptr<const CharacterChecker> characters_;
  std::unique_ptr<registries::moji::LazyDerivedFold> fold_;
};

}  // namespace gifkit::models
