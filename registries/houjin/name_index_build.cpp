// name_index_build.cpp — builds the corporations' name index (the format is
// in name_index_format.hpp) from the corporation table, in three steps:
//   1. one scan of the corporation table in corporate-number order computes
//      each entry's search key and appends it to the temporary file of its
//      (field, key length) bucket — so memory does not grow with the
//      registry;
//   2. the buckets are read back in (field, key length) order, which gives
//      every entry its id in the ranking order; the entry and bucket tables
//      are written;
//   3. each entry's grams are appended to in-memory posting chunks, written
//      out when a chunk is full or the buffered total passes a bound.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <memory>
#include <unordered_map>

#include "grammars/utf8.hpp"
#include "registries/houjin/houjin_search.hpp"
#include "registries/houjin/name_index_format.hpp"
#include "registries/houjin/name_key.hpp"

namespace gifkit::registries::houjin {
namespace {

using name_index::GramKind;
using name_index::kLongKeyBucket;

constexpr int kFieldCount = 3;
constexpr std::size_t kChunkBytes = 4096;
// Flush every posting chunk when the buffers and their map nodes pass this.
constexpr std::size_t kFlushBytes = std::size_t{96} << 20;
constexpr std::size_t kBytesPerChunkNode = 96;

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

// Posting chunks per gram, written to corporation_search_posting when full
// or when the buffered total passes kFlushBytes. Ids of one gram must come
// in ascending order; a repeat of the last id is ignored.
class PostingWriter {
 public:
  explicit PostingWriter(RegistryDb& db)
      : insert_(db.prepare("INSERT INTO corporation_search_posting (gram, first_id, last_id, ids) "
                           "VALUES (?1, ?2, ?3, ?4)")) {}

  void add(std::int64_t gram, std::int64_t id) {
    auto [at, inserted] = chunks_.try_emplace(gram);
    Chunk& chunk = at->second;
    if (inserted) buffered_ += kBytesPerChunkNode;
    if (chunk.first_id == 0) {
      chunk.first_id = chunk.last_id = id;
    } else if (id != chunk.last_id) {
      std::size_t before = chunk.deltas.size();
      name_index::append_varint(chunk.deltas, static_cast<std::uint64_t>(id - chunk.last_id));
      chunk.last_id = id;
      buffered_ += chunk.deltas.size() - before;
      if (chunk.deltas.size() >= kChunkBytes) write(gram, chunk);
    }
    if (buffered_ > kFlushBytes) flush_all();
  }

  void flush_all() {
    std::vector<std::int64_t> grams;
    grams.reserve(chunks_.size());
    for (const auto& [gram, chunk] : chunks_)
      if (chunk.first_id != 0) grams.push_back(gram);
    std::sort(grams.begin(), grams.end());
    for (std::int64_t gram : grams) write(gram, chunks_[gram]);
    chunks_.clear();
    buffered_ = 0;
  }

 private:
  struct Chunk {
    std::int64_t first_id = 0;
    std::int64_t last_id = 0;
    std::string deltas;
  };

  void write(std::int64_t gram, Chunk& chunk) {
    insert_.bind_int64(1, gram);
    insert_.bind_int64(2, chunk.first_id);
    insert_.bind_int64(3, chunk.last_id);
    insert_.bind_blob(4, chunk.deltas);
    insert_.run_and_reset();
    buffered_ -= std::min(buffered_, chunk.deltas.size());
    chunk.first_id = chunk.last_id = 0;
    chunk.deltas.clear();
  }

  Statement insert_;
  std::unordered_map<std::int64_t, Chunk> chunks_;
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
  for (std::size_t i = 0; i + 1 < code_points.size(); ++i) {
    postings.add(name_index::gram_code(field, GramKind::bigram, code_points[i], code_points[i + 1]),
                 id);
  }
  postings.add(name_index::gram_code(field, GramKind::last_char, code_points.back()), id);
}

// Step 1: every non-empty key of every corporation into its bucket.
void spill_keys(const RegistryDb& db, BucketSpill& spill) {
  Statement corporations = db.prepare(
      "SELECT corporate_number, name, furigana, en_name, kind, close_date, process, hihyoji "
      "FROM corporation");
  while (corporations.step()) {
    std::int64_t number = parse_number(corporations.column_text(0));
    std::int64_t flags = entry_flags(corporations.column_text(4), corporations.column_text(5),
                                     corporations.column_text(6), corporations.column_text(7));
    for (int field = 0; field < kFieldCount; ++field) {
      std::string key = name_key(corporations.column_text(1 + field));
      if (key.empty()) continue;
      auto length = static_cast<std::int64_t>(key_length(key));
      spill.add(field, std::min(length, kLongKeyBucket), number, flags, key);
    }
  }
}

// Steps 2 and 3.
void write_entries_and_postings(RegistryDb& db, BucketSpill& spill) {
  Statement insert_entry = db.prepare(
      "INSERT INTO corporation_search_entry (id, corporate_number, flags) VALUES (?1, ?2, ?3)");
  Statement insert_bucket = db.prepare(
      "INSERT INTO corporation_search_bucket (field, key_length, first_id, count) "
      "VALUES (?1, ?2, ?3, ?4)");
  PostingWriter postings(db);
  std::vector<char32_t> code_points;
  std::int64_t id = 0;
  std::int64_t bucket_first = 1;
  spill.replay(
      [&](int field, std::int64_t, std::int64_t number, std::int64_t flags, std::string_view key) {
        ++id;
        insert_entry.bind_int64(1, id);
        insert_entry.bind_int64(2, number);
        insert_entry.bind_int64(3, flags);
        insert_entry.run_and_reset();
        add_key_grams(postings, field, key, id, code_points);
      },
      [&](int field, std::int64_t length) {
        insert_bucket.bind_int64(1, field);
        insert_bucket.bind_int64(2, length);
        insert_bucket.bind_int64(3, bucket_first);
        insert_bucket.bind_int64(4, id - bucket_first + 1);
        insert_bucket.run_and_reset();
        bucket_first = id + 1;
      });
  postings.flush_all();
}

void fill_name_search_index(RegistryDb& db) {
  db.execute(std::string(name_index::kDropTables));
  db.execute(std::string(name_index::kCreateTables));
  BucketSpill spill;
  spill_keys(db, spill);
  write_entries_and_postings(db, spill);
}

}  // namespace

void build_name_search_index(RegistryDb& db) {
  // A savepoint: one transaction of its own when called outside one (a
  // statement per row would otherwise be a commit and an fsync per row).
  db.execute("SAVEPOINT name_search_index");
  try {
    fill_name_search_index(db);
  } catch (...) {
    db.execute("ROLLBACK TO name_search_index; RELEASE name_search_index");
    throw;
  }
  db.execute("RELEASE name_search_index");
}

}  // namespace gifkit::registries::houjin
