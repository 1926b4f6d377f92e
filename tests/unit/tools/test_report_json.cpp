// test_report_json.cpp — the json and ndjson writers: output parses with
// nlohmann::json and carries every documented member.
// room: report
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "report_samples.hpp"
#include "tools/output/json_text.hpp"
#include "tools/report/report_internal.hpp"

using namespace gifkit;
using nlohmann::json;
using tools::OutputFormat;

namespace {

std::vector<json> parse_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

}  // namespace

TEST_CASE("report-4.1 json: one document with valid, stats, quality and tasks") {
  json document = json::parse(test::render(OutputFormat::json, test::sample_report()));
  CHECK(document["valid"] == false);
  CHECK(document["tool"]["name"] == "gifkit");
  CHECK(document["tool"]["version"] == "0.5.0");
  CHECK(document["stats"]["files"] == 2);
  CHECK(document["stats"]["rows"] == 14);
  CHECK(document["stats"]["errors"] == 3);
  CHECK(document["stats"]["seconds"].get<double>() == Approx(0.5));
  CHECK(document["quality"]["completeness"].get<double>() == Approx(27.0 / 28.0));
  CHECK(document["quality"]["rowsWithErrors"] == 2);
  REQUIRE(document["tasks"].size() == 2);
}

TEST_CASE("report-4.2 json: a task has its metadata, stats, quality, counts and problems") {
  json task = json::parse(test::render(OutputFormat::json, test::sample_report()))["tasks"][0];
  CHECK(task["path"] == "data/名簿:2024,v1.csv");
  CHECK(task["model"] == "gif/個人");
  CHECK(task["modelNote"] == "auto: 9 of 10 columns");
  CHECK(task["format"] == "csv");
  CHECK(task["encoding"] == "CP932");
  CHECK(task["valid"] == false);
  CHECK(task["truncated"] == true);
  for (const char* key : {"rows", "columns", "errors", "warnings", "infos", "bytes", "seconds"}) {
    CHECK(task["stats"].contains(key));
  }
  CHECK(task["quality"]["conformity"].get<double>() == Approx(0.5));
  CHECK(task["quality"]["rowsWithErrors"] == 2);
  REQUIRE(task["quality"]["items"].size() == 3);
  CHECK(task["quality"]["items"][0] == json{{"field", "氏名"},
                                            {"item", "氏名"},
                                            {"filled", 3},
                                            {"invalid", 1},
                                            {"completeness", 0.75}});
  CHECK(task["countsByCode"]["missing-value"] == 2);
  REQUIRE(task["errors"].size() == 4);
}

TEST_CASE("report-4.3 json: a problem keeps every member and its value exactly") {
  json problem =
      json::parse(test::render(OutputFormat::json, test::sample_report()))["tasks"][0]["errors"][2];
  CHECK(problem["code"] == "invalid-format");
  CHECK(problem["severity"] == "error");
  CHECK(problem["row"] == 3);
  CHECK(problem["line"] == 4);
  CHECK(problem["column"] == 4);
  CHECK(problem["field"] == "登録日");
  CHECK(problem["value"] == test::kNastyValue);
  CHECK(problem["suggestion"] == "2024-04-18");
  CHECK(problem["message"].get<std::string>().find("is not ISO 8601") != std::string::npos);
  CHECK_FALSE(problem.contains("fix"));  // no Fix: no member
  // A problem with a Fix carries it as an object beside its suggestion.
  json fixed =
      json::parse(test::render(OutputFormat::json, test::sample_report()))["tasks"][0]["errors"][3];
  CHECK(fixed["suggestion"] == "1-3");
  CHECK(fixed["fix"] == json{{"rule", "halfwidth-ascii"},
                             {"from", "１－３"},
                             {"to", "1-3"},
                             {"certainty", "certain"}});
}

TEST_CASE("report-4.4 json: invalid UTF-8 in a value becomes U+FFFD instead of throwing") {
  models::Report report = test::sample_report();
  report.tasks[0].problems[1].value = "\x82\xA0\xFF";  // CP932 あ that was never converted
  std::string text;
  REQUIRE_NOTHROW(text = test::render(OutputFormat::json, report));
  json document = json::parse(text);
  CHECK(document["tasks"][0]["errors"][1]["value"] == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("report-4.5 json: an empty report is still a valid document") {
  models::Report empty;
  json document = json::parse(test::render(OutputFormat::json, empty));
  CHECK(document["valid"] == true);
  CHECK(document["tasks"].empty());
  CHECK(document["quality"]["completeness"] == 1.0);
}

TEST_CASE("report-4.6 json: written problem by problem, the bytes of the whole tree dumped") {
  // The writer streams each task's problems into the document; the result
  // must be what dumping one tree of everything gives (the format users parse).
  models::Report report = test::sample_report();
  report.tasks[1].problems = report.tasks[0].problems;  // problems in two tasks, one empty below
  report.tasks.push_back(models::TaskReport{});
  report.tasks.back().path = "\0gifkit-errors";  // near the writer's placeholder, not it
  const tools::ReportTotals totals = tools::sum_report(report);
  nlohmann::ordered_json tasks = nlohmann::ordered_json::array();
  for (const models::TaskReport& task : report.tasks)
    tasks.push_back(tools::report_detail::task_to_json(task, /*with_problems=*/true));
  const nlohmann::ordered_json tree{
      {"tool", {{"name", "gifkit"}, {"version", "0.5.0"}}},
      {"valid", report.valid},
      {"stats", tools::report_detail::totals_stats_json(totals)},
      {"quality", tools::report_detail::totals_quality_json(totals)},
      {"tasks", std::move(tasks)},
  };
  CHECK(test::render(OutputFormat::json, report) == tools::json_text(tree, 2) + "\n");
}

TEST_CASE("report-4.7 write_with_arrays: the bytes of the whole tree, at any depth") {
  // Arrays at three depths, one empty, elements with nested objects, arrays,
  // escapes and non-ASCII text: the placeholders filled one element at a time
  // give what dumping the tree with the arrays in place gives.
  using ordered = nlohmann::ordered_json;
  auto element = [](std::size_t array, std::size_t i) {
    return ordered{{"array", array},
                   {"i", i},
                   {"text", "住所 \"1-2\"\n" + std::to_string(i)},
                   {"nested", {{"list", ordered::array({1, 2})}, {"empty", ordered::object()}}}};
  };
  const std::vector<std::size_t> counts = {3, 0, 2};
  auto make = [&](bool filled) {
    auto array = [&](std::size_t k) {
      if (!filled) return ordered(std::string(tools::report_detail::kArrayPlaceholder));
      ordered items = ordered::array();
      for (std::size_t i = 0; i < counts[k]; ++i) items.push_back(element(k, i));
      return items;
    };
    return ordered{{"top", array(0)},
                   {"runs", ordered::array({ordered{{"results", array(1)}, {"n", 1}}})},
                   {"deep", {{"a", {{"b", array(2)}}}}},
                   {"after", "end"}};
  };
  std::ostringstream out;
  tools::report_detail::write_with_arrays(out, tools::json_text(make(false), 2), counts, element);
  CHECK(out.str() == tools::json_text(make(true), 2) + "\n");
}

TEST_CASE("report-5.1 ndjson: every line parses; problems, then a summary per file, then total") {
  std::vector<json> lines = parse_lines(test::render(OutputFormat::ndjson, test::sample_report()));
  REQUIRE(lines.size() == 4 + 1 + 1 + 1);
  for (int i = 0; i < 4; ++i) {
    CHECK(lines[i]["type"] == "problem");
    CHECK(lines[i]["path"] == "data/名簿:2024,v1.csv");
  }
  CHECK(lines[2]["value"] == test::kNastyValue);
  CHECK(lines[4]["type"] == "summary");
  CHECK(lines[4]["path"] == "data/名簿:2024,v1.csv");
  CHECK(lines[4]["valid"] == false);
  CHECK(lines[4]["stats"]["errors"] == 3);
  CHECK_FALSE(lines[4].contains("errors"));
  CHECK(lines[5]["type"] == "summary");
  CHECK(lines[5]["path"] == "ok.csv");
  CHECK(lines[6]["type"] == "total");
  CHECK(lines[6]["valid"] == false);
  CHECK(lines[6]["stats"]["files"] == 2);
}

TEST_CASE("report-5.2 ndjson: a problem is written as soon as it arrives") {
  models::Report report = test::sample_report();
  std::ostringstream out;
  auto writer = tools::make_report_writer(OutputFormat::ndjson, out, {});
  writer->begin_task(report.tasks[0]);
  CHECK(out.str().empty());
  writer->problem(report.tasks[0], report.tasks[0].problems[2]);
  std::vector<json> lines = parse_lines(out.str());
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["code"] == "invalid-format");
}

TEST_CASE("report-5.3 ndjson: a problem line is the bytes of dumping it as a JSON tree") {
  // The writer builds problem lines without nlohmann's tree; they must stay
  // what json_text of {"type":"problem","path":…} + problem_to_json gives,
  // escapes and invalid UTF-8 (U+FFFD) included.
  std::vector<std::string> texts = {"",
                                    "plain",
                                    "日本語の値",
                                    "a\"b",
                                    "back\\slash",
                                    "\t\n\r\b\f",
                                    std::string("\0x", 2),
                                    "\x01\x1f",
                                    "\x7f",
                                    "\xff",
                                    "\xc0\x80",
                                    "\xc2\x80",
                                    "\xe0\x80\x80",
                                    "\xe0\xa0\x80",
                                    "\xed\x9f\xbf",
                                    "\xed\xa0\x80",
                                    "\xef\xbf\xbd",
                                    "\xf0\x8f\xbf\xbf",
                                    "\xf0\x9f\x98\x80",
                                    "\xf4\x8f\xbf\xbf",
                                    "\xf4\x90\x80\x80",
                                    "\xf5\x80\x80\x80",
                                    "\xe3\x81",
                                    "\xe3\x81"
                                    "a",
                                    "\x80"};
  std::mt19937 random(20261122);
  const std::string alphabet =
      "a\"\\\x01\x1f\x7f\x80\xbf\xc2\xdf\xe0\xe3\xed\xef\xf0\xf4\xf5\xff\x9f\xa0";
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (std::size_t n = random() % 6; n > 0; --n) text += alphabet[random() % alphabet.size()];
    texts.push_back(text);
  }
  models::Report report = test::sample_report();
  models::TaskReport& task = report.tasks[0];
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string& text = texts[i];
    models::Problem problem = task.problems[i % task.problems.size()];
    problem.value = text;
    problem.field = texts[(i * 7) % texts.size()];
    problem.message = "m " + text;
    problem.suggestion = text + text;
    problem.row = i;
    task.path = texts[(i * 13) % texts.size()];
    nlohmann::ordered_json tree{{"type", "problem"}, {"path", task.path}};
    tree.update(tools::report_detail::problem_to_json(problem));
    std::ostringstream out;
    auto writer = tools::make_report_writer(OutputFormat::ndjson, out, {});
    writer->problem(task, problem);
    INFO(i);
    REQUIRE(out.str() == tools::json_text(tree, -1) + "\n");
  }
}

TEST_CASE("report-4.8 json, sarif, gitlab: problems kept in a temporary file, the same bytes") {
  // Issue #56: the writers that write the totals before the list keep the
  // problems they receive packed (in a temporary file past 1 MiB) instead of
  // reading them from the report: the bytes are those of a report that kept
  // every problem, in every task, with or without a spill.
  for (const std::size_t copies : {std::size_t{1}, std::size_t{4000}}) {
    models::Report kept = test::sample_report();
    std::vector<models::Problem> many;
    for (std::size_t i = 0; i < copies; ++i)
      for (models::Problem problem : kept.tasks[0].problems) {
        problem.row += i;
        problem.key = {{"ID", std::to_string(i)}, {"名称", "値\n\"" + std::to_string(i)}};
        many.push_back(std::move(problem));
      }
    kept.tasks[0].problems = many;
    kept.tasks[1].problems = many;
    kept.tasks[1].problems.resize(many.size() / 2);
    models::Report streamed = kept;  // as validate gives it: problems sent, not kept
    for (models::TaskReport& task : streamed.tasks) task.problems.clear();
    for (const OutputFormat format :
         {OutputFormat::json, OutputFormat::sarif, OutputFormat::gitlab}) {
      CAPTURE(copies, tools::output_format_name(format));
      tools::ReportWriterOptions options;
      options.tool_version = "0.5.0";
      std::ostringstream from_report;
      tools::make_report_writer(format, from_report, options)->finish(kept);
      std::ostringstream received;
      auto writer = tools::make_report_writer(format, received, options);
      for (std::size_t t = 0; t < kept.tasks.size(); ++t) {
        writer->begin_task(streamed.tasks[t]);
        for (const models::Problem& problem : kept.tasks[t].problems)
          writer->problem(streamed.tasks[t], problem);
        writer->end_task(streamed.tasks[t]);
      }
      writer->finish(streamed);
      CHECK(received.str().size() > (copies > 1 ? std::size_t{1} << 20 : 0));
      CHECK(received.str() == from_report.str());
    }
  }
}
