// character_info.cpp — see character_info.hpp.
#include "registries/moji/character_info.hpp"

#include <algorithm>

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::registries::moji {
namespace {

// "U+908A U+E0102", "U+908A+E0102", "U+908A_E0102", "U+908AU+E0102" as UTF-8,
// or "" when malformed.
std::string parse_code_point_key(std::string_view key) {
  std::string text;
  while (!key.empty()) {
    if (key.starts_with("U+") || key.starts_with("u+")) key.remove_prefix(2);
    std::size_t end = 0;
    while (end < key.size() && std::isxdigit(static_cast<unsigned char>(key[end]))) ++end;
    auto cp = parse_code_point(key.substr(0, end), true);
    if (!cp || (*cp >= 0xD800 && *cp <= 0xDFFF)) return {};
    grammars::append_utf8(text, *cp);
    key.remove_prefix(end);
    while (!key.empty() &&
           (key.front() == ' ' || key.front() == '+' || key.front() == '_' || key.front() == ','))
      key.remove_prefix(1);
  }
  return text;
}

bool looks_like_jis_position(std::string_view key) {
  if (key.empty() || !std::isdigit(static_cast<unsigned char>(key.front()))) return false;
  for (char c : key)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-') return false;
  return key.find('-') != std::string_view::npos;
}

}  // namespace

std::string CharacterInfo::mj_names() const {
  std::string names;
  for (const MjCharacter* character : mj)
    names += (names.empty() ? "" : ", ") + mj_name(character->mj);
  if (mj_of_base && !names.empty()) names = "base " + names;
  return names;
}

CharacterInfo describe_character(const CharacterData& data, std::string_view unit_text) {
  CharacterInfo info;
  info.text = unit_text;
  info.code_points = grammars::code_points_text(unit_text);
  grammars::TextUnitReader reader(unit_text);
  grammars::TextUnit unit;
  if (!reader.next(unit)) return info;
  info.base = unit.base;
  info.selector = unit.selector;
  info.flags = data.flags(unit.base);
  info.mj = data.mj_of_sequence(unit_text);
  info.variants = data.mj_of_base(unit.base);
  if (info.mj.empty() && unit.code_points > 1) {
    info.mj_of_base = true;
    info.selector_not_in_mj = unit.selector != 0 && !info.variants.empty();
    info.mj = info.variants;
  } else if (info.mj.empty() && !info.variants.empty()) {
    info.mj_of_base = true;  // 條: MJ has it only with selectors
    info.mj = info.variants;
  }
  info.jis = data.jis_places(unit_text);
  info.nta = data.nta(unit_text);
  if (info.nta == nullptr && unit.code_points > 1)
    info.nta = data.nta(grammars::utf8_of(unit.base));
  return info;
}

std::string character_readings(const CharacterData& data, std::string_view character) {
  grammars::TextUnitReader reader(character);
  grammars::TextUnit unit;
  if (character.empty() || !reader.next(unit) || !data.has_mj()) return {};
  std::vector<const MjCharacter*> mj = data.mj_of_sequence(character);
  if (mj.empty()) mj = data.mj_of_base(unit.base);
  std::string out;
  std::vector<std::string_view> seen;
  for (const MjCharacter* row : mj) {
    std::string_view rest = row->readings;
    while (!rest.empty()) {
      const std::size_t dot = rest.find("・");
      const std::string_view one = rest.substr(0, dot);
      rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 3);
      if (one.empty() || std::find(seen.begin(), seen.end(), one) != seen.end()) continue;
      seen.push_back(one);
      if (!out.empty()) out += "・";
      out += one;
    }
  }
  return out;
}

CharacterKey resolve_character_key(const CharacterData& data, std::string_view key) {
  CharacterKey result;
  if (key.empty()) {
    result.message = "an empty key";
    return result;
  }
  if (auto mj = parse_mj_name(key)) {
    const MjCharacter* character = data.mj_number(*mj);
    if (character == nullptr) {
      result.status = CharacterKey::Status::not_found;
      result.message = mj_name(*mj) + " is not an MJ number of " + data.source_name();
      return result;
    }
    result.status = CharacterKey::Status::found;
    result.text = character->sequences.front();
    return result;
  }
  if ((key[0] == 'M' || key[0] == 'm') && key.size() > 1 && (key[1] == 'J' || key[1] == 'j')) {
    result.message =
        "'" + std::string(key) + "' is not an MJ number (MJ followed by digits: MJ028902)";
    return result;
  }
  if (key.starts_with("U+") || key.starts_with("u+")) {
    std::string text = parse_code_point_key(key);
    if (text.empty()) {
      result.message =
          "'" + std::string(key) + "' is not a code point (U+9AD9) or a sequence (U+908A U+E0102)";
      return result;
    }
    key = text;
    result.text = text;
  } else if (looks_like_jis_position(key)) {
    auto position = parse_jis_position(key);
    if (!position) {
      result.message = "'" + std::string(key) +
                       "' is not a 面区点 of JIS X 0213 (plane 1–2, row 1–94, cell 1–94: 1-94-20)";
      return result;
    }
    const JisPlace* place = data.jis_place(*position);
    if (place == nullptr) {
      result.status = CharacterKey::Status::not_found;
      result.message = position->text() + " is an empty place of JIS X 0213";
      return result;
    }
    result.status = CharacterKey::Status::found;
    result.text = place->sequence;
    return result;
  } else {
    result.text = key;
  }
  // One character, as a person sees it.
  grammars::TextUnitReader reader(result.text);
  grammars::TextUnit unit;
  reader.next(unit);
  if (unit.issue == grammars::UnitIssue::invalid_utf8 ||
      unit.issue == grammars::UnitIssue::encoded_surrogate) {
    result.message = "the key holds " + std::string(grammars::unit_issue_text(unit.issue));
    return result;
  }
  if (unit.length != result.text.size()) {
    std::size_t units = 1;
    while (reader.next(unit)) ++units;
    result.message = "'" + std::string(key) + "' is " + std::to_string(units) +
                     " characters; give one (or its U+, MJ number or 面区点)";
    return result;
  }
  result.status = CharacterKey::Status::found;
  return result;
}

}  // namespace gifkit::registries::moji
