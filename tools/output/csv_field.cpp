// csv_field.cpp — see csv_field.hpp.
#include "tools/output/csv_field.hpp"

namespace gifkit::tools {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace gifkit::tools
