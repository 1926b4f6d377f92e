// diff_keys.cpp — see diff_keys.hpp.
#include "models/engine/diff/diff_keys.hpp"

#include <algorithm>

namespace gifkit::models {
namespace {

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

}  // namespace

std::uint64_t folded_key_hash(const DiffState& state, const grammars::CsvRecord& record,
                              bool is_old) {
  return grammars::hash_text(key_text(state, record.fields, is_old));
}

void report_empty_key(DiffState& state, const std::string& path, std::uint64_t row) {
  ++state.summary.empty_keys;
  state.add_problem({"empty-key", path, row,
                     "the key (" + key_names(state.layout) +
                         ") is empty or has an empty part: the row is matched only by an "
                         "identical row"});
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
