// geo.cpp — see geo.hpp.
#include "grammars/values/geo.hpp"

#include <algorithm>
#include <cmath>

namespace gifkit::grammars {

namespace {
constexpr double kRadian = 3.14159265358979323846 / 180.0;
}  // namespace

double distance_m(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = (lat2 - lat1) * kRadian;
  const double dlon = (lon2 - lon1) * kRadian;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRadian) * std::cos(lat2 * kRadian) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::sqrt(std::fmin(1.0, a)));
}

GeoBox box_around(double lat, double lon, double radius_m) {
  const double angle = radius_m / kEarthRadiusM;  // radians
  GeoBox box;
  box.min_lat = lat - angle / kRadian;
  box.max_lat = lat + angle / kRadian;
  const double spread = std::sin(angle) / std::cos(lat * kRadian);
  if (box.max_lat >= 90 || box.min_lat <= -90 || angle >= 3.14159265358979323846 / 2 ||
      spread >= 1) {
    box.min_lat = std::max(box.min_lat, -90.0);
    box.max_lat = std::min(box.max_lat, 90.0);
    box.min_lon = -180;
    box.max_lon = 180;
    return box;
  }
  const double half_width = std::asin(spread) / kRadian;
  box.min_lon = lon - half_width;
  box.max_lon = lon + half_width;
  return box;
}

}  // namespace gifkit::grammars
