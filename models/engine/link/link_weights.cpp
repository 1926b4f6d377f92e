// link_weights.cpp — Fellegi–Sunter parameters by EM, and the weights of a
// pair (link_weights.hpp).
#include "models/engine/link/link_weights.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <numeric>

namespace gifkit::models {

namespace {

using Table = std::array<std::array<double, kAgreementLevelCount>, kLinkItemCount>;

// The starting guesses, per item (name, birth date, sex, address) and level
// (missing, exact, folded, reading, close, disagree): m for one person's two
// records, u for two people's. The data outweighs them as soon as there are
// more pairs than their strength (kPriorPairs, kPriorRandomPairs).
constexpr Table kPriorM = {{
    {0, 0.85, 0.05, 0.03, 0.05, 0.02},
    {0, 0.95, 0, 0, 0.04, 0.01},
    {0, 0.98, 0, 0, 0, 0.02},
    {0, 0.75, 0, 0, 0.10, 0.15},
}};
constexpr Table kPriorU = {{
    {0, 1e-5, 2e-6, 1e-5, 1e-4, 0},
    {0, 4e-5, 0, 0, 3e-4, 0},
    {0, 0.5, 0, 0, 0, 0},
    {0, 1e-5, 0, 0, 1e-3, 0},
}};
constexpr double kPriorPairs = 20;                // the m guesses weigh as many matching pairs
constexpr double kPriorRandomPairs = 10000;       // the u guesses weigh as many random pairs
constexpr double kSmallest = 1e-9;                // no probability is taken as zero
constexpr double kTermFrequencyStrength = 20000;  // records a value's count is smoothed over

// Normalizes row (the levels of one item, missing aside) to sum to one, each
// level that is possible for the item (a guess above zero, or seen) kept
// above kSmallest.
void normalize(std::array<double, kAgreementLevelCount>& row,
               const std::array<double, kAgreementLevelCount>& prior) {
  double sum = 0;
  for (std::size_t l = 1; l < kAgreementLevelCount; ++l) sum += row[l];
  for (std::size_t l = 1; l < kAgreementLevelCount; ++l) {
    row[l] = sum > 0 ? row[l] / sum : prior[l];
    if (prior[l] > 0 || row[l] > 0) row[l] = std::max(row[l], kSmallest);
  }
  row[0] = 1;
}

// The u guesses with disagree filled in (1 minus the rest).
Table prior_u() {
  Table u = kPriorU;
  for (auto& row : u) {
    double agree = 0;
    for (std::size_t l = 1; l + 1 < kAgreementLevelCount; ++l) agree += row[l];
    row[kAgreementLevelCount - 1] = std::max(0.0, 1 - agree);
  }
  return u;
}

}  // namespace

LinkParameters estimate_link_parameters(const PatternCounts& candidates, const LevelCounts& random,
                                        std::uint64_t random_pairs, double total_pairs,
                                        int iterations) {
  LinkParameters parameters;
  parameters.random_pairs = random_pairs;
  const Table guess_u = prior_u();
  // u: the random pairs, with the guesses as kPriorRandomPairs pairs more.
  for (std::size_t i = 0; i < kLinkItemCount; ++i) {
    double seen = 0;
    for (std::size_t l = 1; l < kAgreementLevelCount; ++l) seen += random.counts[i][l];
    for (std::size_t l = 1; l < kAgreementLevelCount; ++l)
      parameters.u[i][l] =
          (random.counts[i][l] + kPriorRandomPairs * guess_u[i][l]) / (seen + kPriorRandomPairs);
    normalize(parameters.u[i], guess_u[i]);
  }
  // m by EM over the candidates, with u_c (the non-matches among the
  // candidates, which blocking made agree more often than random pairs).
  // u_c starts from the candidates' own levels (most candidates are two
  // people: blocking made them share a birth date or a name).
  Table m = kPriorM, uc{};
  for (auto& row : m) normalize(row, row);
  double candidate_total = 0;
  for (std::size_t p = 0; p < kLinkPatternCount; ++p) {
    if (candidates[p] == 0) continue;
    candidate_total += double(candidates[p]);
    const LinkLevels levels = levels_of(static_cast<std::uint16_t>(p));
    for (std::size_t i = 0; i < kLinkItemCount; ++i)
      uc[i][std::size_t(levels[i])] += double(candidates[p]);
  }
  for (std::size_t i = 0; i < kLinkItemCount; ++i) {
    double seen = 0;
    for (std::size_t l = 1; l < kAgreementLevelCount; ++l) seen += uc[i][l];
    for (std::size_t l = 1; l < kAgreementLevelCount; ++l)
      uc[i][l] = (uc[i][l] + kPriorPairs * parameters.u[i][l]) / (seen + kPriorPairs);
    normalize(uc[i], parameters.u[i]);
  }
  double lambda = 0.1;
  int iteration = 0;
  for (; iteration < iterations && candidate_total > 0; ++iteration) {
    Table mc{}, ucc{};
    double matches = 0;
    for (std::size_t p = 0; p < kLinkPatternCount; ++p) {
      if (candidates[p] == 0) continue;
      const LinkLevels levels = levels_of(static_cast<std::uint16_t>(p));
      double pm = lambda, pu = 1 - lambda;
      for (std::size_t i = 0; i < kLinkItemCount; ++i) {
        const auto l = std::size_t(levels[i]);
        pm *= m[i][l];
        pu *= uc[i][l];
      }
      const double post = pm + pu > 0 ? pm / (pm + pu) : 0;
      const double count = double(candidates[p]);
      matches += count * post;
      for (std::size_t i = 0; i < kLinkItemCount; ++i) {
        const auto l = std::size_t(levels[i]);
        mc[i][l] += count * post;
        ucc[i][l] += count * (1 - post);
      }
    }
    double change = 0;
    for (std::size_t i = 0; i < kLinkItemCount; ++i) {
      double m_seen = 0, u_seen = 0;
      for (std::size_t l = 1; l < kAgreementLevelCount; ++l) {
        m_seen += mc[i][l];
        u_seen += ucc[i][l];
      }
      auto before = m[i];
      for (std::size_t l = 1; l < kAgreementLevelCount; ++l) {
        m[i][l] = (mc[i][l] + kPriorPairs * kPriorM[i][l]) / (m_seen + kPriorPairs);
        uc[i][l] = (ucc[i][l] + kPriorPairs * parameters.u[i][l]) / (u_seen + kPriorPairs);
      }
      normalize(m[i], kPriorM[i]);
      normalize(uc[i], parameters.u[i]);
      for (std::size_t l = 1; l < kAgreementLevelCount; ++l)
        change = std::max(change, std::abs(m[i][l] - before[l]));
    }
    lambda = std::clamp(matches / candidate_total, 1e-9, 1 - 1e-9);
    if (change < 1e-6) {
      ++iteration;
      break;
    }
  }
  parameters.m = m;
  parameters.em_iterations = iteration;
  parameters.expected_matches = std::max(1.0, lambda * candidate_total);
  const double others = std::max(1.0, total_pairs - parameters.expected_matches);
  parameters.prior_weight = std::log2(parameters.expected_matches / others);
  return parameters;
}

TermCounts::TermCounts(const LinkTexts& texts, const std::vector<PersonRecord>& left,
                       const std::vector<PersonRecord>& right)
    : names_(texts.names.size()), addresses_(texts.addresses.size()) {
  for (const auto* records : {&left, &right})
    for (const PersonRecord& r : *records) {
      ++names_[r.name_folded];
      ++addresses_[r.address_for_counts()];
      if (r.birth >= 0) ++dates_[r.birth];
      ++records_;
    }
}

double TermCounts::u_of(LinkItem item, const PersonRecord& record, double level_u) const {
  std::uint32_t count = 0;
  switch (item) {
    case LinkItem::name:
      count = names_[record.name_folded];
      break;
    case LinkItem::address:
      count = addresses_[record.address_for_counts()];
      break;
    case LinkItem::birth_date: {
      const auto found = dates_.find(record.birth);
      count = found == dates_.end() ? 0 : found->second;
      break;
    }
    case LinkItem::sex:
      return level_u;
  }
  return (double(count) + kTermFrequencyStrength * level_u) / (records_ + kTermFrequencyStrength);
}

std::array<double, kLinkItemCount> item_weights(const LinkParameters& parameters,
                                                const LinkLevels& levels, const PersonRecord& a,
                                                const TermCounts& counts) {
  std::array<double, kLinkItemCount> weights{};
  for (std::size_t i = 0; i < kLinkItemCount; ++i) {
    const auto l = std::size_t(levels[i]);
    if (levels[i] == AgreementLevel::missing) continue;
    double u = parameters.u[i][l];
    const auto item = static_cast<LinkItem>(i);
    const bool same_value =
        levels[i] == AgreementLevel::exact || (levels[i] == AgreementLevel::folded);
    if (same_value && item != LinkItem::sex) u = counts.u_of(item, a, u);
    weights[i] = std::log2(std::max(parameters.m[i][l], kSmallest) / std::max(u, kSmallest));
  }
  return weights;
}

LinkRule rule_of(const LinkLevels& levels) {
  const bool name = agrees(levels[0]), birth = agrees(levels[1]), address = agrees(levels[3]);
  if (name && birth && address && agrees(levels[2])) return LinkRule::all_four;
  if (name && birth && address && levels[2] == AgreementLevel::missing)
    return LinkRule::three_without_sex;
  return LinkRule::fewer;
}

PairScorer::PairScorer(const LinkParameters& parameters, const TermCounts& counts,
                       const LinkTexts& texts, double threshold)
    : parameters_(parameters),
      counts_(counts),
      texts_(texts),
      threshold_weight_(std::log2(threshold / (1 - threshold))) {
  assert(threshold > 0 && threshold < 1);
}

LinkPair PairScorer::score(const PersonRecord& a, const PersonRecord& b) const {
  return score(compare_records(a, b, texts_), a);
}

LinkPair PairScorer::score(const LinkLevels& levels, const PersonRecord& a) const {
  LinkPair pair;
  pair.levels = levels;
  pair.item_weights = item_weights(parameters_, levels, a, counts_);
  pair.weight = parameters_.prior_weight +
                std::accumulate(pair.item_weights.begin(), pair.item_weights.end(), 0.0);
  pair.probability = 1 / (1 + std::exp2(-pair.weight));
  pair.rule = rule_of(levels);
  return pair;
}

}  // namespace gifkit::models
