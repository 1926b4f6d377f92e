// packed_table.hpp — a table stored packed: its rows grouped by the first
// parts of their primary key (the ABR's 地番 and 住居表示 by 町字: lg_code,
// machiaza_id), each group's rows one value (packed_rows.hpp) in a storage
// table `NAME_packed` (the group's key columns and `rows`), and read as the
// table NAME itself through SQLite's virtual table module gifkit_packed
// (sqlite_packed_table.hpp): the same columns, the same values, the same
// primary-key order, so every query reads it as it read the plain table.
// A registry pushed to PostgreSQL gets the plain table (the rows as read),
// or with --packed the storage table and a view that unpacks it on the
// server (pg_packed_tables.hpp).
// PackedTableWriter is the one writer: rows are buffered (memory bounded),
// sorted by key, and each group written whole, merged with the group stored
// already; a row whose key is stored already is a duplicate (the first kept).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/packed_rows.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

inline constexpr std::string_view kPackedModule = "gifkit_packed";
inline constexpr std::string_view kPackedSuffix = "packed";  // NAME_packed
// The storage table's column of a group's packing (its other columns: the group's key).
inline constexpr std::string_view kPackedRowsColumn = "rows";

struct PackedTableSpec {
  std::string name;                  // the table as read, e.g. abr_parcel
  std::vector<std::string> columns;  // declarations in order: "lg_code TEXT NOT NULL"
  std::vector<std::string> key;      // the primary key's columns, in order
  std::size_t group = 0;             // the first `group` key columns group the rows (≥ 1)

  // The index of column `name` in columns, or -1.
  int column_index(std::string_view column) const;
  std::string column_name(std::size_t column) const;
};

// Where a packed table's columns go, derived from its spec once: the
// writer and the module read the same layout.
struct PackedLayout {
  std::vector<int> key_columns;     // per key part: its column
  std::vector<int> packed_columns;  // the columns in a packing (all but the group's), in order
  std::vector<int> source;          // per column: its index in a packing, or -1 - (group part)
  std::vector<int> key_packed;      // per key part after the group's: its index in a packing
};
PackedLayout packed_layout(const PackedTableSpec& spec);

// CREATE VIRTUAL TABLE IF NOT EXISTS NAME USING gifkit_packed(...): the
// spec in the module's arguments (group count, key names, the columns).
std::string packed_table_sql(const PackedTableSpec& spec);
// The spec from the module's arguments (argv[3] on of xCreate/xConnect);
// throws RegistryError naming what is wrong.
PackedTableSpec parse_packed_table_arguments(std::string_view name,
                                             const std::vector<std::string_view>& arguments);
// The storage table and its SQL (CREATE TABLE and its unique index).
std::string packed_storage_name(std::string_view name);
std::string packed_storage_sql(const PackedTableSpec& spec);
// The declaration SQLite is given for the virtual table (CREATE TABLE x(...)
// WITHOUT ROWID with the primary key).
std::string packed_declaration_sql(const PackedTableSpec& spec);

// The order-keeping bytes of a tuple of texts: memcmp of two such keys orders
// them as SQLite orders the tuples of TEXT values (BINARY collation).
void append_sort_key(std::string& key, std::string_view text);

// How many groups PackedTableWriter has written in this process: a group
// read before is stored unchanged while it stays the same (and the file's
// data version too: other processes).
std::uint64_t packed_write_generation();

class PackedTableWriter {
 public:
  // A row read whose key was stored already: the row kept, the row dropped
  // (every column, cells valid during the call) and its line.
  using OnDuplicate =
      std::function<void(const std::vector<packed::Cell>& kept,
                         const std::vector<packed::Cell>& dropped, std::uint64_t line)>;
  // db holds the table (packed_table_sql ran). buffer_bytes bounds the rows
  // held before they are written.
  PackedTableWriter(RegistryDb& db, PackedTableSpec spec, OnDuplicate on_duplicate,
                    std::size_t buffer_bytes = 64u << 20);
  PackedTableWriter(const PackedTableWriter&) = delete;
  PackedTableWriter& operator=(const PackedTableWriter&) = delete;
  // Gives its buffers, emptied, to the next writer of the process.
  ~PackedTableWriter();

  // Holds one row: cells[0 .. columns), line its place in the source.
  void add(const packed::Cell* cells, std::uint64_t line);
  // True when the rows held reach buffer_bytes: time to flush.
  bool full() const {
    return keys_.size() + texts_.size() + cells_.size() * sizeof(StoredCell) >= buffer_bytes_;
  }
  // Writes the rows held. Returns the rows stored new; the duplicates were
  // reported to on_duplicate.
  std::int64_t flush();

 private:
  struct Buffered {
    std::uint32_t key_offset, key_size, group_size;  // in keys_
    std::uint32_t first_cell;                        // in cells_
    std::uint64_t line;
  };
  struct StoredCell {
    packed::CellKind kind;
    std::uint32_t offset, size;  // in texts_
    std::int64_t integer;
  };
  // The rows held. The buffers outlive the writer and keep their capacity:
  // a build makes a writer a file, and growing fresh buffers to tens of MB
  // for each (copies and page faults) took half its CPU at scale 1.
  struct Buffers {
    std::vector<Buffered> rows;
    std::string keys;
    std::vector<StoredCell> cells;
    std::string texts;
  };
  // Spare buffers of writers gone, else new ones.
  static std::unique_ptr<Buffers> take_buffers();
  static void give_back(std::unique_ptr<Buffers> buffers);
  static std::vector<std::unique_ptr<Buffers>>& spare_buffers();  // under its mutex

  packed::Cell cell_of(const StoredCell& cell) const;
  void write_group(const std::vector<std::uint32_t>& order, std::size_t begin, std::size_t end,
                   std::int64_t& stored);

  RegistryDb& db_;
  PackedTableSpec spec_;
  OnDuplicate on_duplicate_;
  std::size_t buffer_bytes_;
  PackedLayout layout_;
  std::unique_ptr<Buffers> buffers_ = take_buffers();
  std::vector<Buffered>& rows_ = buffers_->rows;
  std::string& keys_ = buffers_->keys;
  std::vector<StoredCell>& cells_ = buffers_->cells;
  std::string& texts_ = buffers_->texts;
  Statement select_group_;
  Statement write_group_;
};

}  // namespace gifkit::registries
