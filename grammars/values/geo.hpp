// geo.hpp — distances between points given in decimal degrees (WGS 84 /
// JGD2011 latitude and longitude, the ABR's representative points), and the
// latitude/longitude box around a circle, for searching points near one.
#pragma once

namespace gifkit::grammars {

// The sphere distance_m and box_around measure on: the Earth's mean radius.
inline constexpr double kEarthRadiusM = 6371008.8;

// The great-circle distance in metres between two points (haversine on a
// sphere of the Earth's mean radius, 6,371,008.8 m: within 0.5 % of the
// ellipsoid's, which is all a tolerance of kilometres needs).
double distance_m(double lat1, double lon1, double lat2, double lon2);

// A range of latitudes and longitudes in degrees (min <= max).
struct GeoBox {
  double min_lat = 0, max_lat = 0, min_lon = 0, max_lon = 0;
};

// The smallest box holding every point whose distance_m from (lat, lon) is
// at most radius_m (>= 0): lat ± the circle's angle, lon ± the widest
// longitude the circle reaches at that latitude (asin(sin a / cos lat), a
// = radius_m / kEarthRadiusM). Latitudes are clamped to -90 … 90. When the
// circle holds a pole, every longitude: -180 … 180. Otherwise min_lon may be
// below -180 or max_lon above 180 when the circle crosses the antimeridian:
// the caller searches the part beyond it shifted by 360.
GeoBox box_around(double lat, double lon, double radius_m);

}  // namespace gifkit::grammars
