// registry_build.cpp — see registry_build.hpp.
#include "registries/db/registry_build.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace gifkit::registries {
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

RegistryBuild::RegistryBuild(std::filesystem::path target) : target_(std::move(target)) {
  std::error_code error;
  if (std::filesystem::is_directory(target_, error))
    throw RegistryError(target_.string() + ": is a directory, not a registry file");
  std::string pattern = target_.string() + ".tmp-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    throw RegistryError("cannot create a temporary file in " + directory_of(target_).string() +
                        ": " + std::strerror(errno));
  }
  ::fchmod(fd, 0644);  // mkstemp makes 0600; a registry is as readable as any data file
  ::close(fd);
  temporary_ = pattern;
  try {
    db_.emplace(RegistryDb::create_for_bulk_load(temporary_));
  } catch (...) {
    std::filesystem::remove(temporary_, error);
    throw;
  }
}

RegistryBuild::~RegistryBuild() {
  if (committed_) return;
  db_.reset();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void RegistryBuild::commit() {
  db_->close();
  fsync_path(temporary_, O_RDONLY);
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) throw RegistryError("cannot rename to " + target_.string() + ": " + error.message());
  committed_ = true;
  fsync_path(directory_of(target_), O_RDONLY | O_DIRECTORY);
}

}  // namespace gifkit::registries
