// report_junit.cpp — the junit report writer: JUnit XML for CI test views.
// Conventions (docs/reports.md):
//   - one <testsuite> per file, named by its path;
//   - a testcase "gifkit.validate" per file, failing (type="gate") when the
//     file does not pass the gate — so a passing file still has one test;
//   - one testcase per problem code found in the file, failing
//     (type="error") when the code has errors; a code with only warnings or
//     infos passes and lists its problems in <system-out>, so that warnings
//     are visible without turning the CI view red (the gate testcase still
//     fails when --fail-on warning made the file invalid).
#include <cstdio>
#include <ostream>

#include "grammars/text/markup_escape.hpp"
#include "tools/report/report_internal.hpp"

namespace gifkit::tools::report_detail {

namespace {

using grammars::markup_escaped;
constexpr grammars::MarkupEscape kXmlText = grammars::MarkupEscape::xml_text;

std::string format_seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds < 0 ? 0.0 : seconds);
  return buffer;
}

std::string format_ratio(double ratio) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", ratio);
  return buffer;
}

// One problem as a line of plain text:
// row 3 (line 4), column 2 氏名: value "x" — message — suggestion: y
std::string describe_problem(const models::Problem& problem) {
  std::string text = describe_position(problem);
  text += ": ";
  if (!problem.value.empty()) text += "value \"" + problem.value + "\" — ";
  text += problem.message;
  if (!problem.suggestion.empty()) text += " — suggestion: " + problem.suggestion;
  return text;
}

// Writes the group's problems per column — a line with the column's count
// and rows, then its listed problems a line each (with the row's key) —
// XML-escaped (a line at a time: the same text as escaping them joined,
// without a copy of them all).
void write_problem_lines(std::ostream& out, const CodeGroup& group) {
  for (const ColumnGroup& column : group.columns) {
    const models::FindingGroup& found = column.group;
    std::string head = group_place(column) + ": " + std::to_string(found.count);
    if (const std::string rows = group_rows(found); !rows.empty()) head += ", " + rows;
    out << markup_escaped(head + "\n", kXmlText);
    for (const models::Problem* problem : column.listed) {
      std::string line = "  " + std::string(models::severity_name(problem->severity)) + ": " +
                         describe_problem(*problem);
      for (const models::KeyValue& part : problem->key)
        line += " [" + part.name + " " + part.value + "]";
      out << markup_escaped(line + "\n", kXmlText);
    }
    if (found.count > column.listed.size()) {
      out << markup_escaped(
          "  (" + std::to_string(found.count - column.listed.size()) + " more not listed)\n",
          kXmlText);
    }
  }
}

std::string attribute(std::string_view name, std::string_view value) {
  std::string text = " ";
  text += name;
  text += "=\"";
  text += markup_escaped(value, grammars::MarkupEscape::xml_attribute);
  text += '"';
  return text;
}

struct SuiteCounts {
  std::size_t tests = 0;
  std::size_t failures = 0;
};

// The tests (the gate + one per code) and failures of one file's suite.
SuiteCounts count_testsuite(const models::TaskReport& task, const std::vector<CodeGroup>& groups) {
  std::size_t failures = task.valid ? 0 : 1;
  for (const CodeGroup& group : groups) {
    if (group.severity == models::Severity::error) ++failures;
  }
  return SuiteCounts{groups.size() + 1, failures};
}

// Writes the <testsuite> of one file.
void write_testsuite(std::ostream& out, const models::TaskReport& task,
                     const std::vector<CodeGroup>& groups) {
  const std::size_t failures = count_testsuite(task, groups).failures;

  out << "  <testsuite" << attribute("name", task.path)
      << attribute("tests", std::to_string(groups.size() + 1))
      << attribute("failures", std::to_string(failures)) << attribute("errors", "0")
      << attribute("skipped", "0") << attribute("time", format_seconds(task.stats.seconds))
      << ">\n";
  out << "    <properties>\n";
  auto property = [&out](std::string_view name, std::string_view value) {
    out << "      <property" << attribute("name", name) << attribute("value", value) << "/>\n";
  };
  property("model", task.model);
  property("modelNote", task.model_note);
  property("format", task.format);
  property("encoding", task.encoding);
  property("rows", std::to_string(task.stats.rows));
  if (task.quality_measured()) {  // not for a refused file or a header without rows
    property("completeness", format_ratio(task.completeness()));
    property("conformity", format_ratio(task.conformity()));
    property("cellsNotChecked", std::to_string(task.not_checked().cells));
  }
  if (task.accuracy.asked())
    property("accuracy", task.accuracy.measured() ? format_ratio(task.accuracy.ratio())
                                                  : std::string("not measured"));
  if (task.accuracy.not_checked > 0)
    property("accuracyNotChecked", std::to_string(task.accuracy.not_checked));
  if (task.consistency.measured()) property("consistency", format_ratio(task.consistency.ratio()));
  if (!task.registry_date.empty()) property("registryDate", task.registry_date);
  if (!task.dataset_date.empty()) property("datasetDate", task.dataset_date);
  out << "    </properties>\n";

  std::string summary = std::to_string(task.stats.rows) + " rows, " +
                        count_noun(task.stats.errors, "error", "errors") + ", " +
                        count_noun(task.stats.warnings, "warning", "warnings") + ", " +
                        count_noun(task.stats.infos, "info", "infos");
  out << "    <testcase" << attribute("classname", task.path)
      << attribute("name", "gifkit.validate")
      << attribute("time", format_seconds(task.stats.seconds));
  if (task.valid && !task.truncated) {
    out << "/>\n";
  } else {
    out << ">\n";
    if (!task.valid) {
      out << "      <failure" << attribute("type", "gate")
          << attribute("message", task.path + " did not pass the gate: " + summary) << ">"
          << markup_escaped(summary + (task.gate_reason.empty() ? "" : "\n" + task.gate_reason),
                            kXmlText)
          << "</failure>\n";
    }
    if (task.truncated) {
      out << "      <system-out>"
          << markup_escaped(
                 "Each code lists a few of its problems per column (--max-errors); the "
                 "counts cover every one.",
                 kXmlText)
          << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }

  for (const CodeGroup& group : groups) {
    std::string title = group.entry ? std::string(group.entry->title) : group.code;
    std::string message = title + ": " + count_noun(group.count, "problem", "problems");
    out << "    <testcase" << attribute("classname", task.path) << attribute("name", group.code)
        << ">\n";
    if (group.severity == models::Severity::error) {
      out << "      <failure" << attribute("type", "error") << attribute("message", message) << ">";
      write_problem_lines(out, group);
      out << "</failure>\n";
    } else {
      out << "      <system-out>" << markup_escaped(message + "\n", kXmlText);
      write_problem_lines(out, group);
      out << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n";
}

// Writes the whole XML document in finish().
class JunitWriter final : public models::ReportSink {
 public:
  explicit JunitWriter(std::ostream& out) : out_(out) {}

  void begin_task(const models::TaskReport&) override {}
  void problem(const models::TaskReport&, const models::Problem&) override {}
  void end_task(const models::TaskReport&) override {}

  void finish(const models::Report& report) override {
    // The totals come first, in <testsuites>: count, then write each suite
    // straight to the output (no copy of the document).
    std::size_t tests = 0, failures = 0;
    for (const models::TaskReport& task : report.tasks) {
      SuiteCounts counts = count_testsuite(task, group_problems_by_code(task));
      tests += counts.tests;
      failures += counts.failures;
    }
    ReportTotals totals = sum_report(report);
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out_ << "<testsuites" << attribute("name", "gifkit")
         << attribute("tests", std::to_string(tests))
         << attribute("failures", std::to_string(failures)) << attribute("errors", "0")
         << attribute("time", format_seconds(totals.seconds)) << ">\n";
    for (const models::TaskReport& task : report.tasks)
      write_testsuite(out_, task, group_problems_by_code(task));
    out_ << "</testsuites>\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<models::ReportSink> make_junit_writer(std::ostream& out,
                                                      const ReportWriterOptions&) {
  return std::make_unique<JunitWriter>(out);
}

}  // namespace gifkit::tools::report_detail
