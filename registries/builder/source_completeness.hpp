// source_completeness.hpp — whether a registry's ABR source set is whole: the parts a
// build was given that refer to a part it was not given. A city with 地番 or 住居表示 data
// whose 町字 are marked 住居表示 but that has no 住居表示 row; positions (abr_rsdt_pos,
// abr_parcel_pos, abr_town_pos) of a city (abr_town_pos: of a prefecture) of which no row is held;
// 住居表示 or 地番 rows of a 町字 that abr_town does not hold. Plain SQL over the logical tables,
// cheap at national scale: the small tables are read whole, the large ones only by the distinct
// cities and 町字 they hold (one keyed seek each, never a scan of their rows). The build records
// the result in meta completeness (db/registry_completeness.hpp, with the sources whose rows were
// rejected), read by `registry info`, the service's GET /v1/registry and validate
// (registry_holdings.hpp).
#pragma once
#include <string>
#include <vector>

#include "registries/db/registry_completeness.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

// One missing part, in words, naming the city (lg_code and name), the 町字 when it is
// one, and the missing table with the ABR file it is read from:
// "302015 和歌山県和歌山市: no 住居表示 rows (abr_rsdt, file mt_rsdtdsp_rsdt_…) though …".
std::vector<std::string> missing_abr_parts(const RegistryDb& db);

// The distinct lg_code of ABR table table_name, in order, one keyed seek each (a loose
// index scan): what the audit and the completeness check read of a large table.
std::vector<std::string> cities_of_table(const RegistryDb& db, std::string_view table_name);
// The distinct machiaza_id of city lg_code in table_name, in order, likewise.
std::vector<std::string> towns_of_city(const RegistryDb& db, std::string_view table_name,
                                       const std::string& lg_code);

}  // namespace gifkit::registries
