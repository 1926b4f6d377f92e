// pg_backend.hpp — the registry on a PostgreSQL server (the shared
// deployment, docs/postgresql.md): a connection string names the server,
// the server's pointer row (gifkit.registry_pointer) names the schema that
// holds the registry readers use, and `gifkit registry push` switches it.
// RegistryDb (registry_db.hpp) calls these; only they and pg_connection.hpp
// (the connection itself) include libpq.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/sql_backend.hpp"

namespace gifkit::registries {

// The schema of gifkit's own bookkeeping on a server: the pointer row.
inline constexpr std::string_view kPgControlSchema = "gifkit";

// True when text names a PostgreSQL registry rather than a file:
// postgresql://…, postgres://…, or pg:SERVICE (a libpq service file entry;
// "pg:" alone: the libpq environment, PGHOST and the rest).
bool is_postgres_registry(std::string_view text);

// The libpq connection string for text (see is_postgres_registry): every
// connection to a server is made from it. Throws RegistryError when text
// holds a password (uri_password_spans): a command line is readable by every
// user of the machine; libpq reads the password from PGPASSWORD, the
// password file or the service file instead.
std::string postgres_conninfo(std::string_view text);

// Where a postgresql:// URI holds a password: the user's
// (postgresql://user:SECRET@host) and each password=SECRET of its query
// (the keyword percent-decoded, as libpq reads it). None for anything else
// (pg:SERVICE holds none: libpq reads it from the password file or the
// environment).
struct PasswordSpan {
  std::size_t offset = 0;
  std::size_t length = 0;
};
std::vector<PasswordSpan> uri_password_spans(std::string_view text);

// text without its passwords (postgresql://user:secret@host → user@host,
// ?password=secret → ?password=***), for messages, reports, logs and the
// service's info.
std::string redacted_registry_name(std::string_view text);

// "" when connections to the server text names are tried, else why not now:
// the last attempt failed and the backoff's pause has not passed (the
// message RegistryServerAway carries), for /healthz.
std::string postgres_server_away(std::string_view text);

// How a connection to a PostgreSQL registry picks its schema.
struct PgOpenOptions {
  // The schema to read; "" = the one the pointer row names.
  std::string schema;
  // Read only: every transaction READ ONLY (a standby allows nothing else).
  bool read_only = true;
};

// Connects and sets the search path to the registry's schema. Throws
// RegistryUnavailable when the server cannot be reached (or refuses the
// login), RegistryError when it holds no gifkit registry.
std::unique_ptr<ConnectionBackend> open_postgres_registry(std::string_view text,
                                                          const PgOpenOptions& options);

// Connects without choosing a registry schema (registry push and rollback
// work on the control schema and create schemas). Throws RegistryUnavailable.
std::unique_ptr<ConnectionBackend> open_postgres_server(std::string_view text);

// Connects to a primary to write registries (push, update, rollback): a
// transaction open (the caller commits; closing rolls back) that holds the
// server's one write lock, with the control schema created when it is not
// there. Throws RegistryUnavailable when the server cannot be reached,
// RegistryError for a read-only standby, RegistryLocked while another push,
// update or rollback holds the lock.
std::unique_ptr<ConnectionBackend> open_postgres_for_writing(std::string_view text);

// Opens the registry readers use for `registry update` to change in place:
// open_postgres_for_writing's transaction and lock, the search path set to
// the schema the pointer row names, and the pointer's switched_at set to now
// (a service that follows the pointer opens the registry anew when the
// update commits). The caller commits; until then readers see the registry
// as it was. Throws as open_postgres_for_writing, and RegistryError when the
// server holds no registry.
std::unique_ptr<ConnectionBackend> open_postgres_registry_for_update(std::string_view text);

// The schema the pointer row names on the server behind connection, or ""
// when the server holds no gifkit registry yet. connection must come from
// open_postgres_* .
std::string pg_current_schema(ConnectionBackend& connection);

// The registry version readers see on the server behind connection, as one
// token: the schema the pointer row names and when it last changed (a push,
// a rollback, or an update in place), "" when the server holds no registry.
// Equal tokens: the same state. connection must come from open_postgres_*.
std::string pg_registry_version(ConnectionBackend& connection);

// The schema a pg_registry_version token names.
std::string pg_schema_of_version(std::string_view version);

// Copies rows into table with COPY … FROM STDIN: rows are lines of the COPY
// text format (see pg_copy_field). connection must come from
// open_postgres_*; throws RegistryError with the server's message.
class PgCopy {
 public:
  PgCopy(ConnectionBackend& connection, const std::string& copy_sql);
  ~PgCopy();
  PgCopy(const PgCopy&) = delete;
  PgCopy& operator=(const PgCopy&) = delete;
  // Queues bytes (whole lines or parts of them); sent in large chunks.
  void write(std::string_view bytes);
  // Ends the COPY; returns the rows the server stored.
  std::int64_t finish();

 private:
  void flush();
  ConnectionBackend& connection_;
  std::string buffer_;
  bool finished_ = false;
};

// Appends value to line in COPY text format (backslash escapes).
void pg_copy_text(std::string& line, std::string_view value);
// Appends bytes as a bytea in COPY text format (\\x and hex digits).
void pg_copy_bytea(std::string& line, std::string_view bytes);

}  // namespace gifkit::registries
