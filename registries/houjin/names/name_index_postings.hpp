// name_index_postings.hpp — reading the posting lists of the name index
// (name_index_format.hpp): a cursor over one gram's ascending ids, their
// intersection, and the union of a range of lists. Private to
// registries/houjin (houjin_search.cpp).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/names/name_index_format.hpp"

namespace gifkit::registries::houjin::name_index {

// The ascending ids of one gram, read chunk by chunk.
class PostingCursor {
 public:
  PostingCursor(const RegistryDb& db, std::int64_t gram);

  bool valid() const { return valid_; }
  std::int64_t id() const { return id_; }
  void next();
  // Moves to the first id >= target; whole chunks below it are skipped
  // without being decoded, and within a chunk its skip points are used,
  // so a far target costs at most kSkipInterval deltas decoded.
  void seek(std::int64_t target);

 private:
  // Steps to the next chunk whose last id is >= min_last and stands on its
  // first id; invalid when there is none.
  void load_chunk_reaching(std::int64_t min_last);

  Statement rows_;
  std::string_view deltas_;  // in the chunk's blob: valid until the next step
  std::vector<SkipPoint> skips_;
  std::size_t next_skip_ = 0;  // skips_ before it are behind the position
  std::size_t pos_ = 0;
  std::int64_t id_ = 0;
  std::int64_t chunk_last_ = 0;
  bool valid_ = false;
};

// The ids that every list of some grams holds, in ascending order. The
// lead cursor proposes each candidate and the others are sought to it in
// order, so a cursor moves only to the ids that every cursor before it
// holds. After the lead's first 512 proposals, the lists are ordered by
// length (read from their chunks' lengths), shortest first: a long list
// is then sought only at the few ids the short ones share, and passes
// over most of its ids. Short walks (most queries, which reach their
// limit soon) do not pay for the sizing.
class ListIntersection {
 public:
  ListIntersection(const RegistryDb& db, const std::vector<std::int64_t>& grams);

  // The cursor that proposes candidates: seek it to where a walk starts,
  // and step it past an id next_common_id gave to go on.
  PostingCursor& lead() { return cursors_.front(); }
  // The next id, at least the cursors' positions and at most last_id, that
  // every cursor holds; the cursors then stand on it. False when one runs
  // out or passes last_id.
  bool next_common_id(std::int64_t last_id, std::int64_t& id);

 private:
  void order_by_size();

  const RegistryDb& db_;
  std::vector<std::int64_t> grams_;  // of cursors_, in the same order
  std::vector<PostingCursor> cursors_;
  std::int64_t rounds_ = 0;
};

// The union of every list whose gram lies in [first_gram, last_gram] or
// equals also, restricted to ids in [first_id, last_id]: ascending, without
// repeats.
std::vector<std::int64_t> union_of_lists(const RegistryDb& db, std::int64_t first_gram,
                                         std::int64_t last_gram, std::int64_t also,
                                         std::int64_t first_id, std::int64_t last_id);

}  // namespace gifkit::registries::houjin::name_index
