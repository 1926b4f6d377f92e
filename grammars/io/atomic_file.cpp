// atomic_file.cpp — see atomic_file.hpp.
#include "grammars/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace gifkit::grammars {
namespace {

// The random part mkstemp puts after the prefix.
constexpr std::size_t kRandomLength = 6;
// How often a temporary file is made again when a cleaner took the new one
// between its creation and its lock (a race no run should lose twice).
constexpr int kCreateAttempts = 8;

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

// True when fd is still the file at path (not removed or replaced).
bool still_named(int fd, const std::filesystem::path& path) {
  struct stat by_fd {};
  struct stat by_name {};
  return ::fstat(fd, &by_fd) == 0 && by_fd.st_nlink > 0 && ::lstat(path.c_str(), &by_name) == 0 &&
         by_fd.st_dev == by_name.st_dev && by_fd.st_ino == by_name.st_ino;
}

}  // namespace

bool HeldLock::try_take(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  return fd >= 0 && try_take(fd);
}

bool HeldLock::try_take(int fd) {
  assert(fd_ < 0);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return false;
  }
  fd_ = fd;
  return true;
}

HeldLock::~HeldLock() {
  if (fd_ >= 0) ::close(fd_);
}

HeldLock& HeldLock::operator=(HeldLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

std::size_t remove_abandoned_temporaries(const std::filesystem::path& directory,
                                         std::string_view prefix) {
  std::error_code error;
  std::vector<std::string> bearers;     // prefix + the random part: each locked by its writer
  std::vector<std::string> companions;  // prefix + random + "-journal" and the like
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    if (name.size() == prefix.size() + kRandomLength) {
      bearers.push_back(name);
    } else if (name.size() > prefix.size() + kRandomLength &&
               name[prefix.size() + kRandomLength] == '-') {
      companions.push_back(name);
    }
  }
  std::size_t removed = 0;
  for (const std::string& name : bearers) {
    const std::filesystem::path path = directory / name;
    HeldLock lock;
    if (!lock.try_take(path) || !still_named(lock.fd(), path)) continue;  // a live writer's
    if (std::filesystem::remove_all(path, error) > 0 && !error) ++removed;
  }
  // A companion outlives its file only when its writer died.
  for (const std::string& name : companions) {
    const std::filesystem::path bearer = directory / name.substr(0, prefix.size() + kRandomLength);
    if (std::filesystem::exists(bearer, error) || error) continue;
    if (std::filesystem::remove_all(directory / name, error) > 0 && !error) ++removed;
  }
  return removed;
}

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)), destination_(target_) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(target_, error);
  if (std::filesystem::is_directory(status))
    throw AtomicFileError(target_.string() + ": is a directory");
  // /dev/null renamed over would be a regular file for every program after.
  through_ = std::filesystem::exists(status) && !std::filesystem::is_regular_file(status);
  if (!through_ && std::filesystem::is_symlink(target_, error)) {
    const std::filesystem::path named = std::filesystem::canonical(target_, error);
    if (!error) destination_ = named;
  }
  const std::filesystem::path directory =
      through_ ? std::filesystem::temp_directory_path(error) : directory_of(destination_);
  const std::string prefix = "." + destination_.filename().string() + ".tmp-";
  remove_abandoned_temporaries(directory, prefix);
  for (int attempt = 0; attempt < kCreateAttempts && !lock_.held(); ++attempt) {
    std::string pattern = (directory / (prefix + "XXXXXX")).string();
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);  // mode 0600: private until committed
    if (fd < 0) {
      // Named by the file asked for: "-o nope/out.txt" is about nope/out.txt.
      const std::string why = errno == ENOENT ? "no such folder" : std::strerror(errno);
      throw AtomicFileError("cannot write " + target_.string() +
                            ": cannot create a temporary file in " + directory.string() + ": " +
                            why);
    }
    // Locked, and checked to be still there: another run's cleaner may have
    // taken the new file for an abandoned one in between.
    if (lock_.try_take(fd) && still_named(lock_.fd(), pattern)) {
      temporary_ = pattern;
    } else {
      lock_ = HeldLock();
    }
  }
  if (!lock_.held())
    throw AtomicFileError("cannot create a temporary file in " + directory.string() +
                          ": it was taken away " + std::to_string(kCreateAttempts) + " times");
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  // Removed (still locked) before the stream is closed: what its buffer
  // still holds goes to a file no one can see.
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
  if (stream_.is_open()) stream_.close();
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
  if (through_) {
    write_through();
    return;
  }
  // An output is as readable as any data file once it is complete.
  if (::fchmod(lock_.fd(), 0644) != 0)
    throw AtomicFileError("cannot make " + target_.string() + " readable: " + std::strerror(errno));
  std::error_code error;
  std::filesystem::rename(temporary_, destination_, error);
  if (error) throw AtomicFileError("cannot rename to " + target_.string() + ": " + error.message());
  committed_ = true;
  lock_ = HeldLock();
  fsync_path(directory_of(destination_), O_RDONLY | O_DIRECTORY);
}

// Requires finish(): the temporary file is complete. Removed once copied; on
// a failure, by the destructor, as when a rename fails.
void AtomicFile::write_through() {
  assert(through_ && finished_);
  const int in = ::open(temporary_.c_str(), O_RDONLY | O_CLOEXEC);
  const int out = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
  const auto fail = [&](const std::string& what) {
    const std::string reason = std::strerror(errno);
    if (in >= 0) ::close(in);
    if (out >= 0) ::close(out);
    throw AtomicFileError(what + target_.string() + ": " + reason);
  };
  if (in < 0 || out < 0) fail("cannot open ");
  char buffer[1 << 16];
  for (ssize_t got; (got = ::read(in, buffer, sizeof buffer)) != 0;) {
    if (got < 0) {
      if (errno == EINTR) continue;
      fail("cannot read the output for ");
    }
    for (ssize_t at = 0; at < got;) {
      const ssize_t put = ::write(out, buffer + at, static_cast<std::size_t>(got - at));
      if (put < 0 && errno == EINTR) continue;
      if (put <= 0) fail("write failed: ");
      at += put;
    }
  }
  ::close(in);
  if (::close(out) != 0) fail("write failed: ");
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
  committed_ = true;
  lock_ = HeldLock();
}

}  // namespace gifkit::grammars
