// diff_renames.hpp — a removed and an added column of a diff that are one
// column renamed: their values compared on every matched row (the side
// columns, only when both files have columns of their own), the pairs that
// agree on most rows — or whose headers name one item and agree on more
// than half — merged into one renamed column of the layout; a matched row
// then differs where they do.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/engine/diff/diff_input.hpp"
#include "models/engine/diff/diff_run.hpp"

namespace gifkit::models {

class RenamedColumns {
 public:
  RenamedColumns(DiffInput& old_file, DiffInput& new_file) : old_(old_file), new_(new_file) {}

  // Before the first compare.
  void start() { evidence_.assign(kSideColumns * kSideColumns, RenameEvidence()); }
  // The equalities of OLD's and NEW's side columns on a matched row (read
  // from the spools: only when both files have columns of their own), and
  // the evidence of renames they give.
  std::uint16_t compare(const RowEntry& old_row, const RowEntry& new_row);
  // A removed and an added column are one column renamed when their values
  // agree on at least 90 % of the matched rows where either has a value (and
  // on one at least) — or, when their headers name one item (電話番号 and
  // 電話), on more than half of them —, each with the other as its best
  // match: merged in layout.
  void find(DiffLayout& layout);
  // Whether a matched pair differs in a column renamed by its values.
  bool differ(const RowPair& pair) const {
    for (const auto& [x, y] : renamed_)
      if ((pair.side_equal & (1u << (x * kSideColumns + y))) == 0) return true;
    return false;
  }

 private:
  // How often a removed and an added column agree on the matched rows.
  struct RenameEvidence {
    std::uint64_t agree = 0;     // equal and not empty
    std::uint64_t disagree = 0;  // different
  };

  // True when the headers of OLD's side column x and NEW's side column y name
  // one item (grammars/dictionaries/header_words.hpp: 電話番号 and 電話), or one names the
  // item the other is bound to.
  bool headers_name_one_item(std::size_t x, std::size_t y) const;

  DiffInput& old_;
  DiffInput& new_;
  std::vector<RenameEvidence> evidence_;
  std::vector<std::pair<std::size_t, std::size_t>> renamed_;  // (OLD side x, NEW side y)
  std::vector<std::string> old_values_, new_values_;
};

}  // namespace gifkit::models
