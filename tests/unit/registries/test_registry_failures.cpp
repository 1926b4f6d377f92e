// test_registry_failures.cpp — what the registry layer does with bad input:
// a zip that is not a zip, a truncated CSV, a 29-field row, a bad check
// digit (rejected, counted, import goes on), a file that is not a registry,
// a failed build (the old registry stays byte-identical, no temporary file
// left), an output directory that cannot be written.
// room: registry-build
#include <unistd.h>

#include <catch2/catch.hpp>
#include <random>

#include "registries/builder/registry_build.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registry_test_support.hpp"

using namespace gifkit::registries::houjin;
using namespace registry_test;

namespace {

std::string random_bytes(std::size_t size) {
  std::mt19937 generator(20261122);
  std::string bytes(size, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(generator() & 0xFF);
  return bytes;
}

std::int64_t rows_imported(const std::filesystem::path& registry) {
  return RegistryDb::open_existing(registry).provenance().at(0).row_count;
}

}  // namespace

TEST_CASE("a .zip that is not a zip fails the build, naming the file", "[registry][failure]") {
  ScratchDir dir;
  auto fake = dir / "13_tokyo_all_20240329.zip";
  write_file(fake, first_lines(kDiffUtf8, 5));
  try {
    build_registry(dir / "r.db", {fake});
    FAIL("no error");
  } catch (const RegistryError& error) {
    CHECK_THAT(error.what(), Catch::Contains(fake.string()) && Catch::Contains("zip"));
  }
  CHECK(dir.file_names() == std::vector<std::string>{"13_tokyo_all_20240329.zip"});
}

TEST_CASE("a truncated CSV: the cut last line is rejected, the rest imported",
          "[registry][failure]") {
  ScratchDir dir;
  std::string text = first_lines(kDiffUtf8, 10);
  text.resize(text.size() - 40);  // cut inside the 10th record
  write_file(dir / "cut.csv", text);
  auto rejected = build_registry(dir / "r.db", {dir / "cut.csv"});
  CHECK(only_rejected(rejected, 10).file == (dir / "cut.csv").string());
  auto db = RegistryDb::open_existing(dir / "r.db");
  check_first_source_counts(db, 9, 1);
  CHECK(gifkit::registries::verify_registry(db).empty());
}

TEST_CASE("a row with 29 fields is rejected and the import goes on", "[registry][failure]") {
  ScratchDir dir;
  std::string lines = first_lines(kDiffUtf8, 6);
  std::string third = first_lines(kDiffUtf8, 3).substr(first_lines(kDiffUtf8, 2).size());
  std::string short_third = third.substr(0, third.rfind(',')) + "\n";  // drop hihyoji
  lines.replace(lines.find(third), third.size(), short_third);
  write_file(dir / "short.csv", lines);
  auto rejected = build_registry(dir / "r.db", {dir / "short.csv"});
  CHECK(only_rejected(rejected, 3).reason == "has 29 fields, expected 30");
  CHECK(rows_imported(dir / "r.db") == 5);
  CHECK_FALSE(find_corporation(RegistryDb::open_existing(dir / "r.db"), "1010001126817"));
}

TEST_CASE("a bad check digit is rejected, counted, and the import goes on", "[registry][failure]") {
  ScratchDir dir;
  std::string lines = first_lines(kDiffUtf8, 20);
  auto at = lines.find("1010001097199");  // row 2
  REQUIRE(at != std::string::npos);
  lines[at] = '2';
  write_file(dir / "digit.csv", lines);
  auto rejected = build_registry(dir / "r.db", {dir / "digit.csv"});
  CHECK_THAT(only_rejected(rejected, 2).reason,
             Catch::Contains("2010001097199") && Catch::Contains("check digit"));
  auto db = RegistryDb::open_existing(dir / "r.db");
  check_first_source_counts(db, 19, 1);
  CHECK(find_corporation(db, "1010001126817"));  // row 3, after the bad one
}

TEST_CASE("a file whose first record is not a 法人番号 row is not a source",
          "[registry][failure]") {
  ScratchDir dir;
  write_file(dir / "people.csv", "氏名,住所\n出路樽 太郎,東京都千代田区紀尾井町1-3\n");
  CHECK_THROWS_AS(build_registry(dir / "r.db", {dir / "people.csv"}), NotRegistrySource);
  CHECK_THROWS_WITH(build_registry(dir / "r.db", {dir / "people.csv"}),
                    Catch::Contains("people.csv: not a recognised registry source") &&
                        Catch::Contains("the first record has 2 fields") &&
                        Catch::Contains("not an Address Base Registry table"));
  write_file(dir / "empty.csv", "");
  CHECK_THROWS_AS(build_registry(dir / "r.db", {dir / "empty.csv"}), NotRegistrySource);
  CHECK(dir.file_names() == std::vector<std::string>{"empty.csv", "people.csv"});
}

TEST_CASE("a file that is not a registry is refused by open (info, verify)",
          "[registry][failure]") {
  ScratchDir dir;
  write_file(dir / "random.db", random_bytes(8192));
  CHECK_THROWS_WITH(RegistryDb::open_existing(dir / "random.db"),
                    Catch::Contains("random.db") && Catch::Contains("not a gifkit registry"));
  write_file(dir / "empty.db", "");
  CHECK_THROWS_WITH(RegistryDb::open_existing(dir / "empty.db"),
                    Catch::Contains("not a gifkit registry"));
  CHECK_THROWS_WITH(RegistryDb::open_existing(dir / "missing.db"),
                    Catch::Contains("no such registry file"));
}

TEST_CASE("a registry of another schema version is refused, saying to rebuild",
          "[registry][failure]") {
  ScratchDir dir;
  REQUIRE(build_registry(dir / "r.db", {kDiffUtf8}).empty());
  {
    auto db = RegistryDb::open_existing(dir / "r.db", /*read_only=*/false);
    db.set_meta("schema_version", "1");  // as gifkit wrote it before the integer key
  }
  CHECK_THROWS_WITH(RegistryDb::open_existing(dir / "r.db"),
                    Catch::Contains("r.db") && Catch::Contains("schema version '1'") &&
                        Catch::Contains("reads versions 2 to 4"));
}

TEST_CASE("a registry without 法人番号 data: lookups say so, naming the file",
          "[registry][failure]") {
  ScratchDir dir;
  {
    gifkit::registries::RegistryBuild build(dir / "abr-only.db");
    build.commit();  // meta and provenance only, as an ABR-only build has
  }
  auto db = RegistryDb::open_existing(dir / "abr-only.db");
  CHECK_THROWS_WITH(CorporationFinder(db), Catch::Contains("abr-only.db has no 法人番号 data"));
  NameQuery query;
  query.text = "デジタル";
  CHECK_THROWS_WITH(search_corporations(db, query),
                    Catch::Contains("abr-only.db has no 法人番号 data"));
}

TEST_CASE("a failed build leaves the existing registry byte-identical", "[registry][failure]") {
  ScratchDir dir;
  auto target = dir / "houjin.db";
  build_registry(target, {kDiffUtf8});
  std::string before = read_file(target);
  write_file(dir / "not-houjin.csv", "a,b,c\n");
  CHECK_THROWS_AS(build_registry(target, {kDiffSjis, dir / "not-houjin.csv"}), RegistryError);
  CHECK(read_file(target) == before);
  CHECK(dir.file_names() == std::vector<std::string>{"houjin.db", "not-houjin.csv"});
  CHECK(rows_imported(target) == 2772);
}

TEST_CASE("an output directory that cannot be written fails before any import",
          "[registry][failure]") {
  ScratchDir dir;
  CHECK_THROWS_WITH(build_registry(dir / "missing" / "r.db", {kDiffUtf8}),
                    Catch::Contains("cannot create a temporary file"));
  // root ignores directory permissions; /proc refuses new files for everyone.
  std::filesystem::path read_only_target = dir / "locked" / "r.db";
  if (::geteuid() == 0) {
    read_only_target = "/proc/gifkit-registry-test.db";
  } else {
    std::filesystem::create_directory(dir / "locked");
    std::filesystem::permissions(
        dir / "locked", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  }
  CHECK_THROWS_WITH(build_registry(read_only_target, {kDiffUtf8}),
                    Catch::Contains("cannot create a temporary file"));
}
