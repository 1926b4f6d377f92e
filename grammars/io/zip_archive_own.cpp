// zip_archive_own.cpp — zip_archive.hpp over gifkit's own zip reader
// (zip_directory.hpp, zip_entry_reader.hpp, inflate.hpp): the browser build's,
// where there is no libzip. Same messages, same streaming and the same byte
// cap as zip_archive_libzip.cpp.
#include "grammars/io/zip_archive.hpp"

#include <cerrno>

#include "grammars/io/zip_directory.hpp"
#include "grammars/io/zip_entry_reader.hpp"

namespace gifkit::grammars {

struct ZipArchive::Handle {
  std::vector<ZipDirectoryEntry> entries;
  const ZipDirectoryEntry* find(const std::string& name) const {
    for (const auto& entry : entries)
      if (entry.name == name) return &entry;
    return nullptr;
  }
};

struct ZipEntryStream::Reader {
  std::unique_ptr<ZipEntryReader> entry;
};

namespace {

ZipEntryInfo info_of(const ZipDirectoryEntry& entry) {
  return ZipEntryInfo{entry.name, entry.size, entry.compressed_size, entry.encrypted()};
}

}  // namespace

ZipArchive::ZipArchive(const std::filesystem::path& path)
    : path_(path), handle_(std::make_unique<Handle>()) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  std::string reason;
  if (file == nullptr) {
    std::error_code error;
    reason = std::filesystem::exists(path, error) ? "Can't open file" : "No such file";
  } else {
    try {
      handle_->entries = read_zip_directory(file);
    } catch (const ZipFormatError& error) {
      reason = error.what();
    }
    std::fclose(file);
  }
  if (!reason.empty())
    throw ZipError(path.string() + ": not a readable zip archive (" + reason + ")");
}

ZipArchive::~ZipArchive() = default;

std::vector<ZipEntryInfo> ZipArchive::entries() const {
  std::vector<ZipEntryInfo> result;
  result.reserve(handle_->entries.size());
  for (const auto& entry : handle_->entries) result.push_back(info_of(entry));
  return result;
}

bool ZipArchive::find(const std::string& name, ZipEntryInfo& info) const {
  const ZipDirectoryEntry* entry = handle_->find(name);
  if (entry != nullptr) info = info_of(*entry);
  return entry != nullptr;
}

ZipEntryStream::ZipEntryStream(const std::filesystem::path& path, const std::string& entry,
                               std::uint64_t max_bytes)
    : archive_(path),
      reader_(std::make_unique<Reader>()),
      display_name_(path.string() + ":" + entry),
      max_bytes_(max_bytes) {
  const ZipDirectoryEntry* found = archive_.handle_->find(entry);
  if (found == nullptr)
    throw ZipError(display_name_ + ": cannot read the zip entry (No such file)");
  if (found->encrypted())
    throw ZipError(display_name_ + ": the entry is encrypted (password-protected)");
  declared_size_ = found->size;
  try {
    reader_->entry = std::make_unique<ZipEntryReader>(path, *found);
  } catch (const ZipFormatError& error) {
    throw ZipError(display_name_ + ": cannot read the zip entry (" + error.what() + ")");
  }
  cookie_io_functions_t functions{&ZipEntryStream::read_entry, nullptr, nullptr, nullptr};
  file_ = fopencookie(this, "r", functions);
  if (file_ == nullptr) throw ZipError(display_name_ + ": cannot open a stream over the zip entry");
}

ZipEntryStream::~ZipEntryStream() {
  if (file_ != nullptr) std::fclose(file_);
}

ssize_t ZipEntryStream::read_entry(void* cookie, char* buffer, size_t size) {
  auto* self = static_cast<ZipEntryStream*>(cookie);
  std::size_t got = 0;
  try {
    got = self->reader_->entry->read(reinterpret_cast<unsigned char*>(buffer), size);
  } catch (const ZipFormatError&) {
    self->read_failed_ = true;
    errno = EIO;  // what the reader's message says: not an earlier call's errno
    return -1;
  }
  self->bytes_read_ += got;
  if (self->max_bytes_ != 0 && self->bytes_read_ > self->max_bytes_) {
    self->limit_exceeded_ = true;
    errno = EFBIG;
    return -1;
  }
  return static_cast<ssize_t>(got);
}

}  // namespace gifkit::grammars
