// character_data_lookup.cpp — see character_data_lookup.hpp.
#include "models/engine/checks/character_data_lookup.hpp"

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::models {

CharacterDataLookup::CharacterDataLookup(const registries::moji::CharacterData& data)
    : data_(data) {}

CharacterDataLookup::~CharacterDataLookup() = default;

std::string CharacterDataLookup::fold_characters(std::string_view text) {
  if (!fold_) fold_ = std::make_unique<registries::moji::LazyDerivedFold>(data_);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = grammars::decode_utf8(text, pos);
    if (grammars::is_variation_selector(cp)) continue;
    grammars::append_utf8(out, cp < 0x80 ? cp : fold_->fold_one(cp));
  }
  return out;
}

std::string CharacterDataLookup::character_readings(std::string_view character) {
  return registries::moji::character_readings(data_, character);
}

}  // namespace gifkit::models
