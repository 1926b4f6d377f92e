// latin_name_words.cpp — the two sides of a name as latin_kana.hpp compares
// them: a name in Latin letters as lower-case ASCII words (widths folded,
// accents removed, split at the separators people write), a kana name as
// katakana words (hiragana and half-width folded).
#include <array>

#include "grammars/dictionaries/latin_kana.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/unicode_facts.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

// Lower-cased ASCII letters of a Latin letter with its accents removed, or
// nothing ("" for a letter of no known base).
std::string_view latin_letter_base(char32_t cp) {
  // U+00C0–U+00FF and U+0100–U+017F; '1' is "ae", '2' "ss", '3' "th", '4' "ij", '5' "oe", '.' none.
  static constexpr std::string_view latin1 =
      "aaaaaa1ceeeeiiiidnooooo.ouuuuy32aaaaaa1ceeeeiiiidnooooo.ouuuuy3y";
  static constexpr std::string_view extended_a =
      "aaaaaaccccccccdd"
      "ddeeeeeeeeeegggg"
      "gggghhhhiiiiiiii"
      "ii44jjkkklllllll"
      "lllnnnnnnnnnoooo"
      "oo55rrrrrrssssss"
      "ssttttttuuuuuuuu"
      "uuuuwwyyyzzzzzzs";
  static constexpr std::array<std::string_view, 5> pairs = {"ae", "ss", "th", "ij", "oe"};
  char base = 0;
  if (cp >= 0xC0 && cp <= 0xFF)
    base = latin1[cp - 0xC0];
  else if (cp >= 0x100 && cp <= 0x17F)
    base = extended_a[cp - 0x100];
  if (base >= '1' && base <= '5') return pairs[static_cast<std::size_t>(base - '1')];
  if (base >= 'a' && base <= 'z') {
    static constexpr std::string_view letters = "abcdefghijklmnopqrstuvwxyz";
    return letters.substr(static_cast<std::size_t>(base - 'a'), 1);
  }
  if (cp < 0x180 || cp > 0x24F) {
    if (cp < 0x1E00 || cp > 0x1EFF) return "";
  }
  // Latin Extended-B and Additional (Vietnamese ơ ư ạ ễ…): the first letter of
  // the canonical decomposition.
  const std::u32string decomposed = unicode_facts::decomposition(cp);
  if (decomposed.empty()) return "";
  const char32_t first = decomposed[0];
  if (first >= 'A' && first <= 'Z')
    return latin_letter_base(static_cast<char32_t>(first - 'A' + 'a'));
  if (first >= 'a' && first <= 'z') {
    static constexpr std::string_view letters = "abcdefghijklmnopqrstuvwxyz";
    return letters.substr(static_cast<std::size_t>(first - 'a'), 1);
  }
  return "";
}

bool is_latin_name_separator(char32_t cp) {
  return cp == ' ' || cp == 0x3000 || cp == 0x30FB || cp == 0xFF65 || cp == '=' || cp == 0x30A0 ||
         cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2212 || cp == ',' || cp == '.' ||
         cp == 0x00B7 || cp == '\t';
}
bool is_name_apostrophe(char32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == '`';
}

}  // namespace

std::vector<std::string> latin_name_words(std::string_view text) {
  const std::string folded = fold_ascii_width(text);
  std::vector<std::string> words;
  std::string word;
  for (std::size_t pos = 0; pos < folded.size();) {
    const char32_t cp = decode_utf8(folded, pos);
    if (cp >= 'A' && cp <= 'Z') {
      word.push_back(static_cast<char>(cp - 'A' + 'a'));
    } else if (cp >= 'a' && cp <= 'z') {
      word.push_back(static_cast<char>(cp));
    } else if (is_latin_name_separator(cp)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else if (is_name_apostrophe(cp) || (cp >= 0x300 && cp <= 0x36F)) {
      // Dropped: O'Brien is obrien; a combining accent goes with its letter.
    } else {
      const std::string_view base = latin_letter_base(cp);
      if (base.empty()) return {};
      word += base;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::vector<std::u32string> kana_name_words(std::string_view text) {
  const std::string folded =
      hiragana_to_katakana(halfwidth_to_fullwidth_kana(fold_ascii_width(text)));
  std::vector<std::u32string> words;
  std::u32string word;
  for (std::size_t pos = 0; pos < folded.size();) {
    char32_t cp = decode_utf8(folded, pos);
    if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x30FB || cp == 0xFF65 || cp == '=' ||
        cp == 0x30A0 || cp == '.' || cp == ',') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (cp == '~' || cp == 0x301C || cp == 0xFF5E) cp = U'ー';
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    // A (semi-)voiced mark joined to its kana (カ + ゙ → ガ, ウ + ゙ → ヴ, ハ + ゚ → パ).
    static constexpr std::u32string_view voiceable = U"カキクケコサシスセソタチツテトハヒフヘホ";
    static constexpr std::u32string_view semi_voiceable = U"ハヒフヘホ";
    if ((cp == 0x3099 || cp == 0x309B) && !word.empty()) {
      if (word.back() == U'ウ') {
        word.back() = U'ヴ';
        continue;
      }
      if (voiceable.find(word.back()) != std::u32string_view::npos) {
        word.back() += 1;
        continue;
      }
    }
    if ((cp == 0x309A || cp == 0x309C) && !word.empty() &&
        semi_voiceable.find(word.back()) != std::u32string_view::npos) {
      word.back() += 2;
      continue;
    }
    word.push_back(cp);
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace gifkit::grammars
