// column_profile_check.cpp — --profile-columns: each column's values profiled
// (validate/column_profile.hpp) into the report's quality items. Reports no
// problem.
#include "models/engine/validate/column_profile.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class ColumnProfileCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {}; }

  bool bind(TableContext& table) override {
    if (!table.options.profile_columns) return false;
    profiles_.emplace(table.binding.headers.size());
    return true;
  }

  void check_row(TableContext&, TableRow& row) override {
    const auto& fields = row.fields();
    for (std::size_t i = 0; i < row.present; ++i)
      if (!fields[i].empty()) profiles_->add(i, fields[i]);
  }

  void finish(TableContext& table) override { profiles_->store(table.task.quality); }

 private:
  std::optional<ColumnProfiles> profiles_;
};

}  // namespace

std::unique_ptr<TableCheck> make_column_profile_check() {
  return std::make_unique<ColumnProfileCheck>();
}

}  // namespace gifkit::models
