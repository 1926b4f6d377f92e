// baseline.cpp — see baseline.hpp.
#include "models/engine/report/baseline.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

namespace gifkit::models {
namespace {

constexpr char kSeparator = '\x1F';  // no text of a report holds it

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

Baseline Baseline::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BaselineError{"--baseline: cannot read " + path.string()};
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw BaselineError{"--baseline: " + path.string() +
                        " is not JSON (gifkit validate -f json writes one): " + error.what()};
  }
  auto tasks = document.find("tasks");
  if (!document.is_object() || tasks == document.end() || !tasks->is_array()) {
    throw BaselineError{"--baseline: " + path.string() +
                        " is not a gifkit validate json report (no \"tasks\" array)"};
  }
  Baseline baseline;
  baseline.path_ = path;
  for (const auto& task : *tasks) {
    File& file = baseline.files_.emplace_back();
    file.path = task.value("path", "");
    file.truncated = task.value("truncated", false);
    if (auto groups = task.find("groups");
        file.truncated && groups != task.end() && groups->is_array()) {
      for (const auto& group : *groups) {
        Problem named;
        named.code = group.value("code", "");
        named.field = group.value("field", "");
        const auto count = group.value("count", std::uint64_t{0});
        const auto listed = group.value("listed", count);
        if (count > listed) file.unlisted[group_of(named)] += count - listed;
      }
    }
    auto errors = task.find("errors");
    if (errors == task.end() || !errors->is_array()) continue;
    for (const auto& entry : *errors) {
      Problem problem = problem_from_json(entry);
      std::string print = fingerprint(problem);
      ++file.fingerprints[print];
      file.examples.try_emplace(print, std::move(problem));
    }
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
