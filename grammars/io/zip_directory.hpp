// zip_directory.hpp — the directory of a zip archive read by gifkit's own
// code (the browser build has no libzip): the end record (zip64 too), every
// central directory entry, and each entry's local header checked against it
// as libzip's ZIP_CHECKCONS does, so a damaged or lying archive is refused
// when it is opened. The reasons read like libzip's ("Not a zip archive").
#pragma once
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace gifkit::grammars {

// Why the archive is not readable: libzip's wording.
struct ZipFormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ZipDirectoryEntry {
  std::string name;  // UTF-8 (zip_names.hpp)
  std::uint64_t size = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t data_offset = 0;  // where the stored bytes begin, after the local header
  std::uint32_t crc = 0;
  std::uint16_t method = 0;  // 0 stored, 8 deflated
  std::uint16_t flags = 0;   // general purpose bits
  bool encrypted() const { return (flags & 1) != 0; }
};

// The entries, in archive order, of the archive open in file. Throws ZipFormatError.
std::vector<ZipDirectoryEntry> read_zip_directory(std::FILE* file);

}  // namespace gifkit::grammars
