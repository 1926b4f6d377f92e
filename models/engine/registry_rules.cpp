// registry_rules.cpp — see registry_rules.hpp.
#include "models/engine/registry_rules.hpp"

#include "models/engine/registry_fold.hpp"

namespace gifkit::models {
namespace {

constexpr std::string_view kNotInRegistry = "not-in-registry";
constexpr std::string_view kClosed = "closed-corporation";
constexpr std::string_view kMismatch = "registry-mismatch";

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
  }
}

bool values_agree(RegisteredValue with, std::string_view row_value, std::string_view registered) {
  if (row_value == registered) return true;  // the usual case: no folding
  switch (with) {
    case RegisteredValue::name:
      return fold_corporate_name(row_value) == fold_corporate_name(registered);
    case RegisteredValue::address:
      return addresses_agree(fold_address(row_value), fold_address(registered));
  }
  return false;
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
  if (!wants(kNotInRegistry) && !wants(kClosed) && !wants(kMismatch)) return;
  report_mismatches_ = wants(kMismatch);
  for (const RegistryCheck& check : model.registry_checks) {
    if (check.registry != "corporation") continue;  // the only registry there is
    BoundCheck bound;
    bound.key_column = column_of(check.key);
    if (bound.key_column < 0) continue;
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

}  // namespace gifkit::models
