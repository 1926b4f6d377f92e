// digit_dashes.cpp — a dash between numbers. See digit_dashes.hpp.
#include "grammars/text/digit_dashes.hpp"

#include "grammars/text/kanji_numerals.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

// A digit of a number: 0-9, ０-９ or a kanji numeral.
bool is_number_digit(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || (cp >= 0xFF10 && cp <= 0xFF19) || is_kanji_numeral(cp);
}

// The marks after which a number goes on (3番-5, 2号-1, 1丁目-5): a ー after
// them is no long vowel, which follows kana.
constexpr std::string_view kNumberMarksBeforeDash[] = {"番", "番地", "号", "丁目"};

}  // namespace

bool is_prolonged_sound_mark(char32_t cp) {
  return cp == 0x30FC || cp == 0xFF70;  // ー ｰ
}

bool is_dash_like(char32_t cp) {
  return is_dash(cp) || is_prolonged_sound_mark(cp);
}

bool dash_between_digits(std::string_view before, char32_t cp, std::string_view after) {
  if (!is_dash_like(cp) || before.empty() || after.empty()) return false;
  std::size_t next = 0;
  if (!is_number_digit(decode_utf8(after, next))) return false;
  std::size_t last = before.size() - 1;
  while (last > 0 && (static_cast<unsigned char>(before[last]) & 0xC0) == 0x80) --last;
  if (is_number_digit(decode_utf8(before, last))) return true;
  for (std::string_view mark : kNumberMarksBeforeDash)
    if (before.ends_with(mark)) return true;
  return false;
}

std::string dashes_between_digits(std::string_view utf8, bool marks_only) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(utf8, pos);
    if (cp != U'-' && (!marks_only || is_prolonged_sound_mark(cp)) &&
        dash_between_digits(out, cp, utf8.substr(pos))) {
      out += '-';
    } else {
      out.append(utf8, start, pos - start);
    }
  }
  return out;
}

}  // namespace gifkit::grammars
