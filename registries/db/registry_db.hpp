// registry_db.hpp — a registry, whatever holds it: opening one (an SQLite
// file by default, sqlite_backend.hpp), a small RAII wrapper over prepared
// statements, transactions, the meta and provenance tables, and the checks
// behind `gifkit registry verify`. Every statement with a value in it is
// prepared and bound; no SQL is ever built from data.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/sql_backend.hpp"

namespace gifkit::registries {

// Any failure of the registry layer: SQLite errors, a file that is not a
// registry, an unreadable source. what() names the file.
class RegistryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The registry is being written by another process (SQLite reported it
// busy after the busy timeout). what() names the file.
class RegistryLocked : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// A registry file whose last update was interrupted (a killed `registry
// update`: its rollback journal is still beside it) and that this process
// may not roll back (no write permission on the file or its folder). The
// data is safe; what() says what to run.
class RegistryInterrupted : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// The server holding the registry cannot be reached now (PostgreSQL: no
// connection, a lost one, a server shutting down, or a read cancelled by a
// standby's replay): the same request may succeed later. what() names it.
class RegistryUnavailable : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// The server holding the registry could not be reached a moment ago and is
// not tried again before a pause has passed (pg_connection.cpp's backoff:
// 0.25 s doubling up to 5 s; one connection attempt at a time tries it):
// what() says "the registry server is unreachable"; retry_after_seconds is
// when to ask again (≥ 1). A reader answers at once instead of waiting.
class RegistryServerAway : public RegistryUnavailable {
 public:
  RegistryServerAway(const std::string& message, int retry_after_seconds)
      : RegistryUnavailable(message), retry_after_seconds_(retry_after_seconds) {}
  int retry_after_seconds() const { return retry_after_seconds_; }

 private:
  int retry_after_seconds_;
};

// The version of the PostgreSQL client library (libpq's PQlibVersion: 150018 for
// 15.18), which is loaded when the first registry on a server is opened
// (libpq_library.hpp) and here if it was not yet; throws RegistryUnavailable,
// naming the library and its Debian package, when it cannot be loaded.
int postgresql_client_version();

// The registry schema this code writes (meta.schema_version), and the
// oldest it reads. 2: the corporate number is corporation's integer key;
// posting-list name index. 3: the ABR's 地番 and 住居表示 tables are packed per
// 町字 (packed_table.hpp; read as the same tables, so a version 2 file reads
// as before, and gifkit before version 3 refuses a version 3 file by this
// number instead of failing on the module it lacks). 4: reverse geocoding's
// R*Tree holds 町字 cells (abr_point_cells) instead of points, and
// abr_town_numbers a compact packing; a version 2 or 3 file is searched
// through its R*Tree of points and its packing read as before.
inline constexpr int kRegistrySchemaVersion = 4;
inline constexpr int kOldestRegistrySchemaVersion = 2;

// A prepared statement. Parameters are 1-based (SQLite's convention),
// columns 0-based. An empty string_view binds NULL when null_if_empty is set.
class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementBackend> backend) : backend_(std::move(backend)) {}
  Statement(Statement&& other) noexcept = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  void bind_text(int index, std::string_view value, bool null_if_empty = false);
  // Binds without copying (NULL when empty): value must stay valid until the
  // statement has been stepped and reset. For bulk loads.
  void bind_text_uncopied_or_null(int index, std::string_view value);
  void bind_int64(int index, std::int64_t value);
  // Binds a REAL (an R*Tree's coordinates).
  void bind_double(int index, double value);
  // Binds bytes as a BLOB (copied).
  void bind_blob(int index, std::string_view bytes);
  void bind_null(int index);
  // Steps once: true when a row is available, false when done. Throws on error.
  bool step();
  // Steps a statement that returns no rows, then resets it for reuse.
  void run_and_reset();
  // Resets the statement and clears its bindings, ready for the next use.
  void reset();
  // Resets the statement but keeps its bindings (sqlite3_reset alone), for a
  // bulk insert that skips rebinding the NULLs that stay NULL. The caller
  // must rebind every uncopied text before the next step.
  void reset_keeping_bindings();
  // Rows the connection's last INSERT, UPDATE or DELETE changed
  // (sqlite3_changes): 0 after an INSERT OR IGNORE that ignored its row.
  int changes() const;

  // The column as text; "" for NULL. Valid until the next step or reset.
  std::string_view column_text(int column) const;
  // The column's bytes (a BLOB, or text as stored); "" for NULL.
  std::string_view column_blob(int column) const;
  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  bool column_is_null(int column) const;

 private:
  std::unique_ptr<StatementBackend> backend_;
};

// One imported source file, as recorded in the provenance table.
struct Provenance {
  std::int64_t id = 0;
  std::string source_file;          // file name as given (a zip entry: "archive.zip:entry.csv")
  std::string sha256;               // hex SHA-256 of the file read (for a zip entry: of the zip)
  std::string data_date;            // YYYY-MM-DD when known, else ""
  std::int64_t row_count = 0;       // rows imported
  std::int64_t rejected_count = 0;  // rows reported and skipped
  // Rows read that the table held already, so not stored again (a day
  // applied twice); counted in neither row_count nor rejected_count. Not
  // stored: the run that read them reports it.
  std::int64_t already_stored_count = 0;
  // Why a 法人番号 diff read is not a whole day's file (houjin/import/
  // whole_day_check.hpp), or "". Not stored: `registry update` acts on it.
  std::string not_whole_day;
  std::string imported_at;  // UTC, YYYY-MM-DDThh:mm:ssZ
  std::string source_kind;  // e.g. "houjin-csv"
  std::string table_name;   // the table each imported row added one row to
};

class RegistryDb {
 public:
  // Opens an existing registry. Throws RegistryError when the file is
  // missing, is not an SQLite database, or is not a gifkit registry (no meta
  // table or an unknown schema version).
  // A PostgreSQL registry (postgresql://…, pg:SERVICE: pg_backend.hpp)
  // reads the schema its pointer row names, or pg_schema when given (a
  // service pins the schema it loaded; ignored for files).
  static RegistryDb open_existing(const std::filesystem::path& path, bool read_only = true,
                                  const std::string& pg_schema = "");
  // Opens an existing registry to change it in place (registry update):
  // read-write with a rollback journal, a busy timeout of busy_timeout_ms,
  // and the write lock taken at once (BEGIN IMMEDIATE) — the caller commits
  // or rolls back. Throws RegistryError naming the file when it is missing,
  // read-only (no write permission bit, even for root, or not writable by
  // this user), or not a registry; RegistryLocked when another process
  // holds a lock on it.
  // On a PostgreSQL server (pg_backend.hpp): the schema readers use, in a
  // transaction that holds the server's write lock (busy_timeout_ms unused:
  // RegistryLocked at once while a push, update or rollback holds it);
  // RegistryError on a read-only standby.
  static RegistryDb open_for_update(const std::filesystem::path& path, int busy_timeout_ms);
  // Creates a new, empty registry at path (the file must not hold data):
  // meta and provenance tables, pragmas for a fast bulk load.
  static RegistryDb create_for_bulk_load(const std::filesystem::path& path);

  ~RegistryDb();
  RegistryDb(RegistryDb&& other) noexcept = default;
  RegistryDb(const RegistryDb&) = delete;
  RegistryDb& operator=(const RegistryDb&) = delete;
  RegistryDb& operator=(RegistryDb&&) = delete;

  Statement prepare(std::string_view sql) const { return Statement(connection_->prepare(sql)); }
  // A statement whose rows may be millions (a table walked in key order, a
  // history since a date): read in batches on a server, inside a transaction
  // (a ReadTransaction); otherwise as prepare.
  Statement prepare_scan(std::string_view sql) const {
    return Statement(connection_->prepare_scan(sql));
  }
  // Runs SQL without parameters (schema, pragmas, transactions).
  void execute(const std::string& sql);
  // A read that meets a writer's lock (registry update committing) waits up
  // to ms milliseconds for it instead of failing at once.
  void set_busy_timeout(int ms);
  // Rewrites a bulk load's registry with pages of `bytes` bytes (PRAGMA
  // page_size, then VACUUM: cheap only while it holds few rows), its 64 MiB
  // page cache kept. Outside a transaction.
  void set_page_size(int bytes);
  // The connection's page cache (SQLite; a no-op on a server), in KiB.
  void set_cache_size(int kibibytes) { connection_->set_cache_size(kibibytes); }
  void begin() { execute("BEGIN"); }
  // A transaction that only reads: every statement until it ends sees one
  // state of the registry, while others write.
  void begin_read() { connection_->begin_read(); }
  void commit() { execute("COMMIT"); }
  // Rolls back the open transaction; does nothing when none is open (SQLite
  // may already have rolled it back after an I/O error).
  void rollback();
  // Closes the connection (also done by the destructor); throws on failure.
  void close();

  const std::filesystem::path& path() const { return path_; }
  // True when the registry is on a PostgreSQL server (path() is then its
  // connection string without the password).
  bool on_server() const;
  // True when the connection to the registry's server is lost (PostgreSQL):
  // open the registry again.
  bool broken() const { return connection_->broken(); }
  // True while a transaction is open on the connection.
  bool in_transaction() const { return connection_->in_transaction(); }
  // True when the registry holds a table (or virtual table) of this name.
  bool has_table(std::string_view name) const;
  std::string meta(std::string_view key) const;
  void set_meta(std::string_view key, std::string_view value);

  // Records a source; returns its provenance id. Counts and data date are
  // usually filled in afterwards with finish_provenance (rows refer to the id).
  std::int64_t add_provenance(const Provenance& provenance);
  void finish_provenance(std::int64_t id, std::int64_t row_count, std::int64_t rejected_count,
                         std::string_view data_date);
  std::vector<Provenance> provenance() const;
  // Row counts of the registry's data tables (everything but meta,
  // provenance and FTS5's shadow tables), by table name in name order.
  std::vector<std::pair<std::string, std::int64_t>> table_counts() const;
  // PRAGMA integrity_check: "ok" or the problems SQLite found.
  std::vector<std::string> integrity_check() const;

 private:
  RegistryDb(std::unique_ptr<ConnectionBackend> connection, std::filesystem::path path)
      : connection_(std::move(connection)), path_(std::move(path)) {}
  // Throws RegistryError unless meta.schema_version is the version this code
  // reads (the backend checked that it is a gifkit registry at all).
  void require_schema_version() const;
  std::unique_ptr<ConnectionBackend> connection_;
  std::filesystem::path path_;
};

// A read transaction for the life of the object (BEGIN, then ROLLBACK):
// every statement in between sees one state of the registry, even while
// `registry update` commits. Inside a transaction already open (a service's
// request on PostgreSQL reads in one), it joins that one and ends nothing.
// db must outlive it.
class ReadTransaction {
 public:
  explicit ReadTransaction(RegistryDb& db) : db_(db), joined_(db.in_transaction()) {
    if (!joined_) db_.begin_read();
  }
  ~ReadTransaction();  // never throws: the connection ends a read anyway
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  RegistryDb& db_;
  bool joined_;
};

// The checks of `gifkit registry verify`: integrity_check, and for each
// table named in provenance, that its row count equals the sum of the
// imported rows recorded there. An empty result means the registry is sound.
std::vector<std::string> verify_registry(const RegistryDb& db);

// meta key: the data date (YYYY-MM-DD) of the newest source the registry
// holds, set by a build and by each update.
inline constexpr std::string_view kDataDateMetaKey = "data_date";

// The registry's data date: meta data_date, else the newest data date in
// provenance (a registry built before the meta key existed), else "".
std::string registry_data_date(const RegistryDb& db);

// Sets meta data_date to the newest data date in provenance (after a build
// or an update; an older diff applied out of order does not lower it).
void record_registry_data_date(RegistryDb& db);

// meta key: the rows of each data table, counted by a build and by each
// update (record_table_counts), with the state of provenance they were
// counted at.
inline constexpr std::string_view kTableCountsMetaKey = "table_counts";

// A token of provenance as it is now (its rows, last id and imported rows),
// of the sources whose table starts with table_prefix ("" every source): a
// summary recorded with it is current while the token is the same.
std::string provenance_token(const std::vector<Provenance>& sources,
                             std::string_view table_prefix = "");

// Counts the rows of every data table (RegistryDb::table_counts, O(rows))
// and records them in meta table_counts, at the end of a build or update.
void record_table_counts(RegistryDb& db);

// The rows of each data table, as registry info and GET /v1/registry show
// them: those recorded by the last build or update when provenance has not
// changed since (opening a national registry must not count 200 M rows),
// else counted now (a registry built before the key existed).
std::vector<std::pair<std::string, std::int64_t>> registry_table_counts(const RegistryDb& db);

// The rollback journal SQLite keeps beside a registry file while an update
// writes it ("" for a registry on a server). Left behind by an update that
// was killed, it is rolled back by the next reader that may write the file
// (RegistryInterrupted otherwise).
std::filesystem::path rollback_journal_of(const std::filesystem::path& registry);

// Now in UTC, written by strftime's format (at most 63 bytes).
std::string utc_now(const char* format);

// Now in UTC as YYYY-MM-DDThh:mm:ssZ.
std::string utc_timestamp_now();

}  // namespace gifkit::registries
