// script_words.hpp — the words of a Japanese label told by their script: a
// run of kanji (with 々), a run of katakana (with ー), a run of Latin letters
// and digits, each of two characters or more (トイレ, 洋式 and 和式 of
// 一般トイレ設備内容・男性用トイレ・洋式; AED). Hiragana runs are particles and
// endings (の, となる), never words here. Used to weigh a header as a hint of
// a dataset's kind when no model fits it (models/engine/dataset/kind_words).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// The words of text in their order, repeats kept.
std::vector<std::string> script_words(std::string_view text);

}  // namespace gifkit::grammars
