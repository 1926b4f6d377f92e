// column_kinds_check.cpp — what a column's values are (checks/column_kinds.hpp),
// reported once the rows are read: the cells of a column most of whose values
// look like another item's (value-in-wrong-column), and a column no item is
// bound to whose values point at an item the file has no column of
// (column-by-values, a suggestion at the header).
#include "models/engine/checks/column_by_values.hpp"
#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class ColumnKindsCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override {
    return {"value-in-wrong-column", "column-by-values"};
  }

  bool bind(TableContext& table) override {
    if (!table.problems.wants("value-in-wrong-column") && !table.problems.wants("column-by-values"))
      return false;
    column_kinds_.emplace(table.fields, &table.model, &table.resources);
    return true;
  }

  void check_row(TableContext&, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    column_kinds_->add_row(record.number, record.line, record.fields, &row.covered, &row.passed);
  }

  void finish(TableContext& table) override {
    report_wrong_columns(table);
    report_columns_by_values(table);
  }

 private:
  // The cells of columns most of whose values look like another item's,
  // named with the item of the model that has that kind; a code that repeats
  // another column of its row is named as such.
  void report_wrong_columns(TableContext& table) const {
    if (!table.problems.wants("value-in-wrong-column")) return;
    for (const ColumnKinds::WrongCell& cell : column_kinds_->wrong_cells()) {
      Problem problem = table.make("value-in-wrong-column", cell.row, cell.line,
                                   static_cast<std::uint32_t>(cell.column + 1));
      problem.value = cell.value;
      std::string kind(kind_name(cell.looks_like));
      if (cell.same_as >= 0) {
        const std::string& other = table.binding.headers[static_cast<std::size_t>(cell.same_as)];
        kind += " (the row's " + other + ")";
        problem.suggestion = "remove it: it repeats the row's " + other;
      } else {
        for (const FieldSpec& field : table.model.fields) {
          if (kind_of_field(field) != cell.looks_like) continue;
          problem.suggestion = "move it to " + HeaderMatcher::display_label(field);
          break;
        }
      }
      table.problems.add(std::move(problem), {{"kind", kind}});
    }
  }

  // The columns no item is bound to whose values (and header) point at an
  // item the file has no column of: a suggestion, at row 1. validate checks
  // no column it did not bind by its header or a mapping.
  void report_columns_by_values(TableContext& table) const {
    if (!table.problems.wants("column-by-values")) return;
    const HeaderBinding& binding = table.binding;
    for (const ValueBinding& found :
         columns_by_values(table.model, binding.headers, table.fields, *column_kinds_)) {
      // A column the header binding placed (a duplicate, a mapping's) is not unknown.
      if (binding.columns[found.column].match != HeaderMatch::unknown) continue;
      Problem problem = table.make("column-by-values", 1, table.header_line,
                                   static_cast<std::uint32_t>(found.column + 1));
      problem.value = binding.headers[found.column];
      const std::string item = HeaderMatcher::display_label(*found.field);
      problem.suggestion = item;
      std::string others;
      for (const FieldSpec* other : found.others)
        others += " or " + HeaderMatcher::display_label(*other);
      table.problems.add(std::move(problem),
                         {{"evidence", found.evidence}, {"item", item}, {"others", others}});
    }
  }

  std::optional<ColumnKinds> column_kinds_;
};

}  // namespace

std::unique_ptr<TableCheck> make_column_kinds_check() {
  return std::make_unique<ColumnKindsCheck>();
}

}  // namespace gifkit::models
