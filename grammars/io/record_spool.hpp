// record_spool.hpp — records (lists of text fields) written one after the
// other into an unlinked temporary file and read back by their offset:
// random access to the rows of a dataset that was read once as a stream
// (standard input, an .xlsx sheet, Shift_JIS text), without holding them in
// memory. `gifkit diff` spools both files and reads back only the rows it
// reports. Plain I/O; the file goes when the spool does.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/external_sort.hpp"

namespace gifkit::grammars {

class RecordSpool {
 public:
  // Opens the temporary file in directory. Throws TemporaryFileError.
  explicit RecordSpool(std::filesystem::path directory = temporary_directory());
  ~RecordSpool();
  RecordSpool(const RecordSpool&) = delete;
  RecordSpool& operator=(const RecordSpool&) = delete;

  // Writes a record; returns its offset for read(). Throws
  // TemporaryFileError (a full disk).
  std::uint64_t append(const std::vector<std::string_view>& fields);

  // The record at offset (as append returned it) into fields (their
  // capacity is reused). Reads are served from a block read ahead, so that
  // records read in the order they were written cost one read a block.
  // Throws TemporaryFileError.
  void read(std::uint64_t offset, std::vector<std::string>& fields);

  std::uint64_t bytes() const { return size_; }

 private:
  void flush();
  // The bytes [offset, offset + size) of the file, from the read block.
  std::string_view bytes_at(std::uint64_t offset, std::size_t size);

  std::filesystem::path directory_;
  int fd_ = -1;
  std::uint64_t size_ = 0;     // bytes appended (written or buffered)
  std::uint64_t written_ = 0;  // bytes in the file
  std::string write_buffer_;
  std::string read_block_;
  std::uint64_t read_block_at_ = 0;
};

// A 64-bit hash of text, the same on every run and machine (not meant to
// resist an attacker): the row keys and digests of `gifkit diff`.
std::uint64_t hash_text(std::string_view text);

// h with the hash of text mixed in (the order of the mixes matters; a
// field boundary is part of it: ("ab", "c") and ("a", "bc") differ).
std::uint64_t mix_hash(std::uint64_t h, std::string_view text);

}  // namespace gifkit::grammars
