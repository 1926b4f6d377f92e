// diff_renames.cpp — see diff_renames.hpp.
#include "models/engine/diff/diff_renames.hpp"

#include <string_view>

#include "grammars/dictionaries/header_words.hpp"
#include "models/engine/checks/column_by_values.hpp"
#include "models/engine/diff/diff_columns.hpp"

namespace gifkit::models {

std::uint16_t RenamedColumns::compare(const RowEntry& old_row, const RowEntry& new_row) {
  if (old_.side_columns.empty() || new_.side_columns.empty()) return 0;
  old_.load(old_row.row, old_row.offset, old_values_);
  new_.load(new_row.row, new_row.offset, new_values_);
  auto value = [](const std::vector<std::string>& values, int column) {
    return static_cast<std::size_t>(column) < values.size()
               ? std::string_view(values[static_cast<std::size_t>(column)])
               : std::string_view();
  };
  std::uint16_t equal = 0;
  for (std::size_t x = 0; x < old_.side_columns.size(); ++x) {
    const std::string_view a = value(old_values_, old_.side_columns[x]);
    for (std::size_t y = 0; y < new_.side_columns.size(); ++y) {
      RenameEvidence& evidence = evidence_[x * kSideColumns + y];
      if (a == value(new_values_, new_.side_columns[y])) {
        equal |= static_cast<std::uint16_t>(1u << (x * kSideColumns + y));
        if (!a.empty()) ++evidence.agree;
      } else {
        ++evidence.disagree;
      }
    }
  }
  return equal;
}

bool RenamedColumns::headers_name_one_item(std::size_t x, std::size_t y) const {
  const std::string& a = old_.headers[static_cast<std::size_t>(old_.side_columns[x])];
  const std::string& b = new_.headers[static_cast<std::size_t>(new_.side_columns[y])];
  return grammars::header_words().name_one_item(a, b) ||
         (old_.side_items[x] != nullptr && header_points_at(b, *old_.side_items[x])) ||
         (new_.side_items[y] != nullptr && header_points_at(a, *new_.side_items[y]));
}

void RenamedColumns::find(DiffLayout& layout) {
  const std::size_t olds = old_.side_columns.size(), news = new_.side_columns.size();
  auto share = [&](std::size_t x, std::size_t y) {
    const RenameEvidence& e = evidence_[x * kSideColumns + y];
    const std::uint64_t compared = e.agree + e.disagree;
    return compared == 0 || e.agree == 0
               ? 0.0
               : static_cast<double>(e.agree) / static_cast<double>(compared);
  };
  std::vector<bool> named(kSideColumns * kSideColumns, false);
  for (std::size_t x = 0; x < olds; ++x)
    for (std::size_t y = 0; y < news; ++y)
      named[x * kSideColumns + y] = headers_name_one_item(x, y);
  auto enough = [&](std::size_t x, std::size_t y) {
    return named[x * kSideColumns + y] ? share(x, y) > 0.5 : share(x, y) >= 0.9;
  };
  for (std::size_t x = 0; x < olds; ++x) {
    std::size_t best = news;
    for (std::size_t y = 0; y < news; ++y)
      if (enough(x, y) && (best == news || share(x, y) > share(x, best))) best = y;
    if (best == news) continue;
    bool best_for_y = true;
    for (std::size_t other = 0; other < olds; ++other)
      if (other != x && share(other, best) > share(x, best)) best_for_y = false;
    if (!best_for_y) continue;
    renamed_.push_back({x, best});
    merge_renamed_columns(
        layout, old_.side_columns[x], new_.side_columns[best],
        named[x * kSideColumns + best] && share(x, best) < 0.9 ? "header and values" : "values");
  }
}

}  // namespace gifkit::models
