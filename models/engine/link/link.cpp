// link.cpp — run_link: read, block, compare, estimate, score, cluster (see
// link.hpp; docs/link.md).
#include "models/engine/link/link.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <numeric>
#include <unordered_map>

#include "grammars/values/identifiers.hpp"
#include "models/engine/checks/name_reading.hpp"
#include "models/engine/link/corporation_link.hpp"
#include "models/engine/link/link_audit.hpp"
#include "models/engine/link/link_compare.hpp"
#include "models/engine/link/link_weights.hpp"
#include "models/engine/link/person_reader.hpp"

namespace gifkit::models {

namespace {

// Random pairs the u are counted on: every pair when there are fewer.
constexpr std::uint64_t kRandomPairs = 1'000'000;
// A cluster larger than this is listed for review as it is (its pairs are
// not compared one by one).
constexpr std::size_t kLargestComparedCluster = 64;

std::uint64_t splitmix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The blocking keys of a record: rows that share one are compared. 0: none.
// The birth date with day and month in either order (a swap still meets),
// the folded name, the reading, and the address down to its numbers.
std::array<std::uint64_t, 4> blocking_keys(const PersonRecord& r, const LinkTexts& texts) {
  std::array<std::uint64_t, 4> keys{};
  if (r.birth >= 0) {
    const int y = r.birth / 10000, m = r.birth / 100 % 100, d = r.birth % 100;
    keys[0] = std::uint64_t(y) * 10000 + std::uint64_t(std::min(m, d)) * 100 +
              std::uint64_t(std::max(m, d));
  }
  keys[1] = r.name_folded;
  keys[2] = r.reading;
  const std::uint32_t address = r.address_for_counts();
  if (address != 0 && texts.addresses.text(address).back() != '|') keys[3] = address;
  return keys;
}

// The candidate pairs (left index << 32 | right index; one file: left <
// right), sorted and unique.
std::vector<std::uint64_t> candidate_pairs(const std::vector<PersonRecord>& left,
                                           const std::vector<PersonRecord>& right, bool dedupe,
                                           const LinkTexts& texts, std::size_t max_block,
                                           std::uint64_t max_pairs, std::uint64_t& skipped) {
  std::vector<std::uint64_t> pairs;
  std::size_t largest_block = 0;
  // A block's pairs are counted before they are made: beyond max_pairs, none is.
  const auto within_budget = [&](std::uint64_t adding) {
    if (pairs.size() + adding <= max_pairs) return;
    throw LinkFailure{"the candidate pairs would pass --max-pairs " + std::to_string(max_pairs) +
                      " (" + std::to_string(pairs.size() + adding) +
                      " so far; the largest block of rows sharing a key has " +
                      std::to_string(largest_block) +
                      " rows): lower --max-block so that keys shared by that many rows pair "
                      "none of them, or raise --max-pairs (about 10 bytes of memory a pair)"};
  };
  constexpr std::uint32_t kRightBit = 0x80000000u;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
  for (std::size_t kind = 0; kind < 4; ++kind) {
    entries.clear();
    for (std::uint32_t i = 0; i < left.size(); ++i)
      if (const std::uint64_t key = blocking_keys(left[i], texts)[kind])
        entries.emplace_back(key, i);
    for (std::uint32_t i = 0; i < right.size(); ++i)
      if (const std::uint64_t key = blocking_keys(right[i], texts)[kind])
        entries.emplace_back(key, i | kRightBit);
    std::sort(entries.begin(), entries.end());
    for (std::size_t start = 0; start < entries.size();) {
      std::size_t end = start + 1;
      while (end < entries.size() && entries[end].first == entries[start].first) ++end;
      if (end - start > max_block) {
        ++skipped;
      } else {
        // Left entries come first (without the right bit) within a run.
        std::size_t split = start;
        while (split < end && !(entries[split].second & kRightBit)) ++split;
        largest_block = std::max(largest_block, end - start);
        const std::uint64_t rows = end - start;
        within_budget(dedupe ? rows * (rows - 1) / 2 : (split - start) * (end - split));
        if (dedupe) {
          for (std::size_t a = start; a < end; ++a)
            for (std::size_t b = a + 1; b < end; ++b)
              pairs.push_back(std::uint64_t(entries[a].second) << 32 | entries[b].second);
        } else {
          for (std::size_t a = start; a < split; ++a)
            for (std::size_t b = split; b < end; ++b)
              pairs.push_back(std::uint64_t(entries[a].second) << 32 |
                              (entries[b].second & ~kRightBit));
        }
      }
      start = end;
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

// The levels of random pairs (every pair when there are fewer than kRandomPairs).
LevelCounts random_levels(const std::vector<PersonRecord>& left,
                          const std::vector<PersonRecord>& right, bool dedupe,
                          const LinkTexts& texts, std::uint64_t seed, std::uint64_t& counted) {
  LevelCounts counts;
  const std::vector<PersonRecord>& other = dedupe ? left : right;
  const double total = dedupe ? double(left.size()) * double(left.size() - 1) / 2
                              : double(left.size()) * double(right.size());
  counted = 0;
  if (left.empty() || other.empty() || total < 1) return counts;
  if (total <= double(kRandomPairs)) {
    for (std::size_t a = 0; a < left.size(); ++a)
      for (std::size_t b = dedupe ? a + 1 : 0; b < other.size(); ++b, ++counted)
        counts.add(compare_records(left[a], other[b], texts));
    return counts;
  }
  std::uint64_t state = seed;
  while (counted < kRandomPairs) {
    const std::size_t a = splitmix(state) % left.size();
    const std::size_t b = splitmix(state) % other.size();
    if (dedupe && a == b) continue;
    counts.add(compare_records(left[a], other[b], texts));
    ++counted;
  }
  return counts;
}

struct UnionFind {
  std::vector<std::uint32_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

std::string_view link_rule_name(LinkRule rule) {
  switch (rule) {
    case LinkRule::all_four:
      return "all-four";
    case LinkRule::three_without_sex:
      return "three-without-sex";
    case LinkRule::fewer:
      return "fewer";
  }
  return "?";
}

LinkResult run_link(const LinkOptions& options, ModelCatalog& catalog) {
  assert(options.threshold > 0 && options.threshold < 1);
  LinkResult result;
  result.dedupe = options.right_path.empty();
  LinkTexts texts;
  // The reading check: each (name, カナ) as written judged once, by the
  // function validate calls, so the two agree on every pair.
  std::unordered_map<std::string, std::optional<bool>> judged;
  NameReadingJudge judge(grammars::default_name_readings(), options.characters);
  texts.reads_as = [&judged, &judge](std::string_view name,
                                     std::string_view kana) -> std::optional<bool> {
    std::string key;
    key.reserve(name.size() + kana.size() + 1);
    key.append(name).push_back('\0');
    key.append(kana);
    auto [found, added] = judged.try_emplace(std::move(key));
    if (added) {
      const ReadingVerdict verdict = judge.judge(name, kana, NamePart::full).verdict;
      if (verdict != ReadingVerdict::not_checked)
        found->second = verdict == ReadingVerdict::plausible;
    }
    return found->second;
  };
  PersonNormalizer normalizer(options.address_fold_tables, options.characters, options.addresses,
                              texts);
  result.audit = options.audit;
  std::vector<std::string> left_paths = {options.left_path};
  if (options.audit)
    left_paths.insert(left_paths.end(), options.more_paths.begin(), options.more_paths.end());
  if (left_paths.size() > 0xFFFF) throw LinkFailure{"more than 65,535 files"};
  for (std::size_t f = 0; f < left_paths.size(); ++f) {
    PersonFile file = read_person_file(left_paths[f], options, catalog, normalizer);
    if (f == 0) {
      result.model = file.model;
      result.left_columns = file.columns;
    }
    for (PersonRecord& record : file.records) {
      record.file = static_cast<std::uint16_t>(f);
      result.left.push_back(std::move(record));
    }
    for (const std::string& problem : file.problems) result.summary.notes.push_back(problem);
    result.files.push_back(grammars::mask_individual_numbers_in(left_paths[f]));  // shown
  }
  if (result.left_columns.corporations) {
    // A list of corporations is linked to the registry's 法人番号 data.
    if (!result.dedupe || options.audit)
      throw LinkFailure{options.left_path + ": a list of corporations (" + result.model +
                        ") is linked to a registry's 法人番号 data: gifkit link FILE --registry "
                        "REGISTRY (two lists of corporations, or an audit of one, are not "
                        "supported yet)"};
    if (options.corporations == nullptr || !options.corporations->has_corporations())
      throw LinkFailure{options.left_path + ": a list of corporations (" + result.model +
                        ") is linked to the 法人番号 data of a registry: give --registry with "
                        "法人番号 data"};
    result.corporations = true;
    result.summary.left_rows = result.left.size();
    link_corporations(options, normalizer, result);
    return result;
  }
  if (!result.dedupe) {
    PersonFile right = read_person_file(options.right_path, options, catalog, normalizer);
    result.right_columns = right.columns;
    result.right = std::move(right.records);
    for (const std::string& problem : right.problems) result.summary.notes.push_back(problem);
    result.files.push_back(grammars::mask_individual_numbers_in(options.right_path));  // shown
  }
  if (result.left.size() >= 0x80000000u || result.right.size() >= 0x80000000u)
    throw LinkFailure{"more than 2,147,483,647 rows in a file"};
  const std::vector<PersonRecord>& left_records = result.left;
  const std::vector<PersonRecord>& right_records = result.dedupe ? result.left : result.right;
  LinkSummary& summary = result.summary;
  summary.left_rows = result.left.size();
  summary.right_rows = result.right.size();
  for (const auto* records : {&result.left, &result.right})
    for (const PersonRecord& r : *records)
      if (r.name_plain == 0 && r.reading == 0 && r.birth < 0 && r.address == 0)
        ++summary.rows_without_items;
  if (normalizer.addresses_by_registry() > 0)
    summary.notes.push_back(std::to_string(normalizer.addresses_by_registry()) +
                            " addresses matched to a 町字 of the Address Base Registry");

  // Candidates, their patterns, and the random pairs.
  const std::vector<std::uint64_t> pairs =
      candidate_pairs(result.left, result.right, result.dedupe, texts, options.max_block,
                      options.max_pairs, summary.skipped_blocks);
  summary.candidate_pairs = pairs.size();
  std::vector<std::uint16_t> patterns(pairs.size());
  PatternCounts same_birth{}, same_name{};
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const PersonRecord& a = left_records[pairs[p] >> 32];
    const PersonRecord& b = right_records[pairs[p] & 0xFFFFFFFFu];
    const LinkLevels levels = compare_records(a, b, texts);
    patterns[p] = pattern_of(levels);
    if (levels[1] == AgreementLevel::exact) ++same_birth[patterns[p]];
    if (a.name_folded != 0 && a.name_folded == b.name_folded) ++same_name[patterns[p]];
  }
  std::uint64_t random_counted = 0;
  const LevelCounts random =
      random_levels(result.left, result.right, result.dedupe, texts, options.seed, random_counted);
  const double n = double(result.left.size());
  const double total_pairs = result.dedupe ? n * (n - 1) / 2 : n * double(result.right.size());
  result.parameters = estimate_link_parameters(same_birth, same_name, random, random_counted,
                                               total_pairs, options.em_iterations);

  const TermCounts counts(texts, result.left, result.right);

  // Score: a link is a pair at the threshold or above whose names do not
  // disagree outright (PairScorer::is_link).
  const PairScorer scorer(result.parameters, counts, texts, options.threshold);
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const LinkLevels levels = levels_of(patterns[p]);
    if (levels[0] == AgreementLevel::disagree) continue;
    LinkPair link = scorer.score(levels, left_records[pairs[p] >> 32]);
    if (!scorer.is_link(link)) continue;
    link.left = static_cast<std::uint32_t>(pairs[p] >> 32);
    link.right = static_cast<std::uint32_t>(pairs[p] & 0xFFFFFFFFu);
    result.links.push_back(link);
  }
  summary.links = result.links.size();
  for (const LinkPair& link : result.links)
    if (link.rule != LinkRule::fewer) ++summary.certain;

  if (result.dedupe) {
    UnionFind sets(result.left.size());
    for (const LinkPair& link : result.links) sets.unite(link.left, link.right);
    std::vector<std::uint32_t> cluster_of(result.left.size(), UINT32_MAX);
    for (std::uint32_t i = 0; i < result.left.size(); ++i) {
      const std::uint32_t root = sets.find(i);
      if (root == i) continue;
      if (cluster_of[root] == UINT32_MAX) {
        cluster_of[root] = static_cast<std::uint32_t>(result.clusters.size());
        result.clusters.push_back({{root}, false});
      }
      result.clusters[cluster_of[root]].records.push_back(i);
    }
    // A cluster is ambiguous when two of its rows were not linked to each
    // other and their own comparison falls below the threshold: it was
    // joined through a third row.
    for (LinkCluster& cluster : result.clusters) {
      std::sort(cluster.records.begin(), cluster.records.end());
      if (cluster.records.size() > kLargestComparedCluster) {
        cluster.ambiguous = true;
        continue;
      }
      for (std::size_t x = 0; x < cluster.records.size() && !cluster.ambiguous; ++x)
        for (std::size_t y = x + 1; y < cluster.records.size() && !cluster.ambiguous; ++y) {
          const LinkPair pair =
              scorer.score(result.left[cluster.records[x]], result.left[cluster.records[y]]);
          if (!scorer.is_link(pair)) cluster.ambiguous = true;
        }
    }
    summary.clusters = result.clusters.size();
    for (std::size_t l = 0; l < result.links.size(); ++l) {
      const std::uint32_t root = sets.find(result.links[l].left);
      if (result.clusters[cluster_of[root]].ambiguous) result.review.push_back(l);
    }
    for (const LinkCluster& cluster : result.clusters)
      if (cluster.ambiguous) ++summary.review;
  } else {
    std::vector<std::uint32_t> left_links(result.left.size()), right_links(result.right.size());
    for (const LinkPair& link : result.links) {
      ++left_links[link.left];
      ++right_links[link.right];
    }
    for (std::size_t l = 0; l < result.links.size(); ++l)
      if (left_links[result.links[l].left] > 1 || right_links[result.links[l].right] > 1)
        result.review.push_back(l);
    summary.review = result.review.size();
  }
  if (options.audit) audit_ids(result, scorer);
  return result;
}

}  // namespace gifkit::models
