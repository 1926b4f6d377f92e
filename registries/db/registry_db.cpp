// registry_db.cpp — see registry_db.hpp. The meta and provenance tables are
// created here; each registry (houjin/, later abr/ and moji/) creates its own
// tables in its create_tables function.
#include "registries/db/registry_db.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>

namespace gifkit::registries {
namespace {

// 'GIFK' in the SQLite header (PRAGMA application_id) marks a gifkit registry.
constexpr int kApplicationId = 0x4749464B;

constexpr const char* kCoreSchema = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE provenance (
  id             INTEGER PRIMARY KEY,
  source_file    TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  data_date      TEXT,
  row_count      INTEGER NOT NULL,
  rejected_count INTEGER NOT NULL,
  imported_at    TEXT NOT NULL,
  source_kind    TEXT NOT NULL,
  table_name     TEXT NOT NULL
);
)sql";

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

std::string quoted_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
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

}  // namespace

// --- Statement ---------------------------------------------------------------

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr);
  check(rc, "cannot prepare a statement");
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

void Statement::check(int rc, const char* what) const {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw RegistryError(sqlite_message(db_, what));
}

void Statement::bind_text(int index, std::string_view value, bool null_if_empty) {
  if (null_if_empty && value.empty()) return bind_null(index);
  check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT),
        "cannot bind a value");
}

void Statement::bind_text_uncopied_or_null(int index, std::string_view value) {
  if (value.empty()) return bind_null(index);
  check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_STATIC),
        "cannot bind a value");
}

void Statement::bind_int64(int index, std::int64_t value) {
  check(sqlite3_bind_int64(statement_, index, value), "cannot bind a value");
}

void Statement::bind_double(int index, double value) {
  check(sqlite3_bind_double(statement_, index, value), "cannot bind a value");
}

void Statement::bind_blob(int index, std::string_view bytes) {
  check(sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_TRANSIENT),
        "cannot bind a value");
}

void Statement::bind_null(int index) {
  check(sqlite3_bind_null(statement_, index), "cannot bind a value");
}

bool Statement::step() {
  int rc = sqlite3_step(statement_);
  check(rc, "query failed");
  return rc == SQLITE_ROW;
}

void Statement::run_and_reset() {
  while (step()) {
  }
  reset();
}

int Statement::changes() const {
  return sqlite3_changes(db_);
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

void Statement::reset_keeping_bindings() {
  sqlite3_reset(statement_);
}

std::string_view Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::string_view Statement::column_blob(int column) const {
  const void* bytes = sqlite3_column_blob(statement_, column);
  if (bytes == nullptr) return {};
  return {static_cast<const char*>(bytes),
          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(statement_, column);
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

// --- RegistryDb --------------------------------------------------------------

RegistryDb RegistryDb::open_existing(const std::filesystem::path& path, bool read_only) {
  turn_off_memory_statistics();
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw RegistryError(path.string() + ": no such registry file");
  sqlite3* handle = nullptr;
  // One connection per thread: SQLite's own mutexes are not needed.
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  RegistryDb db(handle, path);
  if (rc != SQLITE_OK) throw RegistryError(sqlite_message(handle, path.string()));
  db.require_gifkit_registry();
  return db;
}

RegistryDb RegistryDb::open_for_update(const std::filesystem::path& path, int busy_timeout_ms) {
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
  RegistryDb db(handle, path);
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
  db.require_gifkit_registry();
  return db;
}

void RegistryDb::require_gifkit_registry() const {
  try {
    Statement application_id = prepare("PRAGMA application_id");
    application_id.step();
    if (application_id.column_int64(0) != kApplicationId)
      throw RegistryError("no gifkit application id in the SQLite header");
  } catch (const RegistryError& failure) {
    throw RegistryError(path_.string() + ": not a gifkit registry (" + failure.what() + ")");
  }
  std::string version = meta("schema_version");
  if (version != std::to_string(kRegistrySchemaVersion)) {
    throw RegistryError(path_.string() + ": registry schema version '" + version +
                        "', this gifkit reads version " + std::to_string(kRegistrySchemaVersion) +
                        " (rebuild it with gifkit registry build)");
  }
}

RegistryDb RegistryDb::create_for_bulk_load(const std::filesystem::path& path) {
  turn_off_memory_statistics();
  sqlite3* handle = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &handle,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  RegistryDb db(handle, path);
  if (rc != SQLITE_OK) throw RegistryError(sqlite_message(handle, path.string()));
  db.execute(kBulkLoadPragmas);
  db.execute(kBulkLoadCacheSize);
  db.execute("PRAGMA application_id=" + std::to_string(kApplicationId));
  db.execute(kCoreSchema);
  db.set_meta("schema_version", std::to_string(kRegistrySchemaVersion));
  db.set_meta("created_at", utc_timestamp_now());
  return db;
}

RegistryDb::~RegistryDb() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

RegistryDb::RegistryDb(RegistryDb&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)) {
  other.db_ = nullptr;
}

void RegistryDb::execute(const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    if (is_busy(rc)) throw RegistryLocked(locked_message(path_) + " (" + text + ")");
    throw RegistryError(path_.string() + ": " + text);
  }
}

void RegistryDb::set_busy_timeout(int ms) {
  sqlite3_busy_timeout(db_, ms);
}

void RegistryDb::set_page_size(int bytes) {
  execute("PRAGMA page_size=" + std::to_string(bytes) + "; VACUUM;");
  // The new page size leaves the page cache unbounded until its size is set
  // again (seen with SQLite 3.40: 260 MB instead of 64 MB for 2.9 M rows).
  execute(kBulkLoadCacheSize);
}

void RegistryDb::rollback() {
  if (db_ != nullptr && sqlite3_get_autocommit(db_) == 0) execute("ROLLBACK");
}

ReadTransaction::~ReadTransaction() {
  try {
    db_.rollback();
  } catch (const RegistryError&) {
    // Nothing was written; closing the connection ends the read.
  }
}

void RegistryDb::close() {
  if (db_ == nullptr) return;
  int rc = sqlite3_close(db_);
  if (rc != SQLITE_OK) throw RegistryError(sqlite_message(db_, "cannot close " + path_.string()));
  db_ = nullptr;
}

std::string RegistryDb::meta(std::string_view key) const {
  try {
    Statement select(db_, "SELECT value FROM meta WHERE key = ?1");
    select.bind_text(1, key);
    return select.step() ? std::string(select.column_text(0)) : std::string();
  } catch (const RegistryError&) {
    throw RegistryError(path_.string() + ": not a gifkit registry (no meta table)");
  }
}

void RegistryDb::set_meta(std::string_view key, std::string_view value) {
  Statement upsert = prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
  upsert.bind_text(1, key);
  upsert.bind_text(2, value);
  upsert.run_and_reset();
}

std::int64_t RegistryDb::add_provenance(const Provenance& provenance) {
  Statement insert = prepare(
      "INSERT INTO provenance(source_file, sha256, data_date, row_count, rejected_count, "
      "imported_at, source_kind, table_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert.bind_text(1, provenance.source_file);
  insert.bind_text(2, provenance.sha256);
  insert.bind_text(3, provenance.data_date, true);
  insert.bind_int64(4, provenance.row_count);
  insert.bind_int64(5, provenance.rejected_count);
  insert.bind_text(6, provenance.imported_at);
  insert.bind_text(7, provenance.source_kind);
  insert.bind_text(8, provenance.table_name);
  insert.run_and_reset();
  return sqlite3_last_insert_rowid(db_);
}

void RegistryDb::finish_provenance(std::int64_t id, std::int64_t row_count,
                                   std::int64_t rejected_count, std::string_view data_date) {
  Statement update = prepare(
      "UPDATE provenance SET row_count = ?2, rejected_count = ?3, data_date = ?4 WHERE id = ?1");
  update.bind_int64(1, id);
  update.bind_int64(2, row_count);
  update.bind_int64(3, rejected_count);
  update.bind_text(4, data_date, true);
  update.run_and_reset();
}

std::vector<Provenance> RegistryDb::provenance() const {
  Statement select(db_,
                   "SELECT id, source_file, sha256, data_date, row_count, rejected_count, "
                   "imported_at, source_kind, table_name FROM provenance ORDER BY id");
  std::vector<Provenance> rows;
  while (select.step()) {
    Provenance row;
    row.id = select.column_int64(0);
    row.source_file = select.column_text(1);
    row.sha256 = select.column_text(2);
    row.data_date = select.column_text(3);
    row.row_count = select.column_int64(4);
    row.rejected_count = select.column_int64(5);
    row.imported_at = select.column_text(6);
    row.source_kind = select.column_text(7);
    row.table_name = select.column_text(8);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::pair<std::string, std::int64_t>> RegistryDb::table_counts() const {
  // pragma_table_list tells FTS5's shadow tables (type 'shadow') from data.
  Statement tables(db_,
                   "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN "
                   "('table', 'virtual') AND name NOT IN ('meta', 'provenance') AND name NOT "
                   "LIKE 'sqlite_%' ORDER BY name");
  std::vector<std::pair<std::string, std::int64_t>> counts;
  while (tables.step()) counts.emplace_back(std::string(tables.column_text(0)), 0);
  for (auto& [name, count] : counts) {
    // A table name cannot be bound; it comes from sqlite_master and is quoted.
    Statement count_rows(db_, "SELECT COUNT(*) FROM " + quoted_identifier(name));
    count_rows.step();
    count = count_rows.column_int64(0);
  }
  return counts;
}

std::vector<std::string> RegistryDb::integrity_check() const {
  Statement check(db_, "PRAGMA integrity_check");
  std::vector<std::string> lines;
  while (check.step()) lines.emplace_back(check.column_text(0));
  return lines;
}

std::vector<std::string> verify_registry(const RegistryDb& db) {
  std::vector<std::string> problems;
  for (const auto& line : db.integrity_check())
    if (line != "ok") problems.push_back("integrity_check: " + line);
  std::vector<std::pair<std::string, std::int64_t>> expected;
  for (const auto& source : db.provenance()) {
    auto it = std::find_if(expected.begin(), expected.end(),
                           [&](const auto& entry) { return entry.first == source.table_name; });
    if (it == expected.end()) {
      expected.emplace_back(source.table_name, source.row_count);
    } else {
      it->second += source.row_count;
    }
  }
  auto counts = db.table_counts();
  for (const auto& [table, rows] : expected) {
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&table = table](const auto& entry) { return entry.first == table; });
    if (it == counts.end()) {
      problems.push_back("table " + table + " named in provenance is missing");
    } else if (it->second != rows) {
      problems.push_back("table " + table + " has " + std::to_string(it->second) +
                         " rows, provenance records " + std::to_string(rows));
    }
  }
  return problems;
}

std::string utc_timestamp_now() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string registry_data_date(const RegistryDb& db) {
  std::string date = db.meta(kDataDateMetaKey);
  if (!date.empty()) return date;
  for (const auto& source : db.provenance()) date = std::max(date, source.data_date);
  return date;
}

void record_registry_data_date(RegistryDb& db) {
  std::string newest;
  for (const auto& source : db.provenance()) newest = std::max(newest, source.data_date);
  if (!newest.empty()) db.set_meta(kDataDateMetaKey, newest);
}

}  // namespace gifkit::registries
