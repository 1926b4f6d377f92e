// script_words.cpp — see script_words.hpp.
#include "grammars/text/script_words.hpp"

#include <cstdint>

#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {
namespace {

enum class Script : std::uint8_t { other, kanji, katakana, latin };

Script script_of(char32_t cp) {
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x20000 && cp <= 0x3FFFF) || cp == U'々')
    return Script::kanji;
  if ((cp >= 0x30A1 && cp <= 0x30FA) || cp == U'ー') return Script::katakana;
  if ((cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9'))
    return Script::latin;
  return Script::other;
}

}  // namespace

std::vector<std::string> script_words(std::string_view text) {
  std::vector<std::string> words;
  Script current = Script::other;
  std::size_t start = 0, characters = 0;
  const auto close = [&](std::size_t end) {
    if (current != Script::other && characters >= 2)
      words.emplace_back(text.substr(start, end - start));
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    const Script script = script_of(decode_utf8(text, pos));
    if (script != current) {
      close(at);
      current = script;
      start = at;
      characters = 0;
    }
    ++characters;
  }
  close(text.size());
  return words;
}

}  // namespace gifkit::grammars
