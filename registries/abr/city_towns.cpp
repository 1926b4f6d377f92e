// city_towns.cpp — a city's 町字 read from abr_town and abr_town_pos
// (read_city_towns_from_tables) or from the derived abr_city_towns, and that
// table written at build from the former. See city_towns.hpp.
#include "registries/abr/city_towns.hpp"

#include <cassert>
#include <unordered_map>

#include "registries/abr/abr_import.hpp"
#include "registries/abr/packing.hpp"

namespace gifkit::registries::abr {

namespace {

using packing::put;
using packing::put_text;
using packing::take;
using packing::take_text;

// The first byte of a packed city: kNumbered (a block or a parcel), and
// since kCarriesKinds which of them (a packing without it: both, as read).
constexpr std::uint8_t kNumbered = 1, kCarriesParts = 2, kResidencesHeld = 4, kParcelsHeld = 8,
                       kCarriesKinds = 16;

// Flags of a packed 町字.
constexpr std::uint8_t kResidential = 1, kParcels = 2, kPointKnown = 4, kPartsKnown = 8;

// The bytes after the texts of a packed 町字: flags, lon, lat.
constexpr std::size_t kPackedTownTail = 1 + 2 * sizeof(double);

// Gives city's 町字 (read by read_city_towns_from_tables) what
// find_town_parts would read for them and their rows of abr_town_numbers
// (which db holds): two queries for the whole city.
void add_parts_and_numbers_rows(const RegistryDb& db, std::string_view lg_code, CityTowns& city) {
  std::unordered_map<std::string_view, AbrTown*> town_of_id;
  for (TownRow& row : city.towns) town_of_id.emplace(row.town.machiaza_id, &row.town);
  // Each 町字's rows as find_town_parts orders them: its first row is the one
  // it reads (abolished rows too).
  Statement parts = db.prepare(
      "SELECT machiaza_id, oaza_cho, chome, chome_number, koaza, post_code FROM abr_town WHERE "
      "lg_code = ?1 ORDER BY machiaza_id, rsdt_addr_flg DESC");
  parts.bind_text(1, lg_code);
  std::string previous;
  bool first = true;
  while (parts.step()) {
    const std::string_view id = parts.column_text(0);
    if (!first && id == previous) continue;
    first = false;
    previous = id;
    auto found = town_of_id.find(id);
    if (found == town_of_id.end()) continue;  // abolished: not one of the city's 町字
    AbrTown& town = *found->second;
    // Known only when the names are those the 町字 holds (two rows of one
    // 町字 may differ): else the caller asks the tables.
    town.parts_known = parts.column_text(1) == town.oaza_cho &&
                       parts.column_text(2) == town.chome && parts.column_text(4) == town.koaza;
    town.chome_number = parts.column_text(3);
    town.post_code = parts.column_text(5);
  }
  for (TownRow& row : city.towns) row.town.numbers_row = kNoNumbersRow;
  Statement rows = db.prepare("SELECT machiaza_id, id FROM abr_town_numbers WHERE lg_code = ?1");
  rows.bind_text(1, lg_code);
  while (rows.step()) {
    auto found = town_of_id.find(rows.column_text(0));
    if (found != town_of_id.end()) found->second->numbers_row = rows.column_int64(1);
  }
}

}  // namespace

CityTowns read_city_towns_from_tables(const RegistryDb& db, std::string_view lg_code) {
  CityTowns city;
  Statement towns = db.prepare(
      "SELECT t.machiaza_id, t.oaza_cho, t.chome, t.koaza, t.rsdt_addr_flg, p.rep_lon, "
      "p.rep_lat, t.oaza_cho_kana, t.town_kana_key FROM abr_town t LEFT JOIN abr_town_pos p ON "
      "p.lg_code = t.lg_code AND p.machiaza_id = t.machiaza_id "
      "WHERE t.lg_code = ?1 AND (t.ablt_date IS NULL OR t.ablt_date = '') "
      "ORDER BY t.machiaza_id, CASE WHEN p.rsdt_addr_flg = t.rsdt_addr_flg THEN 0 ELSE 1 END");
  towns.bind_text(1, lg_code);
  std::unordered_map<std::string, std::size_t> town_of_id;
  while (towns.step()) {
    std::string id(towns.column_text(0));
    auto [it, added] = town_of_id.emplace(id, city.towns.size());
    if (added) {
      TownRow row;
      row.town.machiaza_id = std::move(id);
      row.town.oaza_cho = towns.column_text(1);
      row.town.chome = towns.column_text(2);
      row.town.koaza = towns.column_text(3);
      row.town.point = read_point(towns, 5, 6);
      row.oaza_cho_kana = towns.column_text(7);
      row.town_kana_key = towns.column_text(8);
      city.towns.push_back(std::move(row));
    }
    AbrTown& town = city.towns[it->second].town;
    (towns.column_text(4) == "1" ? town.residential : town.parcels) = true;
    if (!town.point.known) town.point = read_point(towns, 5, 6);
  }
  if (city.towns.empty()) return city;
  // Whether any of its 町字 has a block, and any a parcel (the first row decides).
  Statement numbered = db.prepare(
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM abr_rsdt_blk b JOIN abr_town t ON t.lg_code = "
      "b.lg_code AND t.machiaza_id = b.machiaza_id WHERE b.lg_code = ?1 AND (t.ablt_date IS NULL "
      "OR t.ablt_date = '')) THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM abr_parcel b "
      "JOIN abr_town t ON t.lg_code = b.lg_code AND t.machiaza_id = b.machiaza_id WHERE "
      "b.lg_code = ?1 AND (t.ablt_date IS NULL OR t.ablt_date = '')) THEN 1 ELSE 0 END");
  numbered.bind_text(1, lg_code);
  if (numbered.step()) {
    city.residences = numbered.column_text(0) == "1";
    city.parcels = numbered.column_text(1) == "1";
  }
  return city;
}

bool has_city_towns(const RegistryDb& db) {
  return db.has_table(kCityTownsTable);
}

std::string pack_city_towns(const CityTowns& city) {
  std::string out;
  out.push_back(static_cast<char>((city.numbered() ? kNumbered : 0) | kCarriesParts |
                                  kCarriesKinds | (city.residences ? kResidencesHeld : 0) |
                                  (city.parcels ? kParcelsHeld : 0)));
  put(out, static_cast<std::uint32_t>(city.towns.size()));
  for (const TownRow& row : city.towns) {
    const AbrTown& town = row.town;
    for (const std::string* text : {&town.machiaza_id, &town.oaza_cho, &town.chome, &town.koaza,
                                    &row.oaza_cho_kana, &row.town_kana_key})
      put_text(out, *text);
    out.push_back(static_cast<char>(
        (town.residential ? kResidential : 0) | (town.parcels ? kParcels : 0) |
        (town.point.known ? kPointKnown : 0) | (town.parts_known ? kPartsKnown : 0)));
    put(out, town.point.lon);
    put(out, town.point.lat);
    put_text(out, town.chome_number);
    put_text(out, town.post_code);
    put(out, town.numbers_row);
  }
  return out;
}

std::optional<CityTowns> unpack_city_towns(std::string_view packed) {
  const char* at = packed.data();
  const char* const end = packed.data() + packed.size();
  if (packed.size() < 1 + sizeof(std::uint32_t) ||
      static_cast<std::uint8_t>(*at) >
          (kNumbered | kCarriesParts | kResidencesHeld | kParcelsHeld | kCarriesKinds))
    return std::nullopt;
  CityTowns city;
  const auto first = static_cast<std::uint8_t>(*at++);
  if ((first & kCarriesKinds) != 0) {
    city.residences = (first & kResidencesHeld) != 0;
    city.parcels = (first & kParcelsHeld) != 0;
    if (city.numbered() != ((first & kNumbered) != 0)) return std::nullopt;
  } else {
    if ((first & (kResidencesHeld | kParcelsHeld)) != 0) return std::nullopt;
    city.residences = city.parcels = (first & kNumbered) != 0;
  }
  const bool carries_parts = (first & kCarriesParts) != 0;
  const std::uint32_t count = take<std::uint32_t>(at);
  // Each 町字 takes at least its six lengths and its tail.
  if (count > packed.size() / (6 * sizeof(std::uint16_t) + kPackedTownTail)) return std::nullopt;
  city.towns.resize(count);
  for (TownRow& row : city.towns) {
    AbrTown& town = row.town;
    for (std::string* text : {&town.machiaza_id, &town.oaza_cho, &town.chome, &town.koaza,
                              &row.oaza_cho_kana, &row.town_kana_key})
      if (!take_text(at, end, *text)) return std::nullopt;
    if (static_cast<std::size_t>(end - at) < kPackedTownTail) return std::nullopt;
    const auto flags = static_cast<std::uint8_t>(*at++);
    if (flags > (kResidential | kParcels | kPointKnown | (carries_parts ? kPartsKnown : 0)))
      return std::nullopt;
    town.residential = (flags & kResidential) != 0;
    town.parcels = (flags & kParcels) != 0;
    town.point.known = (flags & kPointKnown) != 0;
    town.point.lon = take<double>(at);
    town.point.lat = take<double>(at);
    if (!carries_parts) continue;
    town.parts_known = (flags & kPartsKnown) != 0;
    if (!take_text(at, end, town.chome_number) || !take_text(at, end, town.post_code) ||
        static_cast<std::size_t>(end - at) < sizeof(std::int64_t))
      return std::nullopt;
    town.numbers_row = take<std::int64_t>(at);
    if (town.numbers_row < kNoNumbersRow) return std::nullopt;
  }
  if (at != end) return std::nullopt;
  return city;
}

std::optional<CityTowns> read_city_towns(const RegistryDb& db, std::string_view lg_code) {
  Statement row = db.prepare("SELECT towns FROM abr_city_towns WHERE lg_code = ?1");
  row.bind_text(1, lg_code);
  if (!row.step()) return std::nullopt;
  std::optional<CityTowns> city = unpack_city_towns(row.column_blob(0));
  if (!city)
    throw RegistryError(db.path().string() + ", city " + std::string(lg_code) +
                        ": abr_city_towns holds bytes that are not a city's 町字 (rebuild the "
                        "registry with `gifkit registry build`)");
  return city;
}

std::optional<Provenance> build_city_towns(RegistryDb& db) {
  assert(db.in_transaction());
  // A rowid table and an index of the key, as abr_town_numbers (a search of
  // a WITHOUT ROWID table reads whole rows at each comparison).
  db.execute(
      "DROP TABLE IF EXISTS abr_city_towns;"
      "CREATE TABLE abr_city_towns (id INTEGER PRIMARY KEY, lg_code TEXT NOT NULL, "
      "towns BLOB NOT NULL);"
      "DELETE FROM provenance WHERE source_kind = 'abr-city-towns'");
  std::vector<std::string> cities;
  {
    Statement select = db.prepare("SELECT DISTINCT lg_code FROM abr_town ORDER BY 1");
    while (select.step()) cities.emplace_back(select.column_text(0));
  }
  Statement insert = db.prepare("INSERT INTO abr_city_towns (lg_code, towns) VALUES (?1, ?2)");
  for (const std::string& city : cities) {
    insert.bind_text(1, city);
    CityTowns towns = read_city_towns_from_tables(db, city);
    add_parts_and_numbers_rows(db, city, towns);
    insert.bind_blob(2, pack_city_towns(towns));
    insert.run_and_reset();
  }
  // Made after the rows, which came in its order.
  db.execute("CREATE UNIQUE INDEX abr_city_towns_by_city ON abr_city_towns (lg_code)");
  if (cities.empty()) return std::nullopt;
  return record_derived_table(db, "abr_town and abr_town_pos", "abr-city-towns", kCityTownsTable,
                              static_cast<std::int64_t>(cities.size()));
}

}  // namespace gifkit::registries::abr
