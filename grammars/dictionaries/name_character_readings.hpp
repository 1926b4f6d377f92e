// name_character_readings.hpp — the readings characters take in names (名乗り:
// 一 → カズ, 寿 → ヒサ), learnt from names with their readings: a
// one-character name gives its character's reading outright; a longer name
// is aligned with its reading (each character 1–4 kana) — first every
// alignment counted as a fraction, then, for options.rounds rounds (one by
// default: more changed nothing measured), only each name's
// likeliest alignment under the counts so far (a character's reading after
// the first character also counts for its unvoiced form: 崎 ザキ for サキ).
// A reading is kept when at least min_names names align to it, so that one
// odd name makes nothing plausible. NameReadings::finish calls it with the
// dictionaries' family and given names.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grammars/dictionaries/name_reading_dictionary.hpp"

namespace gifkit::grammars {

// A name and one of its readings, UTF-8 (the reading in katakana).
struct NameAndReading {
  std::string_view name;
  std::string_view reading;
};

using CharacterReadingMap = std::unordered_map<char32_t, std::vector<std::u32string>>;

// The readings of each character (katakana, the best supported first) that
// names show. Kana in a name stand for themselves and are not learnt; 々
// stands for the character before it; a name whose reading is not all
// katakana (or ー), or longer than 4 kana a character, is left out.
CharacterReadingMap learn_character_readings(const std::vector<NameAndReading>& names,
                                             const CharacterReadingOptions& options);

}  // namespace gifkit::grammars
