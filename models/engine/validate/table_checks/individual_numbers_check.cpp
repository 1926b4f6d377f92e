// individual_numbers_check.cpp — individual-number: the columns that hold
// 個人番号 by their values (checks/individual_number.hpp) or that their header
// names so, one problem each at the header, with no value. Every filled
// cell is counted, bound or not; a value its item's plan accepts and says
// cannot be one is counted without a look.
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class IndividualNumbersCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"individual-number"}; }

  bool bind(TableContext& table) override {
    if (!table.problems.wants("individual-number")) return false;
    columns_.clear();
    columns_.resize(table.binding.headers.size());
    return true;
  }

  void check_row(TableContext& table, TableRow& row) override {
    const auto& fields = row.fields();
    for (std::size_t i = 0; i < row.present; ++i) {
      const std::string_view value = fields[i];
      if (value.empty()) continue;
      if (row.accepted[i] && table.plans[i].accepts_no_individual_number()) {
        columns_[i].add_no_number();
      } else {
        columns_[i].add(value);
      }
    }
  }

  void finish(TableContext& table) override {
    const auto& headers = table.binding.headers;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const IndividualNumberColumn& column = columns_[i];
      const bool named =
          header_names_individual_number(headers[i], table.options.individual_number_headers);
      if (!named && !column.is_individual_number_column()) continue;
      if (column.all_masked()) continue;  // written masked (transform --mask individual-number)
      std::string reason = named ? "its header names it; " : "";
      reason += std::to_string(column.valid()) + " of its " + std::to_string(column.values()) +
                " values pass the 個人番号 check digit";
      Problem problem =
          table.make("individual-number", 1, table.header_line, static_cast<std::uint32_t>(i + 1));
      table.problems.add(std::move(problem), {{"reason", std::move(reason)}});
    }
  }

 private:
  std::vector<IndividualNumberColumn> columns_;  // per column, every value
};

}  // namespace

std::unique_ptr<TableCheck> make_individual_numbers_check() {
  return std::make_unique<IndividualNumbersCheck>();
}

}  // namespace gifkit::models
