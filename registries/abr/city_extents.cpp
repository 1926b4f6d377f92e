// city_extents.cpp — see city_extents.hpp.
#include "registries/abr/city_extents.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/dictionaries/table_lines.hpp"
#include "grammars/text/decimal_text.hpp"

namespace gifkit::registries::abr {

std::map<std::string, double> read_city_extents(std::string_view text, std::string_view source,
                                                std::vector<std::string>& errors) {
  std::map<std::string, double> limits;
  grammars::for_each_table_line(
      text, [&](std::size_t number, const std::vector<std::string_view>& fields) {
        auto error = [&](const std::string& reason) {
          errors.push_back(std::string(source) + ":" + std::to_string(number) + ": " + reason);
        };
        if (fields.size() != 4) {
          error("expected 4 tab-separated fields (lg_code, name, km, why), found " +
                std::to_string(fields.size()));
          return;
        }
        const std::string_view code = fields[0];
        if (code.size() != 6 ||
            !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          error("lg_code \"" + std::string(code) + "\" is not six digits");
          return;
        }
        double km = 0;
        const auto [end_of_km, status] =
            grammars::read_double(fields[2].data(), fields[2].data() + fields[2].size(), km);
        if (status != std::errc() || end_of_km != fields[2].data() + fields[2].size() ||
            !(km > 0) || !std::isfinite(km)) {
          error("limit \"" + std::string(fields[2]) + "\" is not a positive number of km");
          return;
        }
        if (!limits.emplace(std::string(code), km).second)
          error("lg_code " + std::string(code) + " is given twice");
      });
  return limits;
}

const std::map<std::string, double>& city_extents() {
  static const std::map<std::string, double> extents = [] {
    std::vector<std::string> errors;
    auto read = read_city_extents(grammars::dictionary_text("city_extents.tsv"), "city_extents.tsv",
                                  errors);
    if (!errors.empty()) throw std::logic_error(errors.front());
    return read;
  }();
  return extents;
}

double city_reach_km(std::string_view lg_code) {
  const auto& extents = city_extents();
  auto own = extents.find(std::string(lg_code));
  return own == extents.end() ? kCityReachKm : std::max(kCityReachKm, own->second);
}

}  // namespace gifkit::registries::abr
