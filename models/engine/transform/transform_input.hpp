// transform_input.hpp — the input's side of a transform run (transform.cpp):
// the dataset opened through the dataset reader (again, for a first reading),
// the model chosen for its header when none is given, the columns its values
// bind where its header does not, and the reader's errors (encoding,
// quoting) of each record logged and put to review.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "models/engine/checks/column_by_values.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/transform/output_row.hpp"
#include "models/engine/transform/transform.hpp"
#include "models/engine/transform/transform_plan.hpp"

namespace gifkit::models {

class TransformInput {
 public:
  explicit TransformInput(const TransformOptions& options) : options_(options) {}
  TransformInput(const TransformInput&) = delete;  // its readers report to this
  TransformInput& operator=(const TransformInput&) = delete;

  // Opens the input and reads its header row into record; its reader's
  // errors go to errors(). Throws TransformFailure.
  void open(std::optional<DatasetReader>& reader, grammars::CsvRecord& record);
  // The errors the readers reported that are not reported yet.
  std::vector<grammars::CsvError>& errors() { return errors_; }

  // The model choose_model picks for headers (as validate picks it), how it
  // was chosen in note; or a TransformFailure saying that none fits.
  const Model& chosen_model(const ModelCatalog& catalog, const std::vector<std::string>& headers,
                            std::string& note) const;

  // The columns understood by their values (checks/column_by_values.hpp)
  // among those neither the header nor the mapping decided: no item, no
  // mapping entry, not a second column of an item. by_header: the plan made
  // from the header alone. A column that is only maybe an item: a note.
  std::vector<ValueBinding> columns_by_values(const Model& model,
                                              const std::vector<std::string>& headers,
                                              const TransformPlan& by_header,
                                              const ColumnKinds& kinds,
                                              std::vector<std::string>& notes) const;

  // The reader's errors in this record (encoding, quoting): for review.
  // The bytes an encoding error replaced by U+FFFD are kept in the log
  // (\xHH escapes, rule invalid-bytes); a cell with encoding errors has one
  // review row (its runs of bad bytes in one message, the value as read),
  // which stands for the cell: the fixer's doubts about its U+FFFD are not
  // listed again (output.undecodable_columns, OutputRow::fix).
  void report_errors(const grammars::CsvRecord& record, OutputRow& output);

 private:
  const TransformOptions& options_;
  std::vector<grammars::CsvError> errors_;
};

}  // namespace gifkit::models
