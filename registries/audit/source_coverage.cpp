// source_coverage.cpp — see source_coverage.hpp.
#include "registries/audit/source_coverage.hpp"

#include <algorithm>
#include <cassert>
#include <optional>

#include "registries/builder/registry_holdings.hpp"

namespace gifkit::registries::audit {
namespace {

// The area a source file of the ABR covers, told by its published name
// (FORMAT.md: mt_…_all, mt_…_prefNN, mt_…_cityNNNNNN): "" for the whole
// country, the 2-digit prefecture or 6-digit city code; nullopt when the
// name says none of these (a renamed file: it covers nothing for sure).
std::optional<std::string> covered_area(std::string_view source_file) {
  const std::string name = source_file_name(source_file);
  auto digits_after = [&](std::string_view marker,
                          std::size_t count) -> std::optional<std::string> {
    for (std::size_t at = name.find(marker); at != std::string::npos;
         at = name.find(marker, at + 1)) {
      const std::size_t start = at + marker.size();
      if (start + count > name.size()) continue;
      const std::string digits = name.substr(start, count);
      if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
          (start + count == name.size() || name[start + count] < '0' || name[start + count] > '9'))
        return digits;
    }
    return std::nullopt;
  };
  if (auto city = digits_after("_city", 6)) return city;
  if (auto pref = digits_after("_pref", 2)) return pref;
  if (name.find("_all") != std::string::npos) return std::string();
  return std::nullopt;
}

}  // namespace

Coverage::Coverage(const std::vector<Provenance>& sources,
                   std::initializer_list<std::string_view> kinds) {
  for (const Provenance& source : sources) {
    if (std::find(kinds.begin(), kinds.end(), source.source_kind) == kinds.end()) continue;
    if (auto area = covered_area(source.source_file)) areas_.insert(*area);
  }
}

bool Coverage::covers(std::string_view lg_code) const {
  assert(lg_code.size() == 6);
  return areas_.contains("") || areas_.contains(std::string(lg_code.substr(0, 2))) ||
         areas_.contains(std::string(lg_code));
}

}  // namespace gifkit::registries::audit
