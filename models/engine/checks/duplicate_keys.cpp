// duplicate_keys.cpp — see duplicate_keys.hpp.
#include "models/engine/checks/duplicate_keys.hpp"

#include <cassert>

#include "grammars/external_sort.hpp"

namespace gifkit::models {
namespace {

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;  // FNV-1a
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
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (int column : columns_) {
    if (static_cast<std::size_t>(column) < fields.size()) {
      hash = hash_bytes(fields[column], hash);
      key.any = key.any || !fields[column].empty();
    }
    hash = hash_bytes(std::string_view("\x1f", 1), hash);
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
  std::vector<Slot> old = std::move(slots_);
  const std::size_t size = old.empty() ? 1024 : old.size() * 2;
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
