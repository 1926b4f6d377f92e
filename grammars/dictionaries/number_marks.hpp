// number_marks.hpp — the marks that end the numbers of a 番地以下: 丁目 番地
// 番 号, の (ノ 之) between two numbers, and '-'. The table is data,
// models/dictionaries/number_marks.tsv (compiled in, dictionaries.hpp); this
// file reads it. Used by every reader of 番地以下 numbers: the address
// matcher's (address_numbers.hpp), validate's address comparison
// (models/engine/checks/registry_fold.hpp) and its 番地以下 suggestion.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

enum class NumberMark { none, chome, banchi, ban, go, hyphen, no };

// One spelling of a mark.
struct NumberMarkSpelling {
  std::string text;  // 番地
  NumberMark mark = NumberMark::none;
};

class NumberMarks {
 public:
  // Every spelling of every mark, the longest first (番地 before 番).
  const std::vector<NumberMarkSpelling>& spellings() const { return spellings_; }

  // The longest spelling text starts with, or nullptr.
  const NumberMarkSpelling* at_start(std::string_view text) const;

  // True when cp is a character of some spelling (丁 目 番 地 号 の ノ 之 -).
  bool in_a_mark(char32_t cp) const;

 private:
  friend NumberMarks read_number_marks(std::string_view, std::string_view,
                                       std::vector<std::string>&);
  std::vector<NumberMarkSpelling> spellings_;
  std::vector<char32_t> characters_;  // sorted
};

// Reads the table from text, the content of a number_marks.tsv: lines of
// `mark<TAB>canonical|variant|…` (mark: chome banchi ban go no hyphen),
// blank lines and # comments skipped. Errors ("source:line: reason") go to
// errors for an unknown or repeated mark, an empty spelling or one with a
// space, and a spelling given twice; those lines are left out.
NumberMarks read_number_marks(std::string_view text, std::string_view source,
                              std::vector<std::string>& errors);

// The table compiled in from models/dictionaries/number_marks.tsv, read
// once. Throws std::logic_error when it has an error (the unit tests read
// the same file).
const NumberMarks& number_marks();

}  // namespace gifkit::grammars
