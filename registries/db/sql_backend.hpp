// sql_backend.hpp — what a database engine must do to hold a registry: the
// interface RegistryDb and Statement (registry_db.hpp) forward to. SQLite
// (sqlite_backend.cpp) is the embedded default; PostgreSQL (pg_backend.cpp)
// the shared deployment. Every registry query is written once, in the SQL
// both engines read (parameters ?1, ?2 …), and runs on either.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries {

// name as an SQL identifier in double quotes (a quote doubled), the form
// both engines read. The one quoting of names that SQL is built with.
inline std::string sql_quoted_name(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// One prepared statement of a backend. Parameters are 1-based, columns
// 0-based; a column read is valid until the next step or reset.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  // copy = false: value stays valid until the statement has been stepped and
  // reset (a bulk load's uncopied bind).
  virtual void bind_text(int index, std::string_view value, bool copy) = 0;
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual void bind_null(int index) = 0;
  // True when a row is available, false when done. Throws RegistryError.
  virtual bool step() = 0;
  // Ready for the next execution; clear_bindings = false keeps the values.
  virtual void reset(bool clear_bindings) = 0;
  // Rows the last INSERT, UPDATE or DELETE of this statement changed.
  virtual int changes() const = 0;
  virtual std::string_view column_text(int column) const = 0;
  virtual std::string_view column_blob(int column) const = 0;
  virtual std::int64_t column_int64(int column) const = 0;
  virtual double column_double(int column) const = 0;
  virtual bool column_is_null(int column) const = 0;
};

// One connection of a backend to one registry.
class ConnectionBackend {
 public:
  virtual ~ConnectionBackend() = default;
  virtual std::unique_ptr<StatementBackend> prepare(std::string_view sql) = 0;
  // A statement whose rows may be many (a whole table in key order): the
  // engine reads them in batches rather than at once where it must be told
  // (PostgreSQL: a cursor). SQLite steps through rows anyway.
  virtual std::unique_ptr<StatementBackend> prepare_scan(std::string_view sql) {
    return prepare(sql);
  }
  // Runs SQL without parameters (schema, transactions), several statements
  // separated by semicolons allowed.
  virtual void execute(const std::string& sql) = 0;
  // Starts a transaction that only reads and sees one state of the registry
  // until it ends (rollback) while others write.
  virtual void begin_read() = 0;
  // Ends the open transaction, its changes undone.
  virtual void rollback() { execute("ROLLBACK"); }
  // True while a transaction is open.
  virtual bool in_transaction() = 0;
  virtual bool has_table(std::string_view name) = 0;
  // The registry's data tables (not meta, provenance or the engine's own), in
  // name order.
  virtual std::vector<std::string> data_tables() = 0;
  // The rows of data table `name` (one of data_tables()).
  virtual std::int64_t count_rows(std::string_view name);
  // The engine's own consistency check: {"ok"} or the problems found.
  virtual std::vector<std::string> integrity_check() = 0;
  // How long a statement waits for another writer's lock.
  virtual void set_busy_timeout(int ms) = 0;
  // SQLite only: rewrites an empty file with pages of this size.
  virtual void set_page_size(int bytes) = 0;
  // SQLite only: the connection's page cache, in KiB (a server keeps its own).
  virtual void set_cache_size(int kibibytes) = 0;
  // Closes the connection; throws RegistryError on failure. Idempotent.
  virtual void close() = 0;
  // True when the connection is lost (a server's restart or network): every
  // statement on it fails; open a new one. A file never breaks.
  virtual bool broken() const { return false; }
};

}  // namespace gifkit::registries
