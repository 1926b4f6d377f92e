// item_values_check.cpp — each filled cell against its column's item: the
// value plan first (checks/value_plan.hpp: a value it accepts needs no
// check_value), then check_value and the item's xs:pattern. The findings wait
// in the row (TableRow::cell_findings) until the row's shift is known:
// cell_findings_check.cpp reports them. Counts the filled cells.
#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class ItemValuesCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override {
    return {"invalid-format", "invalid-value",         "invalid-check-digit", "not-in-code-list",
            "code-label",     "character-not-allowed", "wrong-width",         "too-long",
            "too-short",      "character-lost"};
  }
  bool bind(TableContext&) override { return true; }

  void check_row(TableContext& table, TableRow& row) override {
    const auto& fields = row.fields();
    for (std::size_t i = 0; i < row.present; ++i) {
      const std::string_view value = fields[i];
      if (value.empty()) continue;
      ++table.task.quality[i].filled;
      // The plan's verdict (a reader's error in the record leaves the value to check_value).
      const ValuePlan& plan = table.plans[i];
      const bool accepted = row.unreadable.empty() && plan.accepts(value);
      row.accepted[i] = accepted;
      const FieldPattern& pattern = table.patterns[i];
      if (accepted && pattern.empty()) {  // the plan vouches for it: no finding
        row.passed[i] = plan.accepted_kind() ? ColumnKinds::kOwnKind : 1;
        continue;
      }
      const FieldSpec* field = table.fields[i];
      if (field == nullptr) continue;
      if (!row.unreadable.empty() && row.is_unreadable(i)) {
        row.marks[i] |= TableRow::kCellHasProblem;
        continue;
      }
      findings_.clear();
      if (!accepted) check_value(*field, value, table.resources, findings_);
      if (!pattern.empty() && findings_.empty() && !pattern.matches(value)) {
        Finding finding;
        finding.code = "invalid-format";
        finding.reason = "does not match the pattern " + field->pattern;
        findings_.push_back(std::move(finding));
      }
      row.passed[i] = findings_.empty() ? 1 : 0;
      if (accepted && row.passed[i] && plan.accepted_kind()) row.passed[i] = ColumnKinds::kOwnKind;
      for (Finding& finding : findings_) row.cell_findings.push_back({i, std::move(finding)});
    }
  }

 private:
  std::vector<Finding> findings_;  // of the cell being checked
};

}  // namespace

std::unique_ptr<TableCheck> make_item_values_check() {
  return std::make_unique<ItemValuesCheck>();
}

}  // namespace gifkit::models
