// required_values_check.cpp — missing-value: a required item empty in a row
// (HeaderBinding::required), unless another of its forms is complete (住所 or
// 都道府県 + 市区町村 + 町字以下). Points at an empty cell — the item's own, or
// the first empty one of another form — once, though several items share it
// (氏名 stands for 氏 and 名); not at a cell a shift emptied.
#include <algorithm>

#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class RequiredValuesCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"missing-value"}; }
  bool bind(TableContext& table) override { return !table.binding.required.empty(); }

  void check_row(TableContext& table, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    const auto& fields = record.fields;
    auto filled = [&](int column) {
      return column >= 0 && static_cast<std::size_t>(column) < fields.size() &&
             !fields[column].empty();
    };
    missing_columns_.clear();
    for (const auto& item : table.binding.required) {
      if (filled(item.column)) continue;
      const bool other_form = std::any_of(
          item.other_forms.begin(), item.other_forms.end(),
          [&](const auto& form) { return std::all_of(form.begin(), form.end(), filled); });
      if (other_form) continue;
      int column = item.column;
      if (column < 0) {
        const auto& form = item.other_forms.front();
        const auto empty = std::find_if_not(form.begin(), form.end(), filled);
        column = empty != form.end() ? *empty : form.front();
      }
      if (std::find(missing_columns_.begin(), missing_columns_.end(), column) !=
          missing_columns_.end())
        continue;
      if (row.covered[static_cast<std::size_t>(column)]) continue;  // emptied by the shift
      missing_columns_.push_back(column);
      Problem problem = table.make("missing-value", record.number, record.line,
                                   static_cast<std::uint32_t>(column + 1));
      if (table.problems.add(std::move(problem)) == Severity::error) row.error = true;
    }
  }

 private:
  std::vector<int> missing_columns_;  // columns reported in the current row
};

}  // namespace

std::unique_ptr<TableCheck> make_required_values_check() {
  return std::make_unique<RequiredValuesCheck>();
}

}  // namespace gifkit::models
