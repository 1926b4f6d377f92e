// registry_rules.hpp — applies a model's registry checks (<registry-check>,
// model.hpp RegistryCheck) to the rows of one file: binds each check to the
// file's columns, looks every usable number (a 法人番号; a 全国地方公共団体コード
// and 町字ID) up once per check through a RegistryLookup, and returns
// not-in-registry, closed-corporation, registry-mismatch and (a postal code
// the 町字 does not have) inconsistent-address findings. Rows whose values all agree allocate
// nothing beyond the lookup's reused buffers.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model.hpp"
#include "models/engine/registry_lookup.hpp"

namespace gifkit::models {

// One problem a registry rule found in a row.
struct RegistryFinding {
  std::string_view code;   // "not-in-registry", "closed-corporation", "registry-mismatch"
  int column = 0;          // 0-based column the problem points at
  std::string field;       // its header; "A + B + C" for a comparison of several columns
  std::string value;       // the row's value (several columns joined)
  std::string suggestion;  // the registered value or the successor's number
  std::map<std::string, std::string> values;  // for the code's message template
};

class RegistryRules {
 public:
  // Which codes the report wants (after --pick/--skip).
  using WantsCode = std::function<bool(std::string_view code)>;

  // Binds the model's checks to the columns: column_of(path) is the 0-based
  // column bound to a field path, or -1. A check whose key has no column is
  // left out, and so is a comparison with an item that has no column. Nothing
  // is bound when no registry code is wanted.
  RegistryRules(const Model& model, const std::vector<std::string>& headers,
                const std::function<int(const std::string&)>& column_of, RegistryLookup& lookup,
                const WantsCode& wants);

  bool empty() const { return checks_.empty(); }

  // Checks one row. cell_has_problem[i] is non-zero when column i already has
  // an error or warning of its own (a bad check digit, full-width digits,
  // unreadable bytes): its number is not looked up, so nothing is reported
  // twice. Appends to findings (which the caller clears).
  void check_row(const std::vector<std::string_view>& fields,
                 const std::vector<std::uint8_t>& cell_has_problem,
                 std::vector<RegistryFinding>& findings);

 private:
  struct BoundComparison {
    RegisteredValue with = RegisteredValue::name;
    std::vector<int> columns;
    std::string field;  // the headers of the columns, joined
  };
  struct BoundCheck {
    bool address = false;  // registry="address" (else "corporation")
    int key_column = -1;
    int town_key_column = -1;  // address: the 町字ID column, -1 when none
    std::vector<BoundComparison> comparisons;
  };

  void compare(const BoundComparison& comparison, const std::vector<std::string_view>& fields,
               std::vector<RegistryFinding>& findings);
  void check_address(const BoundCheck& check, const std::vector<std::string_view>& fields,
                     const std::vector<std::uint8_t>& cell_has_problem,
                     std::vector<RegistryFinding>& findings);
  void compare_address(const BoundComparison& comparison, bool town_found,
                       const std::vector<std::string_view>& fields,
                       std::vector<RegistryFinding>& findings);

  RegistryLookup& lookup_;
  std::vector<BoundCheck> checks_;
  bool report_mismatches_ = true;
  bool report_inconsistent_ = true;
  RegisteredCorporation found_;  // reused for every lookup
  RegisteredArea area_;
  RegisteredTown town_;
  std::string row_lg_code_, row_machiaza_id_;  // the row's codes, for locate_town
  std::string located_lg_code_, located_machiaza_id_;
  std::string row_value_;  // the compared cells joined, reused
  std::string registered_value_;
};

}  // namespace gifkit::models
