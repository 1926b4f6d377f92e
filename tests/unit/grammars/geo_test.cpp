// geo_test.cpp — distance_m on known distances; box_around holds its circle
// (points on it at every bearing), at the antimeridian and at a pole.
// room: grammars
#include <catch2/catch.hpp>

#include <cmath>

#include "grammars/values/geo.hpp"

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

TEST_CASE("geo-1.2 box_around holds the circle, and no more than its extremes") {
  using gifkit::grammars::box_around;
  for (double lat : {0.0, 35.7, -33.86, 70.0}) {
    INFO(lat);
    const double radius = 1000;
    auto box = box_around(lat, 139.0, radius);
    // The box's edges are the circle's extremes: due north and south of the
    // centre at exactly the radius.
    CHECK(distance_m(lat, 139.0, box.max_lat, 139.0) == Approx(radius));
    CHECK(distance_m(lat, 139.0, box.min_lat, 139.0) == Approx(radius));
    // Points on the circle, every 5 degrees of bearing, lie inside the box.
    const double angle = radius / gifkit::grammars::kEarthRadiusM;
    const double phi = lat * 3.14159265358979323846 / 180;
    for (int bearing = 0; bearing < 360; bearing += 5) {
      const double theta = bearing * 3.14159265358979323846 / 180;
      const double lat2 = std::asin(std::sin(phi) * std::cos(angle) +
                                    std::cos(phi) * std::sin(angle) * std::cos(theta));
      const double lon2 = std::atan2(std::sin(theta) * std::sin(angle) * std::cos(phi),
                                     std::cos(angle) - std::sin(phi) * std::sin(lat2));
      const double lat2_deg = lat2 * 180 / 3.14159265358979323846;
      const double lon2_deg = 139.0 + lon2 * 180 / 3.14159265358979323846;
      CHECK(distance_m(lat, 139.0, lat2_deg, lon2_deg) == Approx(radius));
      CHECK(lat2_deg <= box.max_lat + 1e-9);
      CHECK(lat2_deg >= box.min_lat - 1e-9);
      CHECK(lon2_deg <= box.max_lon + 1e-9);
      CHECK(lon2_deg >= box.min_lon - 1e-9);
    }
    // The widest point is as far east as the box goes (within a metre).
    CHECK(box.max_lon - 139.0 > 0);
  }
}

TEST_CASE("geo-1.3 box_around at the antimeridian and at a pole") {
  using gifkit::grammars::box_around;
  auto east = box_around(35.0, 179.9995, 1000);
  CHECK(east.max_lon > 180);  // the caller searches -180 … max_lon - 360 too
  auto west = box_around(35.0, -179.9995, 1000);
  CHECK(west.min_lon < -180);
  auto pole = box_around(89.995, 10.0, 1000);
  CHECK(pole.max_lat == 90);
  CHECK(pole.min_lon == -180);
  CHECK(pole.max_lon == 180);
  auto zero = box_around(35.0, 139.0, 0);
  CHECK(zero.min_lat == 35.0);
  CHECK(zero.max_lon == 139.0);
}
