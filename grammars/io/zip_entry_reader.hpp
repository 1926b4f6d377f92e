// zip_entry_reader.hpp — the bytes of one zip entry, stored or deflated, read
// by gifkit's own code (the browser build's zip reader) a piece at a time:
// never more than a read's worth of the entry in memory. At the entry's end
// the bytes are checked against the directory's CRC-32 (not its size, as
// libzip: the size is a hint); damage throws ZipFormatError with libzip's
// wording.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "grammars/io/zip_directory.hpp"

namespace gifkit::grammars {

class Inflater;

class ZipEntryReader {
 public:
  // Opens the archive at path again for this entry (of its directory). Throws
  // ZipFormatError for a method other than stored or deflated.
  ZipEntryReader(const std::filesystem::path& path, const ZipDirectoryEntry& entry);
  ~ZipEntryReader();
  ZipEntryReader(const ZipEntryReader&) = delete;
  ZipEntryReader& operator=(const ZipEntryReader&) = delete;

  // Up to size bytes into out, 0 at the entry's end (once its CRC is
  // checked). Throws ZipFormatError when the data is damaged.
  std::size_t read(unsigned char* out, std::size_t size);

 private:
  std::size_t read_compressed(unsigned char* out, std::size_t size);
  void check_end();

  ZipDirectoryEntry entry_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<Inflater> inflater_;  // for a deflated entry
  std::uint64_t compressed_left_ = 0;
  std::uint64_t produced_ = 0;
  std::uint32_t crc_ = 0;
  bool ended_ = false;
};

}  // namespace gifkit::grammars
