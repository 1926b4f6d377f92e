// runtime_data.cpp — see runtime_data.hpp.
#include "tools/runtime_data.hpp"

#include <ostream>

#include "grammars/values/identifiers.hpp"

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
  // model check writes it to standard output, which no rule masks: its file
  // name and libxml2's message (which quotes the file's names) never show a
  // 個人番号.
  return grammars::mask_individual_numbers_in(text + ": " + error.message);
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
  std::string release_error;
  if (!data.catalog.prefer_release(options.gif_version, release_error)) {
    err << "gifkit: --gif-version: " << release_error << "\n";
    return false;
  }
  load_individual_number_headers(options, data.individual_number_headers, data.notes);
  return true;
}

void load_individual_number_headers(const CommonOptions& options,
                                    models::IndividualNumberHeaders& names,
                                    std::vector<std::string>& notes) {
  std::vector<std::string> header_errors;
  if (!names.load(options.models() / "dictionaries" / "individual_number_headers.tsv",
                  header_errors)) {
    notes.push_back("the header names of 個人番号 not loaded (" + header_errors.front() +
                    "): a column of 個人番号 is found by its values only");
  }
}

bool load_runtime_data(const CommonOptions& options, RuntimeData& data, std::ostream& err,
                       const models::LookupSession* session) {
  if (!load_model_catalog(options, data, err)) return false;
  std::string error;
  auto code_list_xsd = options.data() / "gif" / "GIF_Core_CodeList.xsd";
  data.code_lists_loaded = data.code_lists.load_xsd(code_list_xsd, error);
  if (!data.code_lists_loaded) {
    data.notes.push_back("code lists not loaded (" + error + "): code-list checks skipped");
  }
  std::string characters_note;
  if (session != nullptr) {
    data.characters = session->characters();
    characters_note = session->characters_note();
  } else {
    registries::CharacterPlaces places;
    places.data_folder = options.data();
    const registries::CharacterChoice choice = registries::choose_character_data(places);
    data.characters = models::character_checker(choice);
    characters_note = choice.note;
  }
  if (!data.characters) data.notes.push_back(characters_note);
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

}  // namespace gifkit::tools
