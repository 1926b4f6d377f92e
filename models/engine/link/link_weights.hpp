// link_weights.hpp — the Fellegi–Sunter weights of link, estimated without
// labels: u (how often two records taken at random agree at each level) from
// a sample of random pairs, m (how often one person's two records do) by EM
// over the candidate pairs' patterns; each level's weight is log2(m/u), and
// an exact name, birth date or address weighs by how rare its value is
// (term-frequency adjustment: a shared 佐藤 counts less than a shared
// 勅使河原).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "models/engine/link/link.hpp"
#include "models/engine/link/link_compare.hpp"

namespace gifkit::models {

using PatternCounts = std::array<std::uint64_t, kLinkPatternCount>;

// Per item and level, how many of some pairs were at that level.
struct LevelCounts {
  std::array<std::array<double, kAgreementLevelCount>, kLinkItemCount> counts{};
  void add(const LinkLevels& levels, double times = 1) {
    for (std::size_t i = 0; i < kLinkItemCount; ++i) counts[i][std::size_t(levels[i])] += times;
  }
};

// The parameters from the candidate pairs' patterns, the random pairs'
// levels and the number of pairs there are (n(n-1)/2, or LEFT × RIGHT).
LinkParameters estimate_link_parameters(const PatternCounts& candidates, const LevelCounts& random,
                                        std::uint64_t random_pairs, double total_pairs,
                                        int iterations);

// How often each value of an item occurs, by the value's hash.
class ValueFrequencies {
 public:
  void add(std::string_view value);
  void add(std::int64_t value);
  // u of agreeing on this value: its share of the records, smoothed towards
  // the level's u (so a small file's counts do not swing the weight).
  double u_of(std::string_view value, double level_u) const;
  double u_of(std::int64_t value, double level_u) const;
  void set_records(std::uint64_t records) { records_ = records; }

 private:
  double smoothed(std::uint64_t count, double level_u) const;
  std::unordered_map<std::uint64_t, std::uint32_t> counts_;
  std::uint64_t records_ = 0;
};

// The weights of a pair at levels (what each item adds: log2(m/u), term
// frequencies for exact names, dates and addresses); the total with the
// prior is their sum plus parameters.prior_weight.
std::array<double, kLinkItemCount> item_weights(const LinkParameters& parameters,
                                                const LinkLevels& levels, const PersonRecord& a,
                                                const ValueFrequencies& names,
                                                const ValueFrequencies& dates,
                                                const ValueFrequencies& addresses);

}  // namespace gifkit::models
