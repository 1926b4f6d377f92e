// column_profile.cpp — see column_profile.hpp.
#include "models/engine/validate/column_profile.hpp"

#include <algorithm>
#include <cassert>

#include "grammars/values/identifiers.hpp"

namespace gifkit::models {

void ColumnProfiles::add(std::size_t column, std::string_view value) {
  assert(column < counts_.size());
  auto& counts = counts_[column];
  const std::string_view counted = value.substr(0, kLongestValue);
  if (auto found = counts.find(std::string(counted)); found != counts.end()) {
    ++found->second;
  } else if (counts.size() < kDistinctCap) {
    counts.emplace(counted, 1);
  } else {
    capped_[column] = true;
  }
}

void ColumnProfiles::store(std::vector<ItemQuality>& quality) const {
  assert(quality.size() >= counts_.size());
  for (std::size_t column = 0; column < counts_.size(); ++column) {
    const auto& counts = counts_[column];
    ItemQuality& item = quality[column];
    item.distinct = counts.size();
    item.distinct_capped = capped_[column];
    std::vector<std::pair<std::string_view, std::uint64_t>> all(counts.begin(), counts.end());
    const std::size_t top = std::min(kTopValues, all.size());
    // Most common first; equal counts by value, so a report is the same every run.
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(top), all.end(),
                      [](const auto& a, const auto& b) {
                        return a.second != b.second ? a.second > b.second : a.first < b.first;
                      });
    item.top_values.clear();
    for (std::size_t i = 0; i < top; ++i)
      item.top_values.push_back(
          {grammars::mask_individual_numbers_in(all[i].first), all[i].second});
  }
}

}  // namespace gifkit::models
