// test_address_nearby.cpp — the places around a point (address_nearby.hpp)
// on the registry of the real national, wakayama, bunkyo and yakushima
// folders: a point among its own city's 町字 far from the city's point, a
// point among another city's places, a city whose places the registry does
// not hold (only its point), a point in another prefecture, and a 町字
// whose position carries the other 住居表示 flag.
// room: abr
#include <catch2/catch.hpp>

#include "abr_test_support.hpp"
#include "registries/abr/address_matcher.hpp"
#include "registries/abr/address_nearby.hpp"

namespace {

using gifkit::registries::abr::place_neighbourhood;
using gifkit::registries::abr::PlaceNeighbourhood;

const gifkit::registries::abr::AddressIndex& nearby_index() {
  static auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  static gifkit::registries::abr::AddressMatcher matcher(db, [] {
    gifkit::registries::abr::AddressMatcherOptions options;
    options.fold_tables =
        std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / "address_fold.tsv";
    return options;
  }());
  return matcher.index();
}

}  // namespace

TEST_CASE("a point among its own city's places, 12 km from the city's point", "[address]") {
  // 上三毛, 和歌山市: 12.4 km from the city's point, 1.5 km from 岩出市's. near_m 0: the
  // nearest own place, not the first within 2 km.
  const PlaceNeighbourhood near =
      place_neighbourhood(nearby_index(), "302015", 34.2445, 135.3040, 0);
  CHECK(near.city_known);
  CHECK(near.own_has_places);
  CHECK(near.own_m < 100);
  CHECK(near.own_place == "上三毛");
  CHECK_FALSE(near.other_found);  // no other city's point is nearer than 上三毛's

  // With near_m 2 km, the first own place within it settles it.
  const PlaceNeighbourhood first =
      place_neighbourhood(nearby_index(), "302015", 34.2445, 135.3040, 2000);
  CHECK(first.own_m <= 2000);
  CHECK_FALSE(first.other_found);
}

TEST_CASE("a point among another city's places", "[address]") {
  // 岩出市押川's point, said to be in 和歌山市: 5 km from every place of 和歌山市.
  const PlaceNeighbourhood near =
      place_neighbourhood(nearby_index(), "302015", 34.307263, 135.318635, 2000);
  CHECK(near.own_has_places);
  CHECK(near.own_m > 4500);
  REQUIRE(near.other_found);
  CHECK(near.other_by_place);
  CHECK(near.other_lg_code == "302091");
  CHECK(near.other_name == "和歌山県岩出市押川");
  CHECK(near.other_m < 10);
  CHECK(near.other_same_prefecture);
}

TEST_CASE("a city whose places the registry does not hold: its point only", "[address]") {
  // 小林市 (宮崎県): no 町字 in this registry. MLIT's point of 野尻町紙屋.
  const PlaceNeighbourhood near =
      place_neighbourhood(nearby_index(), "452050", 31.966412, 131.174869, 2000);
  CHECK(near.city_known);
  CHECK_FALSE(near.own_has_places);
  CHECK(near.own_m == Approx(19365).margin(100));
  REQUIRE(near.other_found);
  CHECK_FALSE(near.other_by_place);
  CHECK(near.other_name == "宮崎県東諸県郡綾町");
  CHECK(near.other_same_prefecture);
}

TEST_CASE("a point in another prefecture; an unknown code", "[address]") {
  // 和歌山市's point, said to be in 小林市.
  const PlaceNeighbourhood near =
      place_neighbourhood(nearby_index(), "452050", 34.230514, 135.170808, 2000);
  REQUIRE(near.other_found);
  CHECK(near.other_lg_code == "302015");
  CHECK_FALSE(near.other_same_prefecture);
  CHECK(near.prefecture_m > 300000);
  CHECK_FALSE(place_neighbourhood(nearby_index(), "999999", 34.2, 135.2, 2000).city_known);
}

TEST_CASE("a 町字 whose position has the other 住居表示 flag has its point", "[address]") {
  // 熊野川町相須 (新宮市): mt_town rsdt_addr_flg 1, its mt_town_pos row 0. Before, the index
  // joined on the flag and the 町字 had no point: 18 km from every place of 新宮市 it knew.
  const PlaceNeighbourhood near =
      place_neighbourhood(nearby_index(), "302074", 33.844725, 135.835775, 0);
  CHECK(near.own_has_places);
  CHECK(near.own_m < 1);
  CHECK(near.own_place == "熊野川町相須");
}
