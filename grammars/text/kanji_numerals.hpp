// kanji_numerals.hpp — the kanji numerals (〇一二三四五六七八九, 十百千 and the
// old forms 零壱弐参拾): the one list of them, for the dash rule between
// digits (text_fold's dashes_between_digits) and the address folds and
// numbers above it.
#pragma once
#include <cstdint>

namespace gifkit::grammars {

// The value of a kanji digit (〇/零 0, 一/壱 1 … 九 9), or -1.
std::int64_t kanji_digit(char32_t cp);

// The value of a kanji unit (十/拾 10, 百 100, 千 1000), or -1.
std::int64_t kanji_unit(char32_t cp);

// True for 〇一二三四五六七八九十百千 and the old forms 零壱弐参拾.
bool is_kanji_numeral(char32_t cp);

}  // namespace gifkit::grammars
