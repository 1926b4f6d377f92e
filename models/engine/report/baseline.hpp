// baseline.hpp — a previous report's problems (validate --baseline): read
// from a json, ndjson or sarif report gifkit validate wrote (a finding is the
// same whichever format accepted it), kept per file as fingerprints, so
// that a new run tells its new problems from those the previous report held
// (unchanged) and lists those it no longer finds (absent).
#pragma once
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "models/engine/report/report.hpp"

namespace gifkit::models {

// The baseline file could not be used: reason says why.
struct BaselineError {
  std::string message;
};

class Baseline {
 public:
  // Reads a report of gifkit validate -f json, ndjson or sarif. Throws
  // BaselineError when the file cannot be read or is not such a report.
  static Baseline read(const std::filesystem::path& path);

  // A problem's fingerprint: its code, column header, key and value — what
  // stays when rows are added or removed above it. Two problems of one code
  // in one column with the same value and key (or none) are counted apart.
  static std::string fingerprint(const Problem& problem);

  // The baseline's file for an input path: the same path, else the only one
  // with the same file name; nullptr when there is none. A later take()
  // and absent() of that input use it.
  struct File {
    std::string path;
    std::map<std::string, std::uint64_t> fingerprints;  // with how many problems have each
    std::map<std::string, Problem> examples;            // one problem per fingerprint
    bool truncated = false;  // the report listed fewer problems than it found
    // Of a report cut short by --max-errors: for each code and column
    // (group_of) the problems it found but did not list. A problem the run
    // finds and the list lacks is unchanged while its group has such left:
    // who they were the report never said, how many it did.
    std::map<std::string, std::uint64_t> unlisted;
  };
  // A problem's group in a report: its code and column header.
  static std::string group_of(const Problem& problem);
  const File* file_for(const std::string& input) const;

  std::string path() const { return path_.string(); }
  const std::vector<File>& files() const { return files_; }

 private:
  void read_json_report(const nlohmann::json& document);
  void read_ndjson_report(std::istream& in);
  void read_sarif_report(const nlohmann::json& document);
  static void add_problem(File& file, Problem problem);
  static void add_groups(File& file, const nlohmann::json& task);
  File& file_named(const std::string& path);  // the file of that path, added when new

  std::filesystem::path path_;
  std::vector<File> files_;
};

// One input's comparison with its baseline file: take() each problem as it is
// found (true: the baseline held it), absent() at the end.
class BaselineMatch {
 public:
  explicit BaselineMatch(const Baseline::File* file);
  bool take(const Problem& problem);
  // The baseline's problems no take() matched, one per fingerprint left (its
  // count beside it).
  std::vector<std::pair<Problem, std::uint64_t>> absent() const;
  const Baseline::File* file() const { return file_; }

 private:
  const Baseline::File* file_;
  std::map<std::string, std::uint64_t> left_;
  std::map<std::string, std::uint64_t> unlisted_left_;  // file_->unlisted, as take() uses it
};

}  // namespace gifkit::models
