// kana_reading.hpp — the fold under which two written readings of a name
// (氏名（カナ）, フリガナ) are the same reading: what record linkage compares
// readings with, and what a reading check compares a dictionary's reading
// with. Hiragana and half-width kana become full-width katakana; small kana
// become large (ャ → ヤ, ッ → ツ); ヴ becomes ブ (ヴァ → バ); ヂ/ヅ become ジ/ズ;
// a long-vowel mark ー becomes the vowel of the kana before it, and a vowel
// that lengthens the kana before it is written as that vowel (サトウ, サトー
// and サトオ → サトオ; ケイコ and ケーコ → ケエコ); spaces, ・ and other
// characters than kana are dropped.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::grammars {

// The reading of kana text under the fold above (UTF-8 in, UTF-8 out; ""
// when the text holds no kana). Invalid bytes are dropped.
std::string fold_kana_reading(std::string_view text);

}  // namespace gifkit::grammars
