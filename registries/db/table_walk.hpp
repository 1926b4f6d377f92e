// table_walk.hpp — one table of two registries read side by side in the
// order of its key: two ORDER BY scans merged, so that every key of either
// registry comes once with its row in each, in one pass that holds two rows
// in memory whatever the size of the table. The registry diff
// (registries/diff/registry_diff.hpp) walks each table it compares so.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

// A key column; integer when SQLite stores it as an INTEGER (moji_mj.mj,
// corporation.corporate_number), so that it is ordered by value and not as
// text.
struct WalkedKey {
  std::string name;
  bool integer = false;
};

struct TableWalk {
  std::string table;
  std::vector<WalkedKey> key;        // unique in the table (its primary key)
  std::vector<std::string> columns;  // the columns compared, read after the key
};

// A row as read: the key columns, then the columns, as text ("" for NULL).
using WalkedRow = std::vector<std::string>;

// Calls on_key(before, after) once for every key that either registry's
// table holds, in key order: before is nullptr when only new_db has the
// key, after nullptr when only old_db has it. A table that one registry
// lacks reads as empty there; walk must name columns both tables have when
// both have it (RegistryError otherwise, from the failing SELECT). Returns
// the rows read from each side.
struct WalkCounts {
  std::uint64_t old_rows = 0;
  std::uint64_t new_rows = 0;
};
WalkCounts walk_table(
    const RegistryDb& old_db, const RegistryDb& new_db, const TableWalk& walk,
    const std::function<void(const WalkedRow* before, const WalkedRow* after)>& on_key);

}  // namespace gifkit::registries
