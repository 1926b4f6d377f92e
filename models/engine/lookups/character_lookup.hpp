// character_lookup.hpp — the interface through which the engine compares
// names as a base registry's character data (文字情報基盤) does: validate's and
// transform's comparisons of a name with the registered one
// (models/engine/checks/registry_rules.hpp agrees_with_registered); and the
// readings the character data gives one character (the name-reading check,
// models/engine/checks/name_reading.hpp).
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

  // The readings of one character (UTF-8) as the MJ table publishes them,
  // '・'-separated, 音 in katakana and 訓 in hiragana ("コウ・たかい・たか");
  // "" when the character data has none (or there is no character data).
  virtual std::string character_readings(std::string_view /*character*/) { return {}; }
};

}  // namespace gifkit::models
