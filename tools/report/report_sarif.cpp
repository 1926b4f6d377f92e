// report_sarif.cpp — the sarif report writer: one SARIF 2.1.0 log with one run,
// written at finish(), for code-scanning views (GitHub, VS Code SARIF viewer).
// Conventions (docs/reports.md):
//   - the rules are every code of problem_codes() (plus any unknown code met),
//     with the title as shortDescription and how_to_fix as fullDescription
//     and help;
//   - a problem's region has startLine = the physical line where its row
//     starts, and no startColumn: gifkit's column is a field number, not a
//     character position, so it goes to the result's properties with the
//     row, field, value and suggestion; a problem without a line (the whole
//     file) has no region;
//   - with a source root (--sarif-root, by default the working directory),
//     a file inside it is named by its path relative to the root with
//     uriBaseId "%SRCROOT%", and run.originalUriBaseIds gives the root as a
//     file:// URI; a file outside it by its absolute file:// URI; without a
//     root (the service), by the path as given. Paths are percent-encoded.
#include <map>
#include <vector>

#include "tools/output/json_text.hpp"
#include "tools/report/listed_problems.hpp"
#include "tools/report/report_internal.hpp"

namespace gifkit::tools::report_detail {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kSarifSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// SARIF's level of each severity.
constexpr SeverityWords kSarifLevels{"error", "warning", "note"};

// A file path as a relative or absolute URI reference: backslashes become
// slashes; every byte but the unreserved characters and '/' is
// percent-encoded (so a Japanese file name becomes its UTF-8 bytes in %XX).
std::string path_to_uri_reference(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri;
  for (char raw : path) {
    auto byte = static_cast<unsigned char>(raw == '\\' ? '/' : raw);
    bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' ||
                      byte == '~' || byte == '/';
    if (unreserved) {
      uri += static_cast<char>(byte);
    } else {
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 0x0F];
    }
  }
  return uri;
}

// Where a task's file is (artifactLocation's uri, and uriBaseId when the
// uri is relative to the source root).
json artifact_location(const models::TaskReport& task, const std::string& source_root) {
  if (source_root.empty() || task.path == "-")
    return json{{"uri", path_to_uri_reference(task.path)}};
  const RootedPath rooted = path_under_root(task.path, source_root);
  if (rooted.inside_root)
    return json{{"uri", path_to_uri_reference(rooted.path)}, {"uriBaseId", "%SRCROOT%"}};
  return json{{"uri", "file://" + path_to_uri_reference(rooted.path)}};
}

// The source root as a file:// URI of a folder (ending in '/').
std::string root_uri(const std::string& source_root) {
  std::string uri = "file://" + path_to_uri_reference(source_root);
  if (uri.back() != '/') uri += '/';
  return uri;
}

json rule_json(std::string_view code, const models::ProblemCode* entry) {
  if (entry == nullptr) {
    return json{{"id", code},
                {"shortDescription", {{"text", code}}},
                {"defaultConfiguration", {{"level", "error"}}}};
  }
  return json{
      {"id", entry->code},
      {"shortDescription", {{"text", entry->title}}},
      {"fullDescription", {{"text", entry->how_to_fix}}},
      {"help", {{"text", entry->how_to_fix}}},
      {"defaultConfiguration", {{"level", severity_word(entry->severity, kSarifLevels)}}},
      {"properties", {{"messageTemplate", entry->message}}},
  };
}

// The rules array, and each code's index in it; codes met in the report but
// missing from problem_codes() are appended so that every ruleId is declared.
struct RuleTable {
  json rules = json::array();
  std::map<std::string, std::size_t, std::less<>> index_by_code;

  void add(std::string_view code, const models::ProblemCode* entry) {
    if (index_by_code.count(code) != 0) return;
    index_by_code.emplace(std::string(code), rules.size());
    rules.push_back(rule_json(code, entry));
  }
};

RuleTable build_rules(const models::Report& report, const ListedProblems& listed) {
  RuleTable table;
  for (const models::ProblemCode& entry : models::problem_codes()) table.add(entry.code, &entry);
  for (std::size_t index = 0; index < report.tasks.size(); ++index) {
    const models::TaskReport& task = report.tasks[index];
    for (const std::string& code : listed.codes(index, task)) table.add(code, nullptr);
    for (const models::Problem& problem : task.absent) table.add(problem.code, nullptr);
  }
  return table;
}

json artifact_json(const models::TaskReport& task, const json& location) {
  json artifact{
      {"location", location},
      {"roles", json::array({"analysisTarget"})},
  };
  if (!task.encoding.empty()) artifact["encoding"] = task.encoding;
  artifact["properties"] = json{
      {"model", task.model},
      {"modelNote", task.model_note},
      {"format", task.format},
      {"valid", task.valid},
      {"rows", task.stats.rows},
      {"completeness", task.completeness()},
      {"conformity", task.conformity()},
  };
  if (task.accuracy.measured()) artifact["properties"]["accuracy"] = task.accuracy.ratio();
  if (task.accuracy.not_checked > 0)
    artifact["properties"]["accuracyNotChecked"] = task.accuracy.not_checked;
  if (task.consistency.measured()) artifact["properties"]["consistency"] = task.consistency.ratio();
  if (!task.registry_date.empty()) artifact["properties"]["registryDate"] = task.registry_date;
  if (!task.dataset_date.empty()) artifact["properties"]["datasetDate"] = task.dataset_date;
  return artifact;
}

// A result: the problem at its place, with its row's key, its group's count
// and rows (the findings of its code in its column), a partial fingerprint
// and, with a baseline, its baselineState (absent: a baseline's problem no
// longer found).
json result_json(const models::Problem& problem, const json& location, std::size_t artifact_index,
                 const RuleTable& rules, const models::TaskReport& task,
                 FindingFingerprints& fingerprints, bool absent) {
  std::string text = problem.message.empty() ? problem.code : problem.message;
  if (!problem.suggestion.empty()) text += " (suggestion: " + problem.suggestion + ")";

  json artifact_location = location;
  artifact_location["index"] = artifact_index;
  json physical_location{{"artifactLocation", std::move(artifact_location)}};
  if (problem.line > 0) physical_location["region"] = json{{"startLine", problem.line}};

  json properties{{"row", problem.row},
                  {"column", problem.column},
                  {"field", problem.field},
                  {"value", problem.value},
                  {"suggestion", problem.suggestion}};
  if (!problem.key.empty()) {
    json key = json::object();
    for (const models::KeyValue& part : problem.key) key[part.name] = part.value;
    properties["key"] = std::move(key);
  }
  for (const models::FindingGroup& group : task.groups) {
    if (group.code != problem.code || group.column != problem.column) continue;
    properties["group"] = json{{"count", group.count},
                               {"rows", group.rows},
                               {"firstRow", group.first_row},
                               {"lastRow", group.last_row}};
    break;
  }
  json result{
      {"ruleId", problem.code},
      {"ruleIndex", rules.index_by_code.find(problem.code)->second},
      {"level", severity_word(problem.severity, kSarifLevels)},
      {"message", {{"text", text}}},
      {"locations", json::array({json{{"physicalLocation", std::move(physical_location)}}})},
      {"partialFingerprints", {{"gifkitFinding/v2", fingerprints.next(problem)}}},
  };
  if (absent) {
    result["baselineState"] = "absent";
  } else if (problem.baseline != models::BaselineState::none) {
    result["baselineState"] = std::string(models::baseline_state_name(problem.baseline));
  }
  result["properties"] = std::move(properties);
  return result;
}

// Writes the whole SARIF log in finish(); the results one at a time
// (write_with_arrays), from the problems received as they were found (kept
// in a ListedProblems until then).
class SarifWriter final : public models::ReportSink {
 public:
  SarifWriter(std::ostream& out, const ReportWriterOptions& options)
      : out_(out), options_(options) {}

  void begin_task(const models::TaskReport&) override { listed_.begin_task(); }
  void problem(const models::TaskReport&, const models::Problem& problem) override {
    listed_.add(problem);
  }
  void end_task(const models::TaskReport&) override {}

  void finish(const models::Report& report) override {
    RuleTable rules = build_rules(report, listed_);
    json artifacts = json::array();
    std::vector<json> locations;
    std::vector<std::uint64_t> listed_counts;
    std::size_t result_count = 0;
    for (std::size_t index = 0; index < report.tasks.size(); ++index) {
      const models::TaskReport& task = report.tasks[index];
      locations.push_back(artifact_location(task, options_.source_root));
      artifacts.push_back(artifact_json(task, locations.back()));
      listed_counts.push_back(listed_.count(index, task));
      result_count += static_cast<std::size_t>(listed_counts.back()) + task.absent.size();
    }

    json driver{{"name", "gifkit"}};
    if (!options_.tool_version.empty()) driver["version"] = options_.tool_version;
    if (!options_.information_uri.empty()) driver["informationUri"] = options_.information_uri;
    driver["rules"] = std::move(rules.rules);

    json run{
        {"tool", {{"driver", std::move(driver)}}},
        {"invocations", json::array({json{{"executionSuccessful", true}}})},
        {"artifacts", std::move(artifacts)},
        {"results", std::string(kArrayPlaceholder)},  // written one at a time below
        {"properties", {{"valid", report.valid}}},
    };
    if (!options_.source_root.empty()) {
      run["originalUriBaseIds"] = json{{"%SRCROOT%", {{"uri", root_uri(options_.source_root)}}}};
    }
    json log{
        {"$schema", kSarifSchemaUri},
        {"version", "2.1.0"},
        {"runs", json::array({std::move(run)})},
    };
    // The results in task order (its problems, then the baseline's absent
    // ones), each made as it is written.
    std::size_t task_index = 0;
    std::size_t index = 0;  // in the task's problems, then its absent
    auto fingerprint_path = [&](std::size_t task) {
      return path_under_root(report.tasks[task].path, options_.source_root).path;
    };
    auto fingerprints = std::make_unique<FindingFingerprints>(
        report.tasks.empty() ? std::string() : fingerprint_path(0));
    write_with_arrays(out_, json_text(log, 2), {result_count}, [&](std::size_t, std::size_t) {
      while (index >= listed_counts[task_index] + report.tasks[task_index].absent.size()) {
        ++task_index;
        index = 0;
        fingerprints = std::make_unique<FindingFingerprints>(fingerprint_path(task_index));
      }
      const models::TaskReport& task = report.tasks[task_index];
      const bool absent = index >= listed_counts[task_index];
      const models::Problem& problem =
          absent ? task.absent[index - listed_counts[task_index]] : listed_.next(task_index, task);
      ++index;
      return result_json(problem, locations[task_index], task_index, rules, task, *fingerprints,
                         absent);
    });
    out_.flush();
  }

 private:
  std::ostream& out_;
  ReportWriterOptions options_;
  ListedProblems listed_;
};

}  // namespace

std::unique_ptr<models::ReportSink> make_sarif_writer(std::ostream& out,
                                                      const ReportWriterOptions& options) {
  return std::make_unique<SarifWriter>(out, options);
}

}  // namespace gifkit::tools::report_detail
