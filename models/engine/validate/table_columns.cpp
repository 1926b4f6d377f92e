// table_columns.cpp — TableValidation's findings about whole columns, made
// once the rows have been read (or, for a block of shifted columns, once the
// block ends): values under the wrong header (value-in-wrong-column), a
// column understood by its values (column-by-values), a block of shifted
// columns (columns-shifted) and the columns of 個人番号 (individual-number).
// table_validation.cpp reads the rows and checks each cell.
#include <cassert>

#include "grammars/identifiers.hpp"
#include "models/engine/checks/column_by_values.hpp"
#include "models/engine/validate/table_validation.hpp"

namespace gifkit::models {

// The cells of columns most of whose values look like another item's
// (column_kinds.hpp), named with the item of the model that has that kind;
// a code that repeats another column of its row is named as such.
void TableValidation::report_wrong_columns() {
  if (!column_kinds_ || !problems_.wants("value-in-wrong-column")) return;
  for (const ColumnKinds::WrongCell& cell : column_kinds_->wrong_cells()) {
    Problem problem = make("value-in-wrong-column", cell.row, cell.line,
                           static_cast<std::uint32_t>(cell.column + 1));
    problem.value = cell.value;
    std::string kind(kind_name(cell.looks_like));
    if (cell.same_as >= 0) {
      const std::string& other = binding_.headers[static_cast<std::size_t>(cell.same_as)];
      kind += " (the row's " + other + ")";
      problem.suggestion = "remove it: it repeats the row's " + other;
    } else {
      for (const FieldSpec& field : binding_.model->fields) {
        if (kind_of_field(field) != cell.looks_like) continue;
        problem.suggestion = "move it to " + HeaderMatcher::display_label(field);
        break;
      }
    }
    problems_.add(std::move(problem), {{"kind", kind}});
  }
}

// The columns no item is bound to whose values (and header) point at an item
// the file has no column of (column_by_values.hpp): a suggestion, at row 1.
// validate checks no column it did not bind by its header or a mapping.
void TableValidation::report_columns_by_values() {
  if (!column_kinds_ || !problems_.wants("column-by-values")) return;
  std::vector<const FieldSpec*> bound;
  for (const ColumnBinding& column : binding_.columns) bound.push_back(column.field);
  for (const ValueBinding& found :
       columns_by_values(*binding_.model, binding_.headers, bound, *column_kinds_)) {
    // A column the header binding placed (a duplicate, a mapping's) is not unknown.
    if (binding_.columns[found.column].match != HeaderMatch::unknown) continue;
    Problem problem =
        make("column-by-values", 1, header_line_, static_cast<std::uint32_t>(found.column + 1));
    problem.value = binding_.headers[found.column];
    const std::string item = HeaderMatcher::display_label(*found.field);
    problem.suggestion = item;
    std::string others;
    for (const FieldSpec* other : found.others)
      others += " or " + HeaderMatcher::display_label(*other);
    problems_.add(std::move(problem),
                  {{"evidence", found.evidence}, {"item", item}, {"others", others}});
  }
}

// One block of shifted columns (shifted_columns.hpp), in place of the
// findings of its cells.
void TableValidation::report_shift(const ShiftedColumns::Block& block) {
  assert(block.rows > 0 && block.by != 0);
  Problem problem = make("columns-shifted", block.first_row, block.first_line,
                         static_cast<std::uint32_t>(block.first + 1));
  problem.value = std::string(block.first_value());
  problem.suggestion = "move these values " + ShiftedColumns::shift_text(-block.by);
  problem.rows = block.rows;
  problems_.add(std::move(problem),
                {{"columns", ShiftedColumns::columns_text(block, binding_.headers)},
                 {"rows", ShiftedColumns::rows_text(block)},
                 {"shift", ShiftedColumns::shift_text(block.by)},
                 {"samples", ShiftedColumns::samples_text(block, binding_.headers)}});
}

// The columns that hold 個人番号 by their values (individual_number.hpp) or
// that their header names so: one problem each, at the header, with no value.
void TableValidation::report_individual_numbers() {
  for (std::size_t i = 0; i < individual_numbers_.size(); ++i) {
    const IndividualNumberColumn& column = individual_numbers_[i];
    const bool named =
        header_names_individual_number(binding_.headers[i], options_.individual_number_headers);
    if (!named && !column.holds_individual_numbers()) continue;
    if (column.all_masked()) continue;  // written masked (transform --mask individual-number)
    std::string reason = named ? "its header names it; " : "";
    reason += std::to_string(column.valid()) + " of its " + std::to_string(column.values()) +
              " values pass the 個人番号 check digit";
    Problem problem = make("individual-number", 1, header_line_, static_cast<std::uint32_t>(i + 1));
    problems_.add(std::move(problem), {{"reason", std::move(reason)}});
  }
}

}  // namespace gifkit::models
