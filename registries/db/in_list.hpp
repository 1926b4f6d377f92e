// in_list.hpp — reading the rows of many keys in few statements: a query
// "… WHERE key IN (?1, …, ?16)" run once for each 16 keys (a shorter list
// repeats its last key), where a statement per key would be a round trip
// each on a server. Both engines read it; on a file it is no faster than a
// statement per key, so callers use it on a server (RegistryDb::on_server).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

inline constexpr int kInListKeys = 16;

// "(?1, ?2, …, ?16)": the parameters of an IN list of kInListKeys keys.
inline std::string in_list_parameters() {
  std::string list = "(";
  for (int i = 1; i <= kInListKeys; ++i) list += (i == 1 ? "?" : ", ?") + std::to_string(i);
  return list + ")";
}

inline void bind_key(Statement& statement, int index, std::int64_t key) {
  statement.bind_int64(index, key);
}
inline void bind_key(Statement& statement, int index, std::string_view key) {
  statement.bind_text(index, key);
}

// Runs statement (its parameters in_list_parameters()) for the distinct keys,
// kInListKeys at a time, calling row(statement) for each row it gives.
template <typename Key, typename Row>
void for_each_row_in(Statement& statement, std::vector<Key> keys, Row row) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (std::size_t first = 0; first < keys.size(); first += kInListKeys) {
    for (int i = 0; i < kInListKeys; ++i) {
      const std::size_t at = std::min(first + static_cast<std::size_t>(i), keys.size() - 1);
      bind_key(statement, i + 1, keys[at]);
    }
    while (statement.step()) row(statement);
    statement.reset();
  }
}

}  // namespace gifkit::registries
