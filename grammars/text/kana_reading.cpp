// kana_reading.cpp — the one fold of written readings (kana_reading.hpp).
#include "grammars/text/kana_reading.hpp"

#include <vector>

#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

constexpr char32_t kLongVowel = U'ー';

// One katakana as readings are compared: small to large, the old and rare
// letters to the ones read the same.
char32_t fold_letter(char32_t cp) {
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
    case U'ヴ':
      return U'ブ';
    case U'ヂ':
      return U'ジ';
    case U'ヅ':
      return U'ズ';
    case U'ヲ':
      return U'オ';
    case U'ヰ':
      return U'イ';
    case U'ヱ':
      return U'エ';
    case U'〜':
    case U'～':
      return kLongVowel;  // a wave dash written for ー
    default:
      return cp;
  }
}

}  // namespace

char32_t reading_vowel(char32_t cp) {
  static constexpr std::u32string_view a = U"アカガサザタダナハバパマヤラワ";
  static constexpr std::u32string_view i = U"イキギシジチニヒビピミリ";
  static constexpr std::u32string_view u = U"ウクグスズツヌフブプムユル";
  static constexpr std::u32string_view e = U"エケゲセゼテデネヘベペメレ";
  static constexpr std::u32string_view o = U"オコゴソゾトドノホボポモヨロ";
  if (a.find(cp) != std::u32string_view::npos) return U'ア';
  if (i.find(cp) != std::u32string_view::npos) return U'イ';
  if (u.find(cp) != std::u32string_view::npos) return U'ウ';
  if (e.find(cp) != std::u32string_view::npos) return U'エ';
  if (o.find(cp) != std::u32string_view::npos) return U'オ';
  return 0;
}

char32_t kana_with_vowel(char32_t cp, char32_t vowel) {
  static constexpr std::u32string_view vowels = U"アイウエオ";
  // Each row by vowel; ・ where the row has no kana.
  static constexpr std::u32string_view rows[] = {
      U"アイウエオ", U"カキクケコ", U"ガギグゲゴ", U"サシスセソ", U"ザジズゼゾ",
      U"タチツテト", U"ダ・・デド", U"ナニヌネノ", U"ハヒフヘホ", U"バビブベボ",
      U"パピプペポ", U"マミムメモ", U"ヤ・ユ・ヨ", U"ラリルレロ", U"ワ・・・・"};
  const std::size_t column = vowels.find(vowel);
  if (column == std::u32string_view::npos || cp == U'・') return 0;
  for (std::u32string_view row : rows)
    if (row.find(cp) != std::u32string_view::npos) return row[column] == U'・' ? 0 : row[column];
  return 0;
}

void append_rendaku_forms(const std::u32string& reading, std::vector<std::u32string>& out) {
  if (reading.empty()) return;
  static constexpr std::u32string_view plain = U"カキクケコサシスセソタチツテトハヒフヘホ";
  static constexpr std::u32string_view voiced = U"ガギグゲゴザジズゼゾダジズデドバビブベボ";
  static constexpr std::u32string_view semi = U"パピプペポ";
  const std::size_t at = plain.find(reading.front());
  if (at == std::u32string_view::npos) return;
  std::u32string form = reading;
  form.front() = voiced[at];
  out.push_back(form);
  if (at >= 15) {
    form.front() = semi[at - 15];
    out.push_back(std::move(form));
  }
}

std::u32string fold_reading(std::string_view utf8) {
  const std::string wide = hiragana_to_katakana(halfwidth_to_fullwidth_kana(utf8));
  std::u32string out;
  out.reserve(wide.size() / 3 + 1);
  std::size_t pos = 0;
  bool after_vu = false;
  while (pos < wide.size()) {
    const char32_t raw = decode_utf8(wide, pos);
    const bool small = raw == U'ァ' || raw == U'ィ' || raw == U'ェ' || raw == U'ォ';
    char32_t cp = fold_letter(raw);
    if (cp == U' ' || cp == U'　' || cp == U'・' || cp == U'゠') continue;
    if ((cp == 0x3099 || cp == 0x309A) && !out.empty()) {  // a combining mark: カ + ゙
      std::vector<std::u32string> forms;
      append_rendaku_forms(std::u32string(1, out.back()), forms);
      const std::size_t which = cp == 0x3099 ? 0 : 1;
      if (which < forms.size()) out.back() = forms[which].front();
      continue;
    }
    // ヴァ ヴィ ヴェ ヴォ: the small vowel makes the ブ of ヴ the バ row's.
    if (after_vu && (cp == U'ア' || cp == U'イ' || cp == U'エ' || cp == U'オ') && small) {
      out.back() = cp == U'ア' ? U'バ' : cp == U'イ' ? U'ビ' : cp == U'エ' ? U'ベ' : U'ボ';
      after_vu = false;
      continue;
    }
    after_vu = raw == U'ヴ';
    const char32_t before = out.empty() ? 0 : reading_vowel(out.back());
    if (cp == kLongVowel && before != 0)
      cp = before;
    else if (cp == U'ウ' && before == U'オ')
      cp = U'オ';
    else if (cp == U'イ' && before == U'エ')
      cp = U'エ';
    out.push_back(cp);
  }
  return out;
}

std::string fold_kana_reading(std::string_view text) {
  std::string out;
  for (const char32_t cp : fold_reading(text))
    if (cp >= U'ァ' && cp <= U'ヶ') append_utf8(out, cp);
  return out;
}

}  // namespace gifkit::grammars
