// duplicate_keys.cpp — see duplicate_keys.hpp.
#include "models/engine/checks/duplicate_keys.hpp"

#include <cassert>

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
  assert(row != 0);
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  bool any = false;
  for (int column : columns_) {
    if (static_cast<std::size_t>(column) < fields.size()) {
      hash = hash_bytes(fields[column], hash);
      any = any || !fields[column].empty();
    }
    hash = hash_bytes(std::string_view("\x1f", 1), hash);
  }
  return any ? insert(hash, row) : 0;
}

std::uint64_t DuplicateKeys::insert(std::uint64_t hash, std::uint64_t row) {
  if (hash == 0) hash = 1;  // 0 marks an empty slot
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
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  count_ = 0;
  for (const auto& slot : old)
    if (slot.hash != 0) insert(slot.hash, slot.row);
}

}  // namespace gifkit::models
