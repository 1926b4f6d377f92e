// zip_archive_libzip.cpp — zip_archive.hpp over libzip: the native build's zip
// reader (the browser build compiles zip_archive_own.cpp instead).
#include "grammars/io/zip_archive.hpp"

#include <zip.h>
#include <cerrno>

#include <cstring>

namespace gifkit::grammars {

struct ZipArchive::Handle {
  zip* archive = nullptr;
};

struct ZipEntryStream::Reader {
  zip_file* entry = nullptr;
};

ZipArchive::ZipArchive(const std::filesystem::path& path)
    : path_(path), handle_(std::make_unique<Handle>()) {
  int error_code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error_code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw ZipError(path.string() + ": not a readable zip archive (" + message + ")");
  }
  handle_->archive = archive;
}

ZipArchive::~ZipArchive() {
  if (handle_->archive != nullptr) zip_discard(handle_->archive);
}

namespace {

// The entry at index, false when it cannot be stat'ed or has no name.
bool stat_entry(zip* archive, zip_uint64_t index, ZipEntryInfo& info) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, index, 0, &stat) != 0 || (stat.valid & ZIP_STAT_NAME) == 0)
    return false;
  info.name = stat.name;
  info.size = (stat.valid & ZIP_STAT_SIZE) ? stat.size : 0;
  info.compressed_size = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
  info.encrypted =
      (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE;
  return true;
}

}  // namespace

std::vector<ZipEntryInfo> ZipArchive::entries() const {
  std::vector<ZipEntryInfo> result;
  const zip_int64_t count = zip_get_num_entries(handle_->archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    ZipEntryInfo info;
    if (stat_entry(handle_->archive, static_cast<zip_uint64_t>(i), info))
      result.push_back(std::move(info));
  }
  return result;
}

bool ZipArchive::find(const std::string& name, ZipEntryInfo& info) const {
  const zip_int64_t index = zip_name_locate(handle_->archive, name.c_str(), 0);
  return index >= 0 && stat_entry(handle_->archive, static_cast<zip_uint64_t>(index), info);
}

ZipEntryStream::ZipEntryStream(const std::filesystem::path& path, const std::string& entry,
                               std::uint64_t max_bytes)
    : archive_(path),
      reader_(std::make_unique<Reader>()),
      display_name_(path.string() + ":" + entry),
      max_bytes_(max_bytes) {
  ZipEntryInfo info;
  if (archive_.find(entry, info)) {
    if (info.encrypted)
      throw ZipError(display_name_ + ": the entry is encrypted (password-protected)");
    declared_size_ = info.size;
  }
  reader_->entry = zip_fopen(archive_.handle_->archive, entry.c_str(), 0);
  if (reader_->entry == nullptr) {
    throw ZipError(display_name_ + ": cannot read the zip entry (" +
                   zip_strerror(archive_.handle_->archive) + ")");
  }
  cookie_io_functions_t functions{&ZipEntryStream::read_entry, nullptr, nullptr, nullptr};
  file_ = fopencookie(this, "r", functions);
  if (file_ == nullptr) {
    zip_fclose(reader_->entry);
    throw ZipError(display_name_ + ": cannot open a stream over the zip entry");
  }
}

ZipEntryStream::~ZipEntryStream() {
  if (file_ != nullptr) std::fclose(file_);
  if (reader_->entry != nullptr) zip_fclose(reader_->entry);
}

ssize_t ZipEntryStream::read_entry(void* cookie, char* buffer, size_t size) {
  auto* self = static_cast<ZipEntryStream*>(cookie);
  zip_int64_t got = zip_fread(self->reader_->entry, buffer, size);
  if (got < 0) {
    self->read_failed_ = true;
    errno = EIO;  // what the reader's message says: not an earlier call's errno
    return -1;
  }
  self->bytes_read_ += static_cast<std::uint64_t>(got);
  if (self->max_bytes_ != 0 && self->bytes_read_ > self->max_bytes_) {
    self->limit_exceeded_ = true;
    errno = EFBIG;
    return -1;
  }
  return static_cast<ssize_t>(got);
}

}  // namespace gifkit::grammars
