// report_writers.hpp — turns the report model (models/engine/report/report.hpp) into
// text, JSON, NDJSON, JUnit XML, SARIF 2.1.0, GitHub workflow commands, a
// GitLab Code Quality report or one html page.
// Streaming formats (ndjson, github) write each problem as it arrives; the
// others write everything in finish(). docs/reports.md describes each format.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "models/engine/report/report.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

// The formats a report is written in (csv is not one).
inline constexpr std::initializer_list<OutputFormat> kReportFormats = {
    OutputFormat::text,  OutputFormat::json,   OutputFormat::ndjson, OutputFormat::junit,
    OutputFormat::sarif, OutputFormat::github, OutputFormat::gitlab, OutputFormat::html};

struct ReportWriterOptions {
  std::string tool_version;  // for SARIF's tool.driver.version
  bool color = false;        // ANSI colours in text output (a terminal)
  // text: about how many lines one file's part of the report may take; the
  // samples of the groups are cut (evenly, never a code or a column's count
  // and rows) to stay within it. 0: every listed problem is shown.
  std::size_t text_lines_per_file = 0;
  // SARIF's tool.driver.informationUri: where a reader learns about the rules.
  std::string information_uri =
      "https://www.digital.go.jp/policies/data_strategy_government_interoperability_framework";
  // github: annotations written per code and file; the rest are counted in
  // one "and M more" notice.
  std::uint64_t max_annotations = 10;
  // github: a file the Markdown summary is appended to ($GITHUB_STEP_SUMMARY,
  // read by the command); "" writes none.
  std::string step_summary_path;
  // sarif and gitlab: an absolute folder the files' URIs and paths are made
  // relative to (--sarif-root; the command's default is the working
  // directory); "" keeps the paths as given.
  std::string source_root;
};

// A writer for the format (one of kReportFormats), writing to out (which
// must outlive the writer).
std::unique_ptr<models::ReportSink> make_report_writer(OutputFormat format, std::ostream& out,
                                                       const ReportWriterOptions& options);

// Sums over every task of a report, for the summaries the writers print.
struct ReportTotals {
  std::uint64_t files = 0;
  std::uint64_t rows = 0;
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;
  std::uint64_t infos = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;                  // the report's wall time, or the tasks' sum
  std::uint64_t filled_cells = 0;      // over columns mapped to a model item
  std::uint64_t expected_cells = 0;    // rows × mapped columns, over all tasks
  std::uint64_t rows_with_errors = 0;  // over all tasks
  double completeness() const;         // filled / expected cells, 1 when nothing expected
  double conformity() const;           // rows without an error / rows, 1 when no rows
};

ReportTotals sum_report(const models::Report& report);

// Problems of a code in a column a report lists when --max-errors is not
// given (validate, registry audit): a sample in the formats a person reads
// (text 5, html 20: the group says how many there are and which rows, and
// the page stays small), all in the others (0).
std::uint64_t default_max_errors(OutputFormat format);
// Whether format's writer reads the listed problems from the returned report
// (models::ValidateOptions::keep_problems): text, html and junit group them
// at the end; json, sarif and gitlab keep what they receive in a temporary
// file (ListedProblems), ndjson and github write each at once — memory then
// stays flat however many problems a file has.
bool writer_reads_kept_problems(OutputFormat format);
// Without --max-errors, a file's text report keeps to a page a person reads
// (ReportWriterOptions::text_lines_per_file).
inline constexpr std::size_t kTextLinesPerFile = 190;

// Share of the task's rows where the item has a value; 1 when there are no rows.
double item_completeness(const models::ItemQuality& item, std::uint64_t rows);

}  // namespace gifkit::tools
