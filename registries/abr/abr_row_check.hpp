// abr_row_check.hpp — the checks every ABR value passes before it is stored:
// lg_code check digits, machiaza_id and other ID shapes, ISO dates, the
// codes of the flag columns, postal codes, coordinates, SRIDs.
#pragma once
#include <string>
#include <string_view>

#include "registries/abr/abr_columns.hpp"

namespace gifkit::registries::abr {

// Why value is not a valid value of column, or "" when it is. An empty value
// is valid unless required (a key column).
std::string check_abr_value(const ColumnSpec& column, std::string_view value, bool required);

// True when a position has its longitude and latitude swapped (a known bug
// of some parcel_pos editions): the "latitude" is beyond 90 and the
// "longitude" is a plausible latitude. Both must be decimal numbers.
bool position_swapped(std::string_view rep_lon, std::string_view rep_lat);

}  // namespace gifkit::registries::abr
