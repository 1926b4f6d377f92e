// sqlite_packed_table.cpp — see sqlite_packed_table.hpp. A table object per
// connection and table keeps the group it unpacked last (the next lookup in
// the same 町字 — a join from the R*Tree, a walk of the place ids — reuses
// it when the stored bytes are the same) and the prepared reads of the
// storage table, which its cursors borrow.
#include "registries/db/sqlite_packed_table.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "registries/db/packed_table.hpp"

namespace gifkit::registries {
namespace {

// One group: its key, its packing, and its rows unpacked when a value of
// them is first asked for (a walk of the keys alone never unpacks).
struct Group {
  std::vector<std::string> group_values;
  std::string bytes;
  std::size_t row_count = 0;
  mutable packed::UnpackedRows rows;
  mutable bool unpacked = false;

  bool unpack() const {
    if (!unpacked) unpacked = packed::unpack_rows(bytes, rows) && rows.rows() == row_count;
    return unpacked;
  }
};

// A plan (idxNum): how many key parts from the first an equality binds, and
// whether the next group part has a lower bound (> or >=) — the walk of the
// keys with `lg_code > ?` or `lg_code = ? AND machiaza_id > ?`.
enum Bound { kNoBound = 0, kAfter = 1, kFrom = 2 };
constexpr int kPlanBound = 16;  // idxNum = parts + kPlanBound * bound

struct PackedVtab {
  sqlite3_vtab base{};  // first: SQLite's part
  sqlite3* db = nullptr;
  PackedTableSpec spec;
  PackedLayout layout;
  std::shared_ptr<const Group> last;
  // The groups written in this process and the file's data version when last
  // was read: while both stay, a lookup of last's group takes it unread.
  std::uint64_t last_generation = 0;
  unsigned last_version = 0;
  // Prepared reads of the storage table by plan (group parts bound: one
  // group; fewer: a walk of groups in key order), not in use.
  std::map<int, std::vector<sqlite3_stmt*>> idle;

  ~PackedVtab() {
    for (auto& [plan, statements] : idle)
      for (sqlite3_stmt* statement : statements) sqlite3_finalize(statement);
  }
};

struct PackedCursor {
  sqlite3_vtab_cursor base{};  // first: SQLite's part
  PackedVtab* table = nullptr;
  sqlite3_stmt* read = nullptr;  // borrowed from table->idle[plan]
  int plan = 0;
  bool walks_groups = false;
  std::shared_ptr<const Group> group;
  std::size_t row = 0;
  std::size_t end = 0;
  bool eof = true;
  std::vector<std::string> narrow;  // key parts after the group's, bound

  void give_back_read() {
    if (read == nullptr) return;
    sqlite3_reset(read);
    sqlite3_clear_bindings(read);
    table->idle[plan].push_back(read);
    read = nullptr;
  }
};

int fail(sqlite3_vtab* vtab, const std::string& message, int code = SQLITE_ERROR) {
  sqlite3_free(vtab->zErrMsg);
  vtab->zErrMsg = sqlite3_mprintf("%s", message.c_str());
  return code;
}

int connect(sqlite3* db, void*, int argc, const char* const* argv, sqlite3_vtab** out, char** error,
            bool create) {
  std::vector<std::string_view> arguments;
  for (int i = 3; i < argc; ++i) arguments.emplace_back(argv[i]);
  try {
    auto table = std::make_unique<PackedVtab>();
    table->db = db;
    table->spec = parse_packed_table_arguments(argv[2], arguments);
    const PackedTableSpec& spec = table->spec;
    table->layout = packed_layout(spec);
    if (create) {
      char* message = nullptr;
      const int rc = sqlite3_exec(db, packed_storage_sql(spec).c_str(), nullptr, nullptr, &message);
      if (rc != SQLITE_OK) {
        *error = sqlite3_mprintf("%s", message != nullptr ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        return rc;
      }
    }
    const int rc = sqlite3_declare_vtab(db, packed_declaration_sql(spec).c_str());
    if (rc != SQLITE_OK) {
      *error = sqlite3_mprintf("%s: cannot declare the table (%s)", argv[2], sqlite3_errmsg(db));
      return rc;
    }
    *out = &table.release()->base;
    return SQLITE_OK;
  } catch (const std::exception& failure) {
    *error = sqlite3_mprintf("%s", failure.what());
    return SQLITE_ERROR;
  }
}

int x_create(sqlite3* db, void* aux, int argc, const char* const* argv, sqlite3_vtab** out,
             char** error) {
  return connect(db, aux, argc, argv, out, error, true);
}

int x_connect(sqlite3* db, void* aux, int argc, const char* const* argv, sqlite3_vtab** out,
              char** error) {
  return connect(db, aux, argc, argv, out, error, false);
}

int x_disconnect(sqlite3_vtab* vtab) {
  delete reinterpret_cast<PackedVtab*>(vtab);
  return SQLITE_OK;
}

int x_destroy(sqlite3_vtab* vtab) {
  auto* table = reinterpret_cast<PackedVtab*>(vtab);
  const std::string drop = "DROP TABLE IF EXISTS " + packed_storage_name(table->spec.name);
  sqlite3* db = table->db;
  delete table;
  return sqlite3_exec(db, drop.c_str(), nullptr, nullptr, nullptr);
}

// The plan: how many key parts, from the first, an equality binds (idxNum);
// their values come as argv in key order. The rows come in key order, so an
// ORDER BY of the key's columns in turn, ascending, is consumed.
int x_best_index(sqlite3_vtab* vtab, sqlite3_index_info* info) {
  const auto* table = reinterpret_cast<PackedVtab*>(vtab);
  const PackedTableSpec& spec = table->spec;
  const std::vector<int>& key_columns = table->layout.key_columns;
  std::vector<int> bound(spec.key.size(), -1);  // per key part: its constraint
  for (int i = 0; i < info->nConstraint; ++i) {
    const auto& constraint = info->aConstraint[i];
    if (!constraint.usable || constraint.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    for (std::size_t part = 0; part < spec.key.size(); ++part)
      if (key_columns[part] == constraint.iColumn && bound[part] < 0) bound[part] = i;
  }
  std::size_t parts = 0;
  while (parts < bound.size() && bound[parts] >= 0) {
    info->aConstraintUsage[bound[parts]].argvIndex = static_cast<int>(parts + 1);
    ++parts;
  }
  int bound_kind = kNoBound;
  if (parts < spec.group) {
    for (int i = 0; i < info->nConstraint && bound_kind == kNoBound; ++i) {
      const auto& constraint = info->aConstraint[i];
      if (!constraint.usable || constraint.iColumn != key_columns[parts]) continue;
      if (constraint.op == SQLITE_INDEX_CONSTRAINT_GT) bound_kind = kAfter;
      if (constraint.op == SQLITE_INDEX_CONSTRAINT_GE) bound_kind = kFrom;
      if (bound_kind != kNoBound) info->aConstraintUsage[i].argvIndex = static_cast<int>(parts + 1);
    }
  }
  info->idxNum = static_cast<int>(parts) + kPlanBound * bound_kind;
  if (parts == spec.key.size()) {
    info->estimatedCost = 5;
    info->estimatedRows = 1;
    info->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
  } else if (parts >= spec.group) {
    info->estimatedCost = 50.0 - static_cast<double>(parts);
    info->estimatedRows = 25;
  } else {
    info->estimatedCost = parts == 0 ? 1e9 : 1e6 / static_cast<double>(parts);
    info->estimatedRows = parts == 0 ? 100000000 : 1000000;
    if (bound_kind != kNoBound) info->estimatedCost /= 2;
  }
  std::size_t at = 0;
  bool ordered = info->nOrderBy > 0;
  for (int i = 0; i < info->nOrderBy && ordered; ++i) {
    const int column = info->aOrderBy[i].iColumn;
    while (at < parts && key_columns[at] != column) ++at;
    ordered = !info->aOrderBy[i].desc && at < spec.key.size() && key_columns[at] == column;
    ++at;
  }
  info->orderByConsumed = ordered ? 1 : 0;
  return SQLITE_OK;
}

int x_open(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) {
  auto* cursor = new (std::nothrow) PackedCursor();
  if (cursor == nullptr) return SQLITE_NOMEM;
  cursor->table = reinterpret_cast<PackedVtab*>(vtab);
  *out = &cursor->base;
  return SQLITE_OK;
}

int x_close(sqlite3_vtab_cursor* base) {
  auto* cursor = reinterpret_cast<PackedCursor*>(base);
  cursor->give_back_read();
  delete cursor;
  return SQLITE_OK;
}

// The read of a plan (that many group parts bound, and the bound of the
// next), borrowed.
int borrow_read(PackedCursor& cursor, std::size_t parts, int bound) {
  PackedVtab& table = *cursor.table;
  cursor.plan = static_cast<int>(parts) + kPlanBound * bound;
  auto& idle = table.idle[cursor.plan];
  if (!idle.empty()) {
    cursor.read = idle.back();
    idle.pop_back();
    return SQLITE_OK;
  }
  const PackedTableSpec& spec = table.spec;
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < spec.group; ++i) sql += spec.key[i] + ", ";
  sql += std::string(kPackedRowsColumn) + " FROM " + packed_storage_name(spec.name);
  for (std::size_t i = 0; i < parts; ++i)
    sql += (i ? " AND " : " WHERE ") + spec.key[i] + " = ?" + std::to_string(i + 1);
  if (bound != kNoBound)
    sql += (parts ? " AND " : " WHERE ") + spec.key[parts] + (bound == kAfter ? " > ?" : " >= ?") +
           std::to_string(parts + 1);
  if (parts < spec.group) {
    sql += " ORDER BY ";
    for (std::size_t i = 0; i < spec.group; ++i) sql += (i ? ", " : "") + spec.key[i];
  }
  const int rc = sqlite3_prepare_v3(table.db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                                    &cursor.read, nullptr);
  if (rc != SQLITE_OK)
    return fail(&table.base, table.spec.name + ": " + sqlite3_errmsg(table.db), rc);
  return SQLITE_OK;
}

// The groups written in this process (packed_table.hpp) and the file's data
// version (other connections' commits): the stored rows are those read
// while both stay the same.
std::pair<std::uint64_t, unsigned> write_stamp(sqlite3* db) {
  unsigned version = 0;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &version);
  return {packed_write_generation(), version};
}

// Compares row's key parts after the group's with cursor.narrow (as many as
// it holds).
int compare_narrow(const PackedCursor& cursor, const Group& group, std::size_t row) {
  for (std::size_t i = 0; i < cursor.narrow.size(); ++i) {
    const auto column = static_cast<std::size_t>(cursor.table->layout.key_packed[i]);
    const int order = group.rows.text(row, column).compare(cursor.narrow[i]);
    if (order != 0) return order;
  }
  return 0;
}

int narrow_rows(PackedCursor& cursor);

// The error of a group whose bytes are not a packing, the group named.
int not_a_packing(PackedVtab& table, const Group& group) {
  std::string key;
  for (const auto& value : group.group_values) key += (key.empty() ? "" : " ") + value;
  return fail(&table.base,
              table.spec.name + ": the stored rows of " + key +
                  " are not a packing (the registry file is damaged or was changed by hand; "
                  "build it anew)",
              SQLITE_CORRUPT);
}

// Makes the group the read's row holds the cursor's (unpacked, or the one
// unpacked last when its bytes are the same), its rows those of the bound
// key parts.
int take_group(PackedCursor& cursor) {
  PackedVtab& table = *cursor.table;
  const std::size_t parts = table.spec.group;
  const auto* blob =
      static_cast<const char*>(sqlite3_column_blob(cursor.read, static_cast<int>(parts)));
  const std::string_view bytes(
      blob != nullptr ? blob : "",
      static_cast<std::size_t>(sqlite3_column_bytes(cursor.read, static_cast<int>(parts))));
  bool same = table.last != nullptr && table.last->bytes == bytes;
  for (std::size_t i = 0; same && i < parts; ++i) {
    const auto* text =
        reinterpret_cast<const char*>(sqlite3_column_text(cursor.read, static_cast<int>(i)));
    same = table.last->group_values[i] ==
           std::string_view(
               text != nullptr ? text : "",
               static_cast<std::size_t>(sqlite3_column_bytes(cursor.read, static_cast<int>(i))));
  }
  if (!same) {
    auto group = std::make_shared<Group>();
    for (std::size_t i = 0; i < parts; ++i) {
      const auto* text =
          reinterpret_cast<const char*>(sqlite3_column_text(cursor.read, static_cast<int>(i)));
      group->group_values.emplace_back(
          text != nullptr ? text : "",
          static_cast<std::size_t>(sqlite3_column_bytes(cursor.read, static_cast<int>(i))));
    }
    group->bytes.assign(bytes);
    if (!packed::packed_row_count(group->bytes, group->row_count))
      return not_a_packing(table, *group);
    table.last = std::move(group);
  }
  std::tie(table.last_generation, table.last_version) = write_stamp(table.db);
  cursor.group = table.last;
  return narrow_rows(cursor);
}

// Sets the cursor's rows: those of its group with the bound key parts.
int narrow_rows(PackedCursor& cursor) {
  const Group& group = *cursor.group;
  std::size_t low = 0, high = group.row_count;
  if (!cursor.narrow.empty()) {
    if (!group.unpack()) return not_a_packing(*cursor.table, group);
    // The rows are in key order: those of the bound parts are one run.
    std::size_t count = high;
    while (count > 0) {  // the first row not before the bound parts
      const std::size_t step = count / 2;
      if (compare_narrow(cursor, group, low + step) < 0) {
        low += step + 1;
        count -= step + 1;
      } else {
        count = step;
      }
    }
    high = low;
    while (high < group.row_count && compare_narrow(cursor, group, high) == 0) ++high;
  }
  cursor.row = low;
  cursor.end = high;
  return SQLITE_OK;
}

// Steps the read to the next group that has rows for the cursor; eof when none.
int next_group(PackedCursor& cursor) {
  for (;;) {
    const int rc = sqlite3_step(cursor.read);
    if (rc == SQLITE_DONE) {
      cursor.eof = true;
      return SQLITE_OK;
    }
    if (rc != SQLITE_ROW)
      return fail(&cursor.table->base,
                  cursor.table->spec.name + ": " + sqlite3_errmsg(cursor.table->db), rc);
    const int taken = take_group(cursor);
    if (taken != SQLITE_OK) return taken;
    if (cursor.row < cursor.end) {
      cursor.eof = false;
      return SQLITE_OK;
    }
    if (!cursor.walks_groups) {
      cursor.eof = true;
      return SQLITE_OK;
    }
  }
}

int x_filter(sqlite3_vtab_cursor* base, int plan, const char*, int argc, sqlite3_value** argv) {
  auto* cursor = reinterpret_cast<PackedCursor*>(base);
  PackedVtab& table = *cursor->table;
  cursor->give_back_read();
  cursor->group.reset();
  cursor->narrow.clear();
  cursor->eof = true;
  // Only TEXT values are looked up; a NULL matches nothing; another value
  // ends the bound parts there (SQLite checks every constraint itself).
  const int equal_parts = std::min(plan % kPlanBound, argc);
  int bound = plan / kPlanBound;
  std::size_t parts = 0;
  for (; parts < static_cast<std::size_t>(equal_parts); ++parts) {
    const int type = sqlite3_value_type(argv[parts]);
    if (type == SQLITE_NULL) return SQLITE_OK;
    if (type != SQLITE_TEXT) break;
  }
  if (bound != kNoBound) {
    const int at = equal_parts;
    if (static_cast<int>(parts) != equal_parts || at >= argc) {
      bound = kNoBound;
    } else if (sqlite3_value_type(argv[at]) == SQLITE_NULL) {
      return SQLITE_OK;
    } else if (sqlite3_value_type(argv[at]) != SQLITE_TEXT) {
      bound = kNoBound;
    }
  }
  const std::size_t group_parts = std::min(parts, table.spec.group);
  for (std::size_t i = table.spec.group; i < parts; ++i) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
    cursor->narrow.emplace_back(text != nullptr ? text : "",
                                static_cast<std::size_t>(sqlite3_value_bytes(argv[i])));
  }
  cursor->walks_groups = group_parts < table.spec.group;
  if (!cursor->walks_groups && table.last != nullptr &&
      write_stamp(table.db) == std::make_pair(table.last_generation, table.last_version)) {
    bool same = true;
    for (std::size_t i = 0; same && i < group_parts; ++i) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
      same = table.last->group_values[i] ==
             std::string_view(text != nullptr ? text : "",
                              static_cast<std::size_t>(sqlite3_value_bytes(argv[i])));
    }
    if (same) {  // the group read last, unchanged since
      cursor->group = table.last;
      const int narrowed = narrow_rows(*cursor);
      cursor->eof = cursor->row >= cursor->end;
      return narrowed;
    }
  }
  if (!cursor->walks_groups) bound = kNoBound;
  const int rc = borrow_read(*cursor, group_parts, bound);
  if (rc != SQLITE_OK) return rc;
  for (std::size_t i = 0; i < group_parts; ++i)
    sqlite3_bind_value(cursor->read, static_cast<int>(i + 1), argv[i]);
  if (bound != kNoBound)
    sqlite3_bind_value(cursor->read, static_cast<int>(group_parts + 1), argv[group_parts]);
  return next_group(*cursor);
}

int x_next(sqlite3_vtab_cursor* base) {
  auto* cursor = reinterpret_cast<PackedCursor*>(base);
  if (++cursor->row < cursor->end) return SQLITE_OK;
  if (!cursor->walks_groups) {
    cursor->eof = true;
    return SQLITE_OK;
  }
  return next_group(*cursor);
}

int x_eof(sqlite3_vtab_cursor* base) {
  return reinterpret_cast<PackedCursor*>(base)->eof ? 1 : 0;
}

int x_column(sqlite3_vtab_cursor* base, sqlite3_context* context, int column) {
  auto* cursor = reinterpret_cast<PackedCursor*>(base);
  const int source = cursor->table->layout.source[static_cast<std::size_t>(column)];
  const Group& group = *cursor->group;
  if (source < 0) {
    const std::string& value = group.group_values[static_cast<std::size_t>(-1 - source)];
    sqlite3_result_text(context, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return SQLITE_OK;
  }
  const auto at = static_cast<std::size_t>(source);
  if (!group.unpack()) return not_a_packing(*cursor->table, group);
  switch (group.rows.kind(cursor->row, at)) {
    case packed::CellKind::null:
      sqlite3_result_null(context);
      break;
    case packed::CellKind::integer:
      sqlite3_result_int64(context, group.rows.integer(cursor->row, at));
      break;
    case packed::CellKind::text: {
      const std::string_view text = group.rows.text(cursor->row, at);
      sqlite3_result_text(context, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
      break;
    }
  }
  return SQLITE_OK;
}

int x_rowid(sqlite3_vtab_cursor* base, sqlite3_int64* rowid) {
  *rowid = static_cast<sqlite3_int64>(reinterpret_cast<PackedCursor*>(base)->row);
  return SQLITE_OK;
}

int x_shadow_name(const char* suffix) {
  return std::string_view(suffix) == kPackedSuffix ? 1 : 0;
}

sqlite3_module make_module() {
  sqlite3_module module{};
  module.iVersion = 3;
  module.xCreate = x_create;
  module.xConnect = x_connect;
  module.xBestIndex = x_best_index;
  module.xDisconnect = x_disconnect;
  module.xDestroy = x_destroy;
  module.xOpen = x_open;
  module.xClose = x_close;
  module.xFilter = x_filter;
  module.xNext = x_next;
  module.xEof = x_eof;
  module.xColumn = x_column;
  module.xRowid = x_rowid;
  module.xShadowName = x_shadow_name;
  return module;
}

const sqlite3_module kModule = make_module();

}  // namespace

int register_packed_module(sqlite3* db) {
  return sqlite3_create_module_v2(db, std::string(kPackedModule).c_str(), &kModule, nullptr,
                                  nullptr);
}

}  // namespace gifkit::registries
