// named_sets.hpp — the character sets a field may declare (the model
// language's charset="…", `gifkit chars --charset`), made from the character
// data, and set files in the IMI format read as sets:
//   ascii         U+0020–U+007E
//   jisx0208      JIS X 0208 and ASCII (JIS X 0201's roman half)
//   jisx0213      JIS X 0213:2004 (all four levels, both planes) and ASCII
//   jisx0213:1-2  JIS X 0213's non-kanji and its level 1–2 kanji, and ASCII
//   jisx0213:1-3  the same with level 3 (plane 1)
//   mj            the MJ characters (with their variation selectors), JIS X
//                 0213's non-kanji and ASCII
//   katakana      the IMI katakana set (ISO/IEC 10646 Annex G), spaces
//   hiragana      Unicode's Hiragana script, ゛゜ー, spaces
// and every set imported into the registry, by its name.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/character_set.hpp"

namespace gifkit::registries::moji {

struct NamedSetInfo {
  std::string_view name;
  std::string_view title;        // for messages: "JIS X 0208" (the set's description())
  std::string_view description;  // for help: "JIS X 0208 and ASCII"
};
// The built-in names, in the order help lists them.
const std::vector<NamedSetInfo>& named_sets();
// True when name is a built-in name.
bool is_named_set(std::string_view name);

// A set name that is neither built in nor imported. what() says which
// names there are.
class UnknownCharacterSet : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// The set called name: a built-in one made from data, or a set imported
// into the registry the data came from. Throws UnknownCharacterSet; for a
// built-in set whose data is missing (mj without the MJ table, jisx0208
// without the JIS mapping) RegistryError saying what is missing.
CharacterSet make_character_set(const CharacterData& data, std::string_view name);

// A set file that is not a set (a line that is not a code point): what()
// is "file:line: why".
class CharacterSetFileError : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// Reads a set file in the IMI format (imi_*.txt: '#' comments, one hex code
// point per line, "908A_E0102" for a character with its selector): exactly
// the characters it lists. Throws CharacterSetFileError at the first line
// that is not a member, RegistryError when it cannot be read or lists
// nothing.
CharacterSet load_character_set_file(const std::filesystem::path& file);

// The set a --charset argument names: a built-in or imported name, or else
// an existing file read as a set file.
CharacterSet character_set_by_argument(const CharacterData& data, std::string_view argument);

}  // namespace gifkit::registries::moji
