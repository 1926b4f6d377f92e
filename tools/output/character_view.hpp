// character_view.hpp — the view of a character (what the character data
// says of it: MJ, JIS X 0208/0213/0212 membership and places, the sets it is
// in, IVS variants, the NTA map's row, and its replacement into a target
// set) for `gifkit lookup char` and the service: JSON (camelCase keys, see
// docs/lookup.md) and a text block made from that JSON.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "registries/moji/character_data.hpp"
#include "registries/moji/character_set.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

// The sets a lookup reports membership in, and the target of the
// replacement, built once from the data. Throws RegistryError when to names
// no set (a name or a set file, as character_set_by_argument takes it).
struct CharacterSetsInUse {
  CharacterSetsInUse(const registries::moji::CharacterData& data, const std::string& to);
  std::vector<registries::moji::CharacterSet> sets;
  registries::moji::CharacterSet target;
};

// "U+9AD9 U+E0100" → ["U+9AD9", "U+E0100"]; "bytes …" (not UTF-8) stays one
// element.
Json code_point_list_json(const std::string& code_points);

// {"key": key, "error": message}: a key that names no character (a
// 個人番号 in either masked: grammars::mask_individual_numbers_in).
Json character_key_error_json(const std::string& key, const std::string& message);

class CharacterView {
 public:
  // The formats it writes.
  static constexpr std::initializer_list<OutputFormat> kFormats = {
      OutputFormat::text, OutputFormat::json, OutputFormat::ndjson};

  // data and sets must outlive the view. Safe to share between threads.
  CharacterView(const registries::moji::CharacterData& data, const CharacterSetsInUse& sets)
      : data_(data), sets_(sets) {}

  // What the data says of text (one character: a code point or a sequence),
  // looked up by key.
  Json json(const std::string& key, const std::string& text) const;
  // json (as json() made it) as a text block.
  static void write_text(std::ostream& out, const Json& json);

 private:
  const registries::moji::CharacterData& data_;
  const CharacterSetsInUse& sets_;
};

}  // namespace gifkit::tools
