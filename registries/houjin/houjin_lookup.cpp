// houjin_lookup.cpp — see houjin_lookup.hpp.
#include "registries/houjin/houjin_lookup.hpp"

namespace gifkit::registries::houjin {
namespace {

std::string select_columns() {
  std::string list;
  for (const auto& column : kHoujinColumns)
    list += (list.empty() ? "" : ", ") + std::string(column.sql_name);
  return list;
}

void read_record_into(const Statement& statement, HoujinRecord& record) {
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
    record[i] = statement.column_text(static_cast<int>(i));
}

HoujinRecord read_record(const Statement& statement) {
  HoujinRecord record;
  read_record_into(statement, record);
  return record;
}

}  // namespace

CorporationFinder::CorporationFinder(const RegistryDb& db)
    : select_(db.prepare("SELECT " + select_columns() +
                         " FROM corporation WHERE corporate_number = ?1")) {}

bool CorporationFinder::find_into(std::string_view number, HoujinRecord& record) {
  select_.bind_text_uncopied_or_null(1, number);
  bool found = select_.step();
  if (found) read_record_into(select_, record);
  select_.reset();
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
  Statement select = db.prepare("SELECT " + select_columns() +
                                " FROM corporation_history WHERE corporate_number = ?1 "
                                "ORDER BY update_date, change_date, id");
  select.bind_text(1, number);
  std::vector<HoujinRecord> rows;
  while (select.step()) rows.push_back(read_record(select));
  return rows;
}

}  // namespace gifkit::registries::houjin
