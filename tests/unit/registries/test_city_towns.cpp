// test_city_towns.cpp — abr_city_towns, the derived table of each city's
// 町字: it holds for every city of the real ABR areas what abr_town and
// abr_town_pos give for it (the same 町字, names, readings, flags, points,
// order), its packing reads back as written, and bytes that are not a
// packing are refused with the city named.
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

#include "abr_test_support.hpp"
#include "registries/abr/city_towns.hpp"

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
  if (a.numbered != b.numbered || a.towns.size() != b.towns.size()) return false;
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

}  // namespace

TEST_CASE("city towns 1: abr_city_towns holds what abr_town gives, city by city", "[city_towns]") {
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  REQUIRE(abr::has_city_towns(db));
  Statement cities = db.prepare("SELECT DISTINCT lg_code FROM abr_town ORDER BY 1");
  std::size_t checked = 0, towns = 0, differing = 0, numbered = 0, with_points = 0;
  while (cities.step()) {
    const std::string lg_code(cities.column_text(0));
    const abr::CityTowns expected = abr::read_city_towns_from_tables(db, lg_code);
    const std::optional<abr::CityTowns> derived = abr::read_city_towns(db, lg_code);
    REQUIRE(derived);
    if (!same_towns(expected, *derived) && ++differing <= 5) UNSCOPED_INFO("differs: " << lg_code);
    towns += derived->towns.size();
    numbered += derived->numbered ? 1 : 0;
    for (const auto& row : derived->towns) with_points += row.town.point.known ? 1 : 0;
    ++checked;
  }
  CHECK(differing == 0);
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
  city.numbered = true;
  abr::TownRow first;
  first.town.machiaza_id = "0001001";
  first.town.oaza_cho = "白山";
  first.town.chome = "一丁目";
  first.town.residential = true;
  first.town.point = abr::AbrPoint{139.75, 35.72, true};
  first.oaza_cho_kana = "ハクサン";
  first.town_kana_key = "ハクサン1";
  abr::TownRow nameless;  // 0000000, no names, no point, 地番
  nameless.town.machiaza_id = "0000000";
  nameless.town.parcels = true;
  city.towns = {first, nameless};
  const std::string packed = abr::pack_city_towns(city);
  const std::optional<abr::CityTowns> back = abr::unpack_city_towns(packed);
  REQUIRE(back);
  CHECK(same_towns(city, *back));
  CHECK(abr::pack_city_towns(*back) == packed);
  // An empty city (every 町字 abolished) packs too.
  REQUIRE(abr::unpack_city_towns(abr::pack_city_towns({})));
  CHECK(abr::unpack_city_towns(abr::pack_city_towns({}))->towns.empty());
  std::string bad_flags = packed;
  bad_flags[packed.size() - 2 * sizeof(double) - 1] = '\x08';
  std::string huge_count = packed;
  huge_count[1] = '\xFF';
  std::string bad_numbered = packed;
  bad_numbered[0] = '\x02';
  for (const std::string& bad :
       {std::string(), packed.substr(0, 4), packed.substr(0, 20),
        packed.substr(0, packed.size() - 1), packed + "x", bad_flags, huge_count, bad_numbered})
    CHECK_FALSE(abr::unpack_city_towns(bad));
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
