// header_words.hpp — the ways a column header names an item other than by
// the item's own name: a word at its end it may leave out (電話 for
// 電話番号) and the spellings of one word (TEL for 電話). The table is data,
// models/dictionaries/header_words.tsv (compiled in, dictionaries.hpp); this
// file reads it and applies it. A header so related to an item's name is
// evidence for that item, never a binding by itself: validate's and
// transform's columns understood by their values and diff's renamed columns
// weigh it with the values.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

class HeaderWords {
 public:
  // The suffixes, folded (fold_label), the longest first.
  const std::vector<std::string>& suffixes() const { return suffixes_; }

  // The forms a header stands for, folded: itself, itself without one
  // suffix (when something is left), each written as its word's canonical
  // spelling. "電話番号" → 電話番号, 電話; "TEL" → 電話.
  std::vector<std::string> forms(std::string_view header) const;

  // True when a and b name one item by this table: a form of one is a form
  // of the other (電話 and 電話番号, TEL and 電話番号, メール and
  // メールアドレス), or they fold equal.
  bool name_one_item(std::string_view a, std::string_view b) const;

  // True when header names a code or an identifier: it ends with a code
  // suffix (地域コード, 学校ID, NO, 情報の管理主体_法人番号; not 内線番号).
  bool names_code(std::string_view header) const;

  // The item a header is a variant of, folded: the header without a variant
  // word at its end (名称_カナ → 名称, 市区町村（カナ） → 市区町村; the table's
  // kind variant) or without a number at its end (画像2 → 画像); "" when it
  // has neither, or nothing is left.
  std::string variant_stem(std::string_view header) const;

 private:
  friend HeaderWords read_header_words(std::string_view, std::string_view,
                                       std::vector<std::string>&);
  std::string canonical(std::string folded) const;

  std::vector<std::string> suffixes_;
  std::vector<std::string> code_suffixes_;                  // folded, also in suffixes_
  std::vector<std::string> variant_suffixes_;               // folded, the longest first
  std::vector<std::pair<std::string, std::string>> words_;  // folded spelling → canonical
};

// Reads the table from text, the content of a header_words.tsv: lines of
// `kind<TAB>canonical|variant|…` (kind: suffix, code-suffix, variant or word), blank lines and #
// comments skipped. Errors ("source:line: reason") go to errors for an
// unknown kind, a suffix with variants, an empty spelling or one with a
// space, and a spelling given twice (or folding like one given before);
// those lines are left out.
HeaderWords read_header_words(std::string_view text, std::string_view source,
                              std::vector<std::string>& errors);

// The table compiled in from models/dictionaries/header_words.tsv, read
// once. Throws std::logic_error when it has an error (the unit tests read
// the same file).
const HeaderWords& header_words();

}  // namespace gifkit::grammars
