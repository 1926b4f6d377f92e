// audit_limits.cpp — see registry_audit.hpp: the audit's distance limits, the general ones
// and the cities' own (registries/abr/city_extents.hpp).
#include "registries/audit/registry_audit.hpp"

#include <algorithm>

#include "registries/abr/city_extents.hpp"

namespace gifkit::registries::audit {

double AuditLimits::town_limit(const std::string& lg_code) const {
  auto own = town_from_city_km_of.find(lg_code);
  return own == town_from_city_km_of.end() ? town_from_city_km
                                           : std::max(own->second, town_from_city_km);
}

const AuditLimits& default_audit_limits() {
  static const AuditLimits limits = [] {
    AuditLimits read;
    read.town_from_city_km_of = abr::city_extents();
    return read;
  }();
  return limits;
}

}  // namespace gifkit::registries::audit
