// read_ahead_records.cpp — see read_ahead_records.hpp. The reading thread
// fills a batch (copying each record's fields into it), hands it over under
// the mutex and starts the next; the importer takes batches in order and
// gives out their records as views into the batch it holds.
#include "registries/db/read_ahead_records.hpp"

#include <utility>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {
namespace {

// A batch's records at most (a file of empty fields has many to a MiB).
constexpr std::size_t kMaxBatchRecords = 1 << 16;

}  // namespace

ReadAheadRecords::ReadAheadRecords(SourceStream& source, std::size_t batch_bytes,
                                   std::size_t batches)
    : source_(source),
      batch_bytes_(batch_bytes),
      batches_(batches == 0 ? 1 : batches),
      reader_(source.file(), source.display_name(), {},
              [this](const grammars::CsvError& error) {
                if (reader_error_.empty()) reader_error_ = error.message;
              }),
      thread_([this] { read_all(); }) {}

ReadAheadRecords::~ReadAheadRecords() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

bool ReadAheadRecords::fill(Batch& batch) {
  batch.text.reserve(batch_bytes_ + batch_bytes_ / 4);
  while (batch.text.size() < batch_bytes_ && batch.records.size() < kMaxBatchRecords) {
    reader_error_.clear();
    if (!reader_.next(read_)) {
      if (!reader_error_.empty() || source_.zip_read_failed())
        batch.read_failure = reader_error_.empty() ? std::string("read error") : reader_error_;
      return false;
    }
    Record record;
    record.number = read_.number;
    record.line = read_.line;
    record.first_field = batch.field_ends.size();
    record.fields = read_.fields.size();
    record.malformed = read_.malformed;
    if (read_.malformed)
      record.reason = reader_error_.empty() ? std::string("malformed record") : reader_error_;
    for (std::string_view field : read_.fields) {
      batch.text += field;
      batch.field_ends.push_back(batch.text.size());
    }
    batch.records.push_back(std::move(record));
  }
  return true;
}

void ReadAheadRecords::read_all() {
  bool more = true;
  while (more) {
    Batch batch;
    try {
      more = fill(batch);
    } catch (...) {
      batch.error = std::current_exception();
      more = false;
    }
    batch.last = !more;
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return stopping_ || queue_.size() < batches_; });
    if (stopping_) return;
    queue_.push_back(std::move(batch));
    lock.unlock();
    changed_.notify_all();
  }
}

void ReadAheadRecords::take() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return !queue_.empty(); });
  current_ = std::move(queue_.front());
  queue_.pop_front();
  lock.unlock();
  changed_.notify_all();
  at_ = 0;
}

bool ReadAheadRecords::next(grammars::CsvRecord& record) {
  reason_ = &no_reason_;
  while (at_ == current_.records.size()) {
    if (current_.last) {
      if (current_.error) std::rethrow_exception(std::exchange(current_.error, nullptr));
      if (!current_.read_failure.empty())
        throw RegistryError(source_.display_name() +
                            ": cannot be read to the end: " + current_.read_failure);
      return false;
    }
    take();
  }
  const Record& stored = current_.records[at_++];
  record.number = stored.number;
  record.line = stored.line;
  record.malformed = stored.malformed;
  record.fields.clear();
  std::size_t start = stored.first_field == 0 ? 0 : current_.field_ends[stored.first_field - 1];
  for (std::size_t i = 0; i < stored.fields; ++i) {
    const std::size_t end = current_.field_ends[stored.first_field + i];
    record.fields.emplace_back(current_.text.data() + start, end - start);
    start = end;
  }
  if (stored.malformed) reason_ = &stored.reason;
  return true;
}

const std::string& ReadAheadRecords::malformed_reason() const {
  return *reason_;
}

}  // namespace gifkit::registries
