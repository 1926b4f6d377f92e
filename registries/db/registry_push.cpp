// registry_push.cpp — see registry_push.hpp. Every table of the SQLite file
// (an R*Tree as a plain table: its shadow tables stay behind) becomes a
// table of the new schema with the same columns: INTEGER → bigint, REAL →
// double precision, BLOB → bytea, TEXT and the rest → text COLLATE "C" (so
// that ORDER BY sorts by bytes, as SQLite does). Rows go in by COPY; the
// primary keys, unique keys and the file's own indexes are built after.
#include "registries/db/registry_push.hpp"

#include <cstdio>
#include <ctime>

#include "registries/db/pg_backend.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {
namespace {

// The plain R*Tree of points on PostgreSQL: the reverse search bounds
// min_lat (address_reverse.cpp), so one B-tree on it serves.
constexpr const char* kPointIndexExtra =
    "CREATE INDEX abr_point_rtree_by_lat ON abr_point_rtree(min_lat, min_lon)";

enum class ColumnKind { integer, real, blob, text };

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::text;
  bool not_null = false;
  int key_position = 0;  // 1-based place in the primary key, 0 = not in it
};

struct Table {
  std::string name;
  bool virtual_table = false;
  std::vector<Column> columns;
};

ColumnKind kind_of(std::string type) {
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (type.find("INT") != std::string::npos) return ColumnKind::integer;
  if (type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
      type.find("DOUB") != std::string::npos)
    return ColumnKind::real;
  if (type.find("BLOB") != std::string::npos) return ColumnKind::blob;
  return ColumnKind::text;
}

const char* pg_type(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::integer:
      return "bigint";
    case ColumnKind::real:
      return "double precision";
    case ColumnKind::blob:
      return "bytea";
    case ColumnKind::text:
      break;
  }
  return "text COLLATE \"C\"";
}

// The file's tables, in name order, without SQLite's own and the R*Tree's
// shadow tables.
std::vector<Table> source_tables(const RegistryDb& db) {
  std::vector<Table> tables;
  Statement list = db.prepare(
      "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master WHERE type = 'table' "
      "AND name NOT LIKE 'sqlite_%' ORDER BY name");
  while (list.step())
    tables.push_back({std::string(list.column_text(0)), list.column_int64(1) != 0, {}});
  std::vector<std::string> shadows;
  for (const Table& table : tables)
    if (table.virtual_table)
      for (const char* suffix : {"_node", "_rowid", "_parent"})
        shadows.push_back(table.name + suffix);
  std::erase_if(tables, [&](const Table& table) {
    return std::find(shadows.begin(), shadows.end(), table.name) != shadows.end();
  });
  for (Table& table : tables) {
    Statement info = db.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1)");
    info.bind_text(1, table.name);
    while (info.step()) {
      Column column;
      column.name = info.column_text(0);
      column.kind = kind_of(std::string(info.column_text(1)));
      column.not_null = info.column_int64(2) != 0;
      column.key_position = static_cast<int>(info.column_int64(3));
      table.columns.push_back(std::move(column));
    }
  }
  return tables;
}

std::string create_table_sql(const Table& table) {
  std::string sql = "CREATE TABLE " + sql_quoted_name(table.name) + " (";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const Column& column = table.columns[i];
    sql += (i == 0 ? "" : ", ") + sql_quoted_name(column.name) + " " + pg_type(column.kind);
    if (column.not_null) sql += " NOT NULL";
  }
  return sql + ")";
}

// ALTER TABLE … ADD PRIMARY KEY, or "" when the table has none.
std::string primary_key_sql(const Table& table) {
  std::vector<std::string> key(table.columns.size());
  std::size_t parts = 0;
  for (const Column& column : table.columns) {
    if (column.key_position > 0) {
      key[static_cast<std::size_t>(column.key_position - 1)] = sql_quoted_name(column.name);
      ++parts;
    }
  }
  if (parts == 0) return "";
  std::string sql = "ALTER TABLE " + sql_quoted_name(table.name) + " ADD PRIMARY KEY (";
  for (std::size_t i = 0; i < parts; ++i) sql += (i == 0 ? "" : ", ") + key[i];
  return sql + ")";
}

// The file's indexes: its CREATE INDEX statements as written, and a UNIQUE
// index for each UNIQUE constraint (SQLite's automatic indexes, not the
// primary key's).
std::vector<std::string> index_sql(const RegistryDb& db, const Table& table) {
  std::vector<std::string> statements;
  Statement indexes = db.prepare(
      "SELECT l.name, l.origin, m.sql FROM pragma_index_list(?1) l LEFT JOIN sqlite_master m "
      "ON m.type = 'index' AND m.name = l.name ORDER BY l.name");
  indexes.bind_text(1, table.name);
  while (indexes.step()) {
    const std::string name(indexes.column_text(0));
    const std::string origin(indexes.column_text(1));
    if (origin == "c" && !indexes.column_is_null(2)) {
      statements.emplace_back(indexes.column_text(2));
    } else if (origin == "u") {
      Statement parts = db.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno");
      parts.bind_text(1, name);
      std::string columns;
      while (parts.step())
        columns += (columns.empty() ? "" : ", ") + sql_quoted_name(parts.column_text(0));
      statements.push_back("CREATE UNIQUE INDEX " + sql_quoted_name(name) + " ON " +
                           sql_quoted_name(table.name) + " (" + columns + ")");
    }
  }
  return statements;
}

// Copies the rows of table: one COPY, the values as SQLite holds them (a
// REAL with 17 digits, so that it reads back the same double).
std::int64_t copy_rows(const RegistryDb& db, ConnectionBackend& server, const Table& table) {
  std::string names;
  for (const Column& column : table.columns)
    names += (names.empty() ? "" : ", ") + sql_quoted_name(column.name);
  Statement rows = db.prepare("SELECT " + names + " FROM " + sql_quoted_name(table.name));
  PgCopy copy(server, "COPY " + sql_quoted_name(table.name) + " (" + names + ") FROM STDIN");
  std::string line;
  char number[32];
  while (rows.step()) {
    line.clear();
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      if (i > 0) line += '\t';
      const int at = static_cast<int>(i);
      if (rows.column_is_null(at)) {
        line += "\\N";
        continue;
      }
      switch (table.columns[i].kind) {
        case ColumnKind::real:
          std::snprintf(number, sizeof number, "%.17g", rows.column_double(at));
          line += number;
          break;
        case ColumnKind::blob:
          pg_copy_bytea(line, rows.column_blob(at));
          break;
        case ColumnKind::integer:
        case ColumnKind::text:
          pg_copy_text(line, rows.column_text(at));
          break;
      }
    }
    line += '\n';
    copy.write(line);
  }
  return copy.finish();
}

std::string default_schema_name() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[40];
  std::strftime(text, sizeof text, "registry_%Y%m%d_%H%M%S", &parts);
  return text;
}

}  // namespace

PushResult push_registry(const std::filesystem::path& source, std::string_view server,
                         const PushOptions& options) {
  RegistryDb db = RegistryDb::open_existing(source);
  ReadTransaction read(db);
  const std::vector<Table> tables = source_tables(db);

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
  for (const Table& table : tables) {
    connection->execute(create_table_sql(table));
    const std::int64_t rows = copy_rows(db, *connection, table);
    const std::string key = primary_key_sql(table);
    if (!key.empty()) connection->execute(key);
    for (const std::string& index : index_sql(db, table)) connection->execute(index);
    if (table.virtual_table && table.name == "abr_point_rtree")
      connection->execute(kPointIndexExtra);
    connection->execute("ANALYZE " + sql_quoted_name(table.name));
    result.tables.emplace_back(table.name, rows);
    if (options.on_table) options.on_table(table.name, rows);
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
