// kana_reading.hpp — the fold under which two written readings of a name
// (氏名（カナ）, フリガナ, a dictionary's 読み) are the same reading: what record
// linkage compares readings with and what the reading check compares a
// dictionary's reading with — one fold for both. Half-width kana widened,
// hiragana to katakana; small kana to their large form (ッ → ツ, ャ → ヤ,
// ヵ → カ); ヴ → ブ (ヴァ → バ), ヂ → ジ, ヅ → ズ, ヲ → オ, ヰ → イ, ヱ → エ; a
// long-vowel mark ー (or a wave dash written for it) as the vowel before it,
// and after a kana of the o row ウ as オ, after a kana of the e row イ as エ
// (サトウ = サトー = サトオ, ケイコ = ケーコ); a combining voiced mark joined
// to its kana; spaces, ・ and ゠ dropped.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// The reading of UTF-8 text under the fold above, as code points; anything
// that is not kana is kept as it is (a reading with kanji or letters never
// equals a kana one).
std::u32string fold_reading(std::string_view utf8);

// fold_reading with only its katakana kept, as UTF-8 ("" when the text holds
// no kana): what link compares the カナ of two records by.
std::string fold_kana_reading(std::string_view text);

// The vowel (ア イ ウ エ オ) a full-width katakana ends in after the fold, or
// 0 (ン, marks, anything else).
char32_t reading_vowel(char32_t cp);

// The kana of cp's row of the kana table (the カ row: カ キ ク ケ コ; the ヤ row
// ヤ ユ ヨ; ワ alone) with the vowel vowel (ア イ ウ エ オ), or 0 when the row has
// none or cp is of no row: ケ with ア is カ, キ with オ is コ. For folded
// katakana (fold_reading): a small kana or ヂ ヅ ヲ is of no row.
char32_t kana_with_vowel(char32_t cp, char32_t vowel);

// The voiced form of the first kana of a folded reading (連濁: カ → ガ, サ →
// ザ, タ → ダ, チ → ジ, ツ → ズ, ハ → バ) and, for the ハ row, the semi-voiced one
// (ハ → パ); the ones that exist are appended to out.
void append_rendaku_forms(const std::u32string& reading, std::vector<std::u32string>& out);

}  // namespace gifkit::grammars
