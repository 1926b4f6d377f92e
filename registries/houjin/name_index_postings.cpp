// name_index_postings.cpp — see name_index_postings.hpp.
#include "registries/houjin/name_index_postings.hpp"

#include <algorithm>

#include "registries/houjin/name_index_format.hpp"

namespace gifkit::registries::houjin::name_index {

PostingCursor::PostingCursor(const RegistryDb& db, std::int64_t gram)
    : rows_(db.prepare(
          "SELECT first_id, last_id, ids FROM corporation_search_posting WHERE gram = ?1 "
          "ORDER BY first_id")) {
  rows_.bind_int64(1, gram);
  load_chunk_reaching(0);
}

void PostingCursor::next() {
  if (pos_ < deltas_.size()) {
    id_ += static_cast<std::int64_t>(read_varint(deltas_, pos_));
  } else {
    load_chunk_reaching(0);
  }
}

void PostingCursor::seek(std::int64_t target) {
  if (!valid_ || id_ >= target) return;
  if (chunk_last_ < target) {
    load_chunk_reaching(target);
    if (!valid_ || id_ >= target) return;
  }
  // The chunk ends at or after target: decode in a tight loop (most deltas
  // are one byte).
  const auto* bytes = reinterpret_cast<const unsigned char*>(deltas_.data());
  std::size_t pos = pos_;
  std::int64_t id = id_;
  while (id < target && pos < deltas_.size()) {
    if (bytes[pos] < 0x80) {
      id += bytes[pos++];
    } else {
      id += static_cast<std::int64_t>(read_varint(deltas_, pos));
    }
  }
  pos_ = pos;
  id_ = id;
}

void PostingCursor::load_chunk_reaching(std::int64_t min_last) {
  while (rows_.step()) {
    if (rows_.column_int64(1) < min_last) continue;
    id_ = rows_.column_int64(0);
    chunk_last_ = rows_.column_int64(1);
    deltas_ = rows_.column_blob(2);
    pos_ = 0;
    valid_ = true;
    return;
  }
  valid_ = false;
}

std::vector<PostingCursor> open_cursors(const RegistryDb& db,
                                        const std::vector<std::int64_t>& grams) {
  std::vector<PostingCursor> cursors;
  cursors.reserve(grams.size());
  for (std::int64_t gram : grams) cursors.emplace_back(db, gram);
  return cursors;
}

bool next_common_id(std::vector<PostingCursor>& cursors, std::int64_t last_id, std::int64_t& id) {
  while (true) {
    std::int64_t target = 0;
    for (const auto& cursor : cursors) {
      if (!cursor.valid()) return false;
      target = std::max(target, cursor.id());
    }
    if (target > last_id) return false;
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

std::vector<std::int64_t> union_of_lists(const RegistryDb& db, std::int64_t first_gram,
                                         std::int64_t last_gram, std::int64_t also,
                                         std::int64_t first_id, std::int64_t last_id) {
  Statement rows = db.prepare(
      "SELECT first_id, ids FROM corporation_search_posting "
      "WHERE (gram BETWEEN ?1 AND ?2 OR gram = ?3) AND first_id <= ?5 AND last_id >= ?4");
  rows.bind_int64(1, first_gram);
  rows.bind_int64(2, last_gram);
  rows.bind_int64(3, also);
  rows.bind_int64(4, first_id);
  rows.bind_int64(5, last_id);
  std::vector<std::int64_t> ids;
  while (rows.step()) {
    std::int64_t id = rows.column_int64(0);
    std::string_view deltas = rows.column_blob(1);
    for (std::size_t pos = 0;;) {
      if (id >= first_id && id <= last_id) ids.push_back(id);
      if (pos >= deltas.size()) break;
      id += static_cast<std::int64_t>(read_varint(deltas, pos));
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace gifkit::registries::houjin::name_index
