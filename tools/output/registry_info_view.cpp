// registry_info_view.cpp — see registry_info_view.hpp.
#include "tools/output/registry_info_view.hpp"

#include "registries/builder/registry_holdings.hpp"
#include "registries/builder/source_completeness.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;

// The text lists this many cities of a kind, then says how many more (a
// registry of the national 町字 has some 1,900: --format json lists them all).
constexpr std::size_t kCitiesListed = 20;

// "131059 文京区 68; 452092 えびの市 30" for the cities with a count of what.
std::string cities_line(const std::vector<reg::CityHoldings>& cities,
                        std::int64_t reg::CityHoldings::*what, const std::string& label) {
  std::string list;
  std::size_t count = 0;
  for (const reg::CityHoldings& city : cities) {
    if (city.*what == 0) continue;
    if (++count > kCitiesListed) continue;
    if (!list.empty()) list += "; ";
    list += city.lg_code + (city.name.empty() ? "" : " " + city.name) + " " +
            std::to_string(city.*what);
  }
  if (count == 0) return "  " + label + " of no city\n";
  if (count > kCitiesListed)
    list += "; and " + std::to_string(count - kCitiesListed) + " more (--format json lists them)";
  return "  " + label + " of " + std::to_string(count) + (count == 1 ? " city: " : " cities: ") +
         list + "\n";
}

}  // namespace

Json provenance_json(const registries::Provenance& source) {
  return {{"id", source.id},
          {"sourceFile", reg::source_file_name(source.source_file)},
          {"sha256", source.sha256},
          {"dataDate", source.data_date},
          {"rows", source.row_count},
          {"rejectedRows", source.rejected_count},
          {"importedAt", source.imported_at},
          {"sourceKind", source.source_kind},
          {"table", source.table_name}};
}

Json registry_holdings_json(const registries::RegistryDb& db) {
  const reg::HoujinHoldings houjin = reg::houjin_holdings(db.provenance());
  Json json;
  json["corporations"] = {{"holding", std::string(reg::holding_name(houjin.holding))},
                          {"bulkFiles", houjin.bulk_files},
                          {"diffFiles", houjin.diff_files},
                          {"otherFiles", houjin.other_files},
                          {"bulkPrefectures", houjin.bulk_prefectures}};
  json["addresses"] = Json::object();
  for (const reg::CityHoldings& city : reg::address_holdings(db)) {
    json["addresses"][city.lg_code] = {{"name", city.name},
                                       {"towns", city.towns},
                                       {"residences", city.residences},
                                       {"parcels", city.parcels}};
  }
  return json;
}

Json registry_completeness_json(const registries::RegistryDb& db) {
  const reg::Completeness completeness = reg::registry_completeness(db);
  return {{"state", !completeness.recorded    ? "not-recorded"
                    : completeness.complete() ? "complete"
                                              : "incomplete"},
          {"accepted", completeness.accepted},
          {"missing", completeness.missing}};
}

std::string registry_holdings_text(const registries::RegistryDb& db) {
  const reg::HoujinHoldings houjin = reg::houjin_holdings(db.provenance());
  std::string text = "  法人番号: ";
  const std::string files = std::to_string(houjin.bulk_files) + " bulk, " +
                            std::to_string(houjin.diff_files) + " diff, " +
                            std::to_string(houjin.other_files) + " other files";
  switch (houjin.holding) {
    case reg::HoujinHolding::none:
      text += "none\n";
      break;
    case reg::HoujinHolding::complete:
      text += "complete (the bulk 全件 file; " + files + ")\n";
      break;
    case reg::HoujinHolding::diffs_only:
      text += "diffs only (" + files +
              "): a number not in them is not checked, not reported not-in-registry\n";
      break;
    case reg::HoujinHolding::partial: {
      std::string prefectures;
      for (int code : houjin.bulk_prefectures)
        prefectures += (prefectures.empty() ? "" : " ") + std::string(code < 10 ? "0" : "") +
                       std::to_string(code);
      text += "partial (" + files +
              (prefectures.empty() ? std::string() : "; bulk of prefectures " + prefectures) +
              "): a number not in them is not checked, not reported not-in-registry\n";
      break;
    }
  }
  const std::vector<reg::CityHoldings> cities = reg::address_holdings(db);
  text += cities_line(cities, &reg::CityHoldings::towns, "町字");
  text += cities_line(cities, &reg::CityHoldings::residences, "住居表示");
  text += cities_line(cities, &reg::CityHoldings::parcels, "地番");
  return text;
}

Json registry_info_json(const registries::RegistryDb& db, const std::string& name) {
  Json json = {{"registry", name},
               {"schemaVersion", std::stoi(db.meta("schema_version"))},
               {"createdAt", db.meta("created_at")},
               {"dataDate", registries::registry_data_date(db)}};
  json["sources"] = Json::array();
  for (const auto& source : db.provenance()) json["sources"].push_back(provenance_json(source));
  json["holds"] = registry_holdings_json(db);
  json["completeness"] = registry_completeness_json(db);
  json["tables"] = Json::object();
  for (const auto& [table, rows] : registries::registry_table_counts(db))
    json["tables"][table] = rows;
  return json;
}

}  // namespace gifkit::tools
