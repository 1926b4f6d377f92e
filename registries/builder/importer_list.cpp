// importer_list.cpp — see importer_list.hpp.
#include "registries/builder/importer_list.hpp"

#include <algorithm>

#include "registries/abr/abr_import.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/moji/moji_import.hpp"

namespace gifkit::registries {

const std::vector<SourceImporter>& source_importers() {
  static const std::vector<SourceImporter> importers = {
      moji::moji_importer(),
      abr::abr_importer(),
      houjin::houjin_importer(),
  };
  return importers;
}

const SourceImporter* importer_of_kind(std::string_view kind) {
  for (const SourceImporter& importer : source_importers()) {
    if (std::find(importer.kinds.begin(), importer.kinds.end(), kind) != importer.kinds.end())
      return &importer;
  }
  return nullptr;
}

std::vector<std::string> source_kind_names() {
  std::vector<std::string> names = {"auto"};
  for (const SourceImporter& importer : source_importers())
    for (auto kind : importer.kinds) names.emplace_back(kind);
  return names;
}

}  // namespace gifkit::registries
