// pg_backend.cpp — see pg_backend.hpp. libpq's connection and prepared
// statements behind the backend interface of sql_backend.hpp. The registry's
// SQL is SQLite's and PostgreSQL's common part; only its parameters are
// renumbered (?1 → $1). Results come as text (bytea as \x and hex digits,
// decoded here), so a column reads the same bytes as SQLite gives.
#include "registries/db/pg_backend.hpp"

#include <libpq-fe.h>

#include <cassert>
#include <charconv>
#include <cstdio>
#include <optional>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {
namespace {

std::string trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// PostgreSQL's SQLSTATE classes that mean the server, not the query, failed:
// 08 connection exception, 57P0x shutdown, 53 insufficient resources; and
// 40001 / 57014 cancelled by a standby's replay conflict (try again).
bool is_server_unavailable(const char* sqlstate) {
  if (sqlstate == nullptr) return true;  // no result at all: the connection broke
  std::string_view state(sqlstate);
  return state.starts_with("08") || state.starts_with("57P0") || state.starts_with("53") ||
         state == "40001" || state == "57014";
}

// SQL with SQLite's numbered parameters (?1, ?2 …) as PostgreSQL's ($1 …),
// outside string literals and quoted identifiers.
std::string with_dollar_parameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '$';
    } else {
      out += c;
    }
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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

class PgConnection;

class PgStatement final : public StatementBackend {
 public:
  PgStatement(PgConnection& connection, std::string name, int parameters)
      : connection_(connection), name_(std::move(name)), values_(parameters) {}
  ~PgStatement() override;
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  void bind_text(int index, std::string_view value, bool) override {
    slot(index) = Value{std::string(value), false};
  }
  void bind_int64(int index, std::int64_t value) override {
    slot(index) = Value{std::to_string(value), false};
  }
  void bind_double(int index, double value) override {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    slot(index) = Value{text, false};
  }
  void bind_blob(int index, std::string_view bytes) override {
    slot(index) = Value{std::string(bytes), true};
  }
  void bind_null(int index) override { slot(index).reset(); }
  bool step() override;
  void reset(bool clear_bindings) override {
    clear_result();
    if (clear_bindings)
      for (auto& value : values_) value.reset();
  }
  int changes() const override { return changes_; }
  std::string_view column_text(int column) const override {
    assert(result_ != nullptr && row_ >= 0);
    return {PQgetvalue(result_, row_, column),
            static_cast<std::size_t>(PQgetlength(result_, row_, column))};
  }
  std::string_view column_blob(int column) const override;
  std::int64_t column_int64(int column) const override {
    std::string_view text = column_text(column);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() && !text.empty()) {
      // A REAL read as an integer (SQLite converts): its integer part.
      return static_cast<std::int64_t>(std::strtod(std::string(text).c_str(), nullptr));
    }
    return value;
  }
  double column_double(int column) const override {
    return std::strtod(std::string(column_text(column)).c_str(), nullptr);
  }
  bool column_is_null(int column) const override { return PQgetisnull(result_, row_, column) != 0; }

 private:
  struct Value {
    std::string bytes;
    bool binary = false;
  };
  std::optional<Value>& slot(int index) {
    assert(index >= 1 && static_cast<std::size_t>(index) <= values_.size());
    return values_[static_cast<std::size_t>(index - 1)];
  }
  void clear_result() {
    if (result_ != nullptr) PQclear(result_);
    result_ = nullptr;
    row_ = -1;
  }
  PgConnection& connection_;
  std::string name_;
  std::vector<std::optional<Value>> values_;
  PGresult* result_ = nullptr;
  int row_ = -1;
  int changes_ = 0;
  mutable std::vector<std::string> decoded_;  // column_blob's bytes, per column
};

class PgConnection final : public ConnectionBackend {
 public:
  PgConnection(PGconn* connection, std::string name) : pg_(connection), name_(std::move(name)) {}
  ~PgConnection() override {
    if (pg_ != nullptr) PQfinish(pg_);
  }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PGconn* handle() const { return pg_; }
  const std::string& name() const { return name_; }
  bool read_only = true;

  // Throws the error of a failed result (RegistryUnavailable when the
  // server, not the statement, failed), naming what was tried.
  [[noreturn]] void fail(PGresult* result, const std::string& what) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result != nullptr ? trimmed(PQresultErrorMessage(result)) : "";
    if (message.empty()) message = trimmed(PQerrorMessage(pg_));
    // Decided before PQclear frees the result that state points into.
    const bool unavailable = is_server_unavailable(state) || PQstatus(pg_) != CONNECTION_OK;
    if (result != nullptr) PQclear(result);
    const std::string text = name_ + ": " + what + ": " + message;
    if (unavailable) throw RegistryUnavailable(text);
    throw RegistryError(text);
  }

  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    const std::string name = "g" + std::to_string(++statements_);
    const std::string text = with_dollar_parameters(sql);
    PGresult* result = PQprepare(pg_, name.c_str(), text.c_str(), 0, nullptr);
    if (PQresultStatus(result) != PGRES_COMMAND_OK) fail(result, "cannot prepare a statement");
    PQclear(result);
    PGresult* described = PQdescribePrepared(pg_, name.c_str());
    if (PQresultStatus(described) != PGRES_COMMAND_OK)
      fail(described, "cannot describe a statement");
    const int parameters = PQnparams(described);
    PQclear(described);
    return std::make_unique<PgStatement>(*this, name, parameters);
  }
  void deallocate(const std::string& statement) {
    if (pg_ == nullptr || PQstatus(pg_) != CONNECTION_OK) return;
    // Inside a failed transaction the server refuses it; the statement goes
    // with the connection then.
    if (PQtransactionStatus(pg_) == PQTRANS_INERROR) return;
    PGresult* result = PQexec(pg_, ("DEALLOCATE " + statement).c_str());
    PQclear(result);
  }
  void execute(const std::string& sql) override {
    PGresult* result = PQexec(pg_, sql.c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, "query failed");
    PQclear(result);
  }
  void begin_read() override { execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  // A lost connection is in none: the server ended its transaction.
  bool in_transaction() override {
    return pg_ != nullptr && PQstatus(pg_) == CONNECTION_OK &&
           PQtransactionStatus(pg_) != PQTRANS_IDLE;
  }
  bool has_table(std::string_view name) override {
    auto select = prepare(
        "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
        "tablename = ?1");
    select->bind_text(1, name, true);
    return select->step();
  }
  std::vector<std::string> data_tables() override {
    auto tables = prepare(
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
        "tablename NOT IN ('meta', 'provenance') ORDER BY tablename COLLATE \"C\"");
    std::vector<std::string> names;
    while (tables->step()) names.emplace_back(tables->column_text(0));
    return names;
  }
  // PostgreSQL checks its pages itself (data checksums, when the cluster has
  // them); verify's part here is the row counts.
  std::vector<std::string> integrity_check() override { return {"ok"}; }
  void set_busy_timeout(int ms) override { execute("SET lock_timeout = " + std::to_string(ms)); }
  void set_page_size(int) override {}
  void set_cache_size(int) override {}
  bool broken() const override { return pg_ == nullptr || PQstatus(pg_) != CONNECTION_OK; }
  void close() override {
    if (pg_ != nullptr) PQfinish(pg_);
    pg_ = nullptr;
  }

 private:
  PGconn* pg_;
  std::string name_;
  std::uint64_t statements_ = 0;
};

PgStatement::~PgStatement() {
  clear_result();
  connection_.deallocate(name_);
}

bool PgStatement::step() {
  if (result_ == nullptr) {
    std::vector<const char*> values(values_.size());
    std::vector<int> lengths(values_.size()), formats(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if (!values_[i]) continue;
      values[i] = values_[i]->bytes.c_str();
      lengths[i] = static_cast<int>(values_[i]->bytes.size());
      formats[i] = values_[i]->binary ? 1 : 0;
    }
    result_ = PQexecPrepared(connection_.handle(), name_.c_str(), static_cast<int>(values.size()),
                             values.data(), lengths.data(), formats.data(), 0);
    const auto status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      PGresult* failed = result_;
      result_ = nullptr;
      connection_.fail(failed, "query failed");
    }
    const char* tuples = PQcmdTuples(result_);
    changes_ = (tuples != nullptr && *tuples != '\0') ? std::atoi(tuples) : 0;
    decoded_.assign(static_cast<std::size_t>(PQnfields(result_)), std::string());
    row_ = -1;
  }
  if (row_ + 1 >= PQntuples(result_)) {
    row_ = PQntuples(result_);
    return false;
  }
  ++row_;
  return true;
}

std::string_view PgStatement::column_blob(int column) const {
  std::string_view text = column_text(column);
  if (PQftype(result_, column) != 17 /* bytea */ || !text.starts_with("\\x")) return text;
  std::string& bytes = decoded_[static_cast<std::size_t>(column)];
  bytes.clear();
  bytes.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < text.size(); i += 2)
    bytes += static_cast<char>(hex_digit(text[i]) * 16 + hex_digit(text[i + 1]));
  return bytes;
}

[[noreturn]] void throw_not_a_registry(const PgConnection& connection) {
  throw RegistryError(connection.name() +
                      ": not a gifkit registry (the database holds no "
                      "gifkit.registry_pointer: push one with gifkit registry push DB.sqlite " +
                      connection.name() + ")");
}

std::unique_ptr<PgConnection> connect(std::string_view text) {
  const std::string conninfo = postgres_conninfo(text);
  const std::string name = redacted_registry_name(text);
  // A server that does not answer fails the connection after 10 s, unless
  // the connection string says otherwise (its keywords come after ours).
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"10", conninfo.c_str(), nullptr};
  PGconn* pg = PQconnectdbParams(keywords, values, 1);
  auto connection = std::make_unique<PgConnection>(pg, name);
  if (pg == nullptr) throw RegistryUnavailable(name + ": out of memory");
  if (PQstatus(pg) != CONNECTION_OK)
    throw RegistryUnavailable(name + ": cannot connect: " + trimmed(PQerrorMessage(pg)));
  // The server's notices (CREATE … IF NOT EXISTS: "already exists,
  // skipping") are not the user's business; errors come as results.
  PQsetNoticeProcessor(
      pg, [](void*, const char*) {}, nullptr);
  // Text results in UTF-8 whatever the client's locale; timestamps in UTC.
  connection->execute("SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'");
  return connection;
}

}  // namespace

bool is_postgres_registry(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://") ||
         text.starts_with("pg:");
}

std::string postgres_conninfo(std::string_view text) {
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

std::string redacted_registry_name(std::string_view text) {
  if (!text.starts_with("postgresql://") && !text.starts_with("postgres://"))
    return std::string(text);
  const std::size_t scheme = text.find("://") + 3;
  const std::size_t at = text.find('@', scheme);
  const std::size_t slash = text.find('/', scheme);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at))
    return std::string(text);
  const std::size_t colon = text.find(':', scheme);
  if (colon == std::string_view::npos || colon > at) return std::string(text);
  return std::string(text.substr(0, colon)) + std::string(text.substr(at));
}

namespace {

// One value of the pointer row (what: an expression of its columns), or ""
// when the server holds no pointer.
std::string pointer_value(ConnectionBackend& connection, const std::string& what) {
  auto& pg = static_cast<PgConnection&>(connection);
  const std::string sql = "SELECT " + what + " FROM gifkit.registry_pointer WHERE id = 1";
  PGresult* result = PQexec(pg.handle(), sql.c_str());
  const auto status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK) {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    if (state != nullptr && (std::string_view(state) == "42P01" ||
                             std::string_view(state) == "3F000")) {  // no table / schema
      PQclear(result);
      return "";
    }
    pg.fail(result, "cannot read gifkit.registry_pointer");
  }
  std::string value = PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
  PQclear(result);
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
  auto connection = connect(text);
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
  auto connection = connect(text);
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
  PGresult* result = PQexec(pg.handle(), copy_sql.c_str());
  if (PQresultStatus(result) != PGRES_COPY_IN) pg.fail(result, "cannot start " + copy_sql);
  PQclear(result);
  buffer_.reserve(1 << 20);
}

PgCopy::~PgCopy() {
  if (finished_) return;
  auto& pg = static_cast<PgConnection&>(connection_);
  if (pg.handle() == nullptr) return;
  PQputCopyEnd(pg.handle(), "abandoned");
  while (PGresult* result = PQgetResult(pg.handle())) PQclear(result);
}

void PgCopy::write(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= (1 << 20)) flush();
}

void PgCopy::flush() {
  auto& pg = static_cast<PgConnection&>(connection_);
  if (!buffer_.empty() &&
      PQputCopyData(pg.handle(), buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    pg.fail(nullptr, "COPY failed");
  buffer_.clear();
}

std::int64_t PgCopy::finish() {
  flush();
  auto& pg = static_cast<PgConnection&>(connection_);
  finished_ = true;
  if (PQputCopyEnd(pg.handle(), nullptr) != 1) pg.fail(nullptr, "COPY failed");
  PGresult* result = PQgetResult(pg.handle());
  if (PQresultStatus(result) != PGRES_COMMAND_OK) pg.fail(result, "COPY failed");
  const char* tuples = PQcmdTuples(result);
  const std::int64_t rows = (tuples != nullptr && *tuples != '\0') ? std::atoll(tuples) : 0;
  PQclear(result);
  while (PGresult* rest = PQgetResult(pg.handle())) PQclear(rest);
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
