// read_ahead_records.hpp — the CSV records of a source (source_files.hpp)
// read on a thread of their own, a few batches ahead of the importer that
// stores them: decompressing and parsing (a third of `registry build`'s work
// on the ABR's 地番 files) run on the second core while the importer checks,
// packs and writes on the first. The importer gets every record in the
// file's order, with the same fields, line numbers and errors as from the
// reader itself, so what it stores is the same; memory stays bounded (at
// most `batches` batches of about `batch_bytes` of field text in flight).
#pragma once
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "registries/db/source_files.hpp"

namespace gifkit::registries {

class ReadAheadRecords {
 public:
  // Starts reading source (which must outlive this object) with the CSV
  // reader's default options.
  explicit ReadAheadRecords(SourceStream& source, std::size_t batch_bytes = std::size_t{1} << 20,
                            std::size_t batches = 4);
  // Stops the reading thread and waits for it.
  ~ReadAheadRecords();
  ReadAheadRecords(const ReadAheadRecords&) = delete;
  ReadAheadRecords& operator=(const ReadAheadRecords&) = delete;

  // The next record in order, or false at the end. Its fields stay valid
  // until the next call. Throws RegistryError "NAME: cannot be read to the
  // end: WHY" when the input ended on a read error (a damaged zip, an
  // unreadable file), after every record read before it.
  bool next(grammars::CsvRecord& record);
  // Why the record just given is malformed: the reader's first error in it
  // ("malformed record" when it named none); "" when it is not malformed.
  const std::string& malformed_reason() const;

 private:
  struct Record {
    std::uint64_t number = 0;
    std::uint64_t line = 0;
    std::size_t first_field = 0;  // in Batch::field_ends
    std::size_t fields = 0;
    bool malformed = false;
    std::string reason;
  };
  struct Batch {
    std::string text;                     // the fields' bytes, one after another
    std::vector<std::size_t> field_ends;  // where each field ends in text
    std::vector<Record> records;
    bool last = false;         // the reader is done after this batch
    std::string read_failure;  // last: the input ended on a read error
    std::exception_ptr error;  // last: reading threw
  };

  void read_all();          // the reading thread
  bool fill(Batch& batch);  // false at the end
  void take();              // the next batch into current_ (one comes: the last is marked)

  SourceStream& source_;
  std::size_t batch_bytes_;
  std::size_t batches_;
  // The reading thread's own.
  grammars::CsvReader reader_;
  std::string reader_error_;  // the reader's first error since the last record
  grammars::CsvRecord read_;
  // Shared, under mutex_.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  bool stopping_ = false;
  // The importer's own.
  Batch current_;
  std::size_t at_ = 0;  // the next record of current_
  std::string no_reason_;
  const std::string* reason_ = &no_reason_;
  std::thread thread_;  // last: started when the rest is ready
};

}  // namespace gifkit::registries
