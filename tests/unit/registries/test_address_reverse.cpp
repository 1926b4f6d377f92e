// test_address_reverse.cpp — reverse geocoding (address_reverse.hpp) on a
// tiny registry built here from ABR files written by the test (文京区's real
// codes and names, positions placed on a grid near 35°N 139°E so that every
// distance is known): the nearest residence, parcel and 町字, a point off
// by 30 m, the radius cut-off, limit and order, ties, an abolished
// residence and a 町字 missing from mt_town left out, the antimeridian, bad
// queries, a registry built before the R*Tree, one without positions and
// one without ABR data; then real residences of 文京区 and parcels of
// 屋久島町 reversed at their own coordinates.
// room: abr
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>

#include "abr_test_support.hpp"
#include "grammars/values/geo.hpp"
#include "registries/abr/address_reverse.hpp"

using gifkit::registries::RegistryDb;
using gifkit::registries::RegistryError;
using gifkit::registries::abr::InvalidReverseQuery;
using gifkit::registries::abr::reverse_geocode;
using gifkit::registries::abr::reverse_query_problem;
using gifkit::registries::abr::ReverseHit;
using gifkit::registries::abr::ReverseLevel;
using gifkit::registries::abr::ReverseQuery;

namespace {

constexpr const char* kCityHeader =
    "lg_code,pref,pref_kana,pref_roma,county,county_kana,county_roma,city,city_kana,city_roma,"
    "ward,ward_kana,ward_roma,efct_date,ablt_date,remarks";
constexpr const char* kTownHeader =
    "lg_code,machiaza_id,machiaza_type,pref,pref_kana,pref_roma,county,county_kana,county_roma,"
    "city,city_kana,city_roma,ward,ward_kana,ward_roma,oaza_cho,oaza_cho_kana,oaza_cho_roma,"
    "chome,chome_kana,chome_number,koaza,koaza_kana,koaza_roma,machiaza_dist,rsdt_addr_flg,"
    "rsdt_addr_mtd_code,oaza_cho_aka_flg,koaza_aka_code,oaza_cho_gsi_uncmn,koaza_gsi_uncmn,"
    "status_flg,wake_num_flg,efct_date,ablt_date,src_code,post_code,remarks";
constexpr const char* kTownPosHeader =
    "lg_code,machiaza_id,rsdt_addr_flg,rep_lon,rep_lat,rep_srid,rep_scale,rep_src_code,"
    "plygn_fname,plygn_kcode,plygn_fmt,plygn_srid,plygn_scale,plygn_src_code,"
    "pos_oaza_cho_chome_code,pos_data_mnt_year,cns_bnd_s_area_kcode,cns_bnd_year";
constexpr const char* kResidenceHeader =
    "lg_code,machiaza_id,blk_id,rsdt_id,rsdt2_id,city,ward,oaza_cho,chome,koaza,machiaza_dist,"
    "blk_num,rsdt_num,rsdt_num2,basic_rsdt_div,rsdt_addr_flg,rsdt_addr_mtd_code,status_flg,"
    "efct_date,ablt_date,src_code,remarks";
constexpr const char* kResidencePosHeader =
    "lg_code,machiaza_id,blk_id,rsdt_id,rsdt2_id,rsdt_addr_flg,rsdt_addr_mtd_code,rep_lon,"
    "rep_lat,rep_srid,rep_scale,rep_src_code,rsdt_addr_code_rdbl,rsdt_addr_data_mnt_date,"
    "basic_rsdt_div";
constexpr const char* kParcelHeader =
    "lg_code,machiaza_id,prc_id,city,ward,oaza_cho,chome,koaza,machiaza_dist,prc_num1,prc_num2,"
    "prc_num3,rsdt_addr_flg,prc_rec_flg,prc_area_code,efct_date,ablt_date,src_code,remarks,"
    "real_prop_num";
constexpr const char* kParcelPosHeader =
    "lg_code,machiaza_id,prc_id,rep_lon,rep_lat,rep_srid,rep_scale,rep_src_code,plygn_fname,"
    "plygn_kcode,plygn_fmt,plygn_srid,plygn_scale,plygn_src_code,moj_map_city_code,"
    "moj_map_oaza_code,moj_map_chome_code,moj_map_koaza_code,moj_map_spare_code,"
    "moj_map_brushid";

using Row = std::map<std::string, std::string>;

// A CSV of header and rows (each row: column → value, the others empty).
std::string csv(const std::string& header, const std::vector<Row>& rows) {
  std::vector<std::string> columns;
  for (std::size_t start = 0, end = 0; end != std::string::npos; start = end + 1) {
    end = header.find(',', start);
    columns.push_back(header.substr(start, end - start));
  }
  std::string text = header + "\r\n";
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto value = row.find(columns[i]);
      text += (i ? "," : "") + (value == row.end() ? std::string() : value->second);
    }
    text += "\r\n";
  }
  return text;
}

Row town(const std::string& machiaza_id, const std::string& oaza_cho, const std::string& chome,
         const std::string& flag) {
  return {{"lg_code", "131059"}, {"machiaza_id", machiaza_id}, {"machiaza_type", "2"},
          {"pref", "東京都"},    {"city", "文京区"},           {"oaza_cho", oaza_cho},
          {"chome", chome},      {"rsdt_addr_flg", flag},      {"efct_date", "1947-04-17"},
          {"status_flg", "1"}};
}

Row residence(const std::string& blk, const std::string& rsdt, const std::string& ablt = "") {
  return {{"lg_code", "131059"},
          {"machiaza_id", "0001001"},
          {"blk_id", blk},
          {"rsdt_id", rsdt},
          {"city", "文京区"},
          {"oaza_cho", "白山"},
          {"chome", "１丁目"},
          {"blk_num", std::to_string(std::stoi(blk))},
          {"rsdt_num", std::to_string(std::stoi(rsdt))},
          {"rsdt_addr_flg", "1"},
          {"efct_date", "1947-04-17"},
          {"ablt_date", ablt}};
}

Row residence_pos(const std::string& blk, const std::string& rsdt, const std::string& lat,
                  const std::string& lon) {
  return {{"lg_code", "131059"},    {"machiaza_id", "0001001"}, {"blk_id", blk},
          {"rsdt_id", rsdt},        {"rep_lon", lon},           {"rep_lat", lat},
          {"rep_srid", "EPSG:6668"}};
}

Row parcel(const std::string& prc_id, const std::string& n1, const std::string& n2,
           const std::string& n3) {
  return {{"lg_code", "131059"},      {"machiaza_id", "0000500"}, {"prc_id", prc_id},
          {"city", "文京区"},         {"oaza_cho", "本郷"},       {"prc_num1", n1},
          {"prc_num2", n2},           {"prc_num3", n3},           {"rsdt_addr_flg", "0"},
          {"efct_date", "1947-04-17"}};
}

Row parcel_pos(const std::string& prc_id, const std::string& lat, const std::string& lon) {
  return {{"lg_code", "131059"}, {"machiaza_id", "0000500"}, {"prc_id", prc_id},
          {"rep_lon", lon},      {"rep_lat", lat},           {"rep_srid", "EPSG:6668"}};
}

Row town_pos(const std::string& machiaza_id, const std::string& flag, const std::string& lat,
             const std::string& lon) {
  return {{"lg_code", "131059"},   {"machiaza_id", machiaza_id},
          {"rsdt_addr_flg", flag}, {"rep_lon", lon},
          {"rep_lat", lat},        {"rep_srid", "EPSG:6668"}};
}

// The tiny registry: 文京区 with
//   白山１丁目 (住居表示): 1-1 at (35.0000, 139.0000), 1-2 111 m north of it
//     (35.0010), 2-1 and 2-2 on either side of (35.0200, 139.0000) (lon
//     ±0.001: a tie), 3-1 at (35.0100, 139.0010) and 4-1 abolished at
//     (35.0300, 139.0000);
//   本郷 (地番): 10-2-1 182 m east of 1-1 (35.0000, 139.0020), 11 at
//     (35.0100, 138.9990) (a tie with 3-1 around (35.0100, 139.0000)), and
//     12 at exactly 1-2's point;
//   湯島 (a 町字 with a point only, its position's rsdt_addr_flg 1 where its
//     row has 0, as 84 real ones of 和歌山県): (35.0050, 139.0000);
//   根津 (a 町字 on the antimeridian, for the wrap): (35.0000, 179.9999);
//   and a 町字 position (0009000) whose 町字 is not in mt_town: (35.0400,
//     139.0000).
struct TinyRegistry {
  registry_test::ScratchDir dir;
  std::filesystem::path path = dir / "tiny.db";

  explicit TinyRegistry(bool with_positions = true) {
    using registry_test::write_file;
    write_file(dir / "mt_city_all.csv", csv(kCityHeader, {{{"lg_code", "131059"},
                                                           {"pref", "東京都"},
                                                           {"city", "文京区"},
                                                           {"efct_date", "1947-04-17"}}}));
    write_file(
        dir / "mt_town_all.csv",
        csv(kTownHeader, {town("0001001", "白山", "１丁目", "1"), town("0000500", "本郷", "", "0"),
                          town("0003000", "湯島", "", "0"), town("0004000", "根津", "", "0")}));
    write_file(
        dir / "mt_rsdtdsp_rsdt_pref13.csv",
        csv(kResidenceHeader, {residence("001", "001"), residence("001", "002"),
                               residence("002", "001"), residence("002", "002"),
                               residence("003", "001"), residence("004", "001", "2020-01-01")}));
    write_file(dir / "mt_parcel_city131059.csv",
               csv(kParcelHeader, {parcel("000100000200001", "10", "2", "1"),
                                   parcel("000110000000000", "11", "", ""),
                                   parcel("000120000000000", "12", "", "")}));
    std::vector<std::filesystem::path> sources = {dir / "mt_city_all.csv", dir / "mt_town_all.csv",
                                                  dir / "mt_rsdtdsp_rsdt_pref13.csv",
                                                  dir / "mt_parcel_city131059.csv"};
    if (with_positions) {
      write_file(dir / "mt_rsdtdsp_rsdt_pos_pref13.csv",
                 csv(kResidencePosHeader, {residence_pos("001", "001", "35.0000", "139.0000"),
                                           residence_pos("001", "002", "35.0010", "139.0000"),
                                           residence_pos("002", "001", "35.0200", "139.0010"),
                                           residence_pos("002", "002", "35.0200", "138.9990"),
                                           residence_pos("003", "001", "35.0100", "139.0010"),
                                           residence_pos("004", "001", "35.0300", "139.0000")}));
      write_file(dir / "mt_parcel_pos_city131059.csv",
                 csv(kParcelPosHeader, {parcel_pos("000100000200001", "35.0000", "139.0020"),
                                        parcel_pos("000110000000000", "35.0100", "138.9990"),
                                        parcel_pos("000120000000000", "35.0010", "139.0000")}));
      write_file(dir / "mt_town_pos_pref13.csv",
                 csv(kTownPosHeader, {town_pos("0003000", "1", "35.0050", "139.0000"),
                                      town_pos("0004000", "0", "35.0000", "179.9999"),
                                      town_pos("0009000", "0", "35.0400", "139.0000")}));
      sources.insert(sources.end(),
                     {dir / "mt_rsdtdsp_rsdt_pos_pref13.csv", dir / "mt_parcel_pos_city131059.csv",
                      dir / "mt_town_pos_pref13.csv"});
    }
    auto rejected = abr_test::build_abr_registry(path, sources);
    REQUIRE(rejected.empty());
  }
};

const TinyRegistry& tiny() {
  static TinyRegistry registry;
  return registry;
}

std::vector<ReverseHit> reverse(double lat, double lon, double radius_m = 1000, int limit = 1) {
  static RegistryDb db = RegistryDb::open_existing(tiny().path);
  return reverse_geocode(db, ReverseQuery{lat, lon, radius_m, limit});
}

// lat moved north by metres on the sphere distance_m measures on.
double north(double lat, double metres) {
  return lat + metres / gifkit::grammars::kEarthRadiusM * 180 / 3.14159265358979323846;
}

// lon moved east by metres along the parallel of lat (same sphere).
double east(double lat, double lon, double metres) {
  const double pi = 3.14159265358979323846;
  return lon + metres / (gifkit::grammars::kEarthRadiusM * std::cos(lat * pi / 180)) * 180 / pi;
}

}  // namespace

TEST_CASE("reverse: the residence at its own point, with its fields and GIF form", "[reverse]") {
  auto hits = reverse(35.0, 139.0);
  REQUIRE(hits.size() == 1);
  const ReverseHit& hit = hits[0];
  CHECK(hit.level == ReverseLevel::residence);
  CHECK(hit.distance_m == 0.0);
  CHECK(hit.lat == 35.0);
  CHECK(hit.lon == 139.0);
  CHECK(hit.lg_code == "131059");
  CHECK(hit.machiaza_id == "0001001");
  CHECK(hit.pref == "東京都");
  CHECK(hit.city == "文京区");
  CHECK(hit.oaza_cho == "白山");
  CHECK(hit.chome == "１丁目");
  CHECK(hit.blk_num == "1");
  CHECK(hit.rsdt_num == "1");
  CHECK(hit.prc_num1.empty());
  CHECK(hit.output == "東京都文京区白山１丁目1-1");
  CHECK(hit.gif.localGovernmentCode == "131059");
  CHECK(hit.gif.streetAddressId == "0001001");
  CHECK(hit.gif.cityAndCounty == "文京区");
  CHECK(hit.gif.streetAddress == "白山１丁目");
  CHECK(hit.gif.cityBlock == "1-1");
  CHECK(hit.gif.buildingNameEtc.empty());
}

TEST_CASE("reverse: a point 30 m off gives the residence at 30 m", "[reverse]") {
  auto hits = reverse(north(35.0, 30), 139.0);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].rsdt_num == "1");
  CHECK(hits[0].distance_m == Approx(30).margin(0.01));
  // 30 m south of 1-2 (111 m north of 1-1): 1-2 again, not 1-1.
  hits = reverse(north(35.001, -30), 139.0);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].output == "東京都文京区白山１丁目1-2");
}

TEST_CASE("reverse: the nearest parcel, its numbers joined as the 番地以下", "[reverse]") {
  auto hits = reverse(35.0, 139.0021);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].level == ReverseLevel::parcel);
  CHECK(hits[0].machiaza_id == "0000500");
  CHECK(hits[0].prc_num1 == "10");
  CHECK(hits[0].prc_num2 == "2");
  CHECK(hits[0].prc_num3 == "1");
  CHECK(hits[0].blk_num.empty());
  CHECK(hits[0].gif.cityBlock == "10-2-1");
  CHECK(hits[0].output == "東京都文京区本郷10-2-1");
  CHECK(hits[0].distance_m == Approx(gifkit::grammars::distance_m(35.0, 139.0021, 35.0, 139.002)));
}

TEST_CASE("reverse: a 町字's own point gives the 町字, without numbers", "[reverse]") {
  auto hits = reverse(35.0049, 139.0);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].level == ReverseLevel::machiaza);
  CHECK(hits[0].machiaza_id == "0003000");
  CHECK(hits[0].oaza_cho == "湯島");
  CHECK(hits[0].output == "東京都文京区湯島");
  CHECK(hits[0].gif.cityBlock.empty());
  CHECK(hits[0].distance_m == Approx(11.1).margin(0.1));
}

TEST_CASE("reverse: limit gives the nearest first, whatever their level", "[reverse]") {
  auto hits = reverse(35.0, 139.0, 1000, 4);
  REQUIRE(hits.size() == 4);
  // 1-1 (0 m); 1-2 and parcel 12 share a point 111 m north: the residence
  // first; then parcel 10-2-1 (182 m).
  CHECK(hits[0].output == "東京都文京区白山１丁目1-1");
  CHECK(hits[1].output == "東京都文京区白山１丁目1-2");
  CHECK(hits[2].output == "東京都文京区本郷12");
  CHECK(hits[2].distance_m == hits[1].distance_m);
  CHECK(hits[3].output == "東京都文京区本郷10-2-1");
  for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i - 1].distance_m <= hits[i].distance_m);
  // More than the radius holds: only what it holds (湯島 at 556 m is the 5th).
  CHECK(reverse(35.0, 139.0, 500, 10).size() == 4);
  CHECK(reverse(35.0, 139.0, 600, 10).size() == 5);
}

TEST_CASE("reverse: nothing within the radius is an empty answer; radius 0 is the point itself",
          "[reverse]") {
  // 500 m south of 1-1: 1-1 is the nearest, at 500 m.
  CHECK(reverse(north(35.0, -500), 139.0, 499).empty());
  auto hits = reverse(north(35.0, -500), 139.0, 501);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].distance_m == Approx(500).margin(0.01));
  // 400 m south and 400 m west of 1-1: inside the box of a 500 m circle,
  // but 566 m away, so not a hit; a 570 m circle holds it.
  const double lat = north(35.0, -400);
  const double lon = east(lat, 139.0, -400);
  CHECK(gifkit::grammars::distance_m(lat, lon, 35.0, 139.0) == Approx(566).margin(1));
  CHECK(reverse(lat, lon, 500).empty());
  CHECK(reverse(lat, lon, 570).size() == 1);
  CHECK(reverse(35.0, 139.0, 0).size() == 1);
  CHECK(reverse(35.00001, 139.0, 0).empty());
  // A point 20 km from every position: found only with a radius that reaches.
  CHECK(reverse(north(35.0, -20000), 139.0).empty());
  CHECK(reverse(north(35.0, -20000), 139.0, 20001).size() == 1);
}

TEST_CASE("reverse: ties are broken by level, then by the place's key", "[reverse]") {
  // 3-1 (residence) and parcel 11 are both 91 m from (35.01, 139.0).
  auto hits = reverse(35.01, 139.0, 1000, 2);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].distance_m == hits[1].distance_m);
  CHECK(hits[0].level == ReverseLevel::residence);
  CHECK(hits[0].output == "東京都文京区白山１丁目3-1");
  CHECK(hits[1].level == ReverseLevel::parcel);
  CHECK(reverse(35.01, 139.0).at(0).output == "東京都文京区白山１丁目3-1");
  // 2-1 and 2-2 on either side of (35.02, 139.0): the smaller key first,
  // the same answer every time.
  for (int i = 0; i < 3; ++i) {
    hits = reverse(35.02, 139.0, 1000, 2);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].output == "東京都文京区白山１丁目2-1");
    CHECK(hits[1].output == "東京都文京区白山１丁目2-2");
  }
}

TEST_CASE("reverse: an abolished residence, and a 町字 not in mt_town, are not in the index",
          "[reverse]") {
  // 4-1 (abolished) stands at (35.03, 139.0); 2-1/2-2 are 1.1 km away.
  CHECK(reverse(35.03, 139.0, 100, 5).empty());
  CHECK(reverse(35.04, 139.0, 100, 5).empty());
}

TEST_CASE("reverse: a circle across the antimeridian finds the point on the other side",
          "[reverse]") {
  auto hits = reverse(35.0, -179.9999, 100);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].oaza_cho == "根津");
  CHECK(hits[0].distance_m == Approx(gifkit::grammars::distance_m(35, -179.9999, 35, 179.9999)));
  CHECK(hits[0].distance_m < 20);
}

TEST_CASE("reverse: a bad latitude, longitude, radius or limit is refused", "[reverse]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (ReverseQuery query : {ReverseQuery{90.5, 139}, ReverseQuery{-91, 139},
                             ReverseQuery{nan, 139}, ReverseQuery{inf, 139}}) {
    CHECK_THAT(reverse_query_problem(query).value_or(""), Catch::Contains("latitude"));
    CHECK_THROWS_AS(reverse(query.lat, query.lon), InvalidReverseQuery);
  }
  for (ReverseQuery query : {ReverseQuery{35, 180.5}, ReverseQuery{35, -181}, ReverseQuery{35, nan},
                             ReverseQuery{35, -inf}}) {
    CHECK_THAT(reverse_query_problem(query).value_or(""), Catch::Contains("longitude"));
  }
  for (double radius : {-1.0, 50000.5, nan, inf})
    CHECK_THAT(reverse_query_problem(ReverseQuery{35, 139, radius}).value_or(""),
               Catch::Contains("radius"));
  for (int limit : {0, -1, 1001})
    CHECK_THAT(reverse_query_problem(ReverseQuery{35, 139, 100, limit}).value_or(""),
               Catch::Contains("limit"));
  CHECK_THROWS_AS(reverse(35, 139, 100, 0), InvalidReverseQuery);
  // The edges are accepted.
  for (ReverseQuery query : {ReverseQuery{90, 180, 50000, 1000}, ReverseQuery{-90, -180, 0, 1}})
    CHECK_FALSE(reverse_query_problem(query));
  CHECK(reverse(90, 180, 50000).empty());
}

TEST_CASE("reverse: the index is in provenance and registry verify checks it", "[reverse]") {
  auto db = RegistryDb::open_existing(tiny().path);
  bool found = false;
  for (const auto& source : db.provenance()) {
    if (source.source_kind != "abr-point-index") continue;
    found = true;
    CHECK(source.table_name == "abr_point_cells");
    // One entry a 町字, kind and cell of 0.01°: 白山１丁目's 5 residences
    // (not the abolished one) in 3 cells, 本郷's 3 parcels in 2, and the
    // points of 湯島 and 根津 (not 0009000's, whose 町字 is not in mt_town).
    CHECK(source.row_count == 7);
  }
  CHECK(found);
  CHECK(gifkit::registries::verify_registry(db).empty());
}

TEST_CASE("reverse: a registry built before the index says to rebuild it", "[reverse]") {
  registry_test::ScratchDir dir;
  auto old = dir / "old.db";
  std::filesystem::copy_file(tiny().path, old);
  {
    auto db = RegistryDb::open_existing(old, false);
    db.execute("DROP TABLE abr_point_cells");
  }
  auto db = RegistryDb::open_existing(old);
  CHECK_THROWS_WITH(reverse_geocode(db, ReverseQuery{35, 139}),
                    Catch::Contains("gifkit registry build") && Catch::Contains(old.string()));
}

TEST_CASE("reverse: a registry of schema 2 or 3 is searched through its R*Tree of points",
          "[reverse]") {
  registry_test::ScratchDir dir;
  auto old = dir / "old.db";
  std::filesystem::copy_file(tiny().path, old);
  {
    // The index those versions made: one entry a searched point.
    auto db = RegistryDb::open_existing(old, false);
    db.execute(
        "DROP TABLE abr_point_cells;"
        "CREATE VIRTUAL TABLE abr_point_rtree USING rtree(id, min_lon, max_lon, min_lat, "
        "max_lat, +lg_code TEXT, +machiaza_id TEXT, +place_id TEXT);"
        "INSERT INTO abr_point_rtree SELECT 4 * row_number() OVER () + 0, rep_lon, rep_lon, "
        "rep_lat, rep_lat, lg_code, machiaza_id, blk_id || rsdt_id || rsdt2_id FROM abr_rsdt_pos "
        "WHERE NOT (blk_id = '004');"
        "INSERT INTO abr_point_rtree SELECT 4 * row_number() OVER () + 1, rep_lon, rep_lon, "
        "rep_lat, rep_lat, lg_code, machiaza_id, prc_id FROM abr_parcel_pos;"
        "INSERT INTO abr_point_rtree SELECT 4 * row_number() OVER () + 2, rep_lon, rep_lon, "
        "rep_lat, rep_lat, lg_code, machiaza_id, rsdt_addr_flg FROM abr_town_pos "
        "WHERE machiaza_id <> '0009000'");
  }
  auto db = RegistryDb::open_existing(old);
  REQUIRE_FALSE(db.has_table("abr_point_cells"));
  int hits_seen = 0;
  for (double lat = 34.995; lat <= 35.045; lat += 0.0025) {
    for (double lon : {138.998, 138.9995, 139.0, 139.0005, 139.0015, 139.003, -179.9999}) {
      INFO(lat << ", " << lon);
      const ReverseQuery query{lat, lon, 2000, 5};
      const auto cells = reverse(lat, lon, 2000, 5);
      const auto points = reverse_geocode(db, query);
      REQUIRE(cells.size() == points.size());
      for (std::size_t i = 0; i < cells.size(); ++i) {
        CHECK(cells[i].output == points[i].output);
        CHECK(cells[i].distance_m == points[i].distance_m);
        CHECK(cells[i].level == points[i].level);
      }
      hits_seen += static_cast<int>(cells.size());
    }
  }
  CHECK(hits_seen > 300);
}

TEST_CASE("reverse: ABR data without positions, and a registry without ABR, are refused",
          "[reverse]") {
  TinyRegistry no_positions(false);
  auto db = RegistryDb::open_existing(no_positions.path);
  CHECK_THROWS_WITH(reverse_geocode(db, ReverseQuery{35, 139}),
                    Catch::Contains("holds no positions"));
  registry_test::ScratchDir dir;
  registry_test::build_registry(dir / "houjin.db", {registry_test::kDiffUtf8});
  auto houjin = RegistryDb::open_existing(dir / "houjin.db");
  CHECK_THROWS_WITH(reverse_geocode(houjin, ReverseQuery{35, 139}),
                    Catch::Contains("no Address Base Registry data"));
}

TEST_CASE("reverse: real residences of 文京区 and parcels of 屋久島町 at their own points",
          "[reverse][abr]") {
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  for (const char* table : {"abr_rsdt_pos", "abr_parcel_pos"}) {
    INFO(table);
    const bool residences = std::string(table) == "abr_rsdt_pos";
    // Every 997th position of 文京区 (131059) or 屋久島町 (465054).
    auto select = db.prepare(
        residences ? "SELECT lg_code, machiaza_id, blk_id || '-' || rsdt_id, rep_lat, rep_lon "
                     "FROM abr_rsdt_pos WHERE lg_code = '131059'"
                   : "SELECT lg_code, machiaza_id, prc_id, rep_lat, rep_lon "
                     "FROM abr_parcel_pos WHERE lg_code = '465054'");
    int checked = 0;
    for (int row = 0; select.step(); ++row) {
      if (row % 997 != 0) continue;
      const std::string machiaza_id(select.column_text(1));
      const double lat = std::stod(std::string(select.column_text(3)));
      const double lon = std::stod(std::string(select.column_text(4)));
      INFO(machiaza_id << " " << select.column_text(2) << " at " << lat << ", " << lon);
      // Places may share a point: the place itself is among those at 0 m.
      auto hits = reverse_geocode(db, ReverseQuery{lat, lon, 10, 20});
      REQUIRE_FALSE(hits.empty());
      CHECK(hits[0].distance_m == 0.0);
      bool itself = false;
      for (const auto& hit : hits)
        itself |= hit.distance_m == 0.0 && hit.machiaza_id == machiaza_id &&
                  hit.level == (residences ? ReverseLevel::residence : ReverseLevel::parcel) &&
                  hit.lat == lat && hit.lon == lon;
      CHECK(itself);
      CHECK(hits[0].lg_code == select.column_text(0));
      ++checked;
    }
    CHECK(checked > 25);
  }
}
