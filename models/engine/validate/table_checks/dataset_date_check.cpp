// dataset_date_check.cpp — currentness: the dataset's own date, the latest
// 更新日 / 最終更新日 of its rows (TaskReport::dataset_date). Reports no
// problem.
#include "grammars/values/date.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class DatasetDateCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {}; }

  // The columns whose header or item says 更新日.
  bool bind(TableContext& table) override {
    update_date_columns_.clear();
    for (std::size_t i = 0; i < table.columns(); ++i) {
      const FieldSpec* field = table.fields[i];
      if (table.binding.headers[i].find("更新日") != std::string::npos ||
          (field != nullptr && field->label.find("更新日") != std::string::npos))
        update_date_columns_.push_back(i);
    }
    return !update_date_columns_.empty();
  }

  void check_row(TableContext& table, TableRow& row) override {
    const auto& fields = row.fields();
    std::string& latest = table.task.dataset_date;
    for (std::size_t at : update_date_columns_) {
      if (at < row.present && fields[at].size() == 10 && grammars::check_date(fields[at]).ok() &&
          fields[at] > std::string_view(latest))
        latest = std::string(fields[at]);
    }
  }

 private:
  std::vector<std::size_t> update_date_columns_;
};

}  // namespace

std::unique_ptr<TableCheck> make_dataset_date_check() {
  return std::make_unique<DatasetDateCheck>();
}

}  // namespace gifkit::models
