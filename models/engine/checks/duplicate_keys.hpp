// duplicate_keys.hpp — finds rows whose key (the values of the model's key
// columns) an earlier row already had. Remembers 16 bytes a row: a 64-bit
// hash of the key and the first row that held it (open addressing), so the
// memory of a 5-million-row file stays under 200 MB.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace gifkit::models {

class DuplicateKeys {
 public:
  // key_columns: 0-based columns whose values, together, are the key.
  explicit DuplicateKeys(std::vector<int> key_columns = {});

  bool empty() const { return columns_.empty(); }
  const std::vector<int>& columns() const { return columns_; }

  // The row that already held this row's key, or 0 after remembering row as
  // the key's first. A row with an empty (or missing) key column has no
  // key — (全国地方公共団体コード, ID) with ID empty identifies nothing: the
  // code repeats in every row of a publisher's file —: 0, nothing remembered
  // (key-column-empty reports the empty column once).
  std::uint64_t first_row_with_key(const std::vector<std::string_view>& fields, std::uint64_t row);

  // The same in two steps, for a caller with other work to do in between:
  // hash_key hashes a row's key and asks the processor to fetch its slot
  // (a random place in a table of up to hundreds of MB), first_row_with then
  // answers as first_row_with_key for the row whose key it is.
  struct Key {
    std::uint64_t hash = 0;  // never 0 for a key
    bool any = false;        // false: the row has no key (a key column is empty)
  };
  Key hash_key(const std::vector<std::string_view>& fields) const;
  std::uint64_t first_row_with(const Key& key, std::uint64_t row);

  // Makes room for keys keys in all at once (a guess from the file's size):
  // the table then need not grow, and be rehashed, a doubling at a time.
  // Nothing when it already has the room.
  void reserve(std::size_t keys);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t row = 0;
  };
  std::uint64_t insert(std::uint64_t hash, std::uint64_t row);
  void grow();
  void rehash(std::size_t size);

  std::vector<int> columns_;
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace gifkit::models
