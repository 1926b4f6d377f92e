// latin_kana.hpp — whether a カナ is a plausible reading of a name written in
// Latin letters (ＢＩＬＬＹ ＪＯＥＬ / ビリー ジョエル, TANAKA TARO / タナカ タロウ,
// NGUYEN VAN AN / グエン バン アン): both sides split into words, each Latin
// word aligned with a katakana word by dynamic programming over the table of
// partial correspondences models/dictionaries/latin_kana.tsv (compiled in;
// ア ↔ a, シ ↔ shi/si/sh, ー ↔ nothing/r, ッ ↔ a doubled consonant…). The
// name-reading check (models/engine/checks/name_reading.*) asks it about 氏名
// written in Latin letters. A pair is a mismatch only when no alignment comes
// near: the product never fails correct data.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// The words of a name written in Latin letters: widths folded (ＢＩＬＬＹ →
// billy), lower-cased, accents removed (é → e, ñ → n, ü → u, ß → ss), split at
// spaces (full/half), ・ ･ = ＝ ゠ - ‐ － , . (apostrophes dropped: O'Brien →
// obrien); empty when the text holds anything but Latin letters and those
// separators.
std::vector<std::string> latin_name_words(std::string_view text);

// The katakana words of a kana name: split at spaces, ・, ＝, ゠; hiragana and
// half-width katakana accepted (widths folded, hiragana → katakana; ー, small
// kana and ッ kept as written, a wave dash 〜 ～ read as ー). A Latin letter
// (an initial: ジョン・F・ケネディ) is kept, lower-cased.
std::vector<std::u32string> kana_name_words(std::string_view text);

enum class LatinReading : std::uint8_t { plausible, mismatch, not_checked };

// Whether one katakana word is a plausible reading of one Latin word (as
// latin_name_words and kana_name_words give them), by the table alone.
LatinReading latin_word_reads_as(std::string_view latin_word, std::u32string_view kana_word);

// The verdict on a whole name and why ("billy → ビリー (rules), joel → ジョエル
// (dictionary)", or what did not match).
struct LatinNameResult {
  LatinReading verdict = LatinReading::not_checked;
  std::string reason;
};

// A whole name: the Latin words against the kana words, in the same order or
// with the family name moved (last ↔ first); a middle name may be absent from
// the kana or written as an initial (John F. Kennedy / ジョン・F・ケネディ or
// ジョン・ケネディ); a kana without separators is split where the words fit.
// known(word) gives a dictionary's readings (katakana or hiragana) of a Latin
// word, or nullptr: a word read as the dictionary reads it is plausible
// whatever the table says. known may be empty (no dictionary).
// japanese_name(spelling) says whether a Latin word's romaji spelling
// (romaji_words.hpp) is a Japanese name's reading: such a word (TANAKA) is
// judged as romaji, strictly, against a kana written as Japanese names are
// (タナコ is then a mismatch). Empty: no word is judged so.
LatinNameResult judge_latin_name(
    std::string_view latin, std::string_view kana,
    const std::function<const std::vector<std::string>*(std::string_view word)>& known,
    const std::function<bool(std::string_view romaji)>& japanese_name = {});

// The table of text (models/dictionaries/latin_kana.tsv's format; source names
// it in errors as "source:line: why"), as the number of correspondences read;
// what the tests check the file with.
std::size_t check_latin_kana_table(std::string_view text, std::string_view source,
                                   std::vector<std::string>& errors);

}  // namespace gifkit::grammars
