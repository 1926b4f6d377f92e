// moji_import.hpp — the character data importer: each source file (or zip
// entry) of ../shared/data/moji told apart by its content (moji_sources.hpp),
// read into the registry's character tables (moji_store.hpp) with its
// provenance; after every source, the name fold derived from them
// (moji_fold: what a name's character outside JIS X 0208 is compared as).
#pragma once
#include <filesystem>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/db/source_importer.hpp"

namespace gifkit::registries::moji {

// Imports one source file: a character file, or every .csv, .tsv and .txt
// entry of a zip (one provenance row per entry). kind "" detects each one's
// kind from its content; a kind name reads every one as that kind. Inside a
// transaction after create_moji_tables. Throws NotCharacterSource when a file
// is not character data (of the kind given), RegistryError when it cannot
// be read.
std::vector<ImportedSource> import_moji_source(RegistryDb& db, const std::filesystem::path& path,
                                               std::string_view kind,
                                               const RejectedRowHandler& on_rejected);

// The character importer's entry in the registry's importer list.
SourceImporter moji_importer();

}  // namespace gifkit::registries::moji
