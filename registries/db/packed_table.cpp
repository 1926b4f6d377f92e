// packed_table.cpp — see packed_table.hpp.
#include "registries/db/packed_table.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstring>
#include <mutex>
#include <numeric>

namespace gifkit::registries {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

bool is_plain_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string first_word(std::string_view declaration) {
  declaration = trimmed(declaration);
  return std::string(declaration.substr(0, declaration.find(' ')));
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i ? std::string(separator) : "") + parts[i];
  return out;
}

std::atomic<std::uint64_t> groups_written{0};

}  // namespace

int PackedTableSpec::column_index(std::string_view column) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (first_word(columns[i]) == column) return static_cast<int>(i);
  return -1;
}

std::string PackedTableSpec::column_name(std::size_t column) const {
  return first_word(columns[column]);
}

PackedLayout packed_layout(const PackedTableSpec& spec) {
  PackedLayout layout;
  for (const auto& part : spec.key) layout.key_columns.push_back(spec.column_index(part));
  const auto group_end = layout.key_columns.begin() + static_cast<std::ptrdiff_t>(spec.group);
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    const auto at = std::find(layout.key_columns.begin(), group_end, static_cast<int>(i));
    if (at != group_end) {
      layout.source.push_back(-1 - static_cast<int>(at - layout.key_columns.begin()));
    } else {
      layout.source.push_back(static_cast<int>(layout.packed_columns.size()));
      layout.packed_columns.push_back(static_cast<int>(i));
    }
  }
  for (std::size_t i = spec.group; i < layout.key_columns.size(); ++i)
    layout.key_packed.push_back(layout.source[static_cast<std::size_t>(layout.key_columns[i])]);
  return layout;
}

std::string packed_table_sql(const PackedTableSpec& spec) {
  return "CREATE VIRTUAL TABLE IF NOT EXISTS " + spec.name + " USING " +
         std::string(kPackedModule) + "(" + std::to_string(spec.group) + ", " +
         joined(spec.key, " ") + ", " + joined(spec.columns, ", ") + ")";
}

PackedTableSpec parse_packed_table_arguments(std::string_view name,
                                             const std::vector<std::string_view>& arguments) {
  auto fail = [&](const std::string& what) -> PackedTableSpec {
    throw RegistryError("the packed table " + std::string(name) + ": " + what);
  };
  PackedTableSpec spec;
  spec.name = std::string(name);
  if (!is_plain_name(spec.name)) return fail("its name is not a plain name");
  if (arguments.size() < 3) return fail("its arguments are (group count, key names, columns…)");
  const std::string_view group = trimmed(arguments[0]);
  if (group.size() != 1 || group[0] < '1' || group[0] > '9')
    return fail("the group count is not 1 to 9");
  spec.group = static_cast<std::size_t>(group[0] - '0');
  std::string_view key = trimmed(arguments[1]);
  while (!key.empty()) {
    const std::size_t space = key.find(' ');
    spec.key.emplace_back(key.substr(0, space));
    key = space == std::string_view::npos ? std::string_view() : trimmed(key.substr(space));
  }
  for (std::size_t i = 2; i < arguments.size(); ++i)
    spec.columns.emplace_back(trimmed(arguments[i]));
  for (std::size_t i = 0; i < spec.columns.size(); ++i)
    if (!is_plain_name(spec.column_name(i)))
      return fail("column " + std::to_string(i + 1) + " has no plain name");
  if (spec.key.size() < spec.group) return fail("the key is shorter than the group");
  for (const auto& part : spec.key)
    if (spec.column_index(part) < 0) return fail("the key names no column " + part);
  return spec;
}

std::string packed_storage_name(std::string_view name) {
  return std::string(name) + "_" + std::string(kPackedSuffix);
}

std::string packed_storage_sql(const PackedTableSpec& spec) {
  const std::string storage = packed_storage_name(spec.name);
  std::vector<std::string> group(spec.key.begin(),
                                 spec.key.begin() + static_cast<std::ptrdiff_t>(spec.group));
  std::string sql = "CREATE TABLE IF NOT EXISTS " + storage + " (";
  for (const auto& part : group) sql += part + " TEXT NOT NULL, ";
  return sql + std::string(kPackedRowsColumn) +
         " BLOB NOT NULL); CREATE UNIQUE INDEX IF NOT EXISTS " + storage + "_by_group ON " +
         storage + " (" + joined(group, ", ") + ");";
}

std::string packed_declaration_sql(const PackedTableSpec& spec) {
  return "CREATE TABLE x(" + joined(spec.columns, ", ") + ", PRIMARY KEY (" +
         joined(spec.key, ", ") + ")) WITHOUT ROWID";
}

std::uint64_t packed_write_generation() {
  return groups_written.load(std::memory_order_acquire);
}

void append_sort_key(std::string& key, std::string_view text) {
  for (char c : text) {
    key.push_back(c);
    if (c == '\0') key.push_back('\x01');
  }
  key.push_back('\0');
  key.push_back('\0');
}

PackedTableWriter::PackedTableWriter(RegistryDb& db, PackedTableSpec spec, OnDuplicate on_duplicate,
                                     std::size_t buffer_bytes)
    : db_(db),
      spec_(std::move(spec)),
      on_duplicate_(std::move(on_duplicate)),
      buffer_bytes_(buffer_bytes),
      select_group_(db.prepare([&] {
        std::string sql = "SELECT " + std::string(kPackedRowsColumn) + " FROM " +
                          packed_storage_name(spec_.name) + " WHERE ";
        for (std::size_t i = 0; i < spec_.group; ++i)
          sql += (i ? " AND " : "") + spec_.key[i] + " = ?" + std::to_string(i + 1);
        return sql;
      }())),
      write_group_(db.prepare([&] {
        std::string names, values;
        for (std::size_t i = 0; i < spec_.group; ++i) {
          names += spec_.key[i] + ", ";
          values += "?" + std::to_string(i + 1) + ", ";
        }
        return "INSERT OR REPLACE INTO " + packed_storage_name(spec_.name) + " (" + names +
               std::string(kPackedRowsColumn) + ") VALUES (" + values + "?" +
               std::to_string(spec_.group + 1) + ")";
      }())) {
  layout_ = packed_layout(spec_);
}

packed::Cell PackedTableWriter::cell_of(const StoredCell& cell) const {
  return {cell.kind, std::string_view(texts_).substr(cell.offset, cell.size), cell.integer};
}

namespace {
// Writers' buffers kept for the next writer: one set a table written at
// once is plenty.
constexpr std::size_t kSpareBuffers = 4;
std::mutex spare_buffers_mutex;
}  // namespace

std::vector<std::unique_ptr<PackedTableWriter::Buffers>>& PackedTableWriter::spare_buffers() {
  static std::vector<std::unique_ptr<Buffers>> spare;
  return spare;
}

std::unique_ptr<PackedTableWriter::Buffers> PackedTableWriter::take_buffers() {
  std::lock_guard<std::mutex> lock(spare_buffers_mutex);
  std::vector<std::unique_ptr<Buffers>>& spare = spare_buffers();
  if (spare.empty()) return std::make_unique<Buffers>();
  std::unique_ptr<Buffers> buffers = std::move(spare.back());
  spare.pop_back();
  return buffers;
}

void PackedTableWriter::give_back(std::unique_ptr<Buffers> buffers) {
  buffers->rows.clear();
  buffers->keys.clear();
  buffers->cells.clear();
  buffers->texts.clear();
  std::lock_guard<std::mutex> lock(spare_buffers_mutex);
  std::vector<std::unique_ptr<Buffers>>& spare = spare_buffers();
  if (spare.size() < kSpareBuffers) spare.push_back(std::move(buffers));
}

PackedTableWriter::~PackedTableWriter() {
  give_back(std::move(buffers_));
}

void PackedTableWriter::add(const packed::Cell* cells, std::uint64_t line) {
  Buffered row{};
  row.key_offset = static_cast<std::uint32_t>(keys_.size());
  for (std::size_t i = 0; i < layout_.key_columns.size(); ++i) {
    append_sort_key(keys_, cells[layout_.key_columns[i]].text);
    if (i + 1 == spec_.group)
      row.group_size = static_cast<std::uint32_t>(keys_.size() - row.key_offset);
  }
  row.key_size = static_cast<std::uint32_t>(keys_.size() - row.key_offset);
  row.first_cell = static_cast<std::uint32_t>(cells_.size());
  row.line = line;
  for (std::size_t i = 0; i < spec_.columns.size(); ++i) {
    const packed::Cell& cell = cells[i];
    cells_.push_back({cell.kind, static_cast<std::uint32_t>(texts_.size()),
                      static_cast<std::uint32_t>(cell.text.size()), cell.integer});
    texts_ += cell.text;
  }
  rows_.push_back(row);
}

void PackedTableWriter::write_group(const std::vector<std::uint32_t>& order, std::size_t begin,
                                    std::size_t end, std::int64_t& stored) {
  const std::size_t columns = spec_.columns.size();
  const Buffered& first = rows_[order[begin]];
  // The group's key values, from its first row.
  for (std::size_t i = 0; i < spec_.group; ++i)
    select_group_.bind_text(
        static_cast<int>(i + 1),
        cell_of(cells_[first.first_cell + static_cast<std::uint32_t>(layout_.key_columns[i])])
            .text);
  packed::UnpackedRows existing;
  bool has_existing = false;
  if (select_group_.step()) {
    if (!packed::unpack_rows(select_group_.column_blob(0), existing))
      throw RegistryError(db_.path().string() + ": a group of " + spec_.name +
                          " is not a packing (the registry was changed by hand); build it anew");
    has_existing = true;
  }
  select_group_.reset();
  // A stored row's cells in column order, and its key's part after the group.
  std::vector<packed::Cell> stored_row(columns);
  auto load_existing = [&](std::size_t row) {
    for (std::size_t i = 0; i < spec_.group; ++i)
      stored_row[static_cast<std::size_t>(layout_.key_columns[i])] =
          cell_of(cells_[first.first_cell + static_cast<std::uint32_t>(layout_.key_columns[i])]);
    for (std::size_t p = 0; p < layout_.packed_columns.size(); ++p)
      stored_row[static_cast<std::size_t>(layout_.packed_columns[p])] = existing.cell(row, p);
  };
  auto existing_key = [&](std::size_t row) {
    std::string key;
    for (int packed_index : layout_.key_packed)
      append_sort_key(key, existing.text(row, static_cast<std::size_t>(packed_index)));
    return key;
  };
  auto new_key = [&](std::size_t at) {
    const Buffered& row = rows_[order[at]];
    return std::string_view(keys_).substr(row.key_offset + row.group_size,
                                          row.key_size - row.group_size);
  };
  std::vector<packed::Cell> new_row(columns), packed_cells(layout_.packed_columns.size());
  auto load_new = [&](std::size_t at) {
    const Buffered& row = rows_[order[at]];
    for (std::size_t i = 0; i < columns; ++i) new_row[i] = cell_of(cells_[row.first_cell + i]);
  };
  packed::RowPacker packer(layout_.packed_columns.size());
  auto pack = [&](const std::vector<packed::Cell>& row) {
    for (std::size_t p = 0; p < layout_.packed_columns.size(); ++p)
      packed_cells[p] = row[static_cast<std::size_t>(layout_.packed_columns[p])];
    packer.add(packed_cells.data());
  };
  std::size_t old_row = 0;
  const std::size_t old_rows = has_existing ? existing.rows() : 0;
  std::string old_key = old_row < old_rows ? existing_key(old_row) : std::string();
  std::size_t at = begin;
  while (at < end || old_row < old_rows) {
    const int order_of = at == end ? -1 : old_row == old_rows ? 1 : old_key.compare(new_key(at));
    if (order_of < 0) {  // the stored row comes first
      load_existing(old_row);
      pack(stored_row);
      if (++old_row < old_rows) old_key = existing_key(old_row);
      continue;
    }
    load_new(at);
    if (order_of == 0) {  // stored already: the stored row kept
      load_existing(old_row);
      if (on_duplicate_) on_duplicate_(stored_row, new_row, rows_[order[at]].line);
      ++at;
      continue;
    }
    pack(new_row);
    ++stored;
    // The rows after it with its key: duplicates of it (the first read kept).
    std::size_t next = at + 1;
    for (; next < end && new_key(next) == new_key(at); ++next) {
      if (!on_duplicate_) continue;
      std::vector<packed::Cell> kept = new_row;
      load_new(next);
      on_duplicate_(kept, new_row, rows_[order[next]].line);
      load_new(at);
    }
    at = next;
  }
  for (std::size_t i = 0; i < spec_.group; ++i)
    write_group_.bind_text(
        static_cast<int>(i + 1),
        cell_of(cells_[first.first_cell + static_cast<std::uint32_t>(layout_.key_columns[i])])
            .text);
  const std::string bytes = packer.finish();
  write_group_.bind_blob(static_cast<int>(spec_.group + 1), bytes);
  write_group_.run_and_reset();
  groups_written.fetch_add(1, std::memory_order_release);
}

std::int64_t PackedTableWriter::flush() {
  std::vector<std::uint32_t> order(rows_.size());
  std::iota(order.begin(), order.end(), 0U);
  auto key_of = [&](std::uint32_t row) {
    return std::string_view(keys_).substr(rows_[row].key_offset, rows_[row].key_size);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key_of(a) < key_of(b); });
  std::int64_t stored = 0;
  for (std::size_t begin = 0; begin < order.size();) {
    const Buffered& first = rows_[order[begin]];
    const std::string_view group =
        std::string_view(keys_).substr(first.key_offset, first.group_size);
    std::size_t end = begin + 1;
    while (end < order.size() &&
           key_of(order[end]).substr(0, rows_[order[end]].group_size) == group)
      ++end;
    write_group(order, begin, end, stored);
    begin = end;
  }
  rows_.clear();
  keys_.clear();
  cells_.clear();
  texts_.clear();
  return stored;
}

}  // namespace gifkit::registries
