// report_gitlab.cpp — the gitlab report writer: a GitLab Code Quality report
// (the JSON array of issues a job publishes as artifacts:reports:codequality,
// shown in the merge request widget), written at finish(). One issue per
// listed problem (docs/reports.md, "gitlab"):
//   description   the message, with the suggestion and the row;
//   check_name    the problem code;
//   fingerprint   finding_fingerprint (report_internal.hpp): the path, the
//                 code, the column's header, the row's key and the value
//                 joined by NUL bytes: stable across runs while the finding
//                 stays where it is, different for two findings of one code;
//   severity      error → major, warning → minor, info → info;
//   location      path (relative to the source root when the file lies in
//                 it, as GitLab wants repository paths) and lines.begin (the
//                 physical line; 1 for a problem of the whole file).

#include <array>
#include <cassert>
#include <memory>

#include "tools/output/json_text.hpp"
#include "tools/report/listed_problems.hpp"
#include "tools/report/report_internal.hpp"

namespace gifkit::tools::report_detail {

namespace {

using json = nlohmann::ordered_json;

// GitLab Code Quality's severity of each severity.
constexpr SeverityWords kGitlabSeverities{"major", "minor", "info"};

json issue_json(const models::Problem& problem, const std::string& path,
                FindingFingerprints& fingerprints) {
  std::string description = problem.message.empty() ? problem.code : problem.message;
  if (!problem.suggestion.empty()) description += " (suggestion: " + problem.suggestion + ")";
  description += " — " + describe_position(problem);
  return json{
      {"type", "issue"},
      {"description", description},
      {"check_name", problem.code},
      {"fingerprint", fingerprints.next(problem)},
      {"severity", severity_word(problem.severity, kGitlabSeverities)},
      {"location",
       {{"path", path},
        {"lines", {{"begin", problem.line > 0 ? problem.line : std::uint64_t{1}}}}}},
  };
}

class GitlabWriter final : public models::ReportSink {
 public:
  GitlabWriter(std::ostream& out, const ReportWriterOptions& options)
      : out_(out), source_root_(options.source_root) {}

  void begin_task(const models::TaskReport&) override { listed_.begin_task(); }
  void problem(const models::TaskReport&, const models::Problem& problem) override {
    listed_.add(problem);
  }
  void end_task(const models::TaskReport&) override {}

  void finish(const models::Report& report) override {
    std::vector<std::string> paths;
    std::vector<std::uint64_t> counts;
    std::size_t count = 0;
    for (std::size_t index = 0; index < report.tasks.size(); ++index) {
      paths.push_back(path_under_root(report.tasks[index].path, source_root_).path);
      counts.push_back(listed_.count(index, report.tasks[index]));
      count += static_cast<std::size_t>(counts.back());
    }
    std::size_t task_index = 0;
    std::size_t problem_index = 0;
    FindingFingerprints fingerprints(paths.empty() ? "" : paths.front());
    write_with_arrays(out_, json_array_placeholder(), {count}, [&](std::size_t, std::size_t) {
      while (problem_index >= counts[task_index]) {
        ++task_index;
        problem_index = 0;
        fingerprints = FindingFingerprints(paths[task_index]);
      }
      ++problem_index;
      return issue_json(listed_.next(task_index, report.tasks[task_index]), paths[task_index],
                        fingerprints);
    });
    out_.flush();
  }

 private:
  // The whole document is the array: its placeholder as a JSON string.
  static std::string json_array_placeholder() {
    return json_text(json(std::string(kArrayPlaceholder)));
  }

  std::ostream& out_;
  std::string source_root_;
  ListedProblems listed_;
};

}  // namespace

std::unique_ptr<models::ReportSink> make_gitlab_writer(std::ostream& out,
                                                       const ReportWriterOptions& options) {
  return std::make_unique<GitlabWriter>(out, options);
}

}  // namespace gifkit::tools::report_detail
