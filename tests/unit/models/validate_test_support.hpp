// validate_test_support.hpp — helpers shared by the validation-engine unit
// tests (value checks, validate_files, corrupt inputs): the check resources
// loaded once from the published data, a mutable catalog of the shipped
// models, a ReportSink that records every call, and small lookups on reports.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model_test_support.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "models/engine/model/code_lists.hpp"
#include "models/engine/validate/validate.hpp"
#include "registries/moji/character_data.hpp"

namespace gifkit::models::testing {

// True when the published data the checks need (code lists, charset tables) is there.
inline bool shared_data_available() {
  return std::filesystem::exists(kCodeListXsd) && std::filesystem::exists(kDataDir / "moji");
}

// Skips the current test case (with a warning) when the published data is missing.
#define GIFKIT_SKIP_WITHOUT_SHARED_DATA()                                                 \
  do {                                                                                    \
    if (!::gifkit::models::testing::shared_data_available()) {                            \
      WARN("published data not found, skipped: " << ::gifkit::models::testing::kDataDir); \
      return;                                                                             \
    }                                                                                     \
  } while (false)

// Code lists and the character data loaded once; a resource that fails to load is null.
inline const CheckResources& check_resources() {
  static const CodeLists& code_lists = shipped_code_lists();
  static const std::unique_ptr<CharacterChecker> characters =
      []() -> std::unique_ptr<CharacterChecker> {
    try {
      return std::make_unique<CharacterChecker>(std::make_unique<registries::moji::CharacterData>(
          registries::moji::folder_rows(kDataDir / "moji")));
    } catch (const registries::RegistryError&) {
      return nullptr;
    }
  }();
  static const CheckResources resources = [] {
    CheckResources loaded;
    loaded.code_lists = code_lists.find("SexCodeList") != nullptr ? &code_lists : nullptr;
    loaded.characters = characters.get();
    return loaded;
  }();
  return resources;
}

// A freshly loaded catalog of the shipped models (validate_files may add to it).
inline ModelCatalog fresh_catalog() {
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(kModelsDir, errors));
  INFO(describe(errors));
  REQUIRE(errors.empty());
  return catalog;
}

// Records every call of the ReportSink protocol, in order.
class RecordingSink : public ReportSink {
 public:
  struct Call {
    std::string kind;  // "begin", "problem", "end", "finish"
    std::string path;  // the task's path ("" for finish)
    std::string code;  // the problem's code (problem calls only)
  };

  void begin_task(const TaskReport& task) override { calls.push_back({"begin", task.path, ""}); }
  void problem(const TaskReport& task, const Problem& problem) override {
    calls.push_back({"problem", task.path, problem.code});
    problems.push_back(problem);
  }
  void end_task(const TaskReport& task) override {
    calls.push_back({"end", task.path, ""});
    ended_valid.push_back(task.valid);
    ended_rows.push_back(task.stats.rows);
  }
  void finish(const Report& report) override {
    calls.push_back({"finish", "", ""});
    finished_tasks = report.tasks.size();
  }

  // The calls as one string, "begin a;problem a code;end a;finish", for a readable CHECK.
  std::string trace() const {
    std::string text;
    for (const Call& call : calls) {
      if (!text.empty()) text += ";";
      text += call.kind;
      if (!call.path.empty()) text += " " + call.path;
      if (!call.code.empty()) text += " " + call.code;
    }
    return text;
  }

  std::vector<Call> calls;
  std::vector<Problem> problems;
  std::vector<bool> ended_valid;
  std::vector<std::uint64_t> ended_rows;
  std::size_t finished_tasks = 0;
};

// The listed problems of a task with this code.
inline std::vector<Problem> problems_with(const TaskReport& task, const std::string& code) {
  std::vector<Problem> found;
  for (const Problem& problem : task.problems)
    if (problem.code == code) found.push_back(problem);
  return found;
}

// The number of problems with this code (counts_by_code, 0 when absent).
inline std::uint64_t count_of(const TaskReport& task, const std::string& code) {
  auto it = task.counts_by_code.find(code);
  return it == task.counts_by_code.end() ? 0 : it->second;
}

// Every listed problem as "code row:line:column", one a line, for INFO.
inline std::string describe(const TaskReport& task) {
  std::string text = task.path + " (" + task.model + "):\n";
  for (const Problem& problem : task.problems) {
    text += "  " + problem.code + " " + std::to_string(problem.row) + ":" +
            std::to_string(problem.line) + ":" + std::to_string(problem.column) + " [" +
            problem.field + "] " + problem.value.substr(0, 60) + " -> " + problem.suggestion +
            " | " + problem.message.substr(0, 120) + "\n";
  }
  return text;
}

}  // namespace gifkit::models::testing
