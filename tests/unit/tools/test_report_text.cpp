// test_report_text.cpp — the text writer: what a data steward reads.
// room: report
#include <catch2/catch.hpp>

#include "report_samples.hpp"

using namespace gifkit;
using tools::OutputFormat;

TEST_CASE("report-3.1 text: a status line per file with path, model, rows and counts") {
  std::string text = test::render(OutputFormat::text, test::sample_report());
  CHECK_THAT(text, Catch::Contains("FAIL data/名簿:2024,v1.csv  model gif/個人 (auto: 9 of 10 "
                                   "columns)  4 rows  3 errors, 1 warning, 1 info"));
  CHECK_THAT(text, Catch::Contains("PASS ok.csv  model gif/法人 (given)  10 rows"));
  CHECK_THAT(text, Catch::Contains("Total: 2 files, 14 rows — 3 errors, 1 warning, 1 info — FAIL"));
}

TEST_CASE("report-3.2 text: problems grouped by code with title, count and how to fix") {
  std::string text = test::render(OutputFormat::text, test::sample_report());
  CHECK_THAT(text, Catch::Contains("error missing-value  Required value missing (2)"));
  CHECK_THAT(text, Catch::Contains("    Fill in the value."));
  CHECK_THAT(text, Catch::Contains("warning wrong-width  Wrong character width (1)"));
  // per column: the count, the rows, then the listed problems as samples
  CHECK_THAT(text, Catch::Contains("    column 1 氏名: 2, rows 2–5\n      row 2 (line 3): (empty)\n"
                                   "        氏名 is required but empty\n"
                                   "      … and 1 more"));
  CHECK_THAT(text,
             Catch::Contains("    column 3 番地以下: 1, row 4\n      row 4 (line 6): \"１－３\"\n"
                             "        番地以下: １－３ uses full-width digits  → 1-3\n"));
  CHECK_THAT(text, Catch::Contains("    whole file: 1\n      The file is CP932"));
  // errors before warnings before infos
  CHECK(text.find("missing-value") < text.find("wrong-width"));
  CHECK(text.find("wrong-width  ") < text.find("encoding-detected  "));
}

TEST_CASE("report-3.3 text: a newline inside a value is shown escaped, not written") {
  std::string text = test::render(OutputFormat::text, test::sample_report());
  CHECK_THAT(text, Catch::Contains(": \"\"2024/4/18\" <b> & 100%\\nnext, a:b\""));
  CHECK(text.find("100%\nnext") == std::string::npos);
}

TEST_CASE("report-3.4 text: control characters cannot reach the terminal") {
  models::Report report = test::sample_report();
  report.tasks[0].problems[1].value = "a\x1b[31mb\x7f";
  std::string text = test::render(OutputFormat::text, report);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK_THAT(text, Catch::Contains("\"a\\x1B[31mb\\x7F\""));
}

TEST_CASE("report-3.5 text: colours only when asked for") {
  tools::ReportWriterOptions plain;
  CHECK(test::render(OutputFormat::text, test::sample_report(), plain).find('\x1b') ==
        std::string::npos);
  tools::ReportWriterOptions colored;
  colored.color = true;
  std::string text = test::render(OutputFormat::text, test::sample_report(), colored);
  CHECK_THAT(text, Catch::Contains("\x1b[1;31mFAIL\x1b[0m"));
  CHECK_THAT(text, Catch::Contains("\x1b[32mPASS\x1b[0m"));
}

TEST_CASE("report-3.6 text: quality summary with completeness per item, aligned") {
  std::string text = test::render(OutputFormat::text, test::sample_report());
  CHECK_THAT(text, Catch::Contains("Quality  completeness 87.5%, conformity 50.0% (2 of 4 rows "
                                   "with errors)"));
  // 備考 (not in the model) is the widest label: 4 + 2×2 + 19 = 23 columns
  CHECK_THAT(text, Catch::Contains("    氏名                            3         1     75.0%"));
  CHECK_THAT(text, Catch::Contains("    備考 (not in the model)         1         0     25.0%"));
  CHECK_THAT(text, Catch::Contains("counts by code: encoding-detected 1, invalid-format 1, "
                                   "missing-value 2, wrong-width 1"));
  CHECK_THAT(text, Catch::Contains("Each code lists a few of its problems per column"));
}

TEST_CASE("report-3.7 text: the gate's reason, the key columns and each sample's key") {
  std::string text = test::render(OutputFormat::text, test::sample_report());
  CHECK_THAT(text,
             Catch::Contains("     gate failed: errors: invalid-format 1, missing-value 2\n"));
  CHECK_THAT(text, Catch::Contains("     rows named by ID\n"));
  CHECK_THAT(text, Catch::Contains("      row 3 (line 4)  ID A-3: \"\"2024/4/18\""));
}
