// table_validation.cpp — see table_validation.hpp.
#include "models/engine/validate/table_validation.hpp"

#include <algorithm>
#include <cassert>
#include <initializer_list>

#include "grammars/date.hpp"
#include "grammars/identifiers.hpp"
#include "grammars/listing.hpp"

#include "grammars/name_reading_dictionary.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "models/engine/checks/character_data_lookup.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/report/problem_codes.hpp"

namespace gifkit::models {

Problem TableValidation::make(std::string_view code, std::uint64_t row, std::uint64_t line,
                              std::uint32_t column) const {
  Problem problem = make_problem(code, row, line, column);
  if (column > 0 && column <= binding_.headers.size()) problem.field = binding_.headers[column - 1];
  if (reader_) problem.cell = reader_->cell_name(line, column);
  return problem;
}

// Reports what the header binding found.
void TableValidation::report_header(const HeaderBinding& binding) {
  for (const HeaderFinding& finding : binding.findings) {
    Problem problem = make(finding.code, 1, header_line_, finding.column);
    problem.value = finding.value;
    problem.suggestion = finding.suggestion;
    if (finding.severity) problem.severity = *finding.severity;
    problems_.add(std::move(problem), finding.values);
  }
}

// A model that knows few of the columns checks little of the file: say how
// little (poor-model-fit), a warning under half of them (info for a partial
// model, which knows only part of its kind's items), an error under
// --require-fit's percentage. choice binds binding_'s headers.
void TableValidation::report_model_fit(const ModelChoice& choice) {
  const std::size_t columns = binding_.headers.size();
  assert(choice.columns.size() == columns && choice.recognised >= 0);
  const bool required = options_.require_fit >= 0;
  assert(!required || options_.require_fit <= 100);
  const auto limit = static_cast<std::size_t>(required ? options_.require_fit : 50);
  const auto known = static_cast<std::size_t>(choice.recognised);
  if (columns == 0 || known * 100 >= limit * columns) return;
  std::vector<std::string> unknown_headers;
  for (std::size_t i = 0; i < columns; ++i) {
    if (choice.columns[i].field != nullptr) continue;  // unknown, or mapped to no item
    unknown_headers.push_back(grammars::mask_individual_numbers_in(binding_.headers[i]));
  }
  const std::string unknown = grammars::listed_first(unknown_headers, 3);
  Problem problem = make("poor-model-fit", 1, header_line_, 0);
  if (required) {
    problem.severity = Severity::error;
  } else if (choice.model->partial) {
    problem.severity = Severity::info;  // a partial model knows only part of its kind's items
  }
  problems_.add(std::move(problem),
                {{"known", std::to_string(known)},
                 {"columns", std::to_string(columns)},
                 {"percent", std::to_string(known * 100 / columns)},
                 {"limit", required ? "under --require-fit " + std::to_string(limit) + "%"
                                    : std::string("fewer than half")},
                 {"unknown", unknown}});
}

namespace {

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

}  // namespace

// The required patterns (必須パターン) of a GIF class against the header:
// for the class, the patterns it satisfies go into the model note, and when
// it satisfies none, the closest (fewest items lacking; the first by id of
// equals) is a required-pattern warning; for a pattern named, the items it
// lacks are one required-pattern error (bind_header left out their
// missing-column), naming any pattern the header does satisfy.
void TableValidation::report_required_patterns(const Model& model) {
  const std::vector<const Model*> patterns = catalog_.required_patterns(model);
  if (patterns.empty()) return;
  std::vector<const Model*> satisfied;
  const Model* closest = nullptr;
  std::vector<const FieldSpec*> closest_lacking;
  for (const Model* pattern : patterns) {
    std::vector<const FieldSpec*> lacking = required_items_without_column(*pattern, binding_);
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
    task_.model_note += "; the header satisfies " + satisfied_text;
    return;
  }
  const Model& judged = named ? model : *closest;
  // Moved, not copied by a conditional expression: at -O3, GCC 12 took the free of that
  // copy for a free of a non-heap pointer (a false -Wfree-nonheap-object).
  std::vector<const FieldSpec*> lacking = std::move(closest_lacking);
  if (named) lacking = required_items_without_column(model, binding_);
  if (lacking.empty()) return;  // the pattern named is satisfied
  Problem problem = make("required-pattern", 1, header_line_, 0);
  if (named) problem.severity = Severity::error;
  problem.suggestion = "add a column " + HeaderMatcher::display_label(*lacking.front());
  std::string other;
  if (named && !satisfied.empty()) other = "; the header satisfies " + satisfied_text;
  const std::string subject = named
                                  ? pattern_name(judged)
                                  : "no required pattern of " + model.label +
                                        " is satisfied: the closest, " + pattern_name(judged) + ",";
  problems_.add(std::move(problem),
                {{"subject", subject}, {"lacking", labels_of(lacking)}, {"other", other}});
}

// Prepares the per-column checks: patterns, quality counters, keys and the
// registry rules.
void TableValidation::prepare_checks(const Model& model) {
  patterns_.clear();
  for (const auto& column : binding_.columns)
    patterns_.emplace_back(column.field != nullptr ? column.field->pattern : std::string());
  task_.quality.resize(binding_.headers.size());
  for (std::size_t i = 0; i < binding_.headers.size(); ++i) {
    // A header may be a value (a file without its header row): never show a 個人番号.
    task_.quality[i].field = grammars::mask_individual_numbers_in(binding_.headers[i]);
    task_.quality[i].item =
        binding_.columns[i].field != nullptr ? binding_.columns[i].field->display_name() : "";
  }
  if (options_.profile_columns) profiles_.emplace(binding_.headers.size());
  keys_ = DuplicateKeys(binding_.key_columns);
  bind_report_key();
  std::vector<const FieldSpec*> fields;
  for (const auto& column : binding_.columns) fields.push_back(column.field);
  plans_ = compile_value_plans(fields, resources_);
  if (problems_.wants("value-in-wrong-column") || problems_.wants("column-by-values"))
    column_kinds_.emplace(fields, &model, &resources_);
  if (problems_.wants("columns-shifted")) shifted_.emplace(fields);
  own_error_.assign(fields.size(), false);
  covered_.assign(fields.size(), 0);
  passed_.assign(fields.size(), 0);
  individual_numbers_.clear();
  if (problems_.wants("individual-number")) individual_numbers_.resize(binding_.headers.size());
  update_date_columns_.clear();
  for (std::size_t i = 0; i < binding_.headers.size(); ++i) {
    const FieldSpec* field = binding_.columns[i].field;
    if (binding_.headers[i].find("更新日") != std::string::npos ||
        (field != nullptr && field->label.find("更新日") != std::string::npos))
      update_date_columns_.push_back(static_cast<int>(i));
  }
  if (resources_.registry != nullptr) task_.registry_date = resources_.registry->data_date();
  bind_registry_rules(model, [this](const std::string& path) { return binding_.column_of(path); });
  bind_reading_pairs(model);
}

// Pairs the model's name items with their カナ items (checks/name_reading.hpp)
// when the file has both columns; only then is the name dictionary read (once
// per process) and the characters' readings made ready.
void TableValidation::bind_reading_pairs(const Model& model) {
  reading_pairs_.clear();
  readings_checked_ = readings_plausible_ = readings_mismatched_ = 0;
  if (!problems_.wants("name-reading-mismatch")) return;
  reading_pairs_ =
      reading_pairs(model, [this](const std::string& path) { return binding_.column_of(path); });
  // A 商号 or a facility's 名称 is judged from its characters alone, which can never be a
  // finding (plausible or not checked): at 10 µs a row on a 1,000,000-row gif:LegalEntity
  // file (the guard's validate row: 12× v0.3.0's CPU) that buys nothing. Persons' names only.
  std::erase_if(reading_pairs_, [](const ReadingPair& pair) {
    return pair.item == ReadingItem::corporate || pair.item == ReadingItem::other;
  });
  if (reading_pairs_.empty()) return;
  name_readings_ = grammars::default_name_readings();
  if (resources_.registry != nullptr) {
    reading_characters_ = resources_.registry;
  } else if (resources_.characters != nullptr) {
    if (!own_characters_)
      own_characters_ = std::make_unique<CharacterDataLookup>(resources_.characters->data());
    reading_characters_ = own_characters_.get();
  }
}

// Judges each name and カナ pair of the row whose two values are filled, are
// text and do not sit in a shifted block.
void TableValidation::check_readings(const grammars::CsvRecord& record, bool& row_error) {
  const auto& fields = record.fields;
  for (const ReadingPair& pair : reading_pairs_) {
    if (pair.name_column >= fields.size() || pair.kana_column >= fields.size()) continue;
    const std::string_view name = fields[pair.name_column];
    const std::string_view kana = fields[pair.kana_column];
    // A value in a shifted block is another item's; one with bytes that were not text is not
    // the name. Other findings of their own (髙 outside JIS X 0213, hiragana in a カナ item)
    // leave the name and its reading what they are: judged all the same.
    auto unreadable = [this](std::size_t column) {
      return std::find(unreadable_fields_.begin(), unreadable_fields_.end(), column + 1) !=
             unreadable_fields_.end();
    };
    if (name.empty() || kana.empty() || covered_[pair.name_column] || covered_[pair.kana_column] ||
        unreadable(pair.name_column) || unreadable(pair.kana_column))
      continue;
    ++readings_checked_;
    ReadingResult result =
        judge_item_reading(name_readings_, reading_characters_, pair.item, name, kana);
    if (result.verdict == ReadingVerdict::plausible) ++readings_plausible_;
    if (result.verdict != ReadingVerdict::mismatch) continue;
    ++readings_mismatched_;
    std::string known;
    for (const std::string& reading : result.known)
      known += (known.empty() ? "" : " or ") + reading;
    Problem problem = make("name-reading-mismatch", record.number, record.line,
                           static_cast<std::uint32_t>(pair.kana_column + 1));
    problem.value = std::string(kana);
    const std::optional<Severity> severity =
        problems_.add(std::move(problem), {{"name_field", binding_.headers[pair.name_column]},
                                           {"name", std::string(name)},
                                           {"known", known}});
    if (!severity) continue;
    if (*severity == Severity::error) row_error = true;
    const bool counted =
        std::any_of(row_findings_.begin(), row_findings_.end(), [&](const CellFinding& cell) {
          return cell.column == pair.kana_column && cell.finding.severity != Severity::info;
        });
    if (*severity != Severity::info && !counted) ++task_.quality[pair.kana_column].invalid;
  }
}

// The model note's account of the name readings: how many pairs were
// judged and how many were not checked (a name the dictionary does not know
// is never a finding).
void TableValidation::note_readings() {
  if (reading_pairs_.empty() || readings_checked_ == 0) return;
  const std::uint64_t not_checked = readings_checked_ - readings_plausible_ - readings_mismatched_;
  task_.model_note += "; name readings of " + std::to_string(readings_checked_) +
                      (readings_checked_ == 1 ? " pair: " : " pairs: ") +
                      std::to_string(readings_plausible_) + " plausible, " +
                      std::to_string(readings_mismatched_) + " mismatched, " +
                      std::to_string(not_checked) +
                      " not checked (names the dictionary does not "
                      "know)";
  if (name_readings_ == nullptr)
    task_.model_note += " — no name dictionary at " +
                        grammars::default_name_readings_path().string() +
                        " (install naist-jdic-utf8): none could be a mismatch";
}

// The report's key columns: --key's (each a header as written or an item's
// name; one this file lacks throws ValidateFailure), else the model's key
// items the file has. Gives the collector the checked row's values there.
void TableValidation::bind_report_key() {
  report_key_columns_.clear();
  task_.key_fields.clear();
  auto name_of = [this](std::size_t column) {
    const FieldSpec* field = binding_.columns[column].field;
    return field != nullptr && !field->label.empty() ? field->label : binding_.headers[column];
  };
  for (const std::string& wanted : options_.key_columns) {
    std::size_t found = binding_.headers.size();
    for (std::size_t i = 0; i < binding_.headers.size() && found == binding_.headers.size(); ++i) {
      const FieldSpec* field = binding_.columns[i].field;
      if (binding_.headers[i] == wanted ||
          (field != nullptr && (field->display_name() == wanted || field->path == wanted)))
        found = i;
    }
    if (found == binding_.headers.size()) {
      std::string columns;
      for (const auto& header : binding_.headers) columns += (columns.empty() ? "" : ", ") + header;
      throw ValidateFailure{"--key: " + task_.path + " has no column " + wanted +
                            " (its columns: " + columns + ")"};
    }
    report_key_columns_.push_back(found);
  }
  if (options_.key_columns.empty()) {
    for (std::size_t i = 0; i < binding_.columns.size(); ++i) {
      const FieldSpec* field = binding_.columns[i].field;
      if (field != nullptr && field->key) report_key_columns_.push_back(i);
    }
  }
  for (std::size_t column : report_key_columns_)
    task_.key_fields.push_back(grammars::mask_individual_numbers_in(name_of(column)));
  if (report_key_columns_.empty()) return;
  problems_.set_key_source([this](std::uint64_t row, std::vector<KeyValue>& key) {
    if (checked_fields_ == nullptr || row != checked_row_) return;  // not the row being checked
    for (std::size_t k = 0; k < report_key_columns_.size(); ++k) {
      const std::size_t column = report_key_columns_[k];
      std::string_view value = column < checked_fields_->size() ? (*checked_fields_)[column] : "";
      key.push_back({task_.key_fields[k], grammars::mask_individual_numbers_in(value)});
    }
  });
}

// Binds the model's registry rules when there is a registry; says in the
// model note when there is none (the rules are skipped, never failed).
void TableValidation::bind_registry_rules(const Model& model,
                                          const std::function<int(const std::string&)>& column_of) {
  // Only the checks this file has columns for are worth a note.
  auto applies = [&](const RegistryCheck& check) { return RegistryRules::binds(check, column_of); };
  if (!options_.changed_since.empty() &&
      std::none_of(model.registry_checks.begin(), model.registry_checks.end(),
                   [&](const RegistryCheck& check) {
                     return check.registry == "corporation" && applies(check);
                   })) {
    task_.model_note +=
        "; --changed-since skipped (no 法人番号 column checked against the registry)";
  }
  if (std::none_of(model.registry_checks.begin(), model.registry_checks.end(), applies)) return;
  if (resources_.registry == nullptr) {
    task_.model_note += "; registry rules skipped (no --registry)";
    return;
  }
  const bool address_rules = std::any_of(
      model.registry_checks.begin(), model.registry_checks.end(),
      [&](const RegistryCheck& check) { return check.registry == "address" && applies(check); });
  if (address_rules && !resources_.registry->has_addresses()) {
    task_.model_note += "; address registry rules skipped (" + resources_.registry->description() +
                        " has no Address Base Registry data)";
  }
  const bool optional_corporation_rules = std::any_of(
      model.registry_checks.begin(), model.registry_checks.end(), [&](const RegistryCheck& check) {
        return check.registry == "corporation" && check.optional && applies(check);
      });
  if (optional_corporation_rules && !resources_.registry->has_corporations()) {
    task_.model_note += "; 法人番号 registry rules skipped (" + resources_.registry->description() +
                        " has no 法人番号 data)";
  }
  registry_rules_.emplace(
      model, binding_.headers, column_of, *resources_.registry,
      [this](std::string_view code) { return problems_.wants(code); }, options_.changed_since);
  if (registry_rules_->empty()) {
    registry_rules_.reset();
    return;
  }
  task_.model_note += "; registry " + resources_.registry->description();
  cell_state_.assign(binding_.headers.size(), 0);
}

// Applies the registry rules to a row whose own checks have run (cell_state_
// says which cells had problems of their own: those are not looked up). Returns true when an error
// was reported.
bool TableValidation::check_registry(const grammars::CsvRecord& record) {
  registry_findings_.clear();
  registry_rules_->check_row(record.fields, cell_state_, registry_findings_);
  measure_registry_row();
  bool row_error = false;
  for (RegistryFinding& finding : registry_findings_) {
    const auto column = static_cast<std::size_t>(finding.column);
    Problem problem =
        make(finding.code, record.number, record.line, static_cast<std::uint32_t>(column + 1));
    if (!finding.field.empty()) problem.field = std::move(finding.field);
    problem.value = std::move(finding.value);
    problem.suggestion = std::move(finding.suggestion);
    if (finding.severity) problem.severity = *finding.severity;
    const std::optional<Severity> severity =
        problems_.add(std::move(problem), std::move(finding.values));
    if (!severity) continue;
    // registry-changed says the registry moved on, not that the number is wrong: the
    // cell is not counted invalid (currentness, not conformity).
    const bool counts_invalid = *severity != Severity::info && finding.code != "registry-changed";
    if (*severity == Severity::error) row_error = true;
    if (counts_invalid && (cell_state_[column] & kCellCounted) == 0) {
      ++task_.quality[column].invalid;
      cell_state_[column] |= kCellCounted;
    }
  }
  return row_error;
}

// Accuracy and consistency (report.hpp): the rows the registry rules looked
// up or cross-checked, and whether their findings say they agree.
void TableValidation::measure_registry_row() {
  auto any_of_codes = [this](std::initializer_list<std::string_view> codes) {
    for (const RegistryFinding& finding : registry_findings_)
      for (std::string_view code : codes)
        if (finding.code == code) return true;
    return false;
  };
  if (registry_rules_->row_looked_up()) {
    ++task_.accuracy.checked;
    if (!any_of_codes({"not-in-registry", "registry-mismatch"})) ++task_.accuracy.agreeing;
  } else if (registry_rules_->row_not_checked()) {
    ++task_.accuracy.not_checked;
  }
  if (registry_rules_->row_cross_checked()) {
    ++task_.consistency.checked;
    if (!any_of_codes({"registry-mismatch", "inconsistent-address"})) ++task_.consistency.agreeing;
  }
}

// The shift of the record's values (shifted_columns.hpp), decided from the
// findings of its cells (row_findings_); nullopt when it is not shifted or
// columns-shifted is not asked for.
std::optional<ShiftedColumns::RowShift> TableValidation::row_shift(
    const grammars::CsvRecord& record) {
  if (!shifted_ || row_findings_.size() < 2) return std::nullopt;
  std::fill(own_error_.begin(), own_error_.end(), false);
  for (const CellFinding& cell : row_findings_)
    if (cell.finding.severity == Severity::error) own_error_[cell.column] = true;
  const auto& fields = record.fields;
  return shifted_->row_shift(fields, own_error_, [&](std::size_t column, std::size_t item) {
    const FieldSpec* field = binding_.columns[item].field;
    assert(field != nullptr && column < fields.size());
    fit_findings_.clear();
    check_value(*field, fields[column], resources_, fit_findings_);
    for (const Finding& finding : fit_findings_)
      if (finding.severity == Severity::error) return false;
    return patterns_[item].empty() || patterns_[item].matches(fields[column]);
  });
}

// Reports the row's cell findings (row_findings_) but those of the cells a
// shift covers (covered_), which count as invalid all the same; marks the
// cells with problems for the registry rules.
void TableValidation::emit_row_findings(const grammars::CsvRecord& record, bool& row_error) {
  const bool registry = registry_rules_.has_value();
  std::size_t counted_column = SIZE_MAX;  // the column last counted invalid
  for (CellFinding& cell : row_findings_) {
    const std::size_t i = cell.column;
    Finding& finding = cell.finding;
    if (registry && finding.severity != Severity::info) cell_state_[i] |= kCellHasProblem;
    if (covered_[i]) {
      if (finding.severity != Severity::info && counted_column != i) {
        ++task_.quality[i].invalid;
        counted_column = i;
        if (registry) cell_state_[i] |= kCellCounted;
      }
      continue;
    }
    Problem problem =
        make(finding.code, record.number, record.line, static_cast<std::uint32_t>(i + 1));
    problem.severity = finding.severity;
    problem.value = std::string(record.fields[i]);
    problem.suggestion = std::move(finding.suggestion);
    problem.fix = std::move(finding.fix);
    const std::optional<Severity> severity = problems_.add(
        std::move(problem), {{"reason", finding.reason}, {"codelist", finding.codelist}});
    if (!severity) continue;  // filtered out: neither the column nor the row is marked
    if (*severity == Severity::error) row_error = true;
    if (*severity != Severity::info && counted_column != i) {
      ++task_.quality[i].invalid;
      counted_column = i;
      if (registry) cell_state_[i] |= kCellCounted;
    }
  }
}

void TableValidation::check_row(const grammars::CsvRecord& record) {
  const auto& fields = record.fields;
  checked_fields_ = &fields;
  checked_row_ = record.number;
  // The key's slot is fetched while the cells are checked (first_row_with, below).
  const DuplicateKeys::Key key = keys_.empty() ? DuplicateKeys::Key{} : keys_.hash_key(fields);
  const std::size_t columns = binding_.columns.size();
  bool row_error = false;
  if (fields.size() != columns && !(fields.size() == 1 && fields[0].empty())) {
    Problem problem = make("malformed-row", record.number, record.line,
                           static_cast<std::uint32_t>(std::min(fields.size(), columns) + 1));
    problem.field.clear();
    problem.message = "Line " + std::to_string(record.line) + ": the row has " +
                      std::to_string(fields.size()) + " fields, the header has " +
                      std::to_string(columns);
    if (problems_.add(std::move(problem)) == Severity::error) row_error = true;
  }
  // The reader's errors in this record (encoding-error, malformed quoting)
  // make it a row with an error; a field that was not valid text holds U+FFFD
  // where its bytes were, so its value is not checked again.
  if (reader_error_) row_error = true;
  const bool registry = registry_rules_.has_value();
  if (registry) std::fill(cell_state_.begin(), cell_state_.end(), std::uint8_t{0});
  const std::size_t present = std::min(fields.size(), columns);
  for (int column : update_date_columns_) {  // currentness: the dataset's own latest 更新日
    const auto at = static_cast<std::size_t>(column);
    if (at < present && fields[at].size() == 10 && grammars::check_date(fields[at]).ok() &&
        fields[at] > std::string_view(task_.dataset_date))
      task_.dataset_date = std::string(fields[at]);
  }
  row_findings_.clear();
  std::fill(passed_.begin(), passed_.end(), std::uint8_t{0});
  for (std::size_t i = 0; i < present; ++i) {
    const FieldSpec* field = binding_.columns[i].field;
    std::string_view value = fields[i];
    if (value.empty()) continue;
    ++task_.quality[i].filled;
    if (profiles_) profiles_->add(i, value);
    // The plan's verdict (a reader's error in the record leaves the value to check_value).
    const ValuePlan& plan = plans_[i];
    const bool accepted = unreadable_fields_.empty() && plan.accepts(value);
    if (!individual_numbers_.empty()) {
      if (accepted && plan.accepts_no_individual_number()) {
        individual_numbers_[i].add_no_number();
      } else {
        individual_numbers_[i].add(value);
      }
    }
    if (accepted && patterns_[i].empty()) {  // the plan vouches for it: no finding
      passed_[i] = plan.accepted_kind() ? ColumnKinds::kOwnKind : 1;
      continue;
    }
    if (field == nullptr) continue;
    if (!unreadable_fields_.empty() &&
        std::find(unreadable_fields_.begin(), unreadable_fields_.end(), i + 1) !=
            unreadable_fields_.end()) {
      if (registry) cell_state_[i] |= kCellHasProblem;
      continue;
    }
    findings_.clear();
    if (!accepted) check_value(*field, value, resources_, findings_);
    if (!patterns_[i].empty() && findings_.empty() && !patterns_[i].matches(value)) {
      Finding finding;
      finding.code = "invalid-format";
      finding.reason = "does not match the pattern " + field->pattern;
      findings_.push_back(std::move(finding));
    }
    passed_[i] = findings_.empty() ? 1 : 0;
    if (accepted && passed_[i] && plan.accepted_kind()) passed_[i] = ColumnKinds::kOwnKind;
    for (Finding& finding : findings_) row_findings_.push_back({i, std::move(finding)});
  }
  // A row whose values sit shifted is one finding for its block, not one a cell.
  const std::optional<ShiftedColumns::RowShift> shift = row_shift(record);
  if (shifted_) {
    if (const auto ended = shifted_->add(record.number, record.line, fields, shift))
      report_shift(*ended);
  }
  if (shift) {
    row_error = true;
    for (std::size_t i = shift->first; i <= shift->last; ++i) {
      covered_[i] = 1;
      if (registry) cell_state_[i] |= kCellHasProblem;  // not looked up either
    }
  }
  emit_row_findings(record, row_error);
  if (column_kinds_)
    column_kinds_->add_row(record.number, record.line, fields, &covered_, &passed_);
  if (registry && check_registry(record)) row_error = true;
  if (!reading_pairs_.empty()) check_readings(record, row_error);
  missing_columns_.clear();
  for (const auto& item : binding_.required) {
    auto filled = [&](int column) {
      return column >= 0 && static_cast<std::size_t>(column) < fields.size() &&
             !fields[column].empty();
    };
    if (filled(item.column)) continue;
    bool satisfied = false;
    for (const auto& form : item.other_forms) {
      bool complete = true;
      for (int column : form) complete = complete && filled(column);
      if (complete) {
        satisfied = true;
        break;
      }
    }
    if (satisfied) continue;
    // Point at an empty cell: the item's own, or the first empty one of another
    // form (町字以下 of 都道府県 + 市区町村 + 町字以下). Several items may share that
    // cell (氏名 stands for 氏 and 名): it is reported once.
    int column = item.column;
    if (column < 0) {
      const auto& form = item.other_forms.front();
      column = form.front();
      for (int candidate : form) {
        if (!filled(candidate)) {
          column = candidate;
          break;
        }
      }
    }
    if (std::find(missing_columns_.begin(), missing_columns_.end(), column) !=
        missing_columns_.end()) {
      continue;
    }
    if (covered_[static_cast<std::size_t>(column)]) continue;  // emptied by the shift
    missing_columns_.push_back(column);
    Problem problem =
        make("missing-value", record.number, record.line, static_cast<std::uint32_t>(column + 1));
    if (problems_.add(std::move(problem)) == Severity::error) row_error = true;
  }
  if (!keys_.empty()) {
    const std::uint64_t first = keys_.first_row_with(key, record.number);
    if (first != 0) {
      const int column = keys_.columns().front();
      Problem problem =
          make("duplicate-key", record.number, record.line, static_cast<std::uint32_t>(column + 1));
      problem.value = std::string(fields[column]);
      if (problems_.add(std::move(problem), {{"other", std::to_string(first)}}) == Severity::error)
        row_error = true;
    }
  }
  if (row_error) ++task_.rows_with_errors;
  checked_fields_ = nullptr;
  if (shift) std::fill(covered_.begin(), covered_.end(), std::uint8_t{0});
  reader_error_ = false;
  unreadable_fields_.clear();
}

// The duplicate-key table sized, once, for the rows the file will have at
// the rate of its first ones (record is the kRowsToSizeKeys-th).
void TableValidation::size_keys(const grammars::CsvRecord& record) {
  if (keys_.empty() || !reader_->records_can_be_read_again() || record.file_offset == 0 ||
      record.file_offset == grammars::kNoFileOffset)
    return;
  const std::uint64_t size = reader_->input_size();
  if (size <= record.file_offset) return;
  const long double rows = static_cast<long double>(size) * kRowsToSizeKeys / record.file_offset;
  keys_.reserve(static_cast<std::size_t>(rows));
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

void TableValidation::read_and_check(const Model* given_model, const ColumnMapping* mapping) {
  DatasetReadOptions read_options;
  read_options.encoding = options_.encoding;
  read_options.delimiter = options_.delimiter;
  read_options.sheet = options_.sheet;
  read_options.limits = options_.read_limits;
  read_options.limits.keep_going = options_.keep_going;
  if (auto bytes = options_.input_bytes.find(task_.path); bytes != options_.input_bytes.end()) {
    read_options.bytes = bytes->second;
  }
  try {
    reader_.emplace(task_.path, read_options, [this](const grammars::CsvError& e) {
      const bool encoding = e.kind == grammars::CsvError::Kind::encoding_error;
      Problem problem =
          make(encoding ? "encoding-error" : "malformed-row", current_record_, e.line, e.field);
      if (problems_.add(std::move(problem),
                        {{"col", std::to_string(e.column)}, {"reason", e.message}})) {
        reader_error_ = true;
      }
      if (encoding && e.field > 0) unreadable_fields_.push_back(e.field);
    });
  } catch (const DatasetOpenError& error) {
    if (error.over_cap) {
      report_over_cap(options_, problems_, task_, task_.path + ": " + error.reason);
    } else {
      report_file_error(problems_, task_, error.reason);
    }
    return;
  }
  task_.format = std::string(reader_->format());
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
    reader_error_ = false;  // the header's own errors are reported; they mark no data row
    unreadable_fields_.clear();
  }
  task_.stats.columns = static_cast<std::uint32_t>(headers.size());
  ModelChoice choice = choose_model(catalog_, given_model, headers, task_.path);
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
  if (choice.model == nullptr) {
    if (choice.closest.empty()) {
      report_file_error(problems_, task_, "no model is loaded");
      return;
    }
    // A gate never passes what it did not understand: say so, exit 2.
    task_.encoding = std::string(grammars::encoding_name(reader_->encoding()));
    Problem problem = make_problem("no-model-fits", 0, 0, 0);
    problem.suggestion = "choose a model with --model; `gifkit model list` lists them";
    problems_.add(std::move(problem),
                  {{"file", task_.path}, {"closest", closest_models_text(choice, headers.size())}});
    task_.valid = false;
    return;
  }
  task_.model = choice.model->id;
  task_.model_note =
      headerless ? "given; no header row, columns in the model's order" : choice.note;
  binding_ = bind_header(choice, headers,
                         options_.check_duplicate_keys && problems_.wants("duplicate-key"));
  report_header(binding_);
  if (!headerless) report_model_fit(choice);
  if (!headerless) report_required_patterns(*choice.model);
  prepare_checks(*choice.model);
  current_record_ = 2;
  if (headerless) {
    ++task_.stats.rows;
    check_row(record);
    current_record_ = record.number + 1;
  }
  while (reader_->next(record)) {
    ++task_.stats.rows;
    if (task_.stats.rows == kRowsToSizeKeys) size_keys(record);
    if ((task_.stats.rows & 1023) == 0 && options_.keep_going && !options_.keep_going()) {
      throw ValidateStopped{task_.stats.rows};
    }
    check_row(record);
    current_record_ = record.number + 1;
  }
  task_.stats.bytes = reader_->bytes_read();
  if (profiles_) profiles_->store(task_.quality);
  if (task_.stats.rows == 0) {  // a header and nothing under it: nothing was checked
    problems_.add(make("no-data-rows", 1, header_line_, 0), {{"file", task_.path}});
  }
  if (shifted_) {
    if (const auto ended = shifted_->finish()) report_shift(*ended);
  }
  report_wrong_columns();
  report_columns_by_values();
  report_individual_numbers();
  note_readings();
  if (registry_rules_ && registry_rules_->towns_not_checked() > 0) {
    task_.model_note += "; the 町字 of " + std::to_string(registry_rules_->towns_not_checked()) +
                        " written addresses not checked (the registry has no 町字 of their city)";
  }
  // Detection may settle only after the first non-ASCII bytes, so look now.
  task_.encoding = std::string(grammars::encoding_name(reader_->encoding()));
  if (reader_->encoding() == grammars::Encoding::cp932 &&
      options_.encoding == grammars::Encoding::automatic) {
    problems_.add(make("encoding-detected", 0, 0, 0), {{"encoding", "Shift_JIS (CP932)"}});
  }
}

}  // namespace gifkit::models
