// shrink.hpp — 縮退: what a character outside a target set is replaced by,
// chosen the same way everywhere (validate's suggestion, `chars check` and
// `chars shrink`, `lookup char`, the name and address folds). The rules, in
// order; the first that gives a candidate inside the target set decides:
//  1. the same character written another way: a base + variation selector
//     whose base is in the set loses the selector (drop-selector); a
//     combining sequence composed by NFC (か + U+3099 → が: nfc); half-width
//     katakana widened (ｶﾞ → ガ: width);
//  2. the National Tax Agency's JIS縮退マップ (nta-map): its 文字列変換, else its
//     コード変換, else a 類似字形 it names — of the unit, else of its base; a
//     replacement that is only the NTA's placeholder underscore (® → ＿) is none;
//  3. the MJ 縮退 candidates (mj-shrink) of the unit's own MJ characters, else
//     of every MJ character of its base (old forms such as 條 exist in MJ only
//     with a selector): each candidate inside the set, in the order MJ lists
//     them.
// The replacement is unique when exactly one candidate remains; else a
// person chooses (each candidate says which rule and which MJ rows gave it).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "grammars/text/text_units.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/character_set.hpp"

namespace gifkit::registries::moji {

enum class ShrinkRule { drop_selector, nfc, width, nta_map, mj_shrink };
// "drop-selector", "nfc", "width", "nta-map", "mj-shrink"
std::string_view shrink_rule_name(ShrinkRule rule);

struct ShrinkCandidate {
  std::string text;  // UTF-8
  ShrinkRule rule = ShrinkRule::mj_shrink;
  std::string from;  // what gave it: "MJ030196", "NTA 1-47-82 JIS3水 code", "U+9089"
};

struct ShrinkChoice {
  std::vector<ShrinkCandidate> candidates;  // distinct texts, in rule order
  std::string why_none;                     // when there is none: why

  bool unique() const { return candidates.size() == 1; }
  // The unique replacement, or nullptr.
  const ShrinkCandidate* replacement() const { return unique() ? &candidates.front() : nullptr; }
};

// The replacement of one unit (unit_text is its UTF-8, unit what the reader
// said of it) for target. Units with an issue other than a second selector
// (invalid UTF-8, a lone mark, a private-use character) have none.
ShrinkChoice choose_replacement(const CharacterData& data, std::string_view unit_text,
                                const grammars::TextUnit& unit, const CharacterSet& target);

// The same for a text that is one unit (a character typed by a person).
ShrinkChoice choose_replacement(const CharacterData& data, std::string_view unit_text,
                                const CharacterSet& target);

// True when every unit of utf8 is in set.
bool all_in_set(std::string_view utf8, const CharacterSet& set);

}  // namespace gifkit::registries::moji
