// registry_push.cpp — see registry_push.hpp: the new schema, its tables
// (push_tables.hpp), the pointer switched, in one transaction; or with
// several jobs, the tables copied at once by threads of their own, each with
// its own reading of the file and its own connection, into a schema marked as
// a push in progress until the switch.
#include "registries/db/registry_push.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "registries/db/pg_backend.hpp"
#include "registries/db/pg_packed_tables.hpp"
#include "registries/db/push_tables.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {
namespace {

std::string default_schema_name() {
  return utc_now("registry_%Y%m%d_%H%M%S");
}

// A table pushed: its rows in result, and options told.
void record_table(const PushOptions& options, PushResult& result, const std::string& name,
                  std::int64_t rows) {
  result.tables.emplace_back(name, rows);
  if (options.on_table) options.on_table(name, rows);
}

// The comment of a schema whose tables a push with several jobs is still
// committing: what its last transaction removes, and what the next push
// looks for (under the write lock, no other push runs: one left behind).
// (COMMENT takes no parameter: a literal without a quote.)
constexpr const char* kPushInProgress = "gifkit: a push in progress (dropped by the next push)";

// Drops the schemas that pushes which died left behind, over a connection
// of their own (committed at once, so that a new schema's connections do not
// wait on the writer's transaction). Under the write lock.
void drop_abandoned_schemas(ConnectionBackend& writer, std::string_view server) {
  std::vector<std::string> abandoned;
  Statement marked(writer.prepare(
      "SELECT nspname FROM pg_namespace WHERE obj_description(oid, 'pg_namespace') = ?1"));
  marked.bind_text(1, kPushInProgress);
  while (marked.step()) abandoned.emplace_back(marked.column_text(0));
  if (abandoned.empty()) return;
  auto connection = open_postgres_server(server);
  for (const std::string& schema : abandoned)
    connection->execute("DROP SCHEMA IF EXISTS " + sql_quoted_name(schema) + " CASCADE");
  connection->close();
}

// A rollback-journal file (never WAL: gifkit does not set it): a reader's
// shared lock keeps any writer from committing, so a connection opened while
// another holds its read transaction reads the same state of the file.
bool readers_share_one_state(const RegistryDb& db) {
  Statement mode(db.prepare("PRAGMA journal_mode"));
  return mode.step() && mode.column_text(0) != "wal";
}

// Copies tables (not the packed views) into schema, committed one by one, by
// jobs threads, each with its own reading of source and its own connection
// to server, while the caller holds a read transaction of source. The first
// failure stops the other threads' COPYs (push_table's stop) and is thrown
// once all have stopped.
void push_tables_at_once(const std::filesystem::path& source, std::string_view server,
                         const std::string& schema, const std::vector<PushTable>& tables, int jobs,
                         const PushOptions& options, PushResult& result) {
  std::vector<const PushTable*> queue;
  for (const PushTable& table : tables)
    if (!table.packed_view) queue.push_back(&table);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex finished;  // result.tables, options.on_table, failure
  auto copy_tables = [&]() {
    try {
      RegistryDb db = RegistryDb::open_existing(source);
      ReadTransaction read(db);
      auto connection = open_postgres_server(server);
      connection->execute("SET search_path TO " + sql_quoted_name(schema));
      for (std::size_t i = next++; i < queue.size() && !failed; i = next++) {
        // FREEZE needs the table made in the COPY's transaction: one each.
        connection->execute("BEGIN");
        const std::int64_t rows = push_table(db, *connection, *queue[i], &failed);
        connection->execute("COMMIT");
        std::lock_guard<std::mutex> lock(finished);
        record_table(options, result, queue[i]->name, rows);
      }
      connection->close();
    } catch (...) {
      std::lock_guard<std::mutex> lock(finished);
      if (!failure) failure = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> threads;
  const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(jobs), queue.size());
  for (std::size_t i = 0; i < count; ++i) threads.emplace_back(copy_tables);
  for (std::thread& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
  std::sort(result.tables.begin(), result.tables.end());
}

}  // namespace

PushResult push_registry(const std::filesystem::path& source, std::string_view server,
                         const PushOptions& options) {
  RegistryDb db = RegistryDb::open_existing(source);
  ReadTransaction read(db);
  const std::vector<PushTable> tables = source_tables(db, options.packed);

  auto connection = open_postgres_for_writing(server);
  PushResult result;
  result.schema = options.schema.empty() ? default_schema_name() : options.schema;
  result.previous = pg_current_schema(*connection);
  drop_abandoned_schemas(*connection, server);
  {
    Statement exists(connection->prepare("SELECT 1 FROM pg_namespace WHERE nspname = ?1"));
    exists.bind_text(1, result.schema);
    if (exists.step())
      throw RegistryError(redacted_registry_name(server) + ": a schema named " + result.schema +
                          " is already there (give another --schema, or drop it)");
  }
  const bool at_once = options.jobs > 1 && readers_share_one_state(db);
  if (at_once) {
    // Committed now, so that the copying connections can make tables in it.
    auto setup = open_postgres_server(server);
    setup->execute("CREATE SCHEMA " + sql_quoted_name(result.schema) + "; COMMENT ON SCHEMA " +
                   sql_quoted_name(result.schema) + " IS '" + kPushInProgress + "'");
    try {
      push_tables_at_once(source, server, result.schema, tables, options.jobs, options, result);
    } catch (...) {
      try {
        setup->execute("DROP SCHEMA IF EXISTS " + sql_quoted_name(result.schema) + " CASCADE");
      } catch (const std::exception&) {
        // The server went away: the next push drops it (kPushInProgress).
      }
      throw;
    }
    setup->close();
    connection->execute("SET LOCAL search_path TO " + sql_quoted_name(result.schema) +
                        "; COMMENT ON SCHEMA " + sql_quoted_name(result.schema) + " IS NULL");
  } else {
    connection->execute("CREATE SCHEMA " + sql_quoted_name(result.schema) +
                        "; SET LOCAL search_path TO " + sql_quoted_name(result.schema));
    for (const PushTable& table : tables) {
      if (table.packed_view) continue;  // made below, once its storage is there
      record_table(options, result, table.name, push_table(db, *connection, table));
    }
  }
  bool functions = false;
  for (const PushTable& table : tables) {
    if (!table.packed_view) continue;
    if (!functions) connection->execute(pg_packed_functions_sql());
    functions = true;
    connection->execute(packed_view_sql(db, table));
    if (options.on_table) options.on_table(table.name, -1);
  }
  {
    Statement previous(connection->prepare(
        "SELECT previous_schema_name FROM gifkit.registry_pointer WHERE id = 1"));
    if (previous.step() && !previous.column_is_null(0)) result.dropped = previous.column_text(0);
  }
  if (!result.dropped.empty() && result.dropped != result.schema)
    connection->execute("DROP SCHEMA IF EXISTS " + sql_quoted_name(result.dropped) + " CASCADE");
  Statement point(connection->prepare(
      "INSERT INTO gifkit.registry_pointer (id, current_schema_name, previous_schema_name) "
      "VALUES (1, ?1, NULL) ON CONFLICT (id) DO UPDATE SET previous_schema_name = "
      "gifkit.registry_pointer.current_schema_name, current_schema_name = "
      "excluded.current_schema_name, switched_at = now()"));
  point.bind_text(1, result.schema);
  point.run_and_reset();
  {
    Statement size(connection->prepare(
        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN "
        "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?1 AND c.relkind = 'r'"));
    size.bind_text(1, result.schema);
    if (size.step()) result.bytes = size.column_int64(0);
  }
  connection->execute("COMMIT");
  connection->close();
  return result;
}

RollbackResult rollback_registry(std::string_view server) {
  auto connection = open_postgres_for_writing(server);
  Statement pointer(connection->prepare(
      "SELECT current_schema_name, previous_schema_name FROM gifkit.registry_pointer WHERE id = "
      "1"));
  if (!pointer.step() || pointer.column_is_null(1))
    throw RegistryError(redacted_registry_name(server) +
                        ": no previous registry to roll back to (push one first)");
  RollbackResult result;
  result.previous = pointer.column_text(0);
  result.schema = pointer.column_text(1);
  pointer.reset();
  connection->execute(
      "UPDATE gifkit.registry_pointer SET current_schema_name = previous_schema_name, "
      "previous_schema_name = current_schema_name, switched_at = now() WHERE id = 1");
  connection->execute("COMMIT");
  connection->close();
  return result;
}

}  // namespace gifkit::registries
