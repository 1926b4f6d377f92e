// table_walk.cpp — see table_walk.hpp.
#include "registries/db/table_walk.hpp"

#include <cassert>
#include <optional>

namespace gifkit::registries {
namespace {

std::string walk_sql(const TableWalk& walk) {
  std::string keys;
  for (const WalkedKey& key : walk.key) keys += (keys.empty() ? "" : ", ") + key.name;
  std::string columns = keys;
  for (const std::string& column : walk.columns) columns += ", " + column;
  return "SELECT " + columns + " FROM " + walk.table + " ORDER BY " + keys;
}

// One side of the walk: its statement and the row it stands on.
class Cursor {
 public:
  Cursor(const RegistryDb& db, const TableWalk& walk) : walk_(walk) {
    if (db.has_table(walk.table)) select_.emplace(db.prepare_scan(walk_sql(walk)));
    advance();
  }

  bool done() const { return done_; }
  const WalkedRow& row() const { return row_; }
  std::uint64_t rows() const { return rows_; }

  void advance() {
    done_ = !select_ || !select_->step();
    if (done_) return;
    ++rows_;
    const std::size_t width = walk_.key.size() + walk_.columns.size();
    row_.resize(width);
    integers_.resize(walk_.key.size());
    for (std::size_t i = 0; i < width; ++i)
      row_[i].assign(select_->column_text(static_cast<int>(i)));
    for (std::size_t i = 0; i < walk_.key.size(); ++i)
      if (walk_.key[i].integer) integers_[i] = select_->column_int64(static_cast<int>(i));
  }

  // <0, 0, >0 as this row's key comes before, with or after other's, in the
  // order of the ORDER BY (integers by value, text by bytes: SQLite's BINARY).
  int compare_key(const Cursor& other) const {
    assert(!done_ && !other.done_);
    for (std::size_t i = 0; i < walk_.key.size(); ++i) {
      if (walk_.key[i].integer) {
        if (integers_[i] != other.integers_[i]) return integers_[i] < other.integers_[i] ? -1 : 1;
      } else if (int order = row_[i].compare(other.row_[i]); order != 0) {
        return order;
      }
    }
    return 0;
  }

 private:
  const TableWalk& walk_;
  std::optional<Statement> select_;
  WalkedRow row_;
  std::vector<std::int64_t> integers_;
  std::uint64_t rows_ = 0;
  bool done_ = true;
};

}  // namespace

WalkCounts walk_table(
    const RegistryDb& old_db, const RegistryDb& new_db, const TableWalk& walk,
    const std::function<void(const WalkedRow* before, const WalkedRow* after)>& on_key) {
  assert(!walk.key.empty());
  Cursor old_side(old_db, walk);
  Cursor new_side(new_db, walk);
  while (!old_side.done() || !new_side.done()) {
    const int order = old_side.done() ? 1 : new_side.done() ? -1 : old_side.compare_key(new_side);
    if (order < 0) {
      on_key(&old_side.row(), nullptr);
      old_side.advance();
    } else if (order > 0) {
      on_key(nullptr, &new_side.row());
      new_side.advance();
    } else {
      on_key(&old_side.row(), &new_side.row());
      old_side.advance();
      new_side.advance();
    }
  }
  return {old_side.rows(), new_side.rows()};
}

}  // namespace gifkit::registries
