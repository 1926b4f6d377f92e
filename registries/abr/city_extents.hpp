// city_extents.hpp — how far from its representative point (mt_city_pos, most
// often its office) a city's places may lie: kCityReachKm for any city, and
// the larger reach of the cities of models/dictionaries/city_extents.tsv
// (islands spread over the sea, an office outside the city), read from the
// compiled-in file here alone. Where a registry holds no 町字 point of a city,
// this is its extent: validate's point-versus-place rule (address_nearby)
// finds a point inconsistent only beyond it, and registry audit's
// abr-position-far check weighs a 町字's point with it.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries::abr {

// The reach of any city from its point: the widest municipalities (高山市,
// 浜松市, 日光市, 白山市) reach some 50 km from their offices.
inline constexpr double kCityReachKm = 60.0;

// Reads the content of a city_extents.tsv: lines of `lg_code<TAB>name<TAB>km
// <TAB>why`, blank lines and # comments skipped. Errors ("source:line:
// reason": not four fields, an lg_code that is not six digits, a limit that
// is not a positive number, an lg_code given twice) go to errors and their
// lines are left out.
std::map<std::string, double> read_city_extents(std::string_view text, std::string_view source,
                                                std::vector<std::string>& errors);

// The cities' own reach in km (lg_code → km), read once from the compiled-in
// city_extents.tsv. Throws std::logic_error when the file has an error (the
// unit tests read the same text).
const std::map<std::string, double>& city_extents();

// How far from its point the places of city lg_code may lie, in km: the
// larger of kCityReachKm and its own reach.
double city_reach_km(std::string_view lg_code);

}  // namespace gifkit::registries::abr
