// report_samples.hpp — a small validation report for the report-writer tests:
// two files, one failing with Japanese values and a value full of characters
// every output syntax must escape (quotes, <, &, %, newline, comma, colon),
// one passing. render() drives a writer the way `gifkit validate` does.
#pragma once
#include <sstream>
#include <string>

#include "models/engine/report/report.hpp"
#include "tools/report/report_writers.hpp"

namespace gifkit::test {

// The value every escaper is tested with.
inline const std::string kNastyValue = "\"2024/4/18\" <b> & 100%\nnext, a:b";

// A task of a CSV file: its path, model (and how it was picked) and encoding.
inline models::TaskReport csv_task(const std::string& path, const std::string& model,
                                   const std::string& model_note, const std::string& encoding) {
  models::TaskReport task;
  task.path = path;
  task.model = model;
  task.model_note = model_note;
  task.format = "csv";
  task.encoding = encoding;
  return task;
}

inline models::Report sample_report() {
  using models::Problem;
  using models::Severity;
  models::TaskReport failing =
      csv_task("data/名簿:2024,v1.csv", "gif/個人", "auto: 9 of 10 columns", "CP932");
  failing.valid = false;
  failing.stats = {4, 4, 3, 1, 1, 512, 0.25};
  failing.counts_by_code = {
      {"encoding-detected", 1}, {"missing-value", 2}, {"invalid-format", 1}, {"wrong-width", 1}};
  failing.quality = {{"氏名", "氏名", 3, 1}, {"住所", "住所", 4, 1}, {"備考", "", 1, 0}};
  failing.rows_with_errors = 2;
  failing.truncated = true;
  failing.problems = {
      Problem{"encoding-detected",
              Severity::info,
              0,
              0,
              0,
              "",
              "",
              "The file is CP932, not UTF-8; it was converted before checking",
              "",
              "",
              {},
              {},
              {},
              1},
      Problem{"missing-value",
              Severity::error,
              2,
              3,
              1,
              "氏名",
              "",
              "氏名 is required but empty",
              "",
              "",
              {},
              {},
              {},
              1},
      Problem{"invalid-format",
              Severity::error,
              3,
              4,
              4,
              "登録日",
              kNastyValue,
              "登録日: " + kNastyValue + " is not ISO 8601",
              "2024-04-18",
              "",
              {},
              {},
              {},
              1},
      Problem{"wrong-width",
              Severity::warning,
              4,
              6,
              3,
              "番地以下",
              "１－３",
              "番地以下: １－３ uses full-width digits",
              "1-3",
              "",
              models::Fix{"halfwidth-ascii", "１－３", "1-3", models::FixCertainty::certain},
              {},
              {},
              1},
  };

  // As the collector counts them: one group per code and column.
  failing.groups = {{"encoding-detected", Severity::info, 0, "", 1, 0, 0, 0, 1},
                    {"missing-value", Severity::error, 1, "氏名", 2, 2, 2, 5, 1},
                    {"invalid-format", Severity::error, 4, "登録日", 1, 1, 3, 3, 1},
                    {"wrong-width", Severity::warning, 3, "番地以下", 1, 1, 4, 4, 1}};
  failing.key_fields = {"ID"};
  failing.problems[2].key = {{"ID", "A-3"}};
  failing.gate_reason = "failed: errors: invalid-format 1, missing-value 2";

  models::TaskReport passing = csv_task("ok.csv", "gif/法人", "given", "UTF-8");
  passing.stats = {10, 2, 0, 0, 0, 300, 0.05};
  passing.quality = {{"法人番号", "法人番号", 10, 0}, {"商号又は名称", "商号又は名称", 10, 0}};

  models::Report report;
  report.tasks = {failing, passing};
  report.valid = false;
  report.seconds = 0.5;
  return report;
}

// Feeds report to sink as the validate command does: per task begin, each
// problem, end; then finish.
inline void feed(models::ReportSink& sink, const models::Report& report) {
  for (const models::TaskReport& task : report.tasks) {
    sink.begin_task(task);
    for (const models::Problem& problem : task.problems) sink.problem(task, problem);
    sink.end_task(task);
  }
  sink.finish(report);
}

inline std::string render(tools::OutputFormat format, const models::Report& report,
                          tools::ReportWriterOptions options = {}) {
  std::ostringstream out;
  if (options.tool_version.empty()) options.tool_version = "0.5.0";
  auto writer = tools::make_report_writer(format, out, options);
  feed(*writer, report);
  return out.str();
}

}  // namespace gifkit::test
