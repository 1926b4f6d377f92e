// test_change_feed.cpp — the 法人番号 change feed (registries/houjin/
// change_feed.hpp) and its table of kinds (change_kinds.hpp, the real
// models/dictionaries/houjin_change_kinds.tsv): a registry built from the
// real 2021-07-14 diff with the 2025-03-11 diff applied by update, the
// counts per kind against the process counts SOURCES.md gives for the
// files, named corporations' before and after as the files say, the
// filters (dates by update and by change, kind, prefecture before or
// after), paging and stopping; corrections and re-sent rows from the real
// edge-case extracts; and the failure paths: a table that does not load,
// bad options, a registry without 法人番号 history.
// room: houjin
#include <catch2/catch.hpp>
#include <map>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/changes/change_feed.hpp"
#include "registries/houjin/update/houjin_update.hpp"
#include "registry_test_support.hpp"

using namespace gifkit::registries::houjin;
using namespace registry_test;

namespace {

// The errors of loading text as a table of kinds.
std::vector<std::string> load_errors(const ScratchDir& dir, const std::string& text) {
  write_file(dir / "kinds.tsv", text);
  ChangeKinds table;
  std::vector<std::string> errors;
  CHECK_FALSE(table.load(dir / "kinds.tsv", errors));
  CHECK(table.empty());
  return errors;
}

// The real table with one line replaced (or removed when with is "").
std::string real_table_with(const std::string& line, const std::string& with) {
  std::string text = read_file(kChangeKindsFile);
  auto at = text.find(line);
  REQUIRE(at != std::string::npos);
  return text.replace(at, line.size() + 1, with.empty() ? "" : with + "\n");
}

// The 2021-07-14 diff built, then the 2025-03-11 diff applied by update.
const std::filesystem::path& registry_2021_2025() {
  static ScratchDir dir;
  static const std::filesystem::path path = [] {
    auto registry = dir / "houjin.db";
    REQUIRE(build_registry(registry, {kDiffUtf8}).empty());
    update_registry(registry, {kDiffSjis}, {}, {});
    return registry;
  }();
  return path;
}

std::vector<ChangeEvent> events(const std::filesystem::path& registry,
                                const ChangeFeedOptions& options,
                                ChangeFeedCounts* counts = nullptr) {
  REQUIRE_FALSE(check_change_feed_options(options, change_kinds()));
  auto db = RegistryDb::open_existing(registry);
  ChangeFeed feed(db, change_kinds());
  std::vector<ChangeEvent> found;
  auto seen = feed.for_each(options, [&](const ChangeEvent& event) {
    found.push_back(event);
    return true;
  });
  if (counts != nullptr) *counts = seen;
  return found;
}

ChangeFeedOptions since(const std::string& date) {
  ChangeFeedOptions options;
  options.since = date;
  return options;
}

std::map<std::string, int> per_kind(const std::vector<ChangeEvent>& found) {
  std::map<std::string, int> counts;
  for (const auto& event : found) ++counts[event.kind()];
  return counts;
}

std::vector<ChangeEvent> of(const std::vector<ChangeEvent>& found, const std::string& number) {
  std::vector<ChangeEvent> picked;
  for (const auto& event : found)
    if (event.corporate_number() == number) picked.push_back(event);
  return picked;
}

std::vector<std::string> changed_names(const ChangeEvent& event) {
  std::vector<std::string> names;
  for (std::size_t column : event.changed) names.emplace_back(kHoujinColumns[column].nta_name);
  return names;
}

std::string option_problem(const ChangeFeedOptions& options) {
  auto problem = check_change_feed_options(options, change_kinds());
  return problem ? problem->option + ": " + problem->message : "";
}

}  // namespace

TEST_CASE("change-kinds-1.1 the real table gives every process code a kind", "[change-feed]") {
  REQUIRE_FALSE(change_kinds().empty());
  for (std::string_view code : process_codes()) {
    INFO(code);
    CHECK(change_kinds().rule_for(code, false) != nullptr);
  }
  CHECK(change_kinds().rule_for("01", false)->kind == "new");
  CHECK(change_kinds().rule_for("11", false)->kind == "renamed");
  CHECK(change_kinds().rule_for("12", false)->kind == "moved");
  CHECK(change_kinds().rule_for("13", false)->kind == "moved");
  CHECK(change_kinds().rule_for("21", false)->kind == "closed");
  CHECK(change_kinds().rule_for("21", true)->kind == "merged");
  CHECK(change_kinds().rule_for("22", true)->kind == "restored");  // no successor line: the - line
  CHECK(change_kinds().rule_for("71", false)->kind == "merged-into");
  CHECK(change_kinds().rule_for("99", false)->kind == "deleted");
  CHECK(change_kinds().rule_for("42", false) == nullptr);
  CHECK(change_kinds().kind_list() ==
        "new, renamed, moved, merged, closed, restored, merged-into, merger-annulled, "
        "trade-name-struck-off, deleted");
  CHECK(change_kinds().rule_for("12", false)->shows == std::vector<std::size_t>{kAddressShown});
  CHECK(shown_field_name(kAddressShown) == "address");
}

TEST_CASE("change-kinds-1.2 a table that does not load says where and why", "[change-feed]") {
  ScratchDir dir;
  const std::string file = (dir / "kinds.tsv").string();
  auto errors = load_errors(dir, real_table_with("81\t-\ttrade-name-struck-off\tname\t"
                                                 "the trade name struck off the register "
                                                 "(商号の登記の抹消)",
                                                 ""));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == file + ": process 81 (商号の登記の抹消) has no line with when -");
  errors = load_errors(dir, "42\t-\tnew\tname\tx\n");
  CHECK(errors.front() == file + ":1: '42' is not a 処理区分 code of the NTA's data");
  errors = load_errors(dir, "# a comment\n\n01\talways\tnew\tname\tx\n");
  CHECK(errors.front() == file + ":3: when is 'always'; expected - or successor");
  errors = load_errors(dir, "01\t-\tNew Corp\tname\tx\n");
  CHECK(errors.front() ==
        file + ":1: kind 'New Corp' is not a name of lower-case letters, digits and hyphens");
  errors = load_errors(dir, "01\t-\tnew\tname,town\tx\n");
  CHECK(errors.front() ==
        file + ":1: shows 'town', which is neither an NTA field name nor address");
  errors = load_errors(dir, "01\t-\tnew\tname\n");
  CHECK(errors.front() ==
        file +
            ":1: expected 5 tab-separated fields (process, when, kind, shows, meaning), found 4");
  errors = load_errors(dir, "01\t-\tnew\tname\tx\n01\t-\tfresh\tname\ty\n");
  CHECK(errors.front() == file + ":2: process 01 with when - is given twice");
  ChangeKinds table;
  std::vector<std::string> missing;
  CHECK_FALSE(table.load(dir / "no-such.tsv", missing));
  CHECK(missing ==
        std::vector<std::string>{(dir / "no-such.tsv").string() + ": cannot read the file"});
}

TEST_CASE("change-feed-1.1 bad options are refused with the option named", "[change-feed]") {
  CHECK(option_problem(since("2025-03-01")).empty());
  CHECK(option_problem(since("")) == "since: a start date is required (YYYY-MM-DD)");
  CHECK(option_problem(since("2025-13-01")) ==
        "since: '2025-13-01' is not a date in the form YYYY-MM-DD");
  CHECK(option_problem(since("2025/3/1")) ==
        "since: '2025/3/1' is not a date in the form YYYY-MM-DD (did you mean 2025-03-01?)");
  CHECK(option_problem(since("令和7年3月1日")) ==
        "since: '令和7年3月1日' is not a date in the form YYYY-MM-DD (did you mean 2025-03-01?)");
  auto options = since("2025-03-01");
  options.until = "2025-02-28";
  CHECK(option_problem(options) == "until: '2025-02-28' is before since '2025-03-01'");
  options.until = "yesterday";
  CHECK(option_problem(options) == "until: 'yesterday' is not a date in the form YYYY-MM-DD");
  options.until = "2025-03-01";  // one day: since and until included
  CHECK(option_problem(options).empty());
  options.kinds = {"renamed", "bankrupt"};
  CHECK(option_problem(options) ==
        "kind: 'bankrupt' is not a kind of change; the kinds are new, renamed, moved, merged, "
        "closed, restored, merged-into, merger-annulled, trade-name-struck-off, deleted");
  options.kinds = {"renamed"};
  options.prefectures = {"13", "千葉県", "北海道"};
  CHECK(option_problem(options).empty());
  options.prefectures = {"東京"};
  CHECK(
      option_problem(options) ==
      "pref: '東京' is not a prefecture: give its JIS X 0401 code (13) or its full name (東京都)");
  options.prefectures = {"48"};
  CHECK(option_problem(options).find("pref: '48' is not a prefecture") == 0);
  options.prefectures = {};
  options.corporate_number = "1010401096289";
  CHECK(option_problem(options) == "corporate_number: '1010401096289' is not a corporate number");
  CHECK(parse_change_date("change") == ChangeDate::change);
  CHECK_FALSE(parse_change_date("changed"));
}

TEST_CASE("change-feed-2.1 the 2025-03-11 diff's events, kind by kind, as the file says",
          "[change-feed]") {
  ChangeFeedCounts counts;
  auto found = events(registry_2021_2025(), since("2025-03-11"), &counts);
  // SOURCES.md: process 01 1167, 11 147, 12 805, 13 1, 21 227, 22 16, 71 38, 81 1, 99 2;
  // 21 with a successor (closeCause 11) 37 — no row of the file repeats another.
  CHECK(found.size() == 2404);
  CHECK(counts.events == 2404);
  CHECK(counts.resent == 0);
  CHECK(per_kind(found) == std::map<std::string, int>{{"new", 1167},
                                                      {"renamed", 147},
                                                      {"moved", 806},
                                                      {"merged", 37},
                                                      {"closed", 190},
                                                      {"restored", 16},
                                                      {"merged-into", 38},
                                                      {"trade-name-struck-off", 1},
                                                      {"deleted", 2}});
  for (const auto& event : found) {
    CHECK(event.update_date() == "2025-03-11");
    if (event.kind() == "merged") CHECK_FALSE(event.after[kSuccessorCorporateNumber].empty());
    if (event.kind() == "deleted") CHECK(event.changed.empty());
  }
  // Both files from 2021-07-14 on: every row of both (2772 + 2404), oldest first.
  auto all = events(registry_2021_2025(), since("2021-07-14"));
  CHECK(all.size() == 5176);
  CHECK(std::is_sorted(all.begin(), all.end(), [](const ChangeEvent& a, const ChangeEvent& b) {
    return a.update_date() < b.update_date();
  }));
  auto until = since("2021-01-01");
  until.until = "2021-07-14";
  CHECK(events(registry_2021_2025(), until).size() == 2772);
  until.until = "2025-03-10";
  CHECK(events(registry_2021_2025(), until).size() == 2772);
  CHECK(events(registry_2021_2025(), since("2025-03-12")).empty());
}

TEST_CASE("change-feed-2.2 a renamed and moved corporation: before and after as the file says",
          "[change-feed]") {
  // 1010401096288 (2021-07-14 diff, lines 20-23): 01 日本エムアイ株式会社 (港区), 11
  // ＮＳＩ－ＭＩジャパン株式会社 2016-06-22, 12 新宿区 2016-06-27, 12 千葉県 2021-07-07.
  auto found = of(events(registry_2021_2025(), since("2021-07-14")), "1010401096288");
  REQUIRE(found.size() == 4);
  CHECK(found[0].kind() == "new");
  CHECK_FALSE(found[0].before);
  CHECK(found[0].correction);
  CHECK(found[1].kind() == "renamed");
  CHECK(found[1].change_date() == "2016-06-22");
  REQUIRE(found[1].before);
  CHECK((*found[1].before)[kName] == "日本エムアイ株式会社");
  CHECK(found[1].after[kName] == "ＮＳＩ－ＭＩジャパン株式会社");
  CHECK(changed_names(found[1]) == std::vector<std::string>{"name", "furigana"});
  CHECK(change_details(found[1]) == "name: 日本エムアイ株式会社 → ＮＳＩ－ＭＩジャパン株式会社");
  CHECK(found[3].kind() == "moved");
  CHECK(changed_names(found[3]) == std::vector<std::string>{"prefectureName", "cityName",
                                                            "streetNumber", "prefectureCode",
                                                            "cityCode", "postCode"});
  CHECK(change_summary(found[3]) ==
        "moved (12) published 2021-07-14, effective 2021-07-07: address: "
        "東京都新宿区箪笥町３４番地１０階 → 千葉県千葉市緑区あすみが丘東５丁目２１番地２６");
  // Three changes on one day (5030005009475, lines 1363-1365) follow the file's order.
  auto same_day = of(events(registry_2021_2025(), since("2021-07-14")), "5030005009475");
  REQUIRE(same_day.size() == 3);
  CHECK(same_day[1].kind() == "renamed");
  CHECK((*same_day[1].before)[kName] == "特定非営利活動法人まちあい文化振興協会");
  CHECK(same_day[2].kind() == "moved");
  CHECK((*same_day[2].before)[kStreetNumber] == "駅南１丁目７番２０号");
  CHECK(same_day[2].after[kStreetNumber] == "児玉町小平８１８番地１");
}

TEST_CASE("change-feed-2.3 by change, kind, prefecture and one corporation", "[change-feed]") {
  auto by_change = since("2021-07-07");
  by_change.by = ChangeDate::change;
  by_change.until = "2021-07-07";
  auto found = events(registry_2021_2025(), by_change);
  REQUIRE_FALSE(found.empty());
  for (const auto& event : found) CHECK(event.change_date() == "2021-07-07");
  CHECK(of(found, "1010401096288").size() == 1);
  // By change, a deletion (no 変更年月日) counts at its 更新年月日.
  auto deletions = since("2025-03-11");
  deletions.by = ChangeDate::change;
  deletions.kinds = {"deleted"};
  CHECK(events(registry_2021_2025(), deletions).size() == 2);

  auto merged = since("2021-01-01");
  merged.kinds = {"merged", "closed"};
  CHECK(per_kind(events(registry_2021_2025(), merged)) ==
        std::map<std::string, int>{{"closed", 159 + 190}, {"merged", 30 + 37}});

  // The move from 東京都 to 千葉県 belongs to both prefectures, by code or by name.
  auto tokyo = since("2021-07-14");
  tokyo.prefectures = {"13"};
  tokyo.kinds = {"moved"};
  auto moves = of(events(registry_2021_2025(), tokyo), "1010401096288");
  CHECK(moves.size() == 2);
  auto chiba = tokyo;
  chiba.prefectures = {"千葉県"};
  moves = of(events(registry_2021_2025(), chiba), "1010401096288");
  REQUIRE(moves.size() == 1);
  CHECK(moves[0].change_date() == "2021-07-07");
  for (const auto& event : events(registry_2021_2025(), chiba)) {
    const bool after = event.after[kPrefectureName] == "千葉県";
    const bool before = event.before && (*event.before)[kPrefectureName] == "千葉県";
    CHECK((after || before));
  }

  auto one = since("2021-07-14");
  one.corporate_number = "1010401096288";
  CHECK(events(registry_2021_2025(), one).size() == 4);
}

TEST_CASE("change-feed-2.4 pages and a stop", "[change-feed]") {
  auto db = RegistryDb::open_existing(registry_2021_2025());
  auto options = since("2025-03-11");
  auto first = list_changes(db, change_kinds(), options, 0, 100);
  CHECK(first.events.size() == 100);
  CHECK(first.more);
  auto last = list_changes(db, change_kinds(), options, 2400, 100);
  CHECK(last.events.size() == 4);
  CHECK_FALSE(last.more);
  auto all = list_changes(db, change_kinds(), options, 0, 5000);
  CHECK(all.events[2400].corporate_number() == last.events[0].corporate_number());
  options.keep_going = [] { return false; };
  CHECK_THROWS_AS(list_changes(db, change_kinds(), options, 0, 5000), ChangeFeedStopped);
}

TEST_CASE("change-feed-3.1 re-sent rows are not events; a correction follows what it corrects",
          "[change-feed]") {
  ScratchDir dir;
  auto registry = dir / "edge.db";
  REQUIRE(build_registry(registry, {kEdgeSjis}).empty());
  // 9011205001492: the same 81 row published 2022-01-19, 2022-02-03 and 2022-12-07.
  auto one = since("2021-01-01");
  one.corporate_number = "9011205001492";
  ChangeFeedCounts counts;
  auto found = events(registry, one, &counts);
  REQUIRE(found.size() == 1);
  CHECK(found[0].update_date() == "2022-01-19");
  CHECK(counts.resent == 2);
  one.since = "2022-02-01";
  CHECK(events(registry, one, &counts).empty());
  CHECK(counts.resent == 2);
  // 2460001001107: a move published 2021-10-26, corrected 2021-10-27 (furigana added,
  // the history re-sent): the correction's before is the row it corrects.
  one.since = "2021-01-01";
  one.corporate_number = "2460001001107";
  found = events(registry, one);
  REQUIRE(found.size() == 3);
  CHECK(found[0].kind() == "moved");
  CHECK_FALSE(found[0].correction);
  CHECK(found[1].kind() == "new");
  CHECK(found[1].correction);
  CHECK(found[2].kind() == "moved");
  CHECK(found[2].correction);
  REQUIRE(found[2].before);
  CHECK((*found[2].before)[kUpdateDate] == "2021-10-26");
  CHECK(changed_names(found[2]) == std::vector<std::string>{"furigana"});
  CHECK(change_details(found[2]) ==
        "address: 北海道釧路市阿寒町北新町１９線２６番地２; furigana: ツルノウンソウ");
  CHECK(change_headline(found[2]) ==
        "moved (12) published 2021-10-27, effective 2021-10-25, a correction");
}

TEST_CASE("change-feed-3.2 rows a later diff copies are counted as re-sent", "[change-feed]") {
  // The UTF-8 edge-case extract holds 121 lines copied from the 2021-07-14 diff.
  ScratchDir dir;
  SECTION("built from both: the copies are in the history and counted as re-sent") {
    auto registry = dir / "houjin.db";
    REQUIRE(build_registry(registry, {kDiffUtf8, kEdgeUtf8}).empty());
    ChangeFeedCounts counts;
    auto found = events(registry, since("2021-01-01"), &counts);
    CHECK(counts.resent == 121);
    CHECK(found.size() == 2772 + 339 - 121);
  }
  SECTION("updated with the extract: the copies are not stored again; the same events") {
    auto registry = dir / "houjin.db";
    REQUIRE(build_registry(registry, {kDiffUtf8}).empty());
    update_registry(registry, {whole_day(kEdgeUtf8)}, {}, {});  // the extract as a day
    ChangeFeedCounts counts;
    auto found = events(registry, since("2021-01-01"), &counts);
    CHECK(counts.resent == 0);
    CHECK(found.size() == 2772 + 339 - 121);
  }
}

TEST_CASE("change-feed-4.1 a registry without 法人番号 history is refused", "[change-feed]") {
  ScratchDir dir;
  auto registry = dir / "abr.db";
  REQUIRE(
      build_registry(registry, {std::filesystem::path(GIFKIT_TEST_DATA_DIR) / "abr" / "national"})
          .empty());
  auto db = RegistryDb::open_existing(registry);
  try {
    ChangeFeed feed(db, change_kinds());
    FAIL("no error");
  } catch (const RegistryError& error) {
    CHECK(std::string(error.what()).find("abr.db has no 法人番号 data") != std::string::npos);
  }
}

TEST_CASE("change-feed-5.1 make_change_event classifies a change given before and after",
          "[change-feed]") {
  HoujinRecord before;
  before[kCorporateNumber] = "1010401096288";
  before[kProcess] = "01";
  before[kKind] = "301";
  before[kName] = "日本エムアイ株式会社";
  HoujinRecord after = before;
  after[kProcess] = "21";
  after[kCloseDate] = "2025-03-01";
  after[kCloseCause] = "11";
  after[kSuccessorCorporateNumber] = "5010401092060";
  auto event = make_change_event(change_kinds(), &before, after);
  CHECK(event.kind() == "merged");
  CHECK(changed_names(event) ==
        std::vector<std::string>{"closeDate", "closeCause", "successorCorporateNumber"});
  CHECK(change_details(event) ==
        "closeDate: 2025-03-01; closeCause: 11 合併による解散等; successorCorporateNumber: "
        "5010401092060");
  after[kSuccessorCorporateNumber].clear();
  CHECK(make_change_event(change_kinds(), &before, after).kind() == "closed");
  after[kProcess] = "42";
  CHECK_THROWS_AS(make_change_event(change_kinds(), nullptr, after), RegistryError);
}
