// name_index_postings.cpp — see name_index_postings.hpp.
#include "registries/houjin/names/name_index_postings.hpp"

#include <algorithm>
#include <string>

#include "registries/houjin/names/name_index_format.hpp"

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
  // The chunk ends at or after target: jump to its last skip point at or
  // before target, then decode in a tight loop (most deltas are one byte).
  while (next_skip_ < skips_.size() && skips_[next_skip_].id <= target) {
    const SkipPoint& point = skips_[next_skip_++];
    if (point.pos > pos_ && point.pos <= deltas_.size()) {
      id_ = point.id;
      pos_ = point.pos;
    }
  }
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
    deltas_ = decode_chunk(id_, rows_.column_blob(2), &skips_);
    next_skip_ = 0;
    pos_ = 0;
    valid_ = true;
    return;
  }
  valid_ = false;
}

namespace {

// Candidates the lead proposes before the lists are ordered by size.
constexpr std::int64_t kRoundsBeforeSizing = 512;
// Lists of more chunks than this (about 128 KB, 120,000 ids) count as
// equally long: they are the common ones.
constexpr int kSizedChunks = 32;

}  // namespace

ListIntersection::ListIntersection(const RegistryDb& db, const std::vector<std::int64_t>& grams)
    : db_(db), grams_(grams) {
  cursors_.reserve(grams.size());
  for (std::int64_t gram : grams) cursors_.emplace_back(db, gram);
}

void ListIntersection::order_by_size() {
  // (bytes of the list, index): LENGTH of a blob is read from the row's
  // header, without the blob's overflow pages.
  Statement size = db_.prepare(
      "SELECT COALESCE(SUM(bytes), 0) FROM (SELECT LENGTH(ids) AS bytes FROM "
      "corporation_search_posting WHERE gram = ?1 LIMIT " +
      std::to_string(kSizedChunks) + ") AS sized");
  std::vector<std::pair<std::int64_t, std::size_t>> order;
  for (std::size_t i = 0; i < grams_.size(); ++i) {
    size.bind_int64(1, grams_[i]);
    order.emplace_back(size.step() ? size.column_int64(0) : 0, i);
    size.reset();
  }
  std::sort(order.begin(), order.end());
  std::vector<std::int64_t> grams;
  std::vector<PostingCursor> cursors;
  cursors.reserve(cursors_.size());
  for (const auto& entry : order) {
    grams.push_back(grams_[entry.second]);
    cursors.push_back(std::move(cursors_[entry.second]));
  }
  grams_.swap(grams);
  cursors_.swap(cursors);
}

bool ListIntersection::next_common_id(std::int64_t last_id, std::int64_t& id) {
  while (true) {
    if (++rounds_ == kRoundsBeforeSizing && cursors_.size() > 2) {
      // The cursors keep their positions: any of them may lead.
      order_by_size();
    }
    PostingCursor& lead = cursors_.front();
    if (!lead.valid() || lead.id() > last_id) return false;
    std::int64_t target = lead.id();
    std::size_t agreed = 1;
    for (; agreed < cursors_.size(); ++agreed) {
      PostingCursor& cursor = cursors_[agreed];
      cursor.seek(target);
      if (!cursor.valid()) return false;
      if (cursor.id() != target) break;
    }
    if (agreed == cursors_.size()) {
      id = target;
      return true;
    }
    lead.seek(cursors_[agreed].id());  // past target: the lead moves on
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
    std::string_view deltas = decode_chunk(id, rows.column_blob(1), nullptr);
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
