// diff_keys.hpp — the key a diff matches rows by (DiffLayout::key_columns):
// a row's index entry (the hash of its key — of its folded key with
// --fold —, the digest of the columns both files have; a row with no key,
// or an empty one, matched by its digest alone), and the key as messages
// show it. The index entry is made for every row of both files: inline, as
// the reading loop's own code (out of line, a call a row cost more than its work).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "grammars/io/record_spool.hpp"
#include "models/engine/diff/diff_run.hpp"
#include "models/engine/diff/value_folds.hpp"

namespace gifkit::models {

constexpr std::uint64_t kEmptyKeySalt = 0x5e1f0e11a7d1ff5eULL;

// The value of a file's column (0-based; -1 for none) in record, "" where
// the row has no such column.
inline std::string_view column_value(const grammars::CsvRecord& record, int column) {
  return column >= 0 && static_cast<std::size_t>(column) < record.fields.size()
             ? record.fields[static_cast<std::size_t>(column)]
             : std::string_view();
}

// A key with an empty part (a composite key incomplete) identifies nothing.
inline bool key_is_empty(const DiffLayout& layout, const grammars::CsvRecord& record, bool is_old) {
  for (std::size_t at : layout.key_columns) {
    const DiffColumn& column = layout.columns[at];
    if (column_value(record, is_old ? column.old_index : column.new_index).empty()) return true;
  }
  return false;
}

// The key's text of a row (values: a file's row, OLD's when old_file): its
// key values (folded), joined by U+001F.
template <typename Values>
inline std::string key_text(const DiffState& state, const Values& values, bool old_file) {
  const DiffLayout& layout = state.layout;
  std::string key;
  for (std::size_t at : layout.key_columns) {
    const DiffColumn& column = layout.columns[at];
    const int index = old_file ? column.old_index : column.new_index;
    const std::string_view value = index >= 0 && static_cast<std::size_t>(index) < values.size()
                                       ? std::string_view(values[static_cast<std::size_t>(index)])
                                       : std::string_view();
    if (!key.empty()) key += '\x1f';
    key += state.options.folds != 0 ? apply_folds(state.options.folds, value) : std::string(value);
  }
  return key;
}

// The hash of a row's key: of its values, or of their folded forms.
inline std::uint64_t key_hash(const DiffState& state, const grammars::CsvRecord& record,
                              bool is_old) {
  if (state.options.folds != 0) return grammars::hash_text(key_text(state, record.fields, is_old));
  std::uint64_t h = 0;
  for (std::size_t at : state.layout.key_columns) {
    const DiffColumn& column = state.layout.columns[at];
    h = grammars::mix_hash(h, column_value(record, is_old ? column.old_index : column.new_index));
  }
  return h;
}

// Counts and reports (empty-key) the empty key of row of the file at path
// (held back while state.holding_empty_keys).
void report_empty_key(DiffState& state, const std::string& path, std::uint64_t row, bool is_old);

// The digest and the key hash of record (of OLD when is_old, read from the
// file at path) into entry; an empty key is counted and reported (empty-key);
// the watched columns filled are counted (KeyGaps).
inline void index_row(DiffState& state, const grammars::CsvRecord& record, bool is_old,
                      const std::string& path, RowEntry& entry) {
  if (!state.watched.empty()) {
    std::vector<std::uint64_t>& filled = state.gaps[is_old ? 0 : 1].filled;
    for (std::size_t k = 0; k < state.watched.size(); ++k) {
      const DiffColumn& column = state.layout.columns[state.watched[k]];
      filled[k] += !column_value(record, is_old ? column.old_index : column.new_index).empty();
    }
  }
  std::uint64_t digest = 0;
  for (const DiffColumn& column : state.common)
    digest = grammars::mix_hash(digest,
                                column_value(record, is_old ? column.old_index : column.new_index));
  entry.digest = digest;
  if (state.layout.whole_row_key) {
    entry.key_hash = digest;
  } else {
    if (key_is_empty(state.layout, record, is_old)) {
      // No key to match by: only an identical row of the other file matches it.
      report_empty_key(state, path, record.number, is_old);
      entry.key_hash = digest ^ kEmptyKeySalt;
    } else {
      entry.key_hash = key_hash(state, record, is_old);
    }
  }
}

// The key's columns, comma-separated ("" without a key).
std::string key_names(const DiffLayout& layout);

// The key of a row (values: a file's row, OLD's when old_file) as a message
// shows it: its values (folded), comma-separated.
std::string shown_key(const DiffState& state, const std::vector<std::string>& values,
                      bool old_file);

}  // namespace gifkit::models
