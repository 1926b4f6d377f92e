// registry_rules.cpp — see registry_rules.hpp.
#include "models/engine/registry_rules.hpp"

#include "grammars/text_fold.hpp"
#include "models/engine/registry_fold.hpp"

namespace gifkit::models {
namespace {

constexpr std::string_view kNotInRegistry = "not-in-registry";
constexpr std::string_view kClosed = "closed-corporation";
constexpr std::string_view kMismatch = "registry-mismatch";
constexpr std::string_view kInconsistent = "inconsistent-address";

// An address part folded for comparison: widths and dashes, spaces removed,
// a leading 大字 or 字 dropped (people write 大字池島 and 池島 alike).
std::string fold_address_part(std::string_view utf8) {
  std::string folded = grammars::fold_width_and_dashes(utf8);
  std::erase_if(folded, [](char c) { return c == ' ' || c == '\t'; });
  for (std::string_view prefix : {std::string_view("大字"), std::string_view("字")}) {
    if (folded.starts_with(prefix)) {
      folded.erase(0, prefix.size());
      break;
    }
  }
  return folded;
}

// The registered forms a row's value of `with` may take ("" entries left
// out): a city with and without its 郡, a town with its 丁目 in kanji
// (二丁目, as the ABR writes it) or in digits (2丁目).
std::vector<std::string> registered_forms(RegisteredValue with, const RegisteredArea& area,
                                          const RegisteredTown& town) {
  std::vector<std::string> forms;
  switch (with) {
    case RegisteredValue::prefecture:
      forms.push_back(area.prefecture);
      break;
    case RegisteredValue::city:
      if (area.city.empty()) break;  // a prefecture's own code
      forms.push_back(area.county + area.city + area.ward);
      if (!area.county.empty()) forms.push_back(area.city + area.ward);
      break;
    case RegisteredValue::town:
      forms.push_back(town.oaza_cho + town.chome + town.koaza);
      if (!town.chome_number.empty())
        forms.push_back(town.oaza_cho + town.chome_number + "丁目" + town.koaza);
      break;
    default:
      break;
  }
  return forms;
}

void join_cells(const std::vector<std::string_view>& fields, const std::vector<int>& columns,
                std::string& out) {
  out.clear();
  for (int column : columns) {
    if (static_cast<std::size_t>(column) < fields.size()) out += fields[column];
  }
}

// The registered value a comparison is made with, into out.
void registered_value(const RegisteredCorporation& corporation, RegisteredValue with,
                      std::string& out) {
  out.clear();
  switch (with) {
    case RegisteredValue::name:
      out += corporation.name;
      break;
    case RegisteredValue::address:
      out += corporation.prefecture;
      out += corporation.city;
      out += corporation.street;
      break;
    default:  // the address registry's values: compare_address
      break;
  }
}

bool values_agree(RegisteredValue with, std::string_view row_value, std::string_view registered) {
  if (row_value == registered) return true;  // the usual case: no folding
  switch (with) {
    case RegisteredValue::name:
      return fold_corporate_name(row_value) == fold_corporate_name(registered);
    case RegisteredValue::address:
      return addresses_agree(fold_address(row_value), fold_address(registered));
    default:  // the address registry's values: compare_address
      return false;
  }
}

RegistryFinding closed_finding(const RegisteredCorporation& corporation, int column,
                               std::string_view number) {
  RegistryFinding finding;
  finding.code = kClosed;
  finding.column = column;
  finding.value = std::string(number);
  if (corporation.deleted()) {
    finding.values = {{"name", "(deleted)"},
                      {"date", corporation.update_date},
                      {"cause", "処理区分 99 " + corporation.process_name},
                      {"successor", ""}};
    return finding;
  }
  std::string cause = corporation.close_cause;
  if (!corporation.close_cause_name.empty()) cause += " " + corporation.close_cause_name;
  finding.values = {
      {"name", corporation.name},
      {"date", corporation.close_date},
      {"cause", cause},
      {"successor", corporation.successor.empty() ? std::string()
                                                  : "; its successor is " + corporation.successor}};
  finding.suggestion = corporation.successor;
  return finding;
}

}  // namespace

RegistryRules::RegistryRules(const Model& model, const std::vector<std::string>& headers,
                             const std::function<int(const std::string&)>& column_of,
                             RegistryLookup& lookup, const WantsCode& wants)
    : lookup_(lookup) {
  if (!wants(kNotInRegistry) && !wants(kClosed) && !wants(kMismatch) && !wants(kInconsistent))
    return;
  report_mismatches_ = wants(kMismatch);
  report_inconsistent_ = wants(kInconsistent);
  for (const RegistryCheck& check : model.registry_checks) {
    BoundCheck bound;
    bound.address = check.registry == "address";
    // A registry without that kind of data: the check is left out (validate
    // notes which registry was used; the corporation lookup says it has no
    // 法人番号 data when asked).
    if (bound.address && !lookup.has_addresses()) continue;
    bound.key_column = column_of(check.key);
    if (bound.key_column < 0) continue;
    if (!check.town_key.empty()) bound.town_key_column = column_of(check.town_key);
    for (const RegistryComparison& comparison : check.comparisons) {
      BoundComparison bound_comparison;
      bound_comparison.with = comparison.with;
      for (const std::string& path : comparison.items) {
        const int column = column_of(path);
        if (column < 0) {
          bound_comparison.columns.clear();
          break;
        }
        bound_comparison.columns.push_back(column);
        if (!bound_comparison.field.empty()) bound_comparison.field += " + ";
        bound_comparison.field += headers[column];
      }
      if (!bound_comparison.columns.empty()) bound.comparisons.push_back(bound_comparison);
    }
    checks_.push_back(std::move(bound));
  }
}

void RegistryRules::check_row(const std::vector<std::string_view>& fields,
                              const std::vector<std::uint8_t>& cell_has_problem,
                              std::vector<RegistryFinding>& findings) {
  for (const BoundCheck& check : checks_) {
    if (check.address) {
      check_address(check, fields, cell_has_problem, findings);
      continue;
    }
    const auto key = static_cast<std::size_t>(check.key_column);
    if (key >= fields.size() || fields[key].empty() || cell_has_problem[key]) continue;
    const std::string_view number = fields[key];
    if (!lookup_.find_corporation(number, found_)) {
      RegistryFinding finding;
      finding.code = kNotInRegistry;
      finding.column = check.key_column;
      finding.value = std::string(number);
      finding.values = {{"registry", lookup_.description()}};
      findings.push_back(std::move(finding));
      continue;
    }
    if (found_.closed()) findings.push_back(closed_finding(found_, check.key_column, number));
    if (found_.deleted() || !report_mismatches_) continue;  // nothing left to compare with
    for (const BoundComparison& comparison : check.comparisons)
      compare(comparison, fields, findings);
  }
}

void RegistryRules::compare(const BoundComparison& comparison,
                            const std::vector<std::string_view>& fields,
                            std::vector<RegistryFinding>& findings) {
  join_cells(fields, comparison.columns, row_value_);
  if (row_value_.empty()) return;  // nothing written: missing-value's business
  registered_value(found_, comparison.with, registered_value_);
  if (registered_value_.empty()) return;  // e.g. a foreign corporation has no 国内所在地
  if (values_agree(comparison.with, row_value_, registered_value_)) return;
  RegistryFinding finding;
  finding.code = kMismatch;
  finding.column = comparison.columns.front();
  finding.field = comparison.field;
  finding.value = row_value_;
  finding.suggestion = registered_value_;
  finding.values = {{"what", std::string(registered_value_name(comparison.with))},
                    {"expected", registered_value_}};
  findings.push_back(std::move(finding));
}

void RegistryRules::check_address(const BoundCheck& check,
                                  const std::vector<std::string_view>& fields,
                                  const std::vector<std::uint8_t>& cell_has_problem,
                                  std::vector<RegistryFinding>& findings) {
  const auto key = static_cast<std::size_t>(check.key_column);
  if (key >= fields.size() || fields[key].empty() || cell_has_problem[key]) return;
  auto not_in_registry = [&](int column, std::string value) {
    RegistryFinding finding;
    finding.code = kNotInRegistry;
    finding.column = column;
    finding.value = std::move(value);
    finding.values = {{"registry", lookup_.description()}};
    findings.push_back(std::move(finding));
  };
  row_lg_code_.assign(fields[key]);
  row_machiaza_id_.clear();
  if (!lookup_.find_area(fields[key], area_)) {
    not_in_registry(check.key_column, std::string(fields[key]));
    return;
  }
  bool town_found = false;
  const auto town_key = static_cast<std::size_t>(check.town_key_column);
  if (check.town_key_column >= 0 && town_key < fields.size() && !fields[town_key].empty() &&
      !cell_has_problem[town_key]) {
    town_found = lookup_.find_town(fields[key], fields[town_key], town_);
    row_machiaza_id_.assign(fields[town_key]);
    if (!town_found) {
      not_in_registry(check.town_key_column,
                      std::string(fields[key]) + " " + std::string(fields[town_key]));
    }
  }
  if (!report_mismatches_ && !report_inconsistent_) return;
  for (const BoundComparison& comparison : check.comparisons)
    compare_address(comparison, town_found, fields, findings);
}

void RegistryRules::compare_address(const BoundComparison& comparison, bool town_found,
                                    const std::vector<std::string_view>& fields,
                                    std::vector<RegistryFinding>& findings) {
  const bool needs_town =
      comparison.with == RegisteredValue::town || comparison.with == RegisteredValue::postal_code;
  if (needs_town && !town_found) return;
  join_cells(fields, comparison.columns, row_value_);
  if (row_value_.empty()) return;
  RegistryFinding finding;
  finding.column = comparison.columns.front();
  finding.field = comparison.field;
  if (comparison.with == RegisteredValue::postal_code) {
    if (!report_inconsistent_ || town_.postal_code.empty()) return;
    std::string digits = grammars::fold_width_and_dashes(row_value_);
    std::erase_if(digits, [](char c) { return c < '0' || c > '9'; });
    if (digits == town_.postal_code) return;
    finding.code = kInconsistent;
    finding.value = row_value_;
    finding.suggestion = town_.postal_code;
    finding.values = {{"reason", "is not the postal code of the 町字 " + town_.oaza_cho +
                                     town_.chome + town_.koaza + " (the ABR gives " +
                                     town_.postal_code + ")"}};
    findings.push_back(std::move(finding));
    return;
  }
  if (!report_mismatches_) return;
  const std::vector<std::string> forms = registered_forms(comparison.with, area_, town_);
  if (forms.empty()) return;
  const std::string row = fold_address_part(row_value_);
  for (const std::string& form : forms)
    if (row_value_ == form || row == fold_address_part(form)) return;
  // A 町字 written another way (湯島二丁目 for 湯島２丁目, 鷺ノ森 for 鷺森):
  // agrees when the address normalizer, given the registered city and the
  // written 町字, reaches the row's own codes.
  if (comparison.with == RegisteredValue::town &&
      lookup_.locate_town(area_.prefecture + area_.county + area_.city + area_.ward + row_value_,
                          located_lg_code_, located_machiaza_id_) &&
      located_lg_code_ == row_lg_code_ && located_machiaza_id_ == row_machiaza_id_)
    return;
  finding.code = kMismatch;
  finding.value = row_value_;
  finding.suggestion = forms.front();
  finding.values = {{"what", std::string(registered_value_name(comparison.with))},
                    {"expected", forms.front()}};
  findings.push_back(std::move(finding));
}

}  // namespace gifkit::models
