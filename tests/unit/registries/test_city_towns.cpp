// test_city_towns.cpp — abr_city_towns, the derived table of each city's
// 町字: it holds for every city of the real ABR areas what abr_town and
// abr_town_pos give for it (the same 町字, names, readings, flags, points,
// order), each 町字 with what find_town_parts reads for it and its row of
// abr_town_numbers, its packing reads back as written (and a packing of
// before the parts were carried still does), and bytes that are not a
// packing are refused with the city named.
// room: abr
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

#include "abr_test_support.hpp"
#include "registries/abr/abr_lookup.hpp"
#include "registries/abr/city_towns.hpp"
#include "registries/abr/packing.hpp"

namespace {

namespace abr = gifkit::registries::abr;
using gifkit::registries::RegistryDb;
using gifkit::registries::RegistryError;
using gifkit::registries::Statement;

bool same_point(const abr::AbrPoint& a, const abr::AbrPoint& b) {
  return a.known == b.known && std::memcmp(&a.lon, &b.lon, sizeof(double)) == 0 &&
         std::memcmp(&a.lat, &b.lat, sizeof(double)) == 0;
}

// Equal 町字 by 町字: every field the normalizer reads.
bool same_towns(const abr::CityTowns& a, const abr::CityTowns& b) {
  if (a.residences != b.residences || a.parcels != b.parcels || a.towns.size() != b.towns.size())
    return false;
  for (std::size_t i = 0; i < a.towns.size(); ++i) {
    const abr::TownRow &x = a.towns[i], &y = b.towns[i];
    if (x.town.machiaza_id != y.town.machiaza_id || x.town.oaza_cho != y.town.oaza_cho ||
        x.town.chome != y.town.chome || x.town.koaza != y.town.koaza ||
        x.town.residential != y.town.residential || x.town.parcels != y.town.parcels ||
        !same_point(x.town.point, y.town.point) || x.oaza_cho_kana != y.oaza_cho_kana ||
        x.town_kana_key != y.town_kana_key)
      return false;
  }
  return true;
}

// Equal parts and numbers rows, 町字 by 町字 (what the tables' read does
// not give).
bool same_parts(const abr::CityTowns& a, const abr::CityTowns& b) {
  for (std::size_t i = 0; i < a.towns.size() && i < b.towns.size(); ++i) {
    const abr::AbrTown &x = a.towns[i].town, &y = b.towns[i].town;
    if (x.parts_known != y.parts_known || x.chome_number != y.chome_number ||
        x.post_code != y.post_code || x.numbers_row != y.numbers_row)
      return false;
  }
  return a.towns.size() == b.towns.size();
}

// A city packed as abr_city_towns was before it carried the parts (first
// byte 0 or 1, no texts after the point).
std::string pack_without_parts(const abr::CityTowns& city) {
  namespace packing = abr::packing;
  std::string out(1, city.numbered() ? '\x01' : '\x00');
  packing::put(out, static_cast<std::uint32_t>(city.towns.size()));
  for (const abr::TownRow& row : city.towns) {
    for (const std::string* text : {&row.town.machiaza_id, &row.town.oaza_cho, &row.town.chome,
                                    &row.town.koaza, &row.oaza_cho_kana, &row.town_kana_key})
      packing::put_text(out, *text);
    out.push_back(static_cast<char>((row.town.residential ? 1 : 0) | (row.town.parcels ? 2 : 0) |
                                    (row.town.point.known ? 4 : 0)));
    packing::put(out, row.town.point.lon);
    packing::put(out, row.town.point.lat);
  }
  return out;
}

}  // namespace

TEST_CASE("city towns 1: abr_city_towns holds what abr_town gives, city by city", "[city_towns]") {
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  REQUIRE(abr::has_city_towns(db));
  Statement cities = db.prepare("SELECT DISTINCT lg_code FROM abr_town ORDER BY 1");
  std::size_t checked = 0, towns = 0, differing = 0, numbered = 0, with_points = 0;
  std::size_t wrong_parts = 0, wrong_rows = 0, parts_known = 0, with_numbers = 0;
  while (cities.step()) {
    const std::string lg_code(cities.column_text(0));
    const abr::CityTowns expected = abr::read_city_towns_from_tables(db, lg_code);
    const std::optional<abr::CityTowns> derived = abr::read_city_towns(db, lg_code);
    REQUIRE(derived);
    if (!same_towns(expected, *derived) && ++differing <= 5) UNSCOPED_INFO("differs: " << lg_code);
    towns += derived->towns.size();
    numbered += derived->numbered() ? 1 : 0;
    for (const auto& row : derived->towns) {
      const abr::AbrTown& town = row.town;
      with_points += town.point.known ? 1 : 0;
      // The parts it carries are find_town_parts's answer.
      const auto parts = abr::find_town_parts(db, lg_code, town.machiaza_id);
      REQUIRE(parts);
      const bool same_names = parts->oaza_cho == town.oaza_cho && parts->chome == town.chome &&
                              parts->koaza == town.koaza;
      if (town.parts_known != same_names ||
          (town.parts_known &&
           (parts->chome_number != town.chome_number || parts->post_code != town.post_code)))
        ++wrong_parts;
      parts_known += town.parts_known ? 1 : 0;
      // Its numbers row is the row of its key, or none when it has none.
      Statement by_key =
          db.prepare("SELECT id FROM abr_town_numbers WHERE lg_code = ?1 AND machiaza_id = ?2");
      by_key.bind_text(1, lg_code);
      by_key.bind_text(2, town.machiaza_id);
      const std::int64_t row_id = by_key.step() ? by_key.column_int64(0) : abr::kNoNumbersRow;
      if (town.numbers_row != row_id) ++wrong_rows;
      with_numbers += row_id > 0 ? 1 : 0;
    }
    ++checked;
  }
  CHECK(differing == 0);
  CHECK(wrong_parts == 0);
  CHECK(wrong_rows == 0);
  CHECK(parts_known == towns);  // the real areas' two rows of a 町字 agree on its names
  CHECK(with_numbers > 0);
  CHECK(with_numbers < towns);  // 町字 with nothing numbered are said so
  // The real areas: the 町字 of 和歌山県's 30 cities, 文京区 and 屋久島町 (the
  // national folder has none), abolished ones left out; 1,919 with a point.
  CHECK(checked == 32);
  CHECK(towns == 4876);
  CHECK(numbered >= 3);
  CHECK(with_points == 1919);
  Statement rows = db.prepare("SELECT count(*) FROM abr_city_towns");
  REQUIRE(rows.step());
  CHECK(static_cast<std::size_t>(rows.column_int64(0)) == checked);
  bool recorded = false;
  for (const auto& source : db.provenance()) {
    if (source.source_kind != "abr-city-towns") continue;
    recorded = true;
    CHECK(source.table_name == "abr_city_towns");
    CHECK(source.row_count == static_cast<std::int64_t>(checked));
  }
  CHECK(recorded);
  // A city without a 町字 has no row; its read falls to the tables.
  CHECK_FALSE(abr::read_city_towns(db, "000000"));
  // Found through the index of the key, not a search over whole rows.
  Statement plan =
      db.prepare("EXPLAIN QUERY PLAN SELECT towns FROM abr_city_towns WHERE lg_code = '302015'");
  std::string details;
  while (plan.step()) details += std::string(plan.column_text(3)) + "\n";
  CHECK_THAT(details, Catch::Contains("abr_city_towns_by_city"));
}

TEST_CASE("city towns 2: a packing reads back; bytes that are not one are refused",
          "[city_towns]") {
  abr::CityTowns city;
  city.residences = true;
  city.parcels = true;
  abr::TownRow first;
  first.town.machiaza_id = "0001001";
  first.town.oaza_cho = "白山";
  first.town.chome = "一丁目";
  first.town.residential = true;
  first.town.point = abr::AbrPoint{139.75, 35.72, true};
  first.oaza_cho_kana = "ハクサン";
  first.town_kana_key = "ハクサン1";
  first.town.parts_known = true;
  first.town.chome_number = "1";
  first.town.post_code = "1120001";
  first.town.numbers_row = 42;
  abr::TownRow nameless;  // 0000000, no names, no point, 地番, parts unknown
  nameless.town.machiaza_id = "0000000";
  nameless.town.parcels = true;
  nameless.town.numbers_row = abr::kNoNumbersRow;
  city.towns = {first, nameless};
  const std::string packed = abr::pack_city_towns(city);
  const std::optional<abr::CityTowns> back = abr::unpack_city_towns(packed);
  REQUIRE(back);
  CHECK(same_towns(city, *back));
  CHECK(same_parts(city, *back));
  CHECK(abr::pack_city_towns(*back) == packed);
  // A row packed before the parts were carried reads as the same 町字, the
  // parts unknown and the numbers row to be looked up by the key.
  const std::optional<abr::CityTowns> older = abr::unpack_city_towns(pack_without_parts(city));
  REQUIRE(older);
  CHECK(same_towns(city, *older));
  for (const abr::TownRow& row : older->towns) {
    CHECK_FALSE(row.town.parts_known);
    CHECK(row.town.numbers_row == abr::kNumbersRowUnknown);
  }
  std::string older_with_parts_flag = pack_without_parts(city);
  older_with_parts_flag[older_with_parts_flag.size() - 2 * sizeof(double) - 1] = '\x08';
  // An empty city (every 町字 abolished) packs too.
  REQUIRE(abr::unpack_city_towns(abr::pack_city_towns({})));
  CHECK(abr::unpack_city_towns(abr::pack_city_towns({}))->towns.empty());
  // The nameless 町字's tail: flags, lon, lat, two empty texts, its row.
  const std::size_t nameless_tail =
      1 + 2 * sizeof(double) + 2 * sizeof(std::uint16_t) + sizeof(std::int64_t);
  std::string bad_flags = packed;
  bad_flags[packed.size() - nameless_tail] = '\x10';
  std::string bad_row = packed;  // -2: neither an id nor a known mark
  bad_row.replace(packed.size() - sizeof(std::int64_t), sizeof(std::int64_t),
                  std::string("\xFE\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8));
  std::string huge_count = packed;
  huge_count[1] = '\xFF';
  std::string bad_first = packed;
  bad_first[0] = '\x04';
  for (const std::string& bad : {std::string(), packed.substr(0, 4), packed.substr(0, 20),
                                 packed.substr(0, packed.size() - 1), packed + "x", bad_flags,
                                 bad_row, huge_count, bad_first, older_with_parts_flag})
    CHECK_FALSE(abr::unpack_city_towns(bad));
}

TEST_CASE("city towns 2b: a city's 住居表示 and 地番 are held apart, an older packing as both",
          "[city_towns]") {
  abr::CityTowns city;  // 住居表示 held, 地番 not (a registry without the city's parcel file)
  city.residences = true;
  abr::TownRow town;
  town.town.machiaza_id = "0001001";
  town.town.oaza_cho = "白山";
  town.town.residential = true;
  city.towns = {town};
  const std::string packed = abr::pack_city_towns(city);
  const std::optional<abr::CityTowns> back = abr::unpack_city_towns(packed);
  REQUIRE(back);
  CHECK(back->residences);
  CHECK_FALSE(back->parcels);
  // Packed before the kinds were told apart: numbered reads as both held.
  const std::optional<abr::CityTowns> older = abr::unpack_city_towns(pack_without_parts(city));
  REQUIRE(older);
  CHECK(older->residences);
  CHECK(older->parcels);
  // Kinds that contradict the numbered flag are no packing.
  std::string contradicting = packed;
  contradicting[0] = static_cast<char>(contradicting[0] & ~1);
  CHECK_FALSE(abr::unpack_city_towns(contradicting));
}

TEST_CASE("city towns 3: a row that is not a packing is an error naming the city and the fix",
          "[city_towns][failure]") {
  registry_test::ScratchDir dir;
  const auto copy = dir / "broken.sqlite";
  std::filesystem::copy_file(abr_test::real_abr_registry(), copy);
  {
    auto db = RegistryDb::open_existing(copy, false);
    db.execute("UPDATE abr_city_towns SET towns = x'0001' WHERE lg_code = '302015'");
  }
  auto db = RegistryDb::open_existing(copy);
  CHECK(abr::read_city_towns(db, "131059"));
  try {
    abr::read_city_towns(db, "302015");
    FAIL("no error");
  } catch (const RegistryError& error) {
    CHECK_THAT(error.what(), Catch::Contains(copy.string()) && Catch::Contains("302015") &&
                                 Catch::Contains("abr_city_towns") &&
                                 Catch::Contains("registry build"));
  }
}
