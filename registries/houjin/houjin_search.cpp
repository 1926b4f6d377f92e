// houjin_search.cpp — see houjin_search.hpp. The index format is in
// name_index_format.hpp, its builder in name_index_build.cpp.
//
// A query of key q (L code points) on one field runs in two phases, each a
// walk in ascending entry id — shortest key first, then corporate number:
//   1. prefix: the entries whose key starts with q — the list of q's first
//      character (L = 1), of its first bigram (L = 2), or of its first
//      trigram intersected with the lists of q's later bigrams (L >= 3, then
//      each candidate's key is read and checked). Exact matches are the
//      ones whose key is L long, so they come first.
//   2. substring (only when phase 1 gave fewer than limit): the entries
//      holding q elsewhere — the intersection of q's bigram lists (L >= 2),
//      or the union of every list holding q's character (L = 1) — minus
//      those of phase 1.
// Filters are checked per candidate; a walk stops at limit results.
#include "registries/houjin/houjin_search.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>

#include "grammars/utf8.hpp"
#include "registries/houjin/name_index_format.hpp"
#include "registries/houjin/name_key.hpp"

namespace gifkit::registries::houjin {
namespace {

using name_index::gram_code;
using name_index::GramKind;

constexpr std::size_t kFieldColumn[] = {kName, kFurigana, kEnName};

bool has_search_index(const RegistryDb& db) {
  Statement check = db.prepare(
      "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('corporation_search_entry', "
      "'corporation_search_bucket', 'corporation_search_posting')");
  check.step();
  return check.column_int64(0) == 3;
}

// The ascending ids of one gram, read chunk by chunk.
class PostingCursor {
 public:
  PostingCursor(const RegistryDb& db, std::int64_t gram)
      : rows_(db.prepare(
            "SELECT first_id, last_id, ids FROM corporation_search_posting WHERE gram = ?1 "
            "ORDER BY first_id")) {
    rows_.bind_int64(1, gram);
    load_chunk_reaching(0);
  }

  bool valid() const { return valid_; }
  std::int64_t id() const { return id_; }

  void next() {
    if (pos_ < deltas_.size()) {
      id_ += static_cast<std::int64_t>(name_index::read_varint(deltas_, pos_));
    } else {
      load_chunk_reaching(0);
    }
  }

  // Moves to the first id >= target; whole chunks below it are skipped
  // without being decoded.
  void seek(std::int64_t target) {
    if (!valid_ || id_ >= target) return;
    if (chunk_last_ < target) {
      load_chunk_reaching(target);
      if (!valid_ || id_ >= target) return;
    }
    // The chunk ends at or after target: decode in a tight loop (most
    // deltas are one byte).
    const auto* bytes = reinterpret_cast<const unsigned char*>(deltas_.data());
    std::size_t pos = pos_;
    std::int64_t id = id_;
    while (id < target && pos < deltas_.size()) {
      if (bytes[pos] < 0x80) {
        id += bytes[pos++];
      } else {
        id += static_cast<std::int64_t>(name_index::read_varint(deltas_, pos));
      }
    }
    pos_ = pos;
    id_ = id;
  }

 private:
  // Steps to the next chunk whose last id is >= min_last and stands on its
  // first id; invalid when there is none.
  void load_chunk_reaching(std::int64_t min_last) {
    while (rows_.step()) {
      if (rows_.column_int64(1) < min_last) continue;
      id_ = rows_.column_int64(0);
      chunk_last_ = rows_.column_int64(1);
      deltas_ = rows_.column_blob(2);  // valid until the next step
      pos_ = 0;
      valid_ = true;
      return;
    }
    valid_ = false;
  }

  Statement rows_;
  std::string_view deltas_;
  std::size_t pos_ = 0;
  std::int64_t id_ = 0;
  std::int64_t chunk_last_ = 0;
  bool valid_ = false;
};

// Leapfrog intersection: the next id (>= the cursors' positions) that every
// cursor holds; the cursors then stand on it. False when one runs out.
bool next_common_id(std::vector<PostingCursor>& cursors, std::int64_t& id) {
  while (true) {
    std::int64_t target = 0;
    for (const auto& cursor : cursors) {
      if (!cursor.valid()) return false;
      target = std::max(target, cursor.id());
    }
    bool all_equal = true;
    for (auto& cursor : cursors) {
      cursor.seek(target);
      if (!cursor.valid()) return false;
      if (cursor.id() != target) all_equal = false;
    }
    if (all_equal) {
      id = target;
      return true;
    }
  }
}

// The union of every list whose gram lies in [first, last] or equals also,
// ascending, without repeats (the 1-character substring phase).
std::vector<std::int64_t> union_of_lists(const RegistryDb& db, std::int64_t first,
                                         std::int64_t last, std::int64_t also) {
  Statement rows = db.prepare(
      "SELECT first_id, ids FROM corporation_search_posting "
      "WHERE gram BETWEEN ?1 AND ?2 OR gram = ?3");
  rows.bind_int64(1, first);
  rows.bind_int64(2, last);
  rows.bind_int64(3, also);
  std::vector<std::int64_t> ids;
  while (rows.step()) {
    std::int64_t id = rows.column_int64(0);
    ids.push_back(id);
    std::string_view deltas = rows.column_blob(1);
    for (std::size_t pos = 0; pos < deltas.size();) {
      id += static_cast<std::int64_t>(name_index::read_varint(deltas, pos));
      ids.push_back(id);
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string number_text(std::int64_t number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%013lld", static_cast<long long>(number));
  return digits;
}

// Checks candidates against the query and collects the results.
class ResultCollector {
 public:
  ResultCollector(const RegistryDb& db, const NameQuery& query, std::string key,
                  std::size_t key_code_points)
      : query_(query),
        key_(std::move(key)),
        key_code_points_(static_cast<std::int64_t>(key_code_points)),
        entry_block_(db.prepare("SELECT entries FROM corporation_search_entry WHERE block = ?1")),
        name_(db.prepare(
            "SELECT " +
            std::string(kHoujinColumns[kFieldColumn[static_cast<int>(query.field)]].sql_name) +
            " FROM corporation WHERE corporate_number = ?1")),
        finder_(db) {
    kind_ = query.kind.empty() ? 0 : -1;
    std::int64_t kind = 0;
    auto [end, error] =
        std::from_chars(query.kind.data(), query.kind.data() + query.kind.size(), kind);
    if (!query.kind.empty() && error == std::errc() && end == query.kind.data() + query.kind.size())
      kind_ = kind & name_index::kKindMask;
    load_buckets(db);
  }

  bool full() const { return static_cast<std::int64_t>(matches_.size()) >= query_.limit; }
  std::vector<NameMatch> take() { return std::move(matches_); }

  // Considers entry id found by phase `phase`. lists_prove_match: the
  // posting lists already prove that the key starts with (phase prefix) or
  // holds (phase substring) the query, so its key need not be read.
  void consider(std::int64_t id, MatchKind phase, bool lists_prove_match) {
    if (kind_ < 0) return;  // a --kind that no corporation can have
    std::uint64_t packed = entry(id);
    auto number =
        static_cast<std::int64_t>(packed & ((std::uint64_t{1} << name_index::kFlagsShift) - 1));
    auto flags = static_cast<std::int64_t>(packed >> name_index::kFlagsShift);
    if (number == 0) return;
    if ((flags & name_index::kHiddenFlag) && !query_.include_hidden) return;
    if ((flags & name_index::kClosedFlag) && query_.open_only) return;
    if (kind_ > 0 && (flags & name_index::kKindMask) != kind_) return;
    std::string corporate_number = number_text(number);
    bool exact = false;
    if (lists_prove_match) {
      exact = phase == MatchKind::prefix && key_length_of(id) == key_code_points_;
    } else {
      // The lists only say the key holds every bigram of the query: read
      // the one name (not the whole record) and check.
      name_.bind_text(1, corporate_number);
      std::string stored = name_.step() ? name_key(name_.column_text(0)) : std::string();
      name_.reset();
      bool starts = stored.compare(0, key_.size(), key_) == 0;
      if (phase == MatchKind::prefix ? !starts : (starts || stored.find(key_) == std::string::npos))
        return;
      exact = stored == key_;
    }
    NameMatch match;
    if (!finder_.find_into(corporate_number, match.record)) return;
    if (!query_.prefecture.empty() && match.record[kPrefectureName] != query_.prefecture) return;
    if (!query_.city.empty() && match.record[kCityName] != query_.city) return;
    match.match = exact ? MatchKind::exact : phase;
    matches_.push_back(std::move(match));
  }

 private:
  // The packed entry of id (0 when there is none); the last block read is
  // kept, as walks often meet neighbouring ids.
  std::uint64_t entry(std::int64_t id) {
    std::int64_t block = (id - 1) / name_index::kEntriesPerBlock;
    if (block != cached_block_) {
      entry_block_.bind_int64(1, block);
      cached_entries_ = entry_block_.step() ? std::string(entry_block_.column_blob(0)) : "";
      entry_block_.reset();
      cached_block_ = block;
    }
    return name_index::entry_at(cached_entries_, (id - 1) % name_index::kEntriesPerBlock);
  }

  // The id ranges of the field's (key length) buckets.
  void load_buckets(const RegistryDb& db) {
    Statement buckets = db.prepare(
        "SELECT first_id, key_length FROM corporation_search_bucket WHERE field = ?1 "
        "ORDER BY first_id");
    buckets.bind_int64(1, static_cast<int>(query_.field));
    while (buckets.step())
      bucket_starts_.emplace_back(buckets.column_int64(0), buckets.column_int64(1));
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
  Statement entry_block_;
  std::int64_t cached_block_ = -1;
  std::string cached_entries_;
  Statement name_;  // the queried field's text of one corporation
  CorporationFinder finder_;
  std::vector<std::pair<std::int64_t, std::int64_t>> bucket_starts_;  // (first id, length)
  std::vector<NameMatch> matches_;
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

std::vector<PostingCursor> open_cursors(const RegistryDb& db,
                                        const std::vector<std::int64_t>& grams) {
  std::vector<PostingCursor> cursors;
  cursors.reserve(grams.size());
  for (std::int64_t gram : grams) cursors.emplace_back(db, gram);
  return cursors;
}

// Phase 1: prefix matches, in id order.
void walk_prefix_matches(const RegistryDb& db, int field, const std::vector<char32_t>& cps,
                         ResultCollector& results) {
  std::vector<std::int64_t> grams;
  if (cps.size() == 1) {
    grams.push_back(gram_code(field, GramKind::start_char, cps[0]));
  } else if (cps.size() == 2) {
    grams.push_back(gram_code(field, GramKind::start_bigram, cps[0], cps[1]));
  } else {
    // The first trigram's list is short: it drives the intersection.
    grams.push_back(name_index::start_trigram_code(field, cps[0], cps[1], cps[2]));
    for (std::int64_t gram : bigram_grams(field, cps, 2)) grams.push_back(gram);
  }
  bool lists_prove_match = cps.size() <= 2;
  std::vector<PostingCursor> cursors = open_cursors(db, grams);
  std::int64_t id = 0;
  while (!results.full() && next_common_id(cursors, id)) {
    results.consider(id, MatchKind::prefix, lists_prove_match);
    cursors[0].next();
  }
}

// Phase 2: substring (not prefix) matches, in id order.
void walk_substring_matches(const RegistryDb& db, int field, const std::vector<char32_t>& cps,
                            ResultCollector& results) {
  bool short_query = cps.size() <= 2;
  // For 1–2 character queries, the prefix list tells which entries phase 1 had.
  PostingCursor prefix_list(db, cps.size() == 1
                                    ? gram_code(field, GramKind::start_char, cps[0])
                                    : gram_code(field, GramKind::start_bigram, cps[0], cps[1]));
  auto had_in_phase_one = [&](std::int64_t id) {
    prefix_list.seek(id);
    return prefix_list.valid() && prefix_list.id() == id;
  };
  if (cps.size() == 1) {
    std::vector<std::int64_t> ids =
        union_of_lists(db, gram_code(field, GramKind::bigram, cps[0], 0),
                       gram_code(field, GramKind::bigram, cps[0], 0x1FFFFF),
                       gram_code(field, GramKind::last_char, cps[0]));
    for (std::int64_t id : ids) {
      if (results.full()) return;
      if (!had_in_phase_one(id)) results.consider(id, MatchKind::substring, true);
    }
    return;
  }
  std::vector<PostingCursor> cursors = open_cursors(db, bigram_grams(field, cps, 0));
  std::int64_t id = 0;
  while (!results.full() && next_common_id(cursors, id)) {
    if (!short_query) {
      results.consider(id, MatchKind::substring, false);
    } else if (!had_in_phase_one(id)) {
      results.consider(id, MatchKind::substring, true);
    }
    cursors[0].next();
  }
}

}  // namespace

std::vector<NameMatch> search_corporations(const RegistryDb& db, const NameQuery& query) {
  if (!has_search_index(db)) {
    throw RegistryError(db.path().string() +
                        " has no name index of this gifkit's format (rebuild the registry with "
                        "`gifkit registry build`)");
  }
  std::string key = name_key(query.text);
  std::vector<char32_t> code_points;
  for (std::size_t pos = 0; pos < key.size();)
    code_points.push_back(grammars::decode_utf8(key, pos));
  if (code_points.empty() || query.limit <= 0) return {};
  int field = static_cast<int>(query.field);
  ResultCollector results(db, query, key, code_points.size());
  walk_prefix_matches(db, field, code_points, results);
  if (!results.full()) walk_substring_matches(db, field, code_points, results);
  return results.take();
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
