// problem_collector.hpp — where every problem of one validated file goes:
// filtered (--pick/--skip), its message rendered from its code's template,
// counted by severity, code and group (code and column: FindingGroup),
// listed up to --max-errors per group with the row's key, and forwarded to
// the report sink as it is found — with every 個人番号 in its texts masked.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "models/engine/report/report.hpp"
#include "models/engine/validate/validate.hpp"

namespace gifkit::models {

class ProblemCollector {
 public:
  // gate: the file's gate settings (options.gate, or its own).
  ProblemCollector(const ValidateOptions& options, const GateSettings& gate, TaskReport& task,
                   ReportSink& sink);

  // False when --pick/--skip or --severity CODE=off filter the code out
  // (the codes of is_unreadable_code never are).
  bool wants(std::string_view code) const;

  // After the last add(): the baseline's problems this file no longer has
  // (task.absent).
  void finish_baseline();

  // Adds a problem whose message is rendered from its code's template with
  // values (field, value, line and model are filled in from the problem),
  // with the severity --severity gives its code.
  // Every 個人番号 written in its field, value, suggestion, fix, message or
  // values is masked first (grammars::mask_individual_numbers_in), so no report
  // writer shows one. Returns the severity it was reported with; nullopt when
  // the problem is filtered out: it counts for nothing.
  std::optional<Severity> add(Problem problem, std::map<std::string, std::string> values = {});

  // Fills in the key of a data row's problem (row ≥ 2): called by add() for
  // each listed problem of a data row, with the problem's row; it leaves key
  // empty when it does not know that row's values (a finding reported after
  // its row was read).
  using KeySource = std::function<void(std::uint64_t row, std::vector<KeyValue>& key)>;
  void set_key_source(KeySource source) { key_source_ = std::move(source); }

 private:
  FindingGroup& group_of(const Problem& problem);
  void weigh_for_gate(const Problem& problem);

  const ValidateOptions& options_;
  TaskReport& task_;
  ReportSink& sink_;
  const GateSettings& gate_;
  KeySource key_source_;
  std::optional<BaselineMatch> baseline_;
  std::map<std::string, std::uint64_t> gate_last_row_;  // per code, the row last weighed
  std::uint64_t gate_last_any_row_ = 0;
  // task_.groups' index by code and column, and the row each group last counted.
  std::map<std::pair<std::string, std::uint32_t>, std::size_t> group_index_;
  std::vector<std::uint64_t> group_last_row_;
};

// A problem of that code with its registered severity at that place (row,
// line and column 0 where there is none).
Problem make_problem(std::string_view code, std::uint64_t row, std::uint64_t line,
                     std::uint32_t column);

// Reports that the file could not be read at all and marks the task invalid.
void report_file_error(ProblemCollector& problems, TaskReport& task, const std::string& reason);

// Reports that a cap of options.reading.limits refused the file: message
// starts with the file's path ("PATH: the part … inflates to more than …").
// A file-error, or with options.over_cap_throws a ValidateOverCap thrown.
void report_over_cap(const ValidateOptions& options, ProblemCollector& problems, TaskReport& task,
                     const std::string& message);

}  // namespace gifkit::models
