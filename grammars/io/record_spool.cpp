// record_spool.cpp — see record_spool.hpp; also the temporary-file helpers
// of external_sort.hpp. A record on disk: u32 its size after this word, u32
// the number of fields, then per field u32 its length and its bytes (host
// byte order: the file never outlives the process).
#include "grammars/io/record_spool.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gifkit::grammars {
namespace {

constexpr std::size_t kWriteBuffer = 1 << 20;
constexpr std::size_t kReadBlock = 64 << 10;

void put_u32(std::string& out, std::uint32_t value) {
  char bytes[4];
  std::memcpy(bytes, &value, 4);
  out.append(bytes, 4);
}

std::uint32_t get_u32(std::string_view in, std::size_t at) {
  std::uint32_t value = 0;
  std::memcpy(&value, in.data() + at, 4);
  return value;
}

}  // namespace

void advise_huge_pages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHugePage - 1);
  if (data == nullptr || last <= first) return;
  // Advice only: EINVAL where THP is not built in changes nothing.
  ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

std::filesystem::path temporary_directory() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir != nullptr && *tmpdir != '\0' ? std::filesystem::path(tmpdir)
                                              : std::filesystem::path("/tmp");
}

int open_unlinked_temporary(const std::filesystem::path& directory) {
  int fd = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  // A file system without O_TMPFILE: a named file, unlinked at once.
  std::string pattern = (directory / "gifkit-XXXXXX").string();
  fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    throw TemporaryFileError("cannot create a temporary file in " + directory.string() + ": " +
                             std::strerror(errno));
  }
  ::unlink(pattern.c_str());
  return fd;
}

void write_all_at(int fd, const void* data, std::size_t size, std::uint64_t offset,
                  const std::string& what) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, bytes, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw TemporaryFileError(
          what + ": write failed (is the disk full?): " + std::strerror(n < 0 ? errno : ENOSPC));
    }
    bytes += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
}

std::size_t read_at(int fd, void* data, std::size_t size, std::uint64_t offset,
                    const std::string& what) {
  char* bytes = static_cast<char*>(data);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, bytes + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw TemporaryFileError(what + ": read failed: " + std::strerror(errno));
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

RecordSpool::RecordSpool(std::filesystem::path directory)
    : directory_(std::move(directory)), fd_(open_unlinked_temporary(directory_)) {
  write_buffer_.reserve(kWriteBuffer);
}

RecordSpool::~RecordSpool() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t RecordSpool::append(const std::vector<std::string_view>& fields) {
  const std::uint64_t offset = size_;
  std::size_t bytes = 4;
  for (std::string_view field : fields) bytes += 4 + field.size();
  put_u32(write_buffer_, static_cast<std::uint32_t>(bytes));
  put_u32(write_buffer_, static_cast<std::uint32_t>(fields.size()));
  for (std::string_view field : fields) {
    put_u32(write_buffer_, static_cast<std::uint32_t>(field.size()));
    write_buffer_.append(field);
  }
  size_ += 4 + bytes;
  if (write_buffer_.size() >= kWriteBuffer) flush();
  return offset;
}

void RecordSpool::flush() {
  if (write_buffer_.empty()) return;
  write_all_at(fd_, write_buffer_.data(), write_buffer_.size(), written_,
               "a spool of rows in " + directory_.string());
  written_ += write_buffer_.size();
  write_buffer_.clear();
}

std::string_view RecordSpool::bytes_at(std::uint64_t offset, std::size_t size) {
  if (offset < read_block_at_ || offset + size > read_block_at_ + read_block_.size()) {
    flush();
    read_block_.resize(std::max(kReadBlock, size));
    const std::size_t got = read_at(fd_, read_block_.data(), read_block_.size(), offset,
                                    "a spool of rows in " + directory_.string());
    read_block_.resize(got);
    read_block_at_ = offset;
    if (got < size)
      throw TemporaryFileError("a spool of rows in " + directory_.string() + " was cut short");
  }
  return std::string_view(read_block_)
      .substr(static_cast<std::size_t>(offset - read_block_at_), size);
}

void RecordSpool::read(std::uint64_t offset, std::vector<std::string>& fields) {
  const std::uint32_t bytes = get_u32(bytes_at(offset, 4), 0);
  const std::string_view record = bytes_at(offset + 4, bytes);
  const std::uint32_t count = get_u32(record, 0);
  fields.resize(count);
  std::size_t at = 4;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t length = get_u32(record, at);
    fields[i].assign(record.data() + at + 4, length);
    at += 4 + length;
  }
}

namespace {

// 64-bit multiply-mix (the low and high halves of the 128-bit product folded).
std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

std::uint64_t load8(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

constexpr std::uint64_t kSeed0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t kSeed1 = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t kSeed2 = 0x8ebc6af09c88c6e3ULL;

}  // namespace

std::uint64_t hash_text(std::string_view text) {
  // Eight bytes a step, each step multiply-folded (the construction of
  // wyhash, written anew): fast on short texts, well spread on 64 bits.
  const char* p = text.data();
  std::size_t left = text.size();
  std::uint64_t h = kSeed0 ^ (text.size() * kSeed1);
  while (left >= 16) {
    h = fold_multiply(load8(p) ^ kSeed1, load8(p + 8) ^ h);
    p += 16;
    left -= 16;
  }
  std::uint64_t a = 0, b = 0;
  if (left >= 8) {
    a = load8(p);
    b = load8(p + left - 8);
  } else if (left > 0) {
    for (std::size_t i = 0; i < left; ++i)
      a |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    b = left;
  }
  return fold_multiply(fold_multiply(a ^ kSeed1, b ^ h) ^ kSeed2, text.size() ^ kSeed1);
}

std::uint64_t mix_hash(std::uint64_t h, std::string_view text) {
  return fold_multiply(h ^ kSeed2, hash_text(text) ^ kSeed0);
}

}  // namespace gifkit::grammars
