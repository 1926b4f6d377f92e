// test_name_reading.cpp — the name-reading check (checks/name_reading.hpp):
// with a small dictionary and a CharacterLookup made here (the rules), then
// with the installed NAIST-jdic and the published MJ table (the names the
// issue lists), and the pairs of items validate judges.
// room: checks
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "model_test_support.hpp"
#include "models/engine/checks/character_data_lookup.hpp"
#include "models/engine/checks/name_forms.hpp"
#include "models/engine/checks/name_reading.hpp"
#include "registries/moji/character_data.hpp"

using namespace gifkit::models;
namespace moji = gifkit::registries::moji;
using gifkit::models::testing::kDataDir;

namespace {

// Characters with readings given here, and one 異体字 fold (髙 → 高).
class FakeCharacters : public CharacterLookup {
 public:
  std::string fold_characters(std::string_view text) override {
    std::string out(text);
    for (std::size_t at; (at = out.find("髙")) != std::string::npos;) out.replace(at, 3, "高");
    return out;
  }
  std::string character_readings(std::string_view character) override {
    const auto found = readings.find(std::string(character));
    return found == readings.end() ? std::string() : found->second;
  }
  std::map<std::string, std::string> readings{{"高", "コウ・たかい・たか・たかまる"},
                                              {"橋", "キョウ・はし"},
                                              {"山", "サン・やま"},
                                              {"崎", "キ・さき"},
                                              {"桃", "トウ・もも"},
                                              {"佐", "サ"},
                                              {"藤", "トウ・ドウ・ふじ"},
                                              {"木", "ボク・モク・き・こ"}};
};

NameReadings small_dictionary() {
  NameReadings dictionary;
  dictionary.add(NamePart::family, "佐藤", {"サトウ"});
  dictionary.add(NamePart::family, "高橋", {"タカハシ", "タカバシ"});
  dictionary.add(NamePart::family, "山崎", {"ヤマザキ"});
  dictionary.add(NamePart::given, "花子", {"ハナコ"});
  dictionary.add(NamePart::given, "一郎", {"イチロウ"});
  return dictionary;
}

ReadingVerdict judge(const NameReadings* dictionary, CharacterLookup* characters, const char* kanji,
                     const char* kana, NamePart part) {
  return judge_name_reading(dictionary, characters, kanji, kana, part).verdict;
}

constexpr auto plausible = ReadingVerdict::plausible;
constexpr auto mismatch = ReadingVerdict::mismatch;
constexpr auto not_checked = ReadingVerdict::not_checked;

}  // namespace

TEST_CASE("reading-1.1 a name the dictionary knows: its readings, folded; others a mismatch") {
  const NameReadings dictionary = small_dictionary();
  FakeCharacters characters;
  const auto family = NamePart::family;
  CHECK(judge(&dictionary, &characters, "佐藤", "サトウ", family) == plausible);
  CHECK(judge(&dictionary, &characters, "佐藤", "さとう", family) == plausible);
  CHECK(judge(&dictionary, &characters, "佐藤", "ｻﾄｰ", family) == plausible);
  CHECK(judge(&dictionary, &characters, "佐藤", "スズキ", family) == mismatch);
  const ReadingResult result =
      judge_name_reading(&dictionary, &characters, "佐藤", "スズキ", family);
  CHECK(result.known == std::vector<std::string>{"サトウ"});
  CHECK(judge(&dictionary, &characters, "髙橋", "タカハシ", family) == plausible);  // 異体字 folded
  // Not in the dictionary's readings but made of its characters' (山 やま + 崎 さき): plausible.
  CHECK(judge(&dictionary, &characters, "山崎", "ヤマサキ", family) == plausible);
  CHECK(judge(&dictionary, &characters, "山崎", "ヤマザキ", family) == plausible);
  CHECK(judge(&dictionary, &characters, "山崎", "ヤマモト", family) == mismatch);
}

TEST_CASE("reading-1.2 a name the dictionary does not know is never a mismatch") {
  const NameReadings dictionary = small_dictionary();
  FakeCharacters characters;
  const auto family = NamePart::family;
  // Made of its characters' readings, with 連濁 (さき → ザキ): plausible.
  CHECK(judge(&dictionary, &characters, "桃崎", "モモサキ", family) == plausible);
  CHECK(judge(&dictionary, &characters, "桃崎", "モモザキ", family) == plausible);
  CHECK(judge_name_reading(&dictionary, &characters, "桃崎", "モモザキ", family).by_characters);
  // Not made of them: not checked (MJ has no 名乗り), whatever the kana.
  CHECK(judge(&dictionary, &characters, "桃崎", "スズキ", family) == not_checked);
  // A character without readings: not checked.
  CHECK(judge(&dictionary, &characters, "鵺野", "ヌエノ", family) == not_checked);
  // Without character data or a dictionary at all.
  CHECK(judge(&dictionary, nullptr, "桃崎", "スズキ", family) == not_checked);
  CHECK(judge(nullptr, nullptr, "佐藤", "スズキ", family) == not_checked);
  CHECK(judge(nullptr, &characters, "佐藤", "サトウ", family) == plausible);  // 佐 サ + 藤 トウ
}

TEST_CASE("reading-1.3 what cannot be judged: empty values, a kana with letters or kanji") {
  const NameReadings dictionary = small_dictionary();
  CHECK(judge(&dictionary, nullptr, "佐藤", "", NamePart::family) == not_checked);
  CHECK(judge(&dictionary, nullptr, "", "サトウ", NamePart::family) == not_checked);
  CHECK(judge(&dictionary, nullptr, "佐藤", "Sato", NamePart::family) == not_checked);
  CHECK(judge(&dictionary, nullptr, "佐藤", "佐藤", NamePart::family) == not_checked);
  CHECK(judge(&dictionary, nullptr, "  ", "サトウ", NamePart::full) == not_checked);
}

TEST_CASE("reading-1.4 氏名: split at the space, or at a surname the dictionary knows") {
  const NameReadings dictionary = small_dictionary();
  FakeCharacters characters;
  const auto full = NamePart::full;
  CHECK(judge(&dictionary, &characters, "佐藤 花子", "サトウ ハナコ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "佐藤　花子", "サトウハナコ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "佐藤花子", "サトウ ハナコ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "佐藤花子", "サトーハナコ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "髙橋一郎", "タカハシイチロー", full) == plausible);
  CHECK(judge(&dictionary, &characters, "佐藤花子", "スズキハナコ", full) == mismatch);
  CHECK(judge(&dictionary, &characters, "佐藤 花子", "サトウ ユキコ", full) == mismatch);
  const ReadingResult result =
      judge_name_reading(&dictionary, &characters, "佐藤 花子", "スズキ ハナコ", full);
  CHECK(result.verdict == mismatch);
  CHECK(result.known == std::vector<std::string>{"サトウ ハナコ"});
  // The given name unknown: the 氏 agrees, the 名 cannot be judged.
  CHECK(judge(&dictionary, &characters, "佐藤 翔", "サトウ ショウ", full) == not_checked);
  // No surname known at the front: from the characters, never a mismatch.
  CHECK(judge(&dictionary, &characters, "桃木", "モモキ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "桃木", "スズキ", full) == not_checked);
}

TEST_CASE("reading-1.6 a one-word 氏名 is judged as the one name the dictionary knows") {
  const NameReadings dictionary = small_dictionary();
  FakeCharacters characters;
  const auto full = NamePart::full;
  CHECK(judge(&dictionary, &characters, "佐藤", "サトウ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "佐藤", "ワタナベ", full) == mismatch);
  CHECK(judge(&dictionary, &characters, "花子", "ハナコ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "花子", "ユキコ", full) == mismatch);
  const ReadingResult result =
      judge_name_reading(&dictionary, &characters, "佐藤", "ワタナベ", full);
  CHECK(result.why == "the name dictionary reads it サトウ");
}

TEST_CASE("reading-1.7 names written in kana on both sides are compared as readings") {
  const NameReadings dictionary = small_dictionary();
  for (const NamePart part : {NamePart::family, NamePart::given, NamePart::full}) {
    CHECK(judge(&dictionary, nullptr, "くるみ", "クルミ", part) == plausible);
    CHECK(judge(&dictionary, nullptr, "くるみ", "ｸﾙﾐ", part) == plausible);
    CHECK(judge(&dictionary, nullptr, "くるみ", "トモミ", part) == mismatch);
  }
  CHECK(judge(&dictionary, nullptr, "さとう　くるみ", "サトウ クルミ", NamePart::full) ==
        plausible);
  CHECK(judge(&dictionary, nullptr, "サトウ　くるみ", "サトウトモミ", NamePart::full) == mismatch);
  const ReadingResult result =
      judge_name_reading(&dictionary, nullptr, "くるみ", "トモミ", NamePart::given);
  CHECK(result.why == "the name is written in kana and reads クルミ");
}

TEST_CASE(
    "reading-1.8 the registry forms: ＿ between the parts or names, a 旧氏 in ［ ］, a 通称 in （ "
    "）") {
  const NameReadings dictionary = small_dictionary();
  FakeCharacters characters;
  const auto full = NamePart::full;
  CHECK(name_forms("佐藤＿花子") == std::vector<std::string>{"佐藤 花子"});
  CHECK(name_forms("山崎［佐藤］　花子") == std::vector<std::string>{"山崎 花子", "佐藤 花子"});
  CHECK(name_forms("王　小明（佐藤　一郎）") == std::vector<std::string>{"王 小明", "佐藤 一郎"});
  CHECK(name_forms("佐藤　一郎（通称）") == std::vector<std::string>{"佐藤 一郎"});
  CHECK(name_forms("王 小明(通称:佐藤 一郎)") == std::vector<std::string>{"王 小明", "佐藤 一郎"});
  CHECK(name_forms("佐藤（花子") == std::vector<std::string>{"佐藤（花子"});  // never closed
  // ＿ between whole names (a name in Latin letters, the kanji name beside it): each its own.
  CHECK(name_forms("ALLEN JACKSON＿佐藤　一郎（山崎　花子）") ==
        std::vector<std::string>{"ALLEN JACKSON", "佐藤 一郎", "山崎 花子"});
  CHECK(name_forms("ALLEN JACKSON＿山崎［佐藤］　花子") ==
        std::vector<std::string>{"ALLEN JACKSON", "山崎 花子", "佐藤 花子"});
  CHECK(name_forms("＿") == std::vector<std::string>{""});
  CHECK(judge(&dictionary, &characters, "佐藤＿花子", "サトウ＿ハナコ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "JACK SMITH＿佐藤　花子", "サトウ　ハナコ", full) ==
        plausible);
  CHECK(judge(&dictionary, &characters, "JACK SMITH＿佐藤　花子", "ジャック　ハナコ", full) ==
        mismatch);  // a part of each name is neither
  // The 旧氏's reading, or the current 氏's, with or without the bracket on the カナ side.
  CHECK(judge(&dictionary, &characters, "山崎［佐藤］　花子", "サトウ　ハナコ", full) == plausible);
  CHECK(judge(&dictionary, &characters, "山崎［佐藤］　花子", "ヤマザキ　ハナコ", full) ==
        plausible);
  CHECK(judge(&dictionary, &characters, "山崎［佐藤］　花子", "ヤマザキ［サトウ］　ハナコ", full) ==
        plausible);
  CHECK(judge(&dictionary, &characters, "山崎［佐藤］　花子", "タカハシ　ハナコ", full) ==
        mismatch);
  // A 通称: its reading is a reading of the name.
  CHECK(judge(&dictionary, &characters, "王　小明（佐藤　一郎）", "サトウ　イチロウ", full) ==
        plausible);
  CHECK(judge(&dictionary, &characters, "佐藤　一郎（通称）", "サトウ　イチロウ", full) ==
        plausible);
  CHECK(judge(&dictionary, &characters, "佐藤　一郎（通称）", "サトウ　ハナコ", full) == mismatch);
}

TEST_CASE("reading-1.9 a message never holds a placeholder for the part nobody knows") {
  const NameReadings dictionary = small_dictionary();
  FakeCharacters characters;
  const ReadingResult result =
      judge_name_reading(&dictionary, &characters, "佐藤 翔", "アスカ ショウ", NamePart::full);
  CHECK(result.verdict == mismatch);
  CHECK(result.known == std::vector<std::string>{"サトウ"});
  CHECK(result.why == "the name dictionary reads its 氏 サトウ");
  for (const std::string& reading : result.known) CHECK(reading.find('?') == std::string::npos);
}

TEST_CASE("reading-1.10 names in Latin letters are read by their letters") {
  const NameReadings dictionary = small_dictionary();
  const auto full = NamePart::full;
  CHECK(judge(&dictionary, nullptr, "ＢＩＬＬＹ　ＪＯＥＬ", "ビリー　ジョエル", full) == plausible);
  CHECK(judge(&dictionary, nullptr, "Billy Joel", "ﾋﾞﾘｰ ｼﾞｮｴﾙ", full) == plausible);
  CHECK(judge(&dictionary, nullptr, "JOEL BILLY", "ビリー・ジョエル", full) == plausible);
  CHECK(judge(&dictionary, nullptr, "TANAKA TARO", "たなか たろう", full) == plausible);
  CHECK(judge(&dictionary, nullptr, "BILLY JOEL", "マイケル ジャクソン", full) == mismatch);
  const ReadingResult result =
      judge_name_reading(&dictionary, nullptr, "BILLY JOEL", "マイケル ジャクソン", full);
  CHECK(result.why.starts_with("its letters do not read so: "));
}

TEST_CASE("reading-1.5 the pairs of gif:Person and gif:LegalEntity, and a 商号 without its form") {
  const Model& person = gifkit::models::testing::shipped_model("gif:Person");
  std::map<std::string, int> columns{{"familyName", 0},
                                     {"familyNameKana", 1},
                                     {"givenName", 2},
                                     {"fullName", 3},
                                     {"fullNameKana", 4}};
  auto column_of = [&](const std::string& path) {
    const auto found = columns.find(path);
    return found == columns.end() ? -1 : found->second;
  };
  const auto pairs = reading_pairs(person, column_of);
  REQUIRE(pairs.size() == 2);  // givenNameKana has no column
  CHECK(pairs[0].name_column == 0);
  CHECK(pairs[0].kana_column == 1);
  CHECK(pairs[0].item == ReadingItem::family);
  CHECK(pairs[1].item == ReadingItem::full);
  const Model& entity = gifkit::models::testing::shipped_model("gif:LegalEntity");
  columns = {{"tradeName", 0}, {"tradeNameKana", 1}};
  const auto entity_pairs = reading_pairs(entity, column_of);
  REQUIRE(entity_pairs.size() == 1);
  CHECK(entity_pairs[0].item == ReadingItem::corporate);
  FakeCharacters characters;
  auto item = [&](const char* name, const char* kana) {
    return judge_item_reading(nullptr, &characters, ReadingItem::corporate, name, kana).verdict;
  };
  CHECK(item("株式会社桃崎", "モモザキ") == plausible);
  CHECK(item("㈱桃崎", "モモザキ") == plausible);
  CHECK(item("株式会社桃崎", "スズキ") == not_checked);  // never a mismatch
}

namespace {

// The installed dictionary and the published MJ table, loaded once; null when absent.
const NameReadings* installed_dictionary() {
  static const std::optional<NameReadings> loaded =
      gifkit::grammars::read_name_readings(gifkit::grammars::default_name_readings_path());
  return loaded ? &*loaded : nullptr;
}

CharacterLookup& published_characters() {
  static const moji::CharacterData data(moji::folder_rows(kDataDir / "moji"));
  static CharacterDataLookup lookup(data);
  return lookup;
}

}  // namespace

#define REQUIRE_INSTALLED_DICTIONARY()                                       \
  if (installed_dictionary() == nullptr ||                                   \
      !std::filesystem::exists(kDataDir / "moji" / "mojikiban_moji.csv")) {  \
    WARN("NAIST-jdic (naist-jdic-utf8) or the MJ table not found, skipped: " \
         << gifkit::grammars::default_name_readings_path());                 \
    return;                                                                  \
  }

TEST_CASE("reading-2.1 the issue's names with NAIST-jdic and the MJ table") {
  REQUIRE_INSTALLED_DICTIONARY();
  const NameReadings& dictionary = *installed_dictionary();
  CharacterLookup* characters = &published_characters();
  const auto family = NamePart::family;
  CHECK(check_name_reading(dictionary, characters, "佐藤", "サトウ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "佐藤", "スズキ", family) == mismatch);
  CHECK(check_name_reading(dictionary, characters, "高橋", "タカハシ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "髙橋", "タカハシ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "山崎", "ヤマザキ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "山崎", "ヤマサキ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "河野", "コウノ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "河野", "カワノ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "河野", "ヤマダ", family) == mismatch);
  CHECK(check_name_reading(dictionary, characters, "勅使河原", "テシガワラ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "佐藤 花子", "サトウ ハナコ", NamePart::full) ==
        plausible);
  CHECK(check_name_reading(dictionary, characters, "佐藤花子", "スズキハナコ", NamePart::full) ==
        mismatch);
}

TEST_CASE("reading-2.2 a rare name only MJ knows; an unknown name by its characters") {
  REQUIRE_INSTALLED_DICTIONARY();
  const NameReadings& dictionary = *installed_dictionary();
  CharacterLookup* characters = &published_characters();
  const auto family = NamePart::family;
  REQUIRE(dictionary.readings("桃崎", family) == nullptr);  // not in NAIST-jdic
  const ReadingResult rare =
      judge_name_reading(&dictionary, characters, "桃崎", "モモザキ", family);
  CHECK(rare.verdict == plausible);
  CHECK(rare.by_characters);
  CHECK(check_name_reading(dictionary, characters, "桃崎", "モモサキ", family) == plausible);
  // Not made even with one character read another way: a mismatch; with one: not checked.
  CHECK(check_name_reading(dictionary, characters, "桃崎", "ピカチュウ", family) == mismatch);
  CHECK(check_name_reading(dictionary, characters, "桃崎", "モモカワ", family) == not_checked);
  // A character's reading with one vowel changed is a slip, not a reading no list holds.
  CHECK(check_name_reading(dictionary, characters, "桃崎", "モモサカ", family) == mismatch);
  // 転音: a 訓 ending in the エ row also in the ア row (金 カネ → カナ); 木 キ also コ.
  REQUIRE(dictionary.readings("杉金", family) == nullptr);
  CHECK(check_name_reading(dictionary, characters, "杉金", "スギカナ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "杉金", "スギカノ", family) == mismatch);
  REQUIRE(dictionary.readings("杉畑", family) == nullptr);
  CHECK(check_name_reading(dictionary, characters, "杉畑", "スギハタ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "杉畑", "スギバタ", family) == plausible);
  // ヶ (ケ) between the words of a name reads ガ or カ as well as ケ.
  REQUIRE(dictionary.readings("桃ヶ崎", family) == nullptr);
  CHECK(check_name_reading(dictionary, characters, "桃ヶ崎", "モモガサキ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "桃ケ崎", "モモカサキ", family) == plausible);
  CHECK(check_name_reading(dictionary, characters, "桃ケ崎", "モモケサキ", family) == plausible);
}
