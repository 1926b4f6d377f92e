// test_registry_abr.cpp — the Address Base Registry importer and lookups on
// the real files (../shared/data/abr): rows per table against provenance,
// known 町字 of 文京区 and 和歌山市 with their fields and position, a residence
// of 和歌山市 and parcels of 和歌山市 and 屋久島町, blocks derived from the
// residences, the town-name search, and a file with the older Japanese
// headers; the page size a build takes from its importers.
// room: abr
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "abr_test_support.hpp"
#include "registries/abr/abr_lookup.hpp"
#include "registries/abr/abr_source.hpp"
#include "registries/builder/registry_holdings.hpp"

using gifkit::registries::RegistryDb;
using gifkit::registries::Statement;
using namespace abr_test;
using abr::field;

namespace {

std::int64_t count(const RegistryDb& db, const std::string& sql) {
  Statement select = db.prepare(sql);
  select.step();
  return select.column_int64(0);
}

std::string text(const RegistryDb& db, const std::string& sql) {
  Statement select = db.prepare(sql);
  return select.step() ? std::string(select.column_text(0)) : std::string("(none)");
}

}  // namespace

TEST_CASE("ABR: the real files import whole, every table as provenance says", "[abr]") {
  auto db = RegistryDb::open_existing(real_abr_registry());
  std::vector<std::pair<std::string, std::int64_t>> expected = {
      {"abr_city", 1918},
      {"abr_city_pos", 1918},
      {"abr_city_towns", 32},  // derived: one row per city with a 町字
      // the residence 302015 0201002 008 028 given twice in mt_rsdtdsp_rsdt_pos_pref30 with
      // points 11 m apart: the first kept, the other recorded for `registry audit`
      {"abr_conflicting_row", 1},
      {"abr_parcel", 451937},
      {"abr_parcel_pos", 201350},
      // the R*Tree of address reverse: one entry a 町字, kind and cell of 0.01° with positions
      // (356 of residences, 1,161 of parcels, and the 1,919 町字 positions whose 町字 is in
      // abr_town)
      {"abr_point_cells", 3436},
      {"abr_pref", 47},
      {"abr_pref_pos", 47},
      {"abr_rsdt", 64171},
      {"abr_rsdt_blk", 2910},
      {"abr_rsdt_blk_pos", 2910},
      {"abr_rsdt_pos", 64171},
      {"abr_town", 4895},
      {"abr_town_numbers", 754},  // derived: one row per 町字 with a numbered place
      {"abr_town_pos", 3435}};
  CHECK(db.table_counts() == expected);
  CHECK(gifkit::registries::verify_registry(db).empty());
  std::int64_t rejected = 0;
  for (const auto& source : db.provenance()) rejected += source.rejected_count;
  CHECK(rejected == 0);
  // mt_town_pos_pref30 holds 102 exact duplicate keys: the first row is kept.
  CHECK(text(db,
             "SELECT row_count FROM provenance WHERE source_file LIKE "
             "'%mt_town_pos_pref30.csv'") == "3435");
  CHECK(text(db,
             "SELECT source_kind FROM provenance WHERE source_file LIKE "
             "'%mt_parcel_pos_city465054.csv'") == "abr-parcel-pos");
}

TEST_CASE("ABR: a city by lg_code, with its towns count", "[abr]") {
  auto db = RegistryDb::open_existing(real_abr_registry());
  auto bunkyo = abr::find_area(db, "131059");
  REQUIRE(bunkyo);
  CHECK(field(*bunkyo, "city") == "文京区");
  CHECK(field(*bunkyo, "pref") == "東京都");
  CHECK(field(*bunkyo, "towns") == "68");
  CHECK(field(*bunkyo, "rep_srid") == "EPSG:6668");
  auto wakayama = abr::find_area(db, "300004");
  REQUIRE(wakayama);
  CHECK(field(*wakayama, "pref") == "和歌山県");
  CHECK(field(*wakayama, "cities") == "30");
  CHECK_FALSE(abr::find_area(db, "999997"));
}

TEST_CASE("ABR: a 町字 of 文京区 and of 和歌山市 with their fields and position", "[abr]") {
  auto db = RegistryDb::open_existing(real_abr_registry());
  auto hakusan = abr::find_machiaza(db, "131059", "0001001");
  REQUIRE(hakusan.size() == 1);
  CHECK(field(hakusan[0], "oaza_cho") == "白山");
  CHECK(field(hakusan[0], "chome") == "１丁目");
  CHECK(field(hakusan[0], "chome_number") == "1");
  CHECK(field(hakusan[0], "machiaza_type") == "2");
  CHECK(field(hakusan[0], "rsdt_addr_flg") == "1");
  auto aoi = abr::find_machiaza(db, "302015", "0001000");
  REQUIRE(aoi.size() == 1);
  CHECK(field(aoi[0], "oaza_cho") == "葵町");
  CHECK(field(aoi[0], "oaza_cho_kana") == "アオイチョウ");
  CHECK(field(aoi[0], "post_code") == "6408273");
  CHECK(field(aoi[0], "rep_lon") == "135.163085");
  CHECK(field(aoi[0], "rep_lat") == "34.21348");
  CHECK(field(aoi[0], "rep_srid") == "EPSG:4612");  // mixed SRIDs kept as published
  CHECK(abr::find_machiaza(db, "302015", "9999999").empty());
}

TEST_CASE("ABR: a residence of 和歌山市 and parcels of 和歌山市 and 屋久島町", "[abr]") {
  auto db = RegistryDb::open_existing(real_abr_registry());
  CHECK(text(db,
             "SELECT oaza_cho || blk_num || '-' || rsdt_num FROM abr_rsdt WHERE "
             "lg_code = '302015' AND machiaza_id = '0001000' AND blk_id = '001' AND "
             "rsdt_id = '001' AND rsdt2_id = ''") == "葵町1-1");
  CHECK(text(db,
             "SELECT rep_lon || ',' || rep_lat FROM abr_rsdt_pos WHERE lg_code = '302015' "
             "AND machiaza_id = '0001000' AND blk_id = '001' AND rsdt_id = '001'") ==
        "135.165196745,34.214456043");
  CHECK(text(db,
             "SELECT oaza_cho || prc_num1 || '-' || prc_num2 FROM abr_parcel WHERE "
             "lg_code = '302015' AND machiaza_id = '0001000' AND prc_id = "
             "'001030000300000'") == "葵町103-3");
  CHECK(text(db,
             "SELECT koaza || prc_num1 || ',' || rsdt_addr_flg FROM abr_parcel WHERE "
             "lg_code = '465054' AND machiaza_id = '0000121' AND prc_id = "
             "'000010000000000'") == "安房1,0");
  CHECK(text(db,
             "SELECT rep_lon || ',' || rep_lat FROM abr_parcel_pos WHERE lg_code = "
             "'465054' AND machiaza_id = '0000121' AND prc_id = '000010000000000'") ==
        "130.652137743,30.315663026");
}

TEST_CASE("ABR: blocks derived from the residences when no block file is given", "[abr]") {
  auto db = RegistryDb::open_existing(real_abr_registry());
  CHECK(count(db, "SELECT count(*) FROM abr_rsdt_blk WHERE derived = 0") == 0);
  CHECK(count(db,
              "SELECT count(*) FROM (SELECT DISTINCT lg_code, machiaza_id, blk_id FROM "
              "abr_rsdt)") == count(db, "SELECT count(*) FROM abr_rsdt_blk"));
  CHECK(text(db,
             "SELECT oaza_cho || ' ' || blk_num || ' ' || efct_date FROM abr_rsdt_blk WHERE "
             "lg_code = '302015' AND machiaza_id = '0001000' AND blk_id = '001'") ==
        "葵町 1 1947-04-17");
  // The block's position is the mean of its 35 residences' positions.
  CHECK(text(db,
             "SELECT rep_lon || ',' || rep_lat || ',' || rep_srid FROM abr_rsdt_blk_pos "
             "WHERE lg_code = '302015' AND machiaza_id = '0001000' AND blk_id = '001'") ==
        "135.164605399,34.214134469,EPSG:6668");
  CHECK(text(db, "SELECT source_kind FROM provenance WHERE table_name = 'abr_rsdt_blk'") ==
        "abr-rsdt-blk-derived");
}

TEST_CASE("ABR: 町字 by the start of their name within a city", "[abr]") {
  auto db = RegistryDb::open_existing(real_abr_registry());
  abr::TownQuery query;
  query.lg_codes = abr::find_city_codes(db, "文京区", "");
  REQUIRE(query.lg_codes == std::vector<std::string>{"131059"});
  query.prefix = "白山1";  // half-width digit against １丁目
  auto found = abr::search_towns(db, query);
  REQUIRE(found.size() == 1);
  CHECK(field(found[0], "machiaza_id") == "0001001");
  query.prefix = "はくさん";  // kana
  CHECK(abr::search_towns(db, query).size() == 5);
  query.lg_codes = abr::find_city_codes(db, "屋久島町", "鹿児島県");
  REQUIRE(query.lg_codes == std::vector<std::string>{"465054"});
  query.prefix = "字一ソキノ上";  // 安房字一ソキノ上 has a 大字: its name starts with 安房
  CHECK(abr::search_towns(db, query).empty());
  query.prefix = "安房一ソキノ上";
  REQUIRE(abr::search_towns(db, query).size() == 1);
  query.limit = 2;
  query.prefix = "安房";
  CHECK(abr::search_towns(db, query).size() == 2);
}

TEST_CASE("ABR: a file with the older Japanese headers is bound by name", "[abr]") {
  registry_test::ScratchDir dir;
  auto rejected = build_abr_registry(dir / "r.db", {kJapaneseHeaderTown});
  CHECK(rejected.empty());
  auto db = RegistryDb::open_existing(dir / "r.db");
  // The file, and the one city of its 町字 derived (abr_city_towns).
  REQUIRE(db.provenance().size() == 2);
  CHECK(db.provenance()[0].source_kind == "abr-town");
  CHECK(db.provenance()[0].row_count == 5);
  CHECK(db.provenance()[1].source_kind == "abr-city-towns");
  CHECK(db.provenance()[1].row_count == 1);
  auto second = abr::find_machiaza(db, "131059", "0001002");
  REQUIRE(second.size() == 1);
  CHECK(field(second[0], "chome") == "２丁目");
  CHECK(field(second[0], "post_code") == "1120001");
  CHECK(field(second[0], "koaza_aka_code") == "0");  // 小字名_通称フラグ, the old name
  CHECK(field(second[0], "machiaza_dist").empty());  // not in the old layout
}

TEST_CASE("ABR: the kind comes from the header, the file name only as a hint", "[abr]") {
  using gifkit::registries::abr::kind_from_file_name;
  using gifkit::registries::abr::kind_from_header;
  CHECK(kind_from_file_name("mt_parcel_pos_city302015.csv.zip")->name == "abr-parcel-pos");
  CHECK(kind_from_file_name("mt_town_all.csv")->name == "abr-town");
  CHECK(kind_from_file_name("mt_rsdtdsp_blk_pref13.csv")->name == "abr-rsdt-blk");
  CHECK(kind_from_file_name("towns.csv") == nullptr);
  std::vector<std::string_view> area_pos = {"lg_code", "rep_lon", "rep_lat", "rep_srid"};
  CHECK(kind_from_header(area_pos, nullptr, "131059")->name == "abr-city-pos");
  CHECK(kind_from_header(area_pos, nullptr, "130001")->name == "abr-pref-pos");
  std::vector<std::string_view> block = {"lg_code", "machiaza_id", "blk_id", "blk_num"};
  CHECK(kind_from_header(block, kind_from_file_name("mt_town_all.csv"), "")->name ==
        "abr-rsdt-blk");
  std::vector<std::string_view> unknown = {"foo", "bar"};
  CHECK(kind_from_header(unknown, nullptr, "") == nullptr);
}

TEST_CASE("ABR: the build records the table counts and the cities' holdings for opening",
          "[abr][summary]") {
  namespace reg = gifkit::registries;
  registry_test::ScratchDir dir;
  const auto copy = dir / "abr.sqlite";
  std::filesystem::copy_file(real_abr_registry(), copy);
  auto db = RegistryDb::open_existing(copy, false);
  // Recorded by the build: what counting now gives.
  CHECK(!db.meta(reg::kTableCountsMetaKey).empty());
  CHECK(!db.meta("address_holdings").empty());
  const auto counted = db.table_counts();
  CHECK(reg::registry_table_counts(db) == counted);
  const auto holdings = reg::address_holdings(db);
  const auto bunkyo = std::find_if(holdings.begin(), holdings.end(),
                                   [](const auto& city) { return city.lg_code == "131059"; });
  REQUIRE(bunkyo != holdings.end());
  CHECK(bunkyo->name == "東京都文京区");
  CHECK(bunkyo->towns == 68);
  CHECK(bunkyo->residences == 30156);

  // What is read is the record, not a count: a record at the same provenance
  // is believed…
  const std::string token = reg::provenance_token(db.provenance());
  db.set_meta(reg::kTableCountsMetaKey, token + "\nabr_city\t7\n");
  CHECK(reg::registry_table_counts(db) ==
        std::vector<std::pair<std::string, std::int64_t>>{{"abr_city", 7}});
  db.set_meta("address_holdings",
              reg::provenance_token(db.provenance(), "abr_") + "\n131059\t1\t2\t3\n");
  const auto recorded = reg::address_holdings(db);
  REQUIRE(recorded.size() == 1);
  CHECK(recorded[0].name == "東京都文京区");
  CHECK((recorded[0].towns == 1 && recorded[0].residences == 2 && recorded[0].parcels == 3));
  // …one of another state of provenance (a source added since), or a
  // damaged one, is not: the tables are counted.
  db.set_meta(reg::kTableCountsMetaKey, "1:1:1\nabr_city\t7\n");
  CHECK(reg::registry_table_counts(db) == counted);
  db.set_meta(reg::kTableCountsMetaKey, token + "\nabr_city seven\n");
  CHECK(reg::registry_table_counts(db) == counted);
  db.set_meta("address_holdings", "1:1:1\n131059\t1\t2\t3\n");
  CHECK(reg::address_holdings(db).size() == holdings.size());
  db.set_meta("address_holdings", "");
  CHECK(reg::address_holdings(db).size() == holdings.size());
}

TEST_CASE("ABR: the page size a build chooses from its importers", "[abr][page-size]") {
  registry_test::ScratchDir dir;
  auto page_size_of = [&](const std::string& name,
                          const std::vector<std::filesystem::path>& sources) {
    const auto target = dir / name;
    registry_test::build_registry(target, sources);
    auto db = RegistryDb::open_existing(target, true);
    return count(db, "PRAGMA page_size");
  };
  const auto cities = kAbr / "national" / "mt_city_all.csv.zip";
  // 法人番号 alone has no preference: SQLite's 4 KiB.
  CHECK(page_size_of("houjin.sqlite", {registry_test::kEdgeUtf8}) == 4096);
  // ABR data asks for 16 KiB, alone and beside corporations (which do not
  // mind): a 町字's packed numbers then take one page.
  CHECK(page_size_of("abr.sqlite", {cities}) == 16384);
  CHECK(page_size_of("mixed.sqlite", {registry_test::kEdgeUtf8, cities}) == 16384);
  CHECK(page_size_of("mixed-reversed.sqlite", {cities, registry_test::kEdgeUtf8}) == 16384);
}
