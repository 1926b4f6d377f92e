// duplicate_keys.cpp — see duplicate_keys.hpp.
#include "models/engine/checks/duplicate_keys.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "grammars/io/external_sort.hpp"

namespace gifkit::models {
namespace {

// wyhash's constants and its mixing step: a 64 × 64 → 128-bit product with
// its halves folded. Eight bytes a step instead of FNV-1a's one (the key of
// every row is hashed: 3 % of validate's time with FNV-1a). Not meant to
// resist keys made to collide, no more than FNV-1a was.
constexpr std::uint64_t kSecret0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t kSecret1 = 0xe7037ed1a0b428dbULL;

std::uint64_t mum(std::uint64_t a, std::uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

// Up to eight bytes at p as one number (the missing high bytes zero).
std::uint64_t load_word(const char* p, std::size_t count) {
  assert(count <= 8);
  std::uint64_t word = 0;
  std::memcpy(&word, p, count);
  return word;
}

// hash with one column's value mixed in, its length first: ("a", "bc") and
// ("ab", "c") differ.
std::uint64_t hash_value(std::string_view bytes, std::uint64_t hash) {
  hash = mum(hash ^ kSecret0, bytes.size() ^ kSecret1);
  for (std::size_t at = 0; at < bytes.size(); at += 8) {
    const std::size_t count = std::min<std::size_t>(8, bytes.size() - at);
    hash = mum(load_word(bytes.data() + at, count) ^ kSecret0, hash ^ kSecret1);
  }
  return hash;
}

}  // namespace

DuplicateKeys::DuplicateKeys(std::vector<int> key_columns) : columns_(std::move(key_columns)) {}

std::uint64_t DuplicateKeys::first_row_with_key(const std::vector<std::string_view>& fields,
                                                std::uint64_t row) {
  return first_row_with(hash_key(fields), row);
}

DuplicateKeys::Key DuplicateKeys::hash_key(const std::vector<std::string_view>& fields) const {
  Key key;
  key.any = true;
  std::uint64_t hash = 0;
  for (int column : columns_) {
    // A missing column is an empty one.
    const bool present = static_cast<std::size_t>(column) < fields.size();
    const std::string_view value = present ? fields[column] : std::string_view();
    hash = hash_value(value, hash);
    key.any = key.any && !value.empty();
  }
  key.hash = hash == 0 ? 1 : hash;  // 0 marks an empty slot
  if (key.any && !slots_.empty()) __builtin_prefetch(&slots_[key.hash & (slots_.size() - 1)]);
  return key;
}

std::uint64_t DuplicateKeys::first_row_with(const Key& key, std::uint64_t row) {
  assert(row != 0 && key.hash != 0);
  return key.any ? insert(key.hash, row) : 0;
}

std::uint64_t DuplicateKeys::insert(std::uint64_t hash, std::uint64_t row) {
  assert(hash != 0);  // 0 marks an empty slot
  if ((count_ + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i].hash == 0) {
      slots_[i] = {hash, row};
      ++count_;
      return 0;
    }
    if (slots_[i].hash == hash) return slots_[i].row;
  }
}

void DuplicateKeys::grow() {
  rehash(slots_.empty() ? 1024 : slots_.size() * 2);
}

void DuplicateKeys::reserve(std::size_t keys) {
  std::size_t size = slots_.empty() ? 1024 : slots_.size();
  while ((keys + 1) * 2 > size) size *= 2;  // insert's load: at most half the slots
  if (size > slots_.size()) rehash(size);
}

// Moves the keys to a table of size slots (a power of two, room for them all).
void DuplicateKeys::rehash(std::size_t size) {
  assert((size & (size - 1)) == 0 && count_ * 2 < size);
  std::vector<Slot> old = std::move(slots_);
  // Each row's key lands on a random slot: on huge pages (asked for before
  // the slots are first written) a 1,000,000-row table of 32 MB misses the
  // TLB far less.
  slots_.reserve(size);
  grammars::advise_huge_pages(slots_.data(), size * sizeof(Slot));
  slots_.assign(size, Slot{});
  count_ = 0;
  for (const auto& slot : old)
    if (slot.hash != 0) insert(slot.hash, slot.row);
}

}  // namespace gifkit::models
