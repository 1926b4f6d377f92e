// name_candidates.hpp — what a name search reads about each candidate entry
// (houjin_search.cpp): its packed entry (number and flags, from the entry
// blocks) and, when the posting lists do not prove the match, the queried
// field's text. One statement per candidate costs nothing on a file but a
// round trip each on a server, so a batch of candidates can be read ahead:
// their blocks, then their names (and, in a registry updated in place, the
// segment that indexes each corporation now), a few statements for the
// whole batch.
// Private to registries/houjin.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/names/name_index_format.hpp"

namespace gifkit::registries::houjin::name_index {

class CandidateReads {
 public:
  // field_sql: the corporation column of the queried field.
  CandidateReads(const RegistryDb& db, const std::string& field_sql);

  // Reads ahead the entry blocks of ids, then, for the corporations whose
  // entry passes keep (a filter on the packed entry), the field of those
  // that need_name says must be checked against the key and, with
  // segments, the current segment of each: what entry(), field() and
  // current_segment() then answer without a statement. Forgets the
  // previous batch's.
  template <typename Keep>
  void read_ahead(const std::vector<std::int64_t>& ids, const std::vector<bool>& need_name,
                  Keep keep, bool segments) {
    read_blocks(ids);
    std::vector<std::int64_t> kept, named;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::uint64_t packed = entry(ids[i]);
      if (packed == 0 || !keep(packed)) continue;
      kept.push_back(entry_number(packed));
      if (need_name[i]) named.push_back(entry_number(packed));
    }
    read_fields(named);
    read_segments(segments ? kept : std::vector<std::int64_t>());
  }

  // The packed entry of id (0 when there is none).
  std::uint64_t entry(std::int64_t id);
  // The queried field of the corporation (as stored; "" when it has none).
  std::string field(std::int64_t number);
  // The segment that indexes the corporation now (corporation_search_current,
  // in a registry updated in place), or -1 when the table does not name it.
  std::int64_t current_segment(std::int64_t number);

 private:
  void read_blocks(const std::vector<std::int64_t>& ids);
  void read_fields(const std::vector<std::int64_t>& numbers);
  void read_segments(const std::vector<std::int64_t>& numbers);

  // The statements of a batch (IN lists, in_list.hpp), prepared at the first
  // read_ahead: a file's search, which checks one candidate at a time,
  // prepares none of them.
  struct BatchReads {
    Statement blocks;    // entry blocks
    Statement fields;    // corporations' field
    Statement segments;  // corporations' current segments
  };
  BatchReads& batch_reads();

  const RegistryDb& db_;
  std::string field_sql_;
  Statement block_;    // one entry block
  Statement field_;    // one corporation's field
  Statement segment_;  // one corporation's current segment
  std::optional<BatchReads> batch_reads_;
  std::unordered_map<std::int64_t, std::string> read_blocks_;     // the batch's, by block
  std::unordered_map<std::int64_t, std::string> read_fields_;     // the batch's, by number
  std::unordered_map<std::int64_t, std::int64_t> read_segments_;  // the batch's (-1: none)
  std::int64_t cached_block_ = -1;                                // the last block read alone
  std::string cached_entries_;
};

}  // namespace gifkit::registries::houjin::name_index
