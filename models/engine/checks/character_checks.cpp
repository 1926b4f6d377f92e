// character_checks.cpp — see character_checks.hpp.
#include "models/engine/checks/character_checks.hpp"

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/named_sets.hpp"
#include "registries/moji/shrink.hpp"

namespace gifkit::models {
namespace {

namespace moji = registries::moji;

// "髙 (U+9AD9, MJ028902)"; a unit with an issue: "U+E0102 (a variation
// selector with no character before it)".
std::string name_of_unit(const moji::CharacterData& data, std::string_view text,
                         const grammars::TextUnit& unit) {
  if (unit.issue != grammars::UnitIssue::none &&
      unit.issue != grammars::UnitIssue::extra_selector &&
      unit.issue != grammars::UnitIssue::private_use) {
    std::string shown = unit.issue == grammars::UnitIssue::invalid_utf8
                            ? std::to_string(unit.length) + " bytes"
                            : grammars::code_points_text(text);
    return shown + " (" + std::string(grammars::unit_issue_text(unit.issue)) + ")";
  }
  moji::CharacterInfo info = moji::describe_character(data, text);
  std::string name = std::string(text) + " (" + info.code_points;
  if (!info.mj.empty()) name += ", " + info.mj_names();
  if (info.selector_not_in_mj) name += ", selector not in MJ";
  if (unit.issue == grammars::UnitIssue::private_use) name += ", private use: 外字";
  if (unit.issue == grammars::UnitIssue::extra_selector) name += ", two selectors";
  return name + ")";
}

// " → 高 (mj-shrink: MJ028902)", " → 牛 or 井 (mj-shrink; a person chooses)",
// ": no replacement (why)".
std::string replacement_text(const moji::ShrinkChoice& choice) {
  if (choice.candidates.empty()) return ": no replacement (" + choice.why_none + ")";
  if (choice.unique()) {
    const auto& only = choice.candidates.front();
    return " → " + only.text + " (" + std::string(moji::shrink_rule_name(only.rule)) + ": " +
           only.from + ")";
  }
  std::string text = " → ";
  for (std::size_t i = 0; i < choice.candidates.size(); ++i) {
    const auto& candidate = choice.candidates[i];
    text += (i ? " or " : "") + candidate.text + " (" +
            std::string(moji::shrink_rule_name(candidate.rule)) + ": " + candidate.from + ")";
  }
  return text + ": a person chooses";
}

constexpr std::size_t kUnitsNamed = 5;

// Whether set holds each code point grammars::is_fullwidth_katakana_text
// accepts (kept in step with it; unit test character-checks-katakana).
bool holds_every_katakana_text_character(const moji::CharacterSet& set) {
  for (char32_t cp = 0x30A1; cp <= 0x30FE; ++cp)
    if (!set.contains(cp)) return false;
  return set.contains(U' ') && set.contains(0x3000);
}

}  // namespace

bool CharacterChecker::holds_katakana_text(const FieldSpec& field) const {
  if (field.charset.any()) return true;
  if (field.charset.file_set || set_of(field.charset) == nullptr) return false;
  return katakana_held_[static_cast<std::size_t>(field.charset.named_index)];
}

CharacterChecker::CharacterChecker(std::shared_ptr<const moji::CharacterData> data)
    : data_(std::move(data)) {}

CharacterChecker::~CharacterChecker() = default;

const moji::CharacterSet* CharacterChecker::set_of(const FieldCharset& charset) const {
  if (charset.file_set) return charset.file_set.get();
  if (charset.named_index < 0 || static_cast<std::size_t>(charset.named_index) >= kMaxNamedSets)
    return nullptr;
  const auto index = static_cast<std::size_t>(charset.named_index);
  if (const moji::CharacterSet* ready = ready_[index].load(std::memory_order_acquire)) return ready;
  std::call_once(made_[index], [&] {
    try {
      sets_[index] = std::make_unique<moji::CharacterSet>(
          moji::make_character_set(*data_, moji::named_sets()[index].name));
      katakana_held_[index] = holds_every_katakana_text_character(*sets_[index]);
      ready_[index].store(sets_[index].get(), std::memory_order_release);
    } catch (const registries::RegistryError& error) {
      problems_[index] = error.what();
    }
  });
  return sets_[index].get();
}

std::string CharacterChecker::set_problem(const FieldCharset& charset) const {
  if (charset.named_index < 0 || static_cast<std::size_t>(charset.named_index) >= kMaxNamedSets)
    return {};
  set_of(charset);
  return problems_[static_cast<std::size_t>(charset.named_index)];
}

void CharacterChecker::report_outside(const moji::CharacterSet& set, std::string_view value,
                                      std::vector<Finding>& findings) const {
  OutsideCharacters outside = describe_outside(*data_, set, value);
  if (outside.count == 0) return;
  Finding finding;
  finding.code = "character-not-allowed";
  finding.severity = Severity::error;
  finding.reason = std::move(outside.reason);
  if (!outside.suggestion.empty())
    finding.set_fix("character-shrink", value, std::move(outside.suggestion));
  findings.push_back(std::move(finding));
}

OutsideCharacters describe_outside(const moji::CharacterData& data, const moji::CharacterSet& set,
                                   std::string_view text) {
  OutsideCharacters outside;
  // Per unit named: "髙 (U+9AD9, MJ028902) at character 1" and " → 高 (…)".
  std::vector<std::pair<std::string, std::string>> named;
  std::string replaced;
  bool all_unique = true;
  std::size_t copied = 0;  // text before this offset is in replaced
  grammars::TextUnitReader reader(text);
  grammars::TextUnit unit;
  while (reader.next(unit)) {
    const std::string_view unit_text = text.substr(unit.offset, unit.length);
    const bool has_issue =
        unit.issue != grammars::UnitIssue::none && unit.issue != grammars::UnitIssue::private_use;
    if (!has_issue && (CharacterChecker::is_control_character(unit.base) ||
                       CharacterChecker::is_halfwidth_katakana(unit.base)))
      continue;
    if (unit.issue == grammars::UnitIssue::none &&
        set.contains_unit(unit_text, unit.code_points, unit.base))
      continue;
    ++outside.count;
    moji::ShrinkChoice choice = moji::choose_replacement(data, unit_text, unit, set);
    if (const auto* only = choice.replacement()) {
      replaced.append(text.substr(copied, unit.offset - copied));
      replaced += only->text;
      copied = unit.offset + unit.length;
    } else {
      all_unique = false;
    }
    if (named.size() < kUnitsNamed) {
      named.emplace_back(
          name_of_unit(data, unit_text, unit) + " at character " + std::to_string(unit.index),
          replacement_text(choice));
    }
  }
  if (outside.count == 0) return outside;
  const std::string set_name = set.description().empty() ? set.name() : set.description();
  if (outside.count == 1) {
    outside.reason = "has " + named[0].first + ", not in " + set_name + named[0].second;
  } else {
    outside.reason =
        "has " + std::to_string(outside.count) + " characters not in " + set_name + ": ";
    for (std::size_t i = 0; i < named.size(); ++i)
      outside.reason += (i ? "; " : "") + named[i].first + named[i].second;
    if (outside.count > named.size())
      outside.reason += "; and " + std::to_string(outside.count - named.size()) + " more";
  }
  if (all_unique) {
    replaced.append(text.substr(copied));
    outside.suggestion = std::move(replaced);
  }
  return outside;
}

}  // namespace gifkit::models
