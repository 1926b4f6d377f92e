// report_internal.hpp — what the report writers share among themselves and
// with their tests: one factory per format, problem grouping, and the text
// escapers each output syntax needs. Not part of the public writer API
// (report_writers.hpp); only tools/report/*.cpp and tests include it.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/engine/report/problem_codes.hpp"
#include "models/engine/report/report.hpp"
#include "tools/report/report_writers.hpp"

namespace gifkit::tools::report_detail {

// One factory per format (each defined in its report_<format>.cpp).
std::unique_ptr<models::ReportSink> make_text_writer(std::ostream& out,
                                                     const ReportWriterOptions& options);
std::unique_ptr<models::ReportSink> make_json_writer(std::ostream& out,
                                                     const ReportWriterOptions& options);
std::unique_ptr<models::ReportSink> make_ndjson_writer(std::ostream& out);
std::unique_ptr<models::ReportSink> make_junit_writer(std::ostream& out,
                                                      const ReportWriterOptions& options);
std::unique_ptr<models::ReportSink> make_sarif_writer(std::ostream& out,
                                                      const ReportWriterOptions& options);
std::unique_ptr<models::ReportSink> make_github_writer(std::ostream& out,
                                                       const ReportWriterOptions& options);
std::unique_ptr<models::ReportSink> make_gitlab_writer(std::ostream& out,
                                                       const ReportWriterOptions& options);
std::unique_ptr<models::ReportSink> make_html_writer(std::ostream& out);

// --- report_writers.cpp -------------------------------------------------

// The problems of one code in one column of a file: its FindingGroup (count,
// rows) and the listed ones, its samples.
struct ColumnGroup {
  models::FindingGroup group;
  std::vector<const models::Problem*> listed;  // in the task's order
};

// The problems of one code in one file, as the text and JUnit writers list them.
struct CodeGroup {
  std::string code;
  const models::ProblemCode* entry = nullptr;           // nullptr for a code not in problem_codes()
  models::Severity severity = models::Severity::error;  // worst listed, else the default
  std::uint64_t count = 0;                              // found (counts_by_code), at least listed
  std::vector<const models::Problem*> listed;           // in the task's order
  std::vector<ColumnGroup> columns;                     // by column number (0 first)
};

// Every code the task found or listed: errors first, then warnings, then
// infos; within one severity in problem_codes() order, unknown codes last
// (alphabetically); each with its columns (task.groups; a listed problem of
// no group gets one counted from the listed). Pointers refer into
// task.problems.
std::vector<CodeGroup> group_problems_by_code(const models::TaskReport& task);

// Where a group of findings is, in words (as read: callers escape it):
// "column 3 電話番号", "whole row", "whole file", or, for findings of no row
// that name their rows by key (a registry audit's), "by lg_code machiaza_id".
std::string group_place(const ColumnGroup& column);
// The rows of a group in words: "rows 3–90", "row 3", "the header" or ""
// (the whole file).
std::string group_rows(const models::FindingGroup& group);

// The words a report format names the three severities with (GitHub's
// workflow commands, SARIF's levels, GitLab's severities).
struct SeverityWords {
  std::string_view error, warning, info;
};
// severity in a format's words.
std::string_view severity_word(models::Severity severity, const SeverityWords& words);

// The fingerprints of one file's findings, in the order they are asked for
// (GitLab's fingerprint, SARIF's partialFingerprints): the hex SHA-256 of
// "gifkit-finding-v2", the path as the report names it and
// models::Baseline::fingerprint (code, the column's header, the row's key,
// the value — not the row, so rows added above a finding change nothing),
// with the number of earlier findings of the same print, so two stay apart.
class FindingFingerprints {
 public:
  explicit FindingFingerprints(std::string path) : path_(std::move(path)) {}
  std::string next(const models::Problem& problem);

 private:
  std::string path_;
  std::map<std::string, std::uint64_t> seen_;
};

// text with every invalid UTF-8 sequence replaced by U+FFFD, so that JSON and
// XML encoders never see malformed input.
std::string valid_utf8(std::string_view text);

// Decodes the UTF-8 sequence starting at text[pos]; text must be valid UTF-8
// (see valid_utf8). Sets length to the sequence's byte count.
char32_t decode_utf8_at(std::string_view text, std::size_t pos, std::size_t& length);

// Where a problem is, in words: "row 3 (line 4), column 2 氏名", "line 7",
// or "whole file". The line is named only when it differs from the row.
std::string describe_position(const models::Problem& problem);

// Accuracy, consistency and currentness in words ("accuracy 95.0% (19 of 20
// rows looked up agree with the registry); …"), "" when none was measured.
std::string describe_measures(const models::TaskReport& task);
// Days from the dataset's 更新日 to the registry's data date (negative: the
// dataset is newer); nullopt when either is unknown.
std::optional<long> currentness_days(const models::TaskReport& task);

// A report's file as SARIF and gitlab name it: with a root (an absolute
// folder), its path relative to root, '/'-separated, when it lies inside
// root (inside_root), else its absolute path; without a root, and for "-"
// (standard input), the path as given.
struct RootedPath {
  std::string path;
  bool inside_root = false;
};
RootedPath path_under_root(const std::string& path, const std::string& root);

// "1 error" / "3 errors": count followed by singular or plural.
std::string count_noun(std::uint64_t count, std::string_view singular, std::string_view plural);
// What --baseline found, for a task compared with one: "PATH: 3 new, 5
// unchanged, 1 no longer found", or that the baseline had no file of this name.
std::string describe_baseline(const models::TaskReport& task);
// "2 errors, 1 warning, 0 infos".
std::string problem_counts(std::uint64_t errors, std::uint64_t warnings, std::uint64_t infos);
// A share as a percentage with one decimal: 0.9534 → "95.3%".
std::string percent(double ratio);

// --- report_json.cpp ----------------------------------------------------

nlohmann::ordered_json problem_to_json(const models::Problem& problem);
// The task as the json format writes it; with_problems=false leaves out
// "errors" (ndjson streams them on lines of their own).
nlohmann::ordered_json task_to_json(const models::TaskReport& task, bool with_problems);
nlohmann::ordered_json totals_stats_json(const ReportTotals& totals);
nlohmann::ordered_json totals_quality_json(const ReportTotals& totals);
// A string no value of a report holds (NUL bytes around a name): a writer
// puts it where a long array goes, and write_with_arrays fills it in.
inline constexpr std::string_view kArrayPlaceholder{"\0gifkit-array\0", 14};
// Writes document (dumped with indent 2) to out, followed by a newline, with
// its k-th kArrayPlaceholder string replaced by an array of counts[k]
// elements, element(k, i) each, dumped one at a time and indented as dumping
// the whole tree would: the same bytes without a tree of every element (a
// report of 80,000 problems took 2.8 KB each that way).
void write_with_arrays(
    std::ostream& out, std::string_view document, const std::vector<std::size_t>& counts,
    const std::function<nlohmann::ordered_json(std::size_t array, std::size_t i)>& element);
// Appends problem_to_json's members, as json_text(…) writes them inside
// the object, without the braces.
void append_problem_members(std::string& out, const models::Problem& problem);

// --- report_github.cpp --------------------------------------------------

// A workflow command's message: % \r \n percent-encoded.
std::string github_escape_data(std::string_view text);
// A workflow command's property value: as above plus : and ,.
std::string github_escape_property(std::string_view text);

}  // namespace gifkit::tools::report_detail
