// houjin_store.cpp — see houjin_store.hpp. The insert statements are built
// from kHoujinColumns so that the tables (create_houjin_tables), the inserts
// and the lookups (houjin_lookup.cpp) can never disagree about the columns.
#include "registries/houjin/import/houjin_store.hpp"

#include <cassert>
#include <cstdint>
#include <utility>

#include "grammars/io/sha256.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"

namespace gifkit::registries::houjin {
namespace {

std::string column_list() {
  std::string list;
  for (const auto& column : kHoujinColumns) list += std::string(column.sql_name) + ", ";
  return list;
}

std::string parameter_list(int first, int count) {
  std::string list;
  for (int i = 0; i < count; ++i) list += (i ? ", ?" : "?") + std::to_string(first + i);
  return list;
}

// New rows replace the stored state unless they are a past state (latest 0)
// and the stored one is a current state (latest 1): the NTA sends every
// change of a corporation with its current state as the latest = 1 row, so a
// past state never overrides a current one, whatever its updateDate (a diff
// re-sends past states with the diff's updateDate).
// With StateOrder::keep_newer, neither statement replaces a stored state
// published later than the row (a later updateDate); NULLs compare as SQLite's
// trigger of older gifkits did (never kept).
constexpr std::string_view kKeepNewerCondition =
    "(corporation.update_date > excluded.update_date) IS NOT TRUE";

std::string corporation_upsert_sql(StateOrder order) {
  std::string sql = "INSERT INTO corporation(" + column_list() + "provenance_id) VALUES (" +
                    parameter_list(1, kHoujinColumnCount + 1) +
                    ") ON CONFLICT(corporate_number) DO UPDATE SET ";
  for (const auto& column : kHoujinColumns)
    sql += std::string(column.sql_name) + " = excluded." + std::string(column.sql_name) + ", ";
  sql +=
      "provenance_id = excluded.provenance_id WHERE (excluded.latest = '1' OR "
      "corporation.latest IS DISTINCT FROM '1')";
  if (order == StateOrder::keep_newer) sql += " AND " + std::string(kKeepNewerCondition);
  return sql;
}

// A deletion (process 99) carries only number, process and dates: it marks
// the stored state deleted and keeps what was known.
std::string corporation_delete_mark_sql(StateOrder order) {
  std::string sql = "INSERT INTO corporation(" + column_list() + "provenance_id) VALUES (" +
                    parameter_list(1, kHoujinColumnCount + 1) +
                    ") ON CONFLICT(corporate_number) DO UPDATE SET process = excluded.process, "
                    "update_date = excluded.update_date, sequence_number = "
                    "excluded.sequence_number, provenance_id = excluded.provenance_id";
  if (order == StateOrder::keep_newer) sql += " WHERE " + std::string(kKeepNewerCondition);
  return sql;
}

std::string history_insert_sql() {
  return "INSERT INTO corporation_history(provenance_id, line, " + column_list() +
         "imported_order) VALUES (" + parameter_list(1, kHoujinColumnCount + 3) + ")";
}

// Every history row of one corporate number (?1): the NTA columns but
// sequenceNumber, in kHoujinColumns order.
std::string history_of_number_sql() {
  std::string columns;
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i) {
    if (i == kSequenceNumber) continue;
    if (!columns.empty()) columns += ", ";
    columns += kHoujinColumns[i].sql_name;
  }
  return "SELECT " + columns + " FROM corporation_history WHERE corporate_number = ?1";
}

// 16 bytes of the SHA-256 of a history row's NTA columns but sequenceNumber
// (its place in its file), each preceded by its length, so that no two
// different rows meet (an empty field and NULL are alike: both stored as
// NULL). field(i) gives column i's text; buffer is reused.
template <typename FieldOf>
std::string history_row_digest(const FieldOf& field, std::string& buffer) {
  buffer.clear();
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i) {
    if (i == kSequenceNumber) continue;
    const std::string_view text = field(i);
    const auto size = static_cast<std::uint32_t>(text.size());
    buffer.append(reinterpret_cast<const char*>(&size), sizeof size);
    buffer.append(text);
  }
  const auto digest = grammars::sha256(buffer);
  return std::string(reinterpret_cast<const char*>(digest.data()), 16);
}

bool is_digits(std::string_view text) {
  return !text.empty() && grammars::is_ascii_digits(text);
}

bool is_known_process(std::string_view code) {
  return !process_name(code).empty();
}

std::string check_date_field(const std::vector<std::string_view>& fields, std::size_t index,
                             bool required) {
  std::string_view value = fields[index];
  if (value.empty()) {
    return required ? std::string(kHoujinColumns[index].nta_name) + " is empty" : std::string();
  }
  if (!grammars::parse_iso_date(value)) {
    return std::string(kHoujinColumns[index].nta_name) + " '" + std::string(value) +
           "' is not a YYYY-MM-DD date";
  }
  return {};
}

}  // namespace

std::string check_houjin_row(const std::vector<std::string_view>& fields) {
  if (fields.size() != kHoujinColumnCount) {
    return "has " + std::to_string(fields.size()) + " fields, expected " +
           std::to_string(kHoujinColumnCount);
  }
  auto number = grammars::check_corporate_number(fields[kCorporateNumber]);
  if (!number.ok())
    return "corporateNumber '" + std::string(fields[kCorporateNumber]) + "': " + number.reason;
  if (!is_digits(fields[kSequenceNumber]))
    return "sequenceNumber '" + std::string(fields[kSequenceNumber]) + "' is not a number";
  if (!is_known_process(fields[kProcess]))
    return "process '" + std::string(fields[kProcess]) + "' is not a known 処理区分 code";
  bool deleted = fields[kProcess] == "99";
  const std::initializer_list<std::pair<std::size_t, bool>> dates = {
      {kUpdateDate, true}, {kChangeDate, !deleted}, {kCloseDate, false}, {kAssignmentDate, false}};
  for (auto [index, required] : dates) {
    std::string problem = check_date_field(fields, index, required);
    if (!problem.empty()) return problem;
  }
  for (std::size_t flag : {kCorrect, kLatest, kHihyoji}) {
    std::string_view value = fields[flag];
    if (!value.empty() && value != "0" && value != "1") {
      return std::string(kHoujinColumns[flag].nta_name) + " '" + std::string(value) +
             "' is not 0 or 1";
    }
  }
  std::string_view successor = fields[kSuccessorCorporateNumber];
  if (!successor.empty()) {
    auto verdict = grammars::check_corporate_number(successor);
    if (!verdict.ok())
      return "successorCorporateNumber '" + std::string(successor) + "': " + verdict.reason;
  }
  return {};
}

HoujinRowStore::HoujinRowStore(RegistryDb& db, std::int64_t provenance_id, std::string file,
                               const RejectedRowHandler& on_rejected, StateOrder order,
                               HistoryRows history)
    : provenance_id_(provenance_id),
      file_(std::move(file)),
      on_rejected_(on_rejected),
      upsert_(db.prepare(corporation_upsert_sql(order))),
      delete_mark_(db.prepare(corporation_delete_mark_sql(order))),
      history_(db.prepare(history_insert_sql())),
      check_fields_(kHoujinColumnCount) {
  if (history == HistoryRows::skip_stored)
    history_of_number_.emplace(db.prepare(history_of_number_sql()));
  assert(db.in_transaction());  // houjin_store.hpp: must live inside a transaction
}

void HoujinRowStore::add(const HoujinFields& fields, std::uint64_t line, std::uint64_t order,
                         bool latest_unknown, std::string_view where) {
  check_fields_.assign(fields.begin(), fields.end());
  std::string reason = check_houjin_row(check_fields_);
  if (!reason.empty()) {
    reject(line, where.empty() ? std::move(reason) : std::string(where) + ": " + reason);
    return;
  }
  store(fields, line, order, latest_unknown);
}

void HoujinRowStore::reject(std::uint64_t line, std::string reason) {
  ++rejected_;
  if (on_rejected_) on_rejected_(RejectedRow{file_, line, std::move(reason)});
}

void HoujinRowStore::store(const HoujinFields& fields, std::uint64_t line, std::uint64_t order,
                           bool latest_unknown) {
  bool deletion = fields[kProcess] == "99";
  Statement& corporation = deletion ? delete_mark_ : upsert_;
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i) {
    std::string_view current = fields[i];
    if (i == kLatest && latest_unknown && !deletion) current = "1";
    corporation.bind_text_uncopied_or_null(static_cast<int>(i + 1), current);
    history_.bind_text_uncopied_or_null(static_cast<int>(i + 3), fields[i]);
  }
  corporation.bind_int64(kHoujinColumnCount + 1, provenance_id_);
  corporation.run_and_reset();
  ++rows_;
  if (fields[kUpdateDate] > std::string_view(newest_update_date_))
    newest_update_date_ = fields[kUpdateDate];
  if (history_of_number_ && stored_already(fields)) {
    ++already_in_history_;
    history_.reset();
    return;
  }
  history_.bind_int64(1, provenance_id_);
  history_.bind_int64(2, static_cast<std::int64_t>(line));
  history_.bind_int64(kHoujinColumnCount + 3, static_cast<std::int64_t>(order));
  history_.run_and_reset();
}

bool HoujinRowStore::stored_already(const HoujinFields& fields) {
  assert(history_of_number_);  // HistoryRows::skip_stored
  // A number's stored rows are read once a file, the first time it comes:
  // then every row costs one digest, however many rows a number has.
  if (numbers_read_.emplace(fields[kCorporateNumber]).second) {
    Statement& rows = *history_of_number_;
    rows.bind_text(1, fields[kCorporateNumber]);
    // history_of_number_sql leaves out sequenceNumber, column 0: column i is i - 1.
    static_assert(kSequenceNumber == 0);
    const auto column_of = [&](std::size_t i) { return rows.column_text(static_cast<int>(i) - 1); };
    while (rows.step()) stored_rows_.insert(history_row_digest(column_of, digest_buffer_));
    rows.reset();
  }
  const auto field_of = [&](std::size_t i) { return fields[i]; };
  return !stored_rows_.insert(history_row_digest(field_of, digest_buffer_)).second;
}

}  // namespace gifkit::registries::houjin
