// name_forms.hpp — the forms in which people write a person's name and its
// カナ, read before the name is judged as a reading (name_reading.hpp): the
// registry forms of a 住民基本台帳-style export (`＿` between the parts or
// between a name in Latin letters and its kanji name, a
// bracketed 旧氏 `山田［佐藤］　花子`, a 通称 in parentheses `王　小明（山田　明）`
// or a bare `（通称）` mark) turned into the plain names they stand for, and
// which script a name is written in (kanji, kana only, Latin letters).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::models {

// What a written name is made of, after widths are folded: Latin letters
// (with spaces, ・, =, -, ', .), kana only (hiragana, katakana, half-width
// katakana, ー, with spaces and ・), or anything else (kanji, mixed with kana:
// judged by the dictionary and the characters' readings). empty: nothing
// but separators.
enum class NameScript { empty, kanji, kana, latin };

NameScript name_script(std::string_view written);

// The plain names a written name stands for, the main one first: the text
// with every bracketed part removed and `＿`/`_` as a space, or, when a side of
// it holds a space (`ALLEN JACKSON＿鈴木　一郎`), each side a form; for each
// `［…］` or `[…]` (a 旧氏, or another form) the main text with the bracket's
// content in place of the word before it; for each `（…）` or `(…)` that is
// not a bare mark (通称, 旧氏, 本名, 旧姓, 別名) its content alone. Never empty
// (a text without any bracket is its own one form); at most 8 forms.
std::vector<std::string> name_forms(std::string_view written);

}  // namespace gifkit::models
