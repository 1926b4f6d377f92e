// digit_dashes.hpp — the one rule of a dash between numbers: the dash-like
// characters (the dashes of text_fold's is_dash and the prolonged sound marks
// ー ｰ) between digits are '-' (5ｰ11, ０３ー１２３４, 一ー二, 3番ー5), while ー
// after kana stays a long vowel (センター, コーポ). Validate's suggestions,
// transform's writes (through them), the telephone repair and the address
// fold of `address normalize` all read a dash here.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::grammars {

// The prolonged sound marks ー (U+30FC) and ｰ (U+FF70, whose NFKC is ー, so a
// width fold turns 5ｰ11 into 5ー11): a long vowel after kana, typed for a dash
// between digits.
bool is_prolonged_sound_mark(char32_t cp);

// The dashes between numbers: is_dash's characters and the prolonged sound
// marks. Of what people put between the numbers of an address, a telephone
// number or a code — ｰ U+FF70, ー U+30FC, － U+FF0D, ‐ U+2010, ‑ U+2011,
// – U+2013, — U+2014, ― U+2015, − U+2212, ﹣ U+FE63 and '-' itself — all
// are; 〜 ～ ~ (a range) and the kanji 一 (a numeral) are not.
bool is_dash_like(char32_t cp);

// Whether the dash-like character cp, between the text `before` and the text
// `after`, stands between two numbers and so is a dash: the code point after
// it is a digit (0-9, ０-９, a kanji numeral), and the one before it is one
// too, or `before` ends with 番, 番地, 号 or 丁目. Elsewhere a mark is what it
// is: ー after kana is a long vowel, never a dash.
bool dash_between_digits(std::string_view before, char32_t cp, std::string_view after);

// utf8 with every dash-like character that stands between numbers
// (dash_between_digits) written '-', everything else unchanged:
// 松山市築山町5ｰ11 → 松山市築山町5-11, ０３ー１２３４ → ０３-１２３４; センター stays.
// marks_only: only the prolonged sound marks, the dashes left as written
// (a width fix of kana: ４７－２ stays).
std::string dashes_between_digits(std::string_view utf8, bool marks_only = false);

}  // namespace gifkit::grammars
