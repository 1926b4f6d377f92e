// registry_info_view.hpp — the view of a registry's state (its schema, data
// date, sources with their data dates and checksums, table counts) for
// `gifkit registry info --format json` and the service's /v1/registry: the
// answer to "how fresh is this". See docs/registry.md.
#pragma once
#include <string>

#include "registries/db/registry_db.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

// One source as recorded in provenance (camelCase keys).
Json provenance_json(const registries::Provenance& source);

// {"registry": name, "schemaVersion", "createdAt", "dataDate", "sources":
// [...], "tables": {table: rows}}.
Json registry_info_json(const registries::RegistryDb& db, const std::string& name);

}  // namespace gifkit::tools
