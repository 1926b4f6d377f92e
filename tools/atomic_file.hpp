// atomic_file.hpp — writes an output file atomically: to a temporary file
// beside it, renamed over the target on commit(); never a half-written file.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>

namespace gifkit::tools {

class AtomicFile {
 public:
  // Opens a temporary file in target's directory. Throws std::runtime_error
  // when it cannot be created.
  explicit AtomicFile(std::filesystem::path target);
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return stream_; }
  // Flushes, fsyncs and renames over the target. Throws on failure.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace gifkit::tools
