// diff.cpp — run_diff (see diff.hpp). The stages, each bounded in memory:
// 1. each file is read once, and for each row an index entry (key hash,
//    digest of the common columns, where the row can be read again, record
//    number) pushed into
//    an external sorter ordered by key. A row of a CSV or TSV file is read
//    again from the file itself (its byte offset and size); a row of
//    standard input, a workbook or converted (Shift_JIS) text is written to
//    a record spool first;
// 2. the two sorted indexes are merged: rows of one key paired in the order
//    they stand (a key on several rows of a file is reported), the rest
//    added or removed; a removed and an added column that agree row by row
//    are found here (their values read again, only when both files have
//    columns of their own);
// 3. the pairs are put in the output's order — NEW's rows in NEW's order,
//    each removed row after the NEW row of the OLD row before it — through
//    two more external sorts (by OLD's order, to place the removed rows;
//    then by place);
// 4. the rows are read again (only those reported: a row
//    whose digest is the same is unchanged without being read) and compared
//    cell by cell, with the folds.
#include "models/engine/diff/diff.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

#include "grammars/external_sort.hpp"
#include "grammars/header_words.hpp"
#include "grammars/identifiers.hpp"
#include "grammars/record_spool.hpp"
#include "models/engine/checks/column_by_values.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/diff/diff_columns.hpp"

namespace gifkit::models {
namespace {

using grammars::mix_hash;

constexpr std::uint32_t kNone = 0xFFFFFFFFu;
constexpr std::size_t kSideColumns = 4;  // columns of one file only, compared for renames
constexpr std::size_t kProblemCap = 1000;
constexpr std::uint64_t kEmptyKeySalt = 0x5e1f0e11a7d1ff5eULL;

struct RowEntry {
  std::uint64_t key_hash = 0;
  std::uint64_t digest = 0;
  std::uint64_t offset = 0;
  std::uint32_t row = 0;
};

struct ByKey {
  static constexpr bool kTotalOrder = true;  // row is unique
  bool operator()(const RowEntry& a, const RowEntry& b) const {
    return a.key_hash != b.key_hash ? a.key_hash < b.key_hash : a.row < b.row;
  }
};

struct RowPair {
  std::uint64_t place = 0;  // (position << 1) | after: the output's order
  std::uint64_t old_offset = 0, new_offset = 0;
  std::uint32_t old_row = kNone, new_row = kNone;
  std::uint16_t side_equal = 0;  // bit x * 4 + y: OLD's side column x equals NEW's y
  std::uint8_t digest_equal = 0;
};

struct ByOldRow {
  // Each OLD row is in one pair; the pairs of added rows (no OLD row, last)
  // are told apart by their NEW rows. Total: std::sort, no merge buffer (a
  // stable sort's took a third of the 1,000,000-row diff's page faults).
  static constexpr bool kTotalOrder = true;
  bool operator()(const RowPair& a, const RowPair& b) const {
    return a.old_row != b.old_row ? a.old_row < b.old_row : a.new_row < b.new_row;
  }
};

struct ByPlace {
  // A place is one row's, but for the rows removed after one position: their
  // old rows (unique) order them.
  static constexpr bool kTotalOrder = true;
  bool operator()(const RowPair& a, const RowPair& b) const {
    return a.place != b.place ? a.place < b.place : a.old_row < b.old_row;
  }
};

using EntrySorter = grammars::ExternalSorter<RowEntry, ByKey>;
using PairSorter = grammars::ExternalSorter<RowPair, ByOldRow>;
using PlaceSorter = grammars::ExternalSorter<RowPair, ByPlace>;

// How often a removed and an added column agree on the matched rows.
struct RenameEvidence {
  std::uint64_t agree = 0;     // equal and not empty
  std::uint64_t disagree = 0;  // different
};

// Where a row can be read again: bit 63 set, the rest its offset in the
// file's record spool; else bits 0–38 its byte offset in the file and bits
// 39–62 its size (a row of 16 MiB or more, or beyond 512 GiB, is spooled).
constexpr std::uint64_t kInSpool = std::uint64_t{1} << 63;
constexpr int kSizeShift = 39;
constexpr std::uint64_t kOffsetMask = (std::uint64_t{1} << kSizeShift) - 1;
constexpr std::uint64_t kSizeLimit = std::uint64_t{1} << (63 - kSizeShift);

// One input: its reader, header, index, and where its rows are read again.
struct InputFile {
  ~InputFile() {
    if (fd >= 0) ::close(fd);
  }
  std::string path;
  std::optional<DatasetReader> reader;
  int fd = -1;  // the file, for rows read again from it (-1: all are spooled)
  char delimiter = 0;
  std::vector<grammars::CsvError> errors;
  std::vector<std::string> headers;
  std::optional<grammars::RecordSpool> spool;
  std::unique_ptr<EntrySorter> index;
  std::uint64_t rows = 0;
  std::vector<int> side_columns;  // file columns only this file has (at most kSideColumns)
  std::vector<const FieldSpec*> side_items;                // the item of each (nullptr: none)
  std::vector<IndividualNumberColumn> individual_numbers;  // per file column
};

class DiffRun {
 public:
  DiffRun(const DiffOptions& options, ModelCatalog& catalog, DiffSink& sink)
      : options_(options), catalog_(catalog), sink_(sink) {
    temp_ = options.temporary_directory.empty() ? grammars::temporary_directory()
                                                : options.temporary_directory;
  }

  DiffSummary run() {
    if (options_.old_path == "-" && options_.new_path == "-")
      throw DiffFailure{"only one of OLD and NEW can be standard input"};
    old_.path = options_.old_path;
    new_.path = options_.new_path;
    open(old_);
    open(new_);
    plan_layout();
    const std::size_t budget = std::max<std::size_t>(options_.memory_limit, 1 << 20);
    read(old_, budget * 3 / 10);
    read(new_, budget * 3 / 10);
    find_individual_numbers();
    merge(budget / 5);
    place(budget / 5);
    emit();
    return summary_;
  }

 private:
  void open(InputFile& file) {
    DatasetReadOptions read_options;
    read_options.encoding = options_.encoding;
    read_options.delimiter = options_.delimiter;
    read_options.sheet = options_.sheet;
    read_options.limits = options_.read_limits;
    try {
      file.reader.emplace(file.path, read_options, [&file](const grammars::CsvError& error) {
        file.errors.push_back(error);
      });
    } catch (const DatasetOpenError& error) {
      throw DiffFailure{file.path + ": " + error.reason};
    }
    grammars::CsvRecord record;
    if (!file.reader->next(record)) throw DiffFailure{file.path + ": the file has no header row"};
    file.headers.assign(record.fields.begin(), record.fields.end());
    report_errors(file);
  }

  void report_errors(InputFile& file) {
    for (const grammars::CsvError& error : file.errors) {
      add_problem({error.kind == grammars::CsvError::Kind::encoding_error ? "encoding-error"
                                                                          : "malformed-row",
                   file.path, 0, "line " + std::to_string(error.line) + ": " + error.message});
    }
    file.errors.clear();
  }

  void add_problem(DiffProblem problem) {
    ++summary_.problems;
    problem.message = grammars::mask_individual_numbers_in(problem.message);
    if (problems_.size() < kProblemCap) problems_.push_back(std::move(problem));
  }

  // The model, the columns side by side, the key.
  void plan_layout() {
    const Model* model = nullptr;
    if (!options_.model.empty()) {
      std::string error;
      model = catalog_.find_or_load(options_.model, error);
      if (model == nullptr) throw DiffFailure{error};
      layout_.model_note = "given";
    } else {
      const ModelChoice choice = choose_model(catalog_, nullptr, new_.headers, new_.path);
      model = choice.model;
      layout_.model_note = model != nullptr ? choice.note
                           : choice.closest.empty()
                               ? "no model fits NEW's header"
                               : "no model fits NEW's header; the closest are " +
                                     closest_models_text(choice, new_.headers.size()) +
                                     " (name one with --model); columns matched by their headers";
    }
    layout_.old_path = old_.path;
    layout_.new_path = new_.path;
    layout_.model = model != nullptr ? model->id : "";
    layout_.folds = options_.folds;
    align_columns(file_columns(old_.headers, model), file_columns(new_.headers, model), layout_);
    resolve_key(options_.key, model, layout_);
    if (layout_.whole_row_key) {
      summary_.notes.push_back(
          "no key: rows are matched by all the values of the columns both files have, so a "
          "changed row is a row removed and a row added (give --key)");
    }
    for (const DiffColumn& column : layout_.columns) {
      if (column.old_index >= 0 && column.new_index >= 0) common_.push_back(column);
      if (column.change == ColumnChange::removed && old_.side_columns.size() < kSideColumns) {
        old_.side_columns.push_back(column.old_index);
        old_.side_items.push_back(column.field);
      }
      if (column.change == ColumnChange::added && new_.side_columns.size() < kSideColumns) {
        new_.side_columns.push_back(column.new_index);
        new_.side_items.push_back(column.field);
      }
    }
  }

  static std::string_view field(const grammars::CsvRecord& record, int column) {
    return column >= 0 && static_cast<std::size_t>(column) < record.fields.size()
               ? record.fields[static_cast<std::size_t>(column)]
               : std::string_view();
  }

  // The key's text of a row: its key values (folded), joined by U+001F.
  template <typename Values>
  std::string key_text(const Values& values, bool old_file) const {
    std::string key;
    for (std::size_t at : layout_.key_columns) {
      const DiffColumn& column = layout_.columns[at];
      const int index = old_file ? column.old_index : column.new_index;
      const std::string_view value = index >= 0 && static_cast<std::size_t>(index) < values.size()
                                         ? std::string_view(values[static_cast<std::size_t>(index)])
                                         : std::string_view();
      if (!key.empty()) key += '\x1f';
      key += options_.folds != 0 ? apply_folds(options_.folds, value) : std::string(value);
    }
    return key;
  }

  // Stage 1: the file's rows into its spool and index.
  void read(InputFile& file, std::size_t memory) {
    const bool is_old = &file == &old_;
    if (file.reader->records_can_be_read_again()) {
      file.fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
      file.delimiter = file.reader->delimiter();
    }
    file.index = std::make_unique<EntrySorter>(memory, ByKey(), temp_);
    file.individual_numbers.assign(file.headers.size(), IndividualNumberColumn());
    grammars::CsvRecord record;
    while (file.reader->next(record)) {
      ++file.rows;
      if ((file.rows & 0xFFFF) == 0 && options_.keep_going &&
          !options_.keep_going(old_.rows + new_.rows))
        throw DiffFailure{"stopped after " + std::to_string(old_.rows + new_.rows) + " rows"};
      if (!file.errors.empty()) report_errors(file);
      if (record.fields.size() != file.headers.size() &&
          !(record.fields.size() == 1 && record.fields[0].empty())) {
        add_problem({"malformed-row", file.path, record.number,
                     "the row has " + std::to_string(record.fields.size()) +
                         " fields, the header " + std::to_string(file.headers.size())});
      }
      for (std::size_t i = 0; i < record.fields.size() && i < file.headers.size(); ++i)
        file.individual_numbers[i].add(record.fields[i]);
      RowEntry entry;
      entry.row = static_cast<std::uint32_t>(record.number);
      entry.offset = locate(file, record);
      std::uint64_t digest = 0;
      for (const DiffColumn& column : common_)
        digest = mix_hash(digest, field(record, is_old ? column.old_index : column.new_index));
      entry.digest = digest;
      if (layout_.whole_row_key) {
        entry.key_hash = digest;
      } else {
        if (key_is_empty(record, is_old)) {
          // No key to match by: only an identical row of the other file matches it.
          ++summary_.empty_keys;
          add_problem({"empty-key", file.path, record.number,
                       "the key (" + key_names() +
                           ") is empty or has an empty part: the row is matched only by an "
                           "identical row"});
          entry.key_hash = digest ^ kEmptyKeySalt;
        } else {
          entry.key_hash = key_hash(record, is_old);
        }
      }
      file.index->push(entry);
    }
    report_errors(file);
    file.index->finish();
    summary_.sort_runs += file.index->runs();
  }

  // A key with an empty part (a composite key incomplete) identifies nothing.
  bool key_is_empty(const grammars::CsvRecord& record, bool is_old) const {
    for (std::size_t at : layout_.key_columns) {
      const DiffColumn& column = layout_.columns[at];
      if (field(record, is_old ? column.old_index : column.new_index).empty()) return true;
    }
    return false;
  }

  // The hash of a row's key: of its values, or of their folded forms.
  std::uint64_t key_hash(const grammars::CsvRecord& record, bool is_old) const {
    if (options_.folds != 0) return grammars::hash_text(key_text(record.fields, is_old));
    std::uint64_t h = 0;
    for (std::size_t at : layout_.key_columns) {
      const DiffColumn& column = layout_.columns[at];
      h = mix_hash(h, field(record, is_old ? column.old_index : column.new_index));
    }
    return h;
  }

  // Where the row of record can be read again (see kInSpool).
  std::uint64_t locate(InputFile& file, const grammars::CsvRecord& record) {
    if (file.fd >= 0 && record.file_offset != grammars::kNoFileOffset &&
        record.file_offset <= kOffsetMask && record.file_size < kSizeLimit)
      return record.file_offset | (std::uint64_t{record.file_size} << kSizeShift);
    if (!file.spool) file.spool.emplace(temp_);
    return kInSpool | file.spool->append(record.fields);
  }

  std::string key_names() const {
    std::string names;
    for (std::size_t at : layout_.key_columns)
      names += (names.empty() ? "" : ", ") + layout_.columns[at].name;
    return names;
  }

  // The columns of 個人番号 (by header or values, in either file): masked.
  void find_individual_numbers() {
    auto holds = [this](const InputFile& file, int index) {
      if (index < 0) return false;
      const auto at = static_cast<std::size_t>(index);
      return (options_.individual_number_headers != nullptr &&
              header_names_individual_number(file.headers[at],
                                             *options_.individual_number_headers)) ||
             file.individual_numbers[at].holds_individual_numbers();
    };
    for (DiffColumn& column : layout_.columns) {
      column.masked = holds(old_, column.old_index) || holds(new_, column.new_index);
      if (column.masked) {
        summary_.notes.push_back(grammars::mask_individual_numbers_in(column.name) +
                                 ": holds 個人番号 (マイナンバー): its values are shown masked");
      }
    }
  }

  // Stage 2: the two indexes merged by key into pairs (by OLD's order).
  void merge(std::size_t memory) {
    summary_.old_rows = old_.rows;
    summary_.new_rows = new_.rows;
    by_old_ = std::make_unique<PairSorter>(memory, ByOldRow(), temp_);
    places_ = std::make_unique<PlaceSorter>(memory, ByPlace(), temp_);
    evidence_.assign(kSideColumns * kSideColumns, RenameEvidence());
    std::vector<RowEntry> old_group, new_group;
    RowEntry old_next, new_next;
    bool old_more = old_.index->next(old_next);
    bool new_more = new_.index->next(new_next);
    while (old_more || new_more) {
      const std::uint64_t key = !old_more   ? new_next.key_hash
                                : !new_more ? old_next.key_hash
                                            : std::min(old_next.key_hash, new_next.key_hash);
      old_group.clear();
      new_group.clear();
      while (old_more && old_next.key_hash == key) {
        old_group.push_back(old_next);
        old_more = old_.index->next(old_next);
      }
      while (new_more && new_next.key_hash == key) {
        new_group.push_back(new_next);
        new_more = new_.index->next(new_next);
      }
      if (old_group.size() > 1) duplicate_key(old_, old_group);
      if (new_group.size() > 1) duplicate_key(new_, new_group);
      const std::size_t matched = std::min(old_group.size(), new_group.size());
      for (std::size_t i = 0; i < old_group.size(); ++i) {
        RowPair pair;
        pair.old_row = old_group[i].row;
        pair.old_offset = old_group[i].offset;
        if (i < matched) {
          pair.new_row = new_group[i].row;
          pair.new_offset = new_group[i].offset;
          pair.digest_equal = old_group[i].digest == new_group[i].digest;
          pair.side_equal = compare_sides(old_group[i], new_group[i]);
        }
        by_old_->push(pair);
      }
      for (std::size_t i = matched; i < new_group.size(); ++i) {
        RowPair pair;
        pair.new_row = new_group[i].row;
        pair.new_offset = new_group[i].offset;
        pair.place = static_cast<std::uint64_t>(pair.new_row) << 1;
        places_->push(pair);
      }
    }
    old_.index.reset();
    new_.index.reset();
    by_old_->finish();
    summary_.sort_runs += by_old_->runs();
    find_renamed_columns();
  }

  // The equalities of OLD's and NEW's side columns on a matched row (read
  // from the spools: only when both files have columns of their own), and
  // the evidence of renames they give.
  std::uint16_t compare_sides(const RowEntry& old_row, const RowEntry& new_row) {
    if (old_.side_columns.empty() || new_.side_columns.empty()) return 0;
    load(old_, old_row.row, old_row.offset, old_values_);
    load(new_, new_row.row, new_row.offset, new_values_);
    auto value = [](const std::vector<std::string>& values, int column) {
      return static_cast<std::size_t>(column) < values.size()
                 ? std::string_view(values[static_cast<std::size_t>(column)])
                 : std::string_view();
    };
    std::uint16_t equal = 0;
    for (std::size_t x = 0; x < old_.side_columns.size(); ++x) {
      const std::string_view a = value(old_values_, old_.side_columns[x]);
      for (std::size_t y = 0; y < new_.side_columns.size(); ++y) {
        RenameEvidence& evidence = evidence_[x * kSideColumns + y];
        if (a == value(new_values_, new_.side_columns[y])) {
          equal |= static_cast<std::uint16_t>(1u << (x * kSideColumns + y));
          if (!a.empty()) ++evidence.agree;
        } else {
          ++evidence.disagree;
        }
      }
    }
    return equal;
  }

  // True when the headers of OLD's side column x and NEW's side column y name
  // one item (grammars/header_words.hpp: 電話番号 and 電話), or one names the
  // item the other is bound to.
  bool headers_name_one_item(std::size_t x, std::size_t y) const {
    const std::string& a = old_.headers[static_cast<std::size_t>(old_.side_columns[x])];
    const std::string& b = new_.headers[static_cast<std::size_t>(new_.side_columns[y])];
    return grammars::header_words().name_one_item(a, b) ||
           (old_.side_items[x] != nullptr && header_points_at(b, *old_.side_items[x])) ||
           (new_.side_items[y] != nullptr && header_points_at(a, *new_.side_items[y]));
  }

  // A removed and an added column are one column renamed when their values
  // agree on at least 90 % of the matched rows where either has a value (and
  // on one at least) — or, when their headers name one item (電話番号 and
  // 電話), on more than half of them —, each with the other as its best match.
  void find_renamed_columns() {
    const std::size_t olds = old_.side_columns.size(), news = new_.side_columns.size();
    auto share = [&](std::size_t x, std::size_t y) {
      const RenameEvidence& e = evidence_[x * kSideColumns + y];
      const std::uint64_t compared = e.agree + e.disagree;
      return compared == 0 || e.agree == 0
                 ? 0.0
                 : static_cast<double>(e.agree) / static_cast<double>(compared);
    };
    std::vector<bool> named(kSideColumns * kSideColumns, false);
    for (std::size_t x = 0; x < olds; ++x)
      for (std::size_t y = 0; y < news; ++y)
        named[x * kSideColumns + y] = headers_name_one_item(x, y);
    auto enough = [&](std::size_t x, std::size_t y) {
      return named[x * kSideColumns + y] ? share(x, y) > 0.5 : share(x, y) >= 0.9;
    };
    for (std::size_t x = 0; x < olds; ++x) {
      std::size_t best = news;
      for (std::size_t y = 0; y < news; ++y)
        if (enough(x, y) && (best == news || share(x, y) > share(x, best))) best = y;
      if (best == news) continue;
      bool best_for_y = true;
      for (std::size_t other = 0; other < olds; ++other)
        if (other != x && share(other, best) > share(x, best)) best_for_y = false;
      if (!best_for_y) continue;
      renamed_.push_back({x, best});
      merge_renamed_columns(
          layout_, old_.side_columns[x], new_.side_columns[best],
          named[x * kSideColumns + best] && share(x, best) < 0.9 ? "header and values" : "values");
    }
  }

  // Reports a key that stands on several rows of a file; its rows are
  // paired with the other file's in the order they stand.
  void duplicate_key(InputFile& file, const std::vector<RowEntry>& group) {
    ++summary_.duplicate_keys;
    std::vector<std::string> values;
    load(file, group.front().row, group.front().offset, values);
    std::string rows;
    for (std::size_t i = 0; i < group.size() && i < 10; ++i)
      rows += (i ? ", " : "") + std::to_string(group[i].row);
    if (group.size() > 10) rows += ", … (" + std::to_string(group.size()) + " rows)";
    const std::string key = layout_.whole_row_key
                                ? "the same values"
                                : key_names() + " " + shown_key(values, &file == &old_);
    add_problem({"duplicate-key", file.path, group.front().row,
                 key + " stands on rows " + rows +
                     ": they are compared with the other file's rows of that key in the order "
                     "they stand"});
  }

  std::string shown_key(const std::vector<std::string>& values, bool old_file) const {
    std::string key = key_text(values, old_file);
    std::replace(key.begin(), key.end(), '\x1f', ',');
    return key;
  }

  // Stage 3: every pair placed: matched ones at their NEW row, a removed one
  // after the NEW row of the matched OLD row before it.
  void place(std::size_t) {
    std::uint64_t anchor = 0;  // (NEW row of the last matched OLD row) << 1, 0 before any
    RowPair pair;
    while (by_old_->next(pair)) {
      if (pair.new_row != kNone) {
        anchor = static_cast<std::uint64_t>(pair.new_row) << 1;
        pair.place = anchor;
      } else {
        pair.place = anchor | 1;
      }
      places_->push(pair);
    }
    by_old_.reset();
    places_->finish();
    summary_.sort_runs += places_->runs();
  }

  // Whether a matched pair differs in a column renamed by its values.
  bool renamed_columns_differ(const RowPair& pair) const {
    for (const auto& [x, y] : renamed_)
      if ((pair.side_equal & (1u << (x * kSideColumns + y))) == 0) return true;
    return false;
  }

  // Stage 4: the rows in their order to the sink.
  void emit() {
    sink_.begin(layout_);
    for (const DiffProblem& problem : problems_) sink_.problem(problem);
    const bool all = sink_.wants_same_rows();
    const bool context = sink_.wants_context();
    std::optional<RowPair> pending_same;  // the unchanged row last passed over
    RowPair pair;
    RowDiff row;
    while (places_->next(pair)) {
      const bool matched = pair.old_row != kNone && pair.new_row != kNone;
      if (matched && pair.digest_equal && !renamed_columns_differ(pair)) {
        ++summary_.same;
        if (all) {
          build(pair, RowChange::same, row);
          deliver(row);
        } else {
          pending_same = pair;
        }
        continue;
      }
      if (!matched || !compare(pair, row)) {
        if (pair.new_row == kNone) {
          build(pair, RowChange::removed, row);
          ++summary_.removed;
        } else if (pair.old_row == kNone) {
          if (context && pending_same) {
            RowDiff before;
            build(*pending_same, RowChange::same, before);
            deliver(before);
          }
          build(pair, RowChange::added, row);
          ++summary_.added;
        } else {
          // Two keys of one hash: not the same row after all.
          RowPair removed = pair, added = pair;
          removed.new_row = kNone;
          added.old_row = kNone;
          build(removed, RowChange::removed, row);
          deliver(row);
          build(added, RowChange::added, row);
          summary_.removed += 1;
          summary_.added += 1;
        }
      }
      pending_same.reset();
      if (row.change == RowChange::same) {
        ++summary_.same;
        if (!all) continue;
      }
      deliver(row);
    }
    for (const DiffColumn& column : layout_.columns) {
      summary_.columns_added += column.change == ColumnChange::added;
      summary_.columns_removed += column.change == ColumnChange::removed;
      summary_.columns_renamed += column.change == ColumnChange::renamed;
    }
    summary_.reordered = layout_.reordered;
    sink_.end(summary_);
  }

  // Passes row on, every value of a column of 個人番号 masked whole and
  // every 個人番号 in the other values masked as validate's reports mask
  // them (grammars::mask_individual_numbers_in): no output format shows one.
  void deliver(RowDiff& row) {
    for (std::size_t i = 0; i < layout_.columns.size(); ++i) {
      mask_value(i, row.old_values[i]);
      mask_value(i, row.new_values[i]);
    }
    for (std::size_t k = 0; k < row.key.size() && k < layout_.key_columns.size(); ++k)
      mask_value(layout_.key_columns[k], row.key[k]);
    for (CellDiff& cell : row.cells) {
      mask_value(cell.column, cell.old_value);
      mask_value(cell.column, cell.new_value);
    }
    sink_.row(row);
  }

  void mask_value(std::size_t column, std::string& value) const {
    if (layout_.columns[column].masked) {
      value = grammars::mask_individual_number(value);
    } else {
      mask_shown(value);
    }
  }
  static void mask_shown(std::string& value) {
    if (value.size() >= 12) value = grammars::mask_individual_numbers_in(value);
  }

  // The row's values per layout column, from the spools.
  void build(const RowPair& pair, RowChange change, RowDiff& row) {
    row.change = change;
    row.cells.clear();
    row.old_row = pair.old_row == kNone ? 0 : pair.old_row;
    row.new_row = pair.new_row == kNone ? 0 : pair.new_row;
    load(old_, pair.old_row, pair.old_offset, old_values_);
    load(new_, pair.new_row, pair.new_offset, new_values_);
    const std::size_t n = layout_.columns.size();
    row.old_values.assign(n, std::string());
    row.new_values.assign(n, std::string());
    for (std::size_t i = 0; i < n; ++i) {
      const DiffColumn& column = layout_.columns[i];
      if (column.old_index >= 0 && static_cast<std::size_t>(column.old_index) < old_values_.size())
        row.old_values[i] = old_values_[static_cast<std::size_t>(column.old_index)];
      if (column.new_index >= 0 && static_cast<std::size_t>(column.new_index) < new_values_.size())
        row.new_values[i] = new_values_[static_cast<std::size_t>(column.new_index)];
    }
    row.key.clear();
    const std::vector<std::string>& values =
        pair.new_row != kNone ? row.new_values : row.old_values;
    for (std::size_t at : layout_.key_columns) row.key.push_back(values[at]);
  }

  // The values of a row (values empty for kNone), read again from where it is.
  void load(InputFile& file, std::uint32_t row, std::uint64_t location,
            std::vector<std::string>& values) {
    if (row == kNone) {
      values.clear();
      return;
    }
    if (location & kInSpool) {
      file.spool->read(location & ~kInSpool, values);
      return;
    }
    try {
      read_record_at(file.path, file.fd, file.delimiter, location & kOffsetMask,
                     static_cast<std::uint32_t>(location >> kSizeShift), read_buffer_, values);
    } catch (const DatasetOpenError& error) {
      throw DiffFailure{error.reason};
    }
  }

  // A matched pair whose digests differ, compared cell by cell into row:
  // changed, fold_only or (a digest collision) same. False when the keys
  // differ after all (two keys of one hash).
  bool compare(const RowPair& pair, RowDiff& row) {
    build(pair, RowChange::changed, row);
    if (!layout_.whole_row_key) {
      for (std::size_t at : layout_.key_columns) {
        const std::string& a = row.old_values[at];
        const std::string& b = row.new_values[at];
        if (a != b && (options_.folds == 0 ||
                       apply_folds(options_.folds, a) != apply_folds(options_.folds, b)))
          return false;
      }
    }
    bool changed = false;
    for (std::size_t i = 0; i < layout_.columns.size(); ++i) {
      const DiffColumn& column = layout_.columns[i];
      if (column.old_index < 0 || column.new_index < 0) continue;
      const std::string& a = row.old_values[i];
      const std::string& b = row.new_values[i];
      if (a == b) continue;
      CellDiff cell;
      cell.column = i;
      cell.old_value = a;
      cell.new_value = b;
      cell.fold_only =
          options_.folds != 0 && apply_folds(options_.folds, a) == apply_folds(options_.folds, b);
      changed = changed || !cell.fold_only;
      row.cells.push_back(std::move(cell));
    }
    if (row.cells.empty()) {
      row.change = RowChange::same;
    } else if (changed) {
      row.change = RowChange::changed;
      ++summary_.changed;
    } else {
      row.change = RowChange::fold_only;
      ++summary_.fold_only;
    }
    return true;
  }

  const DiffOptions& options_;
  ModelCatalog& catalog_;
  DiffSink& sink_;
  std::filesystem::path temp_;
  InputFile old_, new_;
  DiffLayout layout_;
  std::vector<DiffColumn> common_;  // the columns both files have, as planned (before renames)
  DiffSummary summary_;
  std::vector<DiffProblem> problems_;
  std::unique_ptr<PairSorter> by_old_;
  std::unique_ptr<PlaceSorter> places_;
  std::vector<RenameEvidence> evidence_;
  std::vector<std::pair<std::size_t, std::size_t>> renamed_;  // (OLD side x, NEW side y)
  std::vector<std::string> old_values_, new_values_;
  std::string read_buffer_;
};

}  // namespace

std::string_view column_change_name(ColumnChange change) {
  switch (change) {
    case ColumnChange::same:
      return "same";
    case ColumnChange::renamed:
      return "renamed";
    case ColumnChange::added:
      return "added";
    case ColumnChange::removed:
      return "removed";
  }
  return "";
}

std::string_view renamed_by_words(std::string_view renamed_by) {
  if (renamed_by == "item") return "the same item";
  if (renamed_by == "header and values")
    return "its header names the same item and most values agree";
  return "the same values";
}

std::string_view row_change_name(RowChange change) {
  switch (change) {
    case RowChange::same:
      return "same";
    case RowChange::added:
      return "added";
    case RowChange::removed:
      return "removed";
    case RowChange::changed:
      return "changed";
    case RowChange::fold_only:
      return "fold_only";
  }
  return "";
}

DiffSummary run_diff(const DiffOptions& options, ModelCatalog& catalog, DiffSink& sink) {
  try {
    return DiffRun(options, catalog, sink).run();
  } catch (const grammars::ReadLimitExceeded& refused) {  // in the middle of a sheet
    throw DiffFailure{refused.what()};
  }
}

}  // namespace gifkit::models
