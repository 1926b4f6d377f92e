// column_profile.hpp — what the html report draws per column beside its
// filled and invalid counts: how many distinct values (exact up to a cap,
// then "at least") and the most common values with their counts. Counted
// only when ValidateOptions::profile_columns asks for it; memory is bounded
// by the cap, not by the file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/engine/report/report.hpp"

namespace gifkit::models {

class ColumnProfiles {
 public:
  // Distinct values counted per column before the count becomes a lower
  // bound; values longer than kLongestValue bytes are counted by their first
  // kLongestValue bytes (a profile, not a copy of the file).
  static constexpr std::size_t kDistinctCap = 10'000;
  static constexpr std::size_t kLongestValue = 200;
  static constexpr std::size_t kTopValues = 5;

  explicit ColumnProfiles(std::size_t columns) : counts_(columns), capped_(columns, false) {}

  // One non-empty value of column (0-based, < the columns given).
  void add(std::size_t column, std::string_view value);

  // Writes distinct, distinct_capped and top_values into quality (one entry
  // per column, as many as were given), each shown value with its 個人番号
  // masked.
  void store(std::vector<ItemQuality>& quality) const;

 private:
  std::vector<std::unordered_map<std::string, std::uint64_t>> counts_;
  std::vector<bool> capped_;  // a value was not counted: the cap was reached
};

}  // namespace gifkit::models
