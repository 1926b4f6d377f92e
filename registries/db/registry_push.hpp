// registry_push.hpp — `gifkit registry push` and `registry rollback`: a
// built SQLite registry copied into a new schema of a PostgreSQL server
// (COPY, then its keys and indexes), and the server's pointer row switched
// to it in the same transaction, so that readers see the old registry or the
// new one, never a mix; the previous schema is kept for rollback.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gifkit::registries {

struct PushOptions {
  // The new schema's name; "" = registry_YYYYMMDD_hhmmss (UTC).
  std::string schema;
  // Packed tables (packed_table.hpp) go as they are stored, each read
  // through a view that unpacks it on the server (pg_packed_tables.hpp):
  // the server holds about the file's bytes rather than the rows.
  bool packed = false;
  // Tables copied at once, each over a connection of its own (1: one
  // transaction for all, as below). With more, each table is committed in
  // a schema marked as a push in progress, and the pointer switches to it
  // (and the mark goes) in the last transaction: readers still see the old
  // registry or the new one. A push that dies leaves the marked schema for
  // the next push to drop.
  int jobs = 1;
  // Called after each table with its name and the rows copied (-1: a view
  // of a packed table, its rows those of its storage table); one call at a
  // time, from the thread that copied it.
  std::function<void(std::string_view table, std::int64_t rows)> on_table;
};

struct PushResult {
  std::string schema;    // the schema readers now use
  std::string previous;  // the one they used before ("" when none), kept
  std::string dropped;   // the one before that, dropped ("" when none)
  std::vector<std::pair<std::string, std::int64_t>> tables;  // rows per table
  std::int64_t bytes = 0;                                    // the new schema's size on the server
};

// Copies the registry at source into server (a postgresql:// URI or
// pg:SERVICE) in one transaction (with options.jobs > 1, the tables in
// transactions of their own, the switch in the last). Throws RegistryError when source is not a
// registry or the server refuses (a read-only standby, another push or
// update running, a schema of that name already there); the serving schema
// is then untouched. RegistryUnavailable when the server cannot be reached
// or goes away.
PushResult push_registry(const std::filesystem::path& source, std::string_view server,
                         const PushOptions& options);

struct RollbackResult {
  std::string schema;    // the schema readers now use (the previous one)
  std::string previous;  // the one rolled back from (kept: push it again)
};

// Points readers back at the previous schema, in one transaction. Throws
// RegistryError when there is none.
RollbackResult rollback_registry(std::string_view server);

}  // namespace gifkit::registries
