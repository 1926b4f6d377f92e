// table_check_list.cpp — the checks of table_check_list.hpp, made.
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {

std::vector<NamedTableCheck> make_table_checks() {
  std::vector<NamedTableCheck> checks;
#define GIFKIT_MAKE_TABLE_CHECK(name) checks.push_back({#name, make_##name##_check()});
  GIFKIT_TABLE_CHECKS(GIFKIT_MAKE_TABLE_CHECK)
#undef GIFKIT_MAKE_TABLE_CHECK
  return checks;
}

}  // namespace gifkit::models
