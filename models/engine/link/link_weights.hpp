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

// How often each value occurs among the records of both files: names
// (folded) and addresses by their pools' ids, birth dates by date.
class TermCounts {
 public:
  TermCounts(const LinkTexts& texts, const std::vector<PersonRecord>& left,
             const std::vector<PersonRecord>& right);
  // u of agreeing on the record's value of item: the value's share of the
  // records, smoothed towards the level's u (so a small file's counts do not
  // swing the weight).
  double u_of(LinkItem item, const PersonRecord& record, double level_u) const;

 private:
  std::vector<std::uint32_t> names_, addresses_;
  std::unordered_map<std::int32_t, std::uint32_t> dates_;
  double records_ = 0;
};

// The weights of a pair at levels (what each item adds: log2(m/u), term
// frequencies for exact and folded names, exact dates and addresses); the
// total with the prior is their sum plus parameters.prior_weight.
std::array<double, kLinkItemCount> item_weights(const LinkParameters& parameters,
                                                const LinkLevels& levels, const PersonRecord& a,
                                                const TermCounts& counts);

// The rule a pair's levels satisfy (all four, three without 性別, fewer).
LinkRule rule_of(const LinkLevels& levels);

// Two records compared and weighed with the estimated parameters.
class PairScorer {
 public:
  // All four must outlive the scorer. threshold: a link's match probability.
  PairScorer(const LinkParameters& parameters, const TermCounts& counts, const LinkTexts& texts,
             double threshold);
  // levels, item weights, weight (prior included), probability and rule;
  // left and right are the caller's to set.
  LinkPair score(const PersonRecord& a, const PersonRecord& b) const;
  LinkPair score(const LinkLevels& levels, const PersonRecord& a) const;
  // A link: the weight reaches the threshold and the names do not disagree
  // outright (twins share a birth date, 性別 and address).
  bool is_link(const LinkPair& pair) const {
    return pair.weight >= threshold_weight_ && pair.levels[0] != AgreementLevel::disagree;
  }

 private:
  const LinkParameters& parameters_;
  const TermCounts& counts_;
  const LinkTexts& texts_;
  double threshold_weight_;
};

}  // namespace gifkit::models
