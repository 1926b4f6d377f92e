// diff_keys.cpp — see diff_keys.hpp.
#include "models/engine/diff/diff_keys.hpp"

#include <algorithm>
#include <string_view>

#include "grammars/record_spool.hpp"

namespace gifkit::models {
namespace {

using grammars::mix_hash;

constexpr std::uint64_t kEmptyKeySalt = 0x5e1f0e11a7d1ff5eULL;

std::string_view row_field(const grammars::CsvRecord& record, int column) {
  return column >= 0 && static_cast<std::size_t>(column) < record.fields.size()
             ? record.fields[static_cast<std::size_t>(column)]
             : std::string_view();
}

// The key's text of a row: its key values (folded), joined by U+001F.
template <typename Values>
std::string key_text(const DiffState& state, const Values& values, bool old_file) {
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

// A key with an empty part (a composite key incomplete) identifies nothing.
bool key_is_empty(const DiffLayout& layout, const grammars::CsvRecord& record, bool is_old) {
  for (std::size_t at : layout.key_columns) {
    const DiffColumn& column = layout.columns[at];
    if (row_field(record, is_old ? column.old_index : column.new_index).empty()) return true;
  }
  return false;
}

// The hash of a row's key: of its values, or of their folded forms.
std::uint64_t key_hash(const DiffState& state, const grammars::CsvRecord& record, bool is_old) {
  if (state.options.folds != 0) return grammars::hash_text(key_text(state, record.fields, is_old));
  std::uint64_t h = 0;
  for (std::size_t at : state.layout.key_columns) {
    const DiffColumn& column = state.layout.columns[at];
    h = mix_hash(h, row_field(record, is_old ? column.old_index : column.new_index));
  }
  return h;
}

}  // namespace

void index_row(DiffState& state, const grammars::CsvRecord& record, bool is_old,
               const std::string& path, RowEntry& entry) {
  std::uint64_t digest = 0;
  for (const DiffColumn& column : state.common)
    digest = mix_hash(digest, row_field(record, is_old ? column.old_index : column.new_index));
  entry.digest = digest;
  if (state.layout.whole_row_key) {
    entry.key_hash = digest;
  } else {
    if (key_is_empty(state.layout, record, is_old)) {
      // No key to match by: only an identical row of the other file matches it.
      ++state.summary.empty_keys;
      state.add_problem({"empty-key", path, record.number,
                         "the key (" + key_names(state.layout) +
                             ") is empty or has an empty part: the row is matched only by an "
                             "identical row"});
      entry.key_hash = digest ^ kEmptyKeySalt;
    } else {
      entry.key_hash = key_hash(state, record, is_old);
    }
  }
}

std::string key_names(const DiffLayout& layout) {
  std::string names;
  for (std::size_t at : layout.key_columns)
    names += (names.empty() ? "" : ", ") + layout.columns[at].name;
  return names;
}

std::string shown_key(const DiffState& state, const std::vector<std::string>& values,
                      bool old_file) {
  std::string key = key_text(state, values, old_file);
  std::replace(key.begin(), key.end(), '\x1f', ',');
  return key;
}

}  // namespace gifkit::models
