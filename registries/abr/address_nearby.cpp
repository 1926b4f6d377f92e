// address_nearby.cpp — see address_nearby.hpp.
#include "registries/abr/address_nearby.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "grammars/values/geo.hpp"
#include "registries/abr/city_extents.hpp"

namespace gifkit::registries::abr {
namespace {

// How far from its city's point any city's places may lie (city_extents.hpp).
constexpr double kCityReachM = kCityReachKm * 1000;
// The most other cities whose places are read for one point.
constexpr std::size_t kMostNeighbours = 40;

std::string nearby_town_name(const AbrTown& town) {
  return town.oaza_cho + town.chome + town.koaza;
}

// Metres per degree of latitude on the sphere distance_m measures on.
constexpr double kMetresPerDegree = 111194.9;

// The nearest point of places to (lat, lon), into best (kept when nearer);
// stops at the first point within stop_m. A point farther in latitude (or,
// scaled by the cosine at the query's latitude plus a margin, in longitude)
// than the best so far is skipped without its distance being computed.
void nearest_in(const WholeCity& whole, double lat, double lon, double stop_m, NearestPlace& best) {
  constexpr double kPi = 3.14159265358979323846;
  const double lon_scale =
      kMetresPerDegree * std::cos(std::min(89.0, std::fabs(lat) + 1.0) * kPi / 180.0);
  const CityPlaces& places = *whole.places;
  auto consider = [&](const AbrPoint& point, std::uint32_t town) {
    if (!point.known || best.metres <= stop_m) return;
    if (std::fabs(point.lat - lat) * kMetresPerDegree >= best.metres ||
        std::fabs(point.lon - lon) * lon_scale >= best.metres)
      return;
    const double metres = grammars::distance_m(lat, lon, point.lat, point.lon);
    if (metres >= best.metres) return;
    best.found = true;
    best.metres = metres;
    best.town = town < places.towns.size() ? nearby_town_name(places.towns[town]) : std::string();
  };
  // Every town's places are held (whole_places_of): a town without a point
  // of its own stands at the centroid of its numbered places.
  const auto towns = static_cast<std::uint32_t>(places.towns.size());
  for (std::uint32_t i = 0; i < towns; ++i)
    consider(places.towns[i].point.known ? places.towns[i].point : whole.towns[i]->centroid, i);
  // Kind by kind, town by town: the order of a whole city's sorted lists.
  for (auto list : {&TownPlaces::blocks, &TownPlaces::residences, &TownPlaces::parcel_places})
    for (std::uint32_t i = 0; i < towns; ++i)
      for (const NumberedPlace& place : (*whole.towns[i]).*list)
        consider(place.point, static_cast<std::uint32_t>(place.town_and_first >> 32));
}

std::string nearby_city_name(const AddressIndex& index, const AbrCity& city) {
  return index.prefs()[city.pref].name + city.county + city.city + city.ward;
}

}  // namespace

NearestPlace nearest_place_of(const AddressIndex& index, std::uint32_t city, double lat, double lon,
                              double stop_m) {
  NearestPlace best;
  nearest_in(index.whole_places_of(city), lat, lon, stop_m, best);
  for (std::uint32_t ward : index.wards_of(city))
    nearest_in(index.whole_places_of(ward), lat, lon, stop_m, best);
  return best;
}

PlaceNeighbourhood place_neighbourhood(const AddressIndex& index, std::string_view lg_code,
                                       double lat, double lon, double near_m) {
  PlaceNeighbourhood out;
  const std::vector<AbrCity>& cities = index.cities();
  std::uint32_t own = 0;
  while (own < cities.size() && cities[own].lg_code != lg_code) ++own;
  if (own == cities.size()) return out;
  const AbrCity& city = cities[own];
  // Any own place within near_m settles it: the nearest of them is not needed.
  const NearestPlace own_place = nearest_place_of(index, own, lat, lon, near_m);
  if (own_place.found) {
    out.own_has_places = true;
    out.own_m = own_place.metres;
    out.own_place = own_place.town;
  } else if (city.point.known) {
    out.own_m = grammars::distance_m(lat, lon, city.point.lat, city.point.lon);
  } else {
    return out;
  }
  out.city_known = true;
  out.own_reach_m = city_reach_km(lg_code) * 1000;
  // The prefecture as the registry knows it: its cities' points and the own places.
  out.prefecture_m = out.own_has_places
                         ? out.own_m
                         : grammars::distance_m(lat, lon, city.point.lat, city.point.lon);
  for (const AbrCity& other : cities)
    if (other.pref == city.pref && other.point.known)
      out.prefecture_m = std::min(out.prefecture_m,
                                  grammars::distance_m(lat, lon, other.point.lat, other.point.lon));
  if (out.own_m <= near_m) return out;
  // The other cities whose places could be nearer than the own city's, nearest first: not
  // the own city's 政令市 (or its wards, when the own code is the 政令市's).
  auto related = [&](std::uint32_t other) {
    if (other == own) return true;
    const auto& own_wards = index.wards_of(own);
    const auto& other_wards = index.wards_of(other);
    return std::find(own_wards.begin(), own_wards.end(), other) != own_wards.end() ||
           std::find(other_wards.begin(), other_wards.end(), own) != other_wards.end();
  };
  std::vector<std::pair<double, std::uint32_t>> near;
  for (std::uint32_t i = 0; i < cities.size(); ++i) {
    if (!cities[i].point.known || related(i) || !index.wards_of(i).empty()) continue;
    const double metres = grammars::distance_m(lat, lon, cities[i].point.lat, cities[i].point.lon);
    if (metres <= out.own_m + kCityReachM) near.emplace_back(metres, i);
  }
  std::sort(near.begin(), near.end());
  if (near.size() > kMostNeighbours) near.resize(kMostNeighbours);
  double best = out.own_m;
  for (const auto& [city_m, other] : near) {
    if (city_m - kCityReachM >= best) break;  // no place of it or of those after can be nearer
    const NearestPlace place = nearest_place_of(index, other, lat, lon, 0);
    const double metres = place.found ? place.metres : city_m;
    if (metres >= best) continue;
    best = metres;
    out.other_found = true;
    out.other_by_place = place.found;
    out.other_lg_code = cities[other].lg_code;
    out.other_name =
        nearby_city_name(index, cities[other]) + (place.found ? place.town : std::string());
    out.other_m = metres;
    out.other_same_prefecture = cities[other].pref == city.pref;
  }
  return out;
}

}  // namespace gifkit::registries::abr
