// report_github.cpp — the github report writer: GitHub Actions workflow
// commands, streamed as problems arrive, so that each problem becomes an
// annotation on the offending line of the data file:
//   ::error file=PATH,line=LINE,col=COLUMN,title=CODE::MESSAGE (suggestion: …)
// warnings become ::warning, infos ::notice. line is left out for a problem
// of the whole file, col when there is no field; col is gifkit's field
// number, which GitHub only shows. The last line is a ::notice with totals.
#include <string>

#include "tools/report/report_internal.hpp"

namespace gifkit::tools::report_detail {

namespace {

std::string_view command_for(models::Severity severity) {
  switch (severity) {
    case models::Severity::error:
      return "error";
    case models::Severity::warning:
      return "warning";
    case models::Severity::info:
      return "notice";
  }
  return "error";
}

// Percent-encodes the characters GitHub's command parser would misread:
// always % CR LF, and in property values also : and ,.
std::string percent_escape(std::string_view text, bool for_property) {
  std::string out;
  out.reserve(text.size());
  for (char c : valid_utf8(text)) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += for_property ? "%3A" : ":";
        break;
      case ',':
        out += for_property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

class GithubWriter final : public models::ReportSink {
 public:
  explicit GithubWriter(std::ostream& out) : out_(out) {}

  void begin_task(const models::TaskReport&) override {}

  void problem(const models::TaskReport& task, const models::Problem& problem) override {
    std::string line = "::";
    line += command_for(problem.severity);
    line += " file=" + github_escape_property(task.path);
    if (problem.line > 0) line += ",line=" + std::to_string(problem.line);
    if (problem.column > 0) line += ",col=" + std::to_string(problem.column);
    line += ",title=" + github_escape_property(problem.code);
    std::string message = problem.message.empty() ? problem.code : problem.message;
    if (!problem.suggestion.empty()) message += " (suggestion: " + problem.suggestion + ")";
    line += "::" + github_escape_data(message);
    out_ << line << '\n';
    out_.flush();
  }

  void end_task(const models::TaskReport& task) override {
    const std::string measures = describe_measures(task);
    if (measures.empty()) return;
    out_ << "::notice file=" << github_escape_property(task.path)
         << ",title=gifkit quality::" << github_escape_data(measures) << '\n';
  }

  void finish(const models::Report& report) override {
    ReportTotals totals = sum_report(report);
    std::string summary = count_noun(totals.files, "file", "files") + " checked, " +
                          count_noun(totals.rows, "row", "rows") + ": " +
                          count_noun(totals.errors, "error", "errors") + ", " +
                          count_noun(totals.warnings, "warning", "warnings") + ", " +
                          count_noun(totals.infos, "info", "infos") + " — " +
                          (report.valid ? "passed" : "FAILED");
    for (const models::TaskReport& task : report.tasks) {
      if (task.truncated) {
        summary += " (more problems were found than listed)";
        break;
      }
    }
    out_ << "::notice title=gifkit::" << github_escape_data(summary) << '\n';
    out_.flush();
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::string github_escape_data(std::string_view text) {
  return percent_escape(text, false);
}

std::string github_escape_property(std::string_view text) {
  return percent_escape(text, true);
}

std::unique_ptr<models::ReportSink> make_github_writer(std::ostream& out) {
  return std::make_unique<GithubWriter>(out);
}

}  // namespace gifkit::tools::report_detail
