// kanji_numerals.cpp — the kanji digits and units. See kanji_numerals.hpp.
#include "grammars/text/kanji_numerals.hpp"

namespace gifkit::grammars {

std::int64_t kanji_digit(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
    case U'壱':
      return 1;
    case U'二':
    case U'弐':
      return 2;
    case U'三':
    case U'参':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

std::int64_t kanji_unit(char32_t cp) {
  switch (cp) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    default:
      return -1;
  }
}

bool is_kanji_numeral(char32_t cp) {
  return kanji_digit(cp) >= 0 || kanji_unit(cp) > 0;
}

}  // namespace gifkit::grammars
