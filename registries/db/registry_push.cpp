// registry_push.cpp — see registry_push.hpp: the new schema, its tables
// (push_tables.hpp), the pointer switched, in one transaction.
#include "registries/db/registry_push.hpp"

#include "registries/db/pg_backend.hpp"
#include "registries/db/pg_packed_tables.hpp"
#include "registries/db/push_tables.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {
namespace {

std::string default_schema_name() {
  return utc_now("registry_%Y%m%d_%H%M%S");
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
  {
    Statement exists(connection->prepare("SELECT 1 FROM pg_namespace WHERE nspname = ?1"));
    exists.bind_text(1, result.schema);
    if (exists.step())
      throw RegistryError(redacted_registry_name(server) + ": a schema named " + result.schema +
                          " is already there (give another --schema, or drop it)");
  }
  connection->execute("CREATE SCHEMA " + sql_quoted_name(result.schema) +
                      "; SET LOCAL search_path TO " + sql_quoted_name(result.schema));
  for (const PushTable& table : tables) {
    if (table.packed_view) continue;  // made below, once its storage is there
    const std::int64_t rows = push_table(db, *connection, table);
    result.tables.emplace_back(table.name, rows);
    if (options.on_table) options.on_table(table.name, rows);
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
