// name_dictionaries_test.cpp — the name dictionaries beside NAIST-jdic:
// ENAMDICT's lines (EUC-JP bytes, as the file has them), UniDic's person
// lines, the EUC-JP decoder, the full names' splits, the foreign names, the
// characters' readings learnt at finish, the hold-out and the sources; and
// the installed files when they are there.
// room: grammars
#include <catch2/catch.hpp>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "grammars/dictionaries/enamdict_names.hpp"
#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "grammars/dictionaries/unidic_names.hpp"
#include "grammars/text/euc_jp.hpp"
#include "grammars/text/utf8.hpp"

using namespace gifkit::grammars;

namespace {

// ENAMDICT lines in EUC-JP: 田中角栄 (h), 田中 (s), 角栄 (g), 佐藤 (s,f and a
// place), 花子 (f), 目名川 (u), 東京 (p), ジョエル (m Joel, f Joelle), ジョン・スミス
// (h John Smith), マランニョン (s Maranhão, the ã of JIS X 0212), あい (f, kana
// only), 鷗外 (g, 鷗 of JIS X 0212), a line without tags and a cut line.
constexpr std::string_view kEnamdict =
    "\xC5\xC4\xC3\xE6\xB3\xD1\xB1\xC9 [\xA4\xBF\xA4\xCA\xA4\xAB\xA4\xAB\xA4\xAF\xA4\xA8\xA4\xA4] "
    "/(h) Tanaka Kakuei (1918.5.4-1993.12.16)/\n"
    "\xC5\xC4\xC3\xE6 [\xA4\xBF\xA4\xCA\xA4\xAB] /(s) Tanaka/\n"
    "\xB3\xD1\xB1\xC9 [\xA4\xAB\xA4\xAF\xA4\xA8\xA4\xA4] /(g) Kakuei/\n"
    "\xBA\xB4\xC6\xA3 [\xA4\xB5\xA4\xC8\xA4\xA6] /(s,f) Satou/(p) Satou (place)/\n"
    "\xB2\xD6\xBB\xD2 [\xA4\xCF\xA4\xCA\xA4\xB3] /(f) Hanako/\n"
    "\xCC\xDC\xCC\xBE\xC0\xEE [\xA4\xE1\xA4\xCA\xA4\xAC\xA4\xEF] /(u) Menagawa/\n"
    "\xC5\xEC\xB5\xFE [\xA4\xC8\xA4\xA6\xA4\xAD\xA4\xE7\xA4\xA6] /(p) Tokyo/\n"
    "\xA5\xB8\xA5\xE7\xA5\xA8\xA5\xEB /(m) Joel/(f) Joelle/\n"
    "\xA5\xB8\xA5\xE7\xA5\xF3\xA1\xA6\xA5\xB9\xA5\xDF\xA5\xB9 /(h) John Smith/\n"
    "\xA5\xDE\xA5\xE9\xA5\xF3\xA5\xCB\xA5\xE7\xA5\xF3 /(s) Maranh\x8F\xAB\xAA"
    "o/\n"
    "\xA4\xA2\xA4\xA4 /(f) Ai/\n"
    "\x8F\xEC\xBF\xB3\xB0 [\xA4\xAA\xA4\xA6\xA4\xAC\xA4\xA4] /(g) Ougai/\n"
    "no tags here\n"
    "\xC5\xC4 [\xA4\xBF /(s) Ta";  // an unclosed reading, no newline at the end

constexpr std::string_view kUnidic =
    "愛内,4043,7183,5892,名詞,固有名詞,人名,姓,*,*,アイウチ,アイウチ,愛内,アイウチ,愛内,アイウチ,"
    "固\n"
    "唖々,2550,3917,6415,名詞,固有名詞,人名,名,*,*,アア,アア,唖々,アー,唖々,アー,固\n"
    "あい,2550,3917,8247,名詞,固有名詞,人名,名,*,*,アイ,アイ,あい,アイ,あい,アイ,固\n"
    "哀王,6685,12530,944,名詞,固有名詞,人名,一般,*,*,アイオウ,アイオウ,哀王,アイオー,固\n"
    "愛知,1,2,3,名詞,固有名詞,地名,一般,*,*,アイチ,アイチ\n"
    "短い,名詞,固有名詞,人名,姓\n"
    "和田,4043,7183,5892,名詞,固有名詞,人名,姓,*,*,ワダ,ワダ,和田,ワダ,和田,ワダ,固";

const std::vector<std::string>* readings(const NameReadings& dictionary, const char* headword,
                                         NamePart part) {
  return dictionary.readings(headword, part);
}

bool has(const std::vector<std::u32string>* readings, std::u32string_view reading) {
  return readings != nullptr &&
         std::find(readings->begin(), readings->end(), reading) != readings->end();
}

std::filesystem::path write_temp(std::string_view name, std::string_view text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("gifkit-namedict-" + std::to_string(::getpid()) + "-" + std::string(name));
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("name-dictionaries-1.1 EUC-JP: JIS X 0208, 0212, half-width kana, a bad byte") {
  std::string out;
  CHECK(euc_jp_to_utf8("abc \xC5\xC4\xC3\xE6", out) == std::string_view::npos);
  CHECK(out == "abc 田中");
  out.clear();
  CHECK(euc_jp_to_utf8("\x8F\xEC\xBF\x8E\xB1", out) == std::string_view::npos);
  CHECK(out == "鷗ｱ");
  out.clear();
  CHECK(euc_jp_to_utf8("a\xFF"
                       "b",
                       out) == 1);
  CHECK(out == "a\uFFFDb");
}

TEST_CASE("name-dictionaries-1.2 ENAMDICT: family, given, full, unclassified; places left") {
  NameReadings dictionary;
  CHECK(parse_enamdict_into(kEnamdict, dictionary, {}) == 11);
  dictionary.finish();
  REQUIRE(readings(dictionary, "田中", NamePart::family) != nullptr);
  CHECK(*readings(dictionary, "田中", NamePart::family) == std::vector<std::string>{"タナカ"});
  CHECK(*readings(dictionary, "角栄", NamePart::given) == std::vector<std::string>{"カクエイ"});
  CHECK(*readings(dictionary, "佐藤", NamePart::family) == std::vector<std::string>{"サトウ"});
  CHECK(*readings(dictionary, "佐藤", NamePart::given) == std::vector<std::string>{"サトウ"});
  CHECK(*readings(dictionary, "鷗外", NamePart::given) == std::vector<std::string>{"オウガイ"});
  CHECK(*readings(dictionary, "田中角栄", NamePart::full) ==
        std::vector<std::string>{"タナカカクエイ"});
  CHECK(readings(dictionary, "花子", NamePart::family) == nullptr);
  CHECK(readings(dictionary, "東京", NamePart::family) == nullptr);  // a place
  CHECK(readings(dictionary, "目名川", NamePart::family) == nullptr);
  REQUIRE(dictionary.unclassified_readings("目名川") != nullptr);
  CHECK(*dictionary.unclassified_readings("目名川") == std::vector<std::string>{"メナガワ"});
  CHECK(readings(dictionary, "あい", NamePart::given) == nullptr);  // kana: its own reading
  CHECK(readings(dictionary, "田", NamePart::family) == nullptr);   // the cut line
}

TEST_CASE("name-dictionaries-1.3 ENAMDICT: a full name splits where its gloss's first word ends") {
  NameReadings dictionary;
  parse_enamdict_into(kEnamdict, dictionary, {});
  dictionary.finish();
  const auto* splits = dictionary.full_name_splits("田中角栄");
  REQUIRE(splits != nullptr);
  REQUIRE(splits->size() == 1);
  CHECK(splits->front().family == "田中");
  CHECK(splits->front().given == "角栄");
  CHECK(splits->front().family_reading == "タナカ");
  CHECK(splits->front().given_reading == "カクエイ");
  CHECK(dictionary.full_name_splits("田中") == nullptr);
}

TEST_CASE("name-dictionaries-1.4 ENAMDICT: foreign names by their Latin word, accents folded") {
  NameReadings dictionary;
  parse_enamdict_into(kEnamdict, dictionary, {});
  REQUIRE(dictionary.foreign_readings("joel") != nullptr);
  CHECK(*dictionary.foreign_readings("joel") == std::vector<std::string>{"ジョエル"});
  CHECK(*dictionary.foreign_readings("joelle") == std::vector<std::string>{"ジョエル"});
  CHECK(*dictionary.foreign_readings("john") == std::vector<std::string>{"ジョン"});
  CHECK(*dictionary.foreign_readings("smith") == std::vector<std::string>{"スミス"});
  CHECK(*dictionary.foreign_readings("maranhao") == std::vector<std::string>{"マランニョン"});
  CHECK(dictionary.foreign_readings("Joel") == nullptr);  // callers fold first
  CHECK(dictionary.foreign_readings("tokyo") == nullptr);
  CHECK(fold_latin_word("Joëlle") == "joelle");
  CHECK(fold_latin_word("O'Brien") == "obrien");
  CHECK(fold_latin_word("Straße") == "strasse");
  CHECK(fold_latin_word("Kan 2") == "");
}

TEST_CASE("name-dictionaries-1.5 ENAMDICT's romanisation of a reading, with its part ends") {
  std::vector<std::size_t> ends;
  CHECK(romanize_reading(U"トウシバ", ends) == "toushiba");
  CHECK(romanize_reading(U"きょうこ", ends) == "kyouko");
  CHECK(ends == std::vector<std::size_t>{0, 3, 4, 6});  // not before the small ょ
  CHECK(romanize_reading(U"ハットリ", ends) == "hattori");
  CHECK(romanize_reading(U"シュンスケ", ends) == "shunsuke");
  CHECK(romanize_reading(U"ちゃづけ", ends) == "chazuke");
}

TEST_CASE("name-dictionaries-1.6 UniDic: 姓 and 名 lines; 一般, places, kana, cut lines left") {
  NameReadings dictionary;
  CHECK(parse_unidic_names_into(kUnidic, dictionary, {}) == 3);
  CHECK(*readings(dictionary, "愛内", NamePart::family) == std::vector<std::string>{"アイウチ"});
  CHECK(*readings(dictionary, "唖々", NamePart::given) == std::vector<std::string>{"アア"});
  CHECK(*readings(dictionary, "和田", NamePart::family) == std::vector<std::string>{"ワダ"});
  CHECK(readings(dictionary, "あい", NamePart::given) == nullptr);
  CHECK(readings(dictionary, "哀王", NamePart::given) == nullptr);
  CHECK(readings(dictionary, "愛知", NamePart::family) == nullptr);
}

TEST_CASE("name-dictionaries-1.7 finish learns characters' readings from aligned names") {
  NameReadings dictionary;
  const std::pair<const char*, const char*> families[] = {
      {"山田", "ヤマダ"},   {"山口", "ヤマグチ"}, {"田口", "タグチ"},   {"山本", "ヤマモト"},
      {"本田", "ホンダ"},   {"川口", "カワグチ"}, {"川本", "カワモト"}, {"田川", "タガワ"},
      {"本山", "モトヤマ"}, {"口田", "クチダ"}};
  for (const auto& [name, reading] : families) dictionary.add(NamePart::family, name, {reading});
  dictionary.add(NamePart::given, "一", {"はじめ"});       // hiragana: stored as katakana
  CHECK(dictionary.character_readings(U'山') == nullptr);  // before finish
  CharacterReadingOptions options;
  options.min_names = 2;
  dictionary.finish(options);
  CHECK(has(dictionary.character_readings(U'山'), U"ヤマ"));
  CHECK(has(dictionary.character_readings(U'口'), U"グチ"));
  CHECK(has(dictionary.character_readings(U'本'), U"モト"));
  CHECK(has(dictionary.character_readings(U'一'), U"ハジメ"));  // a one-character name
  CHECK_FALSE(has(dictionary.character_readings(U'山'), U"ヤ"));
  CHECK(dictionary.character_readings(U'海') == nullptr);
  CHECK(*readings(dictionary, "一", NamePart::given) == std::vector<std::string>{"ハジメ"});
}

TEST_CASE("name-dictionaries-1.8 read_name_dictionaries: sources, a missing file, the hold-out") {
  const auto enamdict = write_temp("enamdict", kEnamdict);
  const auto unidic = write_temp("lex.csv", kUnidic);
  const NameDictionaryPaths paths{"/nonexistent/naist-jdic.dic", enamdict, unidic};
  const NameReadings all = read_name_dictionaries(paths);
  REQUIRE(all.sources().size() == 3);
  CHECK(all.sources()[0].name == "NAIST-jdic");
  CHECK_FALSE(all.sources()[0].found);
  CHECK(all.sources()[1].name == "UniDic");
  CHECK(all.sources()[1].entries == 3);
  CHECK(all.sources()[1].path == unidic);
  CHECK(all.sources()[2].name == "ENAMDICT");
  CHECK(all.sources()[2].found);
  CHECK(all.sources()[2].entries == 11);
  CHECK(readings(all, "田中", NamePart::family) != nullptr);
  // Held out: 田中 and 和田 are in no dictionary, nor is 田中 taken from 田中角栄's split.
  const NameReadings held = read_name_dictionaries(
      paths, [](std::string_view headword) { return headword != "田中" && headword != "和田"; });
  CHECK(readings(held, "田中", NamePart::family) == nullptr);
  CHECK(readings(held, "和田", NamePart::family) == nullptr);
  CHECK(readings(held, "角栄", NamePart::given) != nullptr);
  CHECK(held.sources()[2].entries == 10);
  std::filesystem::remove(enamdict);
  std::filesystem::remove(unidic);
}

TEST_CASE("name-dictionaries-2.1 the installed ENAMDICT and UniDic (when installed)") {
  const NameDictionaryPaths installed = default_name_dictionary_paths();
  if (!std::filesystem::exists(installed.enamdict) || !std::filesystem::exists(installed.unidic)) {
    WARN("ENAMDICT or UniDic not installed (apt-get install enamdict unidic-mecab): skipped");
    return;
  }
  const NameReadings dictionary = read_name_dictionaries(installed);
  for (const auto& source : dictionary.sources()) {
    INFO(source.name << " at " << source.path);
    CHECK(source.found == std::filesystem::exists(source.path));
  }
  CHECK(dictionary.sources()[1].entries > 50000);   // UniDic
  CHECK(dictionary.sources()[2].entries > 500000);  // ENAMDICT
  CHECK(dictionary.family_count() > 100000);
  CHECK(dictionary.given_count() > 150000);
  const auto* splits = dictionary.full_name_splits("田中角栄");
  REQUIRE(splits != nullptr);
  CHECK(splits->front().family == "田中");
  CHECK(splits->front().given_reading == "カクエイ");
  REQUIRE(dictionary.foreign_readings("joel") != nullptr);
  CHECK(has(dictionary.character_readings(U'崎'), U"サキ"));
  CHECK(has(dictionary.character_readings(U'一'), U"カズ"));
}

TEST_CASE("name-dictionaries-1.9 with_file_lines: whole lines across 4 MiB blocks, a long line") {
  // 9 MB of numbered lines, one line of 5 MB (longer than a block), no newline at the end.
  std::string text;
  for (int i = 0; i < 600000; ++i) text += "line " + std::to_string(i) + "\n";
  text += std::string(5 << 20, 'x') + "\n";
  text += "last";
  const auto path = write_temp("lines.txt", text);
  std::string joined;
  std::size_t calls = 0;
  bool whole = true;
  CHECK(with_file_lines(path, [&](std::string_view block) {
    ++calls;
    joined += block;
    whole = whole && (block.ends_with('\n') || block.ends_with("last"));
  }));
  CHECK(joined == text);
  CHECK(whole);
  CHECK(calls >= 3);
  CHECK_FALSE(with_file_lines("/nonexistent/file", [](std::string_view) {}));
  CHECK_FALSE(with_file_lines(std::filesystem::temp_directory_path(), [](std::string_view) {}));
  std::filesystem::remove(path);
}
