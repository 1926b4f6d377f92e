// zip_archive.hpp — reading zip archives (libzip): the names and sizes of
// their entries, and one entry as a readable FILE* decompressed while it is
// read (memory stays flat), with an optional cap on the bytes it may yield
// (a zip bomb stops there). The one zip reader of the project: the
// registries' published sources (ABR, 法人番号, character data) and xlsx
// workbooks are all read through it. Two implementations, one chosen in
// grammars/CMakeLists.txt: libzip (zip_archive_libzip.cpp) natively, gifkit's
// own reader (zip_archive_own.cpp: zip_directory, zip_entry_reader, inflate)
// in the browser build; this header names neither's types.
#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// Why an archive or entry could not be read; the message names the file.
struct ZipError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// True when the file starts with a zip signature (PK\3\4, or PK\5\6 for an
// empty archive).
// Whether head (a file's first bytes) begins with a zip signature (a local file
// header, or the end record of an empty archive).
bool has_zip_signature(std::string_view head);
bool starts_like_zip(const std::filesystem::path& path);

struct ZipEntryInfo {
  std::string name;
  std::uint64_t size = 0;             // uncompressed, as the central directory says
  std::uint64_t compressed_size = 0;  // as stored
  bool encrypted = false;
};

// An archive opened read-only; closed on destruction.
class ZipArchive {
 public:
  // Throws ZipError "<path>: not a readable zip archive (<libzip's reason>)"
  // (the own reader words its reasons as libzip does).
  explicit ZipArchive(const std::filesystem::path& path);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Every entry, in archive order.
  std::vector<ZipEntryInfo> entries() const;
  // Fills info and returns true when the archive has an entry of that exact name.
  bool find(const std::string& name, ZipEntryInfo& info) const;

 private:
  friend class ZipEntryStream;
  struct Handle;  // the implementation's open archive
  std::filesystem::path path_;
  std::unique_ptr<Handle> handle_;
};

// One entry of an archive as a FILE*. Owns its own archive handle.
class ZipEntryStream {
 public:
  // Opens entry of the archive at path. max_bytes > 0 caps what the stream
  // yields: reading past it fails (limit_exceeded()). Throws ZipError naming
  // "archive:entry" when the archive or entry cannot be opened (encrypted
  // entries included).
  ZipEntryStream(const std::filesystem::path& path, const std::string& entry,
                 std::uint64_t max_bytes = 0);
  ~ZipEntryStream();
  ZipEntryStream(const ZipEntryStream&) = delete;
  ZipEntryStream& operator=(const ZipEntryStream&) = delete;

  std::FILE* file() const { return file_; }
  // "archive:entry", for messages.
  const std::string& display_name() const { return display_name_; }
  // True when decompression failed (a damaged archive): the stream ended early.
  bool read_failed() const { return read_failed_; }
  // True when the entry yielded more than max_bytes.
  bool limit_exceeded() const { return limit_exceeded_; }
  std::uint64_t bytes_read() const { return bytes_read_; }
  // What the archive's directory says the entry inflates to: a hint only (a
  // hostile archive may understate it; max_bytes is counted as it streams).
  std::uint64_t declared_size() const { return declared_size_; }

 private:
  static ssize_t read_entry(void* cookie, char* buffer, size_t size);
  struct Reader;  // the implementation's open entry
  ZipArchive archive_;
  std::unique_ptr<Reader> reader_;
  std::FILE* file_ = nullptr;
  std::string display_name_;
  std::uint64_t max_bytes_ = 0;
  std::uint64_t bytes_read_ = 0;
  std::uint64_t declared_size_ = 0;
  bool read_failed_ = false;
  bool limit_exceeded_ = false;
};

}  // namespace gifkit::grammars
