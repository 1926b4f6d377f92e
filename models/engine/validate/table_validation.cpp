// table_validation.cpp — see table_validation.hpp.
#include "models/engine/validate/table_validation.hpp"

#include <algorithm>
#include <cassert>

#include "models/engine/validate/header_findings.hpp"
#include "models/engine/validate/report_key.hpp"

namespace gifkit::models {

Problem TableValidation::make(std::string_view code, std::uint64_t row, std::uint64_t line,
                              std::uint32_t column) const {
  // The reader reports what its first bytes hold while it is made: no cell names yet.
  if (!reader_) return make_problem(code, row, line, column);
  return make_table_problem(code, row, line, column, binding_.headers, *reader_);
}

void TableValidation::run(const Model* given_model, const ColumnMapping* mapping) {
  try {
    read_and_check(given_model, mapping);
  } catch (const grammars::ReadStopped&) {
    throw ValidateStopped{task_.stats.rows};
  } catch (const grammars::ReadLimitExceeded& refused) {  // in the middle of a sheet
    report_over_cap(options_, problems_, task_, refused.what());
  }
}

// Opens the file; the reader's errors (encoding-error, malformed quoting) go
// to the record being read: a field that was not valid text holds U+FFFD
// where its bytes were, and is not checked again. False after reporting
// that the file cannot be opened.
bool TableValidation::open_reader() {
  DatasetReadOptions read_options = options_.reading;
  read_options.limits.keep_going = options_.keep_going;
  if (auto bytes = options_.input_bytes.find(task_.input); bytes != options_.input_bytes.end()) {
    read_options.bytes = bytes->second;
  }
  try {
    reader_.emplace(task_.input, read_options, [this](const grammars::CsvError& e) {
      const bool encoding = e.kind == grammars::CsvError::Kind::encoding_error;
      Problem problem =
          make(encoding ? "encoding-error" : "malformed-row", current_record_, e.line, e.field);
      if (problems_.add(std::move(problem),
                        {{"col", std::to_string(e.column)}, {"reason", e.message}})) {
        row_.error = true;
      }
      if (encoding && e.field > 0) row_.unreadable.push_back(e.field);
    });
  } catch (const DatasetOpenError& error) {
    if (error.over_cap) {
      report_over_cap(options_, problems_, task_, task_.path + ": " + error.reason);
    } else {
      report_file_error(problems_, task_, error.reason);
    }
    return false;
  }
  task_.format = std::string(reader_->format());
  return true;
}

std::optional<ModelChoice> TableValidation::choose(const Model* given_model,
                                                   const ColumnMapping* mapping,
                                                   const std::vector<std::string>& headers) {
  ModelChoice choice = choose_model(catalog_, given_model, headers, task_.input);
  if (mapping != nullptr && choice.model != nullptr) {
    try {
      apply_mapping(*mapping, headers, task_.path, choice);
    } catch (const MappingError& failure) {
      throw ValidateFailure{"--mapping: " + failure.message};
    }
    if (options_.model.empty()) choice.note = "named by the mapping";
    choice.note += "; " + std::to_string(choice.mapped.size()) + " column" +
                   (choice.mapped.size() == 1 ? "" : "s") + " read as the mapping " +
                   mapping->file + " says";
  }
  if (choice.model != nullptr) return choice;
  if (choice.closest.empty()) {
    report_file_error(problems_, task_, "no model is loaded");
    return std::nullopt;
  }
  // A gate never passes what it did not understand: say so, exit 2.
  task_.encoding = std::string(grammars::encoding_name(reader_->encoding()));
  Problem problem = make_problem("no-model-fits", 0, 0, 0);
  problem.suggestion = "choose a model with --model; `gifkit model list` lists them";
  problems_.add(std::move(problem),
                {{"file", task_.path}, {"closest", closest_models_text(choice, headers.size())}});
  task_.valid = false;
  return std::nullopt;
}

// What every check compiles alike (each column's item, pattern and value
// plan), the quality items, the report's key; then each check of the list
// binds to the table or stays out of it.
void TableValidation::bind_checks() {
  assert(table_ && table_->fields.empty());
  TableContext& table = *table_;
  const std::size_t columns = binding_.columns.size();
  for (const auto& column : binding_.columns) {
    table.fields.push_back(column.field);
    table.patterns.emplace_back(column.field != nullptr ? column.field->pattern : std::string());
  }
  task_.quality.resize(binding_.headers.size());
  for (std::size_t i = 0; i < binding_.headers.size(); ++i) {
    // A header may be a value (a file without its header row): never show a 個人番号.
    task_.quality[i].field = grammars::mask_individual_numbers_in(binding_.headers[i]);
    task_.quality[i].item = table.fields[i] != nullptr ? table.fields[i]->display_name() : "";
  }
  bind_report_key(table, row_);
  table.plans = compile_value_plans(table.fields, resources_);
  row_.accepted.assign(columns, 0);
  row_.passed.assign(columns, 0);
  row_.covered.assign(columns, 0);
  row_.marks.assign(columns, 0);
  checks_ = make_table_checks();
  bound_checks_.clear();
  for (NamedTableCheck& named : checks_)
    if (named.check->bind(table)) bound_checks_.push_back(named.check.get());
}

void TableValidation::check_row(const grammars::CsvRecord& record) {
  TableContext& table = *table_;
  row_.record = &record;
  row_.present = std::min(record.fields.size(), table.columns());
  for (TableCheck* check : bound_checks_) check->start_row(table, row_);
  for (TableCheck* check : bound_checks_) check->check_row(table, row_);
  if (row_.error) ++task_.rows_with_errors;
  // Ready for the next record (whose reader's errors come before it is checked).
  row_.record = nullptr;
  row_.error = false;
  row_.unreadable.clear();
  row_.cell_findings.clear();
  std::fill(row_.passed.begin(), row_.passed.end(), std::uint8_t{0});
  std::fill(row_.marks.begin(), row_.marks.end(), std::uint8_t{0});
  if (row_.shift) std::fill(row_.covered.begin(), row_.covered.end(), std::uint8_t{0});
  row_.shift.reset();
}

void TableValidation::finish() {
  task_.stats.bytes = reader_->bytes_read();
  if (task_.stats.rows == 0) {  // a header and nothing under it: nothing was checked
    Problem problem = make("no-data-rows", 1, header_line_, 0);
    if (options_.allow_empty) problem.severity = Severity::warning;
    problems_.add(std::move(problem), {{"file", task_.path}});
  }
  for (TableCheck* check : bound_checks_) check->finish(*table_);
  // Detection may settle only after the first non-ASCII bytes, so look now.
  task_.encoding = std::string(grammars::encoding_name(reader_->encoding()));
  if (reader_->encoding() == grammars::Encoding::cp932 &&
      options_.reading.encoding == grammars::Encoding::automatic) {
    problems_.add(make("encoding-detected", 0, 0, 0), {{"encoding", "Shift_JIS (CP932)"}});
  }
}

void TableValidation::read_and_check(const Model* given_model, const ColumnMapping* mapping) {
  if (!open_reader()) return;
  grammars::CsvRecord record;
  if (!reader_->next(record)) {
    task_.encoding = std::string(grammars::encoding_name(reader_->encoding()));
    problems_.add(make("empty-file", 0, 0, 0));
    return;
  }
  std::vector<std::string> headers;
  const bool headerless = given_model != nullptr && !given_model->has_header;
  if (headerless) {
    // The model's fields, in order, are the columns; the first record is data.
    for (const auto& field : given_model->fields) headers.push_back(field.label);
  } else {
    headers.assign(record.fields.begin(), record.fields.end());
    header_line_ = record.line;
    row_.error = false;  // the header's own errors are reported; they mark no data row
    row_.unreadable.clear();
  }
  task_.stats.columns = static_cast<std::uint32_t>(headers.size());
  std::optional<ModelChoice> choice = choose(given_model, mapping, headers);
  if (!choice) return;
  task_.model = choice->model->id;
  task_.model_note =
      headerless ? "given; no header row, columns in the model's order" : choice->note;
  binding_ = bind_header(*choice, headers,
                         options_.check_duplicate_keys && problems_.wants("duplicate-key"));
  table_.emplace(options_, resources_, problems_, task_, *reader_, *choice->model, binding_,
                 header_line_);
  report_header_findings(*table_, catalog_, *choice, !headerless, given_model != nullptr);
  bind_checks();
  current_record_ = 2;
  if (headerless) {
    ++task_.stats.rows;
    check_row(record);
    current_record_ = record.number + 1;
  }
  while (reader_->next(record)) {
    ++task_.stats.rows;
    if ((task_.stats.rows & 1023) == 0 && options_.keep_going && !options_.keep_going()) {
      throw ValidateStopped{task_.stats.rows};
    }
    check_row(record);
    current_record_ = record.number + 1;
  }
  finish();
}

}  // namespace gifkit::models
