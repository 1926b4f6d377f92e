// transform_input.cpp — see transform_input.hpp.
#include "models/engine/transform/transform_input.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

#include "grammars/values/identifiers.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/report/problem_codes.hpp"

namespace gifkit::models {

void TransformInput::open(std::optional<DatasetReader>& reader, grammars::CsvRecord& record) {
  try {
    reader.emplace(options_.input, options_.reading,
                   [this](const grammars::CsvError& error) { errors_.push_back(error); });
  } catch (const DatasetOpenError& error) {
    throw TransformFailure{options_.input + ": " + error.reason};
  }
  if (!reader->next(record))
    throw TransformFailure{options_.input + ": the file has no header row"};
}

const Model& TransformInput::chosen_model(const ModelCatalog& catalog,
                                          const std::vector<std::string>& headers,
                                          std::string& note) const {
  const ModelChoice choice = choose_model(catalog, nullptr, headers, options_.input);
  if (choice.model == nullptr) {
    const ProblemCode* code = find_problem_code("no-model-fits");
    assert(code != nullptr);
    throw TransformFailure{
        "no-model-fits: " + options_.input + ": no model fits its header" +
        (choice.closest.empty()
             ? std::string(" (no model is loaded)")
             : "; the closest are " + closest_models_text(choice, headers.size())) +
        ". " + std::string(code->how_to_fix)};
  }
  note = choice.note;
  return *choice.model;
}

std::vector<ValueBinding> TransformInput::columns_by_values(const Model& model,
                                                            const std::vector<std::string>& headers,
                                                            const TransformPlan& by_header,
                                                            const ColumnKinds& kinds,
                                                            std::vector<std::string>& notes) const {
  assert(by_header.input_fields.size() == headers.size());
  std::vector<ValueBinding> found;
  for (ValueBinding& binding :
       models::columns_by_values(model, headers, by_header.input_fields, kinds)) {
    const std::string& header = headers[binding.column];
    const bool second = std::any_of(
        by_header.header_reviews.begin(), by_header.header_reviews.end(),
        [&](const ReviewRecord& review) {
          return review.code == "duplicate-column" && review.column == binding.column + 1;
        });
    if (options_.mapping.find(header) != nullptr || second) continue;
    if (!binding.certain) {
      std::string items = HeaderMatcher::display_label(*binding.field);
      for (const FieldSpec* other : binding.others)
        items += " or " + HeaderMatcher::display_label(*other);
      notes.push_back(header + " may be " + items + ": " + binding.evidence +
                      "; not bound (name it in a mapping file, --mapping, if it is)");
      continue;
    }
    found.push_back(std::move(binding));
  }
  return found;
}

void TransformInput::report_errors(const grammars::CsvRecord& record, OutputRow& output) {
  output.undecodable_columns.clear();
  for (std::size_t k = 0; k < errors_.size(); ++k) {
    const grammars::CsvError& error = errors_[k];
    const std::uint32_t column = error.field;
    const std::string item = column > 0 ? output.plan.item_name(column - 1) : "";
    const bool encoding = error.kind == grammars::CsvError::Kind::encoding_error;
    if (!error.bytes.empty()) {
      output.log.emit(ChangeRecord{record.number, column, item,
                                   grammars::escaped_bytes(error.bytes), "\uFFFD",
                                   "invalid-bytes"});
    }
    std::string why = "line " + std::to_string(error.line) + ": " + error.message;
    if (encoding && column > 0) {
      // Later runs of the same cell join this row.
      for (; k + 1 < errors_.size() && errors_[k + 1].field == column &&
             errors_[k + 1].kind == error.kind;
           ++k) {
        const grammars::CsvError& next = errors_[k + 1];
        if (!next.bytes.empty()) {
          output.log.emit(ChangeRecord{record.number, column, item,
                                       grammars::escaped_bytes(next.bytes), "\uFFFD",
                                       "invalid-bytes"});
        }
        why += "; " + next.message;
      }
      output.undecodable_columns.push_back(column);
    }
    output.log.emit(ReviewRecord{
        record.number, column, item,
        encoding ? std::string(record_field(record, static_cast<int>(column) - 1)) : "",
        std::move(why), encoding ? "encoding-error" : "malformed-row", ""});
  }
  errors_.clear();
}

}  // namespace gifkit::models
