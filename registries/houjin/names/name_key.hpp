// name_key.hpp — the normalized search key of a corporation's name,
// furigana or English name, and the n-grams of a key that the short-query
// index stores. Pure functions; the registry's name search (houjin_search)
// stores these keys at build time and normalizes queries the same way.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries::moji {
class NameFold;
}

namespace gifkit::registries::houjin {

// The search key of a name: full-width ASCII and U+3000 folded to ASCII,
// half-width katakana widened (ｶﾞ → ガ), hiragana to katakana, the legal
// forms as the name search has them (grammars::LegalForms::search_spelling,
// the table models/dictionaries/legal_forms.tsv: 株式会社 ㈱ ㍿ (株) 株式會社,
// 合資会社 ㈾ (資), … removed wherever they stand; ㈳ ㈶ written out as
// 社団法人 財団法人), ASCII letters lower-cased and all spaces removed.
// "（株）デジタル" and "デジタル株式会社" both give "デジタル";
// "ﾃﾞｼﾞﾀﾙ" and "でじたる" give "デジタル". Invalid UTF-8 bytes become U+FFFD.
// First of all, variation selectors are dropped and, with a fold (the
// registry's character data), each character outside JIS X 0208 is
// replaced by what names are compared as: "髙島屋" gives "高島屋".
std::string name_key(std::string_view utf8, const moji::NameFold* fold = nullptr);

// The grams the short-query index stores for a key: every bigram (two
// consecutive code points) and the last code point alone, without repeats,
// in first-occurrence order. A 1- or 2-code-point query q is in the key
// exactly when some gram starts with q. "" for an empty key.
std::vector<std::string> key_grams(std::string_view key);

// Number of code points of a key (invalid bytes count one each).
std::size_t key_length(std::string_view key);

}  // namespace gifkit::registries::houjin
