// atomic_file.cpp — see atomic_file.hpp.
#include "grammars/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace gifkit::grammars {
namespace {

void fsync_path(const std::filesystem::path& path, int flags) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::filesystem::path directory_of(const std::filesystem::path& target) {
  std::filesystem::path directory = target.parent_path();
  return directory.empty() ? std::filesystem::path(".") : directory;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  std::error_code error;
  if (std::filesystem::is_directory(target_, error))
    throw AtomicFileError(target_.string() + ": is a directory");
  std::string pattern =
      (directory_of(target_) / ("." + target_.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    throw AtomicFileError("cannot create a temporary file in " + directory_of(target_).string() +
                          ": " + std::strerror(errno));
  }
  ::fchmod(fd, 0644);  // mkstemp makes 0600; an output is as readable as any data file
  ::close(fd);
  temporary_ = pattern;
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  if (stream_.is_open()) stream_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

std::string AtomicFile::write_failure() const {
  return target_.string() + ": write failed (is the disk full, or the file over a size limit?)";
}

std::ostream& AtomicFile::stream() {
  if (!stream_.is_open()) {
    stream_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!stream_) throw AtomicFileError(write_failure());
  }
  return stream_;
}

void AtomicFile::finish() {
  assert(!committed_);
  if (finished_) return;
  if (stream_.is_open()) {
    stream_.flush();
    stream_.close();
    if (!stream_) throw AtomicFileError(write_failure());
  }
  // A file system that allocates late reports a full disk here.
  const int fd = ::open(temporary_.c_str(), O_RDONLY);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) throw AtomicFileError(write_failure());
  finished_ = true;
}

void AtomicFile::commit() {
  assert(!committed_);
  finish();
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) throw AtomicFileError("cannot rename to " + target_.string() + ": " + error.message());
  committed_ = true;
  fsync_path(directory_of(target_), O_RDONLY | O_DIRECTORY);
}

}  // namespace gifkit::grammars
