// diff_keys.cpp — see diff_keys.hpp.
#include "models/engine/diff/diff_keys.hpp"

#include <algorithm>

namespace gifkit::models {

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
