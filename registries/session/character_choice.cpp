// character_choice.cpp — see character_choice.hpp.
#include "registries/session/character_choice.hpp"

#include <utility>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

namespace {

// The data folder's moji/ when it holds a JIS X 0213 mapping.
CharacterChoice folder_characters(const std::filesystem::path& data_folder) {
  CharacterChoice choice;
  if (data_folder.empty()) {
    choice.note = "character tables not loaded (no data folder): character-set checks skipped";
    return choice;
  }
  const std::filesystem::path folder = data_folder / "moji";
  try {
    auto data = std::make_unique<moji::CharacterData>(moji::folder_rows(folder));
    if (data->has_jis()) {
      choice.data = std::move(data);
      choice.source = CharacterSource::data_folder;
      return choice;
    }
    choice.note = "character tables not loaded (" + folder.string() +
                  " holds no JIS X 0213 mapping): character-set checks skipped";
  } catch (const RegistryError& error) {
    choice.failure = error.what();
    choice.note = std::string("character tables not loaded (") + error.what() +
                  "): character-set checks skipped";
  }
  return choice;
}

}  // namespace

CharacterChoice choose_character_data(const CharacterPlaces& places, CharacterWanted wanted) {
  if (!places.registry.empty() && places.registry_has_tables) {
    auto data = std::make_unique<moji::CharacterData>(moji::registry_rows(places.registry));
    if (wanted == CharacterWanted::registry_own || data->has_jis()) {
      CharacterChoice choice;
      choice.data = std::move(data);
      choice.source = CharacterSource::registry;
      return choice;
    }
  }
  if (wanted == CharacterWanted::registry_own) {
    CharacterChoice none;
    none.note = places.registry.empty() ? "no registry" : "the registry has no character data";
    return none;
  }
  return folder_characters(places.data_folder);
}

}  // namespace gifkit::registries
