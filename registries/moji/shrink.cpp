// shrink.cpp — see shrink.hpp.
#include "registries/moji/shrink.hpp"

#include <algorithm>
#include <cstdio>

#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::registries::moji {
namespace {

bool is_halfwidth_katakana(char32_t cp) {
  return cp >= 0xFF61 && cp <= 0xFF9F;
}

// Adds a candidate, or names one more source of a candidate already there.
void add_candidate(ShrinkChoice& choice, std::string text, ShrinkRule rule, std::string from) {
  for (auto& candidate : choice.candidates) {
    if (candidate.text != text) continue;
    if (candidate.from.find(from) == std::string::npos) candidate.from += ", " + from;
    return;
  }
  choice.candidates.push_back({std::move(text), rule, std::move(from)});
}

std::string nta_from(const NtaRow& row) {
  std::string from = "NTA";
  if (row.position) from += " " + row.position->text();
  if (!row.kubun.empty()) from += " " + row.kubun;
  return from + " " + std::string(nta_rule_name(row.rule));
}

}  // namespace

std::string_view shrink_rule_name(ShrinkRule rule) {
  switch (rule) {
    case ShrinkRule::drop_selector:
      return "drop-selector";
    case ShrinkRule::nfc:
      return "nfc";
    case ShrinkRule::width:
      return "width";
    case ShrinkRule::nta_map:
      return "nta-map";
    case ShrinkRule::mj_shrink:
      return "mj-shrink";
  }
  return "";
}

bool all_in_set(std::string_view utf8, const CharacterSet& set) {
  grammars::TextUnitReader reader(utf8);
  grammars::TextUnit unit;
  while (reader.next(unit)) {
    if (unit.issue != grammars::UnitIssue::none && unit.issue != grammars::UnitIssue::private_use)
      return false;
    if (!set.contains_unit(utf8.substr(unit.offset, unit.length), unit.code_points, unit.base))
      return false;
  }
  return true;
}

ShrinkChoice choose_replacement(const CharacterData& data, std::string_view unit_text,
                                const grammars::TextUnit& unit, const CharacterSet& target) {
  ShrinkChoice choice;
  using grammars::UnitIssue;
  if (unit.issue != UnitIssue::none && unit.issue != UnitIssue::extra_selector) {
    choice.why_none = unit.issue == UnitIssue::private_use
                          ? "a private-use character has no standard replacement"
                          : std::string(grammars::unit_issue_text(unit.issue));
    return choice;
  }
  const std::string base = grammars::utf8_of(unit.base);
  // 1. The same character written another way.
  if (unit.selector != 0 && target.contains(unit.base)) {
    add_candidate(choice, base, ShrinkRule::drop_selector, "its base " + base);
    return choice;
  }
  {
    std::string composed = grammars::safe_nfc(unit_text);
    if (composed != unit_text && all_in_set(composed, target)) {
      add_candidate(choice, composed, ShrinkRule::nfc, "NFC");
      return choice;
    }
  }
  if (is_halfwidth_katakana(unit.base)) {
    std::string widened = grammars::halfwidth_to_fullwidth_kana(unit_text);
    if (widened != unit_text && all_in_set(widened, target)) {
      add_candidate(choice, widened, ShrinkRule::width, "full-width form");
      return choice;
    }
  }
  // 2. The NTA map, of the unit, else of its base.
  const NtaRow* nta = data.nta(unit_text);
  if (nta == nullptr && unit.code_points > 1) nta = data.nta(base);
  // The NTA's own system writes '_' where it has no replacement (the map's
  // notes); a replacement that is only that placeholder (® → ＿) is none.
  const bool placeholder = nta != nullptr && (nta->replacement == "＿" || nta->replacement == "_");
  if (nta != nullptr && nta->rule != NtaRule::none && !nta->replacement.empty() && !placeholder &&
      nta->replacement != unit_text && nta->replacement != base &&
      all_in_set(nta->replacement, target)) {
    add_candidate(choice, nta->replacement, ShrinkRule::nta_map, nta_from(*nta));
    return choice;
  }
  // 3. MJ 縮退: of the unit's MJ characters, else of every one of its base.
  std::vector<const MjCharacter*> characters = data.mj_of_sequence(unit_text);
  if (characters.empty()) characters = data.mj_of_base(unit.base);
  std::string outside;
  for (const MjCharacter* character : characters) {
    std::string_view shrink = character->shrink;
    for (std::size_t pos = 0; pos < shrink.size();) {
      std::size_t start = pos;
      char32_t cp = grammars::decode_utf8(shrink, pos);
      if (cp == unit.base) continue;
      std::string candidate(shrink.substr(start, pos - start));
      if (target.contains(cp)) {
        add_candidate(choice, candidate, ShrinkRule::mj_shrink, mj_name(character->mj));
      } else if (outside.find(candidate) == std::string::npos) {
        outside += candidate;
      }
    }
  }
  if (!choice.candidates.empty()) return choice;
  if (characters.empty() && nta == nullptr) {
    choice.why_none = "neither the NTA map nor MJ has this character";
  } else if (outside.empty()) {
    choice.why_none = "neither the NTA map nor MJ 縮退 gives a replacement";
  } else {
    choice.why_none = "the MJ 縮退 candidates (" + outside + ") are not in " + target.name();
  }
  return choice;
}

ShrinkChoice choose_replacement(const CharacterData& data, std::string_view unit_text,
                                const CharacterSet& target) {
  grammars::TextUnitReader reader(unit_text);
  grammars::TextUnit unit;
  if (!reader.next(unit)) return {};
  return choose_replacement(data, unit_text.substr(unit.offset, unit.length), unit, target);
}

}  // namespace gifkit::registries::moji
