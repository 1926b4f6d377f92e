// table_check_list.hpp — the one list of the checks validate runs over a
// table, in the order each looks at a row and then finishes. A check is one
// file, table_checks/NAME_check.cpp (a TableCheck and its factory
// make_NAME_check()), and one line here.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "models/engine/validate/table_checks/table_check.hpp"

// The order matters where a check reads what one before it found in the row:
// the cells' findings (item_values) decide the row's shift (shifted_columns),
// which decides which of them are reported (cell_findings) and what the
// column kinds, the registry rules, the name readings and the required items
// look at.
#define GIFKIT_TABLE_CHECKS(CHECK) \
  CHECK(malformed_row)             \
  CHECK(dataset_date)              \
  CHECK(column_profile)            \
  CHECK(item_values)               \
  CHECK(shifted_columns)           \
  CHECK(cell_findings)             \
  CHECK(column_kinds)              \
  CHECK(individual_numbers)        \
  CHECK(registry_rules)            \
  CHECK(address_self)              \
  CHECK(name_readings)             \
  CHECK(required_values)           \
  CHECK(duplicate_keys)            \
  CHECK(key_column_empty)          \
  CHECK(totals)

namespace gifkit::models {

#define GIFKIT_DECLARE_TABLE_CHECK(name) std::unique_ptr<TableCheck> make_##name##_check();
GIFKIT_TABLE_CHECKS(GIFKIT_DECLARE_TABLE_CHECK)
#undef GIFKIT_DECLARE_TABLE_CHECK

struct NamedTableCheck {
  std::string_view name;
  std::unique_ptr<TableCheck> check;
};

// A new instance of every check, in the list's order.
std::vector<NamedTableCheck> make_table_checks();

}  // namespace gifkit::models
