// geo_test.cpp — distance_m on known distances.
#include <catch2/catch.hpp>

#include "grammars/geo.hpp"

using gifkit::grammars::distance_m;

TEST_CASE("geo-1.1 great-circle distances in metres") {
  CHECK(distance_m(35.0, 139.0, 35.0, 139.0) == 0.0);
  // 文京区役所 (35.7080, 139.7528) to 大阪市役所 (34.6937, 135.5023): about 403 km.
  CHECK(distance_m(35.7080, 139.7528, 34.6937, 135.5023) == Approx(402600).margin(2000));
  // One degree of latitude: 111.2 km everywhere.
  CHECK(distance_m(35.0, 139.0, 36.0, 139.0) == Approx(111195).margin(50));
  // Symmetric.
  CHECK(distance_m(34.6937, 135.5023, 35.7080, 139.7528) ==
        Approx(distance_m(35.7080, 139.7528, 34.6937, 135.5023)));
}
