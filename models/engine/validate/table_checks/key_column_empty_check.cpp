// key_column_empty_check.cpp — key-column-empty: a column of the model's key
// (an item with key="true": ID, NO, 法人番号) that is empty in every row of a
// file of two rows or more. Its rows cannot be told apart by their key: with
// a key of two parts, each row then repeats the first row's key
// (duplicate-key), and this finding names the cause once. Reads the filled
// counts of the report's quality items (item_values counts them).
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
    return !key_columns_.empty() && table.problems.wants("key-column-empty");
  }

  void finish(TableContext& table) override {
    const std::uint64_t rows = table.task.stats.rows;
    if (rows < 2) return;
    std::string key;
    for (std::size_t column : key_columns_)
      key += (key.empty() ? "" : ", ") + HeaderMatcher::display_label(*table.fields[column]);
    for (std::size_t column : key_columns_) {
      if (table.task.quality[column].filled != 0) continue;
      Problem problem = table.make("key-column-empty", 1, table.header_line,
                                   static_cast<std::uint32_t>(column + 1));
      problem.suggestion = "fill " + table.binding.headers[column] + " with each row's own " +
                           HeaderMatcher::display_label(*table.fields[column]);
      table.problems.add(std::move(problem), {{"rows", std::to_string(rows)}, {"key", key}});
    }
  }

 private:
  std::vector<std::size_t> key_columns_;  // the columns bound to a key item
};

}  // namespace

std::unique_ptr<TableCheck> make_key_column_empty_check() {
  return std::make_unique<KeyColumnEmptyCheck>();
}

}  // namespace gifkit::models
