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
#include "models/engine/model/code_lists.hpp"
#include "models/engine/model/model_catalog.hpp"
#include "models/session/lookup_session.hpp"
#include "models/session/session_lookup.hpp"
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
  // The character sets' data: the registry session's (the registry's, else
  // the data folder's) or, without a registry, the data folder's moji/;
  // null when none loads.
  std::shared_ptr<const models::CharacterChecker> characters;
  std::vector<std::string> notes;  // what could not be loaded, for stderr

  models::CheckResources resources() const;
};

// Loads the catalog from options.models() (false, with a message on err,
// when that fails) and the 個人番号 header names from its dictionaries/
// (a note when they do not load): what a command that reads datasets
// without checking their values needs.
bool load_model_catalog(const CommonOptions& options, RuntimeData& data, std::ostream& err);

// The 個人番号 header names of options.models()/dictionaries/ into names (a
// note in notes when they do not load: columns are then judged by their
// values only): load_model_catalog's, and chars shrink's.
void load_individual_number_headers(const CommonOptions& options,
                                    models::IndividualNumberHeaders& names,
                                    std::vector<std::string>& notes);

// Loads the catalog from options.models() (false, with a message on err, when
// that fails) and the 個人番号 header names from its dictionaries/, then the
// code lists from options.data() and the character data: session's when a
// registry session is given (it decides: the registry's, else the data
// folder's), else options.data()'s moji/ (missing ones only add notes:
// those checks are skipped).
bool load_runtime_data(const CommonOptions& options, RuntimeData& data, std::ostream& err,
                       const models::LookupSession* session = nullptr);

// The kinds of change of the 法人番号 change feed
// (options.models()/dictionaries/houjin_change_kinds.tsv) into kinds. False,
// with each reason on err after "who: ", when the table cannot be loaded.
bool load_change_kinds(const CommonOptions& options, registries::houjin::ChangeKinds& kinds,
                       std::ostream& err, std::string_view who);

// "file:line:col: message"
std::string format_load_error(const models::ModelLoadError& error);

}  // namespace gifkit::tools
