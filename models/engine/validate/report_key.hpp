// report_key.hpp — the key a table's row problems are listed with
// (TaskReport::key_fields, Problem::key): --key's columns (each a header as
// written or an item's name), else the model's key items the file has.
#pragma once
#include "models/engine/validate/table_checks/table_check.hpp"

namespace gifkit::models {

// Sets table.task.key_fields and gives the collector the values of the row
// being checked (row, while row.record is set) at those columns. A --key
// column the file lacks throws ValidateFailure.
void bind_report_key(TableContext& table, const TableRow& row);

}  // namespace gifkit::models
