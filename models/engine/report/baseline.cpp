// baseline.cpp — see baseline.hpp.
#include "models/engine/report/baseline.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "grammars/io/regular_file.hpp"
#include "grammars/text/percent_escapes.hpp"

namespace gifkit::models {
namespace {

constexpr char kSeparator = '\x1F';  // no text of a report holds it

// A report's member that gifkit validate never writes with that type.
constexpr const char* kNotAReportLine =
    "not a gifkit validate report (a member has another type than the report's: a problem is "
    "an object whose code, field, value, path and message are strings)";

Problem problem_from_json(const nlohmann::json& entry) {
  Problem problem;
  problem.code = entry.value("code", "");
  problem.field = entry.value("field", "");
  problem.value = entry.value("value", "");
  problem.row = entry.value("row", std::uint64_t{0});
  problem.column = entry.value("column", std::uint32_t{0});
  problem.message = entry.value("message", "");
  const std::string severity = entry.value("severity", "error");
  problem.severity = severity == "info"      ? Severity::info
                     : severity == "warning" ? Severity::warning
                                             : Severity::error;
  if (auto key = entry.find("key"); key != entry.end() && key->is_object()) {
    for (const auto& [name, value] : key->items())
      problem.key.push_back({name, value.is_string() ? value.get<std::string>() : value.dump()});
  }
  return problem;
}

// A SARIF artifact's uri as a path: "file://" taken off, %XX decoded (the
// writer percent-encodes every byte but the unreserved ones and '/').
std::string path_of_file_uri(std::string_view uri) {
  if (uri.rfind("file://", 0) == 0) uri.remove_prefix(7);
  return grammars::percent_decoded(uri);
}

std::string file_name_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace

std::string Baseline::group_of(const Problem& problem) {
  std::string group = problem.code;
  group += kSeparator;
  group += problem.field;
  return group;
}

std::string Baseline::fingerprint(const Problem& problem) {
  std::string print = group_of(problem);
  // The key's parts by name: a report's key object is read back with its
  // names sorted (JSON objects have no order), while a run gives them in
  // the model's order (全国地方公共団体コード before ID) — the same key.
  std::vector<const KeyValue*> parts;
  parts.reserve(problem.key.size());
  for (const KeyValue& part : problem.key) parts.push_back(&part);
  std::sort(parts.begin(), parts.end(),
            [](const KeyValue* a, const KeyValue* b) { return a->name < b->name; });
  for (const KeyValue* part : parts) {
    print += kSeparator;
    print += part->name;
    print += '=';
    print += part->value;
  }
  print += kSeparator;
  print += problem.value;
  return print;
}

void Baseline::add_problem(File& file, Problem problem) {
  std::string print = fingerprint(problem);
  ++file.fingerprints[print];
  file.examples.try_emplace(print, std::move(problem));
}

// A json report's task, or an ndjson report's summary line: the groups of a
// report cut short by --max-errors give the problems it found and did not list.
void Baseline::add_groups(File& file, const nlohmann::json& task) {
  file.truncated = file.truncated || task.value("truncated", false);
  auto groups = task.find("groups");
  if (!file.truncated || groups == task.end() || !groups->is_array()) return;
  for (const auto& group : *groups) {
    Problem named;
    named.code = group.value("code", "");
    named.field = group.value("field", "");
    const auto count = group.value("count", std::uint64_t{0});
    const auto listed = group.value("listed", count);
    if (count > listed) file.unlisted[group_of(named)] += count - listed;
  }
}

Baseline::File& Baseline::file_named(const std::string& path) {
  for (File& file : files_)
    if (file.path == path) return file;
  File& file = files_.emplace_back();
  file.path = path;
  return file;
}

void Baseline::read_json_report(const nlohmann::json& document) {
  for (const auto& task : document.at("tasks")) {
    File& file = files_.emplace_back();
    file.path = task.value("path", "");
    add_groups(file, task);
    auto errors = task.find("errors");
    if (errors == task.end() || !errors->is_array()) continue;
    for (const auto& entry : *errors) add_problem(file, problem_from_json(entry));
  }
}

// An ndjson report: a "problem" line for each problem listed, then its file's
// "summary" (truncated, groups), a "total" last.
void Baseline::read_ndjson_report(std::istream& in) {
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json entry;
    try {
      entry = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& error) {
      throw BaselineError{"--baseline: " + path_.string() + ":" + std::to_string(number) +
                          ": not a JSON line of an ndjson report (column " +
                          std::to_string(error.byte) + ")"};
    }
    try {
      const std::string type = entry.is_object() ? entry.value("type", "") : "";
      if (type == "problem") {
        add_problem(file_named(entry.value("path", "")), problem_from_json(entry));
      } else if (type == "summary") {
        add_groups(file_named(entry.value("path", "")), entry);
      }
    } catch (const nlohmann::json::exception&) {
      throw BaselineError{"--baseline: " + path_.string() + ":" + std::to_string(number) + ": " +
                          kNotAReportLine};
    }
  }
}

// A SARIF log gifkit wrote: each result's ruleId, level and properties (field,
// value, key) are a problem of the file its artifactLocation names; a
// result's properties.group.count says how many its group (code and column)
// found, so a group with fewer results was cut short by --max-errors.
void Baseline::read_sarif_report(const nlohmann::json& document) {
  for (const auto& run : document.at("runs")) {
    std::string root;
    if (auto bases = run.find("originalUriBaseIds"); bases != run.end() && bases->is_object()) {
      if (auto source = bases->find("%SRCROOT%"); source != bases->end() && source->is_object())
        root = path_of_file_uri(source->value("uri", ""));
    }
    auto results = run.find("results");
    if (results == run.end() || !results->is_array()) continue;
    std::map<std::pair<std::string, std::string>, std::uint64_t> found_in_group, listed_in_group;
    for (const auto& result : *results) {
      std::string path;
      const auto& locations = result.value("locations", nlohmann::json::array());
      if (!locations.empty()) {
        const auto& artifact = locations[0]
                                   .value("physicalLocation", nlohmann::json::object())
                                   .value("artifactLocation", nlohmann::json::object());
        path = path_of_file_uri(artifact.value("uri", ""));
        if (artifact.value("uriBaseId", "") == "%SRCROOT%" && !root.empty())
          path = (std::filesystem::path(root) / path).lexically_normal().string();
      }
      nlohmann::json entry = result.value("properties", nlohmann::json::object());
      entry["code"] = result.value("ruleId", "");
      const std::string level = result.value("level", "error");
      entry["severity"] = level == "note" ? "info" : level;
      Problem problem = problem_from_json(entry);
      const auto group = std::make_pair(path, group_of(problem));
      ++listed_in_group[group];
      if (auto counts = entry.find("group"); counts != entry.end() && counts->is_object())
        found_in_group[group] = counts->value("count", std::uint64_t{0});
      add_problem(file_named(path), std::move(problem));
    }
    for (const auto& [group, found] : found_in_group) {
      const std::uint64_t listed = listed_in_group[group];
      if (found <= listed) continue;
      File& file = file_named(group.first);
      file.truncated = true;
      file.unlisted[group.second] += found - listed;
    }
  }
}

Baseline Baseline::read(const std::filesystem::path& path) {
  if (const std::string why = grammars::not_regular_file_reason(path); !why.empty())
    throw BaselineError{"--baseline: " + path.string() + " " + why};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BaselineError{"--baseline: cannot read " + path.string()};
  Baseline baseline;
  baseline.path_ = path;
  // An ndjson report's first line is a whole object with a "type"; a json or
  // SARIF report is one document (gifkit writes them indented).
  std::string first_line;
  std::getline(in, first_line);
  if (const auto line = nlohmann::json::parse(first_line, nullptr, false);
      line.is_object() && line.contains("type")) {
    in.clear();
    in.seekg(0);
    baseline.read_ndjson_report(in);
    return baseline;
  }
  in.clear();
  in.seekg(0);
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    // Where, not the parser's words: they quote the bytes it read, which may
    // cut a character of a CSV in two.
    throw BaselineError{"--baseline: " + path.string() +
                        " is not JSON (a report of gifkit validate -f json, ndjson or sarif; "
                        "byte " +
                        std::to_string(error.byte) + " is not)"};
  }
  const auto is_array = [&](const char* name) {
    auto member = document.find(name);
    return member != document.end() && member->is_array();
  };
  if (document.is_object() && (is_array("tasks") || is_array("runs"))) {
    // A member of another type than gifkit writes (a number for a path, a
    // string for a problem) is a file gifkit did not write.
    try {
      if (is_array("tasks"))
        baseline.read_json_report(document);
      else
        baseline.read_sarif_report(document);
    } catch (const nlohmann::json::exception&) {
      throw BaselineError{"--baseline: " + path.string() + ": " + kNotAReportLine};
    }
  } else {
    throw BaselineError{"--baseline: " + path.string() +
                        " is not a gifkit validate report (json: a \"tasks\" array; sarif: "
                        "\"runs\"; ndjson: one object a line)"};
  }
  return baseline;
}

const Baseline::File* Baseline::file_for(const std::string& input) const {
  for (const File& file : files_)
    if (file.path == input) return &file;
  const File* same_name = nullptr;
  for (const File& file : files_) {
    if (file_name_of(file.path) != file_name_of(input)) continue;
    if (same_name != nullptr) return nullptr;  // two of that name: neither is sure
    same_name = &file;
  }
  return same_name;
}

BaselineMatch::BaselineMatch(const Baseline::File* file) : file_(file) {
  if (file_ != nullptr) {
    left_ = file_->fingerprints;
    unlisted_left_ = file_->unlisted;
  }
}

bool BaselineMatch::take(const Problem& problem) {
  if (file_ == nullptr) return false;
  auto found = left_.find(Baseline::fingerprint(problem));
  if (found != left_.end() && found->second > 0) {
    --found->second;
    return true;
  }
  if (unlisted_left_.empty()) return false;
  auto unlisted = unlisted_left_.find(Baseline::group_of(problem));
  if (unlisted == unlisted_left_.end() || unlisted->second == 0) return false;
  --unlisted->second;  // one the report found in its group and did not list
  return true;
}

std::vector<std::pair<Problem, std::uint64_t>> BaselineMatch::absent() const {
  std::vector<std::pair<Problem, std::uint64_t>> out;
  if (file_ == nullptr) return out;
  for (const auto& [print, count] : left_) {
    if (count == 0) continue;
    out.emplace_back(file_->examples.at(print), count);
  }
  return out;
}

}  // namespace gifkit::models
