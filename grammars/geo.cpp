// geo.cpp — see geo.hpp.
#include "grammars/geo.hpp"

#include <cmath>

namespace gifkit::grammars {

double distance_m(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadius = 6371008.8;
  constexpr double kRadian = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRadian;
  const double dlon = (lon2 - lon1) * kRadian;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRadian) * std::cos(lat2 * kRadian) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kRadius * std::asin(std::sqrt(std::fmin(1.0, a)));
}

}  // namespace gifkit::grammars
