// test_report_sarif.cpp — the sarif writer: a SARIF 2.1.0 log with the
// required members, rules from problem_codes(), and one result per problem.
// room: report
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "models/engine/report/problem_codes.hpp"
#include "report_samples.hpp"

using namespace gifkit;
using nlohmann::json;
using tools::OutputFormat;

namespace {

json sarif_run() {
  json log = json::parse(test::render(OutputFormat::sarif, test::sample_report()));
  REQUIRE(log["runs"].size() == 1);
  return log["runs"][0];
}

}  // namespace

TEST_CASE("report-7.1 sarif: version, $schema and the tool driver") {
  json log = json::parse(test::render(OutputFormat::sarif, test::sample_report()));
  CHECK(log["version"] == "2.1.0");
  CHECK_THAT(log["$schema"].get<std::string>(), Catch::EndsWith("sarif-schema-2.1.0.json"));
  json driver = log["runs"][0]["tool"]["driver"];
  CHECK(driver["name"] == "gifkit");
  CHECK(driver["version"] == "0.5.0");
  CHECK_THAT(driver["informationUri"].get<std::string>(), Catch::StartsWith("https://"));
}

TEST_CASE("report-7.2 sarif: one rule per problem code, with descriptions and level") {
  json rules = sarif_run()["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == models::problem_codes().size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const models::ProblemCode& code = models::problem_codes()[i];
    CHECK(rules[i]["id"] == std::string(code.code));
    CHECK(rules[i]["shortDescription"]["text"] == std::string(code.title));
    CHECK(rules[i]["fullDescription"]["text"] == std::string(code.how_to_fix));
    CHECK(rules[i]["help"]["text"] == std::string(code.how_to_fix));
  }
  json wrong_width = rules[models::find_problem_code("wrong-width") - &models::problem_codes()[0]];
  CHECK(wrong_width["defaultConfiguration"]["level"] == "warning");
  json detected =
      rules[models::find_problem_code("encoding-detected") - &models::problem_codes()[0]];
  CHECK(detected["defaultConfiguration"]["level"] == "note");
}

TEST_CASE("report-7.3 sarif: one result per problem, with level, message and location") {
  json run = sarif_run();
  json results = run["results"];
  REQUIRE(results.size() == 4);
  json invalid_format = results[2];
  CHECK(invalid_format["ruleId"] == "invalid-format");
  CHECK(run["tool"]["driver"]["rules"][invalid_format["ruleIndex"].get<std::size_t>()]["id"] ==
        "invalid-format");
  CHECK(invalid_format["level"] == "error");
  CHECK_THAT(invalid_format["message"]["text"].get<std::string>(),
             Catch::EndsWith("(suggestion: 2024-04-18)"));
  json location = invalid_format["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "data/%E5%90%8D%E7%B0%BF%3A2024%2Cv1.csv");
  CHECK(location["region"] == json{{"startLine", 4}});  // no startColumn: a field is no column
  CHECK(invalid_format["properties"] ==
        json{{"row", 3},
             {"column", 4},
             {"field", "登録日"},
             {"value", test::kNastyValue},
             {"suggestion", "2024-04-18"},
             {"key", {{"ID", "A-3"}}},
             {"group", {{"count", 1}, {"rows", 1}, {"firstRow", 3}, {"lastRow", 3}}}});
  // a fingerprint of the finding (not of its row), for code scanning's alerts
  CHECK(invalid_format["partialFingerprints"]["gifkitFinding/v2"].get<std::string>().size() == 64);
  CHECK(!invalid_format.contains("baselineState"));  // no --baseline
  CHECK(results[0]["level"] == "note");
  CHECK(results[3]["level"] == "warning");
}

TEST_CASE("report-7.4 sarif: a problem of the whole file has no region") {
  json result = sarif_run()["results"][0];  // encoding-detected, line 0
  json location = result["locations"][0]["physicalLocation"];
  CHECK(location.contains("artifactLocation"));
  CHECK_FALSE(location.contains("region"));
}

TEST_CASE("report-7.5 sarif: artifacts describe the files; unknown codes get a rule") {
  models::Report report = test::sample_report();
  report.tasks[0].problems[0].code = "custom-check";
  json run = json::parse(test::render(OutputFormat::sarif, report))["runs"][0];
  REQUIRE(run["artifacts"].size() == 2);
  CHECK(run["artifacts"][1]["location"]["uri"] == "ok.csv");
  CHECK(run["artifacts"][1]["properties"]["valid"] == true);
  json rules = run["tool"]["driver"]["rules"];
  CHECK(rules.back()["id"] == "custom-check");
  CHECK(run["results"][0]["ruleIndex"] == rules.size() - 1);
  CHECK(run["properties"]["valid"] == false);
}
