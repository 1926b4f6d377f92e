// test_national_cities.cpp — gifkit's national table of cities
// (models/dictionaries/national_cities.tsv, registries/abr/national_cities):
// the compiled-in table answers a city's code, a ward's and a prefecture's
// own, and the reader names each bad line.
// room: abr
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "registries/abr/national_cities.hpp"

using namespace gifkit::registries::abr;

TEST_CASE("national cities: the compiled-in table") {
  const NationalCities& table = national_cities();
  CHECK(table.cities.size() == 1918);
  CHECK(table.date == "2024-03-12");
  const NationalCity* naha = national_city("472018");
  REQUIRE(naha != nullptr);
  CHECK(naha->prefecture == "沖縄県");
  CHECK(naha->city == "那覇市");
  const NationalCity* chuo = national_city("011011");
  REQUIRE(chuo != nullptr);
  CHECK(chuo->city == "札幌市");
  CHECK(chuo->ward == "中央区");
  const NationalCity* yakushima = national_city("465054");
  REQUIRE(yakushima != nullptr);
  CHECK(yakushima->county == "熊毛郡");
  const NationalCity* okinawa = national_city("470007");  // the prefecture's own code
  REQUIRE(okinawa != nullptr);
  CHECK(okinawa->prefecture == "沖縄県");
  CHECK(okinawa->city.empty());
  CHECK(national_city("221317") == nullptr);  // 浜松市中区, abolished before the table
  CHECK(national_city("472019") == nullptr);  // a wrong check digit
}

TEST_CASE("national cities: the reader names each bad line") {
  std::vector<std::string> errors;
  const NationalCities table = read_national_cities(
      "# date: 2024-03-12\n"
      "472018\t沖縄県\t\t那覇市\t\n"
      "472019\t沖縄県\t\t那覇市\t\n"
      "470007\t沖縄県\t\t\t\n"
      "472123\t沖縄県\t豊見城市\n"
      "472018\t沖縄県\t\t那覇市\t\n",
      "t.tsv", errors);
  CHECK(table.date == "2024-03-12");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].starts_with("t.tsv:3: "));  // a wrong check digit
  CHECK(errors[1].starts_with("t.tsv:4: "));  // a prefecture's code
  CHECK(errors[2].starts_with("t.tsv:5: "));  // four fields
  CHECK(errors[3].find("472018 is given twice") != std::string::npos);
  errors.clear();
  read_national_cities("472018\t沖縄県\t\t那覇市\t\n", "t.tsv", errors);
  CHECK(errors.size() == 1);  // no date
}
