// runtime_data.hpp — loads what commands need at run time: the model catalog
// (models/), the header names of 個人番号 (models/dictionaries/), the GIF code
// lists and the character-set tables (published data), and the kinds of
// change of the 法人番号 change feed (models/dictionaries/).
#pragma once
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <filesystem>
#include <memory>

#include "models/engine/checks/character_checks.hpp"
#include "models/engine/checks/individual_number.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "models/engine/lookups/registry_file_lookup.hpp"
#include "models/engine/model/code_lists.hpp"
#include "models/engine/model/model_catalog.hpp"
#include "registries/houjin/changes/change_kinds.hpp"
#include "tools/command.hpp"

namespace gifkit::tools {

struct RuntimeData {
  models::ModelCatalog catalog;
  std::vector<models::ModelLoadError> model_errors;  // files of the catalog that failed
  // models/dictionaries/individual_number_headers.tsv (empty when it does not
  // load: a note says so, and 個人番号 columns are found by their values only).
  models::IndividualNumberHeaders individual_number_headers;
  models::CodeLists code_lists;
  bool code_lists_loaded = false;
  // The character sets' data: the registry's (use_registry_characters) or
  // the published files' (moji/ of the data folder); null when neither loads.
  std::unique_ptr<models::CharacterChecker> characters;
  std::vector<std::string> notes;  // what could not be loaded, for stderr

  models::CheckResources resources() const;
  // Checks characters with the character data of registry when it holds
  // some (true), else keeps the files' (false).
  bool use_registry_characters(const std::filesystem::path& registry);
};

// Loads the catalog from options.models() (false, with a message on err,
// when that fails) and the 個人番号 header names from its dictionaries/
// (a note when they do not load): what a command that reads datasets
// without checking their values needs.
bool load_model_catalog(const CommonOptions& options, RuntimeData& data, std::ostream& err);

// Loads the catalog from options.models() (false, with a message on err, when
// that fails) and the 個人番号 header names from its dictionaries/, then the
// code lists and the character data from options.data() (missing ones only
// add notes: those checks are skipped).
bool load_runtime_data(const CommonOptions& options, RuntimeData& data, std::ostream& err);

// The registry file at path for the engine's lookups, with the address fold
// table of options.models() and character data: the registry's own when it
// holds some (data then checks characters with it too), else data's. Throws
// (std::exception) when the registry cannot be opened.
std::unique_ptr<models::RegistryFileLookup> open_registry_lookup(const std::string& path,
                                                                 const CommonOptions& options,
                                                                 RuntimeData& data);

// The kinds of change of the 法人番号 change feed
// (options.models()/dictionaries/houjin_change_kinds.tsv) into kinds. False,
// with each reason on err after "who: ", when the table cannot be loaded.
bool load_change_kinds(const CommonOptions& options, registries::houjin::ChangeKinds& kinds,
                       std::ostream& err, std::string_view who);

// "file:line:col: message"
std::string format_load_error(const models::ModelLoadError& error);

}  // namespace gifkit::tools
