// csv_field.hpp — one value as an RFC 4180 CSV field, for the commands that
// write CSV (lookup corporation/address, address normalize).
#pragma once
#include <string>
#include <string_view>

namespace gifkit::tools {

// value as it is when it holds no comma, quote or line break; else quoted,
// with quotes doubled.
std::string csv_field(std::string_view value);

}  // namespace gifkit::tools
