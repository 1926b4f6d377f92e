// test_registry_abr_failures.cpp — what the ABR importer does with bad
// input, on files made from the real rows: a corrupt zip and a zip cut
// short (the build fails naming the file, no registry left), a truncated
// CSV, a wrong column count, a bad lg_code check digit, a bad machiaza_id
// and date (each row rejected with file and line, the rest imported and the
// counts in provenance), an unknown header, a header lacking a key column, a
// header that contradicts the file name, a CSV with only a header, an
// empty file.
// room: abr
#include <catch2/catch.hpp>

#include "abr_test_support.hpp"
#include "registries/abr/abr_source.hpp"

using gifkit::registries::abr::NotAbrSource;
using namespace abr_test;
using namespace registry_test;

namespace {

// The header and the first 9 rows of 文京区's mt_town_all (10 lines).
std::string bunkyo_town_lines() {
  return first_lines_of(zip_entry_text(kAbr / "bunkyo" / "mt_town_all.csv.zip"), 10);
}

std::string replace_first(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("ABR: a corrupt zip fails the build, naming the file", "[abr][failure]") {
  ScratchDir dir;
  auto fake = dir / "mt_town_pref30.csv.zip";
  write_file(fake, "PK\x03\x04 not really a zip archive");
  CHECK_THROWS_WITH(build_abr_registry(dir / "r.db", {fake}), Catch::Contains(fake.string()));
  auto cut = dir / "mt_rsdtdsp_rsdt_pref13.csv.zip";
  std::string bytes = read_file(kAbr / "bunkyo" / "mt_rsdtdsp_rsdt_pref13.csv.zip");
  write_file(cut, bytes.substr(0, bytes.size() / 2));
  CHECK_THROWS_AS(build_abr_registry(dir / "r.db", {cut}), RegistryError);
  CHECK_FALSE(std::filesystem::exists(dir / "r.db"));
}

TEST_CASE("ABR: a truncated CSV: the cut last row is rejected, the rest imported",
          "[abr][failure]") {
  ScratchDir dir;
  std::string text = bunkyo_town_lines();
  text.resize(text.size() - 30);  // cut inside the 10th line
  write_file(dir / "mt_town_all.csv", text);
  auto rejected = build_abr_registry(dir / "r.db", {dir / "mt_town_all.csv"});
  CHECK(only_rejected(rejected, 10).file == (dir / "mt_town_all.csv").string());
  CHECK_THAT(rejected[0].reason, Catch::Contains("fields, the header has 38"));
  auto db = RegistryDb::open_existing(dir / "r.db");
  check_first_source_counts(db, 8, 1);
  CHECK(gifkit::registries::verify_registry(db).empty());
}

TEST_CASE("ABR: bad rows are rejected with file and line, the others imported", "[abr][failure]") {
  ScratchDir dir;
  // line 2: an extra field; line 3: 131058 (check digit 9 expected);
  // line 4: a 6-digit machiaza_id; line 5: an impossible date.
  std::vector<std::string> lines;
  std::string all = bunkyo_town_lines();
  for (std::size_t start = 0, end; start < all.size(); start = end + 1) {
    end = all.find('\n', start);
    lines.push_back(all.substr(start, end - start + 1));
  }
  lines[1] = replace_first(lines[1], "131059,0001001,", "131059,0001001,x,");
  lines[2] = replace_first(lines[2], "131059,", "131058,");
  lines[3] = replace_first(lines[3], ",0001003,", ",001003,");
  lines[4] = replace_first(lines[4], "1947-04-17", "1947-02-30");
  std::string text;
  for (const auto& line : lines) text += line;
  write_file(dir / "towns.csv", text);
  auto rejected = build_abr_registry(dir / "r.db", {dir / "towns.csv"});
  REQUIRE(rejected.size() == 4);
  CHECK(rejected[0].line == 2);
  CHECK_THAT(rejected[0].reason, Catch::Contains("has 39 fields"));
  CHECK(rejected[1].line == 3);
  CHECK_THAT(rejected[1].reason, Catch::Contains("lg_code '131058'") &&
                                     Catch::Contains("check digit 8 does not match"));
  CHECK(rejected[2].line == 4);
  CHECK_THAT(rejected[2].reason, Catch::Contains("not a 7-digit 町字ID"));
  CHECK(rejected[3].line == 5);
  CHECK_THAT(rejected[3].reason, Catch::Contains("efct_date '1947-02-30'"));
  auto db = RegistryDb::open_existing(dir / "r.db");
  CHECK(db.provenance().at(0).source_kind == "abr-town");  // told by the header
  check_first_source_counts(db, 5, 4);
}

TEST_CASE("ABR: an unknown header, a missing key column, an empty file", "[abr][failure]") {
  ScratchDir dir;
  write_file(dir / "other.csv", "name,address\r\nfoo,bar\r\n");
  CHECK_THROWS_WITH(build_abr_registry(dir / "r.db", {dir / "other.csv"}),
                    Catch::Contains("other.csv: not a recognised registry source") &&
                        Catch::Contains("not an Address Base Registry table"));
  // Read as an ABR table by force, the importer says what its header lacks.
  CHECK_THROWS_WITH(registry_test::build_registry(dir / "r.db", {dir / "other.csv"}, "abr-town"),
                    Catch::Contains("other.csv") && Catch::Contains("has no lg_code column"));
  write_file(dir / "mt_parcel_city302015.csv",
             "lg_code,machiaza_id,prc_num1\r\n302015,0001000,1\r\n");
  CHECK_THROWS_AS(build_abr_registry(dir / "r.db", {dir / "mt_parcel_city302015.csv"}),
                  NotAbrSource);
  write_file(dir / "mt_rsdtdsp_rsdt_pref30.csv",
             "lg_code,machiaza_id,blk_id,city\r\n302015,0001000,001,和歌山市\r\n");
  // The header shows a block table whatever the name says; its key is all there.
  CHECK(build_abr_registry(dir / "r.db", {dir / "mt_rsdtdsp_rsdt_pref30.csv"}).empty());
  CHECK(RegistryDb::open_existing(dir / "r.db").provenance().at(0).source_kind == "abr-rsdt-blk");
  std::filesystem::remove(dir / "r.db");
  write_file(dir / "mt_town_pref30.csv", "");
  CHECK_THROWS_WITH(build_abr_registry(dir / "r.db", {dir / "mt_town_pref30.csv"}),
                    Catch::Contains("empty"));
  CHECK_FALSE(std::filesystem::exists(dir / "r.db"));
}

TEST_CASE("ABR: a CSV with only a header imports no row and says so in provenance",
          "[abr][failure]") {
  ScratchDir dir;
  write_file(dir / "mt_town_all.csv", first_lines_of(bunkyo_town_lines(), 1));
  CHECK(build_abr_registry(dir / "r.db", {dir / "mt_town_all.csv"}).empty());
  auto db = RegistryDb::open_existing(dir / "r.db");
  REQUIRE(db.provenance().size() == 1);
  CHECK(db.provenance()[0].row_count == 0);
  CHECK(db.provenance()[0].table_name == "abr_town");
  CHECK(gifkit::registries::verify_registry(db).empty());
}
