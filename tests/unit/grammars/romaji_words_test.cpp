// romaji_words_test.cpp — a Japanese name's romaji (Hepburn, 訓令, ワープロ,
// passports' long vowels) and its katakana brought to one spelling
// (grammars/dictionaries/romaji_words.hpp); what is not romaji, and kana
// written as foreign names are, left out; and the Latin-name check judging
// a Japanese name's romaji strictly (latin_kana.hpp's japanese_name).
// room: dictionaries
#include <catch2/catch.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "grammars/dictionaries/latin_kana.hpp"
#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "grammars/dictionaries/romaji_words.hpp"
#include "grammars/text/edit_distance.hpp"

using namespace gifkit::grammars;

namespace {

std::optional<std::string> kana_spelling(std::string_view kana, bool long_mark = false) {
  return romaji_spelling_of_kana(to_code_points(kana), long_mark);
}

}  // namespace

TEST_CASE("romaji-1 romaji of every system comes to one spelling") {
  const std::vector<std::pair<const char*, const char*>> spellings = {
      {"tanaka", "tanaka"}, {"satoh", "sato"},        {"satou", "sato"},
      {"ohno", "ono"},      {"oono", "ono"},          {"ohara", "ohara"},
      {"yuuko", "yuko"},    {"syunsuke", "shunsuke"}, {"tiduru", "chizuru"},
      {"zyunko", "junko"},  {"hujita", "fujita"},     {"sampei", "sanpei"},
      {"homma", "honma"},   {"junnichi", "junichi"},  {"hattori", "hattori"},
      {"hotchi", "hotchi"}, {"kyouko", "kyoko"},      {"kaworu", "kaoru"},
      {"inoue", "inoe"}};
  for (const auto& [latin, spelling] : spellings) {
    INFO(latin);
    CHECK(romaji_spelling_of_latin(latin) == std::optional<std::string>(spelling));
  }
}

TEST_CASE("romaji-2 what is not Japanese romaji has no spelling") {
  for (const char* latin : {"smith", "christina", "lee", "nguyen", "tomas", "fabian", "wei", "yes",
                            "kim", "tsa", "she", "n", "x"}) {
    INFO(latin);
    CHECK_FALSE(romaji_spelling_of_latin(latin).has_value());
  }
}

TEST_CASE("romaji-3 katakana written as Japanese names are, and not") {
  CHECK(kana_spelling("タナカ") == std::optional<std::string>("tanaka"));
  CHECK(kana_spelling("オオノ") == std::optional<std::string>("ono"));
  CHECK(kana_spelling("サトウ") == std::optional<std::string>("sato"));
  CHECK(kana_spelling("チヅル") == std::optional<std::string>("chizuru"));
  CHECK(kana_spelling("ハットリ") == std::optional<std::string>("hattori"));
  CHECK(kana_spelling("シュンスケ") == std::optional<std::string>("shunsuke"));
  CHECK(kana_spelling("カズヱ") == std::optional<std::string>("kazue"));
  // Foreign-styled: ー, small vowels, ヴ; and what no word starts with.
  for (const char* kana : {"ローズ", "ティナ", "ヴィクトル", "フェイ", "ンガ", "ッタ", "ー"}) {
    INFO(kana);
    CHECK_FALSE(kana_spelling(kana).has_value());
  }
  // A dictionary's katakana with ー for the long vowel.
  CHECK(kana_spelling("イチロー", true) == std::optional<std::string>("ichiro"));
  CHECK_FALSE(kana_spelling("イチロー").has_value());
}

TEST_CASE("romaji-4 a Japanese name's romaji is judged strictly against its kana") {
  const std::set<std::string> names = {"tanaka", "taro", "ono", "yuko", "ichiro", "mike"};
  const auto japanese_name = [&](std::string_view romaji) {
    return names.contains(std::string(romaji));
  };
  const std::vector<std::string> ichiro = {"イチロー"};
  const std::vector<std::string> mike = {"マイク"};
  const auto known = [&](std::string_view word) -> const std::vector<std::string>* {
    return word == "ichiro" ? &ichiro : word == "mike" ? &mike : nullptr;
  };
  const auto verdict = [&](std::string_view latin, std::string_view kana) {
    const LatinNameResult result = judge_latin_name(latin, kana, known, japanese_name);
    INFO(latin << " / " << kana << ": " << result.reason);
    return result.verdict;
  };
  CHECK(verdict("TANAKA TARO", "タナカ　タロウ") == LatinReading::plausible);
  CHECK(verdict("Tanaka Taro", "タナカタロウ") == LatinReading::plausible);
  CHECK(verdict("OHNO YUKO", "オオノ　ユウコ") == LatinReading::plausible);
  // One vowel off: the loose table lets it by, the romaji does not.
  CHECK(verdict("TANAKA TARO", "タナコ　タロウ") == LatinReading::mismatch);
  CHECK(judge_latin_name("TANAKA TARO", "タナコ　タロウ", known).verdict != LatinReading::mismatch);
  CHECK(verdict("Tanaka Taro", "タナカタレウ") == LatinReading::mismatch);
  // The dictionary reads ichiro as its romaji only: strict there too.
  CHECK(verdict("SUZUKI ICHIRO", "スズキ　イチロー") == LatinReading::plausible);
  CHECK(verdict("ICHIRO", "イチル") == LatinReading::mismatch);
  // A word the dictionary reads otherwise (mike マイク) is a foreign name: its
  // own reading, or the loose table, not the romaji.
  CHECK(verdict("MIKE", "マイク") == LatinReading::plausible);
  CHECK(verdict("MIKE", "マイコ") != LatinReading::mismatch);
  // Kana written as a foreign name is (ー): the loose table.
  CHECK(verdict("TARO", "ターロ") != LatinReading::mismatch);
}

TEST_CASE("romaji-5 the dictionary's index of names' romaji") {
  NameReadings dictionary;
  dictionary.add(NamePart::family, "田中", {"タナカ"});
  dictionary.add(NamePart::given, "優子", {"ユウコ", "ユコ"});
  dictionary.add(NamePart::given, "麗", {"レイ"});
  CHECK(dictionary.is_romaji_of_a_name("tanaka"));
  CHECK(dictionary.is_romaji_of_a_name("yuko"));
  CHECK(dictionary.is_romaji_of_a_name("rei"));
  CHECK_FALSE(dictionary.is_romaji_of_a_name("tanako"));
  CHECK_FALSE(dictionary.is_romaji_of_a_name(""));
}
