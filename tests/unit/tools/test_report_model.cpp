// test_report_model.cpp — format names, the writer factory, and the helpers
// the writers share: quality ratios, totals, grouping by code, UTF-8 repair.
// room: report
#include <catch2/catch.hpp>

#include "report_samples.hpp"
#include "tools/report/report_internal.hpp"

using namespace gifkit;
using tools::OutputFormat;

TEST_CASE("report-1.1 every format name parses and round-trips") {
  for (std::string_view name : {"text", "json", "ndjson", "junit", "sarif", "github"}) {
    auto format = tools::parse_output_format(name);
    REQUIRE(format.has_value());
    CHECK(tools::output_format_name(*format) == name);
  }
}

TEST_CASE("report-1.2 unknown or differently written names do not parse") {
  CHECK_FALSE(tools::parse_output_format("").has_value());
  CHECK_FALSE(tools::parse_output_format("JSON").has_value());
  CHECK_FALSE(tools::parse_output_format("xml").has_value());
  CHECK_FALSE(tools::parse_output_format("sarif ").has_value());
}

TEST_CASE("report-1.3 the factory makes a writer for every format") {
  std::ostringstream out;
  for (auto format : {OutputFormat::text, OutputFormat::json, OutputFormat::ndjson,
                      OutputFormat::junit, OutputFormat::sarif, OutputFormat::github}) {
    CHECK(tools::make_report_writer(format, out, {}) != nullptr);
  }
}

TEST_CASE("report-2.1 completeness and conformity of an empty file are 1") {
  models::TaskReport empty;
  CHECK(empty.completeness() == 1.0);
  CHECK(empty.conformity() == 1.0);
}

TEST_CASE("report-2.2 completeness counts mapped columns only; conformity counts rows") {
  models::Report report = test::sample_report();
  const models::TaskReport& failing = report.tasks[0];
  CHECK(failing.completeness() == Approx(7.0 / 8.0));  // 氏名 3 + 住所 4 of 4 rows × 2
  CHECK(failing.conformity() == Approx(0.5));          // 2 of 4 rows with errors
  CHECK(tools::item_completeness(failing.quality[0], failing.stats.rows) == Approx(0.75));
}

TEST_CASE("report-2.3 totals add up the tasks") {
  tools::ReportTotals totals = tools::sum_report(test::sample_report());
  CHECK(totals.files == 2);
  CHECK(totals.rows == 14);
  CHECK(totals.errors == 3);
  CHECK(totals.warnings == 1);
  CHECK(totals.infos == 1);
  CHECK(totals.bytes == 812);
  CHECK(totals.seconds == Approx(0.5));  // the report's wall time wins over the sum
  CHECK(totals.completeness() == Approx(27.0 / 28.0));
  CHECK(totals.conformity() == Approx(12.0 / 14.0));
}

TEST_CASE("report-2.4 groups: errors first, in problem_codes order, counts from counts_by_code") {
  models::Report report = test::sample_report();
  auto groups = tools::report_detail::group_problems_by_code(report.tasks[0]);
  REQUIRE(groups.size() == 4);
  CHECK(groups[0].code == "missing-value");
  CHECK(groups[0].count == 2);
  CHECK(groups[0].listed.size() == 1);
  CHECK(groups[1].code == "invalid-format");
  CHECK(groups[2].code == "wrong-width");
  CHECK(groups[2].severity == models::Severity::warning);
  CHECK(groups[3].code == "encoding-detected");
  CHECK(groups[3].severity == models::Severity::info);
  REQUIRE(groups[1].entry != nullptr);
  CHECK(groups[1].entry->title == "Invalid format");
}

TEST_CASE("report-2.5 a code only counted, not listed, takes its default severity") {
  models::TaskReport task;
  task.counts_by_code = {{"wrong-width", 3}, {"no-such-code", 1}};
  auto groups = tools::report_detail::group_problems_by_code(task);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].code == "no-such-code");  // unknown codes count as errors
  CHECK(groups[0].entry == nullptr);
  CHECK(groups[1].code == "wrong-width");
  CHECK(groups[1].severity == models::Severity::warning);
  CHECK(groups[1].count == 3);
}

TEST_CASE("report-2.6 valid_utf8 keeps valid text and replaces each bad byte") {
  using tools::report_detail::valid_utf8;
  CHECK(valid_utf8("東京都 abc") == "東京都 abc");
  CHECK(valid_utf8("a\xFF"
                   "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(valid_utf8("\xE6\x9D") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated 東
  CHECK(valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  CHECK(valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(valid_utf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");                  // 😀
}
