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

HoujinRecord read_record(const Statement& statement) {
  HoujinRecord record;
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
    record[i] = statement.column_text(static_cast<int>(i));
  return record;
}

}  // namespace

std::optional<HoujinRecord> find_corporation(const RegistryDb& db, std::string_view number) {
  Statement select =
      db.prepare("SELECT " + select_columns() + " FROM corporation WHERE corporate_number = ?1");
  select.bind_text(1, number);
  if (!select.step()) return std::nullopt;
  return read_record(select);
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
