// houjin_lookup.hpp — queries of the 法人番号 tables of a registry: the
// current state of a corporation and its imported history, by number.
#pragma once
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"
#include "registries/houjin/lookup/corporation.hpp"

namespace gifkit::registries::houjin {

// One record in the 30 columns of kHoujinColumns ("" for an empty value).
using HoujinRecord = std::array<std::string, kHoujinColumnCount>;

// The registry holds no 法人番号 data (one built from Address Base Registry
// files only) or no history of it: not a failure of its engine — the same
// request on the same registry fails the same way. what() names the file and
// says how to build such a registry.
class NoHoujinData : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// Throws NoHoujinData naming the file when the registry holds no 法人番号
// data (e.g. one built from Address Base Registry files only).
void require_houjin_tables(const RegistryDb& db);

// Lookups by number with the statement prepared once: for callers that look
// many numbers up (validate --registry, a service). Not thread-safe; one per
// thread. db must outlive the finder.
class CorporationFinder {
 public:
  // Throws RegistryError when the registry has no 法人番号 tables.
  explicit CorporationFinder(const RegistryDb& db);
  // Reads only these columns (indexes into kHoujinColumns); find_into then
  // leaves the others of the record as they were. SQLite decodes less of
  // each row: for callers that compare a few fields of every row.
  CorporationFinder(const RegistryDb& db, std::vector<std::size_t> columns);
  // The stored (latest) state of the corporation with this 13-digit number,
  // or nothing.
  std::optional<HoujinRecord> find(std::string_view number);
  // As find, into record (whose strings keep their capacity): false when
  // the number is not in the registry. The fast path for batch callers: the
  // number is bound as an integer (the table's key), no copy of it is made.
  bool find_into(std::string_view number, HoujinRecord& record);
  // As find_into, by the number as an integer (the table's key).
  bool find_into(std::int64_t number, HoujinRecord& record);
  // As find_into, the finder's columns, in the order given to the
  // constructor, straight into the strings of into (one per column; their
  // capacity kept): no HoujinRecord in between.
  bool find_into(std::string_view number, std::span<std::string* const> into);

 private:
  std::vector<std::size_t> columns_;
  Statement select_;
};

// The corporation of a 法人番号 row (its latest state, as read by
// CorporationFinder or the name search).
inline Corporation corporation_of(const HoujinRecord& record) {
  Corporation corporation;
  corporation.number = record[kCorporateNumber];
  corporation.process = record[kProcess];
  corporation.update_date = record[kUpdateDate];
  corporation.name = record[kName];
  corporation.prefecture = record[kPrefectureName];
  corporation.city = record[kCityName];
  corporation.street = record[kStreetNumber];
  corporation.close_date = record[kCloseDate];
  corporation.close_cause = record[kCloseCause];
  corporation.successor = record[kSuccessorCorporateNumber];
  corporation.name_codes();
  return corporation;
}

// One lookup (prepares a statement each call; use CorporationFinder for many).
std::optional<HoujinRecord> find_corporation(const RegistryDb& db, std::string_view number);

// Every imported row of that corporation, oldest first (by update date,
// then change date, then import order).
std::vector<HoujinRecord> corporation_history(const RegistryDb& db, std::string_view number);

// One imported row with its place in corporation_history (its id: the
// import order across every source).
struct HistoryRow {
  std::int64_t id = 0;
  HoujinRecord record;
};

// Reads a corporation's imported rows with one prepared statement, for
// callers that read the history of many corporations (the change feed).
// Not thread-safe; db must outlive the reader.
class HistoryReader {
 public:
  // Throws RegistryError when the registry has no 法人番号 history.
  explicit HistoryReader(const RegistryDb& db);
  // Every imported row of the corporation with this 13-digit number, in
  // the order of corporation_history, into rows (replaced). A corporation
  // read ahead is answered from memory (and forgotten).
  void read(std::string_view number, std::vector<HistoryRow>& rows);
  // Reads the rows of these corporations now, kInListKeys a statement
  // (in_list.hpp), for the reads of them that follow; forgets those read
  // ahead before. For a server, where each read is a round trip.
  void read_ahead(const std::vector<std::string>& numbers);

 private:
  const RegistryDb& db_;
  Statement select_;
  std::optional<Statement> select_many_;  // kInListKeys corporations' rows, at the first read_ahead
  std::unordered_map<std::string, std::vector<HistoryRow>> ahead_;  // by number
};

// Throws NoHoujinData naming the file when the registry holds no
// 法人番号 history: no corporation tables (require_houjin_tables), or no
// imported row.
void require_houjin_history(const RegistryDb& db);

}  // namespace gifkit::registries::houjin
