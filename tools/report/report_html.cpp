// report_html.cpp — the html report writer: one self-contained page a data
// steward reads in a browser (nothing fetched: style in the page, bars drawn
// in CSS, <details> to expand). Per file, in this order: the verdict and the
// gate's reason, the model and how it was chosen, rows and counts; a profile
// per column (filled, valid, distinct, the most common values, the column's
// problems, with bars); the problems grouped by code then column (count,
// first and last row, a few samples with row, key, value, message and
// suggestion, the rest of the listed ones in a <details>); the quality
// figures. Every value is escaped by html_escape (tools/output/html_page).
// Numbers the tests read are also data- attributes.
#include <algorithm>
#include <cstdio>

#include "tools/output/html_page.hpp"
#include "tools/report/report_internal.hpp"

namespace gifkit::tools::report_detail {

namespace {

// The report's own rules; the rest is html_page's shared style.
constexpr std::string_view kStyle =
    "#verdict{font-size:1.4em;font-weight:bold}section.task{border-top:2px solid #888;"
    "margin-top:1.5em}.verdict{font-weight:bold;padding:0 .3em;border-radius:3px;color:#fff}"
    ".verdict.pass{background:#2a7}.verdict.fail{background:#c33}.gate{font-weight:bold}"
    ".dim{color:#666}.bar{display:inline-block;width:6em;height:.7em;background:#eee;"
    "margin-right:.3em;vertical-align:middle}.bar>span{display:block;height:100%;background:#49c}"
    ".bar.bad{background:#f2b8b8}table.profile "
    "td{white-space:nowrap}ul.top{margin:0;padding-left:0;list-style:none}"
    "ul.top li{white-space:nowrap}section.code{margin:.8em 0 .8em .5em}"
    ".column-group{margin:.4em 0 .6em 1em}details{margin:.2em 0}summary{cursor:pointer;"
    "color:#06a}td.value{font-family:monospace;white-space:pre-wrap}td.suggestion{color:#060}";

// Samples shown before the rest of a column group's listed problems, which
// are in a <details>.
constexpr std::size_t kVisibleSamples = 3;

// A CSS bar part of whole long (a share of 1 when whole is 0).
std::string bar(std::uint64_t part, std::uint64_t whole, bool bad = false) {
  const double share = whole == 0 ? 1.0 : std::min(1.0, static_cast<double>(part) / whole);
  char width[16];
  std::snprintf(width, sizeof width, "%.1f", share * 100.0);
  return std::string("<span class=\"bar") + (bad ? " bad" : "") +
         "\"><span style=\"width:" + width + "%\"></span></span>";
}

class HtmlReportWriter final : public models::ReportSink {
 public:
  explicit HtmlReportWriter(std::ostream& out) : out_(out) {}

  void begin_task(const models::TaskReport&) override {}
  void problem(const models::TaskReport&, const models::Problem&) override {}
  void end_task(const models::TaskReport&) override {}

  void finish(const models::Report& report) override {
    const ReportTotals totals = sum_report(report);
    std::string title = "gifkit validate: ";
    for (std::size_t t = 0; t < report.tasks.size() && t < 3; ++t)
      title += (t ? ", " : "") + report.tasks[t].path;
    begin_html_page(out_, title, kStyle);
    out_ << "<h1>gifkit validate</h1>\n<p id=\"verdict\" class=\""
         << (report.valid ? "pass" : "fail") << "\" data-valid=\""
         << (report.valid ? "true" : "false") << "\">" << (report.valid ? "PASS" : "FAIL")
         << " <span class=\"dim\">" << count_noun(totals.files, "file", "files") << ", "
         << count_noun(totals.rows, "row", "rows") << " — "
         << count_noun(totals.errors, "error", "errors") << ", "
         << count_noun(totals.warnings, "warning", "warnings") << ", "
         << count_noun(totals.infos, "info", "infos") << "</span></p>\n";
    if (report.tasks.size() > 1) {
      out_ << "<ul class=\"files\">";
      for (std::size_t t = 0; t < report.tasks.size(); ++t) {
        const models::TaskReport& task = report.tasks[t];
        out_ << "<li><a href=\"#file-" << t << "\">" << html_escape(task.path) << "</a> "
             << verdict(task) << "</li>";
      }
      out_ << "</ul>\n";
    }
    for (std::size_t t = 0; t < report.tasks.size(); ++t) write_task(report.tasks[t], t);
    end_html_page(out_);
    out_.flush();
  }

 private:
  static std::string verdict(const models::TaskReport& task) {
    return task.valid ? "<span class=\"verdict pass\">PASS</span>"
                      : "<span class=\"verdict fail\">FAIL</span>";
  }

  void write_task(const models::TaskReport& task, std::size_t index) {
    task_index_ = index;
    out_ << "<section class=\"task\" id=\"file-" << index << "\" data-path=\""
         << html_escape(task.path) << "\" data-valid=\"" << (task.valid ? "true" : "false")
         << "\" data-rows=\"" << task.stats.rows << "\">\n<h2>" << verdict(task) << ' '
         << html_escape(task.path) << "</h2>\n";
    if (!task.gate_reason.empty())
      out_ << "<p class=\"gate " << (task.valid ? "pass" : "fail")
           << "\">gate: " << html_escape(task.gate_reason) << "</p>\n";
    out_ << "<p class=\"how\">";
    if (!task.model.empty()) {
      out_ << "model <b class=\"model\">" << html_escape(task.model) << "</b>";
      if (!task.model_note.empty()) out_ << " (" << html_escape(task.model_note) << ")";
      out_ << "; ";
    }
    out_ << count_noun(task.stats.rows, "row", "rows") << "; "
         << problem_counts(task.stats.errors, task.stats.warnings, task.stats.infos);
    if (!task.format.empty() || !task.encoding.empty())
      out_ << "; " << html_escape(task.format) << ", " << html_escape(task.encoding) << ", "
           << task.stats.columns << " columns";
    if (!task.key_fields.empty()) {
      out_ << "; rows named by";
      for (const std::string& name : task.key_fields) out_ << ' ' << html_escape(name);
    }
    out_ << "</p>\n";
    if (task.baseline_compared)
      out_ << "<p class=\"baseline\">baseline " << html_escape(describe_baseline(task)) << "</p>\n";
    const std::vector<CodeGroup> groups = group_problems_by_code(task);
    write_overview(groups);
    write_profile(task);
    write_problems(task, groups);
    write_quality(task);
    out_ << "</section>\n";
  }

  // One line per code: severity, code, title, count, in how many columns.
  void write_overview(const std::vector<CodeGroup>& groups) {
    if (groups.empty()) {
      out_ << "<p class=\"no-problems\">No problems found.</p>\n";
      return;
    }
    out_ << "<table class=\"overview\"><thead><tr><th>severity</th><th>code</th><th>problem</th>"
            "<th>count</th><th>columns</th></tr></thead><tbody>\n";
    for (const CodeGroup& group : groups) {
      const std::string_view severity = models::severity_name(group.severity);
      out_ << "<tr data-code=\"" << html_escape(group.code) << "\" data-count=\"" << group.count
           << "\"><td class=\"" << severity << "\">" << severity << "</td><td><a href=\"#"
           << anchor(group.code) << "\">" << html_escape(group.code) << "</a></td><td>"
           << html_escape(group.entry ? std::string(group.entry->title) : group.code)
           << "</td><td class=\"num\">" << group.count << "</td><td class=\"num\">"
           << group.columns.size() << "</td></tr>\n";
    }
    out_ << "</tbody></table>\n";
  }

  // Per column: its item, filled and valid with bars, distinct, the most
  // common values and the column's problems.
  void write_profile(const models::TaskReport& task) {
    if (task.quality.empty()) return;
    const std::uint64_t rows = task.stats.rows;
    out_ << "<h3>Columns</h3>\n<table class=\"profile\"><thead><tr><th>#</th><th>column</th>"
            "<th>item</th><th>filled</th><th>valid</th><th>distinct</th><th>most common</th>"
            "<th>problems</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < task.quality.size(); ++i) {
      const models::ItemQuality& item = task.quality[i];
      const std::uint64_t valid = item.filled > item.invalid ? item.filled - item.invalid : 0;
      out_ << "<tr data-column=\"" << i + 1 << "\" data-filled=\"" << item.filled
           << "\" data-valid=\"" << valid << "\" data-distinct=\"" << item.distinct << "\"><td>"
           << i + 1 << "</td><td>" << html_escape(item.field) << "</td><td>"
           << (item.item.empty() ? std::string("<span class=\"dim\">not in the model</span>")
                                 : html_escape(item.item))
           << "</td><td>" << bar(item.filled, rows) << item.filled << " ("
           << percent(item_completeness(item, rows)) << ")</td><td>"
           << bar(valid, item.filled, item.invalid > 0) << valid;
      if (item.invalid > 0)
        out_ << " <span class=\"error\">(" << item.invalid << " invalid)</span>";
      out_ << "</td><td class=\"num\">" << (item.distinct_capped ? "≥ " : "") << item.distinct
           << "</td><td><ul class=\"top\">";
      for (const auto& [value, count] : item.top_values)
        out_ << "<li>" << bar(count, item.filled) << "<span class=\"value\">" << html_escape(value)
             << "</span> ×" << count << "</li>";
      out_ << "</ul></td><td>";
      bool first = true;
      for (const models::FindingGroup& found : task.groups) {
        if (found.column != i + 1) continue;
        out_ << (first ? "" : "<br>") << "<a class=\"" << models::severity_name(found.severity)
             << "\" href=\"#" << anchor(found.code) << "\">" << html_escape(found.code) << "</a> "
             << found.count;
        first = false;
      }
      out_ << "</td></tr>\n";
    }
    out_ << "</tbody></table>\n";
  }

  void write_problems(const models::TaskReport& task, const std::vector<CodeGroup>& groups) {
    if (groups.empty()) return;
    out_ << "<h3>Problems</h3>\n";
    for (const CodeGroup& group : groups) {
      const std::string_view severity = models::severity_name(group.severity);
      out_ << "<section class=\"code\" id=\"" << anchor(group.code) << "\" data-code=\""
           << html_escape(group.code) << "\" data-count=\"" << group.count
           << "\">\n<h4><span class=\"" << severity << "\">" << severity << "</span> "
           << html_escape(group.code) << " — "
           << html_escape(group.entry ? std::string(group.entry->title) : group.code) << " ("
           << group.count;
      if (group.columns.size() > 1) out_ << " in " << group.columns.size() << " columns";
      out_ << ")</h4>\n";
      if (group.entry != nullptr)
        out_ << "<p class=\"fix dim\">" << html_escape(group.entry->how_to_fix) << "</p>\n";
      for (const ColumnGroup& column : group.columns) write_column(task, column);
      out_ << "</section>\n";
    }
    if (task.truncated)
      out_ << "<p class=\"dim\">Each code lists a few of its problems per column (--max-errors N; "
              "0 lists all); the counts and rows cover every one.</p>\n";
  }

  void write_column(const models::TaskReport& task, const ColumnGroup& column) {
    const models::FindingGroup& found = column.group;
    out_ << "<div class=\"column-group\" data-column=\"" << found.column << "\" data-count=\""
         << found.count << "\" data-listed=\"" << column.listed.size() << "\"><p><b>"
         << html_escape(group_place(column)) << "</b>: " << found.count;
    if (found.rows > 0 && found.rows != found.count)
      out_ << " in " << count_noun(found.rows, "row", "rows");
    if (const std::string span = group_rows(found); !span.empty()) out_ << ", " << span;
    out_ << "</p>\n";
    if (!column.listed.empty()) {
      const std::size_t visible = std::min(kVisibleSamples, column.listed.size());
      write_samples(task, column.listed, 0, visible);
      if (column.listed.size() > visible) {
        out_ << "<details><summary>show all " << column.listed.size() << " listed</summary>\n";
        write_samples(task, column.listed, visible, column.listed.size());
        out_ << "</details>\n";
      }
    }
    if (found.count > column.listed.size())
      out_ << "<p class=\"dim more\">… and " << found.count - column.listed.size()
           << " more (--max-errors 0 lists all)</p>\n";
    out_ << "</div>\n";
  }

  // The listed problems [from, to) as a table: row, key, value, message, suggestion.
  void write_samples(const models::TaskReport& task,
                     const std::vector<const models::Problem*>& listed, std::size_t from,
                     std::size_t to) {
    out_ << "<table class=\"samples\"><thead><tr><th>row</th>";
    if (!task.key_fields.empty()) out_ << "<th>key</th>";
    out_ << "<th>value</th><th>message</th><th>suggestion</th></tr></thead><tbody>\n";
    for (std::size_t i = from; i < to; ++i) {
      const models::Problem& problem = *listed[i];
      out_ << "<tr class=\"sample\" data-row=\"" << problem.row << "\"><td class=\"num\">";
      if (problem.row > 0) {
        out_ << problem.row;
        if (problem.line != 0 && problem.line != problem.row && problem.cell.empty())
          out_ << " <span class=\"dim\">(line " << problem.line << ")</span>";
      } else if (problem.line > 0) {
        out_ << "line " << problem.line;
      }
      if (!problem.cell.empty())
        out_ << " <span class=\"dim\">" << html_escape(problem.cell) << "</span>";
      if (problem.baseline == models::BaselineState::new_) out_ << " <b>new</b>";
      out_ << "</td>";
      if (!task.key_fields.empty()) {
        out_ << "<td class=\"key\">";
        for (std::size_t k = 0; k < problem.key.size(); ++k)
          out_ << (k ? "<br>" : "") << html_escape(problem.key[k].name) << ' '
               << html_escape(problem.key[k].value);
        out_ << "</td>";
      }
      out_ << "<td class=\"value\">" << html_escape(problem.value) << "</td><td class=\"message\">"
           << html_escape(problem.message) << "</td><td class=\"suggestion\">"
           << html_escape(problem.suggestion) << "</td></tr>\n";
    }
    out_ << "</tbody></table>\n";
  }

  // As the text report: no measures for a refused file or a header without
  // rows; the cells no item reads said beside conformity.
  void write_quality(const models::TaskReport& task) {
    out_ << "<h3>Quality</h3>\n";
    if (!task.quality_measured()) {
      out_ << "<p class=\"quality\">not measured: no data row was read under a model</p>\n";
    } else {
      out_ << "<p class=\"quality\">completeness " << bar_share(task.completeness())
           << percent(task.completeness()) << ", conformity " << bar_share(task.conformity())
           << percent(task.conformity()) << " (" << task.rows_with_errors << " of "
           << task.stats.rows << " rows with errors)</p>\n";
      if (const auto unread = task.not_checked(); unread.cells > 0) {
        out_ << "<p class=\"not-checked\">" << unread.cells << " filled cells in " << unread.columns
             << " columns not checked (no item of the model): conformity counts only the "
                "checked cells</p>\n";
      }
    }
    if (const std::string measures = describe_measures(task); !measures.empty())
      out_ << "<p class=\"measures\">" << html_escape(measures) << "</p>\n";
    if (!task.counts_by_code.empty()) {
      out_ << "<p class=\"counts\">counts by code:";
      bool first = true;
      for (const auto& [code, count] : task.counts_by_code) {
        out_ << (first ? " " : ", ") << "<span data-code=\"" << html_escape(code)
             << "\" data-count=\"" << count << "\">" << html_escape(code) << ' ' << count
             << "</span>";
        first = false;
      }
      out_ << "</p>\n";
    }
  }

  static std::string bar_share(double share) {
    return bar(static_cast<std::uint64_t>(share * 1000.0 + 0.5), 1000);
  }

  // The id of a code's section in the current file's part.
  std::string anchor(std::string_view code) const {
    return "f" + std::to_string(task_index_) + "-" + html_escape(code);
  }

  std::ostream& out_;
  std::size_t task_index_ = 0;
};

}  // namespace

std::unique_ptr<models::ReportSink> make_html_writer(std::ostream& out) {
  return std::make_unique<HtmlReportWriter>(out);
}

}  // namespace gifkit::tools::report_detail
