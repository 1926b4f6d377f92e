// address_fold.hpp — folding what people type as a Japanese address into
// comparable text: (1) the display fold (widths, half-width kana, the many
// dashes, ー between digits, spaces; a postal code in front and bracketed
// text taken out), and (2) the key fold used to compare place names with the
// Address Base Registry's (old and variant kanji from a data table,
// ケ/ヶ/が and ノ/の, kanji numerals before 丁目, no spaces), which keeps
// where each key byte came from in the display text. The variant table and
// the street markers are data (models/dictionaries/address_fold.tsv),
// parsed here and loaded by the caller.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grammars/text/kanji_numerals.hpp"  // is_kanji_numeral, for the callers of the folds

namespace gifkit::grammars {

// The data tables of the key fold.
struct AddressFoldTables {
  std::unordered_map<char32_t, char32_t> variants;  // 縣 → 県, ヶ → ケ, の → ノ …
  std::vector<std::string> street_markers;          // Kyoto: 上る 下る 西入 … (key-folded)
  std::vector<char32_t> dropped;                    // left out of keys: ノ (鷺森 = 鷺ノ森)
  std::vector<std::string> before_city_suffixes;  // 八丈島八丈町: a word ending so is skipped
  // Variants of ideographs the table has no entry for, decided elsewhere
  // (the published character tables), or empty: returns what cp is compared
  // as (cp itself when nothing). Called from fold_address_key on every
  // ideograph not in variants, so it must be cheap and thread-safe.
  std::function<char32_t(char32_t)> more_variants;
};

// Parses the tab-separated table: `char<TAB>FROM<TAB>TO` (one character
// each), `drop<TAB>CHAR` (after the variants), `street_marker<TAB>TEXT` and
// `before_city<TAB>SUFFIX` lines; '#' starts a comment line.
// Malformed lines are reported in errors ("line N: why") and skipped.
AddressFoldTables parse_address_fold_tables(std::string_view text,
                                            std::vector<std::string>& errors);

// An address after the display fold.
struct FoldedAddress {
  std::string text;         // widths and dashes folded, one ' ' between parts, trimmed
  std::string postal_code;  // "1120001" when the input started with one (〒 optional)
  std::string bracketed;  // the text that was in brackets （…）(…)【…】「…」［…］, ' '-joined
};

// The display fold of an input line: full-width ASCII to ASCII, half-width
// katakana to full-width, every dash (and ー/－ between digits) to '-',
// blanks (U+3000, tabs, NBSP) to one ' ', control characters dropped; a
// leading postal code ("〒112-0001", "112-0001 ") and bracketed text moved
// out. Invalid UTF-8 bytes become U+FFFD.
void fold_address_text(std::string_view input, FoldedAddress& out);

// The comparison key of a display-folded text and, per key byte, the byte
// offset in the text it came from (offsets.size() == key.size() + 1; the
// last entry is text.size()).
struct AddressKey {
  std::string key;
  std::vector<std::uint32_t> offsets;
};

// The key fold: spaces dropped, variants of tables applied (one character
// to one), then the dropped characters left out, kanji numerals directly before 丁目 written in
// ASCII digits (三丁目 → 3丁目, 十二丁目 → 12丁目).
void make_address_key(std::string_view text, const AddressFoldTables& tables, AddressKey& out);

// The key of a place name (display fold, then key fold), e.g. of an ABR
// name: "白山", "１丁目" → "1丁目", "神ヶ谷" → "神ケ谷".
std::string address_name_key(std::string_view name, const AddressFoldTables& tables);

// The value of a kanji numeral: positional 二十三 (23), 百五 (105), 千二百
// (1200), or digit by digit 二〇二 (202); ASCII digits too. -1 when text is
// not a numeral (or its value exceeds 99999).
std::int64_t parse_number_text(std::string_view text);

}  // namespace gifkit::grammars
