// houjin_search.cpp — see houjin_search.hpp. The index format is in
// name_index_format.hpp, its builder in name_index_build.cpp, the posting
// lists' reader in name_index_postings.hpp.
//
// A query of key q (L code points) on one field runs in two phases, each a
// walk in ascending entry id — shortest key first, then corporate number —
// over each segment of the index (the full build, then one per update):
//   1. prefix: the entries whose key starts with q — the list of q's first
//      character (L = 1), of its first bigram (L = 2), or of its first
//      trigram intersected with the lists of q's later bigrams (L >= 3, then
//      each candidate's key is read and checked). Exact matches are the
//      ones whose key is L long, so they come first.
//   2. substring (only when phase 1 gave fewer than limit): the entries
//      holding q elsewhere — the intersection of q's bigram lists (L >= 2),
//      or the union of every list holding q's character (L = 1) — minus
//      those of phase 1.
// Filters are checked per candidate; a walk stops at limit results. The
// segments' results are merged by (match kind, key length, number); an
// entry of a corporation re-indexed in a later segment is stale and skipped.
// On a server, a walk's candidates are checked in batches (8, 16, 32, then
// 64 at a time), their entries and names read ahead in a few statements
// (name_candidates.hpp); on a file one by one. Either way they are
// considered in id order and the walk stops at the same candidate.
#include "registries/houjin/names/houjin_search.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <limits>
#include <optional>

#include "grammars/text/utf8.hpp"
#include "registries/houjin/names/name_candidates.hpp"
#include "registries/houjin/names/name_index_format.hpp"
#include "registries/houjin/names/name_index_postings.hpp"
#include "registries/houjin/names/name_key.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::registries::houjin {
namespace {

using name_index::CandidateReads;
using name_index::gram_code;
using name_index::GramKind;
using name_index::PostingCursor;

constexpr std::size_t kFieldColumn[] = {kName, kFurigana, kEnName};

// The ids of one field in one segment.
struct SegmentRange {
  std::int64_t segment = 0;
  std::int64_t first_id = 0;
  std::int64_t last_id = 0;
};

// Checks candidates against the query and collects the results of every
// walk, ranked at the end.
class ResultCollector {
 public:
  ResultCollector(const RegistryDb& db, const NameQuery& query, std::string key,
                  std::size_t key_code_points, const moji::NameFold& fold)
      : fold_(fold),
        query_(query),
        key_(std::move(key)),
        key_code_points_(static_cast<std::int64_t>(key_code_points)),
        reads_(db,
               std::string(kHoujinColumns[kFieldColumn[static_cast<int>(query.field)]].sql_name)),
        finder_(db),
        first_batch_(db.on_server() ? kFirstServerBatch : 1) {
    kind_ = query.kind.empty() ? 0 : -1;
    std::int64_t kind = 0;
    auto [end, error] =
        std::from_chars(query.kind.data(), query.kind.data() + query.kind.size(), kind);
    if (!query.kind.empty() && error == std::errc() && end == query.kind.data() + query.kind.size())
      kind_ = kind & name_index::kKindMask;
    load_buckets(db);
  }

  const std::vector<SegmentRange>& segments() const { return segments_; }

  // A walk over one segment accepts at most quota more results.
  void start_walk(std::int64_t segment, std::int64_t quota) {
    assert(pending_.empty());
    walk_segment_ = segment;
    walk_quota_ = quota;
    walk_count_ = 0;
    batch_ = first_batch_;
  }
  bool walk_full() const { return walk_count_ >= walk_quota_; }
  std::int64_t count() const { return static_cast<std::int64_t>(ranked_.size()); }

  // Proposes entry id, found by phase `phase`, to be considered in its turn
  // (after the ids proposed before it; by end_walk at the latest).
  // lists_prove_match: the posting lists already prove that the key starts
  // with (phase prefix) or holds (phase substring) the query, so its key
  // need not be read.
  void propose(std::int64_t id, MatchKind phase, bool lists_prove_match) {
    pending_.push_back({id, phase, lists_prove_match});
    if (pending_.size() >= batch_) consider_pending();
  }
  // Considers the ids still proposed: call when the walk's lists end.
  void end_walk() { consider_pending(); }

 private:
  // Candidates a server's walk checks at once: the first batch, doubled
  // up to the last (a walk that fills its quota soon reads little ahead).
  static constexpr std::size_t kFirstServerBatch = 8;
  static constexpr std::size_t kLastServerBatch = 64;

  struct Candidate {
    std::int64_t id = 0;
    MatchKind phase = MatchKind::prefix;
    bool lists_prove_match = false;
  };

  // The entry's flags pass the query's filters (hidden, closed, kind).
  bool flags_pass(std::uint64_t packed) const {
    const std::int64_t flags = name_index::entry_flags(packed);
    if ((flags & name_index::kHiddenFlag) && !query_.include_hidden) return false;
    if ((flags & name_index::kClosedFlag) && query_.open_only) return false;
    return kind_ == 0 || (flags & name_index::kKindMask) == kind_;
  }

  void consider_pending() {
    if (pending_.empty()) return;
    if (pending_.size() > 1 && !walk_full() && kind_ >= 0) {
      std::vector<std::int64_t> ids;
      std::vector<bool> need_name;
      for (const Candidate& candidate : pending_) {
        ids.push_back(candidate.id);
        need_name.push_back(!candidate.lists_prove_match);
      }
      reads_.read_ahead(
          ids, need_name, [&](std::uint64_t packed) { return flags_pass(packed); },
          segments_.size() > 1);
    }
    for (const Candidate& candidate : pending_) {
      if (walk_full()) break;
      consider(candidate.id, candidate.phase, candidate.lists_prove_match);
    }
    pending_.clear();
    if (first_batch_ > 1) batch_ = std::min(batch_ * 2, kLastServerBatch);
  }

  // Considers entry id (see propose): a result when it passes.
  void consider(std::int64_t id, MatchKind phase, bool lists_prove_match) {
    if (kind_ < 0) return;  // a --kind that no corporation can have
    std::uint64_t packed = reads_.entry(id);
    const std::int64_t number = name_index::entry_number(packed);
    if (number == 0 || !flags_pass(packed)) return;
    if (segments_.size() > 1 && is_stale(number)) return;
    bool exact = false;
    if (lists_prove_match) {
      exact = phase == MatchKind::prefix && key_length_of(id) == key_code_points_;
    } else {
      // The lists only say the key holds every bigram of the query: read
      // the one name (not the whole record) and check.
      std::string stored = name_key(reads_.field(number), &fold_);
      bool starts = stored.compare(0, key_.size(), key_) == 0;
      if (phase == MatchKind::prefix ? !starts : (starts || stored.find(key_) == std::string::npos))
        return;
      exact = stored == key_;
    }
    Ranked ranked;
    if (!finder_.find_into(number, ranked.match.record)) return;
    const HoujinRecord& record = ranked.match.record;
    if (!query_.prefecture.empty() && record[kPrefectureName] != query_.prefecture) return;
    if (!query_.city.empty() && record[kCityName] != query_.city) return;
    ranked.match.match = exact ? MatchKind::exact : phase;
    ranked.key_length = key_length_of(id);
    ranked.number = number;
    ranked_.push_back(std::move(ranked));
    ++walk_count_;
  }

 public:
  // Every result, exact first, then prefix, then substring; ties by key
  // length, then number; at most limit.
  std::vector<NameMatch> take_ranked() {
    std::stable_sort(ranked_.begin(), ranked_.end(), [](const Ranked& a, const Ranked& b) {
      return std::tie(a.match.match, a.key_length, a.number) <
             std::tie(b.match.match, b.key_length, b.number);
    });
    std::vector<NameMatch> matches;
    for (auto& ranked : ranked_) {
      if (static_cast<std::int64_t>(matches.size()) >= query_.limit) break;
      matches.push_back(std::move(ranked.match));
    }
    return matches;
  }

 private:
  const moji::NameFold& fold_;
  struct Ranked {
    NameMatch match;
    std::int64_t key_length = 0;
    std::int64_t number = 0;
  };

  // True when a later segment than the walk's holds this corporation's
  // current entries.
  bool is_stale(std::int64_t number) {
    const std::int64_t current = reads_.current_segment(number);
    return current != -1 && current != walk_segment_;
  }

  // The id ranges of the field's (key length) buckets and segments.
  void load_buckets(const RegistryDb& db) {
    Statement buckets = db.prepare(
        "SELECT segment, first_id, key_length, count FROM corporation_search_bucket "
        "WHERE field = ?1 ORDER BY first_id");
    buckets.bind_int64(1, static_cast<int>(query_.field));
    while (buckets.step()) {
      std::int64_t segment = buckets.column_int64(0);
      std::int64_t first = buckets.column_int64(1);
      std::int64_t last = first + buckets.column_int64(3) - 1;
      bucket_starts_.emplace_back(first, buckets.column_int64(2));
      if (segments_.empty() || segments_.back().segment != segment) {
        segments_.push_back({segment, first, last});
      } else {
        segments_.back().last_id = last;
      }
    }
  }

  std::int64_t key_length_of(std::int64_t id) const {
    auto after = std::upper_bound(bucket_starts_.begin(), bucket_starts_.end(),
                                  std::make_pair(id, std::numeric_limits<std::int64_t>::max()));
    return after == bucket_starts_.begin() ? 0 : std::prev(after)->second;
  }

  const NameQuery& query_;
  std::string key_;
  std::int64_t key_code_points_;
  std::int64_t kind_ = 0;  // 0: any kind; -1: matches nothing
  CandidateReads reads_;   // the candidates' entries and names
  CorporationFinder finder_;
  std::size_t first_batch_;  // 1: each candidate checked as it comes
  std::size_t batch_ = 1;    // the walk's current batch
  std::vector<Candidate> pending_;
  std::vector<std::pair<std::int64_t, std::int64_t>> bucket_starts_;  // (first id, length)
  std::vector<SegmentRange> segments_;
  std::int64_t walk_segment_ = 0;
  std::int64_t walk_quota_ = 0;
  std::int64_t walk_count_ = 0;
  std::vector<Ranked> ranked_;
};

// The distinct bigram grams of the code points from index `from` on.
std::vector<std::int64_t> bigram_grams(int field, const std::vector<char32_t>& code_points,
                                       std::size_t from) {
  std::vector<std::int64_t> grams;
  for (std::size_t i = from; i + 1 < code_points.size(); ++i) {
    std::int64_t gram = gram_code(field, GramKind::bigram, code_points[i], code_points[i + 1]);
    if (std::find(grams.begin(), grams.end(), gram) == grams.end()) grams.push_back(gram);
  }
  return grams;
}

// The list of the entries that start with the query's first one or two
// characters.
std::int64_t start_gram(int field, const std::vector<char32_t>& cps) {
  return cps.size() == 1 ? gram_code(field, GramKind::start_char, cps[0])
                         : gram_code(field, GramKind::start_bigram, cps[0], cps[1]);
}

// Phase 1 over one segment: prefix matches, in id order.
void walk_prefix_matches(const RegistryDb& db, int field, const std::vector<char32_t>& cps,
                         const SegmentRange& range, ResultCollector& results) {
  std::vector<std::int64_t> grams;
  if (cps.size() <= 2) {
    grams.push_back(start_gram(field, cps));
  } else {
    // The first trigram's list is short: it leads the intersection.
    grams.push_back(name_index::start_trigram_code(field, cps[0], cps[1], cps[2]));
    for (std::int64_t gram : bigram_grams(field, cps, 2)) grams.push_back(gram);
  }
  bool lists_prove_match = cps.size() <= 2;
  name_index::ListIntersection lists(db, grams);
  lists.lead().seek(range.first_id);
  std::int64_t id = 0;
  while (!results.walk_full() && lists.next_common_id(range.last_id, id)) {
    results.propose(id, MatchKind::prefix, lists_prove_match);
    lists.lead().next();
  }
  results.end_walk();
}

// Phase 2 over one segment: substring (not prefix) matches, in id order.
void walk_substring_matches(const RegistryDb& db, int field, const std::vector<char32_t>& cps,
                            const SegmentRange& range, ResultCollector& results) {
  // For 1–2 character queries, the prefix list tells which entries phase 1
  // had (longer ones check each candidate's key instead: not read for them).
  std::optional<PostingCursor> prefix_list;
  if (cps.size() <= 2) prefix_list.emplace(db, start_gram(field, cps));
  auto had_in_phase_one = [&](std::int64_t id) {
    assert(prefix_list);
    prefix_list->seek(id);
    return prefix_list->valid() && prefix_list->id() == id;
  };
  if (cps.size() == 1) {
    std::vector<std::int64_t> ids = name_index::union_of_lists(
        db, gram_code(field, GramKind::bigram, cps[0], 0),
        gram_code(field, GramKind::bigram, cps[0], 0x1FFFFF),
        gram_code(field, GramKind::last_char, cps[0]), range.first_id, range.last_id);
    for (std::int64_t id : ids) {
      if (results.walk_full()) break;
      if (!had_in_phase_one(id)) results.propose(id, MatchKind::substring, true);
    }
    results.end_walk();
    return;
  }
  name_index::ListIntersection lists(db, bigram_grams(field, cps, 0));
  lists.lead().seek(range.first_id);
  std::int64_t id = 0;
  while (!results.walk_full() && lists.next_common_id(range.last_id, id)) {
    if (cps.size() > 2) {
      results.propose(id, MatchKind::substring, false);
    } else if (!had_in_phase_one(id)) {
      results.propose(id, MatchKind::substring, true);
    }
    lists.lead().next();
  }
  results.end_walk();
}

}  // namespace

std::vector<NameMatch> search_corporations(RegistryDb& db, const NameQuery& query) {
  ReadTransaction read(db);
  require_houjin_tables(db);
  if (!name_index::has_name_index(db)) {
    throw RegistryError(db.path().string() +
                        " has no name index of this gifkit's format (rebuild the registry with "
                        "`gifkit registry build`; `gifkit registry update` rebuilds the index "
                        "too)");
  }
  const moji::NameFold fold = moji::NameFold::lazy(db);
  std::string key = name_key(query.text, &fold);
  std::vector<char32_t> code_points;
  for (std::size_t pos = 0; pos < key.size();)
    code_points.push_back(grammars::decode_utf8(key, pos));
  if (code_points.empty() || query.limit <= 0) return {};
  int field = static_cast<int>(query.field);
  ResultCollector results(db, query, key, code_points.size(), fold);
  // Each segment's best `limit` prefix matches hold the overall best.
  for (const SegmentRange& range : results.segments()) {
    results.start_walk(range.segment, query.limit);
    walk_prefix_matches(db, field, code_points, range, results);
  }
  std::int64_t missing = query.limit - results.count();
  if (missing > 0) {
    for (const SegmentRange& range : results.segments()) {
      results.start_walk(range.segment, missing);
      walk_substring_matches(db, field, code_points, range, results);
    }
  }
  return results.take_ranked();
}

std::string_view match_kind_name(MatchKind kind) {
  switch (kind) {
    case MatchKind::exact:
      return "exact";
    case MatchKind::prefix:
      return "prefix";
    default:
      return "substring";
  }
}

}  // namespace gifkit::registries::houjin
