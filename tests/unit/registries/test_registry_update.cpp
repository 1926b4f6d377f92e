// test_registry_update.cpp — `registry update` on the real NTA diff samples:
// a registry built from the 2021-07-14 diff, then updated with the
// 2025-03-11 diff and the two edge-case extracts (2021 rows, newest
// 2021-10-01; 2021–2026 rows, newest 2026-06-05), given out of order. The
// current state after each kind of change (closed, deleted, renamed, a past
// state arriving later), the history oldest first, the data date; and the
// failure paths: applied twice, out of order, locked, read-only, not a
// registry, a bad or truncated diff in the middle of a batch (nothing
// applied, the file byte for byte as before), a diff that is not a whole
// day's file (rows missing, cut inside a history). The extracts are applied
// as whole days (whole_day_copy) where a test needs them applied as days.
// room: houjin
#include <sqlite3.h>
#include <sys/stat.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "grammars/io/csv_reader.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/import/whole_day_check.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/houjin/update/houjin_update.hpp"
#include "registry_test_support.hpp"

using gifkit::registries::kDataDateMetaKey;
using gifkit::registries::registry_data_date;
using gifkit::registries::RegistryLocked;
using namespace gifkit::registries::houjin;
using namespace registry_test;

namespace {

UpdateResult update(const std::filesystem::path& registry,
                    const std::vector<std::filesystem::path>& diffs,
                    bool allow_out_of_order = false, std::vector<RejectedRow>* rejected = nullptr) {
  return update_registry(registry, diffs, UpdateOptions{allow_out_of_order},
                         [&](const RejectedRow& row) {
                           if (rejected != nullptr) rejected->push_back(row);
                         });
}

// The message of the RegistryError the update throws ("" when none).
std::string update_error(const std::filesystem::path& registry,
                         const std::vector<std::filesystem::path>& diffs) {
  try {
    update(registry, diffs);
  } catch (const RegistryError& error) {
    return error.what();
  }
  return {};
}

// What WholeDayCheck says of a 30-column CSV's records, read as the importer reads them.
std::string not_whole_day_reason(const std::filesystem::path& file) {
  std::FILE* in = std::fopen(file.c_str(), "rb");
  REQUIRE(in != nullptr);
  WholeDayCheck whole_day;
  {
    gifkit::grammars::CsvReader reader(in, file.string(), {},
                                       [](const gifkit::grammars::CsvError&) {});
    gifkit::grammars::CsvRecord record;
    while (reader.next(record)) whole_day.add(record.fields, record.line);
  }
  std::fclose(in);
  return whole_day.reason();
}

HoujinRecord current(const std::filesystem::path& registry, const std::string& number) {
  auto record = find_corporation(RegistryDb::open_existing(registry), number);
  REQUIRE(record);
  return *record;
}

std::vector<std::string> history_column(const std::filesystem::path& registry,
                                        const std::string& number, std::size_t column) {
  std::vector<std::string> values;
  for (const auto& row : corporation_history(RegistryDb::open_existing(registry), number))
    values.push_back(row[column]);
  return values;
}

// A registry built from the 2021-07-14 diff (data date 2021-07-14).
std::filesystem::path built_2021(const ScratchDir& dir) {
  auto registry = dir / "houjin.db";
  REQUIRE(build_registry(registry, {kDiffUtf8}).empty());
  return registry;
}

}  // namespace

TEST_CASE("diffs are put in data-date order: file name first, else the newest updateDate",
          "[registry][update]") {
  CHECK(source_data_date(kDiffUtf8) == "2021-07-14");  // …_diff_20210714_utf8.csv
  CHECK(source_data_date(kEdgeUtf8) == "2021-10-01");  // no date in the name
  CHECK(source_data_date(kEdgeSjis) == "2026-06-05");
  auto plan = plan_diffs({kEdgeSjis, kDiffSjis, kEdgeUtf8});
  REQUIRE(plan.size() == 3);
  CHECK(plan[0].path == kEdgeUtf8);
  CHECK(plan[1].path == kDiffSjis);
  CHECK(plan[1].data_date == "2025-03-11");
  CHECK(plan[2].path == kEdgeSjis);

  ScratchDir dir;
  write_file(dir / "notes.csv", "no date here\n");
  CHECK_THROWS_WITH(plan_diffs({dir / "notes.csv"}),
                    Catch::Contains("notes.csv: cannot tell its data date"));
}

TEST_CASE("update applies the real diffs oldest first and keeps the history",
          "[registry][update]") {
  ScratchDir dir;
  auto registry = built_2021(dir);
  CHECK(registry_data_date(RegistryDb::open_existing(registry)) == "2021-07-14");

  // The extracts, rows of many days, laid out as whole days (whole_day_copy).
  const auto& edge_sjis = whole_day(kEdgeSjis);
  const auto& edge_utf8 = whole_day(kEdgeUtf8);
  std::vector<RejectedRow> rejected;
  auto result = update(registry, {edge_sjis, kDiffSjis, edge_utf8}, false, &rejected);
  CHECK(rejected.empty());
  CHECK(result.data_date_before == "2021-07-14");
  CHECK(result.data_date_after == "2026-06-05");
  REQUIRE(result.applied.size() == 3);
  CHECK(result.applied[0].source_file == edge_utf8.string());
  CHECK(result.applied[1].source_file == kDiffSjis.string());
  CHECK(result.applied[1].row_count == 2404);
  CHECK(result.applied[2].source_file == edge_sjis.string());
  // One of the extract's 432 rows is the 2025 diff's own: stored once.
  CHECK(result.applied[2].row_count == 431);
  CHECK(result.applied[2].already_stored_count == 1);
  CHECK(result.applied[0].already_stored_count == 121);  // the 2021 diff's own rows

  auto db = RegistryDb::open_existing(registry);
  CHECK(db.meta(kDataDateMetaKey) == "2026-06-05");
  CHECK(db.provenance().size() == 4);
  CHECK(gifkit::registries::verify_registry(db).empty());

  SECTION("closed: open in 2021-08, closed 2021-11 (清算の結了)") {
    auto state = current(registry, "2120005001616");
    CHECK(state[kProcess] == "21");
    CHECK(state[kCloseDate] == "2021-11-08");
    CHECK(state[kCloseCause] == "01");
    CHECK(history_column(registry, "2120005001616", kProcess) ==
          std::vector<std::string>{"01", "21"});
    CHECK(history_column(registry, "2120005001616", kUpdateDate) ==
          std::vector<std::string>{"2021-08-05", "2021-11-09"});
  }
  SECTION("deleted (process 99): marked, what was known is kept") {
    auto state = current(registry, "1700150104784");
    CHECK(state[kProcess] == "99");
    CHECK(state[kUpdateDate] == "2021-10-27");
    CHECK(state[kName] == "尼崎市認可地縁団体東園田町会");
    CHECK(state[kCloseCause] == "31");
  }
  SECTION("closed by a merger, with its successor (from the 2025-03-11 diff)") {
    auto state = current(registry, "1010401172493");
    CHECK(state[kCloseDate] == "2025-03-05");
    CHECK(state[kCloseCause] == "11");
    CHECK(state[kSuccessorCorporateNumber] == "1010501039436");
  }
  SECTION("renamed, and past states applied later do not overwrite the current state") {
    // 2025-03-11: renamed to Ｃｈａｎｎｅｌ (latest 1); the last diff applied
    // brings its 2021-12-16 ＺＯＹＩ rows, marked latest 0.
    auto state = current(registry, "6700150067028");
    CHECK(state[kName] == "株式会社Ｃｈａｎｎｅｌ　Ｃｏｒｐｏｒａｔｉｏｎ");
    CHECK(state[kProcess] == "13");
    CHECK(state[kLatest] == "1");
    auto names = history_column(registry, "6700150067028", kName);
    REQUIRE(names.size() == 5);
    CHECK(names.front() == "株式会社ＺＯＹＩ　Ｃｏｒｐｏｒａｔｉｏｎ");  // oldest first
    CHECK(names.back() == "株式会社Ｃｈａｎｎｅｌ　Ｃｏｒｐｏｒａｔｉｏｎ");
  }
  SECTION("past states (latest 0) of the same day leave the current state alone") {
    auto state = current(registry, "1010401096288");
    CHECK(state[kPrefectureName] == "千葉県");
    // 4 states; the 3 the extract re-sends, equal but for sequenceNumber, are not stored twice.
    CHECK(history_column(registry, "1010401096288", kLatest).size() == 4);
  }
  SECTION("a past state re-sent later (latest 0, a newer updateDate) leaves the current alone") {
    // 2025-03-11: renamed back to ＲＥｓｔａ (process 11, latest 1); the 2026
    // extract brings a 2025-06-11 correction of an older 81 row, latest 0.
    auto state = current(registry, "9013301045332");
    CHECK(state[kName] == "株式会社ＲＥｓｔａ");
    CHECK(state[kProcess] == "11");
    CHECK(state[kLatest] == "1");
    CHECK(state[kUpdateDate] == "2025-03-11");
  }
  SECTION("the name index knows the corporations the diffs brought") {
    NameQuery query;
    query.text = "桃と花と咲";
    auto matches = search_corporations(db, query);
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].record[kCorporateNumber] == "1010401172493");
  }
}

TEST_CASE("a diff applied twice is refused, naming the file and the dates", "[registry][update]") {
  ScratchDir dir;
  auto registry = built_2021(dir);
  update(registry, {kDiffSjis});
  std::string before = read_file(registry);

  CHECK_THAT(update_error(registry, {kDiffSjis}),
             Catch::Contains(kDiffSjis.string() + " (data date 2025-03-11) was already applied") &&
                 Catch::Contains("same SHA-256"));
  CHECK_THAT(update_error(registry, {kDiffUtf8}),  // the file the registry was built from
             Catch::Contains("already applied"));
  auto same_day = dir / "diff_20250311.csv";  // another file of an applied day
  write_file(same_day, first_lines(whole_day(kEdgeSjis), 3));
  CHECK_THAT(update_error(registry, {same_day}),
             Catch::Contains("a diff of its data date 2025-03-11 was already applied"));
  CHECK(read_file(registry) == before);
  CHECK(dir.file_names() == std::vector<std::string>{"diff_20250311.csv", "houjin.db"});
}

TEST_CASE("an out-of-order diff is refused unless allowed; then newer states are kept",
          "[registry][update]") {
  ScratchDir dir;
  auto registry = built_2021(dir);
  update(registry, {whole_day(kEdgeSjis)});  // newest 2026-06-05
  std::string before = read_file(registry);
  CHECK_THAT(update_error(registry, {kDiffSjis}),
             Catch::Contains(kDiffSjis.string() + ": out of order: its data date 2025-03-11 is "
                                                  "older than the registry's data date "
                                                  "2026-06-05"));
  CHECK(read_file(registry) == before);

  auto result = update(registry, {kDiffSjis}, true);
  CHECK(result.data_date_after == "2026-06-05");  // not lowered
  // The 2025-03-11 rename is newer than the 2021-12-16 state stored before.
  CHECK(current(registry, "6700150067028")[kName] ==
        "株式会社Ｃｈａｎｎｅｌ　Ｃｏｒｐｏｒａｔｉｏｎ");
  // 9013301045332: the extract's 2025-06-11 row stays; the older diff's rows
  // of 2025-03-11 only join the history.
  CHECK(current(registry, "9013301045332")[kUpdateDate] == "2025-06-11");
  // One of them the extract holds already (equal but for sequenceNumber): stored once.
  CHECK(history_column(registry, "9013301045332", kUpdateDate).size() == 4);
  CHECK(gifkit::registries::verify_registry(RegistryDb::open_existing(registry)).empty());
  CHECK_THAT(update_error(registry, {kDiffSjis}), Catch::Contains("already applied"));
}

TEST_CASE("an error in the 3rd diff of a batch leaves the registry exactly as before",
          "[registry][update][failure]") {
  ScratchDir dir;
  auto registry = built_2021(dir);
  std::string before = read_file(registry);
  auto not_a_diff = dir / "diff_20260701.csv";  // dated by its name, refused while importing
  write_file(not_a_diff, "a,b,c\n1,2,3\n");
  CHECK_THAT(update_error(registry, {kDiffSjis, whole_day(kEdgeUtf8), not_a_diff}),
             Catch::Contains("diff_20260701.csv: not a recognised registry source"));
  CHECK(read_file(registry) == before);
  CHECK(dir.file_names() == std::vector<std::string>{"diff_20260701.csv", "houjin.db"});
}

TEST_CASE("a truncated zipped diff in the middle of a batch: nothing is applied",
          "[registry][update][failure]") {
  ScratchDir dir;
  auto registry = built_2021(dir);
  std::string before = read_file(registry);
  auto zipped = dir / "diff_20240101.zip";
  int error = 0;
  zip_t* archive = zip_open(zipped.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  REQUIRE(zip_file_add(archive, "diff_20240101.csv",
                       zip_source_file(archive, kEdgeSjis.c_str(), 0, -1), 0) >= 0);
  REQUIRE(zip_close(archive) == 0);
  std::filesystem::resize_file(zipped, std::filesystem::file_size(zipped) / 2);

  CHECK_THAT(update_error(registry, {whole_day(kEdgeUtf8), zipped, kDiffSjis}),
             Catch::Contains(zipped.string()));
  CHECK(read_file(registry) == before);
  CHECK(RegistryDb::open_existing(registry).provenance().size() == 1);
}

TEST_CASE("a registry locked by another connection: a clear error, no waiting forever",
          "[registry][update][failure]") {
  ScratchDir dir;
  auto registry = built_2021(dir);
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(registry.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto started = std::chrono::steady_clock::now();
  try {
    update(registry, {kDiffSjis});
    FAIL("no error");
  } catch (const RegistryLocked& error) {
    CHECK_THAT(error.what(), Catch::Contains(registry.string() + " is locked by another process"));
  }
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  CHECK(update(registry, {kDiffSjis}).applied.size() == 1);  // free again: it works
}

TEST_CASE("a read-only registry file is refused, even for root", "[registry][update][failure]") {
  ScratchDir dir;
  auto registry = built_2021(dir);
  std::string before = read_file(registry);
  std::filesystem::permissions(registry, std::filesystem::perms::owner_read |
                                             std::filesystem::perms::group_read |
                                             std::filesystem::perms::others_read);
  CHECK_THAT(update_error(registry, {kDiffSjis}),
             Catch::Contains(registry.string() + ": the registry file is read-only"));
  CHECK(read_file(registry) == before);
}

TEST_CASE("update of a file that is not a registry, or missing", "[registry][update][failure]") {
  ScratchDir dir;
  write_file(dir / "random.db", std::string(8192, '\x5a'));
  CHECK_THAT(update_error(dir / "random.db", {kDiffSjis}),
             Catch::Contains("random.db: not a gifkit registry"));
  sqlite3* plain = nullptr;  // a real SQLite database, but not a registry
  REQUIRE(sqlite3_open((dir / "plain.db").c_str(), &plain) == SQLITE_OK);
  REQUIRE(sqlite3_exec(plain, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(plain);
  CHECK_THAT(update_error(dir / "plain.db", {kDiffSjis}),
             Catch::Contains("plain.db: not a gifkit registry"));
  CHECK_THAT(update_error(dir / "none.db", {kDiffSjis}),
             Catch::Contains("none.db: no such registry file"));
}

TEST_CASE("a diff that is not a whole day's file: rows missing, cut inside a history",
          "[registry][update][failure]") {
  // The real daily diffs are whole (a Web-API answer is checked by its count line instead).
  CHECK(not_whole_day_reason(kDiffUtf8).empty());
  CHECK(not_whole_day_reason(kDiffSjis).empty());
  CHECK(not_whole_day_reason(whole_day(kEdgeSjis)).empty());
  // The extracts are rows picked from many days: numbered as their days numbered them.
  CHECK_THAT(not_whole_day_reason(kEdgeSjis),
             Catch::Contains("record 6 (line 6) holds 12 (rows are missing, or the file is an "
                             "excerpt of other files)"));
  ScratchDir dir;
  // Lines 16-18 are 1010401074772's rows, latest 0, 0, 1: a cut after line 17 is seen, a cut
  // after line 18, between two corporations, cannot be told from a shorter day.
  write_file(dir / "diff_20210714.csv", first_lines(kDiffUtf8, 17));
  CHECK_THAT(not_whole_day_reason(dir / "diff_20210714.csv"),
             Catch::Contains("it ends inside the history of corporation 1010401074772: its last "
                             "record (line 17) has latest=0"));
  write_file(dir / "diff_20210714.csv", first_lines(kDiffUtf8, 18));
  CHECK(not_whole_day_reason(dir / "diff_20210714.csv").empty());

  SECTION("refused whole; with accept_rejects its rows go in, the data date stays") {
    auto registry = built_2021(dir);
    std::string before = read_file(registry);
    CHECK_THAT(update_error(registry, {kEdgeSjis}),
               Catch::Contains(kEdgeSjis.string() + ": not applied: its records are not "
                                                    "numbered 1, 2, 3") &&
                   Catch::Contains("data date stays 2021-07-14") &&
                   Catch::Contains("--accept-rejects"));
    CHECK(read_file(registry) == before);
    UpdateOptions options;
    options.accept_rejects = true;
    auto result = update_registry(registry, {kEdgeSjis}, options, [](const RejectedRow&) {});
    REQUIRE(result.applied.size() == 1);
    CHECK(result.applied[0].row_count == 432);
    CHECK(result.applied[0].data_date.empty());
    CHECK(result.data_date_after == "2021-07-14");
  }
}
