// transform.cpp — run_transform (see transform.hpp): reads the dataset
// through the dataset reader (a file a first time for the columns to mask and
// what its unbound columns hold), plans from its header and those values
// (transform_plan.hpp), then turns each row into an output row: conversions
// first (on the values as read), then every output value through the value
// fixer, each change and each doubt to the sink as it is made.
#include "models/engine/transform/transform.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "grammars/csv_reader.hpp"
#include "grammars/text_fold.hpp"
#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/transform/chome_to_town.hpp"
#include "models/engine/transform/corporation_codes.hpp"
#include "models/engine/transform/individual_number_masks.hpp"
#include "models/engine/transform/output_row.hpp"
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
        output_(plan_, fixer_, log_) {
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
    const TransformPlan by_header =
        plan_transform(model, headers, options_, resources_.registry, {}, earlier);
    ColumnKinds kinds(by_header.input_fields, &model, &resources_, false);
    const bool unbound = std::find(by_header.input_fields.begin(), by_header.input_fields.end(),
                                   nullptr) != by_header.input_fields.end();
    masks_.find(input_, *reader, record, unbound, kinds);
    result_.format = std::string(reader->format());
    input_.report_errors(record, output_);
    plan_ = plan_transform(
        model, headers, options_, resources_.registry,
        input_.columns_by_values(model, headers, by_header, kinds, result_.notes), earlier);
    if (!plan_.corporations.empty()) {
      corporations_.emplace(plan_.corporations, *resources_.registry, *resources_.registry,
                            options_.update_from_registry);
    }
    result_.columns_in = static_cast<std::uint32_t>(headers.size());
    result_.columns_out = static_cast<std::uint32_t>(plan_.columns.size());
    result_.notes.insert(result_.notes.end(), plan_.notes.begin(), plan_.notes.end());
    for (const ChangeRecord& change : plan_.header_changes) log_.emit(change);
    for (const ReviewRecord& review : plan_.header_reviews) log_.emit(review);
    std::vector<std::string> labels;
    for (const OutputColumn& column : plan_.columns) labels.push_back(column.header);
    sink_.header(labels);
    slots_.resize(plan_.conversions.size());
    in_output_.assign(headers.size(), false);
    for (const OutputColumn& column : plan_.columns)
      if (column.source >= 0) in_output_[static_cast<std::size_t>(column.source)] = true;
    for (const PlannedConversion& planned : plan_.conversions) {
      replaces_inputs_.push_back(std::none_of(planned.inputs.begin(), planned.inputs.end(),
                                              [&](int input) { return is_output(input); }));
    }
    converted_.resize(plan_.conversions.size());
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
    return std::move(result_);
  }

 private:
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
    for (std::size_t c = 0; c < plan_.conversions.size(); ++c) convert(record, c);
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
        if (column.conversion >= 0) rewrite(record.number, i);
      } else if (column.conversion >= 0) {
        value = converted_[column.conversion]
                    ? slots_[column.conversion][static_cast<std::size_t>(column.slot)]
                    : std::string();
      } else {
        value.clear();  // a 法人番号 the registry may give (below), a code table's code
      }
      if (column.code_table >= 0) apply_code_table(record, i);
      output_.fix(record.number, i, hashes_[i]);
    }
    if (!output_.chome_doubts.empty() || corporations_) own_values(record);
    settle_chome_doubts(record.number);
    if (corporations_) {
      apply_registry(record.number);
      settle_chome_doubts(record.number);  // of a registered address written in
    }
    for (auto& [conversion, review] : conversion_reviews_) log_.emit(std::move(review));
    conversion_reviews_.clear();
    for (std::size_t i = 0; i < plan_.columns.size(); ++i)
      row_[i] = as_read_[i] == 1   ? record_field(record, as_read_source_[i])
                : as_read_[i] == 2 ? remembered_[i]
                                   : std::string_view(output_.values[i]);
    sink_.row(row_);
  }

  // The values this row writes as read or from the memo (as_read_) copied into output_, for
  // what reads and changes the row's cells after they are fixed (a 丁目
  // moved into the 町字, the registry's additions).
  void own_values(const grammars::CsvRecord& record) {
    for (std::size_t i = 0; i < plan_.columns.size(); ++i) {
      if (!as_read_[i]) continue;
      output_.values[i].assign(as_read_[i] == 1 ? record_field(record, as_read_source_[i])
                                                : remembered_[i]);
      as_read_[i] = 0;
    }
  }

  // Output cell i, an input column that its conversion writes again (an
  // address in the DS-442 form): its slot where the conversion was certain
  // and wrote one, the change logged from the value as read.
  void rewrite(std::uint64_t row, std::size_t i) {
    const OutputColumn& column = plan_.columns[i];
    const auto c = static_cast<std::size_t>(column.conversion);
    if (!converted_[c]) return;
    const std::string& slot = slots_[c][static_cast<std::size_t>(column.slot)];
    std::string& value = output_.values[i];
    if (slot.empty() || slot == value) return;
    log_.emit(ChangeRecord{row, column.input_number(plan_.conversions), column.header, value, slot,
                           std::string(plan_.conversions[c].conversion->rule())});
    value = slot;
  }

  // Whether input column (0-based; -1 for none) is copied to the output.
  bool is_output(int column) const {
    return column >= 0 && in_output_[static_cast<std::size_t>(column)];
  }

  // The output column of the address item id beside item (the same part), or -1.
  int address_column(const FieldSpec& item, std::string_view id) const {
    for (std::size_t k = 0; k < plan_.columns.size(); ++k) {
      const FieldSpec* field = plan_.columns[k].field;
      if (field != nullptr && field->part == item.part && field->id == id)
        return static_cast<int>(k);
    }
    return -1;
  }

  void settle_chome_doubts(std::uint64_t row) {
    for (auto& [i, leftovers] : output_.chome_doubts) settle_chome(row, i, leftovers);
    output_.chome_doubts.clear();
  }

  // A 番地以下 (output cell i) that holds a 丁目: moved into the 町字 where
  // the ABR confirms it (chome_to_town.hpp), both changes logged
  // `chome-to-town`; else its leftovers to review, the value as it was.
  void settle_chome(std::uint64_t row, std::size_t i, std::vector<ValueFixer::Leftover>& doubts) {
    output_.leftovers = std::move(doubts);
    const OutputColumn& column = plan_.columns[i];
    const int town = address_column(*column.field, "streetAddress");
    const int prefecture = address_column(*column.field, "prefecture");
    const int city = address_column(*column.field, "cityAndCounty");
    AddressLookup* abr = resources_.registry;
    if (abr == nullptr || !abr->has_addresses() || town < 0) {
      output_.review_leftovers(row, i, "");
      return;
    }
    auto cell = [this](int k) {
      return k < 0 ? std::string_view()
                   : std::string_view(output_.values[static_cast<std::size_t>(k)]);
    };
    ChomeMove move;
    std::string why;
    if (!move_chome_to_town(*abr, fixer_, column.checked,
                            {cell(prefecture), cell(city), cell(town), output_.values[i]}, move,
                            why)) {
      output_.review_leftovers(row, i, why.empty() ? "" : "; " + why);
      return;
    }
    const OutputColumn& town_column = plan_.columns[static_cast<std::size_t>(town)];
    std::string& town_value = output_.values[static_cast<std::size_t>(town)];
    log_.emit(ChangeRecord{row, town_column.input_number(plan_.conversions), town_column.header,
                           town_value, move.town, "chome-to-town"});
    log_.emit(ChangeRecord{row, column.input_number(plan_.conversions), column.header,
                           output_.values[i], move.block, "chome-to-town"});
    town_value = std::move(move.town);
    output_.values[i] = std::move(move.block);
  }

  // Output cell i from its code table (transform_plan.hpp PlannedCodeTable):
  // the standard code of the row's code, written in place of the code or
  // into an empty cell beside it, each write logged; a code the table does
  // not give, or a cell that holds another standard code, to review (left
  // as it was).
  void apply_code_table(const grammars::CsvRecord& record, std::size_t i) {
    const OutputColumn& column = plan_.columns[i];
    const PlannedCodeTable& planned =
        plan_.code_tables[static_cast<std::size_t>(column.code_table)];
    const std::string_view code = record_field(record, planned.input);
    if (grammars::trim_spaces(code).empty()) return;
    const auto number = static_cast<std::uint32_t>(planned.input + 1);
    const std::string& read_as = plan_.headers[static_cast<std::size_t>(planned.input)];
    const std::string& table = planned.table->name();
    const std::string* standard = planned.table->find(code);
    if (standard == nullptr && planned.in_place && planned.table->gives(code)) return;
    if (standard == nullptr || standard->empty()) {
      log_.emit(
          ReviewRecord{record.number, number, column.header, std::string(code),
                       read_as + ": " + std::string(code) +
                           (standard == nullptr ? " is not in the code table "
                                                : " has no standard code in the code table ") +
                           table,
                       "code-table", ""});
      return;
    }
    std::string& value = output_.values[i];
    if (planned.in_place || value.empty()) {
      if (value == *standard) return;
      log_.emit(ChangeRecord{record.number, number, column.header, std::string(code), *standard,
                             "code-table"});
      value = *standard;
      return;
    }
    if (CodeTable::key(value) == CodeTable::key(*standard)) return;  // the fixer sees to widths
    log_.emit(ReviewRecord{record.number, column.input_number(plan_.conversions), column.header,
                           value,
                           column.header + ": " + value + " is not the code the code table " +
                               table + " gives for " + read_as + " " + std::string(code),
                           "code-table", *standard});
  }

  // The 法人番号 registry's additions and replacements (corporation_codes.hpp);
  // a registered value written in is fixed like any other.
  void apply_registry(std::uint64_t row) {
    corporations_->apply(output_.values, corporation_edits_, corporation_doubts_);
    std::vector<int> edited_sources;
    for (CorporationEdit& edit : corporation_edits_) {
      const OutputColumn& column = plan_.columns[static_cast<std::size_t>(edit.column)];
      log_.emit(ChangeRecord{row, column.input_number(plan_.conversions), column.header,
                             std::move(edit.from), std::move(edit.to), std::move(edit.rule)});
      output_.fix(row, static_cast<std::size_t>(edit.column));
      if (column.source >= 0) edited_sources.push_back(column.source);
    }
    // The codes an address conversion derived from an address the registry
    // has just replaced are derived again, from the registered address.
    for (std::size_t c = 0; c < plan_.conversions.size(); ++c) {
      const std::vector<int>& inputs = plan_.conversions[c].inputs;
      if (std::any_of(inputs.begin(), inputs.end(), [&](int input) {
            return std::find(edited_sources.begin(), edited_sources.end(), input) !=
                   edited_sources.end();
          }))
        convert_again(row, c);
    }
    for (CorporationDoubt& doubt : corporation_doubts_) {
      const OutputColumn& column = plan_.columns[static_cast<std::size_t>(doubt.column)];
      log_.emit(ReviewRecord{row, column.input_number(plan_.conversions), column.header,
                             std::move(doubt.value), column.header + ": " + doubt.why,
                             std::move(doubt.code), std::move(doubt.candidates)});
    }
  }

  // Runs conversion c on the row. Its inputs are fixed as their own items
  // first (１－３ becomes 1-3 before it is joined into 連結表記), each fix logged.
  void convert(const grammars::CsvRecord& record, std::size_t c) {
    const PlannedConversion& planned = plan_.conversions[c];
    fixed_inputs_.resize(planned.inputs.size());
    inputs_.clear();
    for (std::size_t k = 0; k < planned.inputs.size(); ++k) {
      const int column = planned.inputs[k];
      std::string& value = fixed_inputs_[k];
      value.assign(record_field(record, column));
      const FieldSpec* field = column >= 0 ? plan_.input_fields[column] : nullptr;
      // Logged where the input leaves the output; an input copied to the
      // output is fixed and logged there (OutputRow::fix).
      if (field != nullptr && !value.empty() &&
          fixer_.fix(*field, value, output_.steps, output_.leftovers) && !is_output(column))
        log_.emit_steps(output_.steps, record.number, static_cast<std::uint32_t>(column + 1),
                        plan_.item_name(column));
    }
    for (const std::string& value : fixed_inputs_) inputs_.push_back(value);
    ConversionDoubt doubt;
    converted_[c] = planned.conversion->convert(inputs_, slots_[c], doubt);
    if (converted_[c]) {
      // Written differently from how it was read (the registry's way of
      // writing an address): the change is logged like any other — where the
      // conversion's slots replace its inputs; one that only adds codes
      // beside the address leaves the address as it was read.
      if (!doubt.rewritten.empty() && replaces_inputs_[c]) {
        const int first = planned.inputs.empty() ? -1 : planned.inputs.front();
        log_.emit(ChangeRecord{record.number, static_cast<std::uint32_t>(first + 1), planned.item,
                               joined_inputs(), std::move(doubt.rewritten),
                               std::string(planned.conversion->rule())});
      }
      return;
    }
    // Not certain: the values stay in the change log and go to review.
    const std::string value = joined_inputs();
    const int first = planned.inputs.empty() ? -1 : planned.inputs.front();
    // Held to the end of the row: the registry may replace the address and
    // the conversion then succeed (convert_again).
    conversion_reviews_.push_back(
        {c, ReviewRecord{record.number, static_cast<std::uint32_t>(first + 1), planned.item, value,
                         planned.item + ": " + value + " " + doubt.why,
                         std::string(planned.conversion->rule()), doubt.candidates}});
    for (std::size_t k = 0; k < planned.inputs.size(); ++k) {
      if (planned.inputs[k] < 0 || inputs_[k].empty() || is_output(planned.inputs[k])) continue;
      log_.emit(ChangeRecord{record.number, static_cast<std::uint32_t>(planned.inputs[k] + 1),
                             planned.item, std::string(inputs_[k]), "", "not-converted"});
    }
  }

  // Runs conversion c again on the output's values of its inputs (all of
  // them output columns as read: a conversion that adds codes beside the
  // address it reads) and writes its slots into the output, each change
  // logged; a review held for c's first run is dropped; when it is not
  // certain now, its cells are emptied and the new address reviewed.
  void convert_again(std::uint64_t row, std::size_t c) {
    const PlannedConversion& planned = plan_.conversions[c];
    inputs_.clear();
    for (int input : planned.inputs) {
      const auto at =
          std::find_if(plan_.columns.begin(), plan_.columns.end(),
                       [&](const OutputColumn& column) { return column.source == input; });
      if (input < 0 || at == plan_.columns.end()) return;  // a consumed input: parts, not codes
      inputs_.push_back(output_.values[static_cast<std::size_t>(at - plan_.columns.begin())]);
    }
    ConversionDoubt doubt;
    const bool certain = planned.conversion->convert(inputs_, slots_[c], doubt);
    // What the read address left for review is settled by the registered one.
    std::erase_if(conversion_reviews_, [c](const auto& held) { return held.first == c; });
    if (!certain) {
      log_.emit(ReviewRecord{row, static_cast<std::uint32_t>(planned.inputs.front() + 1),
                             planned.item, joined_inputs(),
                             planned.item + ": " + joined_inputs() + " " + doubt.why,
                             std::string(planned.conversion->rule()), doubt.candidates});
    }
    for (std::size_t i = 0; i < plan_.columns.size(); ++i) {
      const OutputColumn& column = plan_.columns[i];
      if (column.conversion != static_cast<int>(c)) continue;
      std::string value =
          certain ? slots_[c][static_cast<std::size_t>(column.slot)] : std::string();
      // A column the conversion writes again keeps its value where it writes none.
      if (column.source >= 0 && value.empty()) continue;
      if (value == output_.values[i]) continue;
      log_.emit(ChangeRecord{row, column.input_number(plan_.conversions), column.header,
                             output_.values[i], value, std::string(planned.conversion->rule())});
      output_.values[i] = std::move(value);
    }
  }

  // A conversion's inputs as one value for the log and review ("東京都 | 文京区 | …").
  std::string joined_inputs() const {
    std::string value;
    for (std::string_view part : inputs_) {
      if (part.empty()) continue;
      value += (value.empty() ? "" : " | ") + std::string(part);
    }
    return value;
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
  OutputRow output_;                             // of plan_
  std::vector<std::vector<std::string>> slots_;  // per conversion, this row's values
  std::vector<bool> converted_;                  // per conversion, this row
  std::vector<bool> in_output_;                  // per input column: copied to the output
  std::vector<bool> replaces_inputs_;     // per conversion: its inputs are not output columns
  std::vector<std::string_view> inputs_;  // a conversion's inputs (views of fixed_inputs_)
  std::vector<std::string> fixed_inputs_;
  std::vector<std::uint64_t> hashes_;  // per output column: this row's ValueFixer::prefetch
  // Per output column, this row: 1 the value is the input's as read, 2 it
  // is remembered_[i] (output_.values[i] not set either way; own_values sets it), 0
  // it is output_.values[i]. (Bytes, not vector<bool>: asked a dozen times a row.)
  std::vector<std::uint8_t> as_read_;
  // Per output column, this row: the fixed value in the fixer's memo
  // (ValueFixer::recall_clean), where as_read_ is 2.
  std::vector<std::string_view> remembered_;
  std::vector<std::string_view> row_;  // the row written: views of output_ or of the input
  // Per output column: the input column it copies as read and fixes alone
  // (no conversion, no code table), whose values the fixer is asked first
  // (ValueFixer::prefetch); -1 for the others.
  std::vector<int> as_read_source_;
  std::optional<CorporationCodes> corporations_;  // with a 法人番号 registry and a model that asks
  std::vector<CorporationEdit> corporation_edits_;
  std::vector<CorporationDoubt> corporation_doubts_;
  // This row's conversions that were not certain (conversion, review), emitted at its end.
  std::vector<std::pair<std::size_t, ReviewRecord>> conversion_reviews_;
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
