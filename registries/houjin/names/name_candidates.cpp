// name_candidates.cpp — see name_candidates.hpp.
#include "registries/houjin/names/name_candidates.hpp"

#include "registries/db/in_list.hpp"
#include "registries/houjin/names/name_index_format.hpp"

namespace gifkit::registries::houjin::name_index {

CandidateReads::CandidateReads(const RegistryDb& db, const std::string& field_sql)
    : db_(db),
      field_sql_(field_sql),
      block_(db.prepare("SELECT entries FROM corporation_search_entry WHERE block = ?1")),
      field_(db.prepare("SELECT " + field_sql + " FROM corporation WHERE corporate_number = ?1")),
      segment_(db.prepare(
          "SELECT segment FROM corporation_search_current WHERE corporate_number = ?1")) {}

CandidateReads::BatchReads& CandidateReads::batch_reads() {
  if (!batch_reads_) {
    batch_reads_.emplace(BatchReads{
        db_.prepare("SELECT block, entries FROM corporation_search_entry WHERE block IN " +
                    in_list_parameters()),
        db_.prepare("SELECT corporate_number, " + field_sql_ +
                    " FROM corporation WHERE corporate_number IN " + in_list_parameters()),
        db_.prepare("SELECT corporate_number, segment FROM corporation_search_current "
                    "WHERE corporate_number IN " +
                    in_list_parameters())});
  }
  return *batch_reads_;
}

void CandidateReads::read_blocks(const std::vector<std::int64_t>& ids) {
  read_blocks_.clear();
  std::vector<std::int64_t> blocks;
  for (std::int64_t id : ids) blocks.push_back((id - 1) / kEntriesPerBlock);
  for_each_row_in(batch_reads().blocks, std::move(blocks), [&](Statement& rows) {
    read_blocks_[rows.column_int64(0)] = std::string(rows.column_blob(1));
  });
}

void CandidateReads::read_fields(const std::vector<std::int64_t>& numbers) {
  read_fields_.clear();
  for_each_row_in(batch_reads().fields, numbers, [&](Statement& rows) {
    read_fields_[rows.column_int64(0)] = std::string(rows.column_text(1));
  });
}

void CandidateReads::read_segments(const std::vector<std::int64_t>& numbers) {
  read_segments_.clear();
  for (std::int64_t number : numbers) read_segments_[number] = -1;  // unless a row says
  for_each_row_in(batch_reads().segments, numbers, [&](Statement& rows) {
    read_segments_[rows.column_int64(0)] = rows.column_int64(1);
  });
}

std::int64_t CandidateReads::current_segment(std::int64_t number) {
  auto ahead = read_segments_.find(number);
  if (ahead != read_segments_.end()) return ahead->second;
  segment_.bind_int64(1, number);
  const std::int64_t segment = segment_.step() ? segment_.column_int64(0) : -1;
  segment_.reset();
  return segment;
}

std::uint64_t CandidateReads::entry(std::int64_t id) {
  const std::int64_t block = (id - 1) / kEntriesPerBlock;
  const std::int64_t offset = (id - 1) % kEntriesPerBlock;
  auto ahead = read_blocks_.find(block);
  if (ahead != read_blocks_.end()) return entry_at(ahead->second, offset);
  if (block != cached_block_) {
    block_.bind_int64(1, block);
    cached_entries_ = block_.step() ? std::string(block_.column_blob(0)) : "";
    block_.reset();
    cached_block_ = block;
  }
  return entry_at(cached_entries_, offset);
}

std::string CandidateReads::field(std::int64_t number) {
  auto ahead = read_fields_.find(number);
  if (ahead != read_fields_.end()) return ahead->second;
  field_.bind_int64(1, number);
  std::string text = field_.step() ? std::string(field_.column_text(0)) : std::string();
  field_.reset();
  return text;
}

}  // namespace gifkit::registries::houjin::name_index
