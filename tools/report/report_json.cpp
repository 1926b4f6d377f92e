// report_json.cpp — the json and ndjson report writers.
//   json:   one document written at finish(), shaped as docs/report.schema.json.
//   ndjson: one line per problem as it arrives ({"type":"problem",...}), one
//           {"type":"summary",...} line when a file is done, and one
//           {"type":"total",...} line at finish(); lines are flushed every
//           64 KiB or 100 ms, and after each summary and the total.
// Key names are camelCase and stable: tools read them.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/output/json_text.hpp"
#include "tools/report/listed_problems.hpp"
#include "tools/report/report_internal.hpp"

namespace gifkit::tools::report_detail {

using json = nlohmann::ordered_json;

json problem_to_json(const models::Problem& problem) {
  json object{
      {"code", problem.code},
      {"severity", std::string(models::severity_name(problem.severity))},
      {"row", problem.row},
      {"line", problem.line},
      {"column", problem.column},
      {"field", problem.field},
      {"value", problem.value},
      {"message", problem.message},
      {"suggestion", problem.suggestion},
  };
  if (!problem.fix.empty()) {
    object["fix"] =
        json{{"rule", problem.fix.rule},
             {"from", problem.fix.from},
             {"to", problem.fix.to},
             {"certainty", std::string(models::fix_certainty_name(problem.fix.certainty))}};
  }
  if (!problem.cell.empty()) object["cell"] = problem.cell;
  if (!problem.key.empty()) {
    json key = json::object();
    for (const models::KeyValue& part : problem.key) key[part.name] = part.value;
    object["key"] = std::move(key);
  }
  if (problem.baseline != models::BaselineState::none)
    object["baselineState"] = std::string(models::baseline_state_name(problem.baseline));
  return object;
}

namespace {

json task_stats_json(const models::TaskStats& stats) {
  return json{
      {"rows", stats.rows},         {"columns", stats.columns}, {"errors", stats.errors},
      {"warnings", stats.warnings}, {"infos", stats.infos},     {"bytes", stats.bytes},
      {"seconds", stats.seconds},
  };
}

json task_quality_json(const models::TaskReport& task) {
  json items = json::array();
  for (const models::ItemQuality& item : task.quality) {
    items.push_back(json{
        {"field", item.field},
        {"item", item.item},
        {"filled", item.filled},
        {"invalid", item.invalid},
        {"completeness", item_completeness(item, task.stats.rows)},
    });
  }
  json quality{
      {"completeness", task.completeness()},
      {"conformity", task.conformity()},
      {"rowsWithErrors", task.rows_with_errors},
  };
  const models::TaskReport::NotChecked not_checked = task.not_checked();
  quality["notChecked"] = json{{"cells", not_checked.cells}, {"columns", not_checked.columns}};
  // The measures that need a registry or a dataset date, only when measured.
  auto share = [](const models::ShareMeasure& measure) {
    json out{{"value", measure.measured() ? json(measure.ratio()) : json(nullptr)},
             {"checked", measure.checked},
             {"agreeing", measure.agreeing}};
    if (measure.not_checked > 0) out["notChecked"] = measure.not_checked;
    return out;
  };
  if (task.accuracy.asked()) quality["accuracy"] = share(task.accuracy);
  if (task.consistency.measured()) quality["consistency"] = share(task.consistency);
  if (!task.registry_date.empty() || !task.dataset_date.empty()) {
    json currentness{{"registryDate", task.registry_date}, {"datasetDate", task.dataset_date}};
    if (auto days = currentness_days(task)) currentness["daysBehind"] = *days;
    quality["currentness"] = std::move(currentness);
  }
  quality["items"] = std::move(items);
  return quality;
}

// The groups of findings (code and column) with their counts and rows.
json task_groups_json(const models::TaskReport& task) {
  json groups = json::array();
  for (const models::FindingGroup& group : task.groups) {
    groups.push_back(json{
        {"code", group.code},
        {"severity", std::string(models::severity_name(group.severity))},
        {"column", group.column},
        {"field", group.field},
        {"count", group.count},
        {"rows", group.rows},
        {"firstRow", group.first_row},
        {"lastRow", group.last_row},
        {"listed", group.listed},
    });
  }
  return groups;
}

}  // namespace

json task_to_json(const models::TaskReport& task, bool with_problems) {
  json counts = json::object();
  for (const auto& [code, count] : task.counts_by_code) counts[code] = count;
  json out{
      {"path", task.path},
      {"model", task.model},
      {"modelNote", task.model_note},
      {"format", task.format},
      {"encoding", task.encoding},
      {"valid", task.valid},
      {"stats", task_stats_json(task.stats)},
      {"quality", task_quality_json(task)},
      {"countsByCode", std::move(counts)},
      {"truncated", task.truncated},
      {"groups", task_groups_json(task)},
  };
  if (!task.key_fields.empty()) out["keyFields"] = task.key_fields;
  if (!task.gate_reason.empty()) out["gate"] = task.gate_reason;
  if (task.baseline_compared) {
    json absent = json::array();
    for (const models::Problem& problem : task.absent) absent.push_back(problem_to_json(problem));
    out["baseline"] = json{{"file", task.baseline_file},
                           {"new", task.baseline_new},
                           {"unchanged", task.baseline_unchanged},
                           {"absent", std::move(absent)}};
  }
  if (with_problems) {
    json problems = json::array();
    for (const models::Problem& problem : task.problems) {
      problems.push_back(problem_to_json(problem));
    }
    out["errors"] = std::move(problems);
  }
  return out;
}

json totals_stats_json(const ReportTotals& totals) {
  return json{
      {"files", totals.files},       {"rows", totals.rows},   {"errors", totals.errors},
      {"warnings", totals.warnings}, {"infos", totals.infos}, {"bytes", totals.bytes},
      {"seconds", totals.seconds},
  };
}

json totals_quality_json(const ReportTotals& totals) {
  return json{
      {"completeness", totals.completeness()},
      {"conformity", totals.conformity()},
      {"rowsWithErrors", totals.rows_with_errors},
  };
}

void append_problem_members(std::string& out, const models::Problem& problem) {
  out += "\"code\":";
  append_json_string(out, problem.code);
  append_json_member(out, "severity", models::severity_name(problem.severity));
  out += ",\"row\":";
  out += std::to_string(problem.row);
  out += ",\"line\":";
  out += std::to_string(problem.line);
  out += ",\"column\":";
  out += std::to_string(problem.column);
  append_json_member(out, "field", problem.field);
  append_json_member(out, "value", problem.value);
  append_json_member(out, "message", problem.message);
  append_json_member(out, "suggestion", problem.suggestion);
  if (!problem.fix.empty()) {
    out += ",\"fix\":{\"rule\":";
    append_json_string(out, problem.fix.rule);
    append_json_member(out, "from", problem.fix.from);
    append_json_member(out, "to", problem.fix.to);
    append_json_member(out, "certainty", models::fix_certainty_name(problem.fix.certainty));
    out += '}';
  }
  if (!problem.cell.empty()) {
    append_json_member(out, "cell", problem.cell);
  }
  if (!problem.key.empty()) {
    out += ",\"key\":{";
    for (std::size_t i = 0; i < problem.key.size(); ++i) {
      if (i > 0) out += ',';
      append_json_string(out, problem.key[i].name);
      out += ':';
      append_json_string(out, problem.key[i].value);
    }
    out += '}';
  }
  if (problem.baseline != models::BaselineState::none) {
    append_json_member(out, "baselineState", models::baseline_state_name(problem.baseline));
  }
}

void write_with_arrays(std::ostream& out, std::string_view document,
                       const std::vector<std::size_t>& counts,
                       const std::function<json(std::size_t array, std::size_t i)>& element) {
  const std::string placeholder = json_text(json(std::string(kArrayPlaceholder)), -1);
  std::size_t from = 0;
  for (std::size_t array = 0; array < counts.size(); ++array) {
    const std::size_t at = document.find(placeholder, from);
    if (at == std::string_view::npos) break;
    out << document.substr(from, at - from);
    from = at + placeholder.size();
    if (counts[array] == 0) {
      out << "[]";
      continue;
    }
    // The indentation of the line the placeholder stands on: the elements
    // go two spaces deeper, the closing bracket at the same depth.
    const std::size_t line_start = document.rfind('\n', at) + 1;
    const std::size_t depth = document.find_first_not_of(' ', line_start) - line_start;
    const std::string indent(depth + 2, ' ');
    out << "[\n";
    for (std::size_t i = 0; i < counts[array]; ++i) {
      const std::string one = json_text(element(array, i), 2);
      out << indent;
      for (char c : one) {
        out << c;
        if (c == '\n') out << indent;
      }
      out << (i + 1 < counts[array] ? ",\n" : "\n");
    }
    out << std::string(depth, ' ') << ']';
  }
  out << document.substr(from) << '\n';
}

namespace {

// Writes the whole report as one JSON document in finish(); the problems,
// received as they are found, wait in a ListedProblems until then.
class JsonWriter final : public models::ReportSink {
 public:
  JsonWriter(std::ostream& out, const ReportWriterOptions& options)
      : out_(out), tool_version_(options.tool_version) {}

  void begin_task(const models::TaskReport&) override { listed_.begin_task(); }
  void problem(const models::TaskReport&, const models::Problem& problem) override {
    listed_.add(problem);
  }
  void end_task(const models::TaskReport&) override {}

  // The document is dumped with each task's "errors" a placeholder, where
  // the problems are then written one at a time (write_with_arrays).
  void finish(const models::Report& report) override {
    ReportTotals totals = sum_report(report);
    json tasks = json::array();
    std::vector<std::size_t> counts;
    for (std::size_t index = 0; index < report.tasks.size(); ++index) {
      const models::TaskReport& task = report.tasks[index];
      json entry = task_to_json(task, /*with_problems=*/false);
      entry["errors"] = std::string(kArrayPlaceholder);
      tasks.push_back(std::move(entry));
      counts.push_back(static_cast<std::size_t>(listed_.count(index, task)));
    }
    json document{
        {"tool", json{{"name", "gifkit"}, {"version", tool_version_}}},
        {"valid", report.valid},
        {"stats", totals_stats_json(totals)},
        {"quality", totals_quality_json(totals)},
        {"tasks", std::move(tasks)},
    };
    write_with_arrays(out_, json_text(document, 2), counts, [&](std::size_t task, std::size_t) {
      return problem_to_json(listed_.next(task, report.tasks[task]));
    });
    out_.flush();
  }

 private:
  std::ostream& out_;
  std::string tool_version_;
  ListedProblems listed_;
};

// Streams one JSON object per line; see the file comment for the line types.
class NdjsonWriter final : public models::ReportSink {
 public:
  explicit NdjsonWriter(std::ostream& out) : out_(out) {}

  void begin_task(const models::TaskReport&) override {}

  // The bytes json_text gives for {"type":"problem","path":…} followed by
  // problem_to_json's members, without building the JSON tree (which took
  // most of the time of writing a problem).
  void problem(const models::TaskReport& task, const models::Problem& problem) override {
    line_.assign("{\"type\":\"problem\",\"path\":");
    append_json_string(line_, task.path);
    line_ += ',';
    append_problem_members(line_, problem);
    line_ += '}';
    write_text(line_, /*flush_now=*/false);
  }

  void end_task(const models::TaskReport& task) override {
    json line{{"type", "summary"}};
    line.update(task_to_json(task, /*with_problems=*/false));
    write_line(line, /*flush_now=*/true);
  }

  void finish(const models::Report& report) override {
    ReportTotals totals = sum_report(report);
    write_line(
        json{
            {"type", "total"},
            {"valid", report.valid},
            {"stats", totals_stats_json(totals)},
            {"quality", totals_quality_json(totals)},
        },
        /*flush_now=*/true);
  }

 private:
  // Lines reach the reader promptly without a write() per line (which cost
  // a sixth of a run with 370,000 problems): the stream is flushed once 64
  // KiB are buffered or 100 ms have passed since the last flush, and after
  // each file's summary and the total.
  void write_line(const json& line, bool flush_now = false) {
    write_text(json_text(line, -1), flush_now);
  }

  void write_text(const std::string& text, bool flush_now) {
    out_ << text << '\n';
    unflushed_bytes_ += text.size() + 1;
    auto now = std::chrono::steady_clock::now();
    if (flush_now || unflushed_bytes_ >= kFlushBytes || now - last_flush_ >= kFlushInterval) {
      out_.flush();
      unflushed_bytes_ = 0;
      last_flush_ = now;
    }
  }

  static constexpr std::size_t kFlushBytes = 64 * 1024;
  static constexpr std::chrono::milliseconds kFlushInterval{100};
  std::ostream& out_;
  std::string line_;  // a problem's line, reused
  std::size_t unflushed_bytes_ = 0;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
};

}  // namespace

std::unique_ptr<models::ReportSink> make_json_writer(std::ostream& out,
                                                     const ReportWriterOptions& options) {
  return std::make_unique<JsonWriter>(out, options);
}

std::unique_ptr<models::ReportSink> make_ndjson_writer(std::ostream& out) {
  return std::make_unique<NdjsonWriter>(out);
}

}  // namespace gifkit::tools::report_detail
