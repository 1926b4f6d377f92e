// diff_input.cpp — see diff_input.hpp.
#include "models/engine/diff/diff_input.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace gifkit::models {
namespace {

// Where a row can be read again: bit 63 set, the rest its offset in the
// file's record spool; else bits 0–38 its byte offset in the file and bits
// 39–62 its size (a row of 16 MiB or more, or beyond 512 GiB, is spooled).
constexpr std::uint64_t kInSpool = std::uint64_t{1} << 63;
constexpr int kSizeShift = 39;
constexpr std::uint64_t kOffsetMask = (std::uint64_t{1} << kSizeShift) - 1;
constexpr std::uint64_t kSizeLimit = std::uint64_t{1} << (63 - kSizeShift);

}  // namespace

DiffInput::~DiffInput() {
  if (fd >= 0) ::close(fd);
}

void DiffInput::open(DiffState& state) {
  const DiffOptions& options = state.options;
  try {
    reader.emplace(path, options.reading,
                   [this](const grammars::CsvError& error) { errors.push_back(error); });
  } catch (const DatasetOpenError& error) {
    throw DiffFailure{path + ": " + error.reason};
  }
  grammars::CsvRecord record;
  if (!reader->next(record)) throw DiffFailure{path + ": the file has no header row"};
  headers.assign(record.fields.begin(), record.fields.end());
  report_errors(state);
}

void DiffInput::report_errors(DiffState& state) {
  for (const grammars::CsvError& error : errors) {
    state.add_problem({error.kind == grammars::CsvError::Kind::encoding_error ? "encoding-error"
                                                                              : "malformed-row",
                       path, 0, "line " + std::to_string(error.line) + ": " + error.message});
  }
  errors.clear();
}

// Inline: the reading loop's own code (a call a row cost more than its work).
inline std::uint64_t DiffInput::locate(const grammars::CsvRecord& record,
                                       const std::filesystem::path& temp) {
  if (fd >= 0 && record.file_offset != grammars::kNoFileOffset &&
      record.file_offset <= kOffsetMask && record.file_size < kSizeLimit)
    return record.file_offset | (std::uint64_t{record.file_size} << kSizeShift);
  if (!spool) spool.emplace(temp);
  return kInSpool | spool->append(record.fields);
}

void DiffInput::read(DiffState& state, bool is_old, std::uint64_t rows_before, std::size_t memory) {
  const DiffOptions& options = state.options;
  if (reader->records_can_be_read_again()) {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    delimiter = reader->delimiter();
  }
  index = std::make_unique<EntrySorter>(memory, ByKey(), state.temp);
  individual_numbers.assign(headers.size(), IndividualNumberColumn());
  grammars::CsvRecord record;
  while (reader->next(record)) {
    ++rows;
    if ((rows & 0xFFFF) == 0 && options.keep_going && !options.keep_going(rows_before + rows))
      throw DiffFailure{"stopped after " + std::to_string(rows_before + rows) + " rows"};
    if (!errors.empty()) report_errors(state);
    if (record.fields.size() != headers.size() &&
        !(record.fields.size() == 1 && record.fields[0].empty())) {
      state.add_problem({"malformed-row", path, record.number,
                         "the row has " + std::to_string(record.fields.size()) +
                             " fields, the header " + std::to_string(headers.size())});
    }
    for (std::size_t i = 0; i < record.fields.size() && i < headers.size(); ++i)
      individual_numbers[i].add(record.fields[i]);
    RowEntry entry;
    entry.row = static_cast<std::uint32_t>(record.number);
    entry.offset = locate(record, state.temp);
    index_row(state, record, is_old, path, entry);
    index->push(entry);
  }
  report_errors(state);
  index->finish();
  state.summary.sort_runs += index->runs();
}

void DiffInput::reindex(DiffState& state, bool is_old, std::size_t memory) {
  auto again = std::make_unique<EntrySorter>(memory, ByKey(), state.temp);
  RowEntry entry;
  grammars::CsvRecord record;
  if (path != "-") {
    // The file read again from its start (a read in order costs a fraction of
    // a row read at its place), each record with the place its entry keeps.
    grammars::ExternalSorter<RowEntry, ByRow> by_row(memory, ByRow(), state.temp);
    while (index->next(entry)) by_row.push(entry);
    index.reset();
    by_row.finish();
    std::optional<DatasetReader> file;
    try {
      file.emplace(path, state.options.reading, [](const grammars::CsvError&) {});
    } catch (const DatasetOpenError& error) {
      throw DiffFailure{path + ": cannot read it again: " + error.reason};
    }
    if (!file->next(record)) throw DiffFailure{path + ": it changed while it was compared"};
    while (by_row.next(entry)) {
      if (!file->next(record) || record.number != entry.row)
        throw DiffFailure{path + ": it changed while it was compared"};
      index_row(state, record, is_old, path, entry);
      again->push(entry);
    }
  } else {
    // Standard input: each row read again from the spool.
    std::vector<std::string> values;
    while (index->next(entry)) {
      load(entry.row, entry.offset, values);
      record.number = entry.row;
      record.fields.assign(values.begin(), values.end());
      index_row(state, record, is_old, path, entry);
      again->push(entry);
    }
  }
  index = std::move(again);
  index->finish();
  state.summary.sort_runs += index->runs();
}

void DiffInput::load(std::uint32_t row, std::uint64_t location, std::vector<std::string>& values) {
  if (row == kNoRow) {
    values.clear();
    return;
  }
  if (location & kInSpool) {
    spool->read(location & ~kInSpool, values);
    return;
  }
  try {
    read_record_at(path, fd, delimiter, location & kOffsetMask,
                   static_cast<std::uint32_t>(location >> kSizeShift), read_buffer_, values);
  } catch (const DatasetOpenError& error) {
    throw DiffFailure{error.reason};
  }
}

}  // namespace gifkit::models
