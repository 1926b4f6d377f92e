// importer_list.hpp — the one list of the registry's source importers (each
// implements registries/db/source_importer.hpp in its own room: abr/, houjin/,
// moji/). It lives in build/, the room above them, so that the importers'
// rooms and db/ never include one another upwards. It feeds build_registry,
// source detection and the --source-kind names.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/source_importer.hpp"

namespace gifkit::registries {

// Every importer, in the order sources are recognised and finished: the
// character data first (the name index of the 法人番号 data folds names with
// it), then the Address Base Registry, then the 法人番号 data.
const std::vector<SourceImporter>& source_importers();

// The importer that reads kind, or nullptr.
const SourceImporter* importer_of_kind(std::string_view kind);

// "auto" and every importer's kinds, for --source-kind.
std::vector<std::string> source_kind_names();

}  // namespace gifkit::registries
