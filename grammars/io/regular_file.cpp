// regular_file.cpp — see regular_file.hpp.
#include "grammars/io/regular_file.hpp"

#include <sys/stat.h>

namespace gifkit::grammars {

std::string not_regular_file_reason(const std::filesystem::path& path, bool folder_ok) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return "";  // not there: the open says why
  if (S_ISREG(status.st_mode)) return "";
  if (S_ISDIR(status.st_mode)) return folder_ok ? "" : "is a folder, not a regular file";
  const char* what = S_ISFIFO(status.st_mode)   ? "a FIFO (named pipe)"
                     : S_ISCHR(status.st_mode)  ? "a character device"
                     : S_ISBLK(status.st_mode)  ? "a block device"
                     : S_ISSOCK(status.st_mode) ? "a socket"
                                                : "no regular file";
  return std::string("is ") + what + ", not a regular file";
}

}  // namespace gifkit::grammars
