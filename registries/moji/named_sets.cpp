// named_sets.cpp — see named_sets.hpp. Each built-in set is a rule over the
// flags of the character data; only hiragana asks Unicode (the script, of
// grammars' unicode_facts.hpp).
#include "registries/moji/named_sets.hpp"

#include "grammars/text/unicode_facts.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/db/source_files.hpp"

namespace gifkit::registries::moji {
namespace {

const std::vector<NamedSetInfo> kNamedSets = {
    {"ascii", "ASCII", "ASCII (U+0020–U+007E)"},
    {"jisx0208", "JIS X 0208", "JIS X 0208 and ASCII"},
    {"jisx0213", "JIS X 0213", "JIS X 0213:2004 (levels 1–4) and ASCII"},
    {"jisx0213:1-2", "JIS X 0213 levels 1–2",
     "JIS X 0213's non-kanji, its level 1–2 kanji and ASCII"},
    {"jisx0213:1-3", "JIS X 0213 levels 1–3",
     "JIS X 0213's non-kanji, its level 1–3 kanji and ASCII"},
    {"mj", "MJ", "the MJ characters, JIS X 0213's non-kanji and ASCII"},
    {"katakana", "full-width katakana",
     "full-width katakana (IMI, ISO/IEC 10646 Annex G) and spaces"},
    {"hiragana", "hiragana", "hiragana, ゛゜ー and spaces"},
};

constexpr char32_t kFlagCodePoints = 0x30000;

void add_ascii(CharacterSet& set) {
  set.add_range(0x20, 0x7E);
}

void add_spaces(CharacterSet& set) {
  set.add(0x20);
  set.add(0x3000);
}

// Adds every code point whose flags pass keep.
template <typename Keep>
void add_flagged(const CharacterData& data, CharacterSet& set, Keep keep) {
  for (char32_t cp = 0; cp < kFlagCodePoints; ++cp)
    if (keep(data.flags(cp))) set.add(cp);
}

void require_jis(const CharacterData& data, std::string_view name) {
  if (!data.has_jis()) {
    throw RegistryError("character set " + std::string(name) + ": " + data.source_name() +
                        " holds no JIS X 0213 mapping (jisx0213-2004-8bit-std.txt)");
  }
}

void add_jis_levels(const CharacterData& data, CharacterSet& set, int highest_level) {
  add_flagged(data, set, [highest_level](std::uint16_t flags) {
    int level = (flags & kJisLevelMask) >> kJisLevelShift;
    return (flags & kInJisX0213) != 0 && level <= highest_level;
  });
  for (const auto& sequence : data.jis_sequences()) set.add_sequence(sequence);
}

}  // namespace

const std::vector<NamedSetInfo>& named_sets() {
  return kNamedSets;
}

bool is_named_set(std::string_view name) {
  for (const auto& info : kNamedSets)
    if (info.name == name) return true;
  return false;
}

CharacterSet make_character_set(const CharacterData& data, std::string_view name) {
  const NamedSetInfo* info = nullptr;
  for (const auto& known : kNamedSets)
    if (known.name == name) info = &known;
  if (info == nullptr) {
    if (const CharacterSet* imported = data.imported_set(name)) return *imported;
    std::string names;
    for (const auto& known : kNamedSets)
      names += (names.empty() ? "" : ", ") + std::string(known.name);
    for (const auto& [set_name, set_info] : data.sets()) names += ", " + set_name;
    throw UnknownCharacterSet("no character set '" + std::string(name) + "' (there are " + names +
                              ", or give a set file)");
  }
  CharacterSet set{std::string(info->name), std::string(info->title)};
  add_ascii(set);
  if (name == "ascii") return set;
  if (name == "katakana" || name == "hiragana") {
    CharacterSet kana{std::string(info->name), std::string(info->title)};
    add_spaces(kana);
    if (name == "katakana") {
      add_flagged(data, kana, [](std::uint16_t flags) { return (flags & kImiKatakana) != 0; });
      if (kana.code_point_count() <= 2) {
        throw RegistryError("character set katakana: " + data.source_name() +
                            " holds no IMI katakana set (imi_ISOIEC10646Annex-G-supplement-"
                            "KATAKANA-compliant.txt)");
      }
    } else {
      for (char32_t cp = 0x3040; cp < 0x30A0; ++cp)
        if (grammars::unicode_facts::is_hiragana(cp)) kana.add(cp);
      kana.add(0x309B);  // ゛
      kana.add(0x309C);  // ゜
      kana.add(0x30FC);  // ー
    }
    return kana;
  }
  require_jis(data, name);
  if (name == "jisx0208") {
    add_flagged(data, set, [](std::uint16_t flags) { return (flags & kInJisX0208) != 0; });
  } else if (name == "jisx0213") {
    add_jis_levels(data, set, 4);
  } else if (name == "jisx0213:1-2") {
    add_jis_levels(data, set, 2);
  } else if (name == "jisx0213:1-3") {
    add_jis_levels(data, set, 3);
  } else if (name == "mj") {
    if (!data.has_mj()) {
      throw RegistryError("character set mj: " + data.source_name() +
                          " holds no MJ table (mojikiban_moji.csv)");
    }
    add_jis_levels(data, set, 0);
    // Every MJ character; a base whose MJ characters all carry a selector
    // (邉, 條) is an MJ character written without one.
    for (const MjCharacter& character : data.mj_characters()) {
      for (const auto& sequence : character.sequences) {
        set.add_sequence(sequence);
        std::size_t pos = 0;
        set.add(grammars::decode_utf8(sequence, pos));
      }
    }
  }
  return set;
}

CharacterSet load_character_set_file(const std::filesystem::path& file) {
  std::string name = set_name_of(file.filename().string());
  CharacterSet set{name, "the set " + file.filename().string()};
  class Collect : public MojiRowHandler {
   public:
    explicit Collect(CharacterSet& set) : set_(set) {}
    void set(const SetInfo& info) override { title = info.title; }
    void set_member(std::string_view, std::string_view sequence) override {
      set_.add_sequence(sequence);
      ++members;
    }
    std::string title;
    std::size_t members = 0;

   private:
    CharacterSet& set_;
  } collect(set);
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error))
    throw RegistryError(file.string() + ": no such set file");
  SourceStream source(file);
  std::string first_problem;
  read_moji_source(source, MojiKind::set, name, collect, [&](const RejectedRow& row) {
    if (first_problem.empty())
      first_problem = row.file + ":" + std::to_string(row.line) + ": " + row.reason;
  });
  if (!first_problem.empty()) {
    throw CharacterSetFileError(first_problem +
                                " — a set file lists one hex code point a line ('#' comments)");
  }
  if (collect.members == 0)
    throw CharacterSetFileError(file.string() + ": the set file lists no character");
  return set;
}

CharacterSet character_set_by_argument(const CharacterData& data, std::string_view argument) {
  if (is_named_set(argument) || data.imported_set(argument) != nullptr)
    return make_character_set(data, argument);
  std::error_code error;
  if (std::filesystem::is_regular_file(std::filesystem::path(argument), error))
    return load_character_set_file(std::filesystem::path(argument));
  return make_character_set(data, argument);  // throws UnknownCharacterSet
}

}  // namespace gifkit::registries::moji
