// kana_reading.cpp — fold_kana_reading: written readings compared as readings
// (see kana_reading.hpp for the rules).
#include "grammars/kana_reading.hpp"

#include "grammars/text_fold.hpp"
#include "grammars/utf8.hpp"

namespace gifkit::grammars {

namespace {

// The large kana of a small one (ァ → ア), or cp itself.
char32_t large_kana(char32_t cp) {
  switch (cp) {
    case U'ァ':
      return U'ア';
    case U'ィ':
      return U'イ';
    case U'ゥ':
      return U'ウ';
    case U'ェ':
      return U'エ';
    case U'ォ':
      return U'オ';
    case U'ッ':
      return U'ツ';
    case U'ャ':
      return U'ヤ';
    case U'ュ':
      return U'ユ';
    case U'ョ':
      return U'ヨ';
    case U'ヮ':
      return U'ワ';
    case U'ヵ':
      return U'カ';
    case U'ヶ':
      return U'ケ';
    default:
      return cp;
  }
}

// The vowel (ア, イ, ウ, エ, オ) a full-width katakana ends in, or 0 for ン,
// marks and anything else.
char32_t vowel_of(char32_t cp) {
  static constexpr std::u32string_view kRows[5] = {
      U"アカガサザタダナハバパマヤラワ", U"イキギシジチヂニヒビピミリヰ",
      U"ウクグスズツヅヌフブプムユルヴ", U"エケゲセゼテデネヘベペメレヱ",
      U"オコゴソゾトドノホボポモヨロヲ",
  };
  static constexpr char32_t kVowels[5] = {U'ア', U'イ', U'ウ', U'エ', U'オ'};
  for (int row = 0; row < 5; ++row)
    if (kRows[row].find(cp) != std::u32string_view::npos) return kVowels[row];
  return 0;
}

bool is_katakana_letter(char32_t cp) {
  return cp >= U'ァ' && cp <= U'ヶ';
}

}  // namespace

std::string fold_kana_reading(std::string_view text) {
  const std::string katakana = hiragana_to_katakana(halfwidth_to_fullwidth_kana(text));
  std::u32string kana;
  kana.reserve(katakana.size() / 3 + 1);
  for (std::size_t pos = 0; pos < katakana.size();) {
    const char32_t cp = decode_utf8(katakana, pos);
    if (cp == U'ー' || cp == U'～' || cp == U'〜') {
      if (!kana.empty() && vowel_of(kana.back()) != 0) kana.push_back(vowel_of(kana.back()));
      continue;
    }
    if (!is_katakana_letter(cp)) continue;
    // ヴァ ヴィ ヴェ ヴォ → バ ビ ベ ボ; ヴ alone → ブ.
    if (!kana.empty() && kana.back() == U'ヴ') {
      const char32_t voiced_row[] = {U'バ', U'ビ', U'ブ', U'ベ', U'ボ'};
      const std::u32string_view small = U"ァィゥェォ";
      const std::size_t at = small.find(cp);
      if (at != std::u32string_view::npos) {
        kana.back() = voiced_row[at];
        continue;
      }
    }
    char32_t letter = large_kana(cp);
    if (letter == U'ヂ') letter = U'ジ';
    if (letter == U'ヅ') letter = U'ズ';
    // A vowel that lengthens the kana before it: オウ → オオ, エイ → エエ.
    if (!kana.empty()) {
      const char32_t before = vowel_of(kana.back());
      if (letter == U'ウ' && before == U'オ') letter = U'オ';
      if (letter == U'イ' && before == U'エ') letter = U'エ';
    }
    kana.push_back(letter);
  }
  for (char32_t& cp : kana)
    if (cp == U'ヴ') cp = U'ブ';
  std::string out;
  out.reserve(kana.size() * 3);
  for (const char32_t cp : kana) append_utf8(out, cp);
  return out;
}

}  // namespace gifkit::grammars
