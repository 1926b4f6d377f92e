// pg_connection.cpp — see pg_connection.hpp.
#include "registries/db/pg_connection.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "grammars/text/percent_escapes.hpp"
#include "registries/db/packed_table.hpp"
#include "registries/db/pg_backend.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::pg {
namespace {

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

// PostgreSQL's type oids (pg_type.dat) that binary results are asked for.
constexpr Oid kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kVarchar = 1043;

// True when a statement of these result column types reads better in
// binary: one is a bytea, and each is one whose binary form column reads
// decode (integers: big-endian; text: its bytes; bytea: its bytes).
bool wants_binary_results(const PGresult* described) {
  bool blob = false;
  for (int i = 0; i < libpq().PQnfields(described); ++i) {
    const Oid type = libpq().PQftype(described, i);
    if (type == kBytea) blob = true;
    if (type != kBytea && type != kInt8 && type != kInt4 && type != kInt2 && type != kText &&
        type != kVarchar)
      return false;
  }
  return blob;
}

// The integer of a binary int2, int4 or int8 value (big-endian).
std::int64_t binary_integer(std::string_view bytes) {
  std::uint64_t value = 0;
  for (unsigned char byte : bytes) value = value << 8 | byte;
  const int bits = static_cast<int>(bytes.size()) * 8;
  if (bits > 0 && bits < 64 && (value >> (bits - 1)) != 0) value |= ~std::uint64_t{0} << bits;
  return static_cast<std::int64_t>(value);
}

bool is_integer_type(Oid type) {
  return type == kInt8 || type == kInt4 || type == kInt2;
}

PgResult owned(PGresult* result) {
  return PgResult(result, libpq().PQclear);
}

}  // namespace

std::string trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// --- PgStatement ---------------------------------------------------------------

void PgStatement::bind_text(int index, std::string_view value, bool) {
  slot(index) = Value{std::string(value), false};
}

void PgStatement::bind_int64(int index, std::int64_t value) {
  slot(index) = Value{std::to_string(value), false};
}

void PgStatement::bind_double(int index, double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  slot(index) = Value{text, false};
}

void PgStatement::bind_blob(int index, std::string_view bytes) {
  slot(index) = Value{std::string(bytes), true};
}

void PgStatement::reset(bool clear_bindings) {
  clear_result();
  close_cursor();
  if (clear_bindings)
    for (auto& value : values_) value.reset();
}

void PgStatement::clear_result() {
  result_.reset();
  row_ = -1;
}

std::string_view PgStatement::column_bytes(int column) const {
  assert(result_ && row_ >= 0);
  return {libpq().PQgetvalue(result_.get(), row_, column),
          static_cast<std::size_t>(libpq().PQgetlength(result_.get(), row_, column))};
}

bool PgStatement::is_binary_integer(int column) const {
  return libpq().PQfformat(result_.get(), column) == 1 &&
         is_integer_type(libpq().PQftype(result_.get(), column));
}

std::string_view PgStatement::column_text(int column) const {
  if (!is_binary_integer(column)) return column_bytes(column);
  std::string& text = decoded_[static_cast<std::size_t>(column)];
  text = std::to_string(binary_integer(column_bytes(column)));
  return text;
}

std::int64_t PgStatement::column_int64(int column) const {
  if (is_binary_integer(column)) return binary_integer(column_bytes(column));
  std::string_view text = column_bytes(column);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() && !text.empty()) {
    // A REAL read as an integer (SQLite converts): its integer part.
    return static_cast<std::int64_t>(std::strtod(std::string(text).c_str(), nullptr));
  }
  return value;
}

double PgStatement::column_double(int column) const {
  if (is_binary_integer(column)) return static_cast<double>(column_int64(column));
  return std::strtod(std::string(column_bytes(column)).c_str(), nullptr);
}

bool PgStatement::column_is_null(int column) const {
  return libpq().PQgetisnull(result_.get(), row_, column) != 0;
}

PgStatement::~PgStatement() {
  clear_result();  // the server's statement stays prepared: the connection keeps it
  close_cursor();
}

void PgStatement::run() {
  std::vector<const char*> values(values_.size());
  std::vector<int> lengths(values_.size()), formats(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (!values_[i]) continue;
    values[i] = values_[i]->bytes.c_str();
    lengths[i] = static_cast<int>(values_[i]->bytes.size());
    formats[i] = values_[i]->binary ? 1 : 0;
  }
  PgResult result =
      scan_sql_.empty() || cursor_.empty()
          ? connection_.run_prepared(name_, static_cast<int>(values.size()), values.data(),
                                     lengths.data(), formats.data(), binary_results_)
          : owned(libpq().PQexecParams(
                connection_.handle(),
                ("DECLARE " + cursor_ + " NO SCROLL CURSOR FOR " + scan_sql_).c_str(),
                static_cast<int>(values.size()), nullptr, values.data(), lengths.data(),
                formats.data(), 0));
  const auto status = libpq().PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    cursor_.clear();
    connection_.fail_with(result, "query failed");
  }
  const char* tuples = libpq().PQcmdTuples(result.get());
  changes_ = (tuples != nullptr && *tuples != '\0') ? std::atoi(tuples) : 0;
  result_ = std::move(result);
  decoded_.assign(static_cast<std::size_t>(libpq().PQnfields(result_.get())), std::string());
  row_ = -1;
}

void PgStatement::open_cursor() {
  connection_.start_begun_read();
  cursor_ = connection_.next_cursor_name();
  run();  // the DECLARE
  clear_result();
  fetch();
}

void PgStatement::fetch() {
  clear_result();
  PgResult result = owned(
      libpq().PQexec(connection_.handle(),
                     ("FETCH FORWARD " + std::to_string(kFetchRows) + " FROM " + cursor_).c_str()));
  if (libpq().PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    cursor_.clear();
    connection_.fail_with(result, "query failed");
  }
  result_ = std::move(result);
  decoded_.assign(static_cast<std::size_t>(libpq().PQnfields(result_.get())), std::string());
  row_ = -1;
}

void PgStatement::close_cursor() {
  if (cursor_.empty()) return;
  const std::string name = std::move(cursor_);
  cursor_.clear();
  if (connection_.broken() || !connection_.in_transaction()) return;  // gone with it
  if (libpq().PQtransactionStatus(connection_.handle()) == PQTRANS_INERROR) return;
  libpq().PQclear(libpq().PQexec(connection_.handle(), ("CLOSE " + name).c_str()));
}

bool PgStatement::step() {
  if (!result_) {
    if (!scan_sql_.empty() && connection_.in_transaction()) {
      open_cursor();
    } else {
      run();
    }
  }
  if (row_ + 1 >= libpq().PQntuples(result_.get()) && !cursor_.empty() &&
      libpq().PQntuples(result_.get()) == kFetchRows)
    fetch();  // the batch was full: there may be more
  if (row_ + 1 >= libpq().PQntuples(result_.get())) {
    row_ = libpq().PQntuples(result_.get());
    return false;
  }
  ++row_;
  return true;
}

std::string_view PgStatement::column_blob(int column) const {
  if (is_binary_integer(column)) return column_text(column);
  std::string_view text = column_bytes(column);
  if (libpq().PQfformat(result_.get(), column) == 1 ||
      libpq().PQftype(result_.get(), column) != kBytea || !text.starts_with("\\x"))
    return text;
  std::string& bytes = decoded_[static_cast<std::size_t>(column)];
  bytes.clear();
  bytes.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < text.size(); i += 2)
    bytes += static_cast<char>(grammars::hex_digit_value(text[i]) * 16 +
                               grammars::hex_digit_value(text[i + 1]));
  return bytes;
}

// --- PgConnection --------------------------------------------------------------

PgConnection::~PgConnection() {
  if (pg_ != nullptr) libpq().PQfinish(pg_);
}

void PgConnection::fail(PGresult* result, const std::string& what) {
  fail_with(owned(result), what);
}

void PgConnection::fail_with(const PgResult& result, const std::string& what) {
  forget_answers();  // the transaction is over, or in error
  const char* state = result ? libpq().PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? trimmed(libpq().PQresultErrorMessage(result.get())) : "";
  if (message.empty()) message = trimmed(libpq().PQerrorMessage(pg_));
  const bool unavailable = is_server_unavailable(state) || libpq().PQstatus(pg_) != CONNECTION_OK;
  const std::string text = name_ + ": " + what + ": " + message;
  if (unavailable) throw RegistryUnavailable(text);
  throw RegistryError(text);
}

std::string PgConnection::answer_key(const std::string& name, int count, const char* const* values,
                                     const int* lengths) {
  std::string key = name;
  for (int i = 0; i < count; ++i) {
    // Each value as its length (-1: null) and bytes: no two lists of values
    // make one key.
    key += '\0' + std::to_string(values[i] == nullptr ? -1 : lengths[i]) + ':';
    if (values[i] != nullptr) key.append(values[i], static_cast<std::size_t>(lengths[i]));
  }
  return key;
}

void PgConnection::keep_answer(std::string key, const PgResult& result) {
  std::size_t bytes = 2 * key.size() + 2048;
  const int rows = libpq().PQntuples(result.get()), columns = libpq().PQnfields(result.get());
  for (int row = 0; row < rows; ++row)
    for (int column = 0; column < columns; ++column)
      bytes += static_cast<std::size_t>(libpq().PQgetlength(result.get(), row, column)) + 16;
  if (answer_bytes_ + bytes > kAnswerBytes || answers_.size() >= kAnswers) forget_answers();
  if (bytes > kAnswerBytes) return;
  answer_bytes_ += bytes;
  answers_.emplace(std::move(key), result);
}

PgResult PgConnection::run_prepared(const std::string& name, int count, const char* const* values,
                                    const int* lengths, const int* formats, bool binary_results) {
  settle();
  const int result_format = binary_results ? 1 : 0;
  // A read transaction's statement, sent (not only begun): its answers are kept.
  const bool in_read =
      read_only && pending_begin_.empty() && libpq().PQtransactionStatus(pg_) == PQTRANS_INTRANS;
  std::string key;
  if (in_read) {
    key = answer_key(name, count, values, lengths);
    auto known = answers_.find(key);
    if (known != answers_.end()) return known->second;
  }
  if (pending_begin_.empty()) {
    PgResult result = owned(
        libpq().PQexecPrepared(pg_, name.c_str(), count, values, lengths, formats, result_format));
    if (in_read && libpq().PQresultStatus(result.get()) == PGRES_TUPLES_OK)
      keep_answer(std::move(key), result);
    return result;
  }
  const std::string begin = std::move(pending_begin_);
  pending_begin_.clear();
  if (libpq().PQenterPipelineMode(pg_) != 1) fail(nullptr, "cannot begin a read");
  const bool sent = libpq().PQsendQueryParams(pg_, begin.c_str(), 0, nullptr, nullptr, nullptr,
                                              nullptr, 0) == 1 &&
                    libpq().PQsendQueryPrepared(pg_, name.c_str(), count, values, lengths, formats,
                                                result_format) == 1 &&
                    libpq().PQpipelineSync(pg_) == 1;
  // The pipeline's answers: BEGIN's result, a null, the statement's, a
  // null, then the sync (none of it when the connection broke).
  std::vector<PGresult*> results;
  int nulls = 0;
  while (sent) {
    PGresult* result = libpq().PQgetResult(pg_);
    if (result == nullptr) {
      if (libpq().PQstatus(pg_) != CONNECTION_OK || ++nulls > 1) break;
      continue;
    }
    nulls = 0;
    if (libpq().PQresultStatus(result) == PGRES_PIPELINE_SYNC) {
      libpq().PQclear(result);
      break;
    }
    results.push_back(result);
  }
  libpq().PQexitPipelineMode(pg_);
  auto clear_from = [&](std::size_t first) {
    for (std::size_t i = first; i < results.size(); ++i) libpq().PQclear(results[i]);
  };
  if (results.size() < 2 || libpq().PQresultStatus(results[0]) != PGRES_COMMAND_OK) {
    clear_from(1);
    fail(results.empty() ? nullptr : results[0], "cannot begin a read");
  }
  libpq().PQclear(results[0]);
  clear_from(2);
  PgResult result = owned(results[1]);
  // The transaction's first statement: its answer is the first one kept.
  if (read_only && libpq().PQresultStatus(result.get()) == PGRES_TUPLES_OK)
    keep_answer(answer_key(name, count, values, lengths), result);
  return result;
}

std::unique_ptr<StatementBackend> PgConnection::prepare(std::string_view sql) {
  settle();
  std::string text = with_dollar_parameters(sql);
  auto known = prepared_.find(text);
  if (known == prepared_.end()) {
    Prepared statement{"g" + std::to_string(prepared_.size() + 1), 0, false};
    PGresult* result = libpq().PQprepare(pg_, statement.name.c_str(), text.c_str(), 0, nullptr);
    if (libpq().PQresultStatus(result) != PGRES_COMMAND_OK)
      fail(result, "cannot prepare a statement");
    libpq().PQclear(result);
    PGresult* described = libpq().PQdescribePrepared(pg_, statement.name.c_str());
    if (libpq().PQresultStatus(described) != PGRES_COMMAND_OK)
      fail(described, "cannot describe a statement");
    statement.parameters = libpq().PQnparams(described);
    statement.binary_results = wants_binary_results(described);
    libpq().PQclear(described);
    known = prepared_.emplace(std::move(text), std::move(statement)).first;
  }
  return std::make_unique<PgStatement>(*this, known->second.name, known->second.parameters,
                                       known->second.binary_results);
}

std::unique_ptr<StatementBackend> PgConnection::prepare_scan(std::string_view sql) {
  auto prepared = prepare(sql);  // checked by the server, its parameters counted
  const Prepared& known = prepared_.at(with_dollar_parameters(sql));
  return std::make_unique<PgStatement>(*this, known.name, known.parameters, false,
                                       with_dollar_parameters(sql));
}

void PgConnection::start_begun_read() {
  if (pending_begin_.empty()) return;
  const std::string begin = std::move(pending_begin_);
  pending_begin_.clear();
  execute(begin);
}

void PgConnection::execute(const std::string& sql) {
  settle();
  std::string text = sql;
  if (!pending_begin_.empty()) {
    text = pending_begin_ + "; " + sql;
    pending_begin_.clear();
  }
  PGresult* result = libpq().PQexec(pg_, text.c_str());
  const auto status = libpq().PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, "query failed");
  libpq().PQclear(result);
}

void PgConnection::begin_read() {
  settle();
  forget_answers();
  if (broken()) fail(nullptr, "the connection is lost");
  pending_begin_ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
}

void PgConnection::rollback() {
  forget_answers();
  if (!pending_begin_.empty()) {  // nothing was sent: nothing to end
    pending_begin_.clear();
    return;
  }
  settle();
  if (!read_only) return execute("ROLLBACK");
  if (libpq().PQsendQuery(pg_, "ROLLBACK") != 1) fail(nullptr, "ROLLBACK failed");
  rollback_sent_ = true;
}

void PgConnection::settle() {
  if (!rollback_sent_) return;
  rollback_sent_ = false;
  if (pg_ == nullptr) return;
  while (PGresult* result = libpq().PQgetResult(pg_)) libpq().PQclear(result);
}

bool PgConnection::in_transaction() {
  if (broken()) return false;
  if (!pending_begin_.empty()) return true;
  settle();
  return !broken() && libpq().PQtransactionStatus(pg_) != PQTRANS_IDLE;
}

// The registry's relations: its tables and the views of packed tables
// (pg_packed_tables.hpp).
#define GIFKIT_REGISTRY_RELATIONS                                                        \
  "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " \
  "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') "

bool PgConnection::has_table(std::string_view name) {
  const std::string key(name);
  if (read_only) {
    auto known = tables_.find(key);
    if (known != tables_.end()) return known->second;
  }
  auto select = prepare("SELECT 1 " GIFKIT_REGISTRY_RELATIONS "AND c.relname = ?1");
  select->bind_text(1, name, true);
  const bool found = select->step();
  if (read_only) tables_[key] = found;
  return found;
}

std::vector<std::string> PgConnection::data_tables() {
  auto tables = prepare(
      "SELECT c.relname, CASE WHEN c.relkind = 'v' THEN 1 ELSE 0 END " GIFKIT_REGISTRY_RELATIONS
      "AND c.relname NOT IN ('meta', 'provenance') ORDER BY c.relname "
      "COLLATE \"C\"");
  std::vector<std::string> names;
  std::vector<std::string> storages;
  while (tables->step()) {
    names.emplace_back(tables->column_text(0));
    if (tables->column_int64(1) == 1) storages.push_back(packed_storage_name(names.back()));
  }
  // A packed table's storage is not one (as in the file: its module's).
  std::erase_if(names, [&storages](const std::string& name) {
    return std::find(storages.begin(), storages.end(), name) != storages.end();
  });
  return names;
}

std::int64_t PgConnection::count_rows(std::string_view name) {
  // A packed table's view: the rows its packings' heads say, not unpacked
  // (a head is at most 21 bytes; a packing is stored uncompressed, so the
  // server reads its first chunk alone).
  const std::string storage = packed_storage_name(name);
  auto storage_there = prepare("SELECT 1 " GIFKIT_REGISTRY_RELATIONS
                               "AND c.relname = ?1 AND c.relkind = 'r' AND EXISTS (SELECT 1 "
                               "FROM pg_catalog.pg_views WHERE schemaname = current_schema() "
                               "AND viewname = ?2)");
  storage_there->bind_text(1, storage, true);
  storage_there->bind_text(2, name, true);
  std::string sql = "SELECT COUNT(*) FROM " + sql_quoted_name(name);
  if (storage_there->step())
    sql = "SELECT COALESCE(SUM(gifkit_packed_row_count(substring(" +
          sql_quoted_name(kPackedRowsColumn) + " FROM 1 FOR 24))), 0)::bigint FROM " +
          sql_quoted_name(storage);
  auto count = prepare(sql);
  count->step();
  return count->column_int64(0);
}

void PgConnection::set_busy_timeout(int ms) {
  execute("SET lock_timeout = " + std::to_string(ms));
}

void PgConnection::close() {
  forget_answers();
  if (pg_ != nullptr) libpq().PQfinish(pg_);
  pg_ = nullptr;
  pending_begin_.clear();
  rollback_sent_ = false;
}

// --- connect -------------------------------------------------------------------

namespace {

// The servers that could not be reached, by connection string: a new
// connection is not tried before retry_at (then by one caller at a time,
// the probe; the others are answered at once), the pause doubling from
// kFirstPause to kLongestPause while the server stays away. Shared by every
// connection of the process (a service's pool, its address and character
// readers, its registry watch), so that a server gone costs each request no
// connection attempt of its own.
struct Away {
  std::chrono::steady_clock::time_point retry_at;
  std::chrono::milliseconds pause{0};
  bool probing = false;
  std::string why;  // the last attempt's failure
};
constexpr std::chrono::milliseconds kFirstPause{250}, kLongestPause{5000};
// A probe's connect_timeout (seconds; the location's own wins): one caller
// waits at most this long for a server that does not answer.
constexpr const char* kProbeTimeout = "2";

std::mutex away_mutex;
std::unordered_map<std::string, Away> away_servers;  // under away_mutex

int seconds_until(std::chrono::steady_clock::time_point when) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      when - std::chrono::steady_clock::now());
  return std::max<int>(1, static_cast<int>((left.count() + 999) / 1000));
}

// tried: the attempt that failed now (else one that failed before).
std::string away_message(const std::string& name, const Away& away, bool tried = false) {
  return name + ": the registry server is unreachable (" + away.why + ")" +
         (tried ? ""
                : "; tried again within " + std::to_string(seconds_until(away.retry_at)) + " s");
}

// True when a failed connection's message says the server did not answer
// (or is starting up or shutting down), not that it refused the login or
// knows no such database.
bool server_unreachable(std::string_view message) {
  return message.find("FATAL:") == std::string_view::npos ||
         message.find("the database system is") != std::string_view::npos;
}

}  // namespace

std::string away_reason(std::string_view text) {
  std::lock_guard lock(away_mutex);
  auto found = away_servers.find(postgres_conninfo(text));
  if (found == away_servers.end()) return "";
  return away_message(redacted_registry_name(text), found->second);
}

std::unique_ptr<PgConnection> connect(std::string_view text) {
  const std::string conninfo = postgres_conninfo(text);
  const std::string name = redacted_registry_name(text);
  bool probe = false;
  {
    std::lock_guard lock(away_mutex);
    auto found = away_servers.find(conninfo);
    if (found != away_servers.end()) {
      Away& away = found->second;
      if (away.probing || std::chrono::steady_clock::now() < away.retry_at)
        throw RegistryServerAway(away_message(name, away), seconds_until(away.retry_at));
      away.probing = probe = true;
    }
  }
  // A server that does not answer fails the connection after 10 s (a probe
  // of a server away: 2 s); a TCP connection whose server went silent (a
  // network gone, a host down mid-query) is given up after about 25 s of
  // unanswered keepalives (10 s idle, then 3 probes 5 s apart), not the
  // system's 2 hours. The connection string's own keywords win (they come
  // after ours).
  const char* keywords[] = {"connect_timeout",  "keepalives_idle", "keepalives_interval",
                            "keepalives_count", "dbname",          nullptr};
  const char* values[] = {probe ? kProbeTimeout : "10", "10", "5", "3", conninfo.c_str(), nullptr};
  PGconn* pg = libpq().PQconnectdbParams(keywords, values, 1);
  auto connection = std::make_unique<PgConnection>(pg, name);
  if (pg == nullptr || libpq().PQstatus(pg) != CONNECTION_OK) {
    const std::string why =
        pg == nullptr ? "out of memory" : "cannot connect: " + trimmed(libpq().PQerrorMessage(pg));
    std::lock_guard lock(away_mutex);
    if (pg == nullptr || !server_unreachable(why)) {
      away_servers.erase(conninfo);  // it answered: not away
      throw RegistryUnavailable(name + ": " + why);
    }
    Away& away = away_servers[conninfo];
    away.pause = probe ? std::min(kLongestPause, away.pause * 2) : kFirstPause;
    away.retry_at = std::chrono::steady_clock::now() + away.pause;
    away.probing = false;
    away.why = why;
    throw RegistryServerAway(away_message(name, away, true), seconds_until(away.retry_at));
  }
  if (probe) {
    std::lock_guard lock(away_mutex);
    away_servers.erase(conninfo);
  }
  // The server's notices (CREATE … IF NOT EXISTS: "already exists,
  // skipping") are not the user's business; errors come as results.
  libpq().PQsetNoticeProcessor(
      pg, [](void*, const char*) {}, nullptr);
  // Text results in UTF-8 whatever the client's locale; timestamps in UTC.
  connection->execute("SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'");
  return connection;
}

}  // namespace gifkit::registries::pg
