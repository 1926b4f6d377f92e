// report.hpp — the validation report model (Frictionless-shaped): problems
// with stable codes and positions, per-file statistics and quality metrics.
// One model, several writers (tools/report_*.cpp).
#pragma once
#include <cassert>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gifkit::models {

enum class Severity { info, warning, error };

std::string_view severity_name(Severity severity);  // "info", "warning", "error"

// How sure a fix is. certain: the fixed value says the same thing in the
// required form (１－３ → 1-3, 令和6年4月18日 → 2024-04-18), so transform applies it
// without asking; review: a proposal a person confirms (transform lists it
// in the review list and leaves the value as it was).
enum class FixCertainty { certain, review };

std::string_view fix_certainty_name(FixCertainty certainty);  // "certain", "review"

// A fix to one value, as a value: the rule that makes it (a stable
// kebab-case name, docs/codes.md "Fix rules"), the value before and after,
// and how sure it is. validate prints it (the suggestion is its `to`);
// transform applies the certain ones: both read the same Fix, so they never
// disagree about what the fix is.
struct Fix {
  std::string rule;  // "date-form", "halfwidth-ascii", …; "" when there is no fix
  std::string from;  // the value as read
  std::string to;    // the value in the required form
  FixCertainty certainty = FixCertainty::certain;
  bool empty() const { return rule.empty(); }
};

// One value of a row's key: the key column's item name (its header when it
// is bound to no item) and the row's value there.
struct KeyValue {
  std::string name;
  std::string value;
};

// Whether a problem was in the baseline report (--baseline): new, or
// unchanged (found there too); none when no baseline was given.
enum class BaselineState { none, new_, unchanged };

std::string_view baseline_state_name(BaselineState state);  // "", "new", "unchanged"

// One problem. Positions are 1-based; 0 means "not applicable" (row 0: the
// whole file; column 0: the whole row).
struct Problem {
  std::string code;  // stable kebab-case code, see docs/codes.md
  Severity severity = Severity::error;
  std::uint64_t row = 0;     // record number; the header is row 1
  std::uint64_t line = 0;    // physical line in the file where the row starts
  std::uint32_t column = 0;  // field number (1-based) in the row
  std::string field;         // the header label of that column ("" if none)
  std::string value;         // the offending value, as read ("" if none)
  std::string message;       // rendered from the code's template
  std::string suggestion;    // the fixed value or the action to take ("" if none)
  std::string cell;          // a workbook's own cell name (B12); "" for text files
  Fix fix;                   // the fixed value as a value (empty when there is none)
  // The row's key (TaskReport::key_fields, in their order): what a person
  // searches the row by. Empty for a problem of no single data row, or when
  // the file has no key columns.
  std::vector<KeyValue> key;
  BaselineState baseline = BaselineState::none;
  // The data rows the problem stands for, from row on: 1, or a block's rows
  // (columns-shifted), so that shares of rows (--max-error-rate) count them all.
  std::uint64_t rows = 1;
};

// Every finding of one code in one column of one file, counted whether or not
// it is listed: the group the writers show (count, first and last row, the
// listed ones as samples). --max-errors N lists at most N of each group, so a
// code is never hidden by another's many findings.
struct FindingGroup {
  std::string code;
  Severity severity = Severity::error;  // the worst of its findings
  std::uint32_t column = 0;             // 0: the whole row or file
  std::string field;                    // the column's header ("" for column 0)
  std::uint64_t count = 0;              // findings
  std::uint64_t rows = 0;               // distinct data rows with one (row ≥ 2)
  std::uint64_t first_row = 0;          // the first and last row of a finding (0: whole file)
  std::uint64_t last_row = 0;
  std::uint64_t listed = 0;  // of them in TaskReport::problems (or streamed to the sink)
};

// Completeness and conformity of one column.
struct ItemQuality {
  std::string field;          // header label as written
  std::string item;           // the model field path it was mapped to ("" if unknown)
  std::uint64_t filled = 0;   // rows with a non-empty value
  std::uint64_t invalid = 0;  // rows whose value has an error or warning
  // Only with ValidateOptions::profile_columns (the html report), else 0 and
  // empty: the distinct values (a lower bound when distinct_capped) and the
  // most common ones with their counts, most common first.
  std::uint64_t distinct = 0;
  bool distinct_capped = false;
  std::vector<std::pair<std::string, std::uint64_t>> top_values = {};
};

// A share measured over some rows: agreeing of checked (no share when
// checked is 0: nothing was measured).
struct ShareMeasure {
  std::uint64_t checked = 0;
  std::uint64_t agreeing = 0;
  // Rows the measure asked about that could not be checked (the registry has
  // no 町字 of the city): in neither checked nor agreeing.
  std::uint64_t not_checked = 0;
  bool measured() const { return checked > 0; }
  bool asked() const { return checked > 0 || not_checked > 0; }
  // The share of the checked rows that agree. Only of a measured measure: a
  // figure for nothing checked would read as a pass (callers say "not
  // measured" instead).
  double ratio() const {
    assert(measured());
    return checked == 0 ? 1.0 : static_cast<double>(agreeing) / checked;
  }
};

struct TaskStats {
  std::uint64_t rows = 0;  // data rows (header excluded)
  std::uint32_t columns = 0;
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;
  std::uint64_t infos = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
};

// What the gate weighed of one code in one file: its findings at or above
// --fail-on (with a baseline, only the new ones) and the data rows they are in.
struct GateTally {
  std::uint64_t findings = 0;
  std::uint64_t rows = 0;   // distinct data rows (row ≥ 2)
  bool whole_file = false;  // one of them is about the whole file or header (row < 2)
};

struct TaskReport {
  // As given on the command line ("-" for stdin), each 個人番号 in it masked
  // (grammars::mask_individual_numbers_in): what every report shows.
  std::string path;
  std::string input;        // the file read, as given (never shown)
  std::string model;        // model id used
  std::string model_note;   // how it was chosen ("given", "auto: 9 of 10 columns")
  std::string format;       // "csv", "tsv", "xml"
  std::string encoding;     // "UTF-8", "CP932"
  bool valid = true;        // false when the gate fails for this file
  std::string gate_reason;  // why it passed or failed, in words ("" before the gate ran)
  // Per code, what the gate weighs (GateTally); and the data rows with any
  // such finding.
  std::map<std::string, GateTally> gate_tallies;
  std::uint64_t gate_rows = 0;
  // With --baseline: the baseline's file compared with ("" when it had none of
  // this name), the problems new and unchanged since, and the baseline's
  // problems no longer found (absent).
  bool baseline_compared = false;
  std::string baseline_file;
  std::uint64_t baseline_new = 0;
  std::uint64_t baseline_unchanged = 0;
  std::vector<Problem> absent;
  TaskStats stats;
  std::map<std::string, std::uint64_t> counts_by_code;
  std::vector<ItemQuality> quality;
  std::vector<Problem> problems;  // listed problems (at most --max-errors per group)
  bool truncated = false;         // more problems were found than listed
  // One per code and column, in the order first found (FindingGroup).
  std::vector<FindingGroup> groups;
  // The key columns' names (Problem::key): --key's columns, else the model's
  // key items the file has; empty when there is none.
  std::vector<std::string> key_fields;
  // Quality summary over the whole file.
  double completeness() const;  // filled cells / (rows × mapped columns), 1 when empty
  double conformity() const;    // rows without an error / rows, 1 when empty
  // The filled cells of the columns bound to no item of the model, and how
  // many such columns hold any: cells no check read, which conformity cannot
  // speak for.
  struct NotChecked {
    std::uint64_t cells = 0;
    std::uint64_t columns = 0;
  };
  NotChecked not_checked() const;
  // Some data row was read under a model: completeness and conformity say
  // something (not for a refused file, nor a header without rows).
  bool quality_measured() const { return !model.empty() && stats.rows > 0; }
  std::uint64_t rows_with_errors = 0;
  // ISO/IEC 25012 beyond completeness and conformity (docs/opendata.md,
  // "Quality"): rows whose registry lookups agree with the registry, rows
  // whose cross-field checks agree, and the registry's data date beside the
  // dataset's own latest 更新日 ("" when unknown).
  ShareMeasure accuracy;
  ShareMeasure consistency;
  std::string registry_date;
  std::string dataset_date;
};

struct Report {
  std::vector<TaskReport> tasks;
  bool valid = true;  // every task valid
  double seconds = 0;
};

// Receives problems as they are found, for streaming writers (ndjson,
// github). begin/end bracket each file.
class ReportSink {
 public:
  virtual ~ReportSink() = default;
  virtual void begin_task(const TaskReport& task) = 0;  // path known; model may be empty yet
  virtual void problem(const TaskReport& task, const Problem& problem) = 0;
  virtual void end_task(const TaskReport& task) = 0;  // stats final
  virtual void finish(const Report& report) = 0;      // all tasks done
};

}  // namespace gifkit::models
