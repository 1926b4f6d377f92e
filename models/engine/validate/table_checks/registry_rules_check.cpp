// registry_rules_check.cpp — the model's registry rules (checks/registry_rules.hpp)
// when a registry is given: the codes, 法人番号 and written addresses of a row
// looked up and compared, but the cells with problems of their own
// (TableRow::marks) or covered by a shift; the rows' accuracy and consistency
// measured (report.hpp). Without a registry, or without the registry's part a
// rule needs, the model note says what was skipped: never failed.
#include <algorithm>
#include <initializer_list>

#include "models/engine/checks/registry_rules.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class RegistryRulesCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override {
    using namespace registry_codes;
    return {kNotInRegistry, kClosed,     kMismatch,        kInconsistent,
            kChanged,       kNotChecked, "invalid-format", "wrong-width"};
  }

  bool bind(TableContext& table) override {
    const CheckResources& resources = table.resources;
    TaskReport& task = table.task;
    if (resources.registry != nullptr) task.registry_date = resources.registry->data_date();
    const Model& model = table.model;
    auto column_of = [&table](const std::string& path) { return table.column_of(path); };
    // Only the checks this file has columns for are worth a note.
    auto applies = [&](const RegistryCheck& check) {
      return RegistryRules::binds(check, column_of);
    };
    auto any_check = [&](auto&& predicate) {
      return std::any_of(model.registry_checks.begin(), model.registry_checks.end(), predicate);
    };
    if (!table.options.changed_since.empty() && !any_check([&](const RegistryCheck& check) {
          return check.registry == "corporation" && applies(check);
        })) {
      task.model_note +=
          "; --changed-since skipped (no 法人番号 column checked against the registry)";
    }
    if (!any_check(applies)) return false;
    if (resources.registry == nullptr) {
      task.model_note += "; registry rules skipped (no --registry)";
      return false;
    }
    RegistryLookup& registry = *resources.registry;
    if (any_check([&](const RegistryCheck& check) {
          return check.registry == "address" && applies(check);
        }) &&
        !registry.has_addresses()) {
      task.model_note += "; address registry rules skipped (" + registry.description() +
                         " has no Address Base Registry data)";
    }
    if (any_check([&](const RegistryCheck& check) {
          return check.registry == "corporation" && check.optional && applies(check);
        }) &&
        !registry.has_corporations()) {
      task.model_note +=
          "; 法人番号 registry rules skipped (" + registry.description() + " has no 法人番号 data)";
    }
    rules_.emplace(
        model, table.binding.headers, column_of, registry,
        [&table](std::string_view code) { return table.problems.wants(code); },
        table.options.changed_since);
    if (rules_->empty()) {
      rules_.reset();
      return false;
    }
    task.model_note += "; registry " + registry.description();
    return true;
  }

  // Applies the rules to a row whose own checks have run; the cells with
  // problems of their own are not looked up.
  void check_row(TableContext& table, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    findings_.clear();
    rules_->check_row(record.fields, row.marks, findings_);
    measure_row(table.task);
    for (RegistryFinding& finding : findings_) {
      const auto column = static_cast<std::size_t>(finding.column);
      Problem problem = table.make(finding.code, record.number, record.line,
                                   static_cast<std::uint32_t>(column + 1));
      if (!finding.field.empty()) problem.field = std::move(finding.field);
      problem.value = std::move(finding.value);
      problem.suggestion = std::move(finding.suggestion);
      if (finding.severity) problem.severity = *finding.severity;
      const std::optional<Severity> severity =
          table.problems.add(std::move(problem), std::move(finding.values));
      if (!severity) continue;
      // registry-changed says the registry moved on, not that the number is wrong: the
      // cell is not counted invalid (currentness, not conformity).
      const bool counts_invalid =
          *severity != Severity::info && finding.code != registry_codes::kChanged;
      if (*severity == Severity::error) row.error = true;
      if (counts_invalid && (row.marks[column] & TableRow::kCellCounted) == 0) {
        ++table.task.quality[column].invalid;
        row.marks[column] |= TableRow::kCellCounted;
      }
    }
  }

  void finish(TableContext& table) override {
    if (rules_->towns_not_checked() == 0) return;
    table.task.model_note +=
        "; the 町字 of " + std::to_string(rules_->towns_not_checked()) +
        " written addresses not checked (the registry has no 町字 of their city)";
  }

 private:
  // Accuracy and consistency: the rows the rules looked up or cross-checked,
  // and whether their findings say they agree.
  void measure_row(TaskReport& task) const {
    auto any_of_codes = [this](std::initializer_list<std::string_view> codes) {
      for (const RegistryFinding& finding : findings_)
        for (std::string_view code : codes)
          if (finding.code == code) return true;
      return false;
    };
    if (rules_->row_looked_up()) {
      ++task.accuracy.checked;
      if (!any_of_codes({registry_codes::kNotInRegistry, registry_codes::kMismatch}))
        ++task.accuracy.agreeing;
    } else if (rules_->row_not_checked()) {
      ++task.accuracy.not_checked;
    }
    if (rules_->row_cross_checked()) {
      ++task.consistency.checked;
      if (!any_of_codes({registry_codes::kMismatch, registry_codes::kInconsistent}))
        ++task.consistency.agreeing;
    }
  }

  std::optional<RegistryRules> rules_;
  std::vector<RegistryFinding> findings_;  // of the row being checked
};

}  // namespace

std::unique_ptr<TableCheck> make_registry_rules_check() {
  return std::make_unique<RegistryRulesCheck>();
}

}  // namespace gifkit::models
