// test_report_check_script.cpp — runs tests/e2e/check_report.py (the real
// parsers and schemas the e2e tests use) on each writer's output, so that a
// writer and its published schema cannot drift apart unnoticed.
// room: report
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "report_samples.hpp"

using namespace gifkit;
using tools::OutputFormat;

namespace {

const std::filesystem::path kCheckScript =
    std::filesystem::path(GIFKIT_TEST_FIXTURES_DIR) / ".." / "e2e" / "check_report.py";

struct CheckResult {
  int status = -1;     // the checker's exit status
  std::string output;  // what it printed (why a file was rejected)
};

// Writes text to a file in the temp directory and runs the checker on it.
CheckResult check_report(std::string_view format, const std::string& text) {
  std::string stem = "gifkit-report-test-" + std::to_string(::getpid()) + "." + std::string(format);
  std::filesystem::path file = std::filesystem::temp_directory_path() / stem;
  std::filesystem::path log = std::filesystem::temp_directory_path() / (stem + ".log");
  std::ofstream(file, std::ios::binary) << text;
  std::string command = "/usr/bin/python3 '" + kCheckScript.string() + "' " + std::string(format) +
                        " '" + file.string() + "' >'" + log.string() + "' 2>&1";
  int status = std::system(command.c_str());
  CheckResult result;
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(log);
  result.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  std::filesystem::remove(file);
  std::filesystem::remove(log);
  return result;
}

}  // namespace

TEST_CASE("report-9.1 every format passes check_report.py (json and sarif against schemas)") {
  models::Report report = test::sample_report();
  for (auto format : {OutputFormat::json, OutputFormat::ndjson, OutputFormat::junit,
                      OutputFormat::sarif, OutputFormat::github}) {
    std::string_view name = tools::output_format_name(format);
    CheckResult result = check_report(name, test::render(format, report));
    INFO("format " << name << ": " << result.output);
    CHECK(result.status == 0);
  }
}

TEST_CASE("report-9.2 an empty report passes check_report.py too") {
  models::Report empty;
  for (auto format :
       {OutputFormat::json, OutputFormat::ndjson, OutputFormat::sarif, OutputFormat::github}) {
    std::string_view name = tools::output_format_name(format);
    CheckResult result = check_report(name, test::render(format, empty));
    INFO("format " << name << ": " << result.output);
    CHECK(result.status == 0);
  }
}

TEST_CASE("report-9.3 check_report.py rejects a broken report") {
  CHECK(check_report("json", R"({"valid": true, "stats": {}})").status == 1);
  CHECK(check_report("sarif", R"({"version": "2.0.0", "runs": []})").status == 1);
  CHECK(check_report("junit", "<testsuites><testsuite name='x'>").status == 1);
  CHECK(check_report("github", "::error file=a:b::x\n").status == 1);
  CHECK(check_report("ndjson", "{\"type\":\"problem\",\"path\":\"a\"}\nnot json\n").status == 1);
}

TEST_CASE("report-9.4 check_report.py rejects a SARIF artifact URI that is not a URI reference") {
  models::Report report = test::sample_report();
  std::string sarif = test::render(OutputFormat::sarif, report);
  std::string encoded = "data/%E5%90%8D%E7%B0%BF%3A2024%2Cv1.csv";
  for (auto at = sarif.find(encoded); at != std::string::npos; at = sarif.find(encoded)) {
    sarif.replace(at, encoded.size(), "data/名簿 2024.csv");
  }
  CheckResult result = check_report("sarif", sarif);
  INFO(result.output);
  CHECK(result.status == 1);
}
