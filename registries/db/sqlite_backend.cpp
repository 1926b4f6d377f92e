// sqlite_backend.cpp — see sqlite_backend.hpp. SQLite's statements and
// connection behind the backend interface of sql_backend.hpp.
#include "registries/db/sqlite_backend.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include "registries/db/registry_db.hpp"
#include "registries/db/sqlite_packed_table.hpp"
#include "registries/db/sqlite_pages.hpp"

namespace gifkit::registries {
namespace {

// 'GIFK' in the SQLite header (PRAGMA application_id) marks a gifkit registry.
constexpr int kApplicationId = 0x4749464B;

// Bulk-load settings: the file is a temporary one thrown away on failure, so
// no journal and no syncs until the build is committed (RegistryBuild fsyncs).
// Pages are read through a memory map (SQLite still writes with pwrite): at
// 5 M corporations this halved the system time of a build. The mapped file
// pages count in the process's RSS although they are the page cache's.
constexpr const char* kBulkLoadPragmas =
    "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
    "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=17179869184;";
// The page cache of a bulk load: 64 MiB, whatever the page size.
constexpr const char* kBulkLoadCacheSize = "PRAGMA cache_size=-65536;";

std::string sqlite_message(sqlite3* db, const std::string& what) {
  return what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory");
}

bool is_busy(int rc) {
  return (rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED;
}

std::string locked_message(const std::filesystem::path& path) {
  return path.string() +
         " is locked by another process (another update, or a program holding a write lock "
         "on it); try again when it has finished";
}

// A file the update must not write: no write permission bit at all (root
// ignores permissions, a registry marked read-only is still respected), or
// not writable by this user.
bool is_read_only_file(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return false;
  return (status.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || ::access(path.c_str(), W_OK) != 0;
}

std::string interrupted_message(const std::string& file) {
  return file + ": an update of this registry was interrupted (" +
         rollback_journal_of(file).native() +
         " is its rollback journal); the data is safe, but the update must be rolled back "
         "before the registry can be read: run `gifkit registry verify " +
         file +
         "` as a user who may write the file and its folder (it rolls the update back; the "
         "registry is then as before the update). Do not delete the journal: without it the "
         "registry is damaged";
}

// True when this process may roll back a hot journal of file: the file has a
// write permission bit (a registry marked read-only is respected even by
// root) and the file and its folder are writable by this user.
bool may_roll_back(const std::string& file) {
  if (is_read_only_file(file)) return false;
  std::filesystem::path folder = std::filesystem::path(file).parent_path();
  if (folder.empty()) folder = ".";
  return ::access(folder.c_str(), W_OK) == 0;
}

// Rolls back the hot journal of an interrupted update of file (SQLite does
// so on a read-write connection's first read) and tells whether the
// journal is gone. Never throws: a failure leaves the journal, and the
// reader reports RegistryInterrupted.
bool roll_back_interrupted_update(const std::string& file) {
  if (!may_roll_back(file)) return false;
  sqlite3* handle = nullptr;
  int rc =
      sqlite3_open_v2(file.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(handle, 1000);
    rc = sqlite3_exec(handle, "PRAGMA schema_version", nullptr, nullptr, nullptr);
  }
  sqlite3_close_v2(handle);
  std::error_code error;
  return rc == SQLITE_OK && !std::filesystem::exists(rollback_journal_of(file).native(), error);
}

// SQLite's memory statistics (a global mutex and counters on every malloc
// and free) are not used by gifkit; without them an ABR build takes ~6 % less
// CPU, validate --registry ~6 % fewer instructions. Process-wide
// and only possible before SQLite is first used in the process (a later call
// fails with SQLITE_MISUSE and changes nothing), hence at every open; gifkit
// uses SQLite from one thread.
void turn_off_memory_statistics() {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

// The prepared statements of one connection kept for the next prepare of the
// same SQL text (issue #29: a service's request prepared the same few
// statements again each time, SQLite's parser ~15 % of a small validate).
// A statement is shelved when its user is done with it (reset, its bindings
// cleared: it holds no lock and no value), at most one per text and at most
// kCapacity texts, the least recently shelved given up first; a second
// statement of a text in use is prepared anew. PostgreSQL's connection keeps
// its server-side statements the same way (pg_connection.cpp).
class StatementShelf {
 public:
  StatementShelf() = default;
  ~StatementShelf() { clear(); }
  StatementShelf(const StatementShelf&) = delete;
  StatementShelf& operator=(const StatementShelf&) = delete;

  // The shelved statement of sql, taken off the shelf; null when none.
  sqlite3_stmt* take(const std::string& sql) {
    auto found = kept_.find(sql);
    if (found == kept_.end()) return nullptr;
    sqlite3_stmt* statement = found->second.statement;
    kept_.erase(found);
    return statement;
  }
  // Keeps statement (of sql, reset and unbound by the caller) or finalizes it.
  void give_back(std::string&& sql, sqlite3_stmt* statement) {
    assert(statement != nullptr);
    if (kept_.count(sql) != 0) {
      sqlite3_finalize(statement);
      return;
    }
    if (kept_.size() >= kCapacity) {
      auto oldest = std::min_element(kept_.begin(), kept_.end(), [](const auto& a, const auto& b) {
        return a.second.shelved_at < b.second.shelved_at;
      });
      sqlite3_finalize(oldest->second.statement);
      kept_.erase(oldest);
    }
    kept_.emplace(std::move(sql), Kept{statement, ++clock_});
  }
  // Finalizes every shelved statement (before the connection closes).
  void clear() {
    for (auto& entry : kept_) sqlite3_finalize(entry.second.statement);
    kept_.clear();
  }

 private:
  static constexpr std::size_t kCapacity = 32;
  struct Kept {
    sqlite3_stmt* statement;
    std::uint64_t shelved_at;
  };
  std::unordered_map<std::string, Kept> kept_;
  std::uint64_t clock_ = 0;
};

class SqliteStatement final : public StatementBackend {
 public:
  // file: the registry as its user named it (for messages).
  SqliteStatement(sqlite3* db, const std::filesystem::path& file, std::string_view sql)
      : db_(db), file_(file) {
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr);
    check(rc, "cannot prepare a statement");
  }
  // The statement of sql from shelf, or a new one; given back to shelf when
  // destroyed. shelf must outlive the statement (the connection owns both).
  SqliteStatement(sqlite3* db, const std::filesystem::path& file, std::string_view sql,
                  StatementShelf& shelf)
      : db_(db), file_(file), shelf_(&shelf), sql_(sql) {
    statement_ = shelf.take(sql_);
    if (statement_ != nullptr) return;
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr);
    check(rc, "cannot prepare a statement");
  }
  ~SqliteStatement() override {
    if (shelf_ == nullptr || statement_ == nullptr) {
      sqlite3_finalize(statement_);
      return;
    }
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    shelf_->give_back(std::move(sql_), statement_);
  }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_text(int index, std::string_view value, bool copy) override {
    check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                            copy ? SQLITE_TRANSIENT : SQLITE_STATIC),
          "cannot bind a value");
  }
  void bind_int64(int index, std::int64_t value) override {
    check(sqlite3_bind_int64(statement_, index, value), "cannot bind a value");
  }
  void bind_double(int index, double value) override {
    check(sqlite3_bind_double(statement_, index, value), "cannot bind a value");
  }
  void bind_blob(int index, std::string_view bytes) override {
    check(sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()),
                            SQLITE_TRANSIENT),
          "cannot bind a value");
  }
  void bind_null(int index) override {
    check(sqlite3_bind_null(statement_, index), "cannot bind a value");
  }
  // A step that fails resets the statement before it throws: a statement
  // kept for reuse (a service's cached lookup) is usable by the next caller
  // instead of failing every bind with "bad parameter or other API misuse".
  // A lock held by another process (after the busy timeout) is
  // RegistryLocked, which the next attempt may not meet.
  // A read-only connection that meets the hot journal of an interrupted
  // update rolls it back (when this process may write the file) and steps
  // again; else RegistryInterrupted says what to run.
  bool step() override {
    for (int attempt = 1;; ++attempt) {
      int rc = sqlite3_step(statement_);
      if (rc == SQLITE_ROW) return true;
      if (rc == SQLITE_DONE) return false;
      const int extended = sqlite3_extended_errcode(db_);
      std::string message = sqlite_message(db_, "query failed");
      sqlite3_reset(statement_);
      const std::string& file = file_.native();
      if (extended == SQLITE_READONLY_ROLLBACK) {
        if (attempt == 1 && roll_back_interrupted_update(file)) continue;
        throw RegistryInterrupted(interrupted_message(file));
      }
      if (is_busy(rc)) throw RegistryLocked(locked_message(file) + " (" + message + ")");
      throw RegistryError(message);
    }
  }
  void reset(bool clear_bindings) override {
    sqlite3_reset(statement_);
    if (clear_bindings) sqlite3_clear_bindings(statement_);
  }
  int changes() const override { return sqlite3_changes(db_); }
  std::string_view column_text(int column) const override {
    const auto* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
  }
  std::string_view column_blob(int column) const override {
    const void* bytes = sqlite3_column_blob(statement_, column);
    if (bytes == nullptr) return {};
    return {static_cast<const char*>(bytes),
            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
  }
  std::int64_t column_int64(int column) const override {
    return sqlite3_column_int64(statement_, column);
  }
  double column_double(int column) const override {
    return sqlite3_column_double(statement_, column);
  }
  bool column_is_null(int column) const override {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }

 private:
  void check(int rc, const char* what) const {
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
      throw RegistryError(sqlite_message(db_, what));
  }
  sqlite3* db_;
  const std::filesystem::path& file_;
  StatementShelf* shelf_ = nullptr;  // where it goes when done (null: finalized)
  std::string sql_;                  // its text, the shelf's key
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteConnection final : public ConnectionBackend {
 public:
  // Every connection reads packed tables (sqlite_packed_table.hpp).
  SqliteConnection(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {
    if (db_ != nullptr && register_packed_module(db_) != SQLITE_OK) {
      const std::string message = sqlite_message(db_, path_.string());
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw RegistryError(message);
    }
  }
  ~SqliteConnection() override {
    shelf_.clear();
    if (db_ != nullptr) sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    return std::make_unique<SqliteStatement>(db_, path_, sql, shelf_);
  }
  void execute(const std::string& sql) override {
    if (sql == "BEGIN" || sql == "COMMIT" || sql == "ROLLBACK") {
      run_transaction_statement(sql);
      return;
    }
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message != nullptr ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      if (is_busy(rc)) throw RegistryLocked(locked_message(path_) + " (" + text + ")");
      throw RegistryError(path_.string() + ": " + text);
    }
  }
  // A deferred transaction: SQLite takes the shared lock at the first read
  // and keeps that state (a snapshot in WAL mode, the lock otherwise).
  void begin_read() override { execute("BEGIN"); }
  bool in_transaction() override { return db_ != nullptr && sqlite3_get_autocommit(db_) == 0; }
  bool has_table(std::string_view name) override {
    SqliteStatement select(db_, path_,
                           "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    select.bind_text(1, name, true);
    return select.step();
  }
  std::vector<std::string> data_tables() override {
    // pragma_table_list tells FTS5's shadow tables (type 'shadow') from data.
    SqliteStatement tables(db_, path_,
                           "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN "
                           "('table', 'virtual') AND name NOT IN ('meta', 'provenance') AND "
                           "name NOT LIKE 'sqlite_%' ORDER BY name");
    std::vector<std::string> names;
    while (tables.step()) names.emplace_back(tables.column_text(0));
    return names;
  }
  std::vector<std::string> integrity_check() override {
    SqliteStatement check(db_, path_, "PRAGMA integrity_check");
    std::vector<std::string> lines;
    while (check.step()) lines.emplace_back(check.column_text(0));
    return lines;
  }
  void set_busy_timeout(int ms) override { sqlite3_busy_timeout(db_, ms); }
  void set_cache_size(int kibibytes) override {
    execute("PRAGMA cache_size = -" + std::to_string(kibibytes));
  }
  void set_page_size(int bytes) override {
    execute("PRAGMA page_size=" + std::to_string(bytes) + "; VACUUM;");
    // The new page size leaves the page cache unbounded until its size is
    // set again (seen with SQLite 3.40: 260 MB instead of 64 MB for 2.9 M
    // rows).
    execute(kBulkLoadCacheSize);
  }
  void close() override {
    if (db_ == nullptr) return;
    shelf_.clear();
    int rc = sqlite3_close(db_);
    if (rc != SQLITE_OK) throw RegistryError(sqlite_message(db_, "cannot close " + path_.string()));
    db_ = nullptr;
  }

  // The statements that begin and end every read (a service's request, a
  // command's run) from the shelf instead of parsed by sqlite3_exec each time
  // (issue #29: ~5 % of a small validate). Fails as execute does.
  void run_transaction_statement(const std::string& sql) {
    assert(sql.find(';') == std::string::npos);  // one statement
    sqlite3_stmt* statement = shelf_.take(sql);
    int rc = SQLITE_OK;
    if (statement == nullptr)
      rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (rc == SQLITE_OK) {
      rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    const std::string text = rc != SQLITE_OK ? sqlite3_errmsg(db_) : "";
    if (statement != nullptr) {
      sqlite3_reset(statement);
      shelf_.give_back(std::string(sql), statement);
    }
    if (rc == SQLITE_OK) return;
    if (is_busy(rc)) throw RegistryLocked(locked_message(path_) + " (" + text + ")");
    throw RegistryError(path_.string() + ": " + text);
  }

  // Throws RegistryError unless the header carries gifkit's application id.
  void require_application_id() {
    try {
      SqliteStatement application_id(db_, path_, "PRAGMA application_id");
      application_id.step();
      if (application_id.column_int64(0) != kApplicationId)
        throw RegistryError("no gifkit application id in the SQLite header");
    } catch (const RegistryInterrupted&) {
      throw;
    } catch (const RegistryLocked&) {
      throw;
    } catch (const RegistryError& failure) {
      throw RegistryError(path_.string() + ": not a gifkit registry (" + failure.what() + ")");
    }
  }

 private:
  sqlite3* db_;
  std::filesystem::path path_;
  StatementShelf shelf_;  // statements prepared through prepare(), kept for reuse
};

}  // namespace

std::unique_ptr<ConnectionBackend> open_sqlite_registry(const std::filesystem::path& path,
                                                        bool read_only) {
  turn_off_memory_statistics();
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw RegistryError(path.string() + ": no such registry file");
  sqlite3* handle = nullptr;
  // One connection per thread: SQLite's own mutexes are not needed.
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  auto connection = std::make_unique<SqliteConnection>(handle, path);
  if (rc != SQLITE_OK) throw RegistryError(sqlite_message(handle, path.string()));
  connection->require_application_id();
  return connection;
}

std::unique_ptr<ConnectionBackend> open_sqlite_registry_for_update(
    const std::filesystem::path& path, int busy_timeout_ms) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw RegistryError(path.string() + ": no such registry file");
  if (is_read_only_file(path)) {
    throw RegistryError(path.string() +
                        ": the registry file is read-only (no write permission); make it "
                        "writable (chmod u+w) to update it");
  }
  turn_off_memory_statistics();
  sqlite3* handle = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto connection = std::make_unique<SqliteConnection>(handle, path);
  if (rc != SQLITE_OK) throw RegistryError(sqlite_message(handle, path.string()));
  if (sqlite3_db_readonly(handle, "main") == 1)
    throw RegistryError(path.string() + ": the registry file can only be opened read-only");
  sqlite3_busy_timeout(handle, busy_timeout_ms);
  rc = sqlite3_exec(handle, "PRAGMA journal_mode=DELETE; BEGIN IMMEDIATE", nullptr, nullptr,
                    nullptr);
  if (is_busy(rc)) throw RegistryLocked(locked_message(path));
  if ((rc & 0xFF) == SQLITE_NOTADB)
    throw RegistryError(path.string() + ": not a gifkit registry (" + sqlite3_errmsg(handle) + ")");
  if (rc != SQLITE_OK) throw RegistryError(sqlite_message(handle, path.string()));
  connection->require_application_id();
  return connection;
}

std::unique_ptr<ConnectionBackend> create_sqlite_registry(const std::filesystem::path& path) {
  turn_off_memory_statistics();
  sqlite3* handle = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &handle,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto connection = std::make_unique<SqliteConnection>(handle, path);
  if (rc != SQLITE_OK) throw RegistryError(sqlite_message(handle, path.string()));
  connection->execute(kBulkLoadPragmas);
  connection->execute(kBulkLoadCacheSize);
  connection->execute("PRAGMA application_id=" + std::to_string(kApplicationId));
  return connection;
}

std::string sqlite_registry_damage(const std::filesystem::path& path, std::uint64_t turn) {
  const std::string name = path.filename().string();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return name + ": the file is gone (the server still answers from the copy it holds open)";
  }
  turn_off_memory_statistics();
  sqlite3* handle = nullptr;
  // A connection of SQLite's own: SQLite keeps the locks of the process's
  // other connections to the file when this one closes.
  const int rc =
      sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(handle, sqlite3_close_v2);
  if (rc != SQLITE_OK) return name + ": cannot be opened (" + sqlite3_errstr(rc) + ")";
  sqlite3_busy_timeout(handle, 100);
  // A read transaction holds SQLite's shared lock: no writer changes the
  // file while its pages are read.
  auto execute = [&](const char* sql) {
    return sqlite3_exec(handle, sql, nullptr, nullptr, nullptr);
  };
  const int began = execute("BEGIN; SELECT count(*) FROM sqlite_master");
  if (began == SQLITE_BUSY || began == SQLITE_LOCKED) return "";  // being updated: no damage seen
  if (began != SQLITE_OK) {
    return name + ": its schema cannot be read (" + sqlite3_errmsg(handle) + ")";
  }
  // The application id is in the header the BEGIN above has read.
  sqlite3_int64 application_id = 0;
  sqlite3_exec(
      handle, "PRAGMA application_id",
      [](void* into, int, char** values, char**) {
        *static_cast<sqlite3_int64*>(into) = values[0] ? std::atoll(values[0]) : 0;
        return 0;
      },
      &application_id, nullptr);
  if (application_id != kApplicationId) {
    execute("COMMIT");
    return name + ": not a gifkit registry (no gifkit application id in the SQLite header)";
  }
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr) {
    execute("COMMIT");
    return "";
  }
  sqlite3_int64 size = 0;
  std::string damage;
  if (file->pMethods->xFileSize(file, &size) != SQLITE_OK) {
    damage = "its size cannot be read";
  } else {
    const PageReader read = [file](void* into, std::size_t bytes, std::uint64_t at) {
      return file->pMethods->xRead(file, into, static_cast<int>(bytes),
                                   static_cast<sqlite3_int64>(at)) == SQLITE_OK;
    };
    damage = sampled_page_damage(read, static_cast<std::uint64_t>(size), turn);
  }
  execute("COMMIT");
  return damage.empty() ? "" : name + ": " + damage;
}

}  // namespace gifkit::registries
