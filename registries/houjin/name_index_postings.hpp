// name_index_postings.hpp — reading the posting lists of the name index
// (name_index_format.hpp): a cursor over one gram's ascending ids, their
// intersection, and the union of a range of lists. Private to
// registries/houjin (houjin_search.cpp).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::houjin::name_index {

// The ascending ids of one gram, read chunk by chunk.
class PostingCursor {
 public:
  PostingCursor(const RegistryDb& db, std::int64_t gram);

  bool valid() const { return valid_; }
  std::int64_t id() const { return id_; }
  void next();
  // Moves to the first id >= target; whole chunks below it are skipped
  // without being decoded.
  void seek(std::int64_t target);

 private:
  // Steps to the next chunk whose last id is >= min_last and stands on its
  // first id; invalid when there is none.
  void load_chunk_reaching(std::int64_t min_last);

  Statement rows_;
  std::string_view deltas_;  // the chunk's blob: valid until the next step
  std::size_t pos_ = 0;
  std::int64_t id_ = 0;
  std::int64_t chunk_last_ = 0;
  bool valid_ = false;
};

std::vector<PostingCursor> open_cursors(const RegistryDb& db,
                                        const std::vector<std::int64_t>& grams);

// Leapfrog intersection: the next id, at least the cursors' positions and at
// most last_id, that every cursor holds; the cursors then stand on it. False
// when one runs out or passes last_id.
bool next_common_id(std::vector<PostingCursor>& cursors, std::int64_t last_id, std::int64_t& id);

// The union of every list whose gram lies in [first_gram, last_gram] or
// equals also, restricted to ids in [first_id, last_id]: ascending, without
// repeats.
std::vector<std::int64_t> union_of_lists(const RegistryDb& db, std::int64_t first_gram,
                                         std::int64_t last_gram, std::int64_t also,
                                         std::int64_t first_id, std::int64_t last_id);

}  // namespace gifkit::registries::houjin::name_index
