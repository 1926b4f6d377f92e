// published_rows.cpp — see published_rows.hpp.
#include "registries/houjin/changes/published_rows.hpp"

namespace gifkit::registries::houjin {
namespace {

// The rows' condition; parameters ?1 from, ?2 to, ?3 kind leads, ?4
// prefecture code, ?5 city code.
constexpr std::string_view kWhere =
    " FROM corporation_history WHERE update_date BETWEEN ?1 AND ?2"
    " AND (?3 = '' OR (kind <> '' AND ?3 LIKE '%' || substr(kind, 1, 1) || '%'))"
    " AND (?4 = '' OR prefecture_code = ?4) AND (?5 = '' OR city_code = ?5)";

void bind_query(Statement& statement, const PublishedRowsQuery& query) {
  statement.bind_text(1, query.from);
  statement.bind_text(2, query.to);
  statement.bind_text(3, query.kind_leads);
  statement.bind_text(4, query.prefecture_code);
  statement.bind_text(5, query.city_code);
}

}  // namespace

PublishedRows published_rows(const RegistryDb& db, const PublishedRowsQuery& query) {
  require_houjin_history(db);
  PublishedRows result;
  Statement count = db.prepare("SELECT count(*)" + std::string(kWhere));
  bind_query(count, query);
  if (count.step()) result.count = static_cast<std::uint64_t>(count.column_int64(0));
  std::string columns;
  for (const auto& column : kHoujinColumns)
    columns += (columns.empty() ? "" : ", ") + std::string(column.sql_name);
  Statement page = db.prepare("SELECT " + columns + std::string(kWhere) +
                              " ORDER BY update_date, id LIMIT ?6 OFFSET ?7");
  bind_query(page, query);
  page.bind_int64(6, static_cast<std::int64_t>(query.limit));
  page.bind_int64(7, static_cast<std::int64_t>(query.offset));
  while (page.step()) {
    HoujinRecord& record = result.rows.emplace_back();
    for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
      record[i] = page.column_text(static_cast<int>(i));
  }
  return result;
}

std::string newest_update_date(const RegistryDb& db) {
  Statement newest = db.prepare("SELECT max(update_date) FROM corporation_history");
  return newest.step() ? std::string(newest.column_text(0)) : std::string();
}

}  // namespace gifkit::registries::houjin
