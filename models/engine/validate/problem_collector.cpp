// problem_collector.cpp — see problem_collector.hpp.
#include "models/engine/validate/problem_collector.hpp"

#include "grammars/identifiers.hpp"
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

bool ProblemCollector::wants(std::string_view code) const {
  // An unreadable file, or one no model fits, is never filtered out.
  if (code == "file-error" || code == "no-model-fits") return true;
  std::string key(code);
  if (!options_.pick.empty() && options_.pick.count(key) == 0) return false;
  return options_.skip.count(key) == 0;
}

bool ProblemCollector::add(Problem problem, std::map<std::string, std::string> values) {
  if (!wants(problem.code)) return false;
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
  if (options_.max_errors != 0 && listed_ >= options_.max_errors) {
    task_.truncated = true;
    return true;
  }
  ++listed_;
  sink_.problem(task_, problem);
  if (options_.keep_problems) task_.problems.push_back(std::move(problem));
  return true;
}

}  // namespace gifkit::models
