// atomic_file.hpp — writes an output file atomically: into a temporary file
// beside the target, renamed over it on commit(); never a half-written file.
// The one atomic writer of the project: reports (tools), `chars shrink`
// outputs and registry builds (registries/db, which lets SQLite write the
// temporary file itself) all go through it.
//
// A target that is no regular file once its links are followed (/dev/null, a
// FIFO, /dev/stdout on a pipe) is never replaced: the finished temporary
// file is copied into it on commit(), without atomicity (a device or a pipe
// has none to keep). A symbolic link to a regular file stays a link: the
// file it names is replaced.
//
// The temporary file (.NAME.tmp-XXXXXX) is private (mode 0600) until it is
// committed, and its writer holds an flock(2) on it for as long as it lives.
// A writer that was killed leaves its file behind unlocked: the next
// AtomicFile for the same target removes every .NAME.tmp-* sibling it can
// lock (never a live writer's), with SQLite's -journal/-wal/-shm beside it.
#pragma once
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// Why an atomic write failed; the message names the file.
struct AtomicFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An exclusive flock(2) held on a file or folder until destroyed: the mark
// of a live writer. Not copyable; movable.
class HeldLock {
 public:
  HeldLock() = default;
  // Takes the lock on path, waiting for nobody: false when it cannot be
  // opened or someone else holds it.
  bool try_take(const std::filesystem::path& path);
  // The same on an open file descriptor, which it then owns (closed on failure).
  bool try_take(int fd);
  ~HeldLock();
  HeldLock(HeldLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  HeldLock& operator=(HeldLock&& other) noexcept;
  HeldLock(const HeldLock&) = delete;
  HeldLock& operator=(const HeldLock&) = delete;
  bool held() const { return fd_ >= 0; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// Removes the entries of directory named prefix + anything (files, or
// folders with what is in them) that no live process holds an flock on:
// what killed writers left. Each is locked before it is removed, so a live
// writer's file is never touched. Returns how many were removed; errors
// (permissions, a vanished entry) are skipped.
std::size_t remove_abandoned_temporaries(const std::filesystem::path& directory,
                                         std::string_view prefix);

class AtomicFile {
 public:
  // Removes abandoned temporary files of target (above), then creates its
  // own in target's directory (the temporary folder's, for a target that is
  // no regular file), mode 0600 and locked. Throws AtomicFileError when it
  // cannot be created or target is a directory.
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
  // finish() unless done, then makes the file as readable as any data file
  // (0644), renames it over the target and fsyncs the directory — or, for a
  // target that is no regular file, copies it into the target. Throws
  // AtomicFileError on failure (the temporary file is then removed).
  void commit();

 private:
  // The message of a failed write: it names the file the user asked for,
  // not the temporary one.
  std::string write_failure() const;

  // Copies the finished temporary file into a target that is no regular file.
  void write_through();

  std::filesystem::path target_;       // as the caller named it (messages)
  std::filesystem::path destination_;  // the file a rename replaces: target_, links followed
  bool through_ = false;               // target_ is no regular file: copied into, never renamed
  std::filesystem::path temporary_;
  HeldLock lock_;  // on temporary_, until it is committed or removed
  std::ofstream stream_;
  bool finished_ = false;
  bool committed_ = false;
};

}  // namespace gifkit::grammars
