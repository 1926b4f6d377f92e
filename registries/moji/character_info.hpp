// character_info.hpp — what the character data says of one character (a
// text unit): its MJ characters (of the exact sequence, else of its base, and
// whether MJ has its selector), its places in JIS X 0213, its flags, the NTA
// map's row, and the IVS variants of its base. Used by `lookup char` and by
// every message that names a character (validate, chars check). And the
// keys a person looks a character up by: the character itself, U+9AD9, an
// IVS sequence (U+908A U+E0102), an MJ number (MJ028902), a 面区点 (1-94-20).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registries/moji/character_data.hpp"

namespace gifkit::registries::moji {

struct CharacterInfo {
  std::string text;         // UTF-8
  std::string code_points;  // "U+908A U+E0102"
  char32_t base = 0;
  char32_t selector = 0;
  std::uint16_t flags = 0;  // of the base (a selector is in no JIS set)
  // Its MJ characters: of the exact sequence; when there are none, of its
  // base (mj_of_base set): 條 alone, or a selector MJ does not have.
  std::vector<const MjCharacter*> mj;
  bool mj_of_base = false;
  bool selector_not_in_mj = false;           // a base + selector that no MJ character is
  std::vector<const JisPlace*> jis;          // its places in JIS X 0213 (of the exact text)
  const NtaRow* nta = nullptr;               // the NTA map's row (of the text, else of its base)
  std::vector<const MjCharacter*> variants;  // every MJ character of its base

  // "MJ028902" or "MJ030196, MJ030197" (of the base: "base MJ…"); "" when none.
  std::string mj_names() const;
};

// Describes one unit (UTF-8 of one character as text_units.hpp reads it).
// Loads the details of data.
CharacterInfo describe_character(const CharacterData& data, std::string_view unit_text);

// The readings the MJ table gives a character (UTF-8 of one character, with or
// without its selector): the yomi of each MJ character of that exact sequence,
// else of every MJ character of its base, joined by '・' as published
// ("コウ・たかい・たか・…"), each reading once; "" when MJ has none (or the data
// has no MJ table). Loads the MJ details of data. The name-reading check's
// per-character readings (CharacterLookup::character_readings).
std::string character_readings(const CharacterData& data, std::string_view character);

// What a lookup key resolved to.
struct CharacterKey {
  enum class Status { found, not_found, malformed };
  Status status = Status::malformed;
  std::string text;     // the character (UTF-8) when found
  std::string message;  // why not, when not found or malformed
};

// Resolves a key: "MJ028902" (an MJ number), "U+9AD9" or "U+908A U+E0102"
// (also "U+908A+E0102", "U+908A_E0102"), "1-94-20" (a 面区点 of JIS X 0213),
// or one character typed as it is. A key that is well formed but names
// nothing in the data is not_found.
CharacterKey resolve_character_key(const CharacterData& data, std::string_view key);

}  // namespace gifkit::registries::moji
