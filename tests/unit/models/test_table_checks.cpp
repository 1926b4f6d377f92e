// test_table_checks.cpp — the list of validate's table checks
// (models/engine/validate/table_checks/table_check_list.hpp): each made, named
// once, and every code it says it reports a code of the program's list.
// room: validate
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "models/engine/report/problem_codes.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

using gifkit::models::find_problem_code;
using gifkit::models::make_table_checks;

TEST_CASE("table-checks-1.1 every check of the list is made, once, under its own name") {
  const auto checks = make_table_checks();
  REQUIRE(checks.size() >= 13);
  std::set<std::string> names;
  for (const auto& named : checks) {
    INFO(named.name);
    CHECK(named.check != nullptr);
    CHECK(names.insert(std::string(named.name)).second);
  }
  // The order the rows need: the cells' findings before the shift, the shift before
  // the findings are reported, the key's duplicates after the required items.
  auto at = [&](std::string_view name) {
    for (std::size_t i = 0; i < checks.size(); ++i)
      if (checks[i].name == name) return i;
    FAIL("no check " << name);
    return checks.size();
  };
  CHECK(at("item_values") < at("shifted_columns"));
  CHECK(at("shifted_columns") < at("cell_findings"));
  CHECK(at("cell_findings") < at("registry_rules"));
  CHECK(at("required_values") < at("duplicate_keys"));
}

TEST_CASE("table-checks-1.2 a check reports only codes the program has, and no two checks "
          "claim one code") {
  std::set<std::string> claimed;
  for (const auto& named : make_table_checks()) {
    for (std::string_view code : named.check->codes()) {
      INFO(named.name << ": " << code);
      CHECK(find_problem_code(code) != nullptr);
      // invalid-format and wrong-width come from the items' values and the
      // registry's written forms (DS-442) alike.
      if (code != "invalid-format" && code != "wrong-width")
        CHECK(claimed.insert(std::string(code)).second);
    }
  }
  CHECK(claimed.count("key-column-empty") == 1);
}
