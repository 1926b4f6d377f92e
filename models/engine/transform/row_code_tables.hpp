// row_code_tables.hpp — a user's code tables (code_table.hpp, named by the
// mapping file and bound by the plan: PlannedCodeTable) applied to a
// transform's row: the standard code of the row's code written into its
// output cell, or the doubt to review.
#pragma once
#include <cstddef>

#include "grammars/io/csv_reader.hpp"
#include "models/engine/transform/output_row.hpp"

namespace gifkit::models {

// Output cell i from its code table (transform_plan.hpp PlannedCodeTable):
// the standard code of the row's code, written in place of the code or
// into an empty cell beside it, each write logged; a code the table does
// not give, or a cell that holds another standard code, to review (left
// as it was).
void apply_code_table(OutputRow& output, const grammars::CsvRecord& record, std::size_t i);

}  // namespace gifkit::models
