// table_check.cpp — what every table check shares: a problem made at a
// cell of the table, and whether a cell could be read.
#include "models/engine/validate/table_checks/table_check.hpp"

#include <algorithm>

namespace gifkit::models {

Problem make_table_problem(std::string_view code, std::uint64_t row, std::uint64_t line,
                           std::uint32_t column, const std::vector<std::string>& headers,
                           const DatasetReader& reader) {
  Problem problem = make_problem(code, row, line, column);
  if (column > 0 && column <= headers.size()) problem.field = headers[column - 1];
  problem.cell = reader.cell_name(line, column);
  return problem;
}

bool TableRow::is_unreadable(std::size_t column) const {
  const auto field = static_cast<std::uint32_t>(column + 1);
  return std::find(unreadable.begin(), unreadable.end(), field) != unreadable.end();
}

}  // namespace gifkit::models
