// problem_collector.cpp — see problem_collector.hpp.
#include "models/engine/validate/problem_collector.hpp"

#include <algorithm>
#include <cassert>

#include "grammars/values/identifiers.hpp"
#include "models/engine/report/problem_codes.hpp"

namespace gifkit::models {
namespace {

constexpr std::size_t kMaxShownValue = 200;  // bytes of a value quoted in a message

// The value cut to kMaxShownValue bytes at a character boundary, with "…".
std::string shown_value(std::string_view value) {
  if (value.size() <= kMaxShownValue) return std::string(value);
  std::size_t cut = kMaxShownValue;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "…";
}

// text with every 個人番号 written in it masked (a report never shows one).
void mask_individual_numbers(std::string& text) {
  if (text.size() >= 12) text = grammars::mask_individual_numbers_in(text);
}

}  // namespace

Problem make_problem(std::string_view code, std::uint64_t row, std::uint64_t line,
                     std::uint32_t column) {
  Problem problem;
  problem.code = std::string(code);
  const ProblemCode* entry = find_problem_code(code);
  problem.severity = entry != nullptr ? entry->severity : Severity::error;
  problem.row = row;
  problem.line = line;
  problem.column = column;
  return problem;
}

void report_file_error(ProblemCollector& problems, TaskReport& task, const std::string& reason) {
  problems.add(make_problem("file-error", 0, 0, 0), {{"file", task.path}, {"reason", reason}});
  task.valid = false;
}

void report_over_cap(const ValidateOptions& options, ProblemCollector& problems, TaskReport& task,
                     const std::string& message) {
  if (options.over_cap_throws) throw ValidateOverCap{message};
  const std::string prefix = task.path + ": ";
  report_file_error(problems, task,
                    message.starts_with(prefix) ? message.substr(prefix.size()) : message);
}

ProblemCollector::ProblemCollector(const ValidateOptions& options, const GateSettings& gate,
                                   TaskReport& task, ReportSink& sink)
    : options_(options), task_(task), sink_(sink), gate_(gate) {
  if (options_.baseline != nullptr) {
    const Baseline::File* file = options_.baseline->file_for(task_.path);
    baseline_.emplace(file);
    task_.baseline_compared = true;
    task_.baseline_file = file != nullptr ? file->path : "";
  }
}

bool ProblemCollector::wants(std::string_view code) const {
  // An unreadable file, or one no model fits, is never filtered out.
  if (is_unreadable_code(code)) return true;
  std::string key(code);
  if (!options_.pick.empty() && options_.pick.count(key) == 0) return false;
  if (auto set = gate_.severity.find(key); set != gate_.severity.end() && !set->second)
    return false;  // --severity CODE=off
  return options_.skip.count(key) == 0;
}

// Counts a problem for the gate when it is at or above --fail-on (and, with
// a baseline, new): per code, and the rows.
void ProblemCollector::weigh_for_gate(const Problem& problem) {
  if (problem.severity < gate_.fail_on) return;
  if (problem.baseline == BaselineState::unchanged) return;
  GateTally& tally = task_.gate_tallies[problem.code];
  ++tally.findings;
  if (problem.row < 2) {
    tally.whole_file = true;
    return;
  }
  std::uint64_t& last = gate_last_row_[problem.code];
  if (last != problem.row) {
    tally.rows += problem.rows;
    last = problem.row;
  }
  if (gate_last_any_row_ != problem.row) {
    task_.gate_rows += problem.rows;  // at most every row: clamped where the share is taken
    gate_last_any_row_ = problem.row;
  }
}

void ProblemCollector::finish_baseline() {
  if (!baseline_) return;
  for (auto& [problem, count] : baseline_->absent())
    for (std::uint64_t i = 0; i < count; ++i) task_.absent.push_back(problem);
}

// The problem's group, created on its first finding, with the problem
// counted in it (count, severity, rows, first and last row).
FindingGroup& ProblemCollector::group_of(const Problem& problem) {
  auto [found, created] =
      group_index_.try_emplace({problem.code, problem.column}, task_.groups.size());
  if (created) {
    FindingGroup& group = task_.groups.emplace_back();
    group.code = problem.code;
    group.severity = problem.severity;
    group.column = problem.column;
    group.field = problem.column != 0 ? problem.field : "";
    group_last_row_.push_back(0);
  }
  const std::size_t at = found->second;
  assert(at < task_.groups.size() && at < group_last_row_.size());
  FindingGroup& group = task_.groups[at];
  ++group.count;
  if (problem.severity > group.severity) group.severity = problem.severity;
  if (problem.row >= 2 && problem.row != group_last_row_[at]) {
    group.rows += problem.rows;  // findings of one row arrive together: a row is counted once
    group_last_row_[at] = problem.row;
  }
  if (group.first_row == 0 || (problem.row != 0 && problem.row < group.first_row))
    group.first_row = problem.row;
  group.last_row = std::max(group.last_row, problem.row);
  return group;
}

std::optional<Severity> ProblemCollector::add(Problem problem,
                                              std::map<std::string, std::string> values) {
  if (!wants(problem.code)) return std::nullopt;
  if (auto set = gate_.severity.find(problem.code); set != gate_.severity.end() && set->second &&
                                                    problem.code != "file-error" &&
                                                    problem.code != "no-model-fits")
    problem.severity = *set->second;
  // 個人番号 never leave (DESIGN.md §9): whatever the code and the writer, a
  // number in a value, a header, a suggestion, a fix or a message's part is
  // masked here, as the problem is found — a streaming writer shows it at once.
  mask_individual_numbers(problem.field);
  mask_individual_numbers(problem.value);
  mask_individual_numbers(problem.suggestion);
  mask_individual_numbers(problem.fix.from);
  mask_individual_numbers(problem.fix.to);
  for (auto& entry : values) mask_individual_numbers(entry.second);
  if (problem.value.size() > kMaxShownValue) problem.value = shown_value(problem.value);
  if (problem.suggestion.size() > kMaxShownValue) {
    problem.suggestion = shown_value(problem.suggestion);  // too long to be useful whole
  }
  const ProblemCode* code = find_problem_code(problem.code);
  if (code != nullptr && problem.message.empty()) {
    values.emplace("field", problem.field);
    values.emplace("value", problem.value);
    values.emplace("line", std::to_string(problem.line));
    values.emplace("model", task_.model);
    problem.message = render_message(code->message, values);
  }
  mask_individual_numbers(problem.message);
  switch (problem.severity) {
    case Severity::error:
      ++task_.stats.errors;
      break;
    case Severity::warning:
      ++task_.stats.warnings;
      break;
    case Severity::info:
      ++task_.stats.infos;
      break;
  }
  ++task_.counts_by_code[problem.code];
  const Severity severity = problem.severity;
  FindingGroup& group = group_of(problem);
  const bool listed = options_.max_errors == 0 || group.listed < options_.max_errors;
  if (key_source_ && problem.row >= 2 && (listed || baseline_))
    key_source_(problem.row, problem.key);
  if (baseline_) {
    problem.baseline = baseline_->take(problem) ? BaselineState::unchanged : BaselineState::new_;
    ++(problem.baseline == BaselineState::new_ ? task_.baseline_new : task_.baseline_unchanged);
  }
  weigh_for_gate(problem);
  if (!listed) {
    task_.truncated = true;
    return severity;
  }
  ++group.listed;
  sink_.problem(task_, problem);
  if (options_.keep_problems) task_.problems.push_back(std::move(problem));
  return severity;
}

}  // namespace gifkit::models
