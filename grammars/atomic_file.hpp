// atomic_file.hpp — writes an output file atomically: into a temporary file
// beside the target, renamed over it on commit(); never a half-written file.
// The one atomic writer of the project: reports (tools), `chars shrink`
// outputs and registry builds (registries/db, which lets SQLite write the
// temporary file itself) all go through it.
#pragma once
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace gifkit::grammars {

// Why an atomic write failed; the message names the file.
struct AtomicFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  // Creates the temporary file in target's directory (mode 0644, like any
  // data file). Throws AtomicFileError when it cannot be created or target
  // is a directory.
  explicit AtomicFile(std::filesystem::path target);
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::filesystem::path& target() const { return target_; }
  // The temporary file, for writers that open it themselves (SQLite).
  const std::filesystem::path& temporary_path() const { return temporary_; }
  // A stream over the temporary file (opened on first use).
  std::ostream& stream();
  // Flushes and closes the stream if one was opened and fsyncs the
  // temporary file: after it, the bytes are on disk and no write can fail
  // any more. Throws AtomicFileError when a write failed (a full disk, the
  // file size limit). A caller with several outputs finishes them all
  // before it commits any, so that one that cannot be written leaves none.
  void finish();
  // finish() unless done, then renames the temporary file over the target
  // and fsyncs the directory. Throws AtomicFileError on failure (the
  // temporary file is then removed).
  void commit();

 private:
  // The message of a failed write: it names the file the user asked for,
  // not the temporary one.
  std::string write_failure() const;

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream stream_;
  bool finished_ = false;
  bool committed_ = false;
};

}  // namespace gifkit::grammars
