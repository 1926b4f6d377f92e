// test_registry_search.cpp — name search over a registry built from the real
// NTA diff files in ../shared/data/houjin/samples (2021-07-14 UTF-8 and
// 2025-03-11 Shift_JIS; 4,573 corporations) plus synthetic rows (デジタル庁,
// a half-width ㈲ name) with valid check digits: 1, 2 and 3+ character
// queries, legal-form and kana variants, furigana, English names, filters,
// ranking, and a query that matches nothing.
// room: houjin
#include <algorithm>
#include <catch2/catch.hpp>
#include <tuple>

#include "grammars/values/identifiers.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/houjin/names/name_key.hpp"
#include "registries/houjin/update/houjin_update.hpp"
#include "registries/moji/name_fold.hpp"
#include "registry_test_support.hpp"

using namespace gifkit::registries::houjin;
using namespace registry_test;

namespace {

// A valid 13-digit corporate number for the 12-digit base.
std::string corporate_number(const std::string& base) {
  return std::to_string(gifkit::grammars::corporate_number_check_digit(base)) + base;
}

const std::string kDigitalAgency = corporate_number("000012345678");
const std::string kYamadaShoten = corporate_number("000012345679");

// Adds a synthetic corporation to the corporation table.
void insert_corporation(RegistryDb& db, const std::string& number, const std::string& name,
                        const std::string& kind, const std::string& prefecture,
                        const std::string& furigana) {
  auto insert = db.prepare(
      "INSERT INTO corporation (corporate_number, name, kind, prefecture_name, city_name, "
      "furigana, latest) VALUES (?1, ?2, ?3, ?4, '千代田区', ?5, '1')");
  insert.bind_text(1, number);
  insert.bind_text(2, name);
  insert.bind_text(3, kind);
  insert.bind_text(4, prefecture);
  insert.bind_text(5, furigana);
  insert.run_and_reset();
}

// The registry shared by the tests: built once per run from both diff
// files, with the synthetic rows added and the name index rebuilt.
const std::filesystem::path& search_registry() {
  static ScratchDir dir;
  static const std::filesystem::path path = [] {
    auto target = dir / "houjin.db";
    REQUIRE(build_registry(target, {kDiffUtf8, kDiffSjis}).empty());
    auto db = RegistryDb::open_existing(target, /*read_only=*/false);
    insert_corporation(db, kDigitalAgency, "デジタル庁", "101", "東京都", "デジタルチョウ");
    insert_corporation(db, kYamadaShoten, "㈲ﾔﾏﾀﾞ商店", "302", "東京都", "ﾔﾏﾀﾞｼｮｳﾃﾝ");
    build_name_search_index(db);
    db.close();
    return target;
  }();
  return path;
}

std::vector<std::string> numbers(const std::vector<NameMatch>& matches) {
  std::vector<std::string> found;
  for (const auto& match : matches) found.push_back(match.record[kCorporateNumber]);
  return found;
}

bool contains(const std::vector<NameMatch>& matches, const std::string& number) {
  auto found = numbers(matches);
  return std::find(found.begin(), found.end(), number) != found.end();
}

std::vector<NameMatch> search(const std::string& text, SearchField field = SearchField::name,
                              std::int64_t limit = 100) {
  auto db = RegistryDb::open_existing(search_registry());
  NameQuery query;
  query.field = field;
  query.text = text;
  query.limit = limit;
  return search_corporations(db, query);
}

}  // namespace

TEST_CASE("search-1.4 デジタル finds デジタル庁 and the real デジタル companies") {
  auto matches = search("デジタル");
  CHECK(numbers(matches) ==
        std::vector<std::string>{kDigitalAgency, "1010001062319", "5010001219682"});
  CHECK(matches[0].match == MatchKind::prefix);  // デジタル庁 starts with it; shortest key
  CHECK(matches[0].record[kName] == "デジタル庁");
  CHECK(matches[1].record[kName] == "日本デジタル通信株式会社");
  CHECK(matches[1].match == MatchKind::substring);
  // Half-width and hiragana queries, and the whole name, find it too.
  CHECK(numbers(search("ﾃﾞｼﾞﾀﾙ")) == numbers(matches));
  CHECK(numbers(search("でじたる")) == numbers(matches));
  auto exact = search("デジタル庁");
  REQUIRE(exact.size() == 1);
  CHECK(exact[0].match == MatchKind::exact);
}

TEST_CASE("search-1.5 a 2-character name and 1-character queries") {
  // 株式会社林吾: the key is the two characters 林吾.
  auto matches = search("林吾");
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].record[kCorporateNumber] == "2120001092188");
  CHECK(matches[0].match == MatchKind::exact);
  // A 2-character fragment inside longer names (real rows: 51 contain 建設).
  auto building = search("建設", SearchField::name, 1000);
  CHECK(building.size() == 51);
  CHECK(contains(building, "9180301006827"));  // 林建設株式会社
  CHECK(contains(building, "1012405000102"));  // 一般社団法人北多摩建設業協会
  // One character, at the start, inside and at the end of keys.
  auto hayashi = search("林", SearchField::name, 1000);
  CHECK(contains(hayashi, "2120001092188"));  // 林吾 (prefix)
  CHECK(contains(hayashi, "7260002018198"));  // 有限会社小林 (last character)
  CHECK(hayashi[0].match == MatchKind::prefix);
  CHECK(hayashi.back().match == MatchKind::substring);
  CHECK(search("庁").size() == 1);
}

TEST_CASE("search-1.6 3+ character fragments use the trigram index") {
  auto matches = search("ソフトエ");
  CHECK(numbers(matches) == std::vector<std::string>{"7320001014737", "9370001008880"});
  CHECK(search("北多摩建設業").size() == 1);
  CHECK(search("ＳＭＢＣ").size() == 1);  // full-width query, full-width name
  CHECK(search("smbc").size() == 1);      // case and width folded
}

TEST_CASE("search-1.7b ㈾ ㈴ (資) and 合資會社 find the registered 合資会社 (issue #29)") {
  // 6360003000765 合資会社太平木工所, from the real 2021-07-14 diff file.
  for (const char* query : {"㈾太平木工所", "合資会社太平木工所", "(資)太平木工所",
                            "（資）太平木工所", "合資會社太平木工所", "太平木工所"}) {
    INFO(query);
    CHECK(numbers(search(query)) == std::vector<std::string>{"6360003000765"});
  }
  CHECK(name_key("㈴小林") == "小林");
  CHECK(name_key("㈳日本") == name_key("社団法人日本"));
  CHECK(search("㈾").empty());  // a legal form alone: nothing to search for
}

TEST_CASE("search-1.7 ㈱ (株) （株） 株式会社 ㍿ and ㈲ (有) 有限会社 variants") {
  for (const char* query : {"林吾", "株式会社林吾", "(株)林吾", "（株）林吾", "㈱林吾", "㍿林吾",
                            "林吾株式会社", "ｶﾌﾞｼｷｶﾞｲｼｬ林吾"}) {
    INFO(query);
    auto matches = search(query);
    if (std::string(query) == "ｶﾌﾞｼｷｶﾞｲｼｬ林吾") {
      CHECK(matches.empty());  // the reading of 株式会社 is not a legal-form word
      continue;
    }
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].record[kCorporateNumber] == "2120001092188");
  }
  // Stored as ㈲ with half-width kana; found by any form.
  for (const char* query : {"有限会社ヤマダ商店", "(有)ﾔﾏﾀﾞ商店", "㈲やまだ", "ヤマダ商店"}) {
    INFO(query);
    CHECK(numbers(search(query)) == std::vector<std::string>{kYamadaShoten});
  }
  // 有限会社小林 is found by （有）小林.
  CHECK(contains(search("（有）小林"), "7260002018198"));
}

TEST_CASE("search-1.8 furigana in katakana, hiragana and half-width kana") {
  for (const char* query : {"ハヤシゴ", "はやしご", "ﾊﾔｼｺﾞ"}) {
    INFO(query);
    auto matches = search(query, SearchField::furigana);
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].record[kCorporateNumber] == "2120001092188");
    CHECK(matches[0].match == MatchKind::exact);
  }
  CHECK(contains(search("ﾔﾏﾀﾞ", SearchField::furigana), kYamadaShoten));
  CHECK(contains(search("でじたるちょう", SearchField::furigana), kDigitalAgency));
  // The name field is not searched by --furigana.
  CHECK(search("林吾", SearchField::furigana).empty());
}

TEST_CASE("search-1.9 English names (6 of the sample rows have one)") {
  auto matches = search("hayashigo", SearchField::en_name);
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].record[kEnName] == "HAYASHIGO CO., LTD.");
  CHECK(numbers(search("LLC", SearchField::en_name)) ==
        std::vector<std::string>{"5130003010160", "8010003046494"});
  CHECK(numbers(search("ＪＡＰＡＮ ＣＲＥＤＩＴ", SearchField::en_name)) ==
        std::vector<std::string>{"7010001033280"});
  CHECK(search("hayashigo").empty());  // not in the Japanese name
}

TEST_CASE("search-1.10 --pref, --city, --kind and --open-only filters; --limit") {
  auto db = RegistryDb::open_existing(search_registry());
  NameQuery query;
  query.text = "建設";
  query.limit = 1000;
  query.prefecture = "大阪府";
  CHECK(search_corporations(db, query).size() == 7);
  for (const auto& match : search_corporations(db, query))
    CHECK(match.record[kPrefectureName] == "大阪府");
  query.prefecture = "";
  query.kind = "302";
  CHECK(search_corporations(db, query).size() == 12);
  query.kind = "";
  query.open_only = true;
  auto open = search_corporations(db, query);
  CHECK(open.size() == 51 - 5);
  for (const auto& match : open) CHECK(match.record[kCloseDate].empty());
  query.open_only = false;
  query.city = "豊橋市";
  CHECK(numbers(search_corporations(db, query)) == std::vector<std::string>{"9180301006827"});
  query.city = "";
  query.limit = 3;
  CHECK(search_corporations(db, query).size() == 3);
}

TEST_CASE("search-1.11 a query that matches nothing, and one that is only a legal form") {
  CHECK(search("存在しない法人名ｘｙｚ").empty());
  CHECK(search("ゑ").empty());
  CHECK(search("ゑゑ").empty());
  CHECK(search("株式会社").empty());
  CHECK(search("  ").empty());
  CHECK(search("\"", SearchField::name).empty());  // FTS5 syntax is quoted
  CHECK(search("a\" OR \"b", SearchField::name).empty());
}

TEST_CASE("search-1.12 hihyoji = 1 corporations are found only with include_hidden") {
  // 7120005000431 天理教東眞桜分教会 has hihyoji 1 in the 2021 diff.
  auto db = RegistryDb::open_existing(search_registry());
  NameQuery query;
  query.text = "東眞桜";
  CHECK(search_corporations(db, query).empty());
  query.include_hidden = true;
  CHECK(numbers(search_corporations(db, query)) == std::vector<std::string>{"7120005000431"});
}

// The ranking the index must give, computed by brute force over every
// corporation: exact, then prefix, then substring; ties by key length, then
// corporate number; hidden corporations left out. The name keys of a field are
// computed once (with the registry's fold) and scanned for each query.
class BruteForceSearch {
 public:
  explicit BruteForceSearch(const std::filesystem::path& registry)
      : db_(RegistryDb::open_existing(registry)),
        fold_(gifkit::registries::moji::NameFold::load(db_)) {}

  std::vector<std::string> search(const std::string& text, SearchField field) {
    std::string query = name_key(text, &fold_);
    std::vector<std::tuple<int, std::size_t, std::string>> found;
    for (const auto& [key, number] : keys_of(field)) {
      std::size_t at = key.find(query);
      if (key.empty() || at == std::string::npos) continue;
      int rank = key == query ? 0 : at == 0 ? 1 : 2;
      found.emplace_back(rank, key_length(key), number);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> numbers;
    for (const auto& entry : found) numbers.push_back(std::get<2>(entry));
    return numbers;
  }

 private:
  // (name key, corporate number) of every corporation that is not hidden.
  const std::vector<std::pair<std::string, std::string>>& keys_of(SearchField field) {
    static const char* columns[] = {"name", "furigana", "en_name"};
    auto& keys = keys_[static_cast<int>(field)];
    if (!keys.empty()) return keys;
    auto rows = db_.prepare(std::string("SELECT corporate_number, ") +
                            columns[static_cast<int>(field)] + ", hihyoji FROM corporation");
    while (rows.step()) {
      if (rows.column_text(2) == "1") continue;
      keys.emplace_back(name_key(rows.column_text(1), &fold_), std::string(rows.column_text(0)));
    }
    return keys;
  }

  RegistryDb db_;
  gifkit::registries::moji::NameFold fold_;
  std::vector<std::pair<std::string, std::string>> keys_[3];
};

const std::vector<std::pair<std::string, SearchField>> kProbeQueries = {
    {"建設", SearchField::name},
    {"林", SearchField::name},
    {"デジタル", SearchField::name},
    {"ソフトエ", SearchField::name},
    {"工業", SearchField::name},
    {"ア", SearchField::name},
    {"サービス", SearchField::name},
    {"ン", SearchField::name},
    {"一", SearchField::name},
    {"会社", SearchField::name},
    {"建設工業", SearchField::name},
    {"ケンセツ", SearchField::furigana},
    {"ー", SearchField::furigana},
    {"co", SearchField::en_name},
    {"ltd", SearchField::en_name},
    {"l", SearchField::en_name},
    {"アア", SearchField::furigana},
    {"ホールディングス", SearchField::name},
    {"ＣＯＲＰＯＲＡＴＩＯＮ", SearchField::name},
    {"チャンネル", SearchField::furigana},
    {"桃と花", SearchField::name},
    {"町会", SearchField::name},
    // long queries whose bigrams are all common (the lists' worst case)
    {"コウギョウ", SearchField::furigana},
    {"ケンセツコウギョウ", SearchField::furigana},
    {"キョウカイ", SearchField::furigana},
    {"トウキョウケンセツ", SearchField::furigana},
    // characters outside JIS X 0208 (folded when the registry has character data)
    {"髙", SearchField::name},
    {"﨑", SearchField::name},
    {"川崎", SearchField::name},
    {"髙橋", SearchField::name}};

// Every probe query gives, on registry, the brute-force answer in its order,
// in full and cut to 7.
void check_against_brute_force(const std::filesystem::path& registry) {
  auto db = RegistryDb::open_existing(registry);
  BruteForceSearch brute_force(registry);
  for (const auto& [text, field] : kProbeQueries) {
    INFO("query " << text);
    auto expected = brute_force.search(text, field);
    NameQuery query;
    query.text = text;
    query.field = field;
    query.limit = 100000;
    CHECK(numbers(search_corporations(db, query)) == expected);
    query.limit = 7;
    CHECK(numbers(search_corporations(db, query)) ==
          std::vector<std::string>(expected.begin(),
                                   expected.begin() + std::min<std::size_t>(7, expected.size())));
  }
}

TEST_CASE("search-1.13 the index gives the brute-force answer and order for any query") {
  check_against_brute_force(search_registry());
}

TEST_CASE("search-1.14 updates add index segments that give the brute-force answer too") {
  // Built from both diffs (4,573 corporations), then two updates with the
  // edge-case extracts (a few hundred corporations each, some renamed,
  // closed or deleted): each adds a segment; older entries of the
  // corporations they changed become stale.
  ScratchDir dir;
  auto registry = dir / "houjin.db";
  REQUIRE(build_registry(registry, {kDiffUtf8, kDiffSjis}).empty());
  std::size_t rejected = 0;
  auto count_rejects = [&rejected](const RejectedRow&) { ++rejected; };
  UpdateOptions options;
  options.allow_out_of_order = true;  // the 2021 extract is older than the 2025 diff
  update_registry(registry, {whole_day(kEdgeUtf8)}, options, count_rejects);
  update_registry(registry, {whole_day(kEdgeSjis)}, options, count_rejects);
  CHECK(rejected == 0);
  {
    auto db = RegistryDb::open_existing(registry);
    auto segments = db.prepare("SELECT MAX(segment) FROM corporation_search_bucket");
    segments.step();
    CHECK(segments.column_int64(0) == 2);
    auto current = db.prepare("SELECT COUNT(*) FROM corporation_search_current");
    current.step();
    CHECK(current.column_int64(0) > 100);
  }
  check_against_brute_force(registry);
  // A full rebuild gives the same answers from one segment.
  {
    auto db = RegistryDb::open_existing(registry, /*read_only=*/false);
    build_name_search_index(db);
  }
  check_against_brute_force(registry);
}

TEST_CASE(
    "search-1.17 with character data, names fold through moji_fold: 髙 finds 高, 崎 finds 﨑") {
  ScratchDir dir;
  auto registry = dir / "houjin-moji.db";
  REQUIRE(build_registry(registry, {kDiffUtf8, kDiffSjis,
                                    std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "moji"})
              .empty());
  auto db = RegistryDb::open_existing(registry);
  auto first = [&db](const std::string& text) {
    NameQuery query;
    query.text = text;
    auto found = numbers(search_corporations(db, query));
    return found.empty() ? std::string() : found.front();
  };
  CHECK(first("髙橋電化") == "1040002078014");    // 有限会社高橋電化工業
  CHECK(first("川崎いすゞ") == "5020001067643");  // 川﨑いすゞ食品株式会社
  CHECK(first("角崎") == "6340002025947");        // 有限会社角﨑組
  CHECK(first("角﨑") == "6340002025947");
  // 﨑 with a variation selector is 﨑.
  CHECK(first("\xE8\xA7\x92\xEF\xA8\x91\xF3\xA0\x84\x80") == "6340002025947");
  check_against_brute_force(registry);
  // Without character data the same query finds nothing: names are compared as written.
  NameQuery plain;
  plain.text = "髙橋電化";
  auto without_characters = RegistryDb::open_existing(search_registry());
  CHECK(numbers(search_corporations(without_characters, plain)).empty());
}
