// report_github.cpp — the github report writer: GitHub Actions workflow
// commands, streamed as problems arrive, so that each problem becomes an
// annotation on the offending line of the data file:
//   ::error file=PATH,line=LINE,col=COLUMN,title=CODE::MESSAGE (suggestion: …)
// warnings become ::warning, infos ::notice. line is left out for a problem
// of the whole file, col when there is no field; col is gifkit's field
// number, which GitHub only shows. At most max_annotations problems of one
// code in one file are written (GitHub shows 10 per type and step); the
// others are counted as they arrive and told in one notice per code at the
// file's end ("and M more CODE in PATH"). The last line is a ::notice with
// totals. With step_summary_path, a Markdown summary (per file: verdict and
// a table of codes with severity and count) is appended to that file.
#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tools/report/report_internal.hpp"

namespace gifkit::tools::report_detail {

namespace {

// The workflow command of each severity: ::error, ::warning, ::notice.
constexpr SeverityWords kGithubCommands{"error", "warning", "notice"};

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

// What the writer has seen of one code in the current file.
struct CodeTally {
  std::uint64_t seen = 0;                              // problems that arrived
  std::uint64_t written = 0;                           // of them, written as annotations
  models::Severity severity = models::Severity::info;  // the worst that arrived
};

// One file's section of the step summary.
struct FileSummary {
  std::string path;
  bool valid = true;
  std::string gate_reason;  // the gate's words ("" when it gave none)
  std::uint64_t rows = 0;
  std::string model;
  // One per code and column (the task's finding groups; per code when the
  // task has none).
  struct Row {
    std::string code;
    std::string column;  // "4 設立年月日"; "" for the whole row or file
    models::Severity severity;
    std::uint64_t count;
    std::string rows;  // "2–13", "7"; "" when of no data row
  };
  std::vector<Row> codes;
};

// The rows of a finding group in words: "2–13", "7", or "" (the whole file).
std::string row_span(const models::FindingGroup& group) {
  if (group.first_row == 0) return "";
  if (group.last_row <= group.first_row) return std::to_string(group.first_row);
  return std::to_string(group.first_row) + "–" + std::to_string(group.last_row);
}

// Text for a Markdown table cell: | escaped, line ends as spaces, and
// (inside_code) backticks as quotes.
std::string markdown_cell(std::string_view text, bool inside_code) {
  std::string out;
  for (char c : valid_utf8(text)) {
    if (c == '|')
      out += "\\|";
    else if (c == '`' && inside_code)
      out += '\'';
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

// A path or code in a Markdown table: inside backticks.
std::string markdown_code(std::string_view text) {
  return "`" + markdown_cell(text, true) + "`";
}

std::string markdown_text(std::string_view text) {
  return markdown_cell(text, false);
}

class GithubWriter final : public models::ReportSink {
 public:
  GithubWriter(std::ostream& out, const ReportWriterOptions& options)
      : out_(out),
        max_annotations_(options.max_annotations),
        step_summary_path_(options.step_summary_path) {}

  void begin_task(const models::TaskReport&) override { tallies_.clear(); }

  void problem(const models::TaskReport& task, const models::Problem& problem) override {
    CodeTally& tally = tallies_[problem.code];
    tally.severity =
        tally.seen == 0 ? problem.severity : std::max(tally.severity, problem.severity);
    ++tally.seen;
    if (tally.written >= max_annotations_) return;
    ++tally.written;
    std::string line = "::";
    line += severity_word(problem.severity, kGithubCommands);
    line += " file=" + github_escape_property(task.path);
    if (problem.line > 0) line += ",line=" + std::to_string(problem.line);
    if (problem.column > 0) line += ",col=" + std::to_string(problem.column);
    line += ",title=" + github_escape_property(problem.code);
    std::string message = problem.message.empty() ? problem.code : problem.message;
    if (!problem.suggestion.empty()) message += " (suggestion: " + problem.suggestion + ")";
    for (const models::KeyValue& part : problem.key)
      message += " [" + part.name + " " + part.value + "]";
    line += "::" + github_escape_data(message);
    out_ << line << '\n';
    out_.flush();
  }

  void end_task(const models::TaskReport& task) override {
    // Codes counted but never streamed (beyond --max-errors) count too.
    for (const auto& [code, count] : task.counts_by_code) {
      auto [it, inserted] = tallies_.try_emplace(code);
      if (inserted) {
        const models::ProblemCode* entry = models::find_problem_code(code);
        it->second.severity = entry != nullptr ? entry->severity : models::Severity::error;
      }
      it->second.seen = std::max(it->second.seen, count);
    }
    FileSummary summary{task.path, task.valid, task.gate_reason, task.stats.rows, task.model, {}};
    for (const models::FindingGroup& group : task.groups) {
      std::string column = group.column > 0 ? std::to_string(group.column) : "";
      if (!group.field.empty()) column += " " + group.field;
      summary.codes.push_back({group.code, column, group.severity, group.count, row_span(group)});
    }
    for (const auto& [code, tally] : tallies_) {
      if (task.groups.empty()) summary.codes.push_back({code, "", tally.severity, tally.seen, ""});
      if (tally.seen <= tally.written) continue;
      const std::string more = "and " + std::to_string(tally.seen - tally.written) + " more " +
                               code + " in " + task.path;
      out_ << "::notice file=" << github_escape_property(task.path)
           << ",title=" << github_escape_property(code) << "::" << github_escape_data(more) << '\n';
    }
    std::stable_sort(summary.codes.begin(), summary.codes.end(),
                     [](const FileSummary::Row& a, const FileSummary::Row& b) {
                       return static_cast<int>(a.severity) > static_cast<int>(b.severity);
                     });
    summaries_.push_back(std::move(summary));
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
    if (!step_summary_path_.empty()) append_step_summary(summary);
    out_.flush();
  }

 private:
  // Appends the Markdown summary to step_summary_path_; a file that cannot be
  // written is told in a ::warning (the report itself stands).
  void append_step_summary(const std::string& totals) {
    std::string markdown = "## gifkit validate\n\n" + totals + "\n";
    for (const FileSummary& file : summaries_) {
      markdown += "\n### " + std::string(file.valid ? "✅ passed" : "❌ failed") + ": " +
                  markdown_code(file.path) + "\n\n" + count_noun(file.rows, "row", "rows");
      if (!file.model.empty()) markdown += ", model " + markdown_code(file.model);
      if (!file.gate_reason.empty()) markdown += "; gate " + markdown_text(file.gate_reason);
      markdown += "\n\n";
      if (file.codes.empty()) {
        markdown += "No problems.\n";
        continue;
      }
      markdown += "| code | column | severity | count | rows |\n| --- | --- | --- | ---: | --- |\n";
      for (const FileSummary::Row& row : file.codes) {
        markdown += "| " + markdown_code(row.code) + " | " + markdown_text(row.column) + " | " +
                    std::string(models::severity_name(row.severity)) + " | " +
                    std::to_string(row.count) + " | " + row.rows + " |\n";
      }
    }
    std::ofstream file(step_summary_path_, std::ios::binary | std::ios::app);
    file << markdown;
    file.flush();
    if (!file) {
      out_ << "::warning title=gifkit::"
           << github_escape_data("could not append the step summary to " + step_summary_path_)
           << '\n';
    }
  }

  std::ostream& out_;
  std::uint64_t max_annotations_;
  std::string step_summary_path_;
  std::map<std::string, CodeTally> tallies_;  // the current file's, by code
  std::vector<FileSummary> summaries_;        // one per file ended
};

}  // namespace

std::string github_escape_data(std::string_view text) {
  return percent_escape(text, false);
}

std::string github_escape_property(std::string_view text) {
  return percent_escape(text, true);
}

std::unique_ptr<models::ReportSink> make_github_writer(std::ostream& out,
                                                       const ReportWriterOptions& options) {
  return std::make_unique<GithubWriter>(out, options);
}

}  // namespace gifkit::tools::report_detail
