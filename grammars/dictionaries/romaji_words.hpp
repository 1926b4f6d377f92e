// romaji_words.hpp — a name's word in Japanese romaji (Hepburn, 訓令, ワープロ:
// TANAKA, Satoh, Syunsuke, JUNICHI) and a katakana word of a Japanese name,
// brought to one spelling so the two compare exactly: the check that a
// Japanese name written in Latin letters reads as its カナ (latin_kana.hpp),
// stricter than the loose English-and-all table of latin_kana.tsv, whose
// vowels go free (Tanaka would pass タナコ there).
//
// The spelling is modified Hepburn with the marks passports drop folded
// away: a long vowel written or not (オオノ ONO OHNO OONO, ユウコ YUKO YUUKO),
// ン before b, p, m written m (サンペイ SAMPEI), ン written n or nn. What a
// romaji spelling cannot tell apart is left alike; anything else differs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// The spelling of latin_word (lower-case ASCII, as latin_name_words gives it)
// when it is Japanese romaji syllable by syllable, else nothing (Smith,
// Christina, Lee, Nguyen: not romaji).
std::optional<std::string> romaji_spelling_of_latin(std::string_view latin_word);

// The spelling of a katakana word written as a Japanese name is written
// (no ー, no small ァ ィ ゥ ェ ォ, no ヴ: ティナ, ローズ are foreign-styled),
// else nothing. With long_mark, ー is taken as a long vowel (イチロー:
// ichiro), as a dictionary may write a Japanese name in katakana.
std::optional<std::string> romaji_spelling_of_kana(std::u32string_view katakana_word,
                                                   bool long_mark = false);

}  // namespace gifkit::grammars
