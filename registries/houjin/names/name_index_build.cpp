// name_index_build.cpp — builds the corporations' name index (the format is
// in name_index_format.hpp) from the corporation table, in three steps:
//   1. one scan of the corporation table in corporate-number order computes
//      each entry's search key and appends it to the temporary file of its
//      (field, key length) bucket — so memory does not grow with the
//      registry;
//   2. the buckets are read back in (field, key length) order, which gives
//      every entry its id in the ranking order; the entry table (in blocks
//      of 256 packed entries) and the bucket table are written;
//   3. each entry's grams are appended to in-memory posting chunks, written
//      out (with their skip tables) when a chunk is full or the buffered
//      total passes a bound.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <memory>

#include "grammars/text/utf8.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/houjin/names/name_index_format.hpp"
#include "registries/houjin/names/name_key.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::registries::houjin {
namespace {

using name_index::GramKind;
using name_index::kLongKeyBucket;

constexpr int kFieldCount = 3;
constexpr std::size_t kChunkBytes = 4096;
// Flush the posting chunks of common grams when their deltas pass this (the
// map itself holds one node per distinct gram: tens of MB at 5 M entries).
constexpr std::size_t kFlushBytes = std::size_t{96} << 20;
constexpr std::size_t kMinPartialFlushBytes = 256;
// Updates add segments up to this many; then the next one rebuilds.
constexpr std::int64_t kMaxSegments = 16;

std::int64_t parse_number(std::string_view digits) {
  std::int64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::int64_t entry_flags(std::string_view kind, std::string_view close_date,
                         std::string_view process, std::string_view hihyoji) {
  std::int64_t flags = parse_number(kind) & name_index::kKindMask;
  if (!close_date.empty() || process == "99") flags |= name_index::kClosedFlag;
  if (hihyoji == "1") flags |= name_index::kHiddenFlag;
  return flags;
}

// The entries of each (field, key length) bucket, in anonymous temporary
// files, in the order they were added.
class BucketSpill {
 public:
  BucketSpill() : files_(kFieldCount * (kLongKeyBucket + 1), nullptr) {}
  ~BucketSpill() {
    for (std::FILE* file : files_)
      if (file != nullptr) std::fclose(file);
  }
  BucketSpill(const BucketSpill&) = delete;
  BucketSpill& operator=(const BucketSpill&) = delete;

  void add(int field, std::int64_t length, std::int64_t number, std::int64_t flags,
           std::string_view key) {
    std::FILE*& file = files_[index(field, length)];
    if (file == nullptr) file = std::tmpfile();
    if (file == nullptr) throw RegistryError("cannot create a temporary file for the name index");
    Header header{number, flags, static_cast<std::uint32_t>(key.size())};
    bool written = std::fwrite(&header, sizeof header, 1, file) == 1 &&
                   std::fwrite(key.data(), 1, key.size(), file) == key.size();
    if (!written) throw RegistryError("cannot write a temporary file for the name index");
  }

  // Calls visit(field, length, number, flags, key) for every entry, bucket
  // by bucket in (field, length) order, and on_bucket_end(field, length)
  // after each non-empty bucket.
  template <class Visit, class BucketEnd>
  void replay(Visit visit, BucketEnd on_bucket_end) {
    std::string key;
    for (int field = 0; field < kFieldCount; ++field) {
      for (std::int64_t length = 0; length <= kLongKeyBucket; ++length) {
        std::FILE* file = files_[index(field, length)];
        if (file == nullptr) continue;
        std::rewind(file);
        Header header;
        while (std::fread(&header, sizeof header, 1, file) == 1) {
          key.resize(header.key_bytes);
          if (std::fread(key.data(), 1, key.size(), file) != key.size())
            throw RegistryError("cannot read a temporary file of the name index");
          visit(field, length, header.number, header.flags, key);
        }
        if (std::ferror(file))
          throw RegistryError("cannot read a temporary file of the name index");
        on_bucket_end(field, length);
      }
    }
  }

 private:
  struct Header {
    std::int64_t number;
    std::int64_t flags;
    std::uint32_t key_bytes;
  };
  static std::size_t index(int field, std::int64_t length) {
    return static_cast<std::size_t>(field * (kLongKeyBucket + 1) + length);
  }
  std::vector<std::FILE*> files_;
};

// The open posting chunk of each gram: an open-addressing hash table
// (linear probing, power-of-two size, at most half full). Gram codes are
// never 0, which marks an empty slot. A node-based std::unordered_map spent
// most of its time on cache misses here.
class ChunkTable {
 public:
  struct Chunk {
    std::int64_t first_id = 0;
    std::int64_t last_id = 0;
    std::string deltas;
  };

  ChunkTable() { slots_.resize(1 << 16); }

  Chunk& operator[](std::int64_t gram) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    Slot& slot = find_slot(slots_, gram);
    if (slot.gram == 0) {
      slot.gram = gram;
      ++used_;
    }
    return slot.chunk;
  }

  // Calls visit(gram, chunk) for every gram in the table.
  template <class Visit>
  void for_each(Visit visit) {
    for (Slot& slot : slots_)
      if (slot.gram != 0) visit(slot.gram, slot.chunk);
  }

  void clear() {
    std::vector<Slot>(std::size_t{1} << 16).swap(slots_);
    used_ = 0;
  }

 private:
  struct Slot {
    std::int64_t gram = 0;
    Chunk chunk;
  };

  static Slot& find_slot(std::vector<Slot>& slots, std::int64_t gram) {
    std::size_t mask = slots.size() - 1;
    std::size_t at = (static_cast<std::uint64_t>(gram) * 0x9E3779B97F4A7C15ULL >> 20) & mask;
    while (slots[at].gram != 0 && slots[at].gram != gram) at = (at + 1) & mask;
    return slots[at];
  }

  void grow() {
    std::vector<Slot> larger(slots_.size() * 2);
    for (Slot& slot : slots_)
      if (slot.gram != 0) find_slot(larger, slot.gram) = std::move(slot);
    slots_.swap(larger);
  }

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

// Posting chunks per gram, written to corporation_search_posting when full
// or when the buffered total passes kFlushBytes. Ids of one gram must come
// in ascending order; a repeat of the last id is ignored.
class PostingWriter {
 public:
  explicit PostingWriter(RegistryDb& db)
      : insert_(db.prepare("INSERT INTO corporation_search_posting (gram, first_id, last_id, ids) "
                           "VALUES (?1, ?2, ?3, ?4)")) {}

  void add(std::int64_t gram, std::int64_t id) {
    ChunkTable::Chunk& chunk = chunks_[gram];
    if (chunk.first_id == 0) {
      chunk.first_id = chunk.last_id = id;
    } else if (id != chunk.last_id) {
      std::size_t before = chunk.deltas.size();
      name_index::append_varint(chunk.deltas, static_cast<std::uint64_t>(id - chunk.last_id));
      chunk.last_id = id;
      buffered_ += chunk.deltas.size() - before;
      if (chunk.deltas.size() >= kChunkBytes) write(gram, chunk);
    }
    if (buffered_ > kFlushBytes) {
      flush_all(kMinPartialFlushBytes);
      if (buffered_ > kFlushBytes / 2) flush_all(0);  // mostly small chunks: write them all
    }
  }

  // Writes every chunk of at least min_bytes of deltas (0: every chunk,
  // and the map is emptied). Rare grams stay buffered in a partial flush:
  // writing them each time would make many tiny rows.
  void flush_all(std::size_t min_bytes) {
    std::vector<std::pair<std::int64_t, ChunkTable::Chunk*>> full;
    chunks_.for_each([&](std::int64_t gram, ChunkTable::Chunk& chunk) {
      if (chunk.first_id != 0 && chunk.deltas.size() >= min_bytes) full.emplace_back(gram, &chunk);
    });
    std::sort(full.begin(), full.end());
    for (auto& [gram, chunk] : full) write(gram, *chunk);
    if (min_bytes == 0) {
      chunks_.clear();
      buffered_ = 0;
    }
  }

 private:
  void write(std::int64_t gram, ChunkTable::Chunk& chunk) {
    insert_.bind_int64(1, gram);
    insert_.bind_int64(2, chunk.first_id);
    insert_.bind_int64(3, chunk.last_id);
    insert_.bind_blob(4, name_index::encode_chunk(chunk.first_id, chunk.deltas));
    insert_.run_and_reset();
    buffered_ -= std::min(buffered_, chunk.deltas.size());
    chunk.first_id = chunk.last_id = 0;
    chunk.deltas.clear();
  }

  Statement insert_;
  ChunkTable chunks_;
  std::size_t buffered_ = 0;
};

// The grams of one key (see GramKind), added under id.
void add_key_grams(PostingWriter& postings, int field, std::string_view key, std::int64_t id,
                   std::vector<char32_t>& code_points) {
  code_points.clear();
  for (std::size_t pos = 0; pos < key.size();)
    code_points.push_back(grammars::decode_utf8(key, pos));
  if (code_points.empty()) return;
  postings.add(name_index::gram_code(field, GramKind::start_char, code_points[0]), id);
  if (code_points.size() >= 2) {
    postings.add(
        name_index::gram_code(field, GramKind::start_bigram, code_points[0], code_points[1]), id);
  }
  if (code_points.size() >= 3) {
    postings.add(
        name_index::start_trigram_code(field, code_points[0], code_points[1], code_points[2]), id);
  }
  for (std::size_t i = 0; i + 1 < code_points.size(); ++i) {
    postings.add(name_index::gram_code(field, GramKind::bigram, code_points[i], code_points[i + 1]),
                 id);
  }
  postings.add(name_index::gram_code(field, GramKind::last_char, code_points.back()), id);
}

// Step 1: every non-empty key of every corporation (or, with
// min_provenance_id > 0, of those a source from that one on changed) into
// its bucket, by corporate number (an entry's id, which orders ties in a
// search, must not depend on where the engine keeps the row: SQLite reads
// by number anyway, PostgreSQL's heap has updated rows at its end).
// Returns the corporate numbers read.
std::vector<std::int64_t> spill_keys(const RegistryDb& db, BucketSpill& spill,
                                     std::int64_t min_provenance_id) {
  const moji::NameFold loaded = moji::NameFold::load(db);
  const moji::NameFold* fold = loaded.empty() ? nullptr : &loaded;
  Statement corporations = db.prepare_scan(
      "SELECT corporate_number, name, furigana, en_name, kind, close_date, process, hihyoji "
      "FROM corporation WHERE ?1 = 0 OR provenance_id >= ?1 ORDER BY corporate_number");
  corporations.bind_int64(1, min_provenance_id);
  std::vector<std::int64_t> numbers;
  while (corporations.step()) {
    std::int64_t number = parse_number(corporations.column_text(0));
    if (min_provenance_id > 0) numbers.push_back(number);
    std::int64_t flags = entry_flags(corporations.column_text(4), corporations.column_text(5),
                                     corporations.column_text(6), corporations.column_text(7));
    for (int field = 0; field < kFieldCount; ++field) {
      std::string key = name_key(corporations.column_text(1 + field), fold);
      if (key.empty()) continue;
      auto length = static_cast<std::int64_t>(key_length(key));
      spill.add(field, std::min(length, kLongKeyBucket), number, flags, key);
    }
  }
  return numbers;
}

// Steps 2 and 3 for one segment whose ids start after last_id (rounded up
// to a block boundary, so that the segment's entry blocks are its own).
void write_entries_and_postings(RegistryDb& db, BucketSpill& spill, std::int64_t segment,
                                std::int64_t last_id) {
  std::int64_t id = (last_id + name_index::kEntriesPerBlock - 1) / name_index::kEntriesPerBlock *
                    name_index::kEntriesPerBlock;
  Statement insert_block =
      db.prepare("INSERT INTO corporation_search_entry (block, entries) VALUES (?1, ?2)");
  std::string block;
  auto write_block = [&] {
    if (block.empty()) return;
    insert_block.bind_int64(1, (id - 1) / name_index::kEntriesPerBlock);
    insert_block.bind_blob(2, block);
    insert_block.run_and_reset();
    block.clear();
  };
  Statement insert_bucket = db.prepare(
      "INSERT INTO corporation_search_bucket (segment, field, key_length, first_id, count) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  PostingWriter postings(db);
  std::vector<char32_t> code_points;
  std::int64_t bucket_first = id + 1;
  spill.replay(
      [&](int field, std::int64_t, std::int64_t number, std::int64_t flags, std::string_view key) {
        ++id;
        name_index::append_entry(block, name_index::pack_entry(number, flags));
        if (id % name_index::kEntriesPerBlock == 0) write_block();
        add_key_grams(postings, field, key, id, code_points);
      },
      [&](int field, std::int64_t length) {
        insert_bucket.bind_int64(1, segment);
        insert_bucket.bind_int64(2, field);
        insert_bucket.bind_int64(3, length);
        insert_bucket.bind_int64(4, bucket_first);
        insert_bucket.bind_int64(5, id - bucket_first + 1);
        insert_bucket.run_and_reset();
        bucket_first = id + 1;
      });
  write_block();
  postings.flush_all(0);
}

// Empty tables of this format for a full build. On a server (registry
// update), the tables a push made are emptied, not dropped: readers keep
// reading the old rows until the update commits, and the tables keep the
// server's column types. A server's index of another format cannot be
// rebuilt there: it was pushed by another gifkit.
void empty_name_search_tables(RegistryDb& db) {
  if (!db.on_server()) {
    db.execute(std::string(name_index::kDropTables));
    db.execute(std::string(name_index::kCreateTables));
    return;
  }
  if (!name_index::has_name_index(db)) {
    throw RegistryError(db.path().string() +
                        ": the name index is of another gifkit's format; push the registry "
                        "file again with this gifkit");
  }
  for (const char* table : {"corporation_search_entry", "corporation_search_bucket",
                            "corporation_search_current", "corporation_search_posting"})
    db.execute(std::string("DELETE FROM ") + table);
}

void fill_name_search_index(RegistryDb& db) {
  empty_name_search_tables(db);
  db.set_meta(name_index::kNameIndexFormatKey, name_index::kNameIndexFormat);
  BucketSpill spill;
  spill_keys(db, spill, 0);
  write_entries_and_postings(db, spill, 0, 0);
}

std::int64_t single_value(const RegistryDb& db, const char* sql) {
  Statement statement = db.prepare(sql);
  return statement.step() ? statement.column_int64(0) : 0;
}

// Adds a segment for the corporations changed by the sources from
// min_provenance_id on; false (nothing written) when a full rebuild is
// due: no index of this format, too many segments, or the changed entries
// would pass a tenth of the index.
bool add_name_search_segment(RegistryDb& db, std::int64_t min_provenance_id) {
  if (!name_index::has_name_index(db)) return false;
  std::int64_t segments =
      single_value(db, "SELECT COALESCE(MAX(segment), 0) FROM corporation_search_bucket");
  std::int64_t entries =
      single_value(db, "SELECT COALESCE(SUM(count), 0) FROM corporation_search_bucket");
  std::int64_t reindexed = single_value(db, "SELECT COUNT(*) FROM corporation_search_current");
  // One scan of corporation both finds the changed corporations and spills
  // their keys; a rebuild after all wastes only the spill.
  BucketSpill spill;
  std::vector<std::int64_t> numbers = spill_keys(db, spill, min_provenance_id);
  const auto changed = static_cast<std::int64_t>(numbers.size());
  if (segments + 1 > kMaxSegments || (reindexed + changed) * 10 > entries) return false;
  std::int64_t last_id = single_value(
      db, "SELECT COALESCE(MAX(first_id + count - 1), 0) FROM corporation_search_bucket");
  Statement mark = db.prepare(
      "INSERT INTO corporation_search_current (corporate_number, segment) VALUES (?1, ?2) "
      "ON CONFLICT (corporate_number) DO UPDATE SET segment = excluded.segment");
  for (std::int64_t number : numbers) {
    mark.bind_int64(1, number);
    mark.bind_int64(2, segments + 1);
    mark.run_and_reset();
  }
  write_entries_and_postings(db, spill, segments + 1, last_id);
  return true;
}

// Runs work in a savepoint: one transaction of its own when called outside
// one (a statement per row would otherwise be a commit and an fsync per
// row), rolled back on failure.
template <class Work>
void in_savepoint(RegistryDb& db, Work work) {
  db.execute("SAVEPOINT name_search_index");
  try {
    work();
  } catch (...) {
    db.execute("ROLLBACK TO name_search_index; RELEASE name_search_index");
    throw;
  }
  db.execute("RELEASE name_search_index");
}

}  // namespace

void build_name_search_index(RegistryDb& db) {
  in_savepoint(db, [&] { fill_name_search_index(db); });
}

bool update_name_search_index(RegistryDb& db, std::int64_t min_provenance_id) {
  bool incremental = false;
  in_savepoint(db, [&] {
    incremental = add_name_search_segment(db, min_provenance_id);
    if (!incremental) fill_name_search_index(db);
  });
  return incremental;
}

}  // namespace gifkit::registries::houjin
