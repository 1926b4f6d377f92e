// abr_lookup.cpp — see abr_lookup.hpp. The SELECT lists are built from
// abr_tables(), the same list the schema and the importer use.
#include "registries/abr/abr_lookup.hpp"

#include "grammars/dictionaries/place_qualifiers.hpp"
#include "grammars/text/text_fold.hpp"
#include "registries/abr/abr_columns.hpp"
#include "registries/abr/abr_import.hpp"
#include "registries/abr/abr_row_store.hpp"

namespace gifkit::registries::abr {
namespace {

// The largest UTF-8 character: prefix <= key < prefix + this is "starts with".
constexpr std::string_view kAfterEveryCharacter = "\xF4\x8F\xBF\xBF";

constexpr std::string_view kPositionColumns[] = {"rep_lon", "rep_lat", "rep_srid", "rep_scale"};

// The town columns shown: every mt_town column, the fullset ones only when set.
bool fullset_only(std::string_view column) {
  return column.find("uncmn_") != std::string_view::npos || column.starts_with("alias_");
}

std::string select_list(const AbrTable& table, std::string_view alias) {
  std::string list;
  for (auto column : table.columns)
    list += (list.empty() ? "" : ", ") + std::string(alias) + "." + std::string(column);
  return list;
}

// Reads the current row of select: table's columns, then the position columns.
AbrRecord read_row(const Statement& select, const AbrTable& table, std::size_t positions) {
  AbrRecord record;
  int index = 0;
  for (auto column : table.columns) {
    std::string value(select.column_text(index++));
    if (!(fullset_only(column) && value.empty())) record.emplace_back(column, std::move(value));
  }
  for (std::size_t i = 0; i < positions; ++i)
    record.emplace_back(kPositionColumns[i], select.column_text(index++));
  return record;
}

std::string town_select(std::string_view where) {
  const AbrTable& town = *find_table("abr_town");
  return "SELECT " + select_list(town, "t") +
         ", p.rep_lon, p.rep_lat, p.rep_srid, p.rep_scale FROM abr_town t LEFT JOIN abr_town_pos p "
         "ON p.lg_code = t.lg_code AND p.machiaza_id = t.machiaza_id AND "
         "p.rsdt_addr_flg = t.rsdt_addr_flg WHERE " +
         std::string(where);
}

std::int64_t count_of(const RegistryDb& db, const std::string& sql, std::string_view value) {
  Statement count = db.prepare(sql);
  count.bind_text(1, value);
  count.step();
  return count.column_int64(0);
}

bool is_prefecture_code(std::string_view lg_code) {
  return lg_code.size() == 6 && lg_code.substr(2, 3) == "000";
}

// The area's own row from table (abr_pref or abr_city) with its position.
std::optional<AbrRecord> area_row(const RegistryDb& db, const AbrTable& table,
                                  std::string_view lg_code) {
  Statement select =
      db.prepare("SELECT " + select_list(table, "a") + ", p.rep_lon, p.rep_lat, p.rep_srid FROM " +
                 std::string(table.name) + " a LEFT JOIN " + std::string(table.name) +
                 "_pos p ON p.lg_code = a.lg_code " + "WHERE a.lg_code = ?1");
  select.bind_text(1, lg_code);
  if (!select.step()) return std::nullopt;
  return read_row(select, table, 3);
}

// A city known only from its 町字: the names abr_town gives it.
std::optional<AbrRecord> city_from_towns(const RegistryDb& db, std::string_view lg_code) {
  const AbrTable& city = *find_table("abr_city");
  std::string columns;
  for (auto column : city.columns)
    if (column != "efct_date" && column != "ablt_date" && column != "remarks")
      columns += (columns.empty() ? "" : ", ") + std::string(column);
  Statement select = db.prepare("SELECT " + columns + " FROM abr_town WHERE lg_code = ?1 LIMIT 1");
  select.bind_text(1, lg_code);
  if (!select.step()) return std::nullopt;
  AbrRecord record;
  int index = 0;
  for (auto column : city.columns)
    if (column != "efct_date" && column != "ablt_date" && column != "remarks")
      record.emplace_back(column, select.column_text(index++));
  return record;
}

}  // namespace

std::string_view field(const AbrRecord& record, std::string_view name) {
  for (const auto& [each, value] : record)
    if (each == name) return value;
  return {};
}

void require_abr_tables(const RegistryDb& db) {
  if (!has_abr_tables(db))
    throw RegistryError(db.path().string() +
                        ": the registry holds no Address Base Registry data (build it with ABR "
                        "files: gifkit registry build --out DB mt_town_all.csv.zip …)");
}

std::optional<AbrRecord> find_area(const RegistryDb& db, std::string_view lg_code) {
  if (is_prefecture_code(lg_code)) {
    auto record = area_row(db, *find_table("abr_pref"), lg_code);
    if (!record) return std::nullopt;
    std::string prefix(lg_code.substr(0, 2));
    record->emplace_back(
        "cities",
        std::to_string(count_of(
            db, "SELECT count(*) FROM abr_city WHERE substr(lg_code, 1, 2) = ?1", prefix)));
    record->emplace_back(
        "towns",
        std::to_string(count_of(db,
                                "SELECT count(DISTINCT lg_code || machiaza_id) FROM abr_town WHERE "
                                "substr(lg_code, 1, 2) = ?1",
                                prefix)));
    return record;
  }
  auto record = area_row(db, *find_table("abr_city"), lg_code);
  if (!record) record = city_from_towns(db, lg_code);
  if (!record) return std::nullopt;
  record->emplace_back(
      "towns",
      std::to_string(count_of(
          db, "SELECT count(DISTINCT machiaza_id) FROM abr_town WHERE lg_code = ?1", lg_code)));
  return record;
}

std::vector<AbrRecord> find_machiaza(const RegistryDb& db, std::string_view lg_code,
                                     std::string_view machiaza_id) {
  Statement select = db.prepare(
      town_select("t.lg_code = ?1 AND t.machiaza_id = ?2 ORDER BY t.rsdt_addr_flg DESC"));
  select.bind_text(1, lg_code);
  select.bind_text(2, machiaza_id);
  std::vector<AbrRecord> records;
  while (select.step()) records.push_back(read_row(select, *find_table("abr_town"), 4));
  return records;
}

bool holds_towns_of(const RegistryDb& db, std::string_view lg_code) {
  Statement select = db.prepare("SELECT 1 FROM abr_town WHERE lg_code = ?1 LIMIT 1");
  select.bind_text(1, lg_code);
  return select.step();
}

std::optional<AbrTownParts> find_town_parts(const RegistryDb& db, std::string_view lg_code,
                                            std::string_view machiaza_id) {
  Statement select = db.prepare(
      "SELECT oaza_cho, chome, chome_number, koaza, post_code FROM abr_town WHERE lg_code = ?1 AND "
      "machiaza_id = ?2 ORDER BY rsdt_addr_flg DESC LIMIT 1");
  select.bind_text(1, lg_code);
  select.bind_text(2, machiaza_id);
  if (!select.step()) return std::nullopt;
  return AbrTownParts{std::string(select.column_text(0)), std::string(select.column_text(1)),
                      std::string(select.column_text(2)), std::string(select.column_text(3)),
                      std::string(select.column_text(4))};
}

std::vector<std::string> find_city_codes(const RegistryDb& db, std::string_view city,
                                         std::string_view pref) {
  std::string names =
      "(?1 = '' OR city = ?1 OR ward = ?1 OR city || ward = ?1 OR "
      "county || city = ?1) AND (?2 = '' OR pref = ?2)";
  Statement select = db.prepare("SELECT lg_code FROM abr_city WHERE " + names +
                                " UNION SELECT DISTINCT lg_code FROM abr_town WHERE " + names +
                                " ORDER BY lg_code");
  select.bind_text(1, city);
  select.bind_text(2, pref);
  std::vector<std::string> codes;
  while (select.step()) codes.emplace_back(select.column_text(0));
  return codes;
}

namespace {

// The key and the column a town search compares (town_search_key): its kana
// when the prefix is kana, else its name without 大字/字 (an empty prefix is
// not kana: every 町字 in name order, those without kana too).
struct TownSearchKey {
  std::string key;
  std::string column;
};
TownSearchKey town_search_key_of(std::string_view prefix_text) {
  std::string prefix = grammars::fold_ascii_width(prefix_text);
  std::string kana = grammars::hiragana_to_katakana(prefix);
  const bool by_kana = !kana.empty() && grammars::is_fullwidth_katakana_text(kana);
  return {by_kana ? kana : std::string(grammars::place_qualifiers().without_qualifier(prefix)),
          by_kana ? "t.town_kana_key" : "t.town_key"};
}

// The rows of a city ?1 whose key starts with ?2 — every row for an empty key.
std::string town_range(const TownSearchKey& search) {
  if (search.key.empty()) return "t.lg_code = ?1";
  return "t.lg_code = ?1 AND " + search.column + " >= ?2 AND " + search.column + " < ?3";
}

void bind_town_range(Statement& statement, const std::string& lg_code,
                     const TownSearchKey& search) {
  statement.bind_text(1, lg_code);
  if (search.key.empty()) return;
  statement.bind_text(2, search.key);
  statement.bind_text(3, search.key + std::string(kAfterEveryCharacter));
}

}  // namespace

std::vector<AbrRecord> search_towns(const RegistryDb& db, const TownQuery& query) {
  const TownSearchKey search = town_search_key_of(query.prefix);
  // The limit and the offset follow the range's parameters, numbered without a gap
  // (PostgreSQL cannot type a parameter no clause uses).
  const int limit_at = search.key.empty() ? 2 : 4;
  Statement select = db.prepare(town_select(
      town_range(search) + " ORDER BY " + search.column + ", t.machiaza_id, t.rsdt_addr_flg DESC " +
      "LIMIT ?" + std::to_string(limit_at) + " OFFSET ?" + std::to_string(limit_at + 1)));
  std::vector<AbrRecord> records;
  std::int64_t skip = query.offset;
  for (const auto& lg_code : query.lg_codes) {
    if (static_cast<std::int64_t>(records.size()) >= query.limit) break;
    // A city whose rows all lie before the page is skipped whole.
    if (skip > 0 && query.lg_codes.size() > 1) {
      TownQuery one = query;
      one.lg_codes = {lg_code};
      const std::int64_t rows = count_towns(db, one);
      if (rows <= skip) {
        skip -= rows;
        continue;
      }
    }
    bind_town_range(select, lg_code, search);
    select.bind_int64(limit_at, query.limit - static_cast<std::int64_t>(records.size()));
    select.bind_int64(limit_at + 1, skip);
    while (select.step()) records.push_back(read_row(select, *find_table("abr_town"), 4));
    select.reset();
    skip = 0;
  }
  return records;
}

std::int64_t count_towns(const RegistryDb& db, const TownQuery& query) {
  const TownSearchKey search = town_search_key_of(query.prefix);
  Statement count = db.prepare("SELECT count(*) FROM abr_town t WHERE " + town_range(search));
  std::int64_t total = 0;
  for (const auto& lg_code : query.lg_codes) {
    bind_town_range(count, lg_code, search);
    if (count.step()) total += count.column_int64(0);
    count.reset();
  }
  return total;
}

TownCoverage town_coverage(const RegistryDb& db, std::string_view lg_code) {
  if (holds_towns_of(db, lg_code)) return TownCoverage::towns;
  return find_area(db, lg_code) ? TownCoverage::city_only : TownCoverage::none;
}

std::string_view town_coverage_name(TownCoverage coverage) {
  switch (coverage) {
    case TownCoverage::towns:
      return "towns";
    case TownCoverage::city_only:
      return "city-only";
    case TownCoverage::none:
      return "none";
  }
  return "none";
}

}  // namespace gifkit::registries::abr
