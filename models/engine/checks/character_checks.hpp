// character_checks.hpp — the character-set check of a cell: the characters
// (text units: a base with its selector, か + U+3099, 𠮷) outside the field's
// set, each named with its code points, its MJ number and its place, and
// the replacement chosen by 縮退 (registries/moji/shrink.hpp); the value with
// every replacement applied is the suggestion when each one is unique. The
// named sets are made from the character data on first use.
#pragma once
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/checks/value_checks.hpp"
#include "models/engine/model/model.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/character_set.hpp"

namespace gifkit::models {

class CharacterChecker {
 public:
  // data is shared: a registry session's character data serves every checker
  // made over it (registries/session/character_choice.hpp).
  explicit CharacterChecker(std::shared_ptr<const registries::moji::CharacterData> data);
  ~CharacterChecker();

  const registries::moji::CharacterData& data() const { return *data_; }

  // The set a field's charset names, or nullptr for any (or a named set the
  // data cannot make: that check is skipped, see set_problem()).
  const registries::moji::CharacterSet* set_of(const FieldCharset& charset) const;
  // Why a named set could not be made ("" when it could or was not asked for).
  std::string set_problem(const FieldCharset& charset) const;

  // The set field's values are held to, or nullptr when any character will
  // do (or the set cannot be made).
  const registries::moji::CharacterSet* set_for(const FieldSpec& field) const {
    return field.charset.any() ? nullptr : set_of(field.charset);
  }

  // True when a value that is full-width katakana text
  // (grammars::is_fullwidth_katakana_text: ァ-ヾ, ・, ー and both spaces) can
  // have nothing to report against field's set: there is none, or it holds
  // every one of those characters (a set file: not worked out, false).
  bool holds_katakana_text(const FieldSpec& field) const;

  // True when code point cp of a value is one that set does not hold and
  // that value_checks does not report under codes of its own (control
  // characters, half-width katakana): then report_outside has something to
  // say. The scan of every value, so inline.
  static bool needs_report(const registries::moji::CharacterSet& set, char32_t cp) {
    return !set.contains(cp) && !is_control_character(cp) && !is_halfwidth_katakana(cp);
  }

  // Appends a character-not-allowed finding for the characters of value
  // outside set, once a scan found a code point that needs_report (nothing
  // when none is left: one that starts a sequence the set holds).
  void report_outside(const registries::moji::CharacterSet& set, std::string_view value,
                      std::vector<Finding>& findings) const;

  // What value_checks reports under codes of their own.
  static bool is_control_character(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }
  static bool is_halfwidth_katakana(char32_t cp) { return cp >= 0xFF61 && cp <= 0xFF9F; }

 private:
  static constexpr std::size_t kMaxNamedSets = 16;
  std::shared_ptr<const registries::moji::CharacterData> data_;
  mutable std::array<std::once_flag, kMaxNamedSets> made_;
  mutable std::array<std::unique_ptr<registries::moji::CharacterSet>, kMaxNamedSets> sets_;
  mutable std::array<std::string, kMaxNamedSets> problems_;
  mutable std::array<bool, kMaxNamedSets> katakana_held_{};  // made with sets_
  // Each set once made (and its katakana_held_): asked before call_once,
  // whose every call costs more than the check of a short value.
  mutable std::array<std::atomic<const registries::moji::CharacterSet*>, kMaxNamedSets> ready_{};
};

// The characters of text outside set as check() words them ("has 髙
// (U+9AD9, MJ028902) at character 1, not in JIS X 0208: 高 replaces it
// (mj-shrink: MJ028902)"), and the text with every unique replacement applied
// ("" when one is not unique or there is none). count 0 when every character
// is in the set. Control characters and half-width katakana are not counted.
struct OutsideCharacters {
  std::string reason;
  std::string suggestion;
  std::size_t count = 0;
};
OutsideCharacters describe_outside(const registries::moji::CharacterData& data,
                                   const registries::moji::CharacterSet& set,
                                   std::string_view text);

}  // namespace gifkit::models
