// registry_fold.hpp — the forms in which a dataset's value and the registered
// value are compared by the registry rules (registry-mismatch): differences
// of spelling that do not change the name or the address are folded away,
// everything else is kept. Pure functions over UTF-8.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::models {

// A corporation's name for comparison: the legal forms' variants written
// out as the table models/dictionaries/legal_forms.tsv says (㈱ ㍿ (株) （株）
// 株式會社 → 株式会社; ㈲ (有) → 有限会社; (同) 合同会社, (資) ㈾ 合資会社,
// (名) ㈴ 合名会社, ㈳ 社団法人, ㈶ 財団法人: grammars::LegalForms::write_out),
// full-width ASCII to ASCII, half-width katakana widened, hiragana to
// katakana, every dash to '-', all spaces removed. The legal form itself is
// kept, and where it stands: 株式会社ＧＩＦ and ㈱GIF fold equal, ＧＩＦ株式会社
// and ＧＩＦ do not.
// Not folded: ASCII letter case, old and variant kanji (髙/高: the registry
// rules compare those through the registry's character data,
// CharacterLookup::fold_characters), small kana.
std::string fold_corporate_name(std::string_view utf8);

// The legal forms' variants of a name written out, nothing else changed
// (grammars::LegalForms::write_out, the table fold_corporate_name uses).
// `gifkit diff --fold legal-form` compares values through it.
std::string expand_legal_forms(std::string_view utf8);

// An address for comparison (a simple fold; the address normalizer is a
// later job): full-width ASCII to ASCII, half-width katakana widened, every
// dash to '-'; after a digit, the marks of models/dictionaries/number_marks.tsv
// — 丁目 番地 番 号 (not 号室), and の ノ 之 before a digit — become '-' ("１丁目２番３号" and
// "1-2-3" fold equal); a space between two digits becomes '-', other spaces are removed; repeated
// '-' become one, a
// '-' between a digit and what is not a digit is dropped ("14号ビル",
// "14-ビル" and "14 ビル" all fold to "14ビル") and a trailing '-' too. Not folded: kanji numerals
// (二丁目), ケ/ヶ/が, old and variant kanji, 大字/字, a missing 郡 or 都道府県, 番地 written
// without a number before it.
std::string fold_address(std::string_view utf8);

// True when two folded addresses name the same place: they are equal, or one
// is the other followed by a building or room part — text that does not
// continue the last number (after an optional '-': a non-digit, or digits
// followed by a non-digit other than '-', as in "8階"). "…2-14-17" agrees with
// "…2-14-17-8階" but not with "…2-14-17-8" or "…2-14-170".
bool addresses_agree(std::string_view folded_a, std::string_view folded_b);

// addresses_agree(fold_address(a), fold_address(b)), the same answer for any
// a and b, but folding only what follows the longest common beginning of the
// two that ends in a kana or kanji folding to itself (not 丁 目 番 地 号 室 の):
// the 都道府県, 市区町村 and 町字 that a dataset and the registry usually write
// alike are not folded twice. The beginning is folded whole when it holds an
// invalid UTF-8 sequence or an enclosed legal form.
bool written_addresses_agree(std::string_view a, std::string_view b);

}  // namespace gifkit::models
