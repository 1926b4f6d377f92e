// registry_rules.hpp — applies a model's registry checks (<registry-check>,
// model.hpp RegistryCheck) to the rows of one file: binds each check to the
// file's columns, looks every usable number (a 法人番号; a 全国地方公共団体コード
// and 町字ID) up once per check through the registry's CorporationLookup and
// AddressLookup (models/engine/lookups/), and returns
// not-in-registry, closed-corporation, registry-mismatch, registry-changed
// (asked with a date), registry-not-checked (a code the registry cannot tell
// about: a 町字ID of a city it has no 町字 of, a 法人番号 missing from diff
// files only) and (a postal code the 町字 does not have)
// inconsistent-address findings; normalizes a
// written address (a one-line 住所, 町字以下…) with the ABR and checks it
// the same way, and its 番地以下 for the DS-442 form. Rows whose values all agree allocate
// nothing beyond the lookup's reused buffers.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/lookups/registry_lookup.hpp"
#include "models/engine/model/model.hpp"
#include "models/engine/report/problem_codes.hpp"

namespace gifkit::models {

// The codes of the registry rules' findings (docs/codes.md), for the two files that
// make them (registry_rules.cpp: corporations; registry_address_rules.cpp: addresses).
namespace registry_codes {
inline constexpr std::string_view kNotInRegistry = "not-in-registry";
inline constexpr std::string_view kClosed = "closed-corporation";
inline constexpr std::string_view kMismatch = "registry-mismatch";
inline constexpr std::string_view kInconsistent = "inconsistent-address";
inline constexpr std::string_view kChanged = "registry-changed";
inline constexpr std::string_view kNotChecked = "registry-not-checked";
}  // namespace registry_codes

// One problem a registry rule found in a row.
struct RegistryFinding {
  std::string_view code;   // "not-in-registry", "closed-corporation", "registry-mismatch"
  int column = 0;          // 0-based column the problem points at
  std::string field;       // its header; "A + B + C" for a comparison of several columns
  std::string value;       // the row's value (several columns joined)
  std::string suggestion;  // the registered value or the successor's number
  std::map<std::string, std::string> values;  // for the code's message template
  std::optional<Severity> severity;           // when not the code's own
};

// True when a dataset's value agrees with the registered one as the
// registry rules compare them (else registry-mismatch): names after
// fold_corporate_name, directly or through the registry's character data
// (characters.fold_characters); addresses by written_addresses_agree. with is
// name or address (the 法人番号 registry's values); false for the others.
bool agrees_with_registered(RegisteredValue with, std::string_view value,
                            std::string_view registered, CharacterLookup& characters);

class RegistryRules {
 public:
  // Which codes the report wants (after --pick/--skip).
  using WantsCode = std::function<bool(std::string_view code)>;

  // Binds the model's checks to the columns: column_of(path) is the 0-based
  // column bound to a field path, or -1. A check whose key has no column is
  // left out (an address check is kept when one of its written forms has
  // every column), and so is a comparison or written form with an item that
  // has no column. Nothing is bound when no code the rules report is wanted.
  // changed_since (YYYY-MM-DD, "" for none): registry-changed for a
  // registered corporation that changed on or after it
  // (CorporationLookup::corporation_changes). The rules keep the registry's
  // three lookups (it must outlive them).
  RegistryRules(const Model& model, const std::vector<std::string>& headers,
                const std::function<int(const std::string&)>& column_of, RegistryLookup& lookup,
                const WantsCode& wants, std::string changed_since = {});

  // True when the file has the columns for the check: its key, or (an
  // address check) every item of one of its written forms.
  static bool binds(const RegistryCheck& check,
                    const std::function<int(const std::string&)>& column_of);

  bool empty() const { return checks_.empty(); }

  // What the last check_row did: looked a value up in the registry (a
  // 法人番号, the codes, a written address), and compared fields with each
  // other through it (names or an address with a record, codes or a postal
  // code or a point beside a written address). For the quality measures.
  bool row_looked_up() const { return row_looked_up_; }
  bool row_cross_checked() const { return row_cross_checked_; }
  // The last check_row asked the registry about a value it could not check
  // (a written address or a 町字ID of a city whose 町字 the registry has not,
  // a 法人番号 missing from a registry of diff files only).
  bool row_not_checked() const { return row_not_checked_; }

  // Written addresses whose 町字 could not be checked because the registry
  // has no 町字 of their city (the ABR is published per area).
  std::uint64_t towns_not_checked() const { return towns_not_checked_; }

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
  // A written form of the address (<written>) bound to columns.
  struct BoundWritten {
    std::vector<int> columns;
    std::vector<std::uint8_t> area_code;  // per column: a 全国地方公共団体コード (its area's name)
    bool carries_city_block = false;  // the last item holds 番地以下 as text: DS-442 form checked
    // The last item is an address line (is_address_line): its numbers' width
    // is its own value check's, with or without a registry.
    bool width_checked = false;
  };
  struct BoundCheck {
    bool address = false;  // registry="address" (else "corporation")
    int key_column = -1;
    int town_key_column = -1;     // address: the 町字ID column, -1 when none
    int postal_code_column = -1;  // address: the column compared with="postal-code"
    int country_column = -1;      // address: rows whose country is not JPN are skipped
    int latitude_column = -1;     // address: the row's 緯度 / 経度 (the model's first
    int longitude_column = -1;    //   latitude and longitude fields), checked against the place
    std::vector<BoundComparison> comparisons;
    std::vector<BoundWritten> written;
  };

  // The cells of columns, joined, into out.
  static void join_cells(const std::vector<std::string_view>& fields,
                         const std::vector<int>& columns, std::string& out);
  void compare(const BoundComparison& comparison, const std::vector<std::string_view>& fields,
               std::vector<RegistryFinding>& findings);
  // Binds the check's written forms whose items all have columns.
  static void bind_written(const Model& model, const RegistryCheck& check,
                           const std::function<int(const std::string&)>& column_of,
                           BoundCheck& bound);
  // registry_address_rules.cpp: the Address Base Registry's checks.
  // True when the row's country (if the check names one) is filled and is
  // not Japan (JPN, JP, 日本, Japan in any width or case).
  static bool in_another_country(const BoundCheck& check,
                                 const std::vector<std::string_view>& fields);
  // check_address looks the codes up; sets town_found when the row's 町字ID
  // is registered.
  void check_address(const BoundCheck& check, const std::vector<std::string_view>& fields,
                     const std::vector<std::uint8_t>& cell_has_problem,
                     std::vector<RegistryFinding>& findings, bool& town_found);
  void compare_address(const BoundComparison& comparison, bool town_found,
                       const std::vector<std::string_view>& fields,
                       std::vector<RegistryFinding>& findings);
  // Normalizes the row's first usable written form. codes_reported: the
  // codes' check already found something in this row (then only the DS-442
  // form is checked); town_found: it checked the postal code.
  void check_written(const BoundCheck& check, const std::vector<std::string_view>& fields,
                     const std::vector<std::uint8_t>& cell_has_problem, bool codes_reported,
                     bool town_found, std::vector<RegistryFinding>& findings);
  // Joins the cells of a written form into written_address_; false when an
  // area code is missing or unknown, or no text item has a value.
  bool join_written(const BoundWritten& form, const std::vector<std::string_view>& fields,
                    const std::vector<std::uint8_t>& cell_has_problem);
  void check_city_block_form(const BoundWritten& form, const std::vector<std::string_view>& fields,
                             std::vector<RegistryFinding>& findings);
  // The row's 緯度/経度 against the place normalized_ reached (town_level:
  // a 町字 or finer, 2 km allowed) and then against every place of its city
  // the registry holds (2 km), or its city's point (10 km) when it holds
  // none; a point farther than that and nearer to another city's place or
  // point is inconsistent-address with the distances: an error when
  // certain, else a warning (docs/validate.md, "Point versus place").
  void check_point(const BoundCheck& check, const std::vector<std::string_view>& fields,
                   const std::vector<std::uint8_t>& cell_has_problem, bool town_level,
                   std::vector<RegistryFinding>& findings);

  CorporationLookup& corporations_;  // for the corporation checks
  AddressLookup& addresses_;         // for the address checks
  CharacterLookup& characters_;      // names compared (agrees_with_registered)
  bool row_looked_up_ = false;
  bool row_cross_checked_ = false;
  bool row_not_checked_ = false;
  std::vector<BoundCheck> checks_;
  bool report_mismatches_ = true;
  bool report_inconsistent_ = true;
  bool report_missing_ = true;      // not-in-registry
  bool report_not_checked_ = true;  // registry-not-checked
  bool report_format_ = true;  // invalid-format, wrong-width (the DS-442 form of a written address)
  std::string changed_since_;  // registry-changed: "" when not asked
  std::vector<RegistryChange> changes_;  // reused for every lookup
  std::uint64_t towns_not_checked_ = 0;
  RegisteredCorporation found_;  // reused for every lookup
  RegisteredArea area_;
  RegisteredTown town_;
  std::string row_lg_code_, row_machiaza_id_;  // the row's codes, for locate_town
  std::string located_lg_code_, located_machiaza_id_;
  std::string row_value_;  // the compared cells joined, reused
  std::string registered_value_;
  std::string written_address_;    // a written form's cells joined
  bool written_has_gaps_ = false;  // one of those cells was empty
  MatchedAddress normalized_;      // what the normalizer made of it
  RegisteredTown located_town_;
  PlacesNear near_;  // check_point's answer from the registry, reused
};

}  // namespace gifkit::models
