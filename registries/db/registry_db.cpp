// registry_db.cpp — see registry_db.hpp. The meta and provenance tables are
// created here; each registry (houjin/, abr/ and moji/) creates its own
// tables in its create_tables function. The engine's own work is the
// backend's (sqlite_backend.cpp).
#include "registries/db/registry_db.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>

#include "registries/db/pg_backend.hpp"
#include "registries/db/sqlite_backend.hpp"

namespace gifkit::registries {
namespace {

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

}  // namespace

// --- Statement ---------------------------------------------------------------

void Statement::bind_text(int index, std::string_view value, bool null_if_empty) {
  if (null_if_empty && value.empty()) return backend_->bind_null(index);
  backend_->bind_text(index, value, true);
}

void Statement::bind_text_uncopied_or_null(int index, std::string_view value) {
  if (value.empty()) return backend_->bind_null(index);
  backend_->bind_text(index, value, false);
}

void Statement::bind_int64(int index, std::int64_t value) {
  backend_->bind_int64(index, value);
}

void Statement::bind_double(int index, double value) {
  backend_->bind_double(index, value);
}

void Statement::bind_blob(int index, std::string_view bytes) {
  backend_->bind_blob(index, bytes);
}

void Statement::bind_null(int index) {
  backend_->bind_null(index);
}

bool Statement::step() {
  return backend_->step();
}

void Statement::run_and_reset() {
  while (step()) {
  }
  reset();
}

int Statement::changes() const {
  return backend_->changes();
}

void Statement::reset() {
  backend_->reset(true);
}

void Statement::reset_keeping_bindings() {
  backend_->reset(false);
}

std::string_view Statement::column_text(int column) const {
  return backend_->column_text(column);
}

std::string_view Statement::column_blob(int column) const {
  return backend_->column_blob(column);
}

std::int64_t Statement::column_int64(int column) const {
  return backend_->column_int64(column);
}

double Statement::column_double(int column) const {
  return backend_->column_double(column);
}

bool Statement::column_is_null(int column) const {
  return backend_->column_is_null(column);
}

// --- RegistryDb --------------------------------------------------------------

RegistryDb RegistryDb::open_existing(const std::filesystem::path& path, bool read_only,
                                     const std::string& pg_schema) {
  if (is_postgres_registry(path.native())) {
    PgOpenOptions options;
    options.read_only = read_only;
    options.schema = pg_schema;
    RegistryDb db(open_postgres_registry(path.native(), options),
                  redacted_registry_name(path.native()));
    db.require_schema_version();
    return db;
  }
  RegistryDb db(open_sqlite_registry(path, read_only), path);
  db.require_schema_version();
  return db;
}

RegistryDb RegistryDb::open_for_update(const std::filesystem::path& path, int busy_timeout_ms) {
  if (is_postgres_registry(path.native())) {
    RegistryDb db(open_postgres_registry_for_update(path.native()),
                  redacted_registry_name(path.native()));
    db.require_schema_version();
    return db;
  }
  RegistryDb db(open_sqlite_registry_for_update(path, busy_timeout_ms), path);
  db.require_schema_version();
  return db;
}

bool RegistryDb::on_server() const {
  return is_postgres_registry(path_.native());
}

void RegistryDb::require_schema_version() const {
  std::string version = meta("schema_version");
  for (int readable = kOldestRegistrySchemaVersion; readable <= kRegistrySchemaVersion; ++readable)
    if (version == std::to_string(readable)) return;
  throw RegistryError(
      path_.string() + ": registry schema version '" + version + "', this gifkit reads versions " +
      std::to_string(kOldestRegistrySchemaVersion) + " to " +
      std::to_string(kRegistrySchemaVersion) + " (rebuild it with gifkit registry build)");
}

RegistryDb RegistryDb::create_for_bulk_load(const std::filesystem::path& path) {
  RegistryDb db(create_sqlite_registry(path), path);
  db.execute(kCoreSchema);
  db.set_meta("schema_version", std::to_string(kRegistrySchemaVersion));
  db.set_meta("created_at", utc_timestamp_now());
  return db;
}

RegistryDb::~RegistryDb() = default;

void RegistryDb::execute(const std::string& sql) {
  connection_->execute(sql);
}

void RegistryDb::set_busy_timeout(int ms) {
  connection_->set_busy_timeout(ms);
}

void RegistryDb::set_page_size(int bytes) {
  connection_->set_page_size(bytes);
}

void RegistryDb::rollback() {
  if (connection_ && connection_->in_transaction()) connection_->rollback();
}

ReadTransaction::~ReadTransaction() {
  if (joined_) return;
  try {
    db_.rollback();
  } catch (const RegistryError&) {
    // Nothing was written; closing the connection ends the read.
  }
}

void RegistryDb::close() {
  if (connection_) connection_->close();
}

bool RegistryDb::has_table(std::string_view name) const {
  return connection_->has_table(name);
}

std::string RegistryDb::meta(std::string_view key) const {
  try {
    Statement select = prepare("SELECT value FROM meta WHERE key = ?1");
    select.bind_text(1, key);
    return select.step() ? std::string(select.column_text(0)) : std::string();
  } catch (const RegistryError&) {
    throw RegistryError(path_.string() + ": not a gifkit registry (no meta table)");
  }
}

void RegistryDb::set_meta(std::string_view key, std::string_view value) {
  Statement upsert = prepare(
      "INSERT INTO meta(key, value) VALUES (?1, ?2) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  upsert.bind_text(1, key);
  upsert.bind_text(2, value);
  upsert.run_and_reset();
}

std::int64_t RegistryDb::add_provenance(const Provenance& provenance) {
  Statement insert = prepare(
      "INSERT INTO provenance(source_file, sha256, data_date, row_count, rejected_count, "
      "imported_at, source_kind, table_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "RETURNING id");
  insert.bind_text(1, provenance.source_file);
  insert.bind_text(2, provenance.sha256);
  insert.bind_text(3, provenance.data_date, true);
  insert.bind_int64(4, provenance.row_count);
  insert.bind_int64(5, provenance.rejected_count);
  insert.bind_text(6, provenance.imported_at);
  insert.bind_text(7, provenance.source_kind);
  insert.bind_text(8, provenance.table_name);
  if (!insert.step()) throw RegistryError(path_.string() + ": no provenance id returned");
  std::int64_t id = insert.column_int64(0);
  insert.run_and_reset();
  return id;
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
  Statement select = prepare(
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

std::int64_t ConnectionBackend::count_rows(std::string_view name) {
  // A table name cannot be bound; it comes from the engine's catalogue and
  // is quoted.
  auto count = prepare("SELECT COUNT(*) FROM " + sql_quoted_name(name));
  count->step();
  return count->column_int64(0);
}

std::vector<std::pair<std::string, std::int64_t>> RegistryDb::table_counts() const {
  std::vector<std::pair<std::string, std::int64_t>> counts;
  for (auto& name : connection_->data_tables()) {
    const std::int64_t rows = connection_->count_rows(name);
    counts.emplace_back(std::move(name), rows);
  }
  return counts;
}

std::vector<std::string> RegistryDb::integrity_check() const {
  return connection_->integrity_check();
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

std::string utc_now(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[64] = {};
  std::strftime(text, sizeof text, format, &parts);
  return text;
}

std::string utc_timestamp_now() {
  return utc_now("%Y-%m-%dT%H:%M:%SZ");
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

std::string provenance_token(const std::vector<Provenance>& sources,
                             std::string_view table_prefix) {
  std::int64_t count = 0, last_id = 0, rows = 0;
  for (const auto& source : sources) {
    if (!source.table_name.starts_with(table_prefix)) continue;
    ++count;
    last_id = std::max(last_id, source.id);
    rows += source.row_count;
  }
  return std::to_string(count) + ":" + std::to_string(last_id) + ":" + std::to_string(rows);
}

void record_table_counts(RegistryDb& db) {
  std::string text = provenance_token(db.provenance()) + "\n";
  for (const auto& [table, rows] : db.table_counts())
    text += table + "\t" + std::to_string(rows) + "\n";
  db.set_meta(kTableCountsMetaKey, text);
}

std::vector<std::pair<std::string, std::int64_t>> registry_table_counts(const RegistryDb& db) {
  const std::string text = db.meta(kTableCountsMetaKey);
  const std::size_t first_end = text.find('\n');
  if (first_end == std::string::npos ||
      text.substr(0, first_end) != provenance_token(db.provenance()))
    return db.table_counts();
  std::vector<std::pair<std::string, std::int64_t>> counts;
  for (std::size_t at = first_end + 1; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + at, end - at);
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return db.table_counts();  // not ours: count
    std::int64_t rows = 0;
    const auto digits = line.substr(tab + 1);
    if (std::from_chars(digits.data(), digits.data() + digits.size(), rows).ec != std::errc())
      return db.table_counts();
    counts.emplace_back(std::string(line.substr(0, tab)), rows);
    at = end + 1;
  }
  return counts;
}

std::filesystem::path rollback_journal_of(const std::filesystem::path& registry) {
  if (is_postgres_registry(registry.native())) return {};
  return registry.native() + "-journal";
}

}  // namespace gifkit::registries
