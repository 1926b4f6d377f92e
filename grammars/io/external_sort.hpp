// external_sort.hpp — sorts fixed-size records within a memory budget: they
// are kept in memory while they fit, else sorted in runs written to
// unlinked temporary files and merged back (k-way). Used by `gifkit diff`
// for the row indexes of files larger than memory; plain I/O, no models.
#pragma once
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <queue>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace gifkit::grammars {

// Why a temporary file of an external sort (or a record spool) could not be
// written or read: the message names the folder and the system's reason.
struct TemporaryFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An unlinked temporary file in directory, open for reading and writing:
// it disappears when closed, whatever happens. Throws TemporaryFileError.
int open_unlinked_temporary(const std::filesystem::path& directory);

// The folder temporary files go to: $TMPDIR, else /tmp.
std::filesystem::path temporary_directory();

// Writes all of data at offset; throws TemporaryFileError (a full disk) naming what.
void write_all_at(int fd, const void* data, std::size_t size, std::uint64_t offset,
                  const std::string& what);
// Reads size bytes at offset (fewer only at the end of the file); returns how
// many were read. Throws TemporaryFileError on a read error.
std::size_t read_at(int fd, void* data, std::size_t size, std::uint64_t offset,
                    const std::string& what);

// Asks the kernel to back [data, data + bytes) with transparent huge pages
// (madvise MADV_HUGEPAGE on the 2 MiB-aligned part; a no-op where the kernel
// does not offer them). For large buffers filled once: a 4 KiB page fault
// costs ~13 µs in this project's virtual machines, and a 1,000,000-row diff
// took 50,000 of them.
void advise_huge_pages(void* data, std::size_t bytes);

// A Less that says it orders every two different records (static constexpr
// bool kTotalOrder = true: no two records compare equivalent). Its records
// are sorted with std::sort — no merge buffer; the one order there is, so
// the same result as a stable sort.
template <typename Less>
concept TotalOrder = requires {
  requires Less::kTotalOrder;
};

template <typename T, typename Less>
class ExternalSorter {
  static_assert(std::is_trivially_copyable_v<T>, "records are written to disk as bytes");

 public:
  // memory_bytes: what the records may take in memory (at least a few
  // thousand records' worth is used whatever is given).
  ExternalSorter(std::size_t memory_bytes, Less less = Less(),
                 std::filesystem::path directory = temporary_directory())
      : capacity_(std::max<std::size_t>(memory_bytes / sizeof(T), 4096)),
        less_(less),
        directory_(std::move(directory)) {
    // Address space only: the pages are touched as records come, and a
    // full buffer is never copied to a larger one.
    buffer_.reserve(capacity_);
    advise_huge_pages(buffer_.data(), capacity_ * sizeof(T));
  }
  ~ExternalSorter() {
    for (Run& run : runs_)
      if (run.fd >= 0) ::close(run.fd);
  }
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;

  void push(const T& record) {
    assert(!finished_);
    buffer_.push_back(record);
    ++count_;
    if (buffer_.size() >= capacity_) spill();
  }

  // Ends the pushing; next() then gives the records in order (equal ones in
  // the order they were pushed when they stayed in memory; in some order
  // otherwise — make Less total where that matters).
  void finish() {
    assert(!finished_);
    finished_ = true;
    if (runs_.empty()) {
      sort_buffer();
      return;
    }
    if (!buffer_.empty()) spill();
    buffer_.shrink_to_fit();
    // Each run is read through a buffer of its share of the budget.
    const std::size_t per_run = std::max<std::size_t>(capacity_ / (runs_.size() + 1), 256);
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      runs_[r].buffer.resize(per_run);
      if (fill(runs_[r])) heap_.push(r);
    }
  }

  bool next(T& out) {
    assert(finished_);
    if (runs_.empty()) {
      if (position_ >= buffer_.size()) return false;
      out = buffer_[position_++];
      return true;
    }
    if (heap_.empty()) return false;
    const std::size_t r = heap_.top();
    heap_.pop();
    Run& run = runs_[r];
    out = run.buffer[run.at++];
    if (run.at < run.filled || fill(run)) heap_.push(r);
    return true;
  }

  std::uint64_t size() const { return count_; }
  std::size_t runs() const { return runs_.size(); }

 private:
  struct Run {
    int fd = -1;
    std::uint64_t records = 0;
    std::uint64_t read = 0;  // records read back so far
    std::vector<T> buffer;
    std::size_t at = 0, filled = 0;
  };

  void sort_buffer() {
    if constexpr (TotalOrder<Less>)
      std::sort(buffer_.begin(), buffer_.end(), less_);
    else
      std::stable_sort(buffer_.begin(), buffer_.end(), less_);
  }

  void spill() {
    sort_buffer();
    Run run;
    run.fd = open_unlinked_temporary(directory_);
    run.records = buffer_.size();
    runs_.push_back(std::move(run));
    write_all_at(runs_.back().fd, buffer_.data(), buffer_.size() * sizeof(T), 0,
                 "a sort run in " + directory_.string());
    buffer_.clear();
  }

  // Reads the run's next records into its buffer; false when it is done.
  bool fill(Run& run) {
    const std::uint64_t left = run.records - run.read;
    if (left == 0) return false;
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(left, run.buffer.size()));
    const std::size_t got = read_at(run.fd, run.buffer.data(), n * sizeof(T), run.read * sizeof(T),
                                    "a sort run in " + directory_.string());
    if (got != n * sizeof(T))
      throw TemporaryFileError("a sort run in " + directory_.string() + " was cut short");
    run.read += n;
    run.at = 0;
    run.filled = n;
    return true;
  }

  struct HeapOrder {
    const ExternalSorter* sorter;
    bool operator()(std::size_t a, std::size_t b) const {  // the smallest record on top
      const Run& x = sorter->runs_[a];
      const Run& y = sorter->runs_[b];
      if (sorter->less_(y.buffer[y.at], x.buffer[x.at])) return true;
      if (sorter->less_(x.buffer[x.at], y.buffer[y.at])) return false;
      return a > b;  // equal records: the earlier run first
    }
  };

  std::size_t capacity_;
  Less less_;
  std::filesystem::path directory_;
  std::vector<T> buffer_;
  std::vector<Run> runs_;
  std::priority_queue<std::size_t, std::vector<std::size_t>, HeapOrder> heap_{HeapOrder{this}};
  std::size_t position_ = 0;
  std::uint64_t count_ = 0;
  bool finished_ = false;
};

}  // namespace gifkit::grammars
