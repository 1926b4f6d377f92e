// unidic_names.cpp — see unidic_names.hpp.
#include "grammars/dictionaries/unidic_names.hpp"

#include <cstring>
#include <string>

#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

constexpr std::string_view kPerson = ",名詞,固有名詞,人名,";
constexpr std::size_t kReadingColumn = 10;

// True when every code point of utf8 is kana (hiragana, katakana, ー).
bool kana_only(std::string_view utf8) {
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = decode_utf8(utf8, pos);
    if (!((cp >= U'ぁ' && cp <= U'ゖ') || (cp >= U'ァ' && cp <= U'ヺ') || cp == U'ー'))
      return false;
  }
  return true;
}

}  // namespace

std::uint64_t parse_unidic_names_into(std::string_view text, NameReadings& into,
                                      const KeepHeadword& keep) {
  std::uint64_t added = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const void* hit = memmem(text.data() + pos, text.size() - pos, kPerson.data(), kPerson.size());
    if (hit == nullptr) break;
    const std::size_t at = static_cast<const char*>(hit) - text.data();
    const std::size_t start = text.rfind('\n', at) + 1;  // npos + 1 == 0
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    pos = end;
    const std::string_view line = text.substr(start, end - start);
    // Columns 0..10: the POS is columns 4..7, so the person tag must sit after
    // the fourth comma.
    std::string_view columns[kReadingColumn + 1];
    std::size_t from = 0;
    std::size_t count = 0;
    while (count <= kReadingColumn) {
      const std::size_t comma = line.find(',', from);
      columns[count++] = line.substr(from, comma - from);
      if (comma == std::string_view::npos) break;
      from = comma + 1;
    }
    if (count <= kReadingColumn || columns[4] != "名詞" || columns[6] != "人名") continue;
    NamePart part;
    if (columns[7] == "姓") {
      part = NamePart::family;
    } else if (columns[7] == "名") {
      part = NamePart::given;
    } else {
      continue;
    }
    const std::string_view surface = columns[0];
    const std::string_view reading = columns[kReadingColumn];
    if (surface.empty() || surface.front() == '"' || reading.empty() || reading == "*" ||
        kana_only(surface) || find_invalid_utf8(line) != std::string_view::npos)
      continue;
    if (keep && !keep(surface)) continue;
    into.add_one(part, surface, reading);
    ++added;
  }
  return added;
}

}  // namespace gifkit::grammars
