// test_registry_houjin.cpp — a registry built from the real NTA diff files
// in ../shared/data/houjin/samples (2021-07-14 UTF-8, 2,772 rows; 2025-03-11
// Shift_JIS, 2,404 rows): counts, provenance (SHA-256 as sha256sum computes
// it), a known record, history rows, zipped sources, the row checks.
// room: houjin
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdio>

#include "registries/db/registry_db.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registry_test_support.hpp"

using namespace gifkit::registries::houjin;
using namespace registry_test;

namespace {

// What the sha256sum tool says about the file.
std::string sha256sum_tool(const std::filesystem::path& path) {
  std::string command = "sha256sum '" + path.string() + "'";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char digest[65] = {};
  REQUIRE(std::fread(digest, 1, 64, pipe) == 64);
  ::pclose(pipe);
  return digest;
}

// Writes a zip archive holding the given entries (name → bytes).
void write_zip(const std::filesystem::path& path,
               const std::vector<std::pair<std::string, std::string>>& entries) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, bytes] : entries) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(archive) == 0);
}

}  // namespace

TEST_CASE("a registry built from the real UTF-8 and Shift_JIS diff files", "[registry][houjin]") {
  ScratchDir dir;
  auto target = dir / "houjin.db";
  auto rejected = build_registry(target, {kDiffUtf8, kDiffSjis});
  CHECK(rejected.empty());
  CHECK(dir.file_names() == std::vector<std::string>{"houjin.db"});  // no temporary left

  auto db = RegistryDb::open_existing(target);
  SECTION("provenance records each file with its checksum, date and counts") {
    auto sources = db.provenance();
    REQUIRE(sources.size() == 2);
    CHECK(sources[0].source_file == kDiffUtf8.string());
    CHECK(sources[0].sha256 == sha256sum_tool(kDiffUtf8));
    CHECK(sources[0].data_date == "2021-07-14");
    CHECK(sources[0].row_count == 2772);
    CHECK(sources[0].rejected_count == 0);
    CHECK(sources[0].source_kind == "houjin-csv");
    CHECK(sources[0].table_name == "corporation_history");
    CHECK(sources[0].imported_at.size() == 20);
    CHECK(sources[1].sha256 == sha256sum_tool(kDiffSjis));
    CHECK(sources[1].data_date == "2025-03-11");
    CHECK(sources[1].row_count == 2404);
  }
  SECTION("counts: every row in the history, one current row per corporate number") {
    CHECK(count_rows(db, "SELECT COUNT(*) FROM corporation_history") == 2772 + 2404);
    CHECK(count_rows(db, "SELECT COUNT(*) FROM corporation") ==
          count_rows(db, "SELECT COUNT(DISTINCT corporate_number) FROM corporation_history"));
    CHECK(count_rows(db, "SELECT COUNT(*) FROM corporation") == 4573);
    CHECK(gifkit::registries::verify_registry(db).empty());
    CHECK(db.meta("schema_version") == "4");
  }
  SECTION("a known record from the UTF-8 file") {
    auto record = find_corporation(db, "1010001072706");
    REQUIRE(record);
    CHECK((*record)[kName] == "東京増田医療器株式会社");
    CHECK((*record)[kFurigana] == "トウキョウマスダイリョウキ");
    CHECK((*record)[kKind] == "301");
    CHECK((*record)[kPrefectureName] == "東京都");
    CHECK((*record)[kCityName] == "文京区");
    CHECK((*record)[kStreetNumber] == "湯島２丁目６番２号");
    CHECK((*record)[kPostCode] == "1130034");
    CHECK((*record)[kProcess] == "01");
    CHECK((*record)[kCloseDate].empty());
    CHECK_FALSE(find_corporation(db, "7000012050002"));
  }
  SECTION("a record from the Shift_JIS file is stored as UTF-8") {
    auto record = find_corporation(db, "1010401172493");
    REQUIRE(record);
    CHECK((*record)[kName] == "株式会社桃と花と咲と");
    CHECK((*record)[kProcess] == "21");
    CHECK((*record)[kCloseDate] == "2025-03-05");
    CHECK((*record)[kCloseCause] == "11");
    CHECK((*record)[kSuccessorCorporateNumber] == "1010501039436");
    CHECK(close_cause_name((*record)[kCloseCause]) == "合併による解散等");
  }
  SECTION("history: every row of a corporation, oldest first, the current state last") {
    auto history = corporation_history(db, "4010401114096");
    REQUIRE(history.size() == 6);
    CHECK(history.front()[kName] == "ナガサキ・アンド・カンパニー株式会社");
    CHECK(history.front()[kProcess] == "01");
    CHECK(history.front()[kLatest] == "0");
    CHECK(history.back()[kProcess] == "12");
    CHECK(history.back()[kLatest] == "1");
    auto current = find_corporation(db, "4010401114096");
    REQUIRE(current);
    CHECK((*current)[kName] == "Ｓｐａｃｅ　ＢＤ株式会社");
    CHECK((*current)[kStreetNumber] == history.back()[kStreetNumber]);
  }
}

TEST_CASE("a zipped source is read through the archive, signatures skipped", "[registry][houjin]") {
  ScratchDir dir;
  auto archive = dir / "13_tokyo_all_20240329.zip";
  write_zip(archive, {{"13_tokyo_all_20240329.csv", first_lines(kDiffUtf8, 100)},
                      {"13_tokyo_all_20240329.csv.asc", "-----BEGIN PGP SIGNATURE-----\n"}});
  CHECK(gifkit::registries::zip_csv_entries(archive) ==
        std::vector<std::string>{"13_tokyo_all_20240329.csv"});
  build_registry(dir / "r.db", {archive});
  auto db = RegistryDb::open_existing(dir / "r.db");
  auto sources = db.provenance();
  REQUIRE(sources.size() == 1);
  CHECK(sources[0].source_file == archive.string() + ":13_tokyo_all_20240329.csv");
  CHECK(sources[0].sha256 == sha256sum_tool(archive));
  CHECK(sources[0].data_date == "2024-03-29");
  CHECK(sources[0].row_count == 100);
  CHECK(find_corporation(db, "1010001072706"));
}

TEST_CASE("a deletion (process 99) marks the stored state and keeps it", "[registry][houjin]") {
  ScratchDir dir;
  auto csv = dir / "diff.csv";
  write_file(
      csv, first_lines(kDiffUtf8, 1) + "2,1010001072706,99,,2021-08-24,,,,,,,,,,,,,,,,,,,,,,,,,\n");
  build_registry(dir / "r.db", {csv});
  auto db = RegistryDb::open_existing(dir / "r.db");
  auto record = find_corporation(db, "1010001072706");
  REQUIRE(record);
  CHECK((*record)[kProcess] == "99");
  CHECK((*record)[kUpdateDate] == "2021-08-24");
  CHECK((*record)[kName] == "東京増田医療器株式会社");
  CHECK(corporation_history(db, "1010001072706").size() == 2);
  CHECK(process_name("99") == "削除");
}

TEST_CASE("check_houjin_row names what is wrong with a row", "[registry][houjin]") {
  const std::string good_line =
      "1,1010001072706,01,1,2021-07-14,2015-10-05,東京増田医療器株式会社,,301,東京都,文京区,"
      "湯島２丁目６番２号,,13,105,1130034,,,,,,,2015-10-05,1,,,,,トウキョウマスダイリョウキ,0";
  auto fields_of = [](const std::string& line) {
    static std::vector<std::string> storage;
    storage.clear();
    std::string field;
    for (char c : line + ",") {
      if (c == ',') {
        storage.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    return std::vector<std::string_view>(storage.begin(), storage.end());
  };
  auto fields = fields_of(good_line);
  REQUIRE(fields.size() == 30);
  CHECK(check_houjin_row(fields) == "");
  auto with = [&](std::size_t index, std::string_view value) {
    auto changed = fields_of(good_line);
    changed[index] = value;
    return check_houjin_row(changed);
  };
  CHECK_THAT(with(kCorporateNumber, "2010001072706"), Catch::Contains("check digit"));
  CHECK_THAT(with(kProcess, "05"), Catch::Contains("process '05'"));
  CHECK_THAT(with(kUpdateDate, "2021/07/14"), Catch::Contains("updateDate"));
  CHECK_THAT(with(kChangeDate, "2021-02-30"), Catch::Contains("changeDate"));
  CHECK_THAT(with(kLatest, "2"), Catch::Contains("latest '2'"));
  CHECK_THAT(with(kSequenceNumber, "x"), Catch::Contains("sequenceNumber"));
  CHECK_THAT(with(kSuccessorCorporateNumber, "1010001072707"),
             Catch::Contains("successorCorporateNumber"));
  auto short_row = fields_of(good_line);
  short_row.pop_back();
  CHECK(check_houjin_row(short_row) == "has 29 fields, expected 30");
}
