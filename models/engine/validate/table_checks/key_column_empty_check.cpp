// key_column_empty_check.cpp — key-column-empty: a column of the model's key
// (an item with key="true": ID, NO, 法人番号) that is empty in a row of a
// file of two rows or more — one finding a column, whatever the number of
// rows: "in all 780 rows" or "in 3 of 780 rows (the first: row 5)". A row
// with an empty key column has no key (全国地方公共団体コード alone repeats
// in every row of a publisher's file) and is not checked for duplicates
// (duplicate-key), so the rows left unchecked are named here, once. A row
// with no value at all is not counted.
#include <algorithm>

#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class KeyColumnEmptyCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"key-column-empty"}; }

  bool bind(TableContext& table) override {
    key_columns_.clear();
    for (std::size_t i = 0; i < table.columns(); ++i)
      if (table.fields[i] != nullptr && table.fields[i]->key) key_columns_.push_back(i);
    empty_rows_.assign(key_columns_.size(), 0);
    first_empty_.assign(key_columns_.size(), 0);
    return !key_columns_.empty() && table.problems.wants("key-column-empty");
  }

  void check_row(TableContext&, TableRow& row) override {
    const auto& fields = row.fields();
    // A row with no value at all (a trailing line of commas) is no row with an empty key.
    if (std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return f.empty(); }))
      return;
    for (std::size_t k = 0; k < key_columns_.size(); ++k) {
      if (key_columns_[k] < fields.size() && !fields[key_columns_[k]].empty()) continue;
      if (empty_rows_[k]++ == 0) first_empty_[k] = row.record->number;
    }
  }

  void finish(TableContext& table) override {
    const std::uint64_t rows = table.task.stats.rows;
    if (rows < 2) return;
    std::string key;
    for (std::size_t column : key_columns_)
      key += (key.empty() ? "" : ", ") + HeaderMatcher::display_label(*table.fields[column]);
    for (std::size_t k = 0; k < key_columns_.size(); ++k) {
      const std::size_t column = key_columns_[k];
      const std::uint64_t empty = empty_rows_[k];
      if (empty == 0) continue;
      const bool all = empty >= rows;
      Problem problem = table.make("key-column-empty", 1, table.header_line,
                                   static_cast<std::uint32_t>(column + 1));
      problem.suggestion = "fill " + table.binding.headers[column] + " with each row's own " +
                           HeaderMatcher::display_label(*table.fields[column]);
      std::string where = all ? "all " + std::to_string(rows) + " rows"
                              : std::to_string(empty) + " of " + std::to_string(rows) +
                                    " rows (the first: row " + std::to_string(first_empty_[k]) +
                                    ")";
      std::string reason = all ? "the rows cannot be told apart by their key, and duplicate keys "
                                 "cannot be checked"
                           : empty == 1 ? "that row has no key and is not checked for duplicates"
                                        : "those rows have no key and are not checked for "
                                          "duplicates";
      table.problems.add(
          std::move(problem),
          {{"where", std::move(where)}, {"key", key}, {"reason", std::move(reason)}});
    }
  }

 private:
  std::vector<std::size_t> key_columns_;    // the columns bound to a key item
  std::vector<std::uint64_t> empty_rows_;   // per key column: the rows it is empty in
  std::vector<std::uint64_t> first_empty_;  // per key column: the first of them
};

}  // namespace

std::unique_ptr<TableCheck> make_key_column_empty_check() {
  return std::make_unique<KeyColumnEmptyCheck>();
}

}  // namespace gifkit::models
