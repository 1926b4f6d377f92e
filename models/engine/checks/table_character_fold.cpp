// table_character_fold.cpp — names folded by the published character tables
// (see table_character_fold.hpp).
#include "models/engine/checks/table_character_fold.hpp"

#include "grammars/utf8.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::models {

TableCharacterFold::TableCharacterFold(std::shared_ptr<const CharacterChecker> characters)
    : characters_(std::move(characters)),
      fold_(std::make_unique<registries::moji::LazyDerivedFold>(characters_->data())) {}

TableCharacterFold::~TableCharacterFold() = default;

std::string TableCharacterFold::fold_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = grammars::decode_utf8(text, pos);
    // Variation selectors (U+FE00–FE0F, U+E0100–E01EF) are dropped.
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) continue;
    grammars::append_utf8(out, cp < 0x80 ? cp : fold_->fold_one(cp));
  }
  return out;
}

}  // namespace gifkit::models
