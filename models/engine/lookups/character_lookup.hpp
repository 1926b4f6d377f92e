// character_lookup.hpp — the interface through which the engine compares
// names as a base registry's character data (文字情報基盤) does: validate's and
// transform's comparisons of a name with the registered one
// (models/engine/checks/registry_rules.hpp agrees_with_registered).
// models/session/session_lookup.hpp implements it over a registry; tests may
// implement it over anything.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::models {

class CharacterLookup {
 public:
  virtual ~CharacterLookup() = default;

  // text as the registry's character data compares names: variation
  // selectors dropped, each character outside JIS X 0208 folded (髙 → 高, 﨑 →
  // 崎; registries/moji/name_fold.hpp); text as it is without character data.
  virtual std::string fold_characters(std::string_view text) { return std::string(text); }
};

}  // namespace gifkit::models
