// test_source_completeness.cpp — the build's check of a whole ABR source set
// (registries/builder/source_completeness.hpp) on registries built from the real files: the
// loose index scans give the same cities and 町字 as SELECT DISTINCT over the large tables;
// a whole set is complete and one left out is named; meta completeness reads back as it was
// recorded.
// room: registry-build
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "abr_test_support.hpp"
#include "registries/builder/source_completeness.hpp"
#include "registry_test_support.hpp"

namespace reg = gifkit::registries;

namespace {

std::vector<std::string> distinct(const reg::RegistryDb& db, const std::string& sql) {
  std::vector<std::string> values;
  reg::Statement select = db.prepare(sql);
  while (select.step()) values.emplace_back(select.column_text(0));
  return values;
}

}  // namespace

TEST_CASE("completeness 1: the loose index scans read what SELECT DISTINCT reads",
          "[completeness]") {
  const reg::RegistryDb db = reg::RegistryDb::open_existing(abr_test::real_abr_registry());
  for (const char* table : {"abr_town", "abr_rsdt", "abr_rsdt_pos", "abr_parcel", "abr_parcel_pos"})
    CHECK(reg::cities_of_table(db, table) ==
          distinct(db, std::string("SELECT DISTINCT lg_code FROM ") + table + " ORDER BY 1"));
  for (const char* city : {"302015", "465054"})
    CHECK(
        reg::towns_of_city(db, "abr_parcel", city) ==
        distinct(db, std::string("SELECT DISTINCT machiaza_id FROM abr_parcel WHERE lg_code = '") +
                         city + "' ORDER BY 1"));
  CHECK(reg::towns_of_city(db, "abr_parcel", "131059").empty());  // 文京区: 住居表示 only
  CHECK(reg::cities_of_table(db, "abr_no_such_table").empty());
}

TEST_CASE("completeness 2: the real folders are whole; 和歌山市 without its 住居表示 file is named",
          "[completeness]") {
  const reg::RegistryDb whole = reg::RegistryDb::open_existing(abr_test::real_abr_registry());
  CHECK(reg::missing_abr_parts(whole).empty());
  CHECK(reg::completeness_text(reg::registry_completeness(whole)) == "complete");

  registry_test::ScratchDir dir;
  const auto wakayama = abr_test::kAbr / "wakayama";
  abr_test::build_abr_registry(dir / "part.db", {wakayama / "mt_town_pref30.csv.zip",
                                                 wakayama / "mt_parcel_city302015.csv.zip"});
  const reg::RegistryDb part = reg::RegistryDb::open_existing(dir / "part.db");
  const std::vector<std::string> missing = reg::missing_abr_parts(part);
  REQUIRE(missing.size() == 1);
  CHECK(
      missing[0] ==
      "302015 和歌山県和歌山市: 116 町字 are marked 住居表示 (abr_town rsdt_addr_flg 1) but there "
      "are no 住居表示 rows (abr_rsdt, file mt_rsdtdsp_rsdt) of the city");
  const reg::Completeness recorded = reg::registry_completeness(part);
  CHECK(recorded.recorded);
  CHECK_FALSE(recorded.accepted);
  CHECK(recorded.missing == missing);
  CHECK(reg::completeness_text(recorded) == "incomplete:\n    " + missing[0]);
}

TEST_CASE("completeness 3: a registry built before the key says not recorded", "[completeness]") {
  const reg::RegistryDb db =
      reg::RegistryDb::open_existing(registry_test::houjin_sample_registry());
  const reg::Completeness completeness = reg::registry_completeness(db);
  CHECK(completeness.recorded);  // built now: a 法人番号 registry misses no ABR part
  CHECK(completeness.complete());
  CHECK_FALSE(reg::Completeness{}.recorded);
  CHECK(reg::completeness_text(reg::Completeness{}) ==
        "not recorded (built before gifkit recorded it)");
}
