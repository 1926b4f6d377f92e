// test_numbered_places.cpp — abr_town_numbers, the derived table of each
// 町字's numbered places: it holds for every 町字 of the real ABR areas what
// the ABR tables give for it (the same places, numbers, points, order), its
// packing reads back as written, and bytes that are not a packing are
// refused with the 町字 named.
// room: abr
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "abr_test_support.hpp"
#include "registries/abr/numbered_places.hpp"

namespace {

namespace abr = gifkit::registries::abr;
using gifkit::registries::RegistryDb;
using gifkit::registries::RegistryError;
using gifkit::registries::Statement;

// One 町字's places as the ABR tables give them, sorted as a 町字's read sorts.
abr::TownPlaces from_tables(const RegistryDb& db, const std::string& lg_code,
                            const std::string& machiaza_id) {
  abr::TownPlaces numbered;
  abr::walk_numbered_rows(db, lg_code, machiaza_id,
                          [&](std::string_view id, int kind, const std::uint32_t(&numbers)[3],
                              const abr::AbrPoint& point) {
                            CHECK(id == machiaza_id);
                            abr::NumberedPlace place;
                            place.town_and_first = numbers[0];
                            place.second_and_third = (std::uint64_t{numbers[1]} << 32) | numbers[2];
                            place.point = point;
                            (numbered.*abr::kNumberedLists[kind]).push_back(place);
                          });
  for (const auto list : abr::kNumberedLists)
    std::sort((numbered.*list).begin(), (numbered.*list).end(), abr::place_less);
  return numbered;
}

// Equal place by place: keys, and the points' bits.
bool same_places(const abr::TownPlaces& a, const abr::TownPlaces& b) {
  for (const auto list : abr::kNumberedLists) {
    const auto &x = a.*list, &y = b.*list;
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i].town_and_first != y[i].town_and_first ||
          x[i].second_and_third != y[i].second_and_third || x[i].point.known != y[i].point.known ||
          std::memcmp(&x[i].point.lon, &y[i].point.lon, sizeof(double)) != 0 ||
          std::memcmp(&x[i].point.lat, &y[i].point.lat, sizeof(double)) != 0)
        return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("numbered places 1: abr_town_numbers holds what the ABR tables give, 町字 by 町字",
          "[numbered_places]") {
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  REQUIRE(abr::has_town_numbers(db));
  // Every 町字 with a numbered row of any kind, and the places of each.
  Statement towns = db.prepare(
      "SELECT lg_code, machiaza_id FROM abr_rsdt_blk UNION SELECT lg_code, machiaza_id FROM "
      "abr_rsdt UNION SELECT lg_code, machiaza_id FROM abr_parcel ORDER BY 1, 2");
  std::size_t checked = 0, places = 0, differing = 0;
  while (towns.step()) {
    const std::string lg_code(towns.column_text(0)), machiaza_id(towns.column_text(1));
    const abr::TownPlaces expected = from_tables(db, lg_code, machiaza_id);
    const abr::TownPlaces derived = abr::read_town_numbers(db, lg_code, machiaza_id, 0);
    if (!same_places(expected, derived)) {
      if (++differing <= 5) UNSCOPED_INFO("differs: " << lg_code << " " << machiaza_id);
    }
    for (const auto list : abr::kNumberedLists) places += (derived.*list).size();
    ++checked;
  }
  CHECK(differing == 0);
  // The real areas: 和歌山市's 地番, 文京区's 住居表示, 屋久島町's.
  CHECK(checked == 754);
  CHECK(places > 500000);
  Statement rows = db.prepare("SELECT count(*) FROM abr_town_numbers");
  REQUIRE(rows.step());
  CHECK(static_cast<std::size_t>(rows.column_int64(0)) == checked);
  // Recorded as a derivation, with its row count.
  bool recorded = false;
  for (const auto& source : db.provenance()) {
    if (source.source_kind != "abr-town-numbers") continue;
    recorded = true;
    CHECK(source.table_name == "abr_town_numbers");
    CHECK(source.row_count == static_cast<std::int64_t>(checked));
  }
  CHECK(recorded);
  // A 町字 with nothing numbered has no row, and reads as empty.
  const abr::TownPlaces none = abr::read_town_numbers(db, "000000", "0000000", 0);
  CHECK((none.blocks.empty() && none.residences.empty() && none.parcel_places.empty()));
}

TEST_CASE("numbered places 2: a packing reads back, keyed with the town asked for",
          "[numbered_places]") {
  abr::TownPlaces numbered;
  abr::NumberedPlace block;
  block.town_and_first = 7;
  block.point = {135.5, 34.25, true};
  numbered.blocks.push_back(block);
  abr::NumberedPlace residence;
  residence.town_and_first = 3;
  residence.second_and_third = (std::uint64_t{12} << 32) | 4;
  numbered.residences.push_back(residence);  // no point
  abr::NumberedPlace parcel;
  parcel.town_and_first = 4294967295u;  // the largest number a row may give
  parcel.second_and_third = (std::uint64_t{1} << 32) | 2;
  parcel.point = {std::nan(""), 0, false};
  numbered.parcel_places.push_back(parcel);
  numbered.parcel_places.push_back(block);
  const std::string packed = abr::pack_town_places(numbered);
  const std::optional<abr::TownPlaces> unpacked = abr::unpack_town_places(packed, 9);
  REQUIRE(unpacked);
  const abr::TownPlaces& back = *unpacked;
  REQUIRE(back.parcel_places.size() == 2);
  CHECK(back.blocks[0].town_and_first == ((std::uint64_t{9} << 32) | 7));
  CHECK(back.blocks[0].point.lon == 135.5);
  CHECK(back.blocks[0].point.known);
  CHECK(back.residences[0].second_and_third == ((std::uint64_t{12} << 32) | 4));
  CHECK_FALSE(back.residences[0].point.known);
  CHECK(back.parcel_places[0].town_and_first == ((std::uint64_t{9} << 32) | 4294967295u));
  CHECK(std::isnan(back.parcel_places[0].point.lon));
  abr::TownPlaces again = back;
  for (const auto list : abr::kNumberedLists)
    for (auto& place : again.*list) place.town_and_first &= 0xFFFFFFFFu;
  CHECK(abr::pack_town_places(again) == packed);
}

TEST_CASE("numbered places 3: bytes that are not a packing are refused, the 町字 named",
          "[numbered_places]") {
  abr::TownPlaces numbered;
  numbered.blocks.resize(2);
  const std::string packed = abr::pack_town_places(numbered);
  for (const std::string& bad :
       {std::string(), packed.substr(0, 11), packed.substr(0, packed.size() - 1), packed + "x"})
    CHECK_FALSE(abr::unpack_town_places(bad, 0));
  CHECK(abr::unpack_town_places(packed, 0));
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  const RegistryError error = abr::not_a_packing(db, "302015", "0001001");
  CHECK_THAT(error.what(), Catch::Contains(abr_test::real_abr_registry().string()) &&
                               Catch::Contains("302015 0001001") &&
                               Catch::Contains("abr_town_numbers") &&
                               Catch::Contains("registry build"));
}

TEST_CASE("numbered places 4: a 町字's row is found through the index of its keys",
          "[numbered_places]") {
  // Not a WITHOUT ROWID table: there every comparison of a search reads
  // the whole row, its overflow pages of packed places included.
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  Statement table = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'abr_town_numbers'");
  REQUIRE(table.step());
  CHECK_THAT(std::string(table.column_text(0)),
             !Catch::Contains("WITHOUT ROWID", Catch::CaseSensitive::No));
  for (const char* read : {"SELECT places FROM abr_town_numbers WHERE lg_code = '302015' AND "
                           "machiaza_id = '0001001'",
                           "SELECT machiaza_id, places FROM abr_town_numbers WHERE lg_code = "
                           "'302015' ORDER BY machiaza_id"}) {
    Statement plan = db.prepare(std::string("EXPLAIN QUERY PLAN ") + read);
    std::string details;
    while (plan.step()) details += std::string(plan.column_text(3)) + "\n";
    INFO(read << "\n" << details);
    CHECK_THAT(details, Catch::Contains("abr_town_numbers_by_town"));
    CHECK_THAT(details, !Catch::Contains("TEMP B-TREE"));
  }
}
