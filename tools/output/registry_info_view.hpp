// registry_info_view.hpp — the view of a registry's state (its schema, data
// date, sources by file name with their data dates and checksums — never a
// path of the machine that built it —, what it holds: 法人番号 complete or
// diffs only, the cities with 町字, 住居表示, 地番 —, table counts) for
// `gifkit registry info --format json` and the service's /v1/registry: the
// answer to "how fresh is this". See docs/registry.md.
#pragma once
#include <string>

#include "registries/db/registry_db.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

// One source as recorded in provenance (camelCase keys), its file by name.
Json provenance_json(const registries::Provenance& source);

// What the registry holds (registries/builder/registry_holdings.hpp):
// {"corporations": {"holding": "complete"|"diffs-only"|"partial"|"none",
// "bulkFiles", "diffFiles", "otherFiles", "bulkPrefectures": [13, …]},
// "addresses": {lg_code: {"name", "towns", "residences", "parcels"}}}.
Json registry_holdings_json(const registries::RegistryDb& db);

// Whether the build was given a whole source set (registries/builder/
// source_completeness.hpp): {"state": "complete"|"incomplete"|"not-recorded",
// "accepted": built with --accept-incomplete, "missing": [part, …]}.
Json registry_completeness_json(const registries::RegistryDb& db);

// The same as lines for `registry info`: "  法人番号 …", "  町字 of …".
std::string registry_holdings_text(const registries::RegistryDb& db);

// {"registry": name, "schemaVersion", "createdAt", "dataDate", "sources":
// [...], "holds": {...}, "completeness": {...}, "tables": {table: rows}}.
Json registry_info_json(const registries::RegistryDb& db, const std::string& name);

}  // namespace gifkit::tools
