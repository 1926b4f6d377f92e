// diff_columns.cpp — see diff_columns.hpp.
#include "models/engine/diff/diff_columns.hpp"

#include <algorithm>
#include <cassert>
#include <set>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/dictionaries/table_lines.hpp"
#include "models/engine/dataset/header_matcher.hpp"

namespace gifkit::models {

FileColumns file_columns(const std::vector<std::string>& headers, const Model* model) {
  FileColumns columns;
  columns.headers = headers;
  columns.items.assign(headers.size(), nullptr);
  if (model == nullptr) return columns;
  const std::vector<ColumnBinding> bindings = HeaderMatcher(*model).match_all(headers);
  std::set<const FieldSpec*> seen;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const ColumnBinding& binding = bindings[i];
    if (binding.field != nullptr && seen.insert(binding.field).second)
      columns.items[i] = binding.field;
  }
  return columns;
}

void align_columns(const FileColumns& old_file, const FileColumns& new_file, DiffLayout& layout) {
  const std::size_t old_count = old_file.headers.size();
  std::vector<int> new_of_old(old_count, -1);
  std::vector<int> old_of_new(new_file.headers.size(), -1);
  // The same item first, then the same header among the columns left.
  for (std::size_t n = 0; n < new_file.headers.size(); ++n) {
    if (new_file.items[n] == nullptr) continue;
    for (std::size_t o = 0; o < old_count; ++o) {
      if (new_of_old[o] < 0 && old_file.items[o] == new_file.items[n]) {
        new_of_old[o] = static_cast<int>(n);
        old_of_new[n] = static_cast<int>(o);
        break;
      }
    }
  }
  for (std::size_t n = 0; n < new_file.headers.size(); ++n) {
    if (old_of_new[n] >= 0) continue;
    for (std::size_t o = 0; o < old_count; ++o) {
      if (new_of_old[o] < 0 && old_file.headers[o] == new_file.headers[n]) {
        new_of_old[o] = static_cast<int>(n);
        old_of_new[n] = static_cast<int>(o);
        break;
      }
    }
  }
  layout.columns.clear();
  for (std::size_t n = 0; n < new_file.headers.size(); ++n) {
    DiffColumn column;
    column.name = new_file.headers[n];
    column.new_index = static_cast<int>(n);
    column.old_index = old_of_new[n];
    column.field = new_file.items[n];
    if (column.old_index < 0) {
      column.change = ColumnChange::added;
    } else {
      column.old_name = old_file.headers[static_cast<std::size_t>(column.old_index)];
      if (column.old_name != column.name) {
        column.change = ColumnChange::renamed;
        column.renamed_by = "item";
      }
    }
    layout.columns.push_back(std::move(column));
  }
  // Each removed column after the layout column of the OLD column before it.
  for (std::size_t o = 0; o < old_count; ++o) {
    if (new_of_old[o] >= 0) continue;
    DiffColumn column;
    column.name = old_file.headers[o];
    column.old_name = old_file.headers[o];
    column.old_index = static_cast<int>(o);
    column.field = old_file.items[o];
    column.change = ColumnChange::removed;
    std::size_t at = 0;  // before everything when it was OLD's first column
    if (o > 0) {
      const auto before =
          std::find_if(layout.columns.begin(), layout.columns.end(),
                       [&](const DiffColumn& c) { return c.old_index == static_cast<int>(o) - 1; });
      at = before == layout.columns.end()
               ? layout.columns.size()
               : static_cast<std::size_t>(before - layout.columns.begin()) + 1;
    }
    layout.columns.insert(layout.columns.begin() + static_cast<std::ptrdiff_t>(at),
                          std::move(column));
  }
  // Reordered: the common columns, in NEW's order, do not stand in OLD's
  // order. A column is moved when it is not in the longest run that keeps it.
  std::vector<std::size_t> common;
  for (std::size_t i = 0; i < layout.columns.size(); ++i)
    if (layout.columns[i].old_index >= 0 && layout.columns[i].new_index >= 0) common.push_back(i);
  layout.reordered = false;
  for (std::size_t k = 1; k < common.size(); ++k) {
    if (layout.columns[common[k]].old_index < layout.columns[common[k - 1]].old_index)
      layout.reordered = true;
  }
  if (!layout.reordered) return;
  // Longest increasing subsequence of the OLD indexes (quadratic: headers are short).
  std::vector<int> length(common.size(), 1), previous(common.size(), -1);
  int best = 0;
  for (std::size_t k = 0; k < common.size(); ++k) {
    for (std::size_t j = 0; j < k; ++j) {
      if (layout.columns[common[j]].old_index < layout.columns[common[k]].old_index &&
          length[j] + 1 > length[k]) {
        length[k] = length[j] + 1;
        previous[k] = static_cast<int>(j);
      }
    }
    if (length[k] > length[static_cast<std::size_t>(best)]) best = static_cast<int>(k);
  }
  std::vector<bool> stays(common.size(), false);
  for (int k = best; k >= 0; k = previous[static_cast<std::size_t>(k)])
    stays[static_cast<std::size_t>(k)] = true;
  for (std::size_t k = 0; k < common.size(); ++k) layout.columns[common[k]].moved = !stays[k];
}

namespace {

// The layout column a --key name means, or -1.
int column_named(const std::string& name, const Model* model, const DiffLayout& layout) {
  const FieldSpec* field = nullptr;
  if (model != nullptr) {
    field = model->find_field(name);
    if (field == nullptr) field = HeaderMatcher(*model).match(name).field;
  }
  for (std::size_t i = 0; i < layout.columns.size(); ++i) {
    const DiffColumn& column = layout.columns[i];
    if ((field != nullptr && column.field == field) || column.name == name ||
        column.old_name == name)
      return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

std::vector<std::size_t> resolve_key(const std::vector<std::string>& names, const Model* model,
                                     DiffLayout& layout) {
  std::vector<std::size_t> key;
  if (!names.empty()) {
    for (const std::string& name : names) {
      const int at = column_named(name, model, layout);
      if (at < 0) {
        throw DiffFailure{
            "--key " + name + ": neither file has a column " + name +
            (model != nullptr ? " (nor an item of " + model->id + " by that name)" : "")};
      }
      const DiffColumn& column = layout.columns[static_cast<std::size_t>(at)];
      if (column.old_index < 0 || column.new_index < 0) {
        throw DiffFailure{"--key " + name + ": only " +
                          std::string(column.old_index < 0 ? "NEW (" + layout.new_path + ")"
                                                           : "OLD (" + layout.old_path + ")") +
                          " has the column " + column.name + "; a key needs it in both files"};
      }
      if (std::find(key.begin(), key.end(), static_cast<std::size_t>(at)) == key.end())
        key.push_back(static_cast<std::size_t>(at));
    }
  } else if (model != nullptr) {
    for (const FieldSpec& field : model->fields) {
      if (!field.key) continue;
      const auto at = std::find_if(layout.columns.begin(), layout.columns.end(),
                                   [&](const DiffColumn& c) { return c.field == &field; });
      if (at == layout.columns.end() || at->old_index < 0 || at->new_index < 0) {
        key.clear();  // a key item one file lacks: no key
        break;
      }
      key.push_back(static_cast<std::size_t>(at - layout.columns.begin()));
    }
  }
  for (std::size_t at : key) layout.columns[at].key = true;
  layout.key_columns = key;
  layout.whole_row_key = key.empty();
  return key;
}

std::vector<std::vector<std::size_t>> fallback_keys(const Model* model, const DiffLayout& layout) {
  std::vector<std::vector<std::size_t>> keys;
  grammars::for_each_table_line(grammars::dictionary_text("diff_fallback_keys.tsv"),
                                [&](std::size_t, const std::vector<std::string_view>& names) {
                                  std::vector<std::size_t> key;
                                  for (std::string_view name : names) {
                                    const int at = column_named(std::string(name), model, layout);
                                    if (at < 0) return;
                                    const DiffColumn& column =
                                        layout.columns[static_cast<std::size_t>(at)];
                                    if (column.old_index < 0 || column.new_index < 0) return;
                                    key.push_back(static_cast<std::size_t>(at));
                                  }
                                  if (!key.empty()) keys.push_back(std::move(key));
                                });
  return keys;
}

void merge_renamed_columns(DiffLayout& layout, int old_index, int new_index,
                           const std::string& renamed_by) {
  assert(renamed_by == "values" || renamed_by == "header and values");
  const auto find = [&](ColumnChange change) {
    const auto at = std::find_if(layout.columns.begin(), layout.columns.end(), [&](const auto& c) {
      return c.change == change && (change == ColumnChange::removed ? c.old_index == old_index
                                                                    : c.new_index == new_index);
    });
    assert(at != layout.columns.end());
    return static_cast<std::size_t>(at - layout.columns.begin());
  };
  const std::size_t removed = find(ColumnChange::removed);
  DiffColumn& column = layout.columns[find(ColumnChange::added)];
  column.old_index = layout.columns[removed].old_index;
  column.old_name = layout.columns[removed].old_name;
  column.change = ColumnChange::renamed;
  column.renamed_by = renamed_by;
  if (column.field == nullptr) column.field = layout.columns[removed].field;
  column.masked = column.masked || layout.columns[removed].masked;
  layout.columns.erase(layout.columns.begin() + static_cast<std::ptrdiff_t>(removed));
  for (std::size_t& at : layout.key_columns)
    if (at > removed) --at;
}

}  // namespace gifkit::models
