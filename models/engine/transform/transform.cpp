// transform.cpp — run_transform (see transform.hpp): reads the dataset
// through the dataset reader (a file a first time for the columns to mask and
// what its unbound columns hold), plans from its header and those values
// (transform_plan.hpp), then turns each row into an output row: conversions
// first (on the values as read), then every output value through the value
// fixer, each change and each doubt to the sink as it is made. The steps are
// files of their own: the input (transform_input), the masks of 個人番号
// (individual_number_masks), the log (transform_log), the output row and
// its fixes (output_row), the conversions (row_conversions), the code tables
// (row_code_tables), the 丁目 doubts (row_chome_doubts) and the 法人番号
// registry (row_registry).
#include "models/engine/transform/transform.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "grammars/io/csv_reader.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/transform/individual_number_masks.hpp"
#include "models/engine/transform/output_row.hpp"
#include "models/engine/transform/release_columns.hpp"
#include "models/engine/transform/row_chome_doubts.hpp"
#include "models/engine/transform/row_code_tables.hpp"
#include "models/engine/transform/row_conversions.hpp"
#include "models/engine/transform/row_name_review.hpp"
#include "models/engine/transform/row_registry.hpp"
#include "models/engine/transform/transform_input.hpp"
#include "models/engine/transform/transform_log.hpp"
#include "models/engine/transform/transform_plan.hpp"
#include "models/engine/transform/value_fixer.hpp"

namespace gifkit::models {
namespace {

class TransformRun {
 public:
  TransformRun(const TransformOptions& options, const CheckResources& resources,
               TransformSink& sink)
      : options_(options),
        resources_(resources),
        sink_(sink),
        log_(sink),
        fixer_(resources),
        input_(options),
        masks_(options),
        output_(plan_, fixer_, log_),
        conversions_(output_) {
    // Without a change log the fixer's steps are only counted (emit_steps).
    fixer_.keep_step_texts(log_.keeps_changes());
    // Without a review list the leftovers are only counted (review_leftovers):
    // the fix_rule of a 番地 is still looked at (OutputRow::fix).
    fixer_.keep_leftover_texts(log_.keeps_reviews());
  }

  // Transforms with given, or (nullptr) with the model catalog's
  // choose_model picks for the header.
  TransformResult run(const ModelCatalog& catalog, const Model* given) {
    std::optional<DatasetReader> reader;
    grammars::CsvRecord record;
    input_.open(reader, record);
    std::vector<std::string> headers(record.fields.begin(), record.fields.end());
    std::string note;  // how the model was chosen (without --model)
    const Model& model = given != nullptr ? *given : input_.chosen_model(catalog, headers, note);
    if (given == nullptr) result_.notes.push_back("model " + model.id + " chosen (" + note + ")");
    result_.model = model.id;
    // Decided before anything is written (the sink has nothing yet): the
    // columns to mask and what the columns the header leaves unbound hold,
    // from a first reading of the file (not of standard input).
    std::optional<ReleaseColumns> release;
    if (options_.crosswalk != nullptr && !model.release.empty()) {
      release.emplace(model, catalog, *options_.crosswalk);
      release->read_header(headers);
      if (release->empty()) release.reset();
    }
    const ReleaseColumns* earlier = release ? &*release : nullptr;
    const TransformPlan by_header = plan_transform(model, headers, options_, resources_.registry,
                                                   {}, earlier, catalog.gif_item_labels());
    ColumnKinds kinds(by_header.input_fields, &model, &resources_, false);
    const bool unbound = std::find(by_header.input_fields.begin(), by_header.input_fields.end(),
                                   nullptr) != by_header.input_fields.end();
    masks_.find(input_, *reader, record, by_header.input_fields, unbound, kinds);
    result_.format = std::string(reader->format());
    input_.report_errors(record, output_);
    plan_ =
        plan_transform(model, headers, options_, resources_.registry,
                       input_.columns_by_values(model, headers, by_header, kinds, result_.notes),
                       earlier, catalog.gif_item_labels());
    if (!plan_.corporations.empty()) {
      registry_.emplace(output_, conversions_, *resources_.registry, options_.update_from_registry);
    }
    result_.columns_in = static_cast<std::uint32_t>(headers.size());
    result_.columns_out = static_cast<std::uint32_t>(plan_.columns.size());
    result_.notes.insert(result_.notes.end(), plan_.notes.begin(), plan_.notes.end());
    for (const ChangeRecord& change : plan_.header_changes) log_.emit(change);
    for (const ReviewRecord& review : plan_.header_reviews) log_.emit(review);
    name_review_.bind(plan_, resources_);
    std::vector<std::string> labels;
    // A header written as read (a column no item names) is a text like any
    // value: a 個人番号 in it is masked (the first row of a file without a
    // header row is the header, and its number was written in clear).
    for (const OutputColumn& column : plan_.columns)
      labels.push_back(grammars::mask_individual_numbers_in(column.header));
    sink_.header(labels);
    start_rows(headers.size());
    while (reader->next(record)) {
      ++result_.rows;
      if ((result_.rows & 1023) == 0 && options_.keep_going && !options_.keep_going(result_.rows))
        throw TransformFailure{"stopped after " + std::to_string(result_.rows) + " rows"};
      input_.report_errors(record, output_);
      masks_.mask(record, plan_, log_);
      transform_row(record);
    }
    result_.encoding = std::string(grammars::encoding_name(reader->encoding()));
    result_.changes = log_.changes();
    result_.reviews = log_.reviews();
    result_.masked_columns = masks_.masked_columns(headers);
    result_.mapping = std::move(plan_.mapping);
    if (std::string note = name_review_.note(); !note.empty()) result_.notes.push_back(note);
    return std::move(result_);
  }

 private:
  // The row's state sized for the plan; input_columns: the input's.
  void start_rows(std::size_t input_columns) {
    conversions_.start(input_columns);
    output_.start();
    hashes_.resize(plan_.columns.size());
    row_.resize(plan_.columns.size());
    as_read_.assign(plan_.columns.size(), 0);
    remembered_.resize(plan_.columns.size());
    for (const OutputColumn& column : plan_.columns) {
      as_read_source_.push_back(column.field != nullptr && column.source >= 0 &&
                                        column.conversion < 0 && column.code_table < 0
                                    ? column.source
                                    : -1);
    }
  }

  void transform_row(const grammars::CsvRecord& record) {
    const std::size_t columns = plan_.headers.size();
    if (record.fields.size() != columns &&
        !(record.fields.size() == 1 && record.fields[0].empty())) {
      log_.emit(ReviewRecord{record.number, static_cast<std::uint32_t>(columns + 1), "", "",
                             "the row has " + std::to_string(record.fields.size()) +
                                 " fields, the header " + std::to_string(columns),
                             "malformed-row", ""});
      for (std::size_t i = columns; i < record.fields.size(); ++i) {
        log_.emit(ChangeRecord{record.number, static_cast<std::uint32_t>(i + 1), "",
                               std::string(record.fields[i]), "", "extra-field"});
      }
    }
    conversions_.convert_row(record);
    for (int column : plan_.dropped) {
      const std::string_view value = record_field(record, column);
      if (!value.empty()) {
        log_.emit(ChangeRecord{record.number, static_cast<std::uint32_t>(column + 1), "",
                               std::string(value), "", "drop-unknown"});
      }
    }
    // A column of an earlier release with no certain place: each value
    // reviewed, and kept in the log as a value that left the output.
    for (const ReviewRecord& column : plan_.release_reviews) {
      const std::string_view value = record_field(record, static_cast<int>(column.column) - 1);
      if (value.empty()) continue;
      log_.emit(ChangeRecord{record.number, column.column, column.item, std::string(value), "",
                             column.code});
      ReviewRecord review = column;
      review.row = record.number;
      review.value = std::string(value);
      log_.emit(std::move(review));
    }
    // The fixer's memo asked about the values copied as read, all at once
    // (ValueFixer::prefetch); the others are worked out as they are fixed.
    for (std::size_t i = 0; i < plan_.columns.size(); ++i) {
      const int source = as_read_source_[i];
      hashes_[i] =
          source >= 0 ? fixer_.prefetch(plan_.columns[i].checked, record_field(record, source)) : 0;
    }
    fixer_.prefetch_entries(hashes_);
    for (std::size_t i = 0; i < plan_.columns.size(); ++i) {
      const OutputColumn& column = plan_.columns[i];
      // A value copied as read that its plan passes: nothing to fix, written as read.
      as_read_[i] = hashes_[i] == ValueFixer::kAccepted ? 1 : 0;
      if (as_read_[i]) continue;
      // A value the memo knows with no leftover, the changes only counted:
      // its fixed text viewed in the memo, neither copied nor replayed
      // (OutputRow::fix would count its steps and do nothing more).
      std::size_t steps = 0;
      if (!log_.keeps_changes() && as_read_source_[i] >= 0 &&
          fixer_.recall_clean(column.checked, record_field(record, as_read_source_[i]), hashes_[i],
                              remembered_[i], steps)) {
        log_.count_changes(steps);
        as_read_[i] = 2;
        continue;
      }
      std::string& value = output_.values[i];
      if (column.source >= 0) {
        value.assign(record_field(record, column.source));
        if (column.conversion >= 0) conversions_.rewrite(record.number, i);
      } else if (column.conversion >= 0) {
        conversions_.write_slot(column, value);
      } else {
        value.clear();  // a 法人番号 the registry may give (below), a code table's code
      }
      if (column.code_table >= 0) apply_code_table(output_, record, i);
      output_.fix(record.number, i, hashes_[i]);
    }
    if (!output_.chome_doubts.empty() || registry_) own_values(record);
    settle_chome_doubts(output_, resources_.registry, record.number);
    if (registry_) {
      registry_->apply(record.number);
      settle_chome_doubts(output_, resources_.registry, record.number);  // of a registered address
    }
    conversions_.emit_held_reviews();
    for (std::size_t i = 0; i < plan_.columns.size(); ++i)
      row_[i] = as_read_[i] == 1   ? record_field(record, as_read_source_[i])
                : as_read_[i] == 2 ? remembered_[i]
                                   : std::string_view(output_.values[i]);
    name_review_.review(record.number, row_, log_);
    sink_.row(row_);
  }

  // The values this row writes as read or from the memo (as_read_) copied
  // into the output row, for what reads and changes the row's cells after
  // they are fixed (a 丁目 moved into the 町字, the registry's additions).
  void own_values(const grammars::CsvRecord& record) {
    for (std::size_t i = 0; i < plan_.columns.size(); ++i) {
      if (!as_read_[i]) continue;
      output_.values[i].assign(as_read_[i] == 1 ? record_field(record, as_read_source_[i])
                                                : remembered_[i]);
      as_read_[i] = 0;
    }
  }

  const TransformOptions& options_;
  const CheckResources& resources_;
  TransformSink& sink_;
  TransformLog log_;
  ValueFixer fixer_;
  TransformInput input_;
  IndividualNumberMasks masks_;
  TransformPlan plan_;
  TransformResult result_;
  OutputRow output_;  // of plan_
  RowConversions conversions_;
  std::optional<RowRegistry> registry_;  // with a 法人番号 registry and a model that asks
  RowNameReview name_review_;  // the persons' names and their カナ, when the output has them
  std::vector<std::uint64_t> hashes_;  // per output column: this row's ValueFixer::prefetch
  // Per output column, this row: 1 the value is the input's as read, 2 it
  // is remembered_[i] (output_.values[i] not set either way; own_values
  // sets it), 0 it is output_.values[i]. (Bytes, not vector<bool>: asked a
  // dozen times a row.)
  std::vector<std::uint8_t> as_read_;
  // Per output column, this row: the fixed value in the fixer's memo
  // (ValueFixer::recall_clean), where as_read_ is 2.
  std::vector<std::string_view> remembered_;
  std::vector<std::string_view> row_;  // the row written: views of output_ or of the input
  // Per output column: the input column it copies as read and fixes alone
  // (no conversion, no code table), whose values the fixer is asked first
  // (ValueFixer::prefetch); -1 for the others.
  std::vector<int> as_read_source_;
};

}  // namespace

TransformResult run_transform(const TransformOptions& options, ModelCatalog& catalog,
                              const CheckResources& resources, TransformSink& sink) {
  const Model* model = nullptr;
  if (!options.model.empty()) {
    std::string error;
    model = catalog.find_or_load(options.model, error);
    if (model == nullptr) throw TransformFailure{error};
    if (!model->has_header)
      throw TransformFailure{model->id +
                             " describes files without a header row: transform reads a "
                             "dataset's header"};
  }
  try {
    return TransformRun(options, resources, sink).run(catalog, model);
  } catch (const grammars::ReadLimitExceeded& refused) {  // in the middle of a sheet
    throw TransformFailure{refused.what()};
  }
}

}  // namespace gifkit::models
