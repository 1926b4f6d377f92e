// test_address_matcher.cpp — the address normalizer on a registry built
// from the real ABR files (national + wakayama + bunkyo + yakushima): each
// match level on real rows of 文京区 (住居表示), 和歌山市 (住居表示 and 地番),
// 屋久島町 (地番) and a town-only 和歌山県 city, missing 都道府県 and 郡,
// 政令市 wards, ambiguity, buildings, and bad input; one matcher shared by
// several threads.
// room: abr
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <exception>
#include <latch>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "abr_test_support.hpp"
#include "registries/abr/address_city_match.hpp"
#include "registries/abr/address_matcher.hpp"
#include "registries/moji/character_data.hpp"

namespace {

using gifkit::registries::abr::AddressMatcher;
using gifkit::registries::abr::MatchLevel;
using gifkit::registries::abr::NormalizedAddress;

AddressMatcher& matcher() {
  static auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  static AddressMatcher instance(db, [] {
    gifkit::registries::abr::AddressMatcherOptions options;
    options.fold_tables =
        std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / "address_fold.tsv";
    return options;
  }());
  return instance;
}

NormalizedAddress normalize(std::string_view line) {
  static AddressMatcher::Scratch scratch;  // the tests run on one thread
  return matcher().normalize(line, scratch);
}

}  // namespace

TEST_CASE("the prefix walk finds the longest name as the scan from the longest did", "[address]") {
  namespace abr = gifkit::registries::abr;
  const abr::AddressIndex& index = matcher().index();
  // Every city name, alone, followed by more text, cut short, and after
  // another name; the accept test of a prefecture too.
  std::vector<std::string> inputs = {"", "x", "東京都", "存在しない市"};
  for (const auto& [key, cities] : index.cities_by_key()) {
    inputs.push_back(key);
    inputs.push_back(key + "白山1丁目");
    inputs.push_back(key + key);
    inputs.push_back(key.substr(0, key.size() - 3));
  }
  const std::uint32_t first_pref = index.cities().front().pref;
  auto in_first_pref = [&](const std::vector<std::uint32_t>& list) {
    return std::any_of(list.begin(), list.end(),
                       [&](std::uint32_t city) { return index.cities()[city].pref == first_pref; });
  };
  auto any = [](const std::vector<std::uint32_t>&) { return true; };
  std::size_t found = 0;
  for (const std::string& input : inputs) {
    std::size_t scanned_length = 0, walked_length = 0;
    const auto* scanned = abr::longest_prefix(index.cities_by_key(), input,
                                              index.longest_city_key(), scanned_length, any);
    const auto* walked = abr::longest_prefix(index.city_prefixes(), input, index.longest_city_key(),
                                             walked_length, any);
    CHECK(scanned == walked);
    CHECK(scanned_length == walked_length);
    found += scanned != nullptr;
    scanned = abr::longest_prefix(index.cities_by_key(), input, index.longest_city_key(),
                                  scanned_length, in_first_pref);
    walked = abr::longest_prefix(index.city_prefixes(), input, index.longest_city_key(),
                                 walked_length, in_first_pref);
    CHECK(scanned == walked);
    CHECK(scanned_length == walked_length);
    scanned = abr::longest_prefix(index.prefs_by_key(), input, index.longest_pref_key(),
                                  scanned_length, any);
    walked = abr::longest_prefix(index.pref_prefixes(), input, index.longest_pref_key(),
                                 walked_length, any);
    CHECK(scanned == walked);
  }
  CHECK(found > index.cities().size());  // the test reached the names
}

TEST_CASE("文京区 住居表示: residence, block, written many ways", "[address]") {
  for (auto input :
       {"東京都文京区白山1-2-3", "文京区白山一丁目２番３号", "東京都 文京区 白山 1-2-3",
        "東京都文京区白山１丁目２－３", "東京都文京區白山1ー2ー3"}) {
    INFO(input);
    auto result = normalize(input);
    CHECK(result.match_level == MatchLevel::residential_detail);
    CHECK(result.lg_code == "131059");
    CHECK(result.machiaza_id == "0001001");
    CHECK(result.blk_num == "2");
    CHECK(result.rsdt_num == "3");
    CHECK(result.gif.cityBlock == "2-3");
    CHECK(result.gif.streetAddress == "白山１丁目");
    CHECK(result.point.known);
  }
  auto block = normalize("東京都文京区白山1丁目9");
  CHECK(block.match_level == MatchLevel::residential_block);
  CHECK(block.blk_num == "9");
}

TEST_CASE("和歌山市: 住居表示 and 地番", "[address]") {
  auto residence = normalize("和歌山県和歌山市打越町3番6号");
  CHECK(residence.match_level == MatchLevel::residential_detail);
  CHECK(residence.machiaza_id == "0035000");
  auto parcel = normalize("和歌山市有家333番地の2");
  CHECK(parcel.match_level == MatchLevel::parcel);
  CHECK(parcel.machiaza_id == "0008000");
  CHECK(parcel.prc_num1 == "333");
  CHECK(parcel.prc_num2 == "2");
  CHECK(parcel.gif.cityBlock == "333-2");
  auto detail = normalize("和歌山市小松原通一丁目");
  CHECK(detail.match_level == MatchLevel::machiaza_detail);
  CHECK(detail.machiaza_id == "0148001");
}

TEST_CASE("屋久島町 地番, with and without 郡 and 都道府県", "[address]") {
  for (auto input : {"鹿児島県熊毛郡屋久島町安房2405番地452", "屋久島町字安房二四〇五-四五二",
                     "鹿児島県屋久島町安房2405-452"}) {
    INFO(input);
    auto result = normalize(input);
    CHECK(result.match_level == MatchLevel::parcel);
    CHECK(result.lg_code == "465054");
    CHECK(result.machiaza_id == "0000121");
    CHECK(result.county == "熊毛郡");
    CHECK(result.gif.cityAndCounty == "熊毛郡屋久島町");
  }
}

TEST_CASE("a town-only city of 和歌山県: 町字, the number kept unverified", "[address]") {
  auto result = normalize("和歌山県海南市日方1234");
  CHECK(result.match_level == MatchLevel::machiaza);
  CHECK(result.lg_code == "302023");
  CHECK(result.machiaza_id == "0072000");
  CHECK(result.gif.cityBlock == "1234");
  CHECK(result.others == "1234");
  CHECK_FALSE(result.reason.empty());
}

TEST_CASE("buildings, postal code and brackets go to others", "[address]") {
  auto spaced = normalize("〒112-0001 東京都文京区白山1-2-3 ABCビル101");
  CHECK(spaced.match_level == MatchLevel::residential_detail);
  CHECK(spaced.postal_code == "1120001");
  CHECK(spaced.others == "ABCビル101");
  CHECK(spaced.gif.buildingNameEtc == "ABCビル101");
  auto joined = normalize("和歌山県和歌山市打越町3番7号ﾒｿﾞﾝ和歌山（2F）");
  CHECK(joined.match_level == MatchLevel::residential_detail);
  CHECK(joined.gif.buildingNameEtc == "メゾン和歌山 2F");
}

TEST_CASE("prefecture and city levels, 政令市 wards, ambiguity", "[address]") {
  auto pref = normalize("東京都どこか1-2");
  CHECK(pref.match_level == MatchLevel::prefecture);
  CHECK(pref.lg_code == "130001");
  auto ward = normalize("北海道札幌市中央区北1条西2丁目");
  CHECK(ward.match_level == MatchLevel::city);
  CHECK(ward.lg_code == "011011");
  CHECK(ward.ward == "中央区");
  auto ambiguous = normalize("府中市宮西町1-1");
  CHECK(ambiguous.match_level == MatchLevel::unknown);
  CHECK(ambiguous.ambiguous);
  CHECK(ambiguous.reason.find("132063") != std::string::npos);
  auto resolved = normalize("東京都府中市宮西町1-1");
  CHECK(resolved.match_level == MatchLevel::city);
  CHECK(resolved.lg_code == "132063");
}

TEST_CASE("bad input: a result with level unknown and a reason", "[address]") {
  for (std::string input :
       {std::string(""), std::string(10000, 'a'), std::string("\xF0\x9F\x98\x80"),
        std::string("\xE6\x9D\xB1\xE4"), std::string("1234567"),
        std::string("1600 Pennsylvania Avenue NW, Washington, DC")}) {
    auto result = normalize(input);
    CHECK(result.match_level == MatchLevel::unknown);
    CHECK_FALSE(result.reason.empty());
  }
  CHECK(normalize(std::string(10000, 'a')).reason.starts_with("too long"));
  CHECK(normalize("\xE6\x9D\xB1\xE4").reason.starts_with("not valid UTF-8"));
}

TEST_CASE("a registry without ABR data is refused", "[address]") {
  registry_test::ScratchDir dir;
  auto target = dir / "houjin.sqlite";
  registry_test::build_registry(target, {registry_test::kDiffUtf8});
  auto db = gifkit::registries::RegistryDb::open_existing(target);
  gifkit::registries::abr::AddressMatcherOptions options;
  options.fold_tables =
      std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / "address_fold.tsv";
  CHECK_THROWS_WITH(AddressMatcher(db, options), Catch::Contains("no Address Base Registry"));
}

TEST_CASE("町字 without a name, ノ left out, the city written twice", "[address]") {
  auto nameless = normalize("和歌山県西牟婁郡白浜町１９０");
  CHECK(nameless.match_level == MatchLevel::machiaza);
  CHECK(nameless.lg_code == "304018");
  CHECK(nameless.machiaza_id == "0000000");
  CHECK(nameless.gif.cityBlock == "190");
  CHECK(nameless.reason.find("holds no 地番 of this city") != std::string::npos);
  auto without_no = normalize("和歌山県和歌山市鷺森１番地");
  CHECK(without_no.machiaza_id == "0160000");
  CHECK(without_no.oaza_cho == "鷺ノ森");
  auto twice = normalize("和歌山県紀の川市紀の川市粉河４６２０－４");
  CHECK(twice.lg_code == "302082");
  CHECK(twice.oaza_cho == "粉河");
}

TEST_CASE("Kyoto street names are skipped before the 町字", "[address]") {
  // The registry has no Kyoto 町字: the street name is skipped, the 町字 of
  // 和歌山市 stands in to show the rule.
  auto result = normalize("和歌山県和歌山市寺町通三条上る打越町3-6");
  CHECK(result.match_level == MatchLevel::residential_detail);
  CHECK(result.machiaza_id == "0035000");
  // A street word after the number is part of the building (found by
  // fuzz_address_matcher: 東入 in a building name used to win).
  auto building = normalize("和歌山県和歌山市打越町3-6 東入鷺ノ森ビル");
  CHECK(building.machiaza_id == "0035000");
  CHECK(building.match_level == MatchLevel::residential_detail);
  CHECK(building.gif.buildingNameEtc == "東入鷺ノ森ビル");
}

TEST_CASE("an island name between the prefecture and the city is skipped", "[address]") {
  auto island = normalize("東京都八丈島八丈町三根３４１");
  CHECK(island.match_level == MatchLevel::city);
  CHECK(island.lg_code == "134015");
  CHECK(island.others == "三根341");
  auto not_a_city = normalize("東京都どこか島1");
  CHECK(not_a_city.match_level == MatchLevel::prefecture);
}

TEST_CASE("a 地番 written without the branch the ABR requires is ambiguous", "[address]") {
  auto result = normalize("和歌山県和歌山市禰宜９４９");
  CHECK(result.match_level == MatchLevel::machiaza);
  CHECK(result.machiaza_id == "0440000");
  CHECK(result.ambiguous);
  CHECK(result.reason.starts_with("ambiguous: 地番 949 has branch numbers (949-1, 949-2"));
  auto branch = normalize("和歌山県和歌山市禰宜９４９-1");
  CHECK(branch.match_level == MatchLevel::parcel);
  CHECK_FALSE(branch.ambiguous);
}

TEST_CASE("character data folds what the fold table lacks: 西牟娄郡 is 西牟婁郡", "[address]") {
  // The table has no entry for 娄 (U+5A04): the fold comes from the data.
  const std::string table = registry_test::read_file(std::filesystem::path(GIFKIT_TEST_MODELS_DIR) /
                                                     "dictionaries" / "address_fold.tsv");
  REQUIRE(table.find("娄") == std::string::npos);
  gifkit::registries::abr::AddressMatcherOptions options;
  options.fold_tables =
      std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / "address_fold.tsv";
  // Without character data the city is not found …
  CHECK(normalize("和歌山県西牟娄郡白浜町").match_level == MatchLevel::prefecture);
  // … with it, it is, and 西牟婁郡 itself is unchanged.
  registry_test::ScratchDir dir;
  const auto registry = dir / "abr-moji.sqlite";
  // The cities and 和歌山県's 町字 are all the test needs (not 和歌山市's 400,000 parcels).
  REQUIRE(registry_test::build_registry(
              registry,
              {abr_test::kAbr / "national", abr_test::kAbr / "wakayama" / "mt_town_pref30.csv.zip",
               std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "moji"})
              .empty());
  auto db = gifkit::registries::RegistryDb::open_existing(registry);
  AddressMatcher with_characters(db, options);
  AddressMatcher::Scratch scratch;
  for (auto input : {"和歌山県西牟娄郡白浜町", "西牟娄郡白浜町", "和歌山県西牟婁郡白浜町"}) {
    INFO(input);
    auto result = with_characters.normalize(input, scratch);
    CHECK(result.match_level >= MatchLevel::city);
    CHECK(result.lg_code == "304018");
    CHECK(result.gif.cityAndCounty == "西牟婁郡白浜町");
  }
}

TEST_CASE("round 2: without character data in the registry, the published tables fold variants",
          "[address]") {
  // 鄕 (U+9115), 塜 (U+585C) and 坮 (U+576E) are old forms the fold table lacks.
  const std::string table = registry_test::read_file(std::filesystem::path(GIFKIT_TEST_MODELS_DIR) /
                                                     "dictionaries" / "address_fold.tsv");
  for (const char* variant : {"鄕", "塜", "坮"}) REQUIRE(table.find(variant) == std::string::npos);
  // The shared registry has no character data: the variants stop at the city.
  CHECK(matcher().variant_source() == gifkit::registries::abr::VariantSource::none);
  CHECK(normalize("東京都文京区本鄕二丁目1-1").match_level == MatchLevel::city);
  // The same registry with the tables read from ../shared/data/moji.
  gifkit::registries::moji::CharacterData characters(
      gifkit::registries::moji::folder_rows(std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "moji"));
  gifkit::registries::abr::AddressMatcherOptions options;
  options.fold_tables =
      std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / "address_fold.tsv";
  options.character_data = &characters;
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  AddressMatcher with_tables(db, options);
  AddressMatcher::Scratch scratch;
  CHECK(with_tables.variant_source() == gifkit::registries::abr::VariantSource::character_tables);
  auto hongo = with_tables.normalize("東京都文京区本鄕二丁目1-1", scratch);
  CHECK(hongo.match_level == MatchLevel::residential_detail);
  CHECK(hongo.machiaza_id == "0007002");
  CHECK(hongo.gif.streetAddress == "本郷２丁目");  // the ABR's spelling
  auto otsuka = with_tables.normalize("文京区大塜3-1", scratch);
  CHECK(otsuka.match_level == MatchLevel::residential_block);
  CHECK(otsuka.machiaza_id == "0013003");
  auto fujito = with_tables.normalize("和歌山市ふじと坮1丁目", scratch);
  CHECK(fujito.match_level == MatchLevel::parcel);
  CHECK(fujito.gif.streetAddress == "ふじと台");
  // Characters inside JIS X 0208 are not folded: 大塚 stays itself.
  CHECK(with_tables.normalize("文京区大塚3-1", scratch).machiaza_id == "0013003");
}

TEST_CASE("round 2: text not in NFC (a kana with a combining dakuten) is composed", "[address]") {
  // が written か + U+3099, ぶ as ふ + U+3099: as some systems store them.
  auto composed = normalize("東京都文京区白山1-2-3 か\u3099くふ\u3099");
  CHECK(composed.match_level == MatchLevel::residential_detail);
  CHECK(composed.machiaza_id == "0001001");
  CHECK(composed.others == "がくぶ");
  // ごばんちょう (五番丁's reading) with both marks decomposed.
  CHECK(normalize("和歌山県和歌山市こ\u3099は\u3099んちょう").machiaza_id == "0142000");
}

TEST_CASE("round 2: numbered 町字 written with digits or another counter", "[address]") {
  // 和歌山市 一番丁 … 十二番丁 (ABR: kanji numerals, 丁).
  for (auto input :
       {"和歌山市五番丁", "和歌山市5番丁", "和歌山市５番町", "和歌山県和歌山市五番町"}) {
    INFO(input);
    auto result = normalize(input);
    CHECK(result.machiaza_id == "0142000");
    CHECK(result.oaza_cho == "五番丁");
  }
  CHECK(normalize("和歌山市12番丁").oaza_cho == "十二番丁");
  CHECK(normalize("和歌山市北新7軒丁").oaza_cho == "北新七軒丁");
  CHECK(normalize("和歌山市2筋目").oaza_cho == "二筋目");
  // Kyoto's street names keep their kanji numerals (三条 is no counter).
  CHECK(normalize("和歌山県和歌山市寺町通三条上る打越町3-6").machiaza_id == "0035000");
}

TEST_CASE("round 2: a bare number after the city names the 町字 that is that number", "[address]") {
  // 和歌山市 has 五番丁 (地番 1–40) and 五筋目 (1-2, 1-3, 1-5, 2-3, 7-2, 10-x).
  auto fifth = normalize("和歌山市5-12");
  CHECK(fifth.match_level == MatchLevel::parcel);
  CHECK(fifth.machiaza_id == "0142000");
  CHECK(fifth.gif.streetAddress == "五番丁");
  CHECK(fifth.gif.cityBlock == "12");
  CHECK(normalize("和歌山市５－１２").machiaza_id == "0142000");
  // The numbers decide: 1-2 is 五筋目's, and takes more of the written numbers.
  auto fifth_line = normalize("和歌山市5-1-2");
  CHECK(fifth_line.match_level == MatchLevel::parcel);
  CHECK(fifth_line.machiaza_id == "0020000");
  // Both have 3: ambiguous, naming them.
  auto second = normalize("和歌山市2-3");
  CHECK(second.match_level == MatchLevel::city);
  CHECK(second.ambiguous);
  CHECK(second.reason == "ambiguous: 2 町字 of this city fit (二番丁, 二筋目)");
  // A bare number alone, or in a city without such 町字, is no 町字.
  CHECK(normalize("和歌山市5").match_level == MatchLevel::city);
  CHECK(normalize("東京都文京区5-12").match_level == MatchLevel::city);
}

TEST_CASE("round 2: a 町字 written in kana, as the ABR reads it", "[address]") {
  for (auto input :
       {"東京都文京区はくさん1-2-3", "文京区ハクサン1丁目2-3", "文京区はくさん一丁目2番3号"}) {
    INFO(input);
    auto result = normalize(input);
    CHECK(result.match_level == MatchLevel::residential_detail);
    CHECK(result.machiaza_id == "0001001");
  }
  CHECK(normalize("和歌山市あおいちょう").machiaza_id == "0001000");  // 葵町
  CHECK(normalize("和歌山市ごばんちょう").machiaza_id == "0142000");  // 五番丁
  CHECK(normalize("文京区こいしかわ1-1-1").machiaza_id == "0002001");
}

TEST_CASE("round 2: a 政令市 ward without its city: unique resolves, shared is ambiguous",
          "[address]") {
  auto unique = normalize("港北区新横浜2-2");
  CHECK(unique.match_level == MatchLevel::city);
  CHECK(unique.lg_code == "141097");
  CHECK(unique.city == "横浜市");
  CHECK(unique.ward == "港北区");
  CHECK(normalize("東灘区").lg_code == "281018");
  auto shared = normalize("北区赤羽");
  CHECK(shared.match_level == MatchLevel::unknown);
  CHECK(shared.ambiguous);
  CHECK(shared.reason.find("131172") != std::string::npos);  // 東京都北区
  CHECK(shared.reason.find("271276") != std::string::npos);  // 大阪市北区
  CHECK(normalize("東京都北区赤羽").lg_code == "131172");
}

TEST_CASE("round 2: spaces and line breaks between the numbers", "[address]") {
  for (auto input : {"東京都文京区白山1丁目2番 3号", "文京区白山1-2 - 3", "文京区白山一丁目 2 - 3",
                     "文京区白山1丁目 2番 3号 ABCビル", "文京区白山\n1-2-3"}) {
    INFO(input);
    auto result = normalize(input);
    CHECK(result.match_level == MatchLevel::residential_detail);
    CHECK(result.blk_num == "2");
    CHECK(result.rsdt_num == "3");
  }
  // After 号 a space ends the numbers: a room number stays with the building.
  auto room = normalize("文京区白山1-2-3 202");
  CHECK(room.rsdt_num == "3");
  CHECK(room.others == "202");
}

TEST_CASE("round 2: a 町字 without a point gets its parcels' centroid; coordinate_level",
          "[address]") {
  auto centroid = normalize("鹿児島県熊毛郡屋久島町安房");  // the ABR gives 安房 no point
  CHECK(centroid.machiaza_id == "0000121");
  CHECK(centroid.coordinate_level == "machiaza_centroid");
  REQUIRE(centroid.point.known);
  CHECK(centroid.point.lat == Approx(30.31).margin(0.05));
  CHECK(centroid.point.lon == Approx(130.64).margin(0.05));
  CHECK(normalize("鹿児島県熊毛郡屋久島町安房2405番地452").coordinate_level == "parcel");
  CHECK(normalize("東京都文京区白山1-2-3").coordinate_level == "residence");
  CHECK(normalize("東京都文京区白山1丁目9").coordinate_level == "block");
  CHECK(normalize("和歌山県和歌山市打越町").coordinate_level == "machiaza");
  CHECK(normalize("和歌山県和歌山市").coordinate_level == "city");
  CHECK(normalize("和歌山県どこか").coordinate_level == "prefecture");
  CHECK(normalize("1234567").coordinate_level.empty());
}

namespace {

// Every field of a result that a caller reads, on one line.
std::string describe(const NormalizedAddress& result) {
  std::ostringstream text;
  text.precision(17);
  text << result.output << " | " << gifkit::registries::abr::match_level_name(result.match_level)
       << " | " << result.lg_code << " | " << result.machiaza_id << " | " << result.reason << " | "
       << static_cast<int>(result.stop) << " | " << result.ambiguous << " | " << result.others
       << " | " << result.blk_num << "-" << result.rsdt_num << "-" << result.rsdt_num2 << " | "
       << result.prc_num1 << "-" << result.prc_num2 << "-" << result.prc_num3 << " | "
       << result.coordinate_level << " " << result.point.known << " " << result.point.lat << " "
       << result.point.lon << " | " << result.gif.streetAddress << " | " << result.gif.cityBlock
       << " | " << result.gif.buildingNameEtc << " | " << result.postal_code;
  return text.str();
}

// School addresses of ../shared/data/addresses/schools-input.txt: those of
// 和歌山県 (every other one), 東京都文京区 and 屋久島町, whose 町字 and
// numbers the test registry holds, one in 250 of the others (found to the
// city or not at all), and 町字 written in kana (their keys are made on
// first use too).
std::vector<std::string> school_addresses() {
  std::istringstream lines(registry_test::read_file(std::filesystem::path(GIFKIT_TEST_DATA_DIR) /
                                                    "addresses" / "schools-input.txt"));
  std::vector<std::string> picked;
  int wakayama = 0;
  int other = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("//")) continue;
    if (line.find("和歌山県") != std::string::npos) {
      if (wakayama++ % 2 == 0) picked.push_back(line);
    } else if (line.find("東京都文京区") != std::string::npos ||
               line.find("鹿児島県熊毛郡屋久島町") != std::string::npos) {
      picked.push_back(line);
    } else if (other++ % 250 == 0) {
      picked.push_back(line);
    }
  }
  for (const char* kana : {"東京都文京区はくさん1-2-3", "文京区こいしかわ1-1-1",
                           "和歌山市あおいちょう", "和歌山市ごばんちょう"})
    picked.emplace_back(kana);
  return picked;
}

}  // namespace

namespace {

// Normalizes lines on 4 threads at once, each with its own scratch, through
// shared (the first cities are read in a race), and checks every answer is
// expected's.
void check_on_threads(const AddressMatcher& shared, const std::vector<std::string>& lines,
                      const std::vector<std::string>& expected) {
  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::string> errors(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      AddressMatcher::Scratch own;  // this thread's
      start.arrive_and_wait();      // all at once: the first cities are read in a race
      try {
        for (const auto& line : lines) got[t].push_back(describe(shared.normalize(line, own)));
      } catch (const std::exception& error) {
        errors[t] = error.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  // Catch2 checks on this thread only.
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(errors[t].empty());
    REQUIRE(got[t].size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (got[t][i] == expected[i]) continue;
      INFO(lines[i]);
      CHECK(got[t][i] == expected[i]);
    }
  }
}

}  // namespace

TEST_CASE("threads: one matcher shared by 4 threads, each with its own scratch, answers as one",
          "[address][threads]") {
  const std::vector<std::string> lines = school_addresses();
  REQUIRE(lines.size() >= 300);
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  gifkit::registries::abr::AddressMatcherOptions options;
  options.fold_tables =
      std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / "address_fold.tsv";

  // One thread: the expected results.
  AddressMatcher alone(db, options);
  AddressMatcher::Scratch scratch;
  std::vector<std::string> expected;
  int numbered = 0;
  for (const auto& line : lines) {
    const NormalizedAddress result = alone.normalize(line, scratch);
    numbered += result.match_level >= MatchLevel::residential_block;
    expected.push_back(describe(result));
  }
  // The lines reach numbers of every kind (the test registry's cities).
  CHECK(numbered >= 200);

  // Four threads on a fresh matcher: each city's places (and kana keys) are
  // read by whichever thread reaches them first while the others wait.
  const AddressMatcher shared(db, options);
  REQUIRE(shared.index().cities_read() == 0);
  check_on_threads(shared, lines, expected);
  // Each city read once, whichever thread read it.
  CHECK(shared.index().cities_read() == alone.index().cities_read());
}

namespace {

using gifkit::registries::abr::AddressIndex;

std::uint32_t city_index(const AddressIndex& index, std::string_view lg_code) {
  const auto& cities = index.cities();
  for (std::uint32_t i = 0; i < cities.size(); ++i)
    if (cities[i].lg_code == lg_code) return i;
  throw std::runtime_error("no city " + std::string(lg_code));
}

gifkit::registries::abr::AddressMatcherOptions cache_options(std::size_t cache_bytes) {
  gifkit::registries::abr::AddressMatcherOptions options;
  options.fold_tables =
      std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / "address_fold.tsv";
  options.cache_bytes = cache_bytes;
  return options;
}

using gifkit::registries::abr::NumberedPlace;
using gifkit::registries::abr::TownPlaces;
using gifkit::registries::abr::WholeCity;

// The residences of a city with every town held (whole_places_of).
std::size_t residences_of(const WholeCity& whole) {
  std::size_t count = 0;
  for (const auto& town : whole.towns) count += town->residences.size();
  return count;
}

bool same_places(const std::vector<NumberedPlace>& a, const std::vector<NumberedPlace>& b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(), [](const NumberedPlace& x, const NumberedPlace& y) {
        return x.town_and_first == y.town_and_first && x.second_and_third == y.second_and_third &&
               x.point.known == y.point.known && x.point.lon == y.point.lon &&
               x.point.lat == y.point.lat;
      });
}

bool same_town_places(const TownPlaces& a, const TownPlaces& b) {
  return same_places(a.blocks, b.blocks) && same_places(a.residences, b.residences) &&
         same_places(a.parcel_places, b.parcel_places) && a.centroid.known == b.centroid.known &&
         a.centroid.lon == b.centroid.lon && a.centroid.lat == b.centroid.lat;
}

}  // namespace

TEST_CASE("cache: a city's places know their bytes, 町字 read and kana keys included",
          "[address][cache]") {
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  const AddressMatcher matcher(db, cache_options(SIZE_MAX));
  const AddressIndex& index = matcher.index();
  const auto names = index.places_of(city_index(index, "131059"));
  const std::size_t names_bytes = names->memory_bytes();
  CHECK(index.cached_bytes() == names_bytes);
  const WholeCity bunkyo = index.whole_places_of(city_index(index, "131059"));
  CHECK(bunkyo.places.get() == names.get());
  REQUIRE(residences_of(bunkyo) > 0);
  const std::size_t bytes = bunkyo.places->memory_bytes();
  CHECK(bytes >= names_bytes + residences_of(bunkyo) * sizeof(NumberedPlace));
  CHECK(index.cached_bytes() == bytes);
  const auto keyed = index.places_with_readings(city_index(index, "131059"));
  CHECK(keyed.get() == bunkyo.places.get());  // the cached places, keyed in place
  CHECK(!keyed->kana_keys.empty());
  CHECK(keyed->memory_bytes() > bytes);
  CHECK(index.cached_bytes() == keyed->memory_bytes());
  CHECK(index.cities_evicted() == 0);
  CHECK(index.towns_evicted() == 0);
}

TEST_CASE("cache: beyond the budget the least recently used city goes, a held handle stays",
          "[address][cache]") {
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  // The bytes of three cities' 町字, read by a matcher with room for all.
  std::size_t bunkyo_bytes = 0, wakayama_bytes = 0, yakushima_bytes = 0;
  {
    const AddressMatcher probe(db, cache_options(SIZE_MAX));
    const AddressIndex& index = probe.index();
    bunkyo_bytes = index.places_of(city_index(index, "131059"))->memory_bytes();
    wakayama_bytes = index.places_of(city_index(index, "302015"))->memory_bytes();   // 和歌山市
    yakushima_bytes = index.places_of(city_index(index, "465054"))->memory_bytes();  // 屋久島町
    CHECK(index.cached_bytes() == bunkyo_bytes + wakayama_bytes + yakushima_bytes);
    CHECK(index.cities_evicted() == 0);
  }
  // Room for any two of them, not for the three.
  const AddressMatcher matcher(db,
                               cache_options(bunkyo_bytes + wakayama_bytes + yakushima_bytes - 1));
  const AddressIndex& index = matcher.index();
  const std::uint32_t bunkyo = city_index(index, "131059");
  const std::uint32_t wakayama = city_index(index, "302015");
  const std::uint32_t yakushima = city_index(index, "465054");

  auto held = index.places_of(bunkyo);
  const std::size_t towns = held->towns.size();
  REQUIRE(towns > 50);
  const gifkit::registries::abr::AbrTown* first_town = &held->towns.front();
  index.places_of(yakushima);
  CHECK(index.cities_evicted() == 0);
  // 文京区 asked for again (from the cache: the same places), then 和歌山市
  // read: the three do not fit, and 屋久島町, least recently used, goes.
  CHECK(index.places_of(bunkyo).get() == held.get());
  auto wakayama_places = index.places_of(wakayama);
  CHECK(index.cities_evicted() == 1);
  CHECK(index.cached_bytes() == bunkyo_bytes + wakayama_bytes);
  CHECK(index.places_of(bunkyo).get() == held.get());  // kept
  CHECK(index.cities_read() == 3);
  // 屋久島町 again: read again; 和歌山市 is now the least recently used.
  auto yakushima_again = index.places_of(yakushima);
  CHECK(index.cities_read() == 4);
  CHECK(index.cities_evicted() == 2);
  CHECK(index.cached_bytes() == bunkyo_bytes + yakushima_bytes);
  CHECK(index.cached_bytes() <= index.cache_budget());

  // A budget smaller than any city: each read drops the one before it, and a
  // held handle still reads its places whole.
  const AddressMatcher tiny(db, cache_options(1));
  auto tiny_bunkyo = tiny.index().places_of(bunkyo);
  tiny.index().places_of(wakayama);
  CHECK(tiny.index().cities_evicted() == 1);
  CHECK(tiny.index().cached_bytes() == wakayama_bytes);  // over budget: the one just read stays
  CHECK(tiny_bunkyo->towns.size() == towns);
  CHECK(&held->towns.front() == first_town);
  // Asked again: read again, another copy with the same contents.
  auto again = tiny.index().places_of(bunkyo);
  CHECK(tiny.index().cities_read() == 3);
  CHECK(again.get() != tiny_bunkyo.get());
  CHECK(again->memory_bytes() == tiny_bunkyo->memory_bytes());
  for (std::size_t i = 0; i < towns; ++i) {
    CHECK(again->towns[i].machiaza_id == tiny_bunkyo->towns[i].machiaza_id);
    CHECK(again->towns[i].oaza_cho == tiny_bunkyo->towns[i].oaza_cho);
  }
}

TEST_CASE("cache: a 町字's numbered places are read alone, the same as a whole city's read",
          "[address][cache]") {
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  const AddressMatcher whole(db, cache_options(SIZE_MAX));
  const AddressMatcher by_town(db, cache_options(SIZE_MAX));
  for (std::string_view lg_code : {"302015", "131059", "465054"}) {  // 和歌山市, 文京区, 屋久島町
    const std::uint32_t city = city_index(by_town.index(), lg_code);
    const WholeCity all = whole.index().whole_places_of(city);
    const auto places = by_town.index().places_of(city);
    REQUIRE(places->towns.size() == all.places->towns.size());
    REQUIRE(!places->towns.empty());
    CHECK((places->residences || places->parcels));
    const std::size_t towns_before = by_town.index().towns_read();
    for (std::uint32_t town = 0; town < places->towns.size(); ++town)
      CHECK(places->town_places_if_read(town) == nullptr);  // the city's read has read no 町字
    std::size_t numbered = 0;
    for (std::uint32_t town = 0; town < places->towns.size(); ++town) {
      const auto one = by_town.index().town_places_of(places, city, town);
      CHECK(same_town_places(*one, *all.towns[town]));
      numbered += one->blocks.size() + one->residences.size() + one->parcel_places.size();
      // Asked again: the same places, not read again.
      CHECK(by_town.index().town_places_of(places, city, town).get() == one.get());
    }
    CHECK(numbered > 1000);
    CHECK(by_town.index().towns_read() == towns_before + places->towns.size());
    CHECK(places->memory_bytes() == all.places->memory_bytes());
  }
  CHECK(by_town.index().cached_bytes() == whole.index().cached_bytes());
}

TEST_CASE("cache: beyond the budget a 町字's numbers go before any city; held, they stay",
          "[address][cache]") {
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  const AddressMatcher probe(db, cache_options(SIZE_MAX));
  const std::uint32_t wakayama = city_index(probe.index(), "302015");
  const std::uint32_t bunkyo = city_index(probe.index(), "131059");
  // 和歌山市's names and three 町字 with 地番; then 文京区's names.
  const auto probe_places = probe.index().places_of(wakayama);
  const std::size_t names_bytes = probe.index().cached_bytes();
  std::vector<std::uint32_t> towns;
  std::vector<std::size_t> town_bytes;
  for (std::uint32_t town = 0; town < probe_places->towns.size() && towns.size() < 3; ++town) {
    const auto numbered = probe.index().town_places_of(probe_places, wakayama, town);
    if (numbered->parcel_places.size() < 50 || numbered->parcel_places.size() > 200) continue;
    towns.push_back(town);
    town_bytes.push_back(numbered->memory_bytes());
  }
  REQUIRE(towns.size() == 3);
  const std::size_t bunkyo_bytes = probe.index().places_of(bunkyo)->memory_bytes();
  REQUIRE(bunkyo_bytes >= town_bytes[0] + town_bytes[2]);

  // Room for both cities' names and the second 町字: not for the first or
  // the third beside them.
  const AddressMatcher matcher(db, cache_options(names_bytes + bunkyo_bytes + town_bytes[1]));
  const AddressIndex& index = matcher.index();
  const auto places = index.places_of(wakayama);
  const auto first = index.town_places_of(places, wakayama, towns[0]);
  index.town_places_of(places, wakayama, towns[1]);
  index.town_places_of(places, wakayama, towns[2]);
  CHECK(index.towns_evicted() == 0);
  // 文京区 read: the 町字 of 和歌山市 go, least recently used first (the
  // first, then the third: the second, asked for again, is the most
  // recent), and the cities stay.
  index.town_places_of(places, wakayama, towns[1]);
  index.places_of(bunkyo);
  CHECK(index.cities_evicted() == 0);
  CHECK(index.towns_evicted() == 2);
  CHECK(places->town_places_if_read(towns[0]) == nullptr);
  CHECK(places->town_places_if_read(towns[1]) != nullptr);
  CHECK(places->town_places_if_read(towns[2]) == nullptr);
  CHECK(index.places_of(wakayama).get() == places.get());
  CHECK(index.cached_bytes() <= index.cache_budget());
  // The handle held still reads the first; read again, another copy, the same.
  CHECK(first->parcel_places.size() >= 50);
  const std::size_t reads = index.towns_read();
  const auto again = index.town_places_of(places, wakayama, towns[0]);
  CHECK(index.towns_read() == reads + 1);
  CHECK(again.get() != first.get());
  CHECK(same_town_places(*again, *first));
}

TEST_CASE("cache: a 町字 read in an evicted city stays with its handle; read again, the same",
          "[address][cache]") {
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  const AddressMatcher tiny(db, cache_options(1));
  const AddressIndex& index = tiny.index();
  const std::uint32_t wakayama = city_index(index, "302015");
  const std::uint32_t bunkyo = city_index(index, "131059");
  auto held = index.places_of(wakayama);
  // The 町字 of 和歌山市 with the most 地番 (each read drops the one before).
  std::uint32_t busiest = 0;
  std::size_t most = 0;
  for (std::uint32_t town = 0; town < held->towns.size(); ++town) {
    const std::size_t parcels = index.town_places_of(held, wakayama, town)->parcel_places.size();
    if (parcels > most) {
      most = parcels;
      busiest = town;
    }
  }
  REQUIRE(most > 100);
  CHECK(index.towns_evicted() == held->towns.size() - 1);
  const auto kept = index.town_places_of(held, wakayama, busiest);
  CHECK(index.cities_evicted() == 0);  // over budget, but the one read into stays
  CHECK(index.cached_bytes() == held->memory_bytes());
  index.places_of(bunkyo);  // 和歌山市 goes, its 町字 first
  CHECK(index.cities_evicted() == 1);
  const std::size_t cached = index.cached_bytes();
  // The held handles still read: the city's 町字, and its numbered places,
  // read again into it when asked for (counting against no budget: the
  // city is no longer cached).
  CHECK(kept->parcel_places.size() == most);
  CHECK(index.town_places_of(held, wakayama, busiest)->parcel_places.size() == most);
  CHECK(index.cached_bytes() == cached);
  // Asked again: a new copy of the city, its 町字 read again one by one.
  auto again = index.places_of(wakayama);
  CHECK(again.get() != held.get());
  CHECK(again->town_places_if_read(busiest) == nullptr);
  const std::size_t towns_before = index.towns_read();
  const auto reread = index.town_places_of(again, wakayama, busiest);
  CHECK(index.towns_read() == towns_before + 1);
  CHECK(reread.get() != kept.get());
  CHECK(same_town_places(*reread, *kept));
}

TEST_CASE("threads: with a connection per reading thread, 4 threads answer as one",
          "[address][threads]") {
  // Places read at the same time on connections of their own (a service's
  // cold 町字), with a roomy cache and with one of a byte (reads and
  // evictions interleaved).
  std::vector<std::string> lines;
  const std::vector<std::string> all = school_addresses();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (i % 5 == 0) lines.push_back(all[i]);
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  const AddressMatcher alone(db, cache_options(AddressIndex::kDefaultCacheBytes));
  AddressMatcher::Scratch scratch;
  std::vector<std::string> expected;
  for (const auto& line : lines) expected.push_back(describe(alone.normalize(line, scratch)));
  for (const std::size_t budget : {AddressIndex::kDefaultCacheBytes, std::size_t{1}}) {
    INFO("budget " << budget);
    auto options = cache_options(budget);
    std::atomic<int> opens{0};
    options.open_reader = [&opens] {
      ++opens;
      return gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
    };
    const AddressMatcher shared(db, options);
    check_on_threads(shared, lines, expected);
    CHECK(shared.index().readers_opened() == static_cast<std::size_t>(opens.load()));
    CHECK(opens.load() <= 3);  // four threads: the matcher's own and three more at most
    // With room, each city is read once, whichever thread read it.
    if (budget > 1) CHECK(shared.index().cities_read() == alone.index().cities_read());
  }
}

TEST_CASE("cache: a budget of one byte gives the same answers, on one thread and on four",
          "[address][cache][threads]") {
  // Every twentieth line and the kana ones: each change of city reads a whole
  // city again (和歌山市 0.3 s, far more under the sanitizers), so the
  // whole list took 150 s here; these still cross cities forty times.
  std::vector<std::string> lines;
  const std::vector<std::string> all = school_addresses();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (i % 20 == 0 || i + 4 >= all.size()) lines.push_back(all[i]);
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  const AddressMatcher roomy(db, cache_options(AddressIndex::kDefaultCacheBytes));
  const AddressMatcher tiny(db, cache_options(1));
  AddressMatcher::Scratch scratch;
  std::vector<std::string> expected;
  for (const auto& line : lines) expected.push_back(describe(roomy.normalize(line, scratch)));
  CHECK(roomy.index().cities_evicted() == 0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string got = describe(tiny.normalize(lines[i], scratch));
    if (got == expected[i]) continue;
    INFO(lines[i]);
    CHECK(got == expected[i]);
  }
  // Every city read but the last one dropped: read again and again.
  CHECK(tiny.index().cities_evicted() > 10);
  CHECK(tiny.index().cities_read() > roomy.index().cities_read());

  const AddressMatcher shared(db, cache_options(1));
  check_on_threads(shared, lines, expected);
  CHECK(shared.index().cities_evicted() > 10);
}

TEST_CASE("a city the registry holds no 町字 of is known so from the start, and read as empty",
          "[address][cache]") {
  auto db = gifkit::registries::RegistryDb::open_existing(abr_test::real_abr_registry());
  const AddressMatcher matcher(db, cache_options(SIZE_MAX));
  const AddressIndex& index = matcher.index();
  // has_towns says what abr_town holds, city by city.
  std::size_t with_towns = 0;
  for (const auto& city : index.cities()) {
    auto probe = db.prepare("SELECT COUNT(*) FROM abr_town WHERE lg_code = ?1");
    probe.bind_text(1, city.lg_code);
    REQUIRE(probe.step());
    CHECK(city.has_towns == (probe.column_text(0) != "0"));
    with_towns += city.has_towns;
  }
  CHECK(with_towns > 3);                      // 文京区, 和歌山県's cities, 屋久島町
  CHECK(with_towns < index.cities().size());  // the registry has the nation's cities
  const std::uint32_t hakodate = city_index(index, "012025");
  REQUIRE_FALSE(index.cities()[hakodate].has_towns);
  // Its places: no 町字, nothing numbered, counted as a city read and cached.
  const auto places = index.places_of(hakodate);
  CHECK(places->towns.empty());
  CHECK(places->towns_by_key.empty());
  CHECK_FALSE(places->residences);
  CHECK_FALSE(places->parcels);
  CHECK(places->nameless_town == -1);
  CHECK(index.cities_read() == 1);
  CHECK(index.places_of(hakodate).get() == places.get());
  CHECK(index.cached_bytes() == places->memory_bytes());
  // An address in it stops at the city, as when its 町字 were read and none found.
  AddressMatcher::Scratch scratch;
  const NormalizedAddress result = matcher.normalize("北海道函館市美原３丁目４８番６号", scratch);
  CHECK(result.match_level == MatchLevel::city);
  CHECK(result.lg_code == "012025");
  CHECK(result.others == "美原3丁目48番6号");
  CHECK(result.reason == "the registry has no 町字 of this city");
  // A city with 町字 is read as before.
  const auto bunkyo = index.places_of(city_index(index, "131059"));
  CHECK(bunkyo->towns.size() > 50);
  CHECK(bunkyo->residences);     // the registry holds 文京区's 住居表示
  CHECK_FALSE(bunkyo->parcels);  // and no 地番 of it
}
