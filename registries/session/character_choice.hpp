// character_choice.hpp — which character data a run uses, decided here and
// nowhere else (docs/architecture.md, "character data"): the registry's own
// tables when it holds a JIS X 0213 mapping, else the data folder's moji/
// (the MJ, JIS and NTA files of ../shared/data/moji), else none, with the
// reason. A registry session decides once for all its checks
// (registry_session.hpp); a run without a registry (validate, chars) asks with
// no registry; `lookup char` and `chars --registry` want the registry's own
// tables, whatever they hold.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "registries/moji/character_data.hpp"

namespace gifkit::registries {

// Where the chosen character data comes from.
enum class CharacterSource { none, registry, data_folder };

// What a run may choose from.
struct CharacterPlaces {
  // The registry (a file or a PostgreSQL location), "" for none.
  std::filesystem::path registry;
  // The registry holds character tables (moji::has_moji_data); false without one.
  bool registry_has_tables = false;
  // The data folder, whose moji/ is read when the registry has no JIS
  // X 0213 mapping ("" for none).
  std::filesystem::path data_folder;
};

// What the run wants of them.
enum class CharacterWanted {
  for_checks,    // data with a JIS X 0213 mapping: the registry's, else the data folder's
  registry_own,  // the registry's tables as they are (lookup char, chars --registry)
};

struct CharacterChoice {
  std::shared_ptr<const moji::CharacterData> data;  // null: none (note says why)
  CharacterSource source = CharacterSource::none;
  // Why there is none, as validate's model note says it ("character tables
  // not loaded (…): character-set checks skipped"); "" when there is data.
  std::string note;
  // The error that kept the data folder's tables from being read ("" when
  // they were read, or hold no mapping): for a run that needs them.
  std::string failure;
};

// Reads the chosen tables (the registry's with one query, the folder's
// files). A data folder that is missing or unreadable makes the choice none,
// with the reason in note; a registry whose tables cannot be read throws
// RegistryError.
CharacterChoice choose_character_data(const CharacterPlaces& places,
                                      CharacterWanted wanted = CharacterWanted::for_checks);

}  // namespace gifkit::registries
