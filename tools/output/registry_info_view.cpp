// registry_info_view.cpp — see registry_info_view.hpp.
#include "tools/output/registry_info_view.hpp"

namespace gifkit::tools {

Json provenance_json(const registries::Provenance& source) {
  return {{"id", source.id},
          {"sourceFile", source.source_file},
          {"sha256", source.sha256},
          {"dataDate", source.data_date},
          {"rows", source.row_count},
          {"rejectedRows", source.rejected_count},
          {"importedAt", source.imported_at},
          {"sourceKind", source.source_kind},
          {"table", source.table_name}};
}

Json registry_info_json(const registries::RegistryDb& db, const std::string& name) {
  Json json = {{"registry", name},
               {"schemaVersion", std::stoi(db.meta("schema_version"))},
               {"createdAt", db.meta("created_at")},
               {"dataDate", registries::registry_data_date(db)}};
  json["sources"] = Json::array();
  for (const auto& source : db.provenance()) json["sources"].push_back(provenance_json(source));
  json["tables"] = Json::object();
  for (const auto& [table, rows] : db.table_counts()) json["tables"][table] = rows;
  return json;
}

}  // namespace gifkit::tools
