// registry_rules.cpp — see registry_rules.hpp.
#include "models/engine/checks/registry_rules.hpp"

#include <algorithm>

#include "grammars/text/text_fold.hpp"
#include "models/engine/checks/registry_fold.hpp"

namespace gifkit::models {
namespace {

using namespace registry_codes;
// The changes a registry-changed message lists; the rest are counted.
constexpr std::size_t kChangesShown = 3;

// The registered value a comparison is made with, into out.
void registered_value(const RegisteredCorporation& corporation, RegisteredValue with,
                      std::string& out) {
  out.clear();
  switch (with) {
    case RegisteredValue::name:
      out += corporation.name;
      break;
    case RegisteredValue::address:
      out += corporation.address();
      break;
    default:  // the address registry's values: compare_address
      break;
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

RegistryFinding changed_finding(const RegisteredCorporation& corporation, int column,
                                std::string_view number, const std::string& since,
                                const std::vector<RegistryChange>& changes) {
  RegistryFinding finding;
  finding.code = kChanged;
  finding.column = column;
  finding.value = std::string(number);
  std::string listed;
  for (std::size_t i = 0; i < changes.size() && i < kChangesShown; ++i)
    listed += (i > 0 ? "; " : "") + changes[i].summary;
  if (changes.size() > kChangesShown)
    listed += "; and " + std::to_string(changes.size() - kChangesShown) + " more";
  finding.values = {{"name", corporation.deleted() ? "(deleted)" : corporation.name},
                    {"since", since},
                    {"changes", std::move(listed)}};
  return finding;
}

}  // namespace

bool agrees_with_registered(RegisteredValue with, std::string_view value,
                            std::string_view registered, CharacterLookup& characters) {
  if (value == registered) return true;  // the usual case: no folding
  switch (with) {
    case RegisteredValue::name:
      // Names written with old or variant forms (髙島屋 for 高島屋) agree too:
      // character-not-allowed already says what to write.
      return fold_corporate_name(value) == fold_corporate_name(registered) ||
             fold_corporate_name(characters.fold_characters(value)) ==
                 fold_corporate_name(characters.fold_characters(registered));
    case RegisteredValue::address:
      return written_addresses_agree(value, registered);
    default:  // the address registry's values: compare_address
      return false;
  }
}

RegistryRules::RegistryRules(const Model& model, const std::vector<std::string>& headers,
                             const std::function<int(const std::string&)>& column_of,
                             RegistryLookup& lookup, const WantsCode& wants,
                             std::string changed_since)
    : corporations_(lookup), addresses_(lookup), characters_(lookup) {
  report_missing_ = wants(kNotInRegistry);
  report_not_checked_ = wants(kNotChecked);
  report_mismatches_ = wants(kMismatch);
  report_inconsistent_ = wants(kInconsistent);
  report_format_ = wants("invalid-format") || wants("wrong-width");
  if (wants(kChanged)) changed_since_ = std::move(changed_since);
  const bool corporation_codes = report_missing_ || report_not_checked_ || wants(kClosed) ||
                                 report_mismatches_ || !changed_since_.empty();
  const bool address_codes = report_missing_ || report_not_checked_ || report_mismatches_ ||
                             report_inconsistent_ || report_format_;
  for (const RegistryCheck& check : model.registry_checks) {
    BoundCheck bound;
    bound.address = check.registry == "address";
    if (!(bound.address ? address_codes : corporation_codes)) continue;
    // A registry without that kind of data: the check is left out (validate
    // notes which registry was used; the corporation lookup says it has no
    // 法人番号 data when asked).
    if (bound.address && !addresses_.has_addresses()) continue;
    if (!bound.address && check.optional && !corporations_.has_corporations()) continue;
    bound.key_column = column_of(check.key);
    if (bound.address) bind_written(model, check, column_of, bound);
    if (bound.key_column < 0 && bound.written.empty()) continue;
    if (!check.town_key.empty()) bound.town_key_column = column_of(check.town_key);
    if (!check.country.empty()) bound.country_column = column_of(check.country);
    if (bound.address && std::none_of(checks_.begin(), checks_.end(),
                                      [](const BoundCheck& other) { return other.address; })) {
      // The model's point (緯度/経度) belongs to its first address.
      for (const FieldSpec& field : model.fields) {
        if (field.type == ValueType::latitude && bound.latitude_column < 0)
          bound.latitude_column = column_of(field.path);
        if (field.type == ValueType::longitude && bound.longitude_column < 0)
          bound.longitude_column = column_of(field.path);
      }
    }
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
      if (bound_comparison.columns.empty()) continue;
      if (comparison.with == RegisteredValue::postal_code)
        bound.postal_code_column = bound_comparison.columns.front();
      bound.comparisons.push_back(bound_comparison);
    }
    checks_.push_back(std::move(bound));
  }
}

bool RegistryRules::binds(const RegistryCheck& check,
                          const std::function<int(const std::string&)>& column_of) {
  if (column_of(check.key) >= 0) return true;
  return std::any_of(check.written.begin(), check.written.end(), [&](const auto& form) {
    return std::all_of(form.begin(), form.end(),
                       [&](const std::string& path) { return column_of(path) >= 0; });
  });
}

void RegistryRules::check_row(const std::vector<std::string_view>& fields,
                              const std::vector<std::uint8_t>& cell_has_problem,
                              std::vector<RegistryFinding>& findings) {
  row_looked_up_ = false;
  row_cross_checked_ = false;
  row_not_checked_ = false;
  for (const BoundCheck& check : checks_) {
    if (check.address) {
      if (in_another_country(check, fields)) continue;
      const std::size_t before = findings.size();
      bool town_found = false;
      if (check.key_column >= 0)
        check_address(check, fields, cell_has_problem, findings, town_found);
      if (!check.written.empty())
        check_written(check, fields, cell_has_problem, findings.size() > before, town_found,
                      findings);
      continue;
    }
    const auto key = static_cast<std::size_t>(check.key_column);
    if (key >= fields.size() || fields[key].empty() || cell_has_problem[key]) continue;
    const std::string_view number = fields[key];
    const bool looked_up_before = row_looked_up_;
    row_looked_up_ = true;
    if (!corporations_.find_corporation(number, found_)) {
      if (std::string because = corporations_.missing_not_checked_because(); !because.empty()) {
        // Diff files list the corporations that changed on their days, a
        // prefecture's bulk file those of that prefecture: one not in them
        // may well be registered. Asked, but not checked.
        row_looked_up_ = looked_up_before;
        row_not_checked_ = true;
        if (!report_not_checked_) continue;
        RegistryFinding finding;
        finding.code = kNotChecked;
        finding.column = check.key_column;
        finding.value = std::string(number);
        finding.values = {{"registry", corporations_.description()},
                          {"reason", std::move(because)}};
        findings.push_back(std::move(finding));
        continue;
      }
      if (!report_missing_) continue;
      RegistryFinding finding;
      finding.code = kNotInRegistry;
      finding.column = check.key_column;
      finding.value = std::string(number);
      finding.values = {{"registry", corporations_.description()}, {"reason", ""}};
      findings.push_back(std::move(finding));
      continue;
    }
    if (found_.closed()) findings.push_back(closed_finding(found_, check.key_column, number));
    if (!changed_since_.empty() &&
        corporations_.corporation_changes(number, changed_since_, changes_) && !changes_.empty()) {
      findings.push_back(
          changed_finding(found_, check.key_column, number, changed_since_, changes_));
    }
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
  row_cross_checked_ = true;
  if (agrees_with_registered(comparison.with, row_value_, registered_value_, characters_)) return;
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

void RegistryRules::join_cells(const std::vector<std::string_view>& fields,
                               const std::vector<int>& columns, std::string& out) {
  out.clear();
  for (int column : columns) {
    if (static_cast<std::size_t>(column) < fields.size()) out += fields[column];
  }
}

}  // namespace gifkit::models
