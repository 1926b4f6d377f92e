// test_registry_audit_limits.cpp — the audit's distance limits: the cities'
// own limits read from models/dictionaries/city_extents.tsv (the compiled-in
// copy and the reader's errors), and which limit applies to a city.
// room: audit
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "registries/abr/city_extents.hpp"
#include "registries/audit/registry_audit.hpp"

using gifkit::registries::abr::read_city_extents;
using gifkit::registries::audit::AuditLimits;
using gifkit::registries::audit::default_audit_limits;

TEST_CASE("audit limits: the compiled-in city_extents.tsv gives 小笠原村 its own limit",
          "[audit]") {
  const AuditLimits& limits = default_audit_limits();
  CHECK(limits.town_from_city_km == 80.0);
  REQUIRE(limits.town_from_city_km_of.contains("134210"));  // 東京都小笠原村
  CHECK(limits.town_limit("134210") == 1300.0);
  CHECK(limits.town_limit("302015") == 80.0);  // 和歌山市: the general limit
  for (const auto& [lg_code, km] : limits.town_from_city_km_of) {
    INFO(lg_code);
    CHECK(km > limits.town_from_city_km);  // a listed city needs more than the general limit
  }
  // A larger general limit wins over a city's own.
  AuditLimits wide = limits;
  wide.town_from_city_km = 2000;
  CHECK(wide.town_limit("134210") == 2000.0);
}

TEST_CASE("audit limits: read_city_extents reads lines and names each bad one", "[audit]") {
  std::vector<std::string> errors;
  const auto limits = read_city_extents(
      "# comment\n"
      "\n"
      "134210\t東京都小笠原村\t1300\t南鳥島\r\n"
      "13421\t短い\t10\twhy\n"                // 4: five digits
      "463043\t十島村\tfar\twhy\n"            // 5: not a number
      "463035\t三島村\t-5\twhy\n"             // 6: not positive
      "472077\t石垣市\t230\n"                 // 7: three fields
      "134210\t東京都小笠原村\t900\tagain\n"  // 8: given twice
      "473588\t北大東村\t220\t沖大東島",
      "extents.tsv", errors);
  CHECK(limits.size() == 2);
  CHECK(limits.at("134210") == 1300.0);
  CHECK(limits.at("473588") == 220.0);
  REQUIRE(errors.size() == 5);
  CHECK(errors[0] == "extents.tsv:4: lg_code \"13421\" is not six digits");
  CHECK(errors[1] == "extents.tsv:5: limit \"far\" is not a positive number of km");
  CHECK(errors[2] == "extents.tsv:6: limit \"-5\" is not a positive number of km");
  CHECK(errors[3] ==
        "extents.tsv:7: expected 4 tab-separated fields (lg_code, name, km, why), "
        "found 3");
  CHECK(errors[4] == "extents.tsv:8: lg_code 134210 is given twice");
}

TEST_CASE("audit limits: a city's reach is the larger of the general one and its own", "[audit]") {
  using gifkit::registries::abr::city_reach_km;
  using gifkit::registries::abr::kCityReachKm;
  CHECK(city_reach_km("134210") == 1300.0);        // 小笠原村: 南鳥島
  CHECK(city_reach_km("172049") == kCityReachKm);  // 輪島市: 舳倉島 is within the general reach
  CHECK(city_reach_km("999999") == kCityReachKm);
}
