// romaji_words.cpp — Japanese romaji and Japanese-styled katakana brought to
// one spelling (romaji_words.hpp): the Latin parsed syllable by syllable into
// modified Hepburn, the katakana romanised by romanize_reading, then on both
// the long vowels and ン's doubled n folded away.
#include "grammars/dictionaries/romaji_words.hpp"

#include <array>
#include <vector>

#include "grammars/dictionaries/enamdict_names.hpp"

namespace gifkit::grammars {

namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o';
}

// A long vowel (aa ii uu ee oo, ou) and ン's nn written once: what a
// romaji spelling may write or leave out.
std::string fold_long_marks(std::string_view spelling) {
  std::string out;
  out.reserve(spelling.size());
  for (const char c : spelling) {
    if (!out.empty() && ((is_vowel(c) && out.back() == c) || (c == 'u' && out.back() == 'o') ||
                         (c == 'n' && out.back() == 'n')))
      continue;
    out.push_back(c);
  }
  return out;
}

// The Hepburn onset a romaji onset stands for before vowel (kunrei and
// wāpuro folded: si → shi, tu → tsu, zya → ja); an onset before a vowel it
// does not take (ye, wi, fa, tsa, she) makes no Japanese syllable.
struct Onset {
  std::string_view written;
  std::string_view vowels;  // the vowels it takes
  std::string_view hepburn;
};
constexpr std::array<Onset, 32> kOnsets = {{
    {"sh", "aiuo", "sh"}, {"ch", "aiuo", "ch"}, {"ts", "u", "ts"},   {"ky", "auo", "ky"},
    {"gy", "auo", "gy"},  {"ny", "auo", "ny"},  {"hy", "auo", "hy"}, {"by", "auo", "by"},
    {"py", "auo", "py"},  {"my", "auo", "my"},  {"ry", "auo", "ry"}, {"sy", "auo", "sh"},
    {"ty", "auo", "ch"},  {"zy", "auo", "j"},   {"jy", "auo", "j"},  {"cy", "auo", "ch"},
    {"k", "aiueo", "k"},  {"g", "aiueo", "g"},  {"s", "aueo", "s"},  {"z", "aueo", "z"},
    {"t", "aeo", "t"},    {"d", "aeo", "d"},    {"n", "aiueo", "n"}, {"h", "aieo", "h"},
    {"b", "aiueo", "b"},  {"p", "aiueo", "p"},  {"m", "aiueo", "m"}, {"y", "auo", "y"},
    {"r", "aiueo", "r"},  {"w", "ao", "w"},     {"f", "u", "f"},     {"j", "aiuo", "j"},
}};

// The kunrei spellings Hepburn writes otherwise: si zi ti tu hu di du.
std::string_view kunrei_syllable(char onset, char vowel) {
  if (vowel == 'i') {
    if (onset == 's') return "shi";
    if (onset == 'z' || onset == 'd') return "ji";
    if (onset == 't') return "chi";
  }
  if (vowel == 'u') {
    if (onset == 't') return "tsu";
    if (onset == 'h') return "fu";
    if (onset == 'd') return "zu";
  }
  return {};
}

}  // namespace

std::optional<std::string> romaji_spelling_of_latin(std::string_view w) {
  // Letters no romaji writes: most foreign names end here.
  if (w.find_first_of("lqvx") != std::string_view::npos) return std::nullopt;
  std::string out;
  bool has_vowel = false;
  for (std::size_t i = 0; i < w.size();) {
    const char c = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    if (is_vowel(c)) {
      out.push_back(c);
      has_vowel = true;
      ++i;
      continue;
    }
    // ン: n not before a vowel or y, m before b p m; OH for オー (OHNO, SATOH).
    if (c == 'n' && !is_vowel(next) && next != 'y') {
      out.push_back('n');
      ++i;
      continue;
    }
    if (c == 'm' && (next == 'b' || next == 'p' || next == 'm')) {
      out.push_back('n');
      ++i;
      continue;
    }
    if (c == 'h' && i > 0 && w[i - 1] == 'o' && !is_vowel(next) && next != 'y') {
      ++i;
      continue;
    }
    // ッ: a consonant written twice, t or c before ch.
    if ((next == c && c != 'y' && c != 'w') ||
        ((c == 't' || c == 'c') && next == 'c' && i + 2 < w.size() && w[i + 2] == 'h')) {
      out.push_back(c == 'c' ? 't' : c);
      ++i;
      continue;
    }
    // One syllable: an onset and its vowel.
    bool read = false;
    for (const Onset& onset : kOnsets) {
      if (onset.written[0] != c) continue;
      if (onset.written.size() == 2 && next != onset.written[1]) continue;
      const std::size_t v = i + onset.written.size();
      if (v >= w.size() || onset.vowels.find(w[v]) == std::string_view::npos) {
        if (onset.written.size() == 1) {
          const std::string_view kunrei = v < w.size() ? kunrei_syllable(c, w[v]) : "";
          if (kunrei.empty()) return std::nullopt;
          out += kunrei;
          has_vowel = true;
          i = v + 1;
          read = true;
          break;
        }
        continue;
      }
      if (onset.hepburn != "w" || w[v] == 'a') out += onset.hepburn;  // wo → を, o
      out.push_back(w[v]);
      has_vowel = true;
      i = v + 1;
      read = true;
      break;
    }
    if (!read) return std::nullopt;
  }
  if (!has_vowel || out.size() < 2) return std::nullopt;
  return fold_long_marks(out);
}

std::optional<std::string> romaji_spelling_of_kana(std::u32string_view word, bool long_mark) {
  if (word.empty()) return std::nullopt;
  for (const char32_t cp : word) {
    if (long_mark && cp == U'ー') continue;
    if (cp < U'ア' || cp > U'ン') return std::nullopt;
    if (cp == U'ァ' || cp == U'ィ' || cp == U'ゥ' || cp == U'ェ' || cp == U'ォ' || cp == U'ヮ')
      return std::nullopt;
  }
  // A word cannot start with ン, ッ or a small kana.
  if (word[0] == U'ン' || word[0] == U'ッ' || word[0] == U'ー' || word[0] == U'ャ' ||
      word[0] == U'ュ' || word[0] == U'ョ')
    return std::nullopt;
  std::vector<std::size_t> ends;
  return fold_long_marks(romanize_reading(word, ends));
}

}  // namespace gifkit::grammars
