// header_binding.cpp — see header_binding.hpp.
#include "models/engine/dataset/header_binding.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <filesystem>

namespace gifkit::models {
namespace {

HeaderFinding header_finding(const char* code, std::uint32_t column, const ColumnBinding& binding) {
  HeaderFinding finding;
  finding.code = code;
  finding.column = column;
  finding.value = binding.header;
  return finding;
}

// The complete column sets of the other forms of every alternative that
// holds the item at path (氏 + 名 for 氏名).
std::vector<std::vector<int>> other_forms_of(const Model& model, const std::string& path,
                                             const HeaderBinding& binding) {
  std::vector<std::vector<int>> result;
  for (const auto& alternative : model.alternatives) {
    bool in_alternative = false;
    for (const auto& form : alternative.forms)
      for (const auto& form_path : form)
        if (form_path == path) in_alternative = true;
    if (!in_alternative) continue;
    for (const auto& form : alternative.forms) {
      bool contains_field = false;
      std::vector<int> columns;
      for (const auto& form_path : form) {
        if (form_path == path) contains_field = true;
        int column = binding.column_of(form_path);
        if (column < 0) {
          columns.clear();
          break;
        }
        columns.push_back(column);
      }
      if (!contains_field && !columns.empty()) result.push_back(columns);
    }
  }
  return result;
}

}  // namespace

int HeaderBinding::column_of(const std::string& path) const {
  auto it = column_of_path.find(path);
  return it == column_of_path.end() ? -1 : it->second;
}

bool follows_file_name_rule(const Model& model, const std::string& file_path) {
  if (model.file_name.empty() || file_path.empty() || file_path == "-") return false;
  std::string stem = std::filesystem::path(file_path).stem().string();
  std::transform(stem.begin(), stem.end(), stem.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t digits = 0;
  while (digits < stem.size() && std::isdigit(static_cast<unsigned char>(stem[digits]))) ++digits;
  if (digits < 5 || digits > 6 || digits >= stem.size() || stem[digits] != '_') return false;
  const std::string_view rest = std::string_view(stem).substr(digits + 1);
  if (!rest.starts_with(model.file_name)) return false;
  return rest.size() == model.file_name.size() || rest[model.file_name.size()] == '_';
}

ModelChoice choose_model(const ModelCatalog& catalog, const Model* given,
                         const std::vector<std::string>& headers, const std::string& file_path) {
  ModelChoice choice;
  if (given != nullptr) {
    choice.model = given;
    choice.note = "given";
    choice.columns = catalog.header_matcher(*given)->match_all(headers);
    for (const auto& column : choice.columns)
      choice.recognised += column.match != HeaderMatch::unknown;
    return choice;
  }
  std::vector<const Model*> candidates;
  for (const Model* model : catalog.base_models())
    if (model->has_header && follows_file_name_rule(*model, file_path)) candidates.push_back(model);
  const bool by_file_name = !candidates.empty();
  if (!by_file_name) {
    for (const Model* model : catalog.base_models())
      if (model->has_header) candidates.push_back(model);  // a headerless model must be named
  }
  std::vector<ModelCandidate> scored;
  std::vector<ColumnBinding> best_columns;
  for (const Model* candidate : candidates) {
    std::vector<ColumnBinding> columns = catalog.header_matcher(*candidate)->match_all(headers);
    ModelCandidate entry;
    entry.model = candidate;
    entry.score = HeaderMatcher::score_bindings(columns);
    for (const auto& column : columns) entry.recognised += column.match != HeaderMatch::unknown;
    if (scored.empty() || entry.score > scored.front().score) best_columns = std::move(columns);
    scored.push_back(entry);
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.score > b.score; });
  }
  if (scored.empty()) return choice;
  const ModelCandidate& best = scored.front();
  const bool fits = best.recognised > 0 && best.recognised * 2 >= static_cast<int>(headers.size());
  if (!fits) {
    choice.closest.assign(scored.begin(), scored.begin() + std::min<std::size_t>(2, scored.size()));
    return choice;
  }
  choice.model = best.model;
  choice.columns = std::move(best_columns);
  choice.recognised = best.recognised;
  choice.note = "auto: " + std::to_string(best.recognised) + " of " +
                std::to_string(headers.size()) + " columns recognised";
  if (by_file_name) choice.note += ", file name _" + best.model->file_name;
  return choice;
}

HeaderBinding bind_header(const ModelChoice& choice, const std::vector<std::string>& headers,
                          bool with_keys) {
  assert(choice.model != nullptr && choice.columns.size() == headers.size());
  HeaderBinding binding;
  binding.model = choice.model;
  binding.headers = headers;
  binding.columns = choice.columns;
  for (std::size_t i = 0; i < binding.columns.size(); ++i) {
    ColumnBinding& column = binding.columns[i];
    const auto number = static_cast<std::uint32_t>(i + 1);
    switch (column.match) {
      case HeaderMatch::exact:
        break;
      case HeaderMatch::equivalent:
      case HeaderMatch::nonstandard:
      case HeaderMatch::look_alike:
      case HeaderMatch::near_miss: {
        HeaderFinding finding =
            header_finding(column.match == HeaderMatch::equivalent ? "equivalent-item-name"
                                                                   : "non-standard-item-name",
                           number, column);
        finding.suggestion = column.standard_label;
        finding.values = {{"item", column.standard_label}, {"how", ""}};
        if (column.match == HeaderMatch::look_alike)
          finding.values["how"] =
              " (written with " + HeaderMatcher::describe_lookalike(column.header) + ")";
        binding.findings.push_back(std::move(finding));
        break;
      }
      case HeaderMatch::unknown: {
        HeaderFinding finding = header_finding("unknown-column", number, column);
        // A partial model does not know every item of its dataset.
        if (choice.model->partial) finding.severity = Severity::info;
        binding.findings.push_back(std::move(finding));
        break;
      }
    }
    if (column.field == nullptr) continue;
    auto [it, inserted] = binding.column_of_path.emplace(column.field->path, static_cast<int>(i));
    if (!inserted) {
      HeaderFinding finding = header_finding("duplicate-column", number, column);
      finding.values = {{"other", std::to_string(it->second + 1)}};
      binding.findings.push_back(std::move(finding));
      column.field = nullptr;  // check the first copy only
    } else if (column.field->key && with_keys) {
      binding.key_columns.push_back(static_cast<int>(i));
    }
  }
  // A required (or recommended) item without a column.
  auto missing = [&binding](const char* code, const FieldSpec& field) {
    HeaderFinding finding;
    finding.code = code;
    std::string label = HeaderMatcher::display_label(field);
    finding.suggestion = "add a column " + label;
    finding.values = {{"item", label}};
    binding.findings.push_back(std::move(finding));
  };
  for (const auto& field : choice.model->fields) {
    if (field.min_occurs <= 0 && field.recommended && binding.column_of(field.path) < 0) {
      missing("missing-recommended-column", field);
      continue;
    }
    if (field.min_occurs <= 0) continue;
    RequiredItem item;
    item.field = &field;
    item.column = binding.column_of(field.path);
    item.other_forms = other_forms_of(*choice.model, field.path, binding);
    if (item.column < 0 && item.other_forms.empty()) {
      missing("missing-column", field);
      continue;
    }
    if (field.blank_allowed) continue;  // the column is there; empty is a value
    binding.required.push_back(std::move(item));
  }
  return binding;
}

}  // namespace gifkit::models
