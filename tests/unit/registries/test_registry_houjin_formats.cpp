// test_registry_houjin_formats.cpp — the other 法人番号 forms on the real
// samples in ../shared/data/houjin/samples: the NTA XML (Web-API type=12
// answers), Web-API CSV answers v1 (23 columns, Shift_JIS), v2 (28) and v4
// (30, UTF-8 and Shift_JIS, with the count line); detection of each kind
// from the content, the --source-kind override, the provenance data date,
// an XML entry in a zip.
// room: houjin
#include <zip.h>

#include <catch2/catch.hpp>

#include "registries/db/registry_db.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registry_test_support.hpp"

using gifkit::registries::SourceStream;
using namespace gifkit::registries::houjin;
using namespace registry_test;

namespace {

const auto kXmlHitachi =
    kHoujinSamples / "minako-ph_jp-opendata-actors_num.7010001008844.2026-07-10.xml";
const auto kXmlHistory = kHoujinSamples / "minako-ph_jp-opendata-actors_num_1_ver4_x4.xml";
const auto kCsvV4Sjis = kHoujinSamples / "minako-ph_jp-opendata-actors_diff_20190404_ver4_c2.csv";
const auto kCsvV1Diff =
    kHoujinSamples /
    "kissy2go_houjin-bangou_webapi-v1_diff_2017-01-01_2017-01-10_part1of3_sjis.csv";
const auto kCsvV1Toyota =
    kHoujinSamples / "kissy2go_houjin-bangou_webapi-v1_num_1180301018771_sjis.csv";
const auto kCsvV2Toyota =
    kHoujinSamples / "kissy2go_houjin-bangou_webapi-v2_num_1180301018771_sjis.csv";

HoujinSourceKind detected_kind(const std::filesystem::path& path) {
  SourceStream source(path);
  return detect_houjin_source_kind(source).kind;
}

// Builds target from one source read as kind; returns the rejected rows.
std::vector<RejectedRow> build_as(const std::filesystem::path& target,
                                  const std::filesystem::path& source, HoujinSourceKind kind) {
  return build_registry(target, {source}, std::string(source_kind_name(kind)));
}

}  // namespace

TEST_CASE("each kind is detected from the content of the real samples", "[registry][formats]") {
  CHECK(detected_kind(kDiffUtf8) == HoujinSourceKind::csv);
  CHECK(detected_kind(kDiffSjis) == HoujinSourceKind::csv);
  CHECK(detected_kind(kXmlHitachi) == HoujinSourceKind::xml);
  CHECK(detected_kind(kXmlName) == HoujinSourceKind::xml);
  CHECK(detected_kind(kCsvV4Name) == HoujinSourceKind::webapi_csv);
  CHECK(detected_kind(kCsvV4Sjis) == HoujinSourceKind::webapi_csv);
  CHECK(detected_kind(kCsvV1Diff) == HoujinSourceKind::webapi_csv);
  CHECK(detected_kind(kCsvV2Toyota) == HoujinSourceKind::webapi_csv);
  CHECK(detected_kind(kHoujinSamples / ".." / "FORMAT.md") == HoujinSourceKind::automatic);
  CHECK(source_kind_name(HoujinSourceKind::webapi_csv) == "houjin-webapi-csv");
  CHECK(parse_source_kind("houjin-xml") == HoujinSourceKind::xml);
  CHECK_FALSE(parse_source_kind("xml"));
}

TEST_CASE("the real XML answers: every field by element name, provenance", "[registry][formats]") {
  ScratchDir dir;
  auto rejected = build_registry(dir / "r.db", {kXmlHitachi, kXmlName, kXmlHistory});
  CHECK(rejected.empty());
  auto db = RegistryDb::open_existing(dir / "r.db");
  auto sources = db.provenance();
  REQUIRE(sources.size() == 3);
  CHECK(sources[0].source_kind == "houjin-xml");
  CHECK(sources[0].data_date == "2026-07-10");  // lastUpdateDate (no YYYYMMDD in the name)
  CHECK(sources[0].row_count == 1);
  CHECK(sources[1].data_date == "2017-05-10");
  CHECK(sources[1].row_count == 10);
  CHECK(sources[2].row_count == 2);
  CHECK(gifkit::registries::verify_registry(db).empty());

  auto hitachi = find_corporation(db, "7010001008844");
  REQUIRE(hitachi);
  CHECK((*hitachi)[kName] == "株式会社日立製作所");
  CHECK((*hitachi)[kCorrect] == "1");
  CHECK((*hitachi)[kUpdateDate] == "2018-05-11");
  CHECK((*hitachi)[kStreetNumber] == "丸の内１丁目６番６号");
  CHECK((*hitachi)[kPostCode] == "1000005");
  CHECK((*hitachi)[kEnName] == "Hitachi, Ltd.");
  CHECK((*hitachi)[26] == "6-6, Marunouchi 1-chome, Chiyoda-ku");  // enCityName
  CHECK((*hitachi)[kFurigana] == "ヒタチセイサクショ");
  CHECK((*hitachi)[kHihyoji] == "0");
  CHECK((*hitachi)[kCloseDate].empty());  // <closeDate/>

  // The name answer holds a past state (latest 0) of 7040001999906.
  auto past = find_corporation(db, "7040001999906");
  REQUIRE(past);
  CHECK((*past)[kLatest] == "0");
  // Two rows of one corporation: the latest one is the current state.
  auto history = corporation_history(db, "4111101000007");
  REQUIRE(history.size() == 2);
  auto current = find_corporation(db, "4111101000007");
  REQUIRE(current);
  CHECK((*current)[kProcess] == "12");
  CHECK((*current)[kStreetNumber] == "神田小川町１丁目２０番地");
  CHECK(count_rows(db, "SELECT MIN(line) FROM corporation_history WHERE provenance_id = 3") == 1);
}

TEST_CASE("the real Web-API CSV answers: v1 23, v2 28 and v4 30 columns", "[registry][formats]") {
  ScratchDir dir;
  auto rejected = build_registry(dir / "r.db",
                                 {kCsvV1Diff, kCsvV1Toyota, kCsvV2Toyota, kCsvV4Name, kCsvV4Sjis});
  CHECK(rejected.empty());
  auto db = RegistryDb::open_existing(dir / "r.db");
  auto sources = db.provenance();
  REQUIRE(sources.size() == 5);
  for (const auto& source : sources) CHECK(source.source_kind == "houjin-webapi-csv");
  CHECK(sources[0].row_count == 2000);  // part 1 of 3 of a 5,499-row answer: not count-checked
  CHECK(sources[0].data_date == "2017-01-19");  // lastUpdateDate of the count line
  CHECK(sources[4].data_date == "2019-04-04");  // diff_20190404 in the name
  CHECK(sources[3].row_count == 10);
  CHECK(gifkit::registries::verify_registry(db).empty());

  SECTION("v1 rows have no latest: current state latest 1, history keeps it empty") {
    auto first = find_corporation(db, "1010001091219");
    REQUIRE(first);
    CHECK((*first)[kName] == "株式会社アオバ・インターナショナル");  // Shift_JIS → UTF-8
    CHECK((*first)[kProcess] == "21");
    CHECK((*first)[kCloseDate] == "2016-12-22");
    CHECK((*first)[kCloseCause] == "01");
    CHECK((*first)[kAssignmentDate] == "2015-10-05");
    CHECK((*first)[kLatest] == "1");
    CHECK((*first)[kEnName].empty());
    CHECK(count_rows(db,
                     "SELECT COUNT(*) FROM corporation_history WHERE provenance_id = 1 AND "
                     "latest IS NULL") == 2000);
  }
  SECTION("v2 rows carry latest and the English columns; no furigana, no hihyoji") {
    auto history = corporation_history(db, "1180301018771");
    REQUIRE(history.size() == 2);
    auto toyota = find_corporation(db, "1180301018771");
    REQUIRE(toyota);
    CHECK((*toyota)[kName] == "トヨタ自動車株式会社");
    CHECK((*toyota)[kLatest] == "1");
    CHECK((*toyota)[kFurigana].empty());
    CHECK((*toyota)[kHihyoji].empty());
  }
  SECTION("v4 rows: all 30 columns, hihyoji included") {
    auto excluded = find_corporation(db, "4111101000007");
    REQUIRE(excluded);
    CHECK((*excluded)[kName] == "株式会社検索対象除外のち所在地変更により検索対象");
    CHECK((*excluded)[kHihyoji] == "1");
    auto a = find_corporation(db, "3040001999901");
    REQUIRE(a);
    CHECK((*a)[kName] == "株式会社国税商事Ａ");
    CHECK((*a)[kPostCode] == "2600013");
  }
}

TEST_CASE("--source-kind overrides detection and is recorded", "[registry][formats]") {
  ScratchDir dir;
  SECTION("a bulk CSV read as Web-API CSV: no count line, 30-column rows") {
    CHECK(build_as(dir / "r.db", kDiffUtf8, HoujinSourceKind::webapi_csv).empty());
    auto sources = RegistryDb::open_existing(dir / "r.db").provenance();
    CHECK(sources.at(0).source_kind == "houjin-webapi-csv");
    CHECK(sources.at(0).row_count == 2772);
  }
  SECTION("a Web-API answer read as the 30-column CSV: count line and v2 rows rejected") {
    auto rejected = build_as(dir / "r.db", kCsvV2Toyota, HoujinSourceKind::csv);
    REQUIRE(rejected.size() == 2);
    CHECK(rejected[0].line == 1);
    CHECK(rejected[0].reason == "has 4 fields, expected 30");
    CHECK(rejected[1].reason == "has 28 fields, expected 30");
  }
  SECTION("a first row with a bad check digit: not detected, but importable when forced") {
    std::string text = first_lines(kDiffUtf8, 3);
    text.replace(text.find("1010001072706"), 13, "2010001072706");
    write_file(dir / "bad_first.csv", text);
    CHECK_THROWS_AS(build_registry(dir / "r.db", {dir / "bad_first.csv"}),
                    gifkit::registries::NotRegistrySource);
    auto rejected = build_as(dir / "r.db", dir / "bad_first.csv", HoujinSourceKind::csv);
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].line == 1);
    CHECK(RegistryDb::open_existing(dir / "r.db").provenance().at(0).row_count == 2);
  }
  SECTION("a CSV read as XML is not an XML source") {
    CHECK_THROWS_AS(build_as(dir / "r.db", kDiffUtf8, HoujinSourceKind::xml), NotHoujinSource);
  }
}

TEST_CASE("an XML entry of a zip archive is read, a folder gives its .xml", "[registry][formats]") {
  ScratchDir dir;
  std::filesystem::create_directory(dir / "src");
  auto archive = dir / "src" / "answers.zip";
  int error = 0;
  zip_t* zip = zip_open(archive.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip != nullptr);
  std::string xml = read_file(kXmlName);
  REQUIRE(zip_file_add(zip, "name_20170510.xml", zip_source_buffer(zip, xml.data(), xml.size(), 0),
                       0) >= 0);
  REQUIRE(zip_close(zip) == 0);
  std::filesystem::copy_file(kXmlHitachi, dir / "src" / "hitachi.xml");
  auto files = gifkit::registries::expand_source_paths({(dir / "src").string()});
  REQUIRE(files.size() == 2);
  CHECK(build_registry(dir / "r.db", files).empty());
  auto sources = RegistryDb::open_existing(dir / "r.db").provenance();
  REQUIRE(sources.size() == 2);
  CHECK(sources[0].source_file == archive.string() + ":name_20170510.xml");
  CHECK(sources[0].source_kind == "houjin-xml");
  CHECK(sources[0].row_count == 10);
  CHECK(sources[0].data_date == "2017-05-10");
  CHECK(sources[1].row_count == 1);
}
