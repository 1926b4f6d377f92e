// houjin_lookup.cpp — see houjin_lookup.hpp.
#include "registries/houjin/lookup/houjin_lookup.hpp"

#include <charconv>

#include "registries/db/in_list.hpp"

namespace gifkit::registries::houjin {
namespace {

std::vector<std::size_t> all_columns() {
  std::vector<std::size_t> columns(kHoujinColumnCount);
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i) columns[i] = i;
  return columns;
}

std::string select_columns(const std::vector<std::size_t>& columns) {
  std::string list;
  for (std::size_t column : columns)
    list += (list.empty() ? "" : ", ") + std::string(kHoujinColumns.at(column).sql_name);
  return list;
}

std::string select_columns() {
  return select_columns(all_columns());
}

void read_record_into(const Statement& statement, HoujinRecord& record) {
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
    record[i] = statement.column_text(static_cast<int>(i));
}

}  // namespace

CorporationFinder::CorporationFinder(const RegistryDb& db) : CorporationFinder(db, all_columns()) {}

void require_houjin_tables(const RegistryDb& db) {
  if (!db.has_table("corporation")) {
    throw NoHoujinData(db.path().string() +
                       " has no 法人番号 data (build it from the National Tax Agency's files: "
                       "gifkit registry build --out DB FILE...)");
  }
}

// The SELECT of columns by number, once db is known to hold 法人番号 data.
static std::string checked_select_sql(const RegistryDb& db,
                                      const std::vector<std::size_t>& columns) {
  require_houjin_tables(db);
  return "SELECT " + select_columns(columns) + " FROM corporation WHERE corporate_number = ?1";
}

CorporationFinder::CorporationFinder(const RegistryDb& db, std::vector<std::size_t> columns)
    : columns_(std::move(columns)), select_(db.prepare(checked_select_sql(db, columns_))) {}

// The key is an INTEGER PRIMARY KEY: the digits as one (what SQLite would
// convert text to), or nothing when they are not 13 digits.
static std::optional<std::int64_t> number_key(std::string_view number) {
  std::int64_t key = 0;
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), key);
  if (number.size() != 13 || error != std::errc() || end != number.data() + number.size())
    return std::nullopt;
  return key;
}

bool CorporationFinder::find_into(std::string_view number, HoujinRecord& record) {
  const std::optional<std::int64_t> key = number_key(number);
  return key && find_into(*key, record);
}

bool CorporationFinder::find_into(std::string_view number, std::span<std::string* const> into) {
  const std::optional<std::int64_t> key = number_key(number);
  if (!key) return false;
  select_.bind_int64(1, *key);
  const bool found = select_.step();
  if (found) {
    for (std::size_t i = 0; i < into.size() && i < columns_.size(); ++i)
      into[i]->assign(select_.column_text(static_cast<int>(i)));
  }
  select_.reset_keeping_bindings();  // the number is bound again at every lookup
  return found;
}

bool CorporationFinder::find_into(std::int64_t number, HoujinRecord& record) {
  select_.bind_int64(1, number);
  bool found = select_.step();
  if (found) {
    for (std::size_t i = 0; i < columns_.size(); ++i)
      record[columns_[i]] = select_.column_text(static_cast<int>(i));
  }
  select_.reset_keeping_bindings();  // the number is bound again at every lookup
  return found;
}

std::optional<HoujinRecord> CorporationFinder::find(std::string_view number) {
  HoujinRecord record;
  if (!find_into(number, record)) return std::nullopt;
  return record;
}

std::optional<HoujinRecord> find_corporation(const RegistryDb& db, std::string_view number) {
  return CorporationFinder(db).find(number);
}

std::vector<HoujinRecord> corporation_history(const RegistryDb& db, std::string_view number) {
  std::vector<HistoryRow> rows;
  HistoryReader(db).read(number, rows);
  std::vector<HoujinRecord> records;
  records.reserve(rows.size());
  for (auto& row : rows) records.push_back(std::move(row.record));
  return records;
}

void require_houjin_history(const RegistryDb& db) {
  require_houjin_tables(db);
  Statement any = db.prepare("SELECT 1 FROM corporation_history LIMIT 1");
  if (!any.step()) {
    throw NoHoujinData(db.path().string() +
                       " has no 法人番号 history (no imported row): build it from the National "
                       "Tax Agency's files (gifkit registry build --out DB FILE...)");
  }
}

// The history's SELECT, once db is known to hold 法人番号 data.
// where: the condition on corporate_number. Each corporation's rows come in
// the same order whether read alone or with others.
static std::string history_select_sql(const RegistryDb& db, const std::string& where) {
  require_houjin_tables(db);
  return "SELECT " + select_columns() + ", id FROM corporation_history WHERE corporate_number " +
         where + " ORDER BY corporate_number, update_date, change_date, id";
}

HistoryReader::HistoryReader(const RegistryDb& db)
    : db_(db), select_(db.prepare(history_select_sql(db, "= ?1"))) {}

// The row statement stands on, appended to rows.
static void read_history_row(Statement& statement, std::vector<HistoryRow>& rows) {
  HistoryRow& row = rows.emplace_back();
  read_record_into(statement, row.record);
  row.id = statement.column_int64(static_cast<int>(kHoujinColumnCount));
}

void HistoryReader::read(std::string_view number, std::vector<HistoryRow>& rows) {
  rows.clear();
  if (!ahead_.empty()) {
    auto ahead = ahead_.find(std::string(number));
    if (ahead != ahead_.end()) {
      rows = std::move(ahead->second);
      ahead_.erase(ahead);
      return;
    }
  }
  select_.bind_text(1, number);
  while (select_.step()) read_history_row(select_, rows);
  select_.reset();
}

void HistoryReader::read_ahead(const std::vector<std::string>& numbers) {
  ahead_.clear();
  if (numbers.empty()) return;
  if (!select_many_)
    select_many_.emplace(db_.prepare(history_select_sql(db_, "IN " + in_list_parameters())));
  for (const std::string& number : numbers) ahead_[number];  // no rows unless read
  for_each_row_in(*select_many_, numbers, [&](Statement& rows) {
    read_history_row(rows, ahead_[std::string(rows.column_text(kCorporateNumber))]);
  });
}

}  // namespace gifkit::registries::houjin
