// zip_entry_reader.cpp — see zip_entry_reader.hpp.
#include "grammars/io/zip_entry_reader.hpp"

#include <algorithm>
#include <string>

#include "grammars/io/crc32.hpp"
#include "grammars/io/inflate.hpp"

namespace gifkit::grammars {

ZipEntryReader::ZipEntryReader(const std::filesystem::path& path, const ZipDirectoryEntry& entry)
    : entry_(entry), compressed_left_(entry.compressed_size) {
  if (entry.method != 0 && entry.method != 8)
    throw ZipFormatError("Compression method not supported");
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) throw ZipFormatError("Can't open file");
  if (fseeko(file_, static_cast<off_t>(entry.data_offset), SEEK_SET) != 0) {
    std::fclose(file_);
    throw ZipFormatError("Seek error");
  }
  if (entry.method == 8)
    inflater_ = std::make_unique<Inflater>(
        [this](unsigned char* buffer, std::size_t size) { return read_compressed(buffer, size); });
}

ZipEntryReader::~ZipEntryReader() {
  std::fclose(file_);
}

std::size_t ZipEntryReader::read_compressed(unsigned char* out, std::size_t size) {
  const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(size, compressed_left_));
  if (want == 0) return 0;
  const std::size_t got = std::fread(out, 1, want, file_);
  if (got == 0) throw ZipFormatError("Read error");
  compressed_left_ -= got;
  return got;
}

void ZipEntryReader::check_end() {
  ended_ = true;
  // The CRC only, as libzip: a size that lies is a hint that lies (the caller's cap
  // counts the bytes as they come), the bytes themselves are checked.
  if (crc_ != entry_.crc) throw ZipFormatError("CRC error");
}

std::size_t ZipEntryReader::read(unsigned char* out, std::size_t size) {
  if (ended_ || size == 0) return 0;
  std::size_t got = 0;
  if (inflater_) {
    try {
      got = inflater_->read(out, size);
    } catch (const InflateError& error) {
      throw ZipFormatError(std::string("Zlib error: ") + error.what());
    }
  } else {
    got = read_compressed(out, size);
  }
  if (got == 0) {
    check_end();
    return 0;
  }
  produced_ += got;
  crc_ = crc32_update(crc_, out, got);
  return got;
}

}  // namespace gifkit::grammars
