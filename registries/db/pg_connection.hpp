// pg_connection.hpp — the libpq connection and prepared statement behind
// the backend interface of sql_backend.hpp, for the PostgreSQL registry's
// own files only (pg_backend.cpp, pg_connection.cpp): everything else reaches
// a server through pg_backend.hpp. The registry's SQL is SQLite's and
// PostgreSQL's common part; only its parameters are renumbered (?1 → $1).
// Results come as text, so a column reads the same bytes as SQLite gives;
// a statement whose result holds a bytea column (and otherwise only
// integers and text) asks for them in binary instead, the blobs' own bytes
// rather than twice as many hex digits to encode, send and decode.
#pragma once
#include "registries/db/libpq_library.hpp"

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "registries/db/sql_backend.hpp"

namespace gifkit::registries::pg {

// message without its trailing line ends and spaces ("" for null).
std::string trimmed(const char* message);

class PgConnection;

// A statement's result, shared by the statements that ran it and the
// connection's answers of the transaction (PQclear'd by the last holder).
using PgResult = std::shared_ptr<PGresult>;

// One prepared statement on a PgConnection: the values bound as text (a
// blob as binary), executed at the first step, its whole result kept until
// reset. A scan (scan_sql given: the statement's SQL) inside a transaction
// reads through a cursor instead, kFetchRows rows at a time, so that a scan
// of millions of rows holds a batch, not the table; outside one it runs as
// any statement.
class PgStatement final : public StatementBackend {
 public:
  static constexpr int kFetchRows = 10000;

  PgStatement(PgConnection& connection, std::string name, int parameters, bool binary_results,
              std::string scan_sql = "")
      : connection_(connection),
        name_(std::move(name)),
        scan_sql_(std::move(scan_sql)),
        binary_results_(binary_results),
        values_(parameters) {}
  ~PgStatement() override;
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  void bind_text(int index, std::string_view value, bool copy) override;
  void bind_int64(int index, std::int64_t value) override;
  void bind_double(int index, double value) override;
  void bind_blob(int index, std::string_view bytes) override;
  void bind_null(int index) override { slot(index).reset(); }
  bool step() override;
  void reset(bool clear_bindings) override;
  int changes() const override { return changes_; }
  std::string_view column_text(int column) const override;
  std::string_view column_blob(int column) const override;
  std::int64_t column_int64(int column) const override;
  double column_double(int column) const override;
  bool column_is_null(int column) const override;

 private:
  struct Value {
    std::string bytes;
    bool binary = false;
  };
  std::optional<Value>& slot(int index) {
    assert(index >= 1 && static_cast<std::size_t>(index) <= values_.size());
    return values_[static_cast<std::size_t>(index - 1)];
  }
  void clear_result();
  // The column's bytes as the result holds them (text, or a binary value).
  std::string_view column_bytes(int column) const;
  // True when the column is an integer sent in binary.
  bool is_binary_integer(int column) const;
  // The statement run at once, its whole result in result_.
  void run();
  // DECLAREs the scan's cursor with the bound values, then fetches.
  void open_cursor();
  // The cursor's next rows into result_.
  void fetch();
  // CLOSEs the cursor, when one is open and the connection can.
  void close_cursor();

  PgConnection& connection_;
  std::string name_;
  std::string scan_sql_;  // a scan's SQL, for its cursor ("" = not a scan)
  std::string cursor_;    // the open cursor's name ("" = none)
  bool binary_results_;   // run() asks for binary columns (a scan's cursor: text)
  std::vector<std::optional<Value>> values_;
  PgResult result_;
  int row_ = -1;
  int changes_ = 0;
  mutable std::vector<std::string> decoded_;  // a decoded column's bytes, per column
};

// One libpq connection to a server, its search path set by whoever opened
// it (pg_backend.cpp). Made for many short reads (a service's requests):
// - a statement's SQL is prepared on the server once, the first time it is
//   asked for, and kept for the connection's life (no DEALLOCATE);
// - on a read-only connection, has_table's answers are kept (a reader's
//   schema is pinned: its tables do not come and go);
// - a read transaction's BEGIN is sent with its first statement, in one
//   pipeline, and its ROLLBACK is sent without waiting for the answer, read
//   before the connection's next use: one round trip for a request of one
//   statement instead of three;
// - inside a read transaction, a statement run again with the same values
//   is answered from its first result (REPEATABLE READ: the same rows), so
//   a name search that meets a posting list, an index block or a name
//   twice fetches it once; the answers kept are forgotten when the
//   transaction ends or when they pass kAnswers or kAnswerBytes.
class PgConnection final : public ConnectionBackend {
 public:
  PgConnection(PGconn* connection, std::string name) : pg_(connection), name_(std::move(name)) {}
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // libpq's connection, for COPY and queries of the control schema: a
  // ROLLBACK sent is answered first, a read transaction begun is not.
  PGconn* handle() {
    settle();
    return pg_;
  }
  // The server as messages name it (no password).
  const std::string& name() const { return name_; }
  // Every transaction READ ONLY (set by the opener).
  bool read_only = true;

  // Throws the error of a failed result (RegistryUnavailable when the
  // server, not the statement, failed), naming what was tried. Frees result.
  [[noreturn]] void fail(PGresult* result, const std::string& what);
  // The same for a shared result (not freed here: its holders keep it).
  [[noreturn]] void fail_with(const PgResult& result, const std::string& what);
  // Runs the prepared statement name with the values (PQexecPrepared's
  // arguments); with a read transaction begun and not yet sent, its BEGIN
  // first, in the same round trip. The result is the statement's; throws when
  // the BEGIN failed or the connection broke.
  // In a read transaction, the answer of an earlier run with the same values
  // when there is one. binary_results: PQexecPrepared's resultFormat 1.
  PgResult run_prepared(const std::string& name, int count, const char* const* values,
                        const int* lengths, const int* formats, bool binary_results);

  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override;
  std::unique_ptr<StatementBackend> prepare_scan(std::string_view sql) override;
  // Sends a BEGIN that begin_read deferred (a cursor needs its transaction
  // open on the server).
  void start_begun_read();
  // A new cursor name of this connection.
  std::string next_cursor_name() { return "c" + std::to_string(++cursors_); }
  void execute(const std::string& sql) override;
  // Only marks the transaction begun: its BEGIN goes with the next statement.
  void begin_read() override;
  // On a read-only connection, the ROLLBACK is sent and not waited for.
  void rollback() override;
  // A lost connection is in none: the server ended its transaction.
  bool in_transaction() override;
  bool has_table(std::string_view name) override;
  std::vector<std::string> data_tables() override;
  std::int64_t count_rows(std::string_view name) override;
  // PostgreSQL checks its pages itself (data checksums, when the cluster has
  // them); verify's part is the row counts.
  std::vector<std::string> integrity_check() override { return {"ok"}; }
  void set_busy_timeout(int ms) override;
  void set_page_size(int) override {}
  void set_cache_size(int) override {}
  bool broken() const override { return pg_ == nullptr || libpq().PQstatus(pg_) != CONNECTION_OK; }
  void close() override;

 private:
  struct Prepared {
    std::string name;
    int parameters = 0;
    bool binary_results = false;
  };
  // The answers kept in one transaction before they are all forgotten: at
  // most kAnswers results (a name search makes about 40) and kAnswerBytes
  // as keep_answer reckons a result's memory (its values, a pointer per
  // value, libpq's 2 KiB first block), so that a long read of distinct
  // statements (validate --registry's lookups) holds a few MiB, not more.
  static constexpr std::size_t kAnswers = 1024;
  static constexpr std::size_t kAnswerBytes = std::size_t{16} << 20;
  // The statement and values as a key of answers_.
  static std::string answer_key(const std::string& name, int count, const char* const* values,
                                const int* lengths);
  // Keeps result as the answer of key when the answers have room.
  void keep_answer(std::string key, const PgResult& result);
  void forget_answers() {
    answers_.clear();
    answer_bytes_ = 0;
  }
  // Reads the answer of a ROLLBACK sent (errors ignored: the transaction
  // ends either way; a broken connection shows in broken()).
  void settle();

  PGconn* pg_;
  std::string name_;
  std::unordered_map<std::string, Prepared> prepared_;  // by the SQL sent
  std::unordered_map<std::string, bool> tables_;        // has_table's answers (read only)
  std::string pending_begin_;                           // a BEGIN to send with the next statement
  std::uint64_t cursors_ = 0;                           // cursor names given
  std::unordered_map<std::string, PgResult> answers_;   // of this read transaction, by answer_key
  std::size_t answer_bytes_ = 0;                        // their values' bytes
  bool rollback_sent_ = false;                          // a ROLLBACK whose answer is not read yet
};

// Connects to the server text names (pg_backend.hpp's forms), in UTF-8 and
// UTC, the server's notices silenced. Throws RegistryUnavailable when it
// cannot (the message names the server without its password):
// RegistryServerAway when the server did not answer, and at once, without
// trying, while it is away (a backoff: see pg_connection.cpp's Away).
std::unique_ptr<PgConnection> connect(std::string_view text);

// "" when connect tries the server text names, else the message of
// RegistryServerAway it throws now (the server is away: pg_backend.hpp's
// postgres_server_away).
std::string away_reason(std::string_view text);

}  // namespace gifkit::registries::pg
