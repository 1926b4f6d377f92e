// listed_problems.hpp — the listed problems of a report as the writers that
// write the whole document at the end (json, sarif) receive them: each one
// packed into a buffer as it is found, the buffer spilled to an unlinked
// temporary file past 1 MiB, and read back in order, one at a time, when the
// document is written. A report of millions of findings then costs its
// groups and totals in memory, not its findings (issue #56: the json and
// sarif reports of a 67 MB file held 3.4 GB).
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "models/engine/report/report.hpp"

namespace gifkit::tools::report_detail {

class ListedProblems {
 public:
  ListedProblems() = default;
  ~ListedProblems();
  ListedProblems(const ListedProblems&) = delete;
  ListedProblems& operator=(const ListedProblems&) = delete;

  // A file's problems follow (ReportSink::begin_task).
  void begin_task();
  // Packs problem (ReportSink::problem) for the current file. Throws
  // std::ios_base::failure when the temporary file cannot be written.
  void add(const models::Problem& problem);

  // The report's files are read back in order: for the task-th file (the
  // task-th begin_task), the problems received for it; a report put
  // together without problem() calls (task never begun, or nothing added)
  // has its task.problems read instead.
  std::uint64_t count(std::size_t task, const models::TaskReport& report_task) const;
  // The codes of the task-th file's problems, each once, in the order first
  // received (or of report_task.problems).
  std::vector<std::string> codes(std::size_t task, const models::TaskReport& report_task) const;
  // The next problem of the task-th file: call for each task in order, count()
  // times each. The reference holds until the next call.
  const models::Problem& next(std::size_t task, const models::TaskReport& report_task);

 private:
  struct Task {
    std::uint64_t count = 0;
    std::vector<std::string> codes;
  };
  bool spooled(std::size_t task) const { return task < tasks_.size() && tasks_[task].count > 0; }
  void spill();
  bool read_byte(unsigned char& byte);
  std::uint64_t read_number();
  void read_text(std::string& text);

  std::vector<Task> tasks_;
  std::string buffer_;         // packed problems not yet in file_
  std::FILE* file_ = nullptr;  // the spilled ones (unlinked), once past the threshold
  bool reading_ = false;       // next() has started
  std::size_t read_at_ = 0;    // in buffer_ (no file) or in window_
  std::string window_;         // the block of file_ being read
  std::size_t read_task_ = 0;  // the task next() reads, and how many of its problems were read
  std::uint64_t read_count_ = 0;
  models::Problem current_;
};

}  // namespace gifkit::tools::report_detail
