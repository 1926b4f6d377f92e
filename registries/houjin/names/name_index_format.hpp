// name_index_format.hpp — the on-disk format of the corporations' name index,
// shared by its builder (name_index_build.cpp) and its reader
// (houjin_search.cpp). Private to registries/houjin.
//
// Every non-empty search key (name_key.hpp) of a corporation's name,
// furigana or English name is an *entry*. A *segment* is the entries of one
// build (segment 0) or one update (1, 2, …: the corporations the update's
// diffs changed). Within a segment, entry ids are dense and ordered by
// (field, key length, corporate number), so walking any list of ids in
// ascending order visits shorter keys first and, within a length, lower
// corporate numbers first — the ranking of search results. A segment's ids
// start at a block boundary after the previous segment's. Tables:
//   corporation_search_entry  (block → the entries of ids block*256+1 …
//                              block*256+256: each 8 bytes little-endian,
//                              corporate number | flags << 44)
//   corporation_search_bucket (segment, field, key length → first id,
//                              count): the id ranges, so an id's key length
//                              is known without reading its key
//   corporation_search_current (corporate number → segment): corporations
//                              indexed again by an update, and the segment
//                              holding their current entries; their
//                              entries in other segments are stale
//   corporation_search_posting (gram, first_id → last_id, ids): for every
//                              gram, the ascending ids of the entries whose
//                              key holds it, in chunks: a skip table, then
//                              delta varints (encode_chunk, below)
// meta.name_index_format (kNameIndexFormat) marks this format: an index
// without it (an older gifkit's) is not read, and an update rebuilds it.
// A gram is a 64-bit code: field, kind and one or two code points (three,
// hashed, for the first trigram).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/db/varint.hpp"

namespace gifkit::registries::houjin::name_index {

inline constexpr std::string_view kCreateTables =
    "CREATE TABLE corporation_search_entry (\n"
    "  block INTEGER PRIMARY KEY,\n"
    "  entries BLOB NOT NULL\n"
    ");\n"
    "CREATE TABLE corporation_search_bucket (\n"
    "  segment INTEGER NOT NULL,\n"
    "  field INTEGER NOT NULL,\n  key_length INTEGER NOT NULL,\n"
    "  first_id INTEGER NOT NULL,\n  count INTEGER NOT NULL,\n"
    "  PRIMARY KEY (segment, field, key_length)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE corporation_search_current (\n"
    "  corporate_number INTEGER PRIMARY KEY,\n"
    "  segment INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE corporation_search_posting (\n"
    "  gram INTEGER NOT NULL,\n  first_id INTEGER NOT NULL,\n"
    "  last_id INTEGER NOT NULL,\n  ids BLOB NOT NULL,\n"
    "  PRIMARY KEY (gram, first_id)\n"
    ") WITHOUT ROWID;\n";

// Every table of the index, old formats included (a rebuild drops them all).
inline constexpr std::string_view kDropTables =
    "DROP TABLE IF EXISTS corporation_search_entry;\n"
    "DROP TABLE IF EXISTS corporation_search_bucket;\n"
    "DROP TABLE IF EXISTS corporation_search_posting;\n"
    "DROP TABLE IF EXISTS corporation_search_current;\n"
    "DROP TABLE IF EXISTS corporation_search_fts;\n"
    "DROP TABLE IF EXISTS corporation_search_gram;\n"
    "DROP TABLE IF EXISTS corporation_search_key;\n";

// The meta key and value of this format of the index. 1 (no meta key):
// chunks of deltas only; 2: chunks begin with a skip table; 3: keys drop
// variation selectors and fold the characters outside JIS X 0208 through
// the registry's moji_fold (name_key.hpp), when it has one.
inline constexpr std::string_view kNameIndexFormatKey = "name_index_format";
inline constexpr std::string_view kNameIndexFormat = "3";

// True when db holds every table of this format of the index (an older
// registry's index, or none, gives false).
inline bool has_name_index(const RegistryDb& db) {
  for (std::string_view table : {"corporation_search_entry", "corporation_search_bucket",
                                 "corporation_search_posting", "corporation_search_current"})
    if (!db.has_table(table)) return false;
  return db.meta(kNameIndexFormatKey) == kNameIndexFormat;
}

// Keys of this many code points or more share one bucket.
inline constexpr std::int64_t kLongKeyBucket = 255;

enum class GramKind : std::uint64_t {
  bigram = 0,         // two consecutive code points anywhere in the key
  start_bigram = 1,   // the first two code points
  start_char = 2,     // the first code point
  last_char = 3,      // the last code point (with the bigrams: every code point)
  start_trigram = 4,  // the first three code points (hashed: may collide)
};

// field (0 name, 1 furigana, 2 English) | kind | first | second code point.
inline std::int64_t gram_code(int field, GramKind kind, char32_t first, char32_t second = 0) {
  return static_cast<std::int64_t>((static_cast<std::uint64_t>(field) << 45) |
                                   (static_cast<std::uint64_t>(kind) << 42) |
                                   (static_cast<std::uint64_t>(first & 0x1FFFFF) << 21) |
                                   static_cast<std::uint64_t>(second & 0x1FFFFF));
}

// The start_trigram gram: three code points hashed into 42 bits. A
// collision only adds candidates, which the search checks against the key.
inline std::int64_t start_trigram_code(int field, char32_t first, char32_t second, char32_t third) {
  std::uint64_t hash = (static_cast<std::uint64_t>(first) * 0x1FFFFFULL + second) * 0x1FFFFFULL;
  hash = (hash + third) & ((std::uint64_t{1} << 42) - 1);
  return static_cast<std::int64_t>((static_cast<std::uint64_t>(field) << 45) |
                                   (static_cast<std::uint64_t>(GramKind::start_trigram) << 42) |
                                   hash);
}

// Entry flags: the 法人種別 code as a number, closed (a closeDate, or
// deleted), hidden (hihyoji = 1, excluded from search unless asked for).
inline constexpr std::int64_t kKindMask = 0x3FF;
inline constexpr std::int64_t kClosedFlag = 1 << 10;
inline constexpr std::int64_t kHiddenFlag = 1 << 11;

// Entries per corporation_search_entry row, and an entry's packing.
inline constexpr std::int64_t kEntriesPerBlock = 256;
inline constexpr int kFlagsShift = 44;  // 13-digit numbers fit in 44 bits

inline std::uint64_t pack_entry(std::int64_t number, std::int64_t flags) {
  return static_cast<std::uint64_t>(number) | (static_cast<std::uint64_t>(flags) << kFlagsShift);
}

// The corporate number and the flags of a packed entry.
inline std::int64_t entry_number(std::uint64_t packed) {
  return static_cast<std::int64_t>(packed & ((std::uint64_t{1} << kFlagsShift) - 1));
}
inline std::int64_t entry_flags(std::uint64_t packed) {
  return static_cast<std::int64_t>(packed >> kFlagsShift);
}

inline void append_entry(std::string& block, std::uint64_t packed) {
  for (int byte = 0; byte < 8; ++byte) block += static_cast<char>((packed >> (8 * byte)) & 0xFF);
}

// The packed entry at index of a block ("" bytes past the end give 0).
inline std::uint64_t entry_at(std::string_view block, std::int64_t index) {
  std::uint64_t packed = 0;
  auto at = static_cast<std::size_t>(index) * 8;
  for (int byte = 0; byte < 8 && at + byte < block.size(); ++byte)
    packed |= static_cast<std::uint64_t>(static_cast<unsigned char>(block[at + byte]))
              << (8 * byte);
  return packed;
}

inline void append_varint(std::string& out, std::uint64_t value) {
  varint::put(out, value);
}

// Reads one varint at pos (advanced); 0 when the bytes end early.
inline std::uint64_t read_varint(std::string_view bytes, std::size_t& pos) {
  std::uint64_t value = 0;
  for (int shift = 0; pos < bytes.size() && shift < 64; shift += 7) {
    auto byte = static_cast<unsigned char>(bytes[pos++]);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return value;
}

// A posting chunk (one corporation_search_posting row) holds first_id and
// the varint deltas of the ids after it. Its blob starts with a skip
// table, so that a seek in a long list jumps over the ids it does not
// need instead of decoding them: varint n, then n skip points — the id
// reached after every kSkipInterval deltas and the byte offset in the
// deltas after them —, each a pair of varints relative to the previous
// point (the first relative to first_id and offset 0); then the deltas.
inline constexpr std::size_t kSkipInterval = 64;

struct SkipPoint {
  std::int64_t id = 0;
  std::size_t pos = 0;  // offset in the deltas of the delta after id
};

// The blob of a chunk whose ids are first_id and then deltas.
inline std::string encode_chunk(std::int64_t first_id, std::string_view deltas) {
  std::string table;
  std::size_t points = 0;
  std::int64_t id = first_id, point_id = first_id;
  std::size_t point_pos = 0, count = 0;
  for (std::size_t pos = 0; pos < deltas.size();) {
    id += static_cast<std::int64_t>(read_varint(deltas, pos));
    if (++count % kSkipInterval == 0) {
      append_varint(table, static_cast<std::uint64_t>(id - point_id));
      append_varint(table, pos - point_pos);
      point_id = id;
      point_pos = pos;
      ++points;
    }
  }
  std::string blob;
  append_varint(blob, points);
  blob.reserve(blob.size() + table.size() + deltas.size());
  blob += table;
  blob += deltas;
  return blob;
}

// The deltas of a chunk's blob; its skip points go to skips (when given).
inline std::string_view decode_chunk(std::int64_t first_id, std::string_view blob,
                                     std::vector<SkipPoint>* skips) {
  std::size_t pos = 0;
  std::uint64_t points = read_varint(blob, pos);
  if (skips != nullptr) skips->clear();
  SkipPoint point{first_id, 0};
  for (std::uint64_t i = 0; i < points && pos < blob.size(); ++i) {
    point.id += static_cast<std::int64_t>(read_varint(blob, pos));
    point.pos += read_varint(blob, pos);
    if (skips != nullptr) skips->push_back(point);
  }
  return blob.substr(std::min(pos, blob.size()));
}

}  // namespace gifkit::registries::houjin::name_index
