// character_set.cpp — see character_set.hpp.
#include "registries/moji/character_set.hpp"

#include <bit>

#include "grammars/utf8.hpp"

namespace gifkit::registries::moji {

CharacterSet::CharacterSet() : bits_(kCodePoints / 64, 0) {}

CharacterSet::CharacterSet(std::string name, std::string description)
    : name_(std::move(name)), description_(std::move(description)), bits_(kCodePoints / 64, 0) {}

void CharacterSet::add_sequence(std::string_view utf8) {
  if (utf8.empty()) return;
  std::size_t pos = 0;
  char32_t first = grammars::decode_utf8(utf8, pos);
  if (pos == utf8.size()) {
    add(first);
    return;
  }
  sequences_.emplace(utf8);
}

std::size_t CharacterSet::code_point_count() const {
  std::size_t count = 0;
  for (std::uint64_t word : bits_) count += static_cast<std::size_t>(std::popcount(word));
  return count;
}

}  // namespace gifkit::registries::moji
