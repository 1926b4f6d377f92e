// problem_collector.hpp — where every problem of one validated file goes:
// filtered (--pick/--skip), its message rendered from its code's template,
// counted by severity and code, listed up to --max-errors, and forwarded to
// the report sink as it is found — with every 個人番号 in its texts masked.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "models/engine/report/report.hpp"
#include "models/engine/validate/validate.hpp"

namespace gifkit::models {

class ProblemCollector {
 public:
  ProblemCollector(const ValidateOptions& options, TaskReport& task, ReportSink& sink)
      : options_(options), task_(task), sink_(sink) {}

  // False when --pick/--skip filter the code out (file-error and no-model-fits
  // never are).
  bool wants(std::string_view code) const;

  // Adds a problem whose message is rendered from its code's template with
  // values (field, value, line and model are filled in from the problem).
  // Every 個人番号 written in its field, value, suggestion, fix, message or
  // values is masked first (grammars::mask_individual_numbers_in), so no report
  // writer ever shows one. Returns false when the problem is filtered out: it
  // counts for nothing.
  bool add(Problem problem, std::map<std::string, std::string> values = {});

 private:
  const ValidateOptions& options_;
  TaskReport& task_;
  ReportSink& sink_;
  std::uint64_t listed_ = 0;
};

// A problem of that code with its registered severity at that place (row,
// line and column 0 where there is none).
Problem make_problem(std::string_view code, std::uint64_t row, std::uint64_t line,
                     std::uint32_t column);

// Reports that the file could not be read at all and marks the task invalid.
void report_file_error(ProblemCollector& problems, TaskReport& task, const std::string& reason);

// Reports that a cap of options.read_limits refused the file: message
// starts with the file's path ("PATH: the part … inflates to more than …").
// A file-error, or with options.over_cap_throws a ValidateOverCap thrown.
void report_over_cap(const ValidateOptions& options, ProblemCollector& problems, TaskReport& task,
                     const std::string& message);

}  // namespace gifkit::models
