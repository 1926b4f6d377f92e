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

// One EM session (Splink's way): over the candidate pairs that blocking made
// agree on item `fixed` (they share a birth date, or a name), m of the other
// items is estimated with u held at the random pairs' (among pairs that
// share a birth date, two people's names, 性別 and addresses are as two
// random people's). m of `fixed` stays as it came; returns the expected
// matches among those pairs.
double em_session(const PatternCounts& pairs, std::size_t fixed, const Table& u, Table& m,
                  int iterations, int& done) {
  double total = 0;
  for (const std::uint64_t count : pairs) total += double(count);
  double lambda = 0.1, matches = 0;
  done = 0;
  for (int iteration = 0; iteration < iterations && total > 0; ++iteration) {
    Table mc{};
    matches = 0;
    for (std::size_t p = 0; p < kLinkPatternCount; ++p) {
      if (pairs[p] == 0) continue;
      const LinkLevels levels = levels_of(static_cast<std::uint16_t>(p));
      double pm = lambda, pu = 1 - lambda;
      for (std::size_t i = 0; i < kLinkItemCount; ++i) {
        if (i == fixed) continue;
        const auto l = std::size_t(levels[i]);
        pm *= m[i][l];
        pu *= u[i][l];
      }
      const double post = pm + pu > 0 ? pm / (pm + pu) : 0;
      const double count = double(pairs[p]);
      matches += count * post;
      for (std::size_t i = 0; i < kLinkItemCount; ++i)
        mc[i][std::size_t(levels[i])] += count * post;
    }
    double change = 0;
    for (std::size_t i = 0; i < kLinkItemCount; ++i) {
      if (i == fixed) continue;
      double seen = 0;
      for (std::size_t l = 1; l < kAgreementLevelCount; ++l) seen += mc[i][l];
      const auto before = m[i];
      for (std::size_t l = 1; l < kAgreementLevelCount; ++l)
        m[i][l] = (mc[i][l] + kPriorPairs * kPriorM[i][l]) / (seen + kPriorPairs);
      normalize(m[i], kPriorM[i]);
      for (std::size_t l = 1; l < kAgreementLevelCount; ++l)
        change = std::max(change, std::abs(m[i][l] - before[l]));
    }
    lambda = std::clamp(matches / total, 1e-9, 1 - 1e-9);
    ++done;
    if (change < 1e-6) break;
  }
  return matches;
}

}  // namespace

LinkParameters estimate_link_parameters(const PatternCounts& same_birth,
                                        const PatternCounts& same_name, const LevelCounts& random,
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
  // m: the names' from the pairs sharing a birth date, the birth dates' from
  // the pairs sharing a name, 性別's and the addresses' from both.
  constexpr std::size_t kName = 0, kBirth = 1;
  Table by_birth = kPriorM, by_name = kPriorM;
  for (auto& row : by_birth) normalize(row, row);
  for (auto& row : by_name) normalize(row, row);
  int birth_iterations = 0, name_iterations = 0;
  const double birth_matches =
      em_session(same_birth, kBirth, parameters.u, by_birth, iterations, birth_iterations);
  em_session(same_name, kName, parameters.u, by_name, iterations, name_iterations);
  Table m = by_birth;
  m[kBirth] = by_name[kBirth];
  for (std::size_t i = 2; i < kLinkItemCount; ++i)
    for (std::size_t l = 1; l < kAgreementLevelCount; ++l)
      m[i][l] = (by_birth[i][l] + by_name[i][l]) / 2;
  parameters.m = m;
  parameters.em_iterations = std::max(birth_iterations, name_iterations);
  // The matches of all pairs: those sharing a birth date, over the share of
  // one person's records that do.
  const double exact_birth = std::max(m[kBirth][std::size_t(AgreementLevel::exact)], 0.01);
  parameters.expected_matches = std::max(1.0, birth_matches / exact_birth);
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
