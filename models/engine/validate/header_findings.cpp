// header_findings.cpp — see header_findings.hpp.
#include "models/engine/validate/header_findings.hpp"

#include <cassert>

#include "grammars/text/listing.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/dataset/header_matcher.hpp"

namespace gifkit::models {
namespace {

// Reports what the header binding found.
void report_binding(TableContext& table) {
  for (const HeaderFinding& finding : table.binding.findings) {
    Problem problem = table.make(finding.code, 1, table.header_line, finding.column);
    problem.value = finding.value;
    problem.suggestion = finding.suggestion;
    if (finding.severity) problem.severity = *finding.severity;
    table.problems.add(std::move(problem), finding.values);
  }
}

// A model that knows few of the columns checks little of the file: say how
// little (poor-model-fit). Under --require-fit's percentage it is an error.
// Without it, a model named with --model (the user's word that the file is of
// its kind) that knows under half of the columns is an error: most of the file
// would pass unchecked (a partial model, which knows only part of its kind's
// items, under a quarter; between a quarter and a half it is an info). A model
// chosen automatically fitted the header enough to be chosen: under half is a
// warning (an info for a partial model).
void report_model_fit(TableContext& table, const ModelChoice& choice, bool model_named) {
  const auto& headers = table.binding.headers;
  const std::size_t columns = headers.size();
  assert(choice.columns.size() == columns && choice.recognised >= 0);
  const int require_fit = table.options.require_fit;
  const bool required = require_fit >= 0;
  assert(!required || require_fit <= 100);
  const bool partial = choice.model->partial;
  const auto known = static_cast<std::size_t>(choice.recognised);
  if (columns == 0) return;
  const auto under = [&](std::size_t percent) { return known * 100 < percent * columns; };
  if (required ? !under(static_cast<std::size_t>(require_fit)) : !under(50)) return;
  std::string limit = "fewer than half";
  Severity severity = partial ? Severity::info : Severity::warning;
  if (required) {
    severity = Severity::error;
    limit = "under --require-fit " + std::to_string(require_fit) + "%";
  } else if (model_named && (!partial || under(25))) {
    severity = Severity::error;
    limit = partial ? "fewer than a quarter, for a model named with --model"
                    : "fewer than half, for a model named with --model";
  }
  std::vector<std::string> unknown_headers;
  for (std::size_t i = 0; i < columns; ++i) {
    if (choice.columns[i].field != nullptr) continue;  // unknown, or mapped to no item
    unknown_headers.push_back(grammars::mask_individual_numbers_in(headers[i]));
  }
  Problem problem = table.make("poor-model-fit", 1, table.header_line, 0);
  problem.severity = severity;
  table.problems.add(std::move(problem), {{"known", std::to_string(known)},
                                          {"columns", std::to_string(columns)},
                                          {"percent", std::to_string(known * 100 / columns)},
                                          {"limit", limit},
                                          {"unknown", grammars::listed_first(unknown_headers, 3)}});
}

// "gif:Person_MP01 (個人の必須パターン1)".
std::string pattern_name(const Model& pattern) {
  return pattern.id + " (" + pattern.label + ")";
}

// The labels of fields, "ID群, 氏（英字）".
std::string labels_of(const std::vector<const FieldSpec*>& fields) {
  std::string text;
  for (const FieldSpec* field : fields)
    text += (text.empty() ? "" : ", ") + HeaderMatcher::display_label(*field);
  return text;
}

// The required patterns of a GIF class against the header: for the class,
// the patterns it satisfies go into the model note, and when it satisfies
// none, the closest (fewest items lacking; the first by id of equals) is a
// required-pattern warning; for a pattern named, the items it lacks are one
// required-pattern error (bind_header left out their missing-column), naming
// any pattern the header does satisfy.
void report_required_patterns(TableContext& table, const ModelCatalog& catalog) {
  const Model& model = table.model;
  const std::vector<const Model*> patterns = catalog.required_patterns(model);
  if (patterns.empty()) return;
  std::vector<const Model*> satisfied;
  const Model* closest = nullptr;
  std::vector<const FieldSpec*> closest_lacking;
  for (const Model* pattern : patterns) {
    std::vector<const FieldSpec*> lacking = required_items_without_column(*pattern, table.binding);
    if (lacking.empty()) satisfied.push_back(pattern);
    if (closest == nullptr || lacking.size() < closest_lacking.size()) {
      closest = pattern;
      closest_lacking = std::move(lacking);
    }
  }
  std::string satisfied_text;
  for (const Model* pattern : satisfied)
    satisfied_text += (satisfied_text.empty() ? "" : ", ") + pattern_name(*pattern);
  const bool named = is_gif_pattern(model);
  if (!named && !satisfied.empty()) {
    table.task.model_note += "; the header satisfies " + satisfied_text;
    return;
  }
  const Model& judged = named ? model : *closest;
  // Moved, not copied by a conditional expression: at -O3, GCC 12 took the free of that
  // copy for a free of a non-heap pointer (a false -Wfree-nonheap-object).
  std::vector<const FieldSpec*> lacking = std::move(closest_lacking);
  if (named) lacking = required_items_without_column(model, table.binding);
  if (lacking.empty()) return;  // the pattern named is satisfied
  Problem problem = table.make("required-pattern", 1, table.header_line, 0);
  if (named) problem.severity = Severity::error;
  problem.suggestion = "add a column " + HeaderMatcher::display_label(*lacking.front());
  std::string other;
  if (named && !satisfied.empty()) other = "; the header satisfies " + satisfied_text;
  const std::string subject = named
                                  ? pattern_name(judged)
                                  : "no required pattern of " + model.label +
                                        " is satisfied: the closest, " + pattern_name(judged) + ",";
  table.problems.add(std::move(problem),
                     {{"subject", subject}, {"lacking", labels_of(lacking)}, {"other", other}});
}

}  // namespace

void report_header_findings(TableContext& table, const ModelCatalog& catalog,
                            const ModelChoice& choice, bool header_row, bool model_named) {
  report_binding(table);
  if (!header_row) return;
  report_model_fit(table, choice, model_named);
  report_required_patterns(table, catalog);
}

}  // namespace gifkit::models
