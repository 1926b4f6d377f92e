// baseline.cpp — see baseline.hpp.
#include "models/engine/report/baseline.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

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

std::string Baseline::fingerprint(const Problem& problem) {
  std::string print = problem.code;
  print += kSeparator;
  print += problem.field;
  for (const KeyValue& part : problem.key) {
    print += kSeparator;
    print += part.name;
    print += '=';
    print += part.value;
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
  if (file_ != nullptr) left_ = file_->fingerprints;
}

bool BaselineMatch::take(const Problem& problem) {
  if (file_ == nullptr) return false;
  auto found = left_.find(Baseline::fingerprint(problem));
  if (found == left_.end() || found->second == 0) return false;
  --found->second;
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
