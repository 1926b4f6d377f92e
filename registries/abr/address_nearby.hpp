// address_nearby.hpp — the places of the Address Base Registry around a
// point, as the in-memory index (address_index.hpp) knows them: the nearest
// point of a city's own places (its 町字, 住居表示 blocks and residences, 地番
// parcels) and the nearest places of the other cities. The ABR gives
// representative points, not boundaries: these distances are what the
// point-versus-place rule of validate (models/engine/checks/) weighs. The
// index reads through RegistryDb, so a registry file and a PostgreSQL
// registry answer alike.
#pragma once
#include <cstdint>
#include <limits>
#include <string>

#include "registries/abr/address_index.hpp"

namespace gifkit::registries::abr {

// The nearest point of one city's places (or of its wards', for a 政令市's
// own code). found is false when the registry holds no point of them.
struct NearestPlace {
  bool found = false;
  double metres = std::numeric_limits<double>::infinity();
  std::string town;  // the 町字 (大字・町 + 丁目 + 小字) the point belongs to
};

// The nearest point of the places of city (an index in index.cities()) to
// (lat, lon), or the first found within stop_m (0: the nearest). Reads the
// city's places, every 町字's numbered places with them, on first use
// (AddressIndex::whole_places_of throws what it throws).
NearestPlace nearest_place_of(const AddressIndex& index, std::uint32_t city, double lat, double lon,
                              double stop_m);

// The point-versus-place neighbourhood of (lat, lon) for the city of lg_code.
struct PlaceNeighbourhood {
  bool city_known = false;  // lg_code is a city (or ward) of the index with a point
  bool own_has_places = false;
  double own_m = 0;  // to the nearest own place (or one within near_m), else to the city's point
  // How far from the city's point its places may lie (city_reach_km): its
  // extent where the registry holds no point of its places.
  double own_reach_m = 0;
  std::string own_place;        // its 町字 ("" for the city's point)
  bool other_found = false;     // a point of another city nearer than own_m
  bool other_by_place = false;  // the other's point is one of its places, not its city's point
  std::string other_lg_code;
  std::string other_name;  // 都道府県 + 郡 + 市区町村 + 区, then the 町字 when by place
  double other_m = 0;
  bool other_same_prefecture = false;
  // To the nearest city point of the own prefecture (or own place): how far
  // the point is outside the prefecture as the registry knows it.
  double prefecture_m = 0;
};

// What the index knows around (lat, lon) for lg_code: own places, then
// (when the point is farther than near_m from every own point) the other
// cities whose points are near enough to be nearer, each by its nearest
// place where the registry holds them, else by its city's point.
PlaceNeighbourhood place_neighbourhood(const AddressIndex& index, std::string_view lg_code,
                                       double lat, double lon, double near_m);

}  // namespace gifkit::registries::abr
