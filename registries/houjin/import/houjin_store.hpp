// houjin_store.hpp — the part of every 法人番号 importer that does not depend
// on the source format: checking a row of the 30 NTA columns, storing it in
// `corporation` (latest state per corporate number) and `corporation_history`
// (every imported row), reporting and counting the rows it rejects. The CSV,
// Web-API CSV and XML readers turn their input into 30 UTF-8 fields and feed
// them to HoujinRowStore.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/db/rejected_row.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"

namespace gifkit::registries::houjin {

// Rejected rows (registries/db/rejected_row.hpp): line is the 1-based
// physical line (for XML: the line of the <corporation> element).

// Why the record cannot be imported, or "" when it can: 30 fields, a
// corporate number with a valid check digit, a known process code, ISO
// dates, 0/1 flags, a valid successor number. fields are UTF-8.
std::string check_houjin_row(const std::vector<std::string_view>& fields);

// The 30 fields of one row, in kHoujinColumns order (UTF-8).
using HoujinFields = std::array<std::string_view, kHoujinColumnCount>;

// How a stored row meets the current state the registry holds already.
enum class StateOrder {
  // It replaces it (unless it is a past state, latest 0, and the stored one
  // a current state): a build, an update in date order.
  as_read,
  // The same, but never a state published later than the row itself (a
  // later updateDate): a diff applied out of order. The row still goes to
  // the history.
  keep_newer,
};

// Which rows go to corporation_history.
enum class HistoryRows {
  // Every row read: a build, whose sources are each read once.
  every_row,
  // A row equal in every NTA column but its sequenceNumber (its place in
  // the file) to a history row stored already is not stored again: an
  // update, where a day may be applied twice (a cut file that nothing in
  // it told, then the complete one with --allow-out-of-order).
  skip_stored,
};

// Checks and stores the rows of one source file under one provenance id.
// Must live inside a transaction on a registry where create_houjin_tables ran.
class HoujinRowStore {
 public:
  // file is the name used in RejectedRow; on_rejected may be empty and must
  // outlive the store.
  HoujinRowStore(RegistryDb& db, std::int64_t provenance_id, std::string file,
                 const RejectedRowHandler& on_rejected, StateOrder order = StateOrder::as_read,
                 HistoryRows history = HistoryRows::every_row);

  // Checks the row (check_houjin_row) and stores it, or reports and counts
  // it. line is where the row starts in the source, order its position among
  // the source's records (corporation_history.imported_order).
  // latest_unknown: the source has no `latest` column (Web-API v1, old XML);
  // the history keeps latest empty, and the current-state table treats the
  // row as the current state (latest 1), so rows apply in file order.
  // where, when not empty, starts the reason of a rejection (e.g.
  // "<corporation> #57" in a one-line XML file).
  void add(const HoujinFields& fields, std::uint64_t line, std::uint64_t order,
           bool latest_unknown = false, std::string_view where = {});
  // Reports and counts a row the reader could not turn into 30 fields.
  void reject(std::uint64_t line, std::string reason);

  std::int64_t rows() const { return rows_; }
  std::int64_t rejected() const { return rejected_; }
  // Rows stored in `corporation` but not again in the history, being there
  // already (HistoryRows::skip_stored).
  std::int64_t already_in_history() const { return already_in_history_; }
  // The newest updateDate stored ("" before the first row).
  const std::string& newest_update_date() const { return newest_update_date_; }

 private:
  void store(const HoujinFields& fields, std::uint64_t line, std::uint64_t order,
             bool latest_unknown);
  // Whether a history row equal to fields in all but sequenceNumber is
  // stored (or was read before in this file); then remembers fields' row.
  bool stored_already(const HoujinFields& fields);

  std::int64_t provenance_id_;
  std::string file_;
  const RejectedRowHandler& on_rejected_;
  Statement upsert_;
  Statement delete_mark_;
  Statement history_;
  std::optional<Statement> history_of_number_;    // HistoryRows::skip_stored
  std::unordered_set<std::string> numbers_read_;  // whose stored rows are in stored_rows_
  std::unordered_set<std::string> stored_rows_;   // digests (history_row_digest)
  std::string digest_buffer_;
  std::vector<std::string_view> check_fields_;
  std::int64_t rows_ = 0;
  std::int64_t rejected_ = 0;
  std::int64_t already_in_history_ = 0;
  std::string newest_update_date_;
};

}  // namespace gifkit::registries::houjin
