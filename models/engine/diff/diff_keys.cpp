// diff_keys.cpp — see diff_keys.hpp.
#include "models/engine/diff/diff_keys.hpp"

#include <algorithm>

namespace gifkit::models {

void report_empty_key(DiffState& state, const std::string& path, std::uint64_t row, bool is_old) {
  ++state.summary.empty_keys;
  ++state.gaps[is_old ? 0 : 1].empty_rows;
  DiffProblem problem{"empty-key", path, row,
                      "the key (" + key_names(state.layout) +
                          ") is empty or has an empty part: the row is matched only by an "
                          "identical row"};
  if (state.holding_empty_keys)
    state.hold_problem(std::move(problem));
  else
    state.add_problem(std::move(problem));
}

void DiffState::release_held_problems() {
  std::vector<DiffProblem> merged;
  merged.reserve(std::min(problems.size() + held.size(), kProblemCap));
  std::size_t next = 0;
  for (auto& [before, problem] : held) {
    while (next < problems.size() && next < before) merged.push_back(std::move(problems[next++]));
    merged.push_back(std::move(problem));
  }
  while (next < problems.size()) merged.push_back(std::move(problems[next++]));
  if (merged.size() > kProblemCap) merged.resize(kProblemCap);
  problems = std::move(merged);
  held.clear();
  held_count = 0;
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
