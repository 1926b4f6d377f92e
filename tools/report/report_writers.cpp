// report_writers.cpp — picks a report writer by format, and the helpers
// every writer shares: totals over a report, grouping problems by code, and
// UTF-8 repair.
#include "tools/report/report_writers.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdio>
#include <filesystem>
#include <map>

#include "grammars/io/sha256.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/date.hpp"
#include "models/engine/report/baseline.hpp"
#include "tools/report/report_internal.hpp"

namespace gifkit::tools {

namespace {

double ratio_or_one(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0 || part >= whole) return 1.0;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::unique_ptr<models::ReportSink> make_report_writer(OutputFormat format, std::ostream& out,
                                                       const ReportWriterOptions& options) {
  switch (format) {
    case OutputFormat::text:
      return report_detail::make_text_writer(out, options);
    case OutputFormat::json:
      return report_detail::make_json_writer(out, options);
    case OutputFormat::ndjson:
      return report_detail::make_ndjson_writer(out);
    case OutputFormat::junit:
      return report_detail::make_junit_writer(out, options);
    case OutputFormat::sarif:
      return report_detail::make_sarif_writer(out, options);
    case OutputFormat::github:
      return report_detail::make_github_writer(out, options);
    case OutputFormat::gitlab:
      return report_detail::make_gitlab_writer(out, options);
    case OutputFormat::html:
      return report_detail::make_html_writer(out);
    case OutputFormat::csv:
      break;
  }
  assert(false && "csv is not a report format");
  return report_detail::make_text_writer(out, options);
}

double ReportTotals::completeness() const {
  return ratio_or_one(filled_cells, expected_cells);
}

double ReportTotals::conformity() const {
  std::uint64_t clean_rows = rows > rows_with_errors ? rows - rows_with_errors : 0;
  return ratio_or_one(clean_rows, rows);
}

std::uint64_t default_max_errors(OutputFormat format) {
  switch (format) {
    case OutputFormat::text:
      return 5;
    case OutputFormat::html:
      return 20;
    default:
      return 0;
  }
}

bool writer_reads_kept_problems(OutputFormat format) {
  switch (format) {
    case OutputFormat::text:
    case OutputFormat::html:
    case OutputFormat::junit:
      return true;
    default:
      return false;
  }
}

ReportTotals sum_report(const models::Report& report) {
  ReportTotals totals;
  double task_seconds = 0;
  for (const models::TaskReport& task : report.tasks) {
    ++totals.files;
    totals.rows += task.stats.rows;
    totals.errors += task.stats.errors;
    totals.warnings += task.stats.warnings;
    totals.infos += task.stats.infos;
    totals.bytes += task.stats.bytes;
    task_seconds += task.stats.seconds;
    totals.rows_with_errors += std::min(task.rows_with_errors, task.stats.rows);
    for (const models::ItemQuality& item : task.quality) {
      if (item.item.empty()) continue;  // unknown columns are not part of the model
      totals.filled_cells += std::min(item.filled, task.stats.rows);
      totals.expected_cells += task.stats.rows;
    }
  }
  totals.seconds = report.seconds > 0 ? report.seconds : task_seconds;
  return totals;
}

double item_completeness(const models::ItemQuality& item, std::uint64_t rows) {
  return ratio_or_one(item.filled, rows);
}

namespace report_detail {

namespace {

int severity_rank(models::Severity severity) {
  switch (severity) {
    case models::Severity::error:
      return 0;
    case models::Severity::warning:
      return 1;
    case models::Severity::info:
      return 2;
  }
  return 0;
}

// Position of code in problem_codes(), or the list's size for unknown codes.
std::size_t code_order(std::string_view code) {
  const auto& codes = models::problem_codes();
  for (std::size_t index = 0; index < codes.size(); ++index) {
    if (codes[index].code == code) return index;
  }
  return codes.size();
}

}  // namespace

std::vector<CodeGroup> group_problems_by_code(const models::TaskReport& task) {
  std::map<std::string, CodeGroup> groups;
  auto group_for = [&](const std::string& code) -> CodeGroup& {
    auto [it, inserted] = groups.try_emplace(code);
    if (inserted) {
      it->second.code = code;
      it->second.entry = models::find_problem_code(code);
    }
    return it->second;
  };
  for (const models::Problem& problem : task.problems) {
    CodeGroup& group = group_for(problem.code);
    group.listed.push_back(&problem);
  }
  for (const auto& [code, count] : task.counts_by_code) {
    group_for(code).count = count;
  }
  // Columns: the collector's groups, then the listed problems into them.
  for (const models::FindingGroup& found : task.groups)
    group_for(found.code).columns.push_back(ColumnGroup{found, {}});
  for (auto& [code, group] : groups) {
    for (const models::Problem* problem : group.listed) {
      auto column = std::find_if(
          group.columns.begin(), group.columns.end(),
          [&](const ColumnGroup& each) { return each.group.column == problem->column; });
      if (column == group.columns.end()) {  // a report put together without a collector
        column = group.columns.insert(group.columns.end(), ColumnGroup{});
        column->group.code = code;
        column->group.column = problem->column;
        column->group.field = problem->column != 0 ? problem->field : "";
        column->group.severity = problem->severity;
      }
      column->listed.push_back(problem);
      if (column->group.count < column->listed.size()) {  // counted from the listed
        column->group.count = column->group.listed = column->listed.size();
        if (column->group.first_row == 0) column->group.first_row = problem->row;
        column->group.last_row = std::max(column->group.last_row, problem->row);
        if (problem->row >= 2) ++column->group.rows;
      }
    }
    std::stable_sort(
        group.columns.begin(), group.columns.end(),
        [](const ColumnGroup& a, const ColumnGroup& b) { return a.group.column < b.group.column; });
  }

  std::vector<CodeGroup> ordered;
  ordered.reserve(groups.size());
  for (auto& [code, group] : groups) {
    group.count = std::max<std::uint64_t>(group.count, group.listed.size());
    if (!group.listed.empty()) {
      group.severity = group.listed.front()->severity;
      for (const models::Problem* problem : group.listed) {
        if (severity_rank(problem->severity) < severity_rank(group.severity)) {
          group.severity = problem->severity;
        }
      }
    } else if (group.entry != nullptr) {
      group.severity = group.entry->severity;
    }
    ordered.push_back(std::move(group));
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const CodeGroup& a, const CodeGroup& b) {
    int rank_a = severity_rank(a.severity);
    int rank_b = severity_rank(b.severity);
    if (rank_a != rank_b) return rank_a < rank_b;
    std::size_t order_a = code_order(a.code);
    std::size_t order_b = code_order(b.code);
    if (order_a != order_b) return order_a < order_b;
    return a.code < b.code;
  });
  return ordered;
}

std::string group_place(const ColumnGroup& column) {
  const models::FindingGroup& group = column.group;
  if (group.column == 0 && group.first_row == 0 && !column.listed.empty() &&
      !column.listed.front()->key.empty()) {
    std::string text = "by";
    for (const models::KeyValue& part : column.listed.front()->key) text += " " + part.name;
    return text;
  }
  if (group.column == 0) return group.first_row >= 2 ? "whole row" : "whole file";
  std::string text = "column " + std::to_string(group.column);
  if (!group.field.empty()) text += " " + group.field;
  return text;
}

std::string group_rows(const models::FindingGroup& group) {
  if (group.first_row >= 2 && group.last_row > group.first_row)
    return "rows " + std::to_string(group.first_row) + "–" + std::to_string(group.last_row);
  if (group.first_row >= 2) return "row " + std::to_string(group.first_row);
  if (group.first_row == 1 && group.last_row == 1) return "the header";
  return "";
}

std::string_view severity_word(models::Severity severity, const SeverityWords& words) {
  switch (severity) {
    case models::Severity::error:
      return words.error;
    case models::Severity::warning:
      return words.warning;
    case models::Severity::info:
      return words.info;
  }
  return words.error;
}

std::string FindingFingerprints::next(const models::Problem& problem) {
  std::string print = models::Baseline::fingerprint(problem);
  const std::uint64_t earlier = seen_[print]++;
  std::string key = "gifkit-finding-v2";
  for (const std::string& part : {path_, print, std::to_string(earlier)}) {
    key += '\0';
    key += part;
  }
  return grammars::sha256_hex(key);
}

// Decodes by RFC 3629 (no overlong forms, no surrogates, nothing past
// U+10FFFF); each byte that cannot start or continue a valid sequence is
// replaced by one U+FFFD.
std::string valid_utf8(std::string_view text) {
  return grammars::with_invalid_utf8_replaced(text);
}

char32_t decode_utf8_at(std::string_view text, std::size_t pos, std::size_t& length) {
  auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    length = 1;
    return byte;
  }
  length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
  char32_t code_point = byte & (0x7F >> length);  // the lead byte's payload bits
  for (std::size_t i = 1; i < length && pos + i < text.size(); ++i) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  return code_point;
}

std::string describe_position(const models::Problem& problem) {
  std::string text;
  if (problem.row > 0) {
    text = "row " + std::to_string(problem.row);
    if (problem.line > 0 && problem.line != problem.row && problem.cell.empty()) {
      text += " (line " + std::to_string(problem.line) + ")";
    }
  } else if (problem.line > 0) {
    text = "line " + std::to_string(problem.line);
  } else {
    text = "whole file";
  }
  if (problem.column > 0) text += ", column " + std::to_string(problem.column);
  if (!problem.field.empty()) text += " " + problem.field;
  if (!problem.cell.empty()) text += " (cell " + problem.cell + ")";  // a workbook's
  return text;
}

namespace {

std::string share_text(const models::ShareMeasure& share, std::string_view what) {
  return percent(share.ratio()) + " (" + std::to_string(share.agreeing) + " of " +
         std::to_string(share.checked) + " " + std::string(what) + ")";
}

}  // namespace

std::optional<long> currentness_days(const models::TaskReport& task) {
  const auto registry = grammars::parse_iso_date(task.registry_date);
  const auto dataset = grammars::parse_iso_date(task.dataset_date);
  if (!registry || !dataset) return std::nullopt;
  return grammars::days_since_epoch(*registry) - grammars::days_since_epoch(*dataset);
}

std::string describe_measures(const models::TaskReport& task) {
  std::vector<std::string> parts;
  const std::uint64_t not_checked = task.accuracy.not_checked;
  const std::string rows_not_checked = count_noun(not_checked, "row", "rows") + " not checked";
  if (task.accuracy.measured()) {
    std::string text =
        "accuracy " + share_text(task.accuracy, "rows looked up agree with the registry");
    if (not_checked > 0) text.insert(text.size() - 1, "; " + rows_not_checked);
    parts.push_back(std::move(text));
  } else if (not_checked > 0) {
    parts.push_back("accuracy not measured (" + rows_not_checked + ")");
  }
  if (task.consistency.measured())
    parts.push_back("consistency " + share_text(task.consistency, "rows cross-checked agree"));
  if (!task.registry_date.empty() || !task.dataset_date.empty()) {
    std::string text =
        "currentness: registry data " +
        (task.registry_date.empty() ? std::string("of unknown date") : "of " + task.registry_date) +
        ", dataset updated " +
        (task.dataset_date.empty() ? std::string("(no 更新日)") : task.dataset_date);
    if (auto days = currentness_days(task)) {
      text += *days >= 0 ? " (" + std::to_string(*days) + " days before the registry's)"
                         : " (" + std::to_string(-*days) + " days after the registry's)";
    }
    parts.push_back(text);
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

RootedPath path_under_root(const std::string& path, const std::string& root) {
  namespace fs = std::filesystem;
  if (root.empty() || path == "-") return {path, false};
  assert(fs::path(root).is_absolute());
  std::error_code error;
  fs::path file = fs::weakly_canonical(fs::absolute(path, error), error);
  if (error) file = fs::absolute(path).lexically_normal();
  fs::path base = fs::weakly_canonical(root, error);
  if (error) base = fs::path(root).lexically_normal();
  const fs::path relative = file.lexically_relative(base);
  if (!relative.empty() && *relative.begin() != ".." && *relative.begin() != ".")
    return {relative.generic_string(), true};
  return {file.generic_string(), false};
}

std::string count_noun(std::uint64_t count, std::string_view singular, std::string_view plural) {
  std::string out = std::to_string(count);
  out += ' ';
  out += count == 1 ? singular : plural;
  return out;
}

std::string describe_baseline(const models::TaskReport& task) {
  assert(task.baseline_compared);
  if (task.baseline_file.empty()) return "has no file of this name: every problem is new";
  return task.baseline_file + ": " + std::to_string(task.baseline_new) + " new, " +
         std::to_string(task.baseline_unchanged) + " unchanged, " +
         std::to_string(task.absent.size()) + " no longer found";
}

std::string problem_counts(std::uint64_t errors, std::uint64_t warnings, std::uint64_t infos) {
  return count_noun(errors, "error", "errors") + ", " +
         count_noun(warnings, "warning", "warnings") + ", " + count_noun(infos, "info", "infos");
}

std::string percent(double ratio) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", ratio * 100.0);
  return buffer;
}

}  // namespace report_detail

}  // namespace gifkit::tools
