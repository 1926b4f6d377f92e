// runtime_data.cpp — see runtime_data.hpp.
#include "tools/runtime_data.hpp"

#include <ostream>

#include "registries/moji/moji_store.hpp"

namespace gifkit::tools {

models::CheckResources RuntimeData::resources() const {
  models::CheckResources resources;
  resources.code_lists = code_lists_loaded ? &code_lists : nullptr;
  resources.characters = characters.get();
  return resources;
}

std::string format_load_error(const models::ModelLoadError& error) {
  std::string text = error.file;
  if (error.line > 0) text += ":" + std::to_string(error.line);
  if (error.column > 0) text += ":" + std::to_string(error.column);
  return text + ": " + error.message;
}

bool load_model_catalog(const CommonOptions& options, RuntimeData& data, std::ostream& err) {
  if (!data.catalog.load_directory(options.models(), data.model_errors)) {
    err << "gifkit: cannot load the models from " << options.models().string() << "\n";
    for (const auto& error : data.model_errors) err << "  " << format_load_error(error) << "\n";
    return false;
  }
  for (const auto& error : data.model_errors) {
    err << "gifkit: warning: model skipped: " << format_load_error(error) << "\n";
  }
  std::vector<std::string> header_errors;
  if (!data.individual_number_headers.load(
          options.models() / "dictionaries" / "individual_number_headers.tsv", header_errors)) {
    data.notes.push_back("the header names of 個人番号 not loaded (" + header_errors.front() +
                         "): a column of 個人番号 is found by its values only");
  }
  return true;
}

bool load_runtime_data(const CommonOptions& options, RuntimeData& data, std::ostream& err) {
  if (!load_model_catalog(options, data, err)) return false;
  std::string error;
  auto code_list_xsd = options.data() / "gif" / "GIF_Core_CodeList.xsd";
  data.code_lists_loaded = data.code_lists.load_xsd(code_list_xsd, error);
  if (!data.code_lists_loaded) {
    data.notes.push_back("code lists not loaded (" + error + "): code-list checks skipped");
  }
  try {
    auto characters = std::make_unique<registries::moji::CharacterData>(
        registries::moji::folder_rows(options.data() / "moji"));
    if (!characters->has_jis()) {
      data.notes.push_back("character tables not loaded (" + (options.data() / "moji").string() +
                           " holds no JIS X 0213 mapping): character-set checks skipped");
    } else {
      data.characters = std::make_unique<models::CharacterChecker>(std::move(characters));
    }
  } catch (const registries::RegistryError& load_error) {
    data.notes.push_back(std::string("character tables not loaded (") + load_error.what() +
                         "): character-set checks skipped");
  }
  return true;
}

bool load_change_kinds(const CommonOptions& options, registries::houjin::ChangeKinds& kinds,
                       std::ostream& err, std::string_view who) {
  std::vector<std::string> errors;
  if (kinds.load(options.models() / "dictionaries" / "houjin_change_kinds.tsv", errors))
    return true;
  for (const auto& error : errors) err << who << ": " << error << "\n";
  return false;
}

bool RuntimeData::use_registry_characters(const std::filesystem::path& registry) {
  {
    auto db = registries::RegistryDb::open_existing(registry);
    if (!registries::moji::has_moji_data(db)) return false;
  }
  auto from_registry =
      std::make_unique<registries::moji::CharacterData>(registries::moji::registry_rows(registry));
  if (!from_registry->has_jis()) return false;
  characters = std::make_unique<models::CharacterChecker>(std::move(from_registry));
  return true;
}

std::unique_ptr<models::RegistryFileLookup> open_registry_lookup(const std::string& path,
                                                                 const CommonOptions& options,
                                                                 RuntimeData& data) {
  auto registry = std::make_unique<models::RegistryFileLookup>(
      path, options.models() / "dictionaries" / "address_fold.tsv");
  // The registry's character data, when it holds some, over the files'; else
  // the files' for the address normalizer's variant kanji too.
  if (!data.use_registry_characters(path) && data.characters)
    registry->use_character_tables(&data.characters->data());
  return registry;
}

}  // namespace gifkit::tools
