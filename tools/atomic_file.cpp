// atomic_file.cpp — see atomic_file.hpp.
#include "tools/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace gifkit::tools {

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  std::filesystem::path directory = target_.parent_path();
  if (directory.empty()) directory = ".";
  std::string pattern = (directory / ("." + target_.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file beside " + target_.string());
  ::close(fd);
  temporary_ = pattern;
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!stream_) throw std::runtime_error("cannot write " + temporary_.string());
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicFile::commit() {
  stream_.flush();
  if (!stream_) throw std::runtime_error("cannot write " + temporary_.string());
  stream_.close();
  int fd = ::open(temporary_.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error)
    throw std::runtime_error("cannot rename to " + target_.string() + ": " + error.message());
  committed_ = true;
}

}  // namespace gifkit::tools
