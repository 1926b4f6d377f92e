// test_report_github.cpp — the github writer: workflow commands, one per
// problem, escaped so that data cannot end or forge a command.
// room: report
#include <catch2/catch.hpp>

#include "report_samples.hpp"
#include "tools/report/report_internal.hpp"

using namespace gifkit;
using tools::OutputFormat;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// True when line is ::COMMAND[ key=value(,key=value)*]::message with COMMAND
// error, warning or notice, keys of lower-case letters, values without
// , : CR LF, and no CR or LF anywhere. (Hand-written: std::regex trips a
// GCC 12 -Wmaybe-uninitialized false positive in sanitizer builds.)
bool is_workflow_command(const std::string& line) {
  if (line.find_first_of("\r\n") != std::string::npos || line.rfind("::", 0) != 0) return false;
  std::size_t end_of_command = line.find_first_of(" :", 2);
  if (end_of_command == std::string::npos) return false;
  std::string command = line.substr(2, end_of_command - 2);
  if (command != "error" && command != "warning" && command != "notice") return false;
  std::size_t message_start = line.find("::", end_of_command);
  if (message_start == std::string::npos) return false;
  if (message_start == end_of_command) return true;  // no properties
  std::string properties = line.substr(end_of_command + 1, message_start - end_of_command - 1);
  std::istringstream in(properties);
  for (std::string property; std::getline(in, property, ',');) {
    std::size_t equals = property.find('=');
    if (equals == 0 || equals == std::string::npos) return false;
    for (std::size_t i = 0; i < equals; ++i) {
      if (property[i] < 'a' || property[i] > 'z') return false;
    }
    if (property.find(':', equals) != std::string::npos) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("report-8.1 github: one command per problem and a summary, all well-formed") {
  std::vector<std::string> lines =
      split_lines(test::render(OutputFormat::github, test::sample_report()));
  REQUIRE(lines.size() == 6);
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(is_workflow_command(line));
  }
  CHECK_THAT(lines[0], Catch::StartsWith("::notice file="));
  CHECK_THAT(lines[1], Catch::StartsWith("::error file="));
  CHECK_THAT(lines[3], Catch::StartsWith("::warning file="));
  // missing-value: 2 found (counts_by_code), 1 listed — the other is told.
  CHECK(lines[4] ==
        "::notice file=data/名簿%3A2024%2Cv1.csv,title=missing-value::"
        "and 1 more missing-value in data/名簿:2024,v1.csv");
  CHECK(lines[5] ==
        "::notice title=gifkit::2 files checked, 14 rows: 3 errors, 1 warning, 1 info — FAILED "
        "(more problems were found than listed)");
}

TEST_CASE("report-8.2 github: properties and message escaped by GitHub's rules") {
  std::vector<std::string> lines =
      split_lines(test::render(OutputFormat::github, test::sample_report()));
  CHECK(lines[2] ==
        "::error file=data/名簿%3A2024%2Cv1.csv,line=4,col=4,title=invalid-format::"
        "登録日: \"2024/4/18\" <b> & 100%25%0Anext, a:b is not ISO 8601 (suggestion: 2024-04-18) "
        "[ID A-3]");
  CHECK(lines[3] ==
        "::warning file=data/名簿%3A2024%2Cv1.csv,line=6,col=3,title=wrong-width::"
        "番地以下: １－３ uses full-width digits (suggestion: 1-3)");
}

TEST_CASE("report-8.3 github: a problem of the whole file has neither line nor col") {
  std::vector<std::string> lines =
      split_lines(test::render(OutputFormat::github, test::sample_report()));
  CHECK(lines[0] ==
        "::notice file=data/名簿%3A2024%2Cv1.csv,title=encoding-detected::"
        "The file is CP932, not UTF-8; it was converted before checking");
}

TEST_CASE("report-8.4 github escapers, and the test's own command checker") {
  using tools::report_detail::github_escape_data;
  using tools::report_detail::github_escape_property;
  CHECK(github_escape_data("100%\r\n::a,b") == "100%25%0D%0A::a,b");
  CHECK(github_escape_property("100%\r\n::a,b") == "100%25%0D%0A%3A%3Aa%2Cb");
  CHECK(github_escape_data("東京都") == "東京都");
  CHECK(is_workflow_command("::error file=a.csv,line=3::x: y, z"));
  CHECK(is_workflow_command("::notice::done"));
  CHECK_FALSE(is_workflow_command("::error file=a:b::x"));
  CHECK_FALSE(is_workflow_command("::fatal file=a::x"));
  CHECK_FALSE(is_workflow_command("error file=a::x"));
}

TEST_CASE("report-8.6 github: at most max_annotations per code and file, then one notice") {
  models::Report report = test::sample_report();
  models::TaskReport& task = report.tasks[0];
  models::Problem missing = task.problems[1];
  task.problems.clear();
  for (int i = 0; i < 4; ++i) task.problems.push_back(missing);
  task.counts_by_code = {{"missing-value", 4}};
  tools::ReportWriterOptions options;
  options.max_annotations = 2;
  std::ostringstream out;
  auto writer = tools::make_report_writer(OutputFormat::github, out, options);
  writer->begin_task(task);
  for (const models::Problem& problem : task.problems) writer->problem(task, problem);
  writer->end_task(task);
  std::vector<std::string> lines = split_lines(out.str());
  REQUIRE(lines.size() == 3);
  CHECK_THAT(lines[1], Catch::StartsWith("::error file="));
  CHECK(lines[2] ==
        "::notice file=data/名簿%3A2024%2Cv1.csv,title=missing-value::"
        "and 2 more missing-value in data/名簿:2024,v1.csv");
}

TEST_CASE("report-8.5 github: a problem is written as soon as it arrives") {
  models::Report report = test::sample_report();
  std::ostringstream out;
  auto writer = tools::make_report_writer(OutputFormat::github, out, {});
  writer->begin_task(report.tasks[0]);
  writer->problem(report.tasks[0], report.tasks[0].problems[1]);
  CHECK(out.str() ==
        "::error file=data/名簿%3A2024%2Cv1.csv,line=3,col=1,title=missing-value::"
        "氏名 is required but empty\n");
}
