// push_tables.hpp — what a table of a registry file becomes on a
// PostgreSQL server when pushed (registry_push.hpp): its columns and types,
// and one table made whole on a connection (created, its rows copied by
// COPY, then its keys and indexes built and analysed). Pushed --packed, a
// packed table becomes a view over its storage (pg_packed_tables.hpp).
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

class ConnectionBackend;

enum class ColumnKind { integer, real, blob, text };

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::text;
  bool not_null = false;
  int key_position = 0;  // 1-based place in the primary key, 0 = not in it
};

struct PushTable {
  std::string name;
  bool virtual_table = false;
  bool rtree = false;  // an SQLite R*Tree with min_lat and min_lon
  // A packed table (packed_table.hpp) pushed --packed: a view over its
  // storage table, copied as it is (pg_packed_tables.hpp).
  bool packed_view = false;
  bool packed_storage = false;  // the storage table of such a view
  std::vector<Column> columns;
  // The column that is SQLite's rowid (a lone INTEGER PRIMARY KEY), which
  // SQLite numbers by itself: an identity column on the server, so that an
  // insert without it (registry update: provenance, history) is numbered
  // after the rows copied. "" when none.
  std::string rowid_column;
};

// The file's tables, in name order, without SQLite's own and the R*Tree's
// shadow tables. packed: a packed table becomes a view over its storage
// table, which is copied; else the table as read is copied and the
// storage, its module's shadow table, stays behind.
std::vector<PushTable> source_tables(const RegistryDb& db, bool packed);

// Makes table (not a packed view) in server's current schema from db's rows:
// CREATE TABLE, one COPY, then its primary key, identity, the file's indexes
// and ANALYZE; the rows copied. The caller holds the transaction it runs in.
// When stop is set during the COPY, throws RegistryError (the COPY abandoned).
std::int64_t push_table(const RegistryDb& db, ConnectionBackend& server, const PushTable& table,
                        const std::atomic<bool>* stop = nullptr);

// The CREATE VIEW of a packed table over its storage (pg_packed_tables.hpp).
std::string packed_view_sql(const RegistryDb& db, const PushTable& table);

}  // namespace gifkit::registries
