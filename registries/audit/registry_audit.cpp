// registry_audit.cpp — see registry_audit.hpp. Every check reads the tables
// with plain SQL (the same on SQLite and PostgreSQL) in key order; what
// would be a join over the large tables (住居表示, 地番, their points) is one
// scan of each, against the 町字 kept in memory (one small entry per 町字).
#include "registries/audit/registry_audit.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "grammars/address_fold.hpp"
#include "grammars/place_qualifiers.hpp"
#include "grammars/text_fold.hpp"
#include "grammars/utf8.hpp"
#include "registries/abr/abr_columns.hpp"
#include "registries/build/registry_holdings.hpp"

namespace gifkit::registries::audit {
namespace {

// The area a source file of the ABR covers, told by its published name
// (FORMAT.md: mt_…_all, mt_…_prefNN, mt_…_cityNNNNNN): "" for the whole
// country, the 2-digit prefecture or 6-digit city code; nullopt when the
// name says none of these (a renamed file: it covers nothing for sure).
std::optional<std::string> covered_area(std::string_view source_file) {
  const std::string name = source_file_name(source_file);
  auto digits_after = [&](std::string_view marker,
                          std::size_t count) -> std::optional<std::string> {
    for (std::size_t at = name.find(marker); at != std::string::npos;
         at = name.find(marker, at + 1)) {
      const std::size_t start = at + marker.size();
      if (start + count > name.size()) continue;
      const std::string digits = name.substr(start, count);
      if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
          (start + count == name.size() || name[start + count] < '0' || name[start + count] > '9'))
        return digits;
    }
    return std::nullopt;
  };
  if (auto city = digits_after("_city", 6)) return city;
  if (auto pref = digits_after("_pref", 2)) return pref;
  if (name.find("_all") != std::string::npos) return std::string();
  return std::nullopt;
}

// The areas the sources of some kinds cover (covered_area of each).
class Coverage {
 public:
  Coverage(const std::vector<Provenance>& sources, std::initializer_list<std::string_view> kinds) {
    for (const Provenance& source : sources) {
      if (std::find(kinds.begin(), kinds.end(), source.source_kind) == kinds.end()) continue;
      if (auto area = covered_area(source.source_file)) areas_.insert(*area);
    }
  }
  bool any() const { return !areas_.empty(); }
  // True when a source covers the city of lg_code (6 digits).
  bool covers(std::string_view lg_code) const {
    assert(lg_code.size() == 6);
    return areas_.contains("") || areas_.contains(std::string(lg_code.substr(0, 2))) ||
           areas_.contains(std::string(lg_code));
  }

 private:
  std::set<std::string> areas_;
};

bool live(std::string_view ablt_date) {
  return ablt_date.empty();
}

// Kilometres between two points (lon, lat in degrees): the equirectangular
// approximation, within 0.5 % of the great circle at the distances compared.
double distance_km(double lon1, double lat1, double lon2, double lat2) {
  constexpr double kEarthKm = 6371.0;
  constexpr double kRadian = 3.14159265358979323846 / 180.0;
  const double x = (lon2 - lon1) * kRadian * std::cos((lat1 + lat2) / 2 * kRadian);
  const double y = (lat2 - lat1) * kRadian;
  return kEarthKm * std::sqrt(x * x + y * y);
}

std::string one_decimal(double value) {
  const long tenths = std::lround(value * 10);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

// A name folded so that spellings of one 町字 meet: the 大字/字 qualifier
// dropped, full-width ASCII folded, every kanji numeral run written in digits
// and 丁目 dropped (大字小原 = 小原; 白山一丁目 = 白山１丁目 = 白山1).
std::string near_name_key(std::string_view oaza_cho, std::string_view chome,
                          std::string_view koaza) {
  const grammars::PlaceQualifiers& qualifiers = grammars::place_qualifiers();
  const std::string joined = grammars::fold_ascii_width(
      std::string(qualifiers.without_qualifier(oaza_cho)) + std::string(chome) +
      std::string(qualifiers.without_qualifier(koaza)));
  std::string key;
  std::size_t pos = 0;
  while (pos < joined.size()) {
    std::size_t start = pos;
    char32_t cp = grammars::decode_utf8(joined, pos);
    if (!grammars::is_kanji_numeral(cp)) {
      key.append(joined, start, pos - start);
      continue;
    }
    std::size_t end = pos;
    while (end < joined.size()) {
      std::size_t next = end;
      if (!grammars::is_kanji_numeral(grammars::decode_utf8(joined, next))) break;
      end = next;
    }
    const std::int64_t value =
        grammars::parse_number_text(std::string_view(joined).substr(start, end - start));
    key += value >= 0 ? std::to_string(value) : joined.substr(start, end - start);
    pos = end;
  }
  for (std::size_t at = key.find("丁目"); at != std::string::npos; at = key.find("丁目"))
    key.erase(at, std::string_view("丁目").size());
  return key;
}

std::string joined_key(const std::vector<std::string>& parts) {
  std::string key;
  for (const auto& part : parts) key += (key.empty() ? "" : " ") + part;
  return key;
}

// A town's entry in memory: live (some row of the id not abolished), a
// point (from abr_town_pos), whether it has 住居表示 rows.
struct TownEntry {
  bool live = false;
  // A 大字・町 or 丁目 (machiaza_type 1, 2): the ABR gives each a point (mt_town_pos
  // is at that level, the MLIT 大字・町丁目 code); a 小字 often has none.
  bool placed_level = false;
  bool has_point = false;
  double lon = 0, lat = 0;
};

struct CityEntry {
  std::string name;  // 都道府県 郡 市区町村 区
  bool abolished = false;
  bool has_point = false;
  double lon = 0, lat = 0;
};

class Auditor {
 public:
  Auditor(RegistryDb& db, const AuditOptions& options, const FindingSink& sink)
      : db_(db), options_(options), sink_(sink), sources_(db.provenance()) {
    for (const Provenance& source : sources_)
      source_names_[source.id] = source_file_name(source.source_file);
  }

  AuditSummary run() {
    const bool abr = db_.has_table("abr_town") || db_.has_table("abr_city") ||
                     db_.has_table("abr_rsdt") || db_.has_table("abr_parcel");
    if (!options_.abr) {
      // not asked
    } else if (abr) {
      read_cities();
      read_detail_groups();
      read_towns();
      check_detail_groups();
      check_town_positions();
      check_towns_without_position();
      for (const char* table : {"abr_rsdt_pos", "abr_rsdt_blk_pos", "abr_parcel_pos"})
        check_point_table(table);
      check_swapped_positions();
      check_conflicting_rows();
      for (const char* table :
           {"abr_pref", "abr_city", "abr_town", "abr_rsdt_blk", "abr_rsdt", "abr_parcel"})
        check_dates(table);
    } else {
      summary_.not_checked.push_back("the registry holds no ABR tables");
    }
    if (!options_.houjin) {
      // not asked
    } else if (db_.has_table("corporation")) {
      check_houjin();
    } else {
      summary_.not_checked.push_back("the registry holds no 法人番号 data");
    }
    return std::move(summary_);
  }

 private:
  void report(AuditFinding finding) {
    if (finding.row_count == 0) finding.row_count = std::max<std::uint64_t>(1, finding.rows.size());
    ++summary_.findings_by_code[finding.code];
    sink_(finding);
  }

  std::string source_of(std::int64_t provenance_id) const {
    auto it = source_names_.find(provenance_id);
    return it == source_names_.end() ? std::string() : it->second;
  }

  std::string city_name(const std::string& lg_code) const {
    auto it = cities_.find(lg_code);
    return it == cities_.end() || it->second.name.empty() ? lg_code : it->second.name;
  }

  // The first rows (options_.rows_named) of table with lg_code and
  // machiaza_id (or of the city alone when machiaza_id is ""), in key order,
  // with where added to the condition.
  std::vector<AuditRow> rows_of(std::string_view table_name, const std::string& lg_code,
                                const std::string& machiaza_id, std::string_view where = {}) {
    const abr::AbrTable* table = abr::find_table(table_name);
    assert(table != nullptr);
    std::string keys;
    for (auto part : table->key) keys += (keys.empty() ? "" : ", ") + std::string(part);
    std::string sql = "SELECT " + keys + ", provenance_id FROM " + std::string(table_name) +
                      " WHERE lg_code = ?1";
    if (!machiaza_id.empty()) sql += " AND machiaza_id = ?2";
    if (!where.empty()) sql += " AND " + std::string(where);
    sql += " ORDER BY " + keys + " LIMIT " + std::to_string(options_.rows_named);
    Statement select = db_.prepare(sql);
    select.bind_text(1, lg_code);
    if (!machiaza_id.empty()) select.bind_text(2, machiaza_id);
    std::vector<AuditRow> rows;
    const int key_count = static_cast<int>(table->key.size());
    while (select.step()) {
      std::vector<std::string> parts;
      for (int i = 0; i < key_count; ++i) parts.emplace_back(select.column_text(i));
      rows.push_back(
          {std::string(table_name), joined_key(parts), source_of(select.column_int64(key_count))});
    }
    return rows;
  }

  // --- cities ---------------------------------------------------------------

  void read_cities() {
    if (db_.has_table("abr_city")) {
      Statement select = db_.prepare(
          "SELECT lg_code, pref, county, city, ward, ablt_date FROM abr_city ORDER BY lg_code");
      while (select.step()) {
        CityEntry& city = cities_[std::string(select.column_text(0))];
        city_table_ = true;
        for (int column = 1; column <= 4; ++column) city.name += select.column_text(column);
        city.abolished = !live(select.column_text(5));
      }
    }
    if (db_.has_table("abr_city_pos")) {
      Statement select =
          db_.prepare("SELECT lg_code, rep_lon, rep_lat FROM abr_city_pos ORDER BY lg_code");
      while (select.step()) {
        if (select.column_is_null(1) || select.column_is_null(2)) continue;
        CityEntry& city = cities_[std::string(select.column_text(0))];
        city.has_point = true;
        city.lon = std::stod(std::string(select.column_text(1)));
        city.lat = std::stod(std::string(select.column_text(2)));
      }
    }
  }

  // --- 住居表示 and 地番 rows by 町字 -------------------------------------------

  struct DetailGroup {
    std::string table;
    std::string lg_code, machiaza_id;
    std::uint64_t rows = 0, live_rows = 0;
  };

  // One scan of each of abr_rsdt, abr_rsdt_blk (the blocks read from a
  // file; the derived ones repeat abr_rsdt) and abr_parcel: their rows per
  // (lg_code, machiaza_id).
  void read_detail_groups() {
    for (const char* table : {"abr_rsdt", "abr_rsdt_blk", "abr_parcel"}) {
      if (!db_.has_table(table)) continue;
      const bool blocks = std::string_view(table) == "abr_rsdt_blk";
      Statement select = db_.prepare_scan(
          std::string("SELECT lg_code, machiaza_id, COUNT(*), SUM(CASE WHEN ablt_date IS NULL OR "
                      "ablt_date = '' THEN 1 ELSE 0 END) FROM ") +
          table + (blocks ? " WHERE derived = 0" : "") +
          " GROUP BY lg_code, machiaza_id ORDER BY lg_code, machiaza_id");
      while (select.step()) {
        DetailGroup group{table, std::string(select.column_text(0)),
                          std::string(select.column_text(1)),
                          static_cast<std::uint64_t>(select.column_int64(2)),
                          static_cast<std::uint64_t>(select.column_int64(3))};
        if (std::string_view(table) == "abr_parcel") {
          summary_.parcels += group.rows;
        } else {
          if (!blocks) summary_.residences += group.rows;
          residence_towns_.insert(group.lg_code + group.machiaza_id);
          residence_cities_.insert(group.lg_code);
        }
        groups_.push_back(std::move(group));
      }
    }
  }

  // --- 町字 -------------------------------------------------------------------

  struct TownRow {
    std::string machiaza_id, flag, oaza_cho, chome, chome_number, koaza, dist, ablt_date, type;
    std::int64_t provenance_id = 0;
    std::string name() const { return oaza_cho + chome + koaza; }
  };

  void read_towns() {
    if (!db_.has_table("abr_town")) return;
    Statement select = db_.prepare_scan(
        "SELECT lg_code, machiaza_id, rsdt_addr_flg, oaza_cho, chome, chome_number, koaza, "
        "machiaza_dist, ablt_date, provenance_id, machiaza_type FROM abr_town "
        "ORDER BY lg_code, machiaza_id, rsdt_addr_flg");
    std::string city;
    std::vector<TownRow> towns;
    while (select.step()) {
      ++summary_.towns;
      std::string lg_code(select.column_text(0));
      if (lg_code != city) {
        if (!city.empty()) check_city_towns(city, towns);
        city = lg_code;
        towns.clear();
      }
      TownRow row{std::string(select.column_text(1)),  std::string(select.column_text(2)),
                  std::string(select.column_text(3)),  std::string(select.column_text(4)),
                  std::string(select.column_text(5)),  std::string(select.column_text(6)),
                  std::string(select.column_text(7)),  std::string(select.column_text(8)),
                  std::string(select.column_text(10)), select.column_int64(9)};
      TownEntry& entry = towns_[lg_code + row.machiaza_id];
      entry.live = entry.live || live(row.ablt_date);
      entry.placed_level = entry.placed_level || row.type == "1" || row.type == "2";
      towns.push_back(std::move(row));
    }
    if (!city.empty()) check_city_towns(city, towns);
    if (!unchecked_residence_cities_.empty())
      summary_.not_checked.push_back(
          std::to_string(unchecked_residence_cities_.size()) +
          " cities have 町字 marked 住居表示 (rsdt_addr_flg 1) but no 住居表示 file of their "
          "prefecture was built in: whether they have 住居表示 rows was not checked");
  }

  AuditRow town_row(const std::string& lg_code, const TownRow& town) const {
    return {"abr_town", lg_code + " " + town.machiaza_id + " " + town.flag,
            source_of(town.provenance_id)};
  }

  // A finding about towns (not empty) of city lg_code: it names the first
  // town's machiaza_id, counts every town and lists the first
  // options_.rows_named of them as abr_town rows.
  AuditFinding town_finding(const char* code, const std::string& lg_code,
                            const std::vector<const TownRow*>& towns, std::string subject,
                            std::string reason) const {
    assert(!towns.empty());
    AuditFinding finding{
        code,        AuditPart::abr,     lg_code,           towns.front()->machiaza_id,
        "",          std::move(subject), std::move(reason), {},
        towns.size()};
    for (const TownRow* town : towns) {
      if (finding.rows.size() == options_.rows_named) break;
      finding.rows.push_back(town_row(lg_code, *town));
    }
    return finding;
  }

  // A finding about the 町字 machiaza_id of city lg_code (or, machiaza_id
  // empty, the city itself), its subject the city's name and the 町字's code.
  AuditFinding place_finding(const char* code, const std::string& lg_code, std::string machiaza_id,
                             std::string reason, std::vector<AuditRow> rows,
                             std::uint64_t row_count) const {
    std::string subject =
        city_name(lg_code) + (machiaza_id.empty() ? "" : " machiaza_id " + machiaza_id);
    return {code,     AuditPart::abr,     lg_code,           std::move(machiaza_id),
            "",       std::move(subject), std::move(reason), std::move(rows),
            row_count};
  }

  // The checks of one city's 町字 (rows in key order): its code abolished or
  // unknown, 住居表示 without rows, the same name twice, near-duplicates.
  void check_city_towns(const std::string& lg_code, const std::vector<TownRow>& towns) {
    check_city_code(lg_code, towns);
    check_residence_flags(lg_code, towns);
    check_duplicate_names(lg_code, towns);
  }

  void check_city_code(const std::string& lg_code, const std::vector<TownRow>& towns) {
    if (!city_table_) return;  // no city of abr_city: nothing to refer to
    auto city = cities_.find(lg_code);
    const bool known = city != cities_.end() && !city->second.name.empty();
    if (known && !city->second.abolished) return;
    std::vector<const TownRow*> in_force;
    for (const TownRow& town : towns)
      if (live(town.ablt_date)) in_force.push_back(&town);
    if (in_force.empty()) return;
    const std::string count = std::to_string(in_force.size());
    report(town_finding(
        "abr-abolished-code-referenced", lg_code, in_force, known ? city->second.name : lg_code,
        known ? "the city's code " + lg_code + " is abolished (abr_city ablt_date), yet " + count +
                    " 町字 in force refer to it"
              : "no city of code " + lg_code + " is in abr_city, yet " + count +
                    " 町字 refer to it"));
  }

  void check_residence_flags(const std::string& lg_code, const std::vector<TownRow>& towns) {
    std::vector<const TownRow*> marked;
    for (const TownRow& town : towns)
      if (town.flag == "1" && live(town.ablt_date) &&
          !residence_towns_.contains(lg_code + town.machiaza_id))
        marked.push_back(&town);
    if (marked.empty()) return;
    if (residence_cities_.contains(lg_code)) {
      for (const TownRow* town : marked)
        report(town_finding(
            "abr-town-without-rsdt", lg_code, {town}, city_name(lg_code) + " " + town->name(),
            "marked 住居表示 (rsdt_addr_flg 1) but the registry holds no 住居表示 row of it, "
            "while it holds some of the city's other 町字"));
      return;
    }
    if (!residence_coverage_.covers(lg_code)) {
      unchecked_residence_cities_.insert(lg_code);
      return;
    }
    report(town_finding("abr-city-without-rsdt", lg_code, marked, city_name(lg_code),
                        std::to_string(marked.size()) +
                            " 町字 are marked 住居表示 (rsdt_addr_flg 1) but the registry holds no "
                            "住居表示 row of the city, though a 住居表示 file of its prefecture "
                            "was built in"));
  }

  void check_duplicate_names(const std::string& lg_code, const std::vector<TownRow>& towns) {
    // Live rows by exact name (and 同一町字識別情報, which tells same names apart)
    // and by near key; one id per row (the 0 and 1 rows of one id are one 町字).
    std::map<std::string, std::vector<const TownRow*>> exact, near;
    for (const TownRow& town : towns) {
      if (!live(town.ablt_date) || town.name().empty()) continue;
      auto add = [&](std::vector<const TownRow*>& list) {
        for (const TownRow* other : list)
          if (other->machiaza_id == town.machiaza_id) return;
        list.push_back(&town);
      };
      add(exact[town.name() + "\x1f" + town.dist]);
      const std::string chome = town.chome_number.empty() ? town.chome : town.chome_number;
      add(near[near_name_key(town.oaza_cho, chome, town.koaza) + "\x1f" + town.dist]);
    }
    auto emit = [&](const std::vector<const TownRow*>& list, const char* code, std::string reason) {
      report(town_finding(code, lg_code, list, city_name(lg_code) + " " + list.front()->name(),
                          std::move(reason)));
    };
    std::set<std::string> reported;  // ids already in a duplicate-name finding
    for (const auto& [name, list] : exact) {
      if (list.size() < 2) continue;
      std::string ids;
      for (const TownRow* town : list) {
        ids += (ids.empty() ? "" : ", ") + town->machiaza_id;
        reported.insert(town->machiaza_id);
      }
      emit(list, "abr-duplicate-town-name",
           "the name " + list.front()->name() + " is used by " + std::to_string(list.size()) +
               " 町字 in force of one city (machiaza_id " + ids + ")");
    }
    for (const auto& [key, list] : near) {
      if (list.size() < 2) continue;
      bool all_reported = std::all_of(list.begin(), list.end(), [&](const TownRow* town) {
        return reported.contains(town->machiaza_id);
      });
      if (all_reported) continue;
      std::string names;
      for (const TownRow* town : list)
        names += (names.empty() ? "" : ", ") + town->name() + " (" + town->machiaza_id + ")";
      emit(list, "abr-similar-town-name",
           std::to_string(list.size()) +
               " 町字 in force of one city differ only in 大字/字, "
               "width or the writing of their numerals: " +
               names);
    }
  }

  // --- rows whose 町字 is missing or abolished ---------------------------------

  void check_detail_groups() {
    if (!db_.has_table("abr_town")) {
      if (!groups_.empty())
        summary_.not_checked.push_back(
            "the registry holds no 町字 (abr_town): the 町字 of its 住居表示 and 地番 rows were "
            "not checked");
      return;
    }
    std::set<std::string> cities_with_towns;
    for (const auto& [key, entry] : towns_) cities_with_towns.insert(key.substr(0, 6));
    std::set<std::string> unchecked;
    for (const DetailGroup& group : groups_) {
      auto town = towns_.find(group.lg_code + group.machiaza_id);
      const std::string what = group.table == "abr_parcel" ? "地番" : "住居表示";
      const std::string subject = city_name(group.lg_code) + " machiaza_id " + group.machiaza_id;
      const std::string where = group.table == "abr_rsdt_blk" ? "derived = 0" : "";
      if (town == towns_.end()) {
        if (!cities_with_towns.contains(group.lg_code)) {
          unchecked.insert(group.lg_code);
          continue;
        }
        report({"abr-rows-without-town", AuditPart::abr, group.lg_code, group.machiaza_id, "",
                subject,
                std::to_string(group.rows) + " " + what + " rows (" + group.table +
                    ") refer to a 町字 the registry's abr_town does not hold, though it holds the "
                    "city's other 町字",
                rows_of(group.table, group.lg_code, group.machiaza_id, where), group.rows});
      } else if (!town->second.live && group.live_rows > 0) {
        report({"abr-rows-of-abolished-town", AuditPart::abr, group.lg_code, group.machiaza_id, "",
                subject,
                std::to_string(group.live_rows) + " " + what + " rows in force (" + group.table +
                    ", no ablt_date) belong to a 町字 that is abolished (abr_town ablt_date)",
                rows_of(group.table, group.lg_code, group.machiaza_id,
                        where.empty() ? "ablt_date IS NULL" : "ablt_date IS NULL AND " + where),
                group.live_rows});
      }
    }
    if (!unchecked.empty())
      summary_.not_checked.push_back(std::to_string(unchecked.size()) +
                                     " cities have 住居表示 or 地番 rows but no 町字 in the "
                                     "registry: the 町字 of those rows were not checked");
  }

  // --- positions --------------------------------------------------------------

  void check_town_positions() {
    if (!db_.has_table("abr_town_pos")) return;
    Statement select = db_.prepare_scan(
        "SELECT lg_code, machiaza_id, rsdt_addr_flg, rep_lon, rep_lat, provenance_id "
        "FROM abr_town_pos ORDER BY lg_code, machiaza_id, rsdt_addr_flg");
    while (select.step()) {
      const std::string lg_code(select.column_text(0));
      const std::string machiaza_id(select.column_text(1));
      positioned_towns_.insert(lg_code + machiaza_id);
      if (select.column_is_null(3) || select.column_is_null(4)) continue;
      const double lon = std::stod(std::string(select.column_text(3)));
      const double lat = std::stod(std::string(select.column_text(4)));
      ++summary_.positions;
      auto town = towns_.find(lg_code + machiaza_id);
      auto city = cities_.find(lg_code);
      const bool city_point = city != cities_.end() && city->second.has_point;
      const double km =
          city_point ? distance_km(lon, lat, city->second.lon, city->second.lat) : 0.0;
      // A 町字 point beyond the limit is no reference for the 町字's own
      // points (they are compared with the city's): one finding, not one
      // per 地番 of the 町字.
      const double limit = options_.limits.town_limit(lg_code);
      if (town != towns_.end() && !town->second.has_point && km <= limit) {
        town->second.has_point = true;
        town->second.lon = lon;
        town->second.lat = lat;
      }
      if (!city_point || km <= limit) continue;
      report(place_finding(
          "abr-position-far", lg_code, machiaza_id,
          "the 町字's point (" + std::string(select.column_text(4)) + ", " +
              std::string(select.column_text(3)) + ") is " + one_decimal(km) +
              " km from its city's point (mt_city_pos), more than " + one_decimal(limit) + " km",
          {{"abr_town_pos", lg_code + " " + machiaza_id + " " + std::string(select.column_text(2)),
            source_of(select.column_int64(5))}},
          1));
    }
  }

  void check_towns_without_position() {
    const Coverage coverage(sources_, {"abr-town-pos"});
    if (!coverage.any()) {
      if (!towns_.empty())
        summary_.not_checked.push_back(
            "no 町字 position file (mt_town_pos) was built in: 町字 without positions were not "
            "checked");
      return;
    }
    std::vector<std::string> missing;
    std::uint64_t uncovered = 0;
    for (const auto& [key, entry] : towns_) {
      if (!entry.live || !entry.placed_level) continue;
      if (!coverage.covers(std::string_view(key).substr(0, 6))) {
        ++uncovered;
      } else if (!positioned_towns_.contains(key)) {
        missing.push_back(key);
      }
    }
    if (uncovered > 0)
      summary_.not_checked.push_back(
          std::to_string(uncovered) +
          " 大字・町 and 丁目 are of prefectures whose 町字 position file (mt_town_pos) was not "
          "built in: whether they have positions was not checked");
    std::sort(missing.begin(), missing.end());
    for (const std::string& key : missing) {
      const std::string lg_code = key.substr(0, 6), machiaza_id = key.substr(6);
      std::vector<AuditRow> rows = rows_of("abr_town", lg_code, machiaza_id);
      report(place_finding(
          "abr-town-without-position", lg_code, machiaza_id,
          "a 大字・町 or 丁目 in force with no point in abr_town_pos, though a 町字 position "
          "file of its prefecture was built in",
          std::move(rows), 1));
    }
  }

  // Each point of table against its 町字's point, or its city's when the
  // 町字 has none.
  void check_point_table(const char* table_name) {
    if (!db_.has_table(table_name)) return;
    const abr::AbrTable* table = abr::find_table(table_name);
    assert(table != nullptr);
    std::string keys;
    for (auto part : table->key) keys += (keys.empty() ? "" : ", ") + std::string(part);
    const bool blocks = std::string_view(table_name) == "abr_rsdt_blk_pos";
    Statement select =
        db_.prepare_scan("SELECT " + keys + ", rep_lon, rep_lat, provenance_id FROM " + table_name +
                         (blocks ? " WHERE derived = 0" : "") + " ORDER BY " + keys);
    const int key_count = static_cast<int>(table->key.size());
    std::string town_key;
    const TownEntry* town = nullptr;
    while (select.step()) {
      if (select.column_is_null(key_count) || select.column_is_null(key_count + 1)) continue;
      ++summary_.positions;
      const std::string_view lg_code = select.column_text(0);
      const std::string_view machiaza_id = select.column_text(1);
      if (town_key.size() != 13 || town_key.compare(0, 6, lg_code) != 0 ||
          town_key.compare(6, std::string::npos, machiaza_id) != 0) {
        town_key = std::string(lg_code) + std::string(machiaza_id);
        auto found = towns_.find(town_key);
        town = found == towns_.end() ? nullptr : &found->second;
      }
      const double lon = std::stod(std::string(select.column_text(key_count)));
      const double lat = std::stod(std::string(select.column_text(key_count + 1)));
      double km = 0, limit = 0;
      std::string from;
      if (town != nullptr && town->has_point) {
        km = distance_km(lon, lat, town->lon, town->lat);
        limit = options_.limits.point_from_town_km;
        from = "its 町字's point (abr_town_pos)";
      } else {
        auto city = cities_.find(std::string(lg_code));
        if (city == cities_.end() || !city->second.has_point) continue;
        km = distance_km(lon, lat, city->second.lon, city->second.lat);
        limit = options_.limits.town_limit(city->first);
        from = "its city's point (mt_city_pos; its 町字 has none)";
      }
      if (km <= limit) continue;
      std::vector<std::string> parts;
      for (int i = 0; i < key_count; ++i) parts.emplace_back(select.column_text(i));
      report(place_finding(
          "abr-position-far", std::string(lg_code), std::string(machiaza_id),
          "the point (" + std::string(select.column_text(key_count + 1)) + ", " +
              std::string(select.column_text(key_count)) + ") is " + one_decimal(km) + " km from " +
              from + ", more than " + one_decimal(limit) + " km",
          {{table_name, joined_key(parts), source_of(select.column_int64(key_count + 2))}}, 1));
    }
  }

  // The positions the build found with longitude and latitude swapped and
  // put right (abr_row_store.cpp records each in abr_position_swap).
  void check_swapped_positions() {
    if (!db_.has_table("abr_position_swap")) return;
    Statement select = db_.prepare(
        "SELECT table_name, row_key, lg_code, machiaza_id, line, provenance_id "
        "FROM abr_position_swap ORDER BY provenance_id, line");
    while (select.step()) {
      const std::string lg_code(select.column_text(2));
      const std::string source = source_of(select.column_int64(5));
      report(place_finding(
          "abr-position-swapped", lg_code, std::string(select.column_text(3)),
          "the source gives this point's longitude and latitude swapped (line " +
              std::string(select.column_text(4)) + " of its file); the registry holds it put right",
          {{std::string(select.column_text(0)), std::string(select.column_text(1)), source}}, 1));
    }
  }

  // Rows whose key the registry held already with other values (abr_row_store.cpp
  // keeps the first and records the other in abr_conflicting_row).
  void check_conflicting_rows() {
    if (!db_.has_table("abr_conflicting_row")) return;
    Statement select = db_.prepare(
        "SELECT table_name, row_key, lg_code, machiaza_id, line, provenance_id, "
        "kept_provenance_id, differences FROM abr_conflicting_row ORDER BY provenance_id, line");
    while (select.step()) {
      const std::string lg_code(select.column_text(2));
      const std::string machiaza_id(select.column_text(3));
      const std::string table(select.column_text(0));
      const std::string key(select.column_text(1));
      report(place_finding(
          "abr-conflicting-rows", lg_code, machiaza_id,
          "the key is given twice with different values (" + std::string(select.column_text(7)) +
              ": kept / skipped); the build kept the " + "first, skipped line " +
              std::string(select.column_text(4)) + " of " + source_of(select.column_int64(5)),
          {{table, key, source_of(select.column_int64(6))},
           {table, key, source_of(select.column_int64(5))}},
          2));
    }
  }

  // --- dates ------------------------------------------------------------------

  void check_dates(const char* table_name) {
    if (!db_.has_table(table_name)) return;
    const abr::AbrTable* table = abr::find_table(table_name);
    assert(table != nullptr);
    std::string keys;
    for (auto part : table->key) keys += (keys.empty() ? "" : ", ") + std::string(part);
    const bool blocks = std::string_view(table_name) == "abr_rsdt_blk";
    Statement select = db_.prepare_scan(
        "SELECT " + keys + ", efct_date, ablt_date, provenance_id FROM " + table_name +
        " WHERE ablt_date IS NOT NULL AND ablt_date <> '' AND efct_date IS NOT NULL AND "
        "efct_date > ablt_date" +
        (blocks ? " AND derived = 0" : "") + " ORDER BY " + keys);
    const int key_count = static_cast<int>(table->key.size());
    const bool has_town =
        std::find(table->key.begin(), table->key.end(), "machiaza_id") != table->key.end();
    while (select.step()) {
      std::vector<std::string> parts;
      for (int i = 0; i < key_count; ++i) parts.emplace_back(select.column_text(i));
      const std::string lg_code = parts[0];
      const std::string machiaza_id = has_town ? parts[1] : "";
      report({"abr-dates-out-of-order",
              AuditPart::abr,
              lg_code,
              machiaza_id,
              "",
              city_name(lg_code) + (machiaza_id.empty() ? "" : " machiaza_id " + machiaza_id),
              "takes effect (efct_date " + std::string(select.column_text(key_count)) +
                  ") after it was abolished (ablt_date " +
                  std::string(select.column_text(key_count + 1)) + ")",
              {{table_name, joined_key(parts), source_of(select.column_int64(key_count + 2))}},
              1});
    }
  }

  // --- 法人番号 ------------------------------------------------------------------

  void check_houjin() {
    {
      Statement count = db_.prepare("SELECT COUNT(*) FROM corporation");
      if (count.step()) summary_.corporations = static_cast<std::uint64_t>(count.column_int64(0));
    }
    const HoujinHoldings holdings = houjin_holdings(sources_);
    summary_.houjin_sources = holdings.bulk_files + holdings.diff_files + holdings.other_files;
    check_closed_without_date();
    if (holdings.holding == HoujinHolding::complete) {
      check_missing_successors();
    } else {
      summary_.not_checked.push_back(
          "the registry's 法人番号 data is " + std::string(holding_name(holdings.holding)) +
          ", not a complete 全件 file: successors it does not hold may exist, so they were not "
          "checked");
    }
    check_diff_order();
  }

  AuditRow corporation_row(std::string_view number, std::int64_t provenance_id) const {
    return {"corporation", std::string(number), source_of(provenance_id)};
  }

  void check_missing_successors() {
    Statement select = db_.prepare_scan(
        "SELECT c.corporate_number, c.successor_corporate_number, c.name, c.provenance_id "
        "FROM corporation c WHERE c.successor_corporate_number IS NOT NULL AND "
        "c.successor_corporate_number <> '' AND NOT EXISTS (SELECT 1 FROM corporation s "
        "WHERE s.corporate_number = CAST(c.successor_corporate_number AS BIGINT)) "
        "ORDER BY c.corporate_number");
    while (select.step()) {
      const std::string number(select.column_text(0));
      report({"houjin-successor-missing",
              AuditPart::houjin,
              "",
              "",
              number,
              number + " " + std::string(select.column_text(2)),
              "its successor (successorCorporateNumber) " + std::string(select.column_text(1)) +
                  " is not in the registry, which holds a complete 全件 file",
              {corporation_row(number, select.column_int64(3))},
              1});
    }
  }

  void check_closed_without_date() {
    Statement select = db_.prepare_scan(
        "SELECT corporate_number, close_cause, process, name, provenance_id FROM corporation "
        "WHERE (close_date IS NULL OR close_date = '') AND ((close_cause IS NOT NULL AND "
        "close_cause <> '') OR process = '21') ORDER BY corporate_number");
    while (select.step()) {
      const std::string number(select.column_text(0));
      const std::string cause(select.column_text(1));
      report({"houjin-closed-without-date",
              AuditPart::houjin,
              "",
              "",
              number,
              number + " " + std::string(select.column_text(3)),
              cause.empty()
                  ? "closed (process 21, 登記記録の閉鎖等) without a close date (closeDate)"
                  : "closed (closeCause " + cause + ") without a close date (closeDate)",
              {corporation_row(number, select.column_int64(4))},
              1});
    }
  }

  // The 法人番号 files in the order they were applied (provenance id): a
  // file whose data date is before one applied earlier was applied out of
  // order (registry update --allow-out-of-order, or a build given them so).
  void check_diff_order() {
    const Provenance* newest = nullptr;
    for (const Provenance& source : sources_) {
      if (!source.source_kind.starts_with("houjin-") || source.data_date.empty()) continue;
      const HoujinFile file = houjin_file(source.source_file);
      if (newest != nullptr && file.kind == HoujinFileKind::diff &&
          source.data_date < newest->data_date) {
        const std::string name = source_file_name(source.source_file);
        report({"houjin-diff-out-of-order",
                AuditPart::houjin,
                "",
                "",
                "",
                name,
                "the diff of " + source.data_date + " was applied after " +
                    source_file_name(newest->source_file) + " of " + newest->data_date +
                    ": its changes may have overwritten newer ones",
                {{"provenance", std::to_string(source.id), name},
                 {"provenance", std::to_string(newest->id), source_file_name(newest->source_file)}},
                2});
      }
      if (newest == nullptr || source.data_date > newest->data_date) newest = &source;
    }
  }

  RegistryDb& db_;
  const AuditOptions& options_;
  const FindingSink& sink_;
  const std::vector<Provenance> sources_;
  const Coverage residence_coverage_{sources_, {"abr-rsdt", "abr-rsdt-blk"}};
  std::map<std::int64_t, std::string> source_names_;
  std::map<std::string, CityEntry> cities_;
  bool city_table_ = false;  // abr_city holds a city (else no code is unknown)
  std::vector<DetailGroup> groups_;
  std::unordered_set<std::string> residence_towns_;  // lg_code + machiaza_id
  std::set<std::string> residence_cities_;
  std::set<std::string> unchecked_residence_cities_;
  std::unordered_map<std::string, TownEntry> towns_;  // lg_code + machiaza_id
  std::unordered_set<std::string> positioned_towns_;
  AuditSummary summary_;
};

}  // namespace

AuditSummary audit_registry(RegistryDb& db, const AuditOptions& options,
                            const FindingSink& on_finding) {
  assert(options.rows_named > 0);
  ReadTransaction read(db);
  return Auditor(db, options, on_finding).run();
}

}  // namespace gifkit::registries::audit
