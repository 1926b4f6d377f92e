// sex_labels.hpp — 性別 as lists write it (1, 男, 男性, M, おとこ…) read as
// the GIF 性別コード一覧 codes. The table is data,
// models/dictionaries/sex_labels.tsv (compiled in, dictionaries.hpp).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

class SexLabels {
 public:
  // The code a value writes (its code itself, or any spelling of its
  // label, after the width fold and trimming, ASCII letters in any case);
  // nothing for a value the table does not know.
  std::optional<int> code_of(std::string_view value) const;

 private:
  friend SexLabels read_sex_labels(std::string_view, std::string_view, std::vector<std::string>&);
  std::map<std::string, int, std::less<>> codes_;  // spelling (folded) → code
};

// The table of text (source names it in errors as "source:line: why").
SexLabels read_sex_labels(std::string_view text, std::string_view source,
                          std::vector<std::string>& errors);

// The compiled-in models/dictionaries/sex_labels.tsv.
const SexLabels& sex_labels();

}  // namespace gifkit::grammars
