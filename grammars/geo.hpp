// geo.hpp — distances between points given in decimal degrees (WGS 84 /
// JGD2011 latitude and longitude, the ABR's representative points).
#pragma once

namespace gifkit::grammars {

// The great-circle distance in metres between two points (haversine on a
// sphere of the Earth's mean radius, 6,371,008.8 m: within 0.5 % of the
// ellipsoid's, which is all a tolerance of kilometres needs).
double distance_m(double lat1, double lon1, double lat2, double lon2);

}  // namespace gifkit::grammars
