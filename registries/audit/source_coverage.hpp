// source_coverage.hpp — the areas of the country the ABR source files of some kinds cover,
// told by their published names: what lets a check tell a defect from a part of the country
// whose file the registry was never given.
#pragma once
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::audit {

// The areas the sources of some kinds cover (their names: mt_…_all, mt_…_prefNN,
// mt_…_cityNNNNNN; FORMAT.md).
class Coverage {
 public:
  Coverage(const std::vector<Provenance>& sources, std::initializer_list<std::string_view> kinds);
  bool any() const { return !areas_.empty(); }
  // True when a source covers the city of lg_code (6 digits).
  bool covers(std::string_view lg_code) const;

 private:
  std::set<std::string> areas_;  // "" the whole country, 2 digits a prefecture, 6 a city
};

}  // namespace gifkit::registries::audit
