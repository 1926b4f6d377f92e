// csv_text_buffer.cpp — the input side of the CSV reader (see
// detail/csv_text_buffer.hpp): block reads, BOM, encoding detection, CP932
// conversion into one flat UTF-8 buffer with a sentinel.
#include "grammars/io/detail/csv_text_buffer.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "grammars/io/detail/utf8_scan.hpp"

namespace gifkit::grammars::detail {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Bytes of context the encoding detector sees after the first non-ASCII byte
// before it decides (a few characters tell UTF-8 from CP932 reliably).
constexpr std::size_t kDetectionContextBytes = 64;

// The bytes to read at a time from file: block_size, or less for a regular
// file smaller than that — all of it and one byte more, so that the first
// read finds its end (issue #29: a 1 MiB buffer for a 49-byte upload was
// mapped and unmapped per request, and munmap flushes every CPU's TLB). A
// pipe, a memory stream or a file that grows while it is read is still read
// whole, only in smaller blocks.
std::size_t block_for(std::FILE* file, std::size_t block_size) {
  assert(block_size >= 1);
  if (file == nullptr) return block_size;
  const int descriptor = ::fileno(file);
  struct stat status {};
  if (descriptor < 0 || ::fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode))
    return block_size;
  const auto size = static_cast<std::uint64_t>(status.st_size);
  return size < block_size ? static_cast<std::size_t>(size) + 1 : block_size;
}

}  // namespace

CsvTextBuffer::CsvTextBuffer(std::FILE* file, Encoding requested, std::size_t block_size,
                             ReadErrorHandler on_read_error)
    : file_(file),
      encoding_(requested),
      block_size_(block_for(file, std::max<std::size_t>(block_size, 1))),
      on_read_error_(std::move(on_read_error)) {
  ensure_capacity(std::min<std::size_t>(block_size_, 1 << 20) + 1);
  put_sentinel();
}

Encoding CsvTextBuffer::encoding() const {
  if (!started_) return encoding_;
  return encoding_ == Encoding::automatic ? Encoding::utf8 : encoding_;
}

void CsvTextBuffer::ensure_capacity(std::size_t needed) {
  if (needed <= capacity_) return;
  const std::size_t new_capacity = std::max(needed, capacity_ + capacity_ / 2);
  // A 16-byte scan may read past the sentinel: the slack is zeroed, the
  // rest left for the text (zeroing it all would make every page resident).
  std::unique_ptr<char[]> grown(new char[new_capacity + kScanSlack]);
  std::memset(grown.get() + new_capacity, 0, kScanSlack);
  if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
  data_ = std::move(grown);
  capacity_ = new_capacity;
}

// Reads up to count bytes; a short read means end of input or a read error
// (reported once). Sets at_end_ when the file has nothing more.
std::size_t CsvTextBuffer::read_from_file(char* destination, std::size_t count) {
  if (file_ == nullptr) {
    at_end_ = true;
    return 0;
  }
  const std::size_t got = std::fread(destination, 1, count, file_);
  bytes_read_ += got;
  if (got < count) {
    if (std::ferror(file_) && on_read_error_) {
      on_read_error_(std::string("read error: ") + std::strerror(errno));
    }
    // fread returns short only at end of file or on an error: either way
    // nothing more will come.
    file_ = nullptr;
  }
  return got;
}

void CsvTextBuffer::append_from_file(std::size_t count) {
  ensure_capacity(size_ + count + 1);
  size_ += read_from_file(data_.get() + size_, count);
  if (file_ == nullptr) at_end_ = true;  // cp932 mode never gets here
  put_sentinel();
}

void CsvTextBuffer::read_and_convert_cp932(std::size_t count) {
  const std::size_t pending = cp932_pending_.size();
  cp932_pending_.resize(pending + count);
  const std::size_t got = read_from_file(cp932_pending_.data() + pending, count);
  cp932_pending_.resize(pending + got);
  convert_pending_cp932();
}

// Converts the pending CP932 bytes up to the last complete character (all of
// them at end of input) and appends the UTF-8 to the buffer.
void CsvTextBuffer::convert_pending_cp932() {
  const bool input_done = file_ == nullptr;
  const std::size_t complete =
      input_done ? cp932_pending_.size() : cp932_complete_prefix_length(cp932_pending_);
  ensure_capacity(size_ + 3 * complete + 1);
  std::size_t invalid = 0;
  const std::size_t converted_begin = size_;
  const std::string_view input(cp932_pending_.data(), complete);
  size_ += cp932_to_utf8_into(input, data_.get() + size_, invalid);
  if (invalid != std::string_view::npos) {
    replacement_horizon_ = size_;
    // The k-th U+FFFD written stands for the k-th invalid character.
    const std::string_view written(data_.get() + converted_begin, size_ - converted_begin);
    std::size_t at = 0;
    for (std::string& bytes : cp932_invalid_characters(input, invalid)) {
      at = written.find("\xEF\xBF\xBD", at);
      if (at == std::string_view::npos) break;
      replaced_.emplace_back(converted_begin + at, std::move(bytes));
      at += 3;
    }
  }
  cp932_pending_.erase(0, complete);
  at_end_ = input_done && cp932_pending_.empty();
  put_sentinel();
}

// While the encoding is undecided, looks at the text appended from
// region_begin: still ASCII keeps it undecided; otherwise reads a little more
// context if needed, detects, and converts the region if it is CP932.
void CsvTextBuffer::decide_encoding_if_needed(std::size_t region_begin) {
  if (encoding_ != Encoding::automatic) return;
  const char* region = data_.get() + region_begin;
  std::size_t region_size = size_ - region_begin;
  if (is_all_ascii(region, region_size)) return;
  std::size_t first_non_ascii = 0;
  while (static_cast<unsigned char>(region[first_non_ascii]) < 0x80) ++first_non_ascii;
  while (file_ != nullptr && region_size - first_non_ascii < kDetectionContextBytes) {
    append_from_file(block_size_);
    region = data_.get() + region_begin;
    region_size = size_ - region_begin;
  }
  encoding_ = detect_encoding_tolerant(std::string_view(region, region_size));
  if (encoding_ != Encoding::cp932) return;
  // The region was read as raw bytes: take them back and convert them.
  converted_from_ = std::min(converted_from_, file_offset(region_begin));
  cp932_pending_.assign(region, region_size);
  size_ = region_begin;
  convert_pending_cp932();
}

void CsvTextBuffer::start() {
  started_ = true;
  if (encoding_ == Encoding::cp932) {
    converted_from_ = 0;
    read_and_convert_cp932(block_size_);
    return;
  }
  append_from_file(block_size_);
  while (size_ < kUtf8Bom.size() && file_ != nullptr) append_from_file(block_size_);
  if (std::string_view(data_.get(), size_).substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    had_bom_ = true;
    front_offset_ = kUtf8Bom.size();
    encoding_ = Encoding::utf8;
    std::memmove(data_.get(), data_.get() + kUtf8Bom.size(), size_ - kUtf8Bom.size());
    size_ -= kUtf8Bom.size();
    put_sentinel();
  }
  decide_encoding_if_needed(0);
}

void CsvTextBuffer::refill(std::size_t keep_from) {
  if (keep_from > 0) {
    front_offset_ += keep_from;
    std::memmove(data_.get(), data_.get() + keep_from, size_ - keep_from);
    size_ -= keep_from;
    replacement_horizon_ = replacement_horizon_ > keep_from ? replacement_horizon_ - keep_from : 0;
    while (!replaced_.empty() && replaced_.front().first < keep_from) replaced_.pop_front();
    for (auto& entry : replaced_) entry.first -= keep_from;
  }
  // Read at least as much as is kept, so a long record doubles the buffer
  // instead of growing it by one block per retry.
  const std::size_t count = std::max(block_size_, size_);
  if (encoding_ == Encoding::cp932) {
    read_and_convert_cp932(count);
    return;
  }
  const std::size_t region_begin = size_;
  append_from_file(count);
  decide_encoding_if_needed(region_begin);
}

std::string_view CsvTextBuffer::invalid_bytes_at(std::size_t at) const {
  const auto found = std::lower_bound(replaced_.begin(), replaced_.end(), at,
                                      [](const std::pair<std::size_t, std::string>& entry,
                                         std::size_t offset) { return entry.first < offset; });
  if (found == replaced_.end() || found->first != at) return {};
  return found->second;
}

}  // namespace gifkit::grammars::detail
