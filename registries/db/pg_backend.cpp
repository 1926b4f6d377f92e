// pg_backend.cpp — see pg_backend.hpp. The connection and its statements
// are pg_connection's; here: naming servers, the pointer row, opening a
// registry to read or to write, and COPY.
#include "registries/db/pg_backend.hpp"

#include "registries/db/libpq_library.hpp"

#include <algorithm>
#include <cstdio>

#include "grammars/text/percent_escapes.hpp"
#include "registries/db/pg_connection.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {
namespace {

using pg::libpq;
using pg::PgConnection;

// pg_try_advisory_xact_lock's key: one push, update or rollback at a time.
constexpr std::int64_t kWriteLockKey = 0x474946'4B'5055'5348;  // "GIFKPUSH"

// The pointer row readers follow (pg_current_schema reads it).
constexpr const char* kControlSchema = R"sql(
CREATE SCHEMA IF NOT EXISTS gifkit;
CREATE TABLE IF NOT EXISTS gifkit.registry_pointer (
  id                   integer PRIMARY KEY CHECK (id = 1),
  current_schema_name  text NOT NULL,
  previous_schema_name text,
  switched_at          timestamptz NOT NULL DEFAULT now()
);
)sql";

// One value of a query without parameters ("" when it returns no row).
std::string query_value(ConnectionBackend& server, std::string_view sql) {
  Statement select(server.prepare(sql));
  return select.step() ? std::string(select.column_text(0)) : std::string();
}

[[noreturn]] void throw_not_a_registry(const PgConnection& connection) {
  throw RegistryError(connection.name() +
                      ": not a gifkit registry (the database holds no "
                      "gifkit.registry_pointer: push one with gifkit registry push DB.sqlite " +
                      connection.name() + ")");
}

}  // namespace

bool is_postgres_registry(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://") ||
         text.starts_with("pg:");
}

std::string postgres_conninfo(std::string_view text) {
  if (!uri_password_spans(text).empty())
    throw RegistryError(
        redacted_registry_name(text) +
        ": a password in a registry location is refused: any user of this machine can read "
        "it in the process list. Give the location without it (postgresql://USER@HOST:PORT/DB) "
        "and the password as libpq reads it: the environment variable PGPASSWORD, a password "
        "file (~/.pgpass, or the file PGPASSFILE names), or a service file entry "
        "(pg:SERVICE; ~/.pg_service.conf, or the file PGSERVICEFILE names) — "
        "docs/postgresql.md, \"Passwords\"");
  if (text.starts_with("pg:")) {
    text.remove_prefix(3);
    if (text.empty()) return "";
    std::string service = "service='";
    for (char c : text) {
      if (c == '\'' || c == '\\') service += '\\';
      service += c;
    }
    return service + "'";
  }
  return std::string(text);
}

std::vector<PasswordSpan> uri_password_spans(std::string_view text) {
  std::vector<PasswordSpan> spans;
  if (!text.starts_with("postgresql://") && !text.starts_with("postgres://")) return spans;
  const std::size_t scheme = text.find("://") + 3;
  const std::size_t authority_end = std::min(text.find('/', scheme), text.find('?', scheme));
  const std::size_t at = text.rfind('@', authority_end);
  if (at != std::string_view::npos && at >= scheme) {
    const std::size_t colon = text.find(':', scheme);
    if (colon != std::string_view::npos && colon < at) spans.push_back({colon + 1, at - colon - 1});
  }
  const std::size_t query = text.find('?', scheme);
  for (std::size_t start = query; start != std::string_view::npos && start + 1 < text.size();) {
    const std::size_t name = start + 1;
    const std::size_t end = std::min(text.find('&', name), text.size());
    const std::size_t equals = text.find('=', name);
    if (equals < end && grammars::percent_decoded(text.substr(name, equals - name)) == "password")
      spans.push_back({equals + 1, end - equals - 1});
    start = end < text.size() ? end : std::string_view::npos;
  }
  return spans;
}

std::string redacted_registry_name(std::string_view text) {
  std::string redacted(text);
  const auto spans = uri_password_spans(text);
  for (auto span = spans.rbegin(); span != spans.rend(); ++span) {
    if (span->offset > 0 && text[span->offset - 1] == ':')  // user:secret@host → user@host
      redacted.erase(span->offset - 1, span->length + 1);
    else
      redacted.replace(span->offset, span->length, "***");
  }
  return redacted;
}

std::string postgres_server_away(std::string_view text) {
  return pg::away_reason(text);
}

namespace {

// One value of the pointer row (what: an expression of its columns), or ""
// when the server holds no pointer.
std::string pointer_value(ConnectionBackend& connection, const std::string& what) {
  auto& pg = static_cast<PgConnection&>(connection);
  const std::string sql = "SELECT " + what + " FROM gifkit.registry_pointer WHERE id = 1";
  PGresult* result = libpq().PQexec(pg.handle(), sql.c_str());
  const auto status = libpq().PQresultStatus(result);
  if (status != PGRES_TUPLES_OK) {
    const char* state = libpq().PQresultErrorField(result, PG_DIAG_SQLSTATE);
    if (state != nullptr && (std::string_view(state) == "42P01" ||
                             std::string_view(state) == "3F000")) {  // no table / schema
      libpq().PQclear(result);
      return "";
    }
    pg.fail(result, "cannot read gifkit.registry_pointer");
  }
  std::string value = libpq().PQntuples(result) > 0 ? libpq().PQgetvalue(result, 0, 0) : "";
  libpq().PQclear(result);
  return value;
}

}  // namespace

std::string pg_current_schema(ConnectionBackend& connection) {
  return pointer_value(connection, "current_schema_name");
}

std::string pg_registry_version(ConnectionBackend& connection) {
  return pointer_value(connection, "current_schema_name || E'\\n' || switched_at::text");
}

std::string pg_schema_of_version(std::string_view version) {
  return std::string(version.substr(0, version.rfind('\n')));
}

std::unique_ptr<ConnectionBackend> open_postgres_server(std::string_view text) {
  auto connection = pg::connect(text);
  connection->read_only = false;
  return connection;
}

std::unique_ptr<ConnectionBackend> open_postgres_for_writing(std::string_view text) {
  auto connection = open_postgres_server(text);
  const std::string& name = static_cast<PgConnection&>(*connection).name();
  if (query_value(*connection, "SELECT pg_is_in_recovery()") == "t")
    throw RegistryError(name +
                        ": the server is a read-only standby (in recovery): write to the "
                        "primary; the standby follows it");
  connection->execute("BEGIN");
  Statement lock(connection->prepare("SELECT pg_try_advisory_xact_lock(?1)"));
  lock.bind_int64(1, kWriteLockKey);
  lock.step();
  if (lock.column_text(0) != "t")
    throw RegistryLocked(name +
                         ": another gifkit registry push, update or rollback is writing "
                         "to this server; try again when it has finished");
  connection->execute(kControlSchema);
  return connection;
}

std::unique_ptr<ConnectionBackend> open_postgres_registry_for_update(std::string_view text) {
  auto connection = open_postgres_for_writing(text);
  const std::string schema = pg_current_schema(*connection);
  if (schema.empty()) throw_not_a_registry(static_cast<PgConnection&>(*connection));
  connection->execute("SET LOCAL search_path TO " + sql_quoted_name(schema) +
                      "; UPDATE gifkit.registry_pointer SET switched_at = now() WHERE id = 1");
  return connection;
}

std::unique_ptr<ConnectionBackend> open_postgres_registry(std::string_view text,
                                                          const PgOpenOptions& options) {
  auto connection = pg::connect(text);
  connection->read_only = options.read_only;
  std::string schema = options.schema;
  if (schema.empty()) schema = pg_current_schema(*connection);
  if (schema.empty()) throw_not_a_registry(*connection);
  connection->execute("SET search_path TO " + sql_quoted_name(schema));
  if (options.read_only) connection->execute("SET default_transaction_read_only = on");
  return connection;
}

// --- COPY ----------------------------------------------------------------------

PgCopy::PgCopy(ConnectionBackend& connection, const std::string& copy_sql)
    : connection_(connection) {
  auto& pg = static_cast<PgConnection&>(connection_);
  PGresult* result = libpq().PQexec(pg.handle(), copy_sql.c_str());
  if (libpq().PQresultStatus(result) != PGRES_COPY_IN) pg.fail(result, "cannot start " + copy_sql);
  libpq().PQclear(result);
  buffer_.reserve(1 << 20);
}

PgCopy::~PgCopy() {
  if (finished_) return;
  auto& pg = static_cast<PgConnection&>(connection_);
  if (pg.handle() == nullptr) return;
  libpq().PQputCopyEnd(pg.handle(), "abandoned");
  while (PGresult* result = libpq().PQgetResult(pg.handle())) libpq().PQclear(result);
}

void PgCopy::write(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= (1 << 20)) flush();
}

void PgCopy::flush() {
  auto& pg = static_cast<PgConnection&>(connection_);
  if (!buffer_.empty() &&
      libpq().PQputCopyData(pg.handle(), buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    pg.fail(nullptr, "COPY failed");
  buffer_.clear();
}

std::int64_t PgCopy::finish() {
  flush();
  auto& pg = static_cast<PgConnection&>(connection_);
  finished_ = true;
  if (libpq().PQputCopyEnd(pg.handle(), nullptr) != 1) pg.fail(nullptr, "COPY failed");
  PGresult* result = libpq().PQgetResult(pg.handle());
  if (libpq().PQresultStatus(result) != PGRES_COMMAND_OK) pg.fail(result, "COPY failed");
  const char* tuples = libpq().PQcmdTuples(result);
  const std::int64_t rows = (tuples != nullptr && *tuples != '\0') ? std::atoll(tuples) : 0;
  libpq().PQclear(result);
  while (PGresult* rest = libpq().PQgetResult(pg.handle())) libpq().PQclear(rest);
  return rows;
}

void pg_copy_text(std::string& line, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        line += "\\\\";
        break;
      case '\t':
        line += "\\t";
        break;
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      default:
        line += c;
    }
  }
}

void pg_copy_bytea(std::string& line, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  line += "\\\\x";
  for (unsigned char c : bytes) {
    line += kHex[c >> 4];
    line += kHex[c & 15];
  }
}

}  // namespace gifkit::registries
