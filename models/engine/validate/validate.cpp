// validate.cpp — the validation engine: reads each input (CSV/TSV records or
// an XML instance), binds the header to a model, checks every cell, and
// collects problems and quality figures (see validate.hpp).
#include "models/engine/validate/validate.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "grammars/csv_reader.hpp"
#include "grammars/text_fold.hpp"
#include "grammars/utf8.hpp"
#include "models/engine/checks/registry_rules.hpp"
#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/model/xml_document.hpp"
#include "models/engine/report/problem_codes.hpp"

namespace gifkit::models {
namespace {

constexpr std::size_t kMaxShownValue = 200;  // bytes of a value quoted in a message

std::string shown_value(std::string_view value) {
  if (value.size() <= kMaxShownValue) return std::string(value);
  std::size_t cut = kMaxShownValue;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "…";
}

// Filters, counts, lists and forwards the problems of one file.
class ProblemCollector {
 public:
  ProblemCollector(const ValidateOptions& options, TaskReport& task, ReportSink& sink)
      : options_(options), task_(task), sink_(sink) {}

  bool wants(std::string_view code) const {
    if (code == "file-error") return true;  // an unreadable file is never filtered out
    std::string key(code);
    if (!options_.pick.empty() && options_.pick.count(key) == 0) return false;
    return options_.skip.count(key) == 0;
  }

  // Adds a problem whose message is rendered from its code's template with
  // values (field, value, reason... are filled in from the problem). Returns
  // false when the problem is filtered out (pick/skip): it counts for nothing.
  bool add(Problem problem, std::map<std::string, std::string> values = {}) {
    if (!wants(problem.code)) return false;
    if (problem.value.size() > kMaxShownValue) problem.value = shown_value(problem.value);
    if (problem.suggestion.size() > kMaxShownValue) {
      problem.suggestion = shown_value(problem.suggestion);  // too long to be useful whole
    }
    const ProblemCode* code = find_problem_code(problem.code);
    if (code != nullptr && problem.message.empty()) {
      values.emplace("field", problem.field);
      values.emplace("value", problem.value);
      values.emplace("line", std::to_string(problem.line));
      values.emplace("model", task_.model);
      problem.message = render_message(code->message, values);
    }
    switch (problem.severity) {
      case Severity::error:
        ++task_.stats.errors;
        break;
      case Severity::warning:
        ++task_.stats.warnings;
        break;
      case Severity::info:
        ++task_.stats.infos;
        break;
    }
    ++task_.counts_by_code[problem.code];
    if (options_.max_errors != 0 && listed_ >= options_.max_errors) {
      task_.truncated = true;
      return true;
    }
    ++listed_;
    sink_.problem(task_, problem);
    if (options_.keep_problems) task_.problems.push_back(std::move(problem));
    return true;
  }

 private:
  const ValidateOptions& options_;
  TaskReport& task_;
  ReportSink& sink_;
  std::uint64_t listed_ = 0;
};

// Remembers the first row of every key value, 16 bytes a row (open addressing
// on a 64-bit hash of the key).
class KeyIndex {
 public:
  // Returns the row that already holds the key, or 0 after remembering row.
  std::uint64_t insert(std::uint64_t hash, std::uint64_t row) {
    if (hash == 0) hash = 1;
    if ((count_ + 1) * 2 > slots_.size()) grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i].hash == 0) {
        slots_[i] = {hash, row};
        ++count_;
        return 0;
      }
      if (slots_[i].hash == hash) return slots_[i].row;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t row = 0;
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    count_ = 0;
    for (const auto& slot : old)
      if (slot.hash != 0) insert(slot.hash, slot.row);
  }
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// A required item and the columns that can satisfy it: its own, or every
// column of another form of the same information (氏名 for 氏 + 名).
struct RequiredItem {
  const FieldSpec* field = nullptr;
  int column = -1;                            // -1: no column of its own
  std::vector<std::vector<int>> other_forms;  // complete column sets of other forms
};

bool looks_like_xml(const std::string& path) {
  if (path.ends_with(".xml") || path.ends_with(".XML")) return true;
  if (path == "-") return false;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  char buffer[64];
  std::size_t n = std::fread(buffer, 1, sizeof buffer, file);
  std::fclose(file);
  std::string_view head(buffer, n);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  while (!head.empty() && (head.front() == ' ' || head.front() == '\n' || head.front() == '\r'))
    head.remove_prefix(1);
  return head.substr(0, 5) == "<?xml";
}

class FileValidation {
 public:
  FileValidation(const ValidateOptions& options, ModelCatalog& catalog,
                 const CheckResources& resources, ReportSink& sink, TaskReport& task)
      : options_(options),
        catalog_(catalog),
        resources_(resources),
        task_(task),
        problems_(options, task, sink) {}

  void run_csv(const Model* given_model);
  void run_xml();

 private:
  void report_file_error(const std::string& reason);
  const Model* choose_model(const Model* given_model, const std::vector<std::string>& headers);
  void bind_header(const Model& model, const std::vector<std::string>& headers);
  void check_row(const grammars::CsvRecord& record);
  void bind_registry_rules(const Model& model,
                           const std::function<int(const std::string&)>& column_of);
  bool check_registry(const grammars::CsvRecord& record);

  Problem make(std::string_view code, std::uint64_t row, std::uint64_t line, std::uint32_t column) {
    Problem problem;
    problem.code = std::string(code);
    const ProblemCode* entry = find_problem_code(code);
    problem.severity = entry != nullptr ? entry->severity : Severity::error;
    problem.row = row;
    problem.line = line;
    problem.column = column;
    if (column > 0 && column <= headers_.size()) problem.field = headers_[column - 1];
    return problem;
  }

  const ValidateOptions& options_;
  ModelCatalog& catalog_;
  const CheckResources& resources_;
  TaskReport& task_;
  ProblemCollector problems_;

  std::vector<std::string> headers_;
  std::vector<ColumnBinding> bindings_;
  std::vector<RequiredItem> required_;
  std::vector<int> key_columns_;
  KeyIndex keys_;
  std::vector<Finding> findings_;
  std::vector<FieldPattern> patterns_;  // per column
  std::vector<int> missing_columns_;    // columns reported missing-value in the current row
  std::uint64_t current_record_ = 1;
  bool reader_error_ = false;                     // the reader reported an error in this record
  std::vector<std::uint32_t> unreadable_fields_;  // fields (1-based) with an encoding error
  // The model's registry rules, bound to the columns (none without a registry).
  std::optional<RegistryRules> registry_rules_;
  std::vector<RegistryFinding> registry_findings_;
  std::vector<std::uint8_t> cell_state_;  // per column in this row: kCellHasProblem | kCellCounted
  static constexpr std::uint8_t kCellHasProblem = 1;  // its own value has an error or warning
  static constexpr std::uint8_t kCellCounted = 2;     // already counted as invalid for quality
};

void FileValidation::report_file_error(const std::string& reason) {
  Problem problem = make("file-error", 0, 0, 0);
  problems_.add(std::move(problem), {{"file", task_.path}, {"reason", reason}});
  task_.valid = false;
}

const Model* FileValidation::choose_model(const Model* given_model,
                                          const std::vector<std::string>& headers) {
  if (given_model != nullptr) {
    task_.model_note = "given";
    bindings_ = HeaderMatcher(*given_model).match_all(headers);
    return given_model;
  }
  const Model* best = nullptr;
  int best_score = -1;
  for (const Model* candidate : catalog_.base_models()) {
    if (!candidate->has_header) continue;  // such a model must be named
    std::vector<ColumnBinding> bindings = HeaderMatcher(*candidate).match_all(headers);
    int score = HeaderMatcher::score_bindings(bindings);
    if (score > best_score) {
      best = candidate;
      best_score = score;
      bindings_ = std::move(bindings);
    }
  }
  if (best != nullptr) {
    auto recognised = std::count_if(bindings_.begin(), bindings_.end(), [](const auto& binding) {
      return binding.match != HeaderMatch::unknown;
    });
    task_.model_note = "auto: " + std::to_string(recognised) + " of " +
                       std::to_string(headers.size()) + " columns recognised";
  }
  return best;
}

// Reports what the header binding (made by choose_model) found, and prepares
// the per-column checks: required items, keys, patterns, quality counters.
void FileValidation::bind_header(const Model& model, const std::vector<std::string>& headers) {
  std::map<std::string, int> column_of_path;
  for (std::size_t i = 0; i < bindings_.size(); ++i) {
    const auto& binding = bindings_[i];
    const std::uint32_t column = static_cast<std::uint32_t>(i + 1);
    Problem problem = make("unknown-column", 1, 1, column);
    switch (binding.match) {
      case HeaderMatch::exact:
        break;
      case HeaderMatch::equivalent:
        problem = make("equivalent-item-name", 1, 1, column);
        problem.value = binding.header;
        problem.suggestion = binding.standard_label;
        problems_.add(std::move(problem), {{"item", binding.standard_label}});
        break;
      case HeaderMatch::nonstandard:
      case HeaderMatch::near_miss:
        problem = make("non-standard-item-name", 1, 1, column);
        problem.value = binding.header;
        problem.suggestion = binding.standard_label;
        problems_.add(std::move(problem), {{"item", binding.standard_label}});
        break;
      case HeaderMatch::unknown:
        problem.value = binding.header;
        problems_.add(std::move(problem));
        break;
    }
    if (binding.field == nullptr) continue;
    auto [it, inserted] = column_of_path.emplace(binding.field->path, static_cast<int>(i));
    if (!inserted) {
      Problem duplicate = make("duplicate-column", 1, 1, column);
      duplicate.value = binding.header;
      problems_.add(std::move(duplicate), {{"other", std::to_string(it->second + 1)}});
      bindings_[i].field = nullptr;  // check the first copy only
    } else if (binding.field->key && options_.check_duplicate_keys &&
               problems_.wants("duplicate-key")) {
      key_columns_.push_back(static_cast<int>(i));
    }
  }
  auto column_for = [&](const std::string& path) {
    auto it = column_of_path.find(path);
    return it == column_of_path.end() ? -1 : it->second;
  };
  for (const auto& field : model.fields) {
    if (field.min_occurs <= 0) continue;
    RequiredItem item;
    item.field = &field;
    item.column = column_for(field.path);
    for (const auto& alternative : model.alternatives) {
      bool in_alternative = false;
      for (const auto& form : alternative.forms)
        for (const auto& path : form)
          if (path == field.path) in_alternative = true;
      if (!in_alternative) continue;
      for (const auto& form : alternative.forms) {
        bool contains_field = false;
        std::vector<int> columns;
        for (const auto& path : form) {
          if (path == field.path) contains_field = true;
          int column = column_for(path);
          if (column < 0) {
            columns.clear();
            break;
          }
          columns.push_back(column);
        }
        if (!contains_field && !columns.empty()) item.other_forms.push_back(columns);
      }
    }
    if (item.column < 0 && item.other_forms.empty()) {
      Problem problem = make("missing-column", 1, 1, 0);
      std::string label = HeaderMatcher::display_label(field);
      problem.suggestion = "add a column " + label;
      problems_.add(std::move(problem), {{"item", label}});
      continue;
    }
    required_.push_back(std::move(item));
  }
  patterns_.clear();
  for (const auto& binding : bindings_) {
    patterns_.emplace_back(binding.field != nullptr ? binding.field->pattern : std::string());
  }
  task_.quality.resize(headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    task_.quality[i].field = headers[i];
    task_.quality[i].item = bindings_[i].field != nullptr ? bindings_[i].field->path : "";
  }
  bind_registry_rules(model, column_for);
}

// Binds the model's registry rules when there is a registry; says in the
// model note when there is none (the rules are skipped, never failed).
void FileValidation::bind_registry_rules(const Model& model,
                                         const std::function<int(const std::string&)>& column_of) {
  // Only the checks this file has columns for are worth a note.
  auto applies = [&](const RegistryCheck& check) { return RegistryRules::binds(check, column_of); };
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
  registry_rules_.emplace(model, headers_, column_of, *resources_.registry,
                          [this](std::string_view code) { return problems_.wants(code); });
  if (registry_rules_->empty()) {
    registry_rules_.reset();
    return;
  }
  task_.model_note += "; registry " + resources_.registry->description();
  cell_state_.assign(headers_.size(), 0);
}

// Applies the registry rules to a row whose own checks have run (cell_state_
// says which cells had problems of their own: those are not looked up). Returns true when an error
// was reported.
bool FileValidation::check_registry(const grammars::CsvRecord& record) {
  registry_findings_.clear();
  registry_rules_->check_row(record.fields, cell_state_, registry_findings_);
  bool row_error = false;
  for (RegistryFinding& finding : registry_findings_) {
    const auto column = static_cast<std::size_t>(finding.column);
    Problem problem =
        make(finding.code, record.number, record.line, static_cast<std::uint32_t>(column + 1));
    if (!finding.field.empty()) problem.field = std::move(finding.field);
    problem.value = std::move(finding.value);
    problem.suggestion = std::move(finding.suggestion);
    if (finding.severity) problem.severity = *finding.severity;
    const Severity severity = problem.severity;
    if (!problems_.add(std::move(problem), std::move(finding.values))) continue;
    if (severity == Severity::error) row_error = true;
    if (severity != Severity::info && (cell_state_[column] & kCellCounted) == 0) {
      ++task_.quality[column].invalid;
      cell_state_[column] |= kCellCounted;
    }
  }
  return row_error;
}

void FileValidation::check_row(const grammars::CsvRecord& record) {
  const auto& fields = record.fields;
  const std::size_t columns = bindings_.size();
  bool row_error = false;
  if (fields.size() != columns && !(fields.size() == 1 && fields[0].empty())) {
    Problem problem = make("malformed-row", record.number, record.line,
                           static_cast<std::uint32_t>(std::min(fields.size(), columns) + 1));
    problem.field.clear();
    problem.message = "Line " + std::to_string(record.line) + ": the row has " +
                      std::to_string(fields.size()) + " fields, the header has " +
                      std::to_string(columns);
    if (problems_.add(std::move(problem))) row_error = true;
  }
  // The reader's errors in this record (encoding-error, malformed quoting)
  // make it a row with an error; a field that was not valid text holds U+FFFD
  // where its bytes were, so its value is not checked again.
  if (reader_error_) row_error = true;
  const bool registry = registry_rules_.has_value();
  if (registry) std::fill(cell_state_.begin(), cell_state_.end(), std::uint8_t{0});
  const std::size_t present = std::min(fields.size(), columns);
  for (std::size_t i = 0; i < present; ++i) {
    const FieldSpec* field = bindings_[i].field;
    std::string_view value = fields[i];
    if (value.empty()) continue;
    ++task_.quality[i].filled;
    if (field == nullptr) continue;
    if (!unreadable_fields_.empty() &&
        std::find(unreadable_fields_.begin(), unreadable_fields_.end(), i + 1) !=
            unreadable_fields_.end()) {
      if (registry) cell_state_[i] |= kCellHasProblem;
      continue;
    }
    findings_.clear();
    check_value(*field, value, resources_, findings_);
    if (!patterns_[i].empty() && findings_.empty() && !patterns_[i].matches(value)) {
      Finding finding;
      finding.code = "invalid-format";
      finding.reason = "does not match the pattern " + field->pattern;
      findings_.push_back(std::move(finding));
    }
    if (findings_.empty()) continue;
    if (registry) {
      for (const auto& finding : findings_)
        if (finding.severity != Severity::info) cell_state_[i] |= kCellHasProblem;
    }
    bool counted = false;
    for (auto& finding : findings_) {
      Problem problem =
          make(finding.code, record.number, record.line, static_cast<std::uint32_t>(i + 1));
      problem.severity = finding.severity;
      problem.value = std::string(value);
      problem.suggestion = std::move(finding.suggestion);
      const Severity severity = problem.severity;
      if (!problems_.add(std::move(problem),
                         {{"reason", finding.reason}, {"codelist", finding.codelist}})) {
        continue;  // filtered out: neither the column nor the row is marked
      }
      if (severity == Severity::error) row_error = true;
      if (!counted && severity != Severity::info) {
        ++task_.quality[i].invalid;
        counted = true;
        if (registry) cell_state_[i] |= kCellCounted;
      }
    }
  }
  if (registry && check_registry(record)) row_error = true;
  missing_columns_.clear();
  for (const auto& item : required_) {
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
    missing_columns_.push_back(column);
    Problem problem =
        make("missing-value", record.number, record.line, static_cast<std::uint32_t>(column + 1));
    if (problems_.add(std::move(problem))) row_error = true;
  }
  if (!key_columns_.empty() && options_.check_duplicate_keys) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    bool any = false;
    for (int column : key_columns_) {
      if (static_cast<std::size_t>(column) < fields.size()) {
        hash = hash_bytes(fields[column], hash);
        any = any || !fields[column].empty();
      }
      hash = hash_bytes(std::string_view("\x1f", 1), hash);
    }
    if (any) {
      std::uint64_t first = keys_.insert(hash, record.number);
      if (first != 0) {
        int column = key_columns_.front();
        Problem problem = make("duplicate-key", record.number, record.line,
                               static_cast<std::uint32_t>(column + 1));
        problem.value = std::string(fields[column]);
        if (problems_.add(std::move(problem), {{"other", std::to_string(first)}})) {
          row_error = true;
        }
      }
    }
  }
  if (row_error) ++task_.rows_with_errors;
  reader_error_ = false;
  unreadable_fields_.clear();
}

void FileValidation::run_csv(const Model* given_model) {
  const bool is_stdin = task_.path == "-";
  std::FILE* file = is_stdin ? stdin : std::fopen(task_.path.c_str(), "rb");
  if (file == nullptr) {
    report_file_error(std::string("cannot open: ") + std::strerror(errno));
    return;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(is_stdin ? nullptr : file, &std::fclose);
  std::error_code directory_error;
  if (!is_stdin && std::filesystem::is_directory(task_.path, directory_error)) {
    // fopen opens a directory; only reading it fails.
    report_file_error("cannot read: is a directory");
    return;
  }
  grammars::CsvOptions csv_options;
  csv_options.encoding = options_.encoding;
  csv_options.delimiter = options_.delimiter;
  if (csv_options.delimiter == 0) {
    csv_options.delimiter =
        task_.path.ends_with(".tsv") || task_.path.ends_with(".tab") ? '\t' : ',';
  }
  task_.format = csv_options.delimiter == '\t' ? "tsv" : "csv";
  grammars::CsvReader reader(file, task_.path, csv_options, [this](const grammars::CsvError& e) {
    const bool encoding = e.kind == grammars::CsvError::Kind::encoding_error;
    Problem problem =
        make(encoding ? "encoding-error" : "malformed-row", current_record_, e.line, e.field);
    if (problems_.add(std::move(problem),
                      {{"col", std::to_string(e.column)}, {"reason", e.message}})) {
      reader_error_ = true;
    }
    if (encoding && e.field > 0) unreadable_fields_.push_back(e.field);
  });
  grammars::CsvRecord record;
  if (!reader.next(record)) {
    task_.encoding = std::string(grammars::encoding_name(reader.encoding()));
    problems_.add(make("empty-file", 0, 0, 0));
    return;
  }
  const bool headerless = given_model != nullptr && !given_model->has_header;
  if (headerless) {
    // The model's fields, in order, are the columns; the first record is data.
    for (const auto& field : given_model->fields) headers_.push_back(field.label);
  } else {
    headers_.assign(record.fields.begin(), record.fields.end());
    reader_error_ = false;  // the header's own errors are reported; they mark no data row
    unreadable_fields_.clear();
  }
  task_.stats.columns = static_cast<std::uint32_t>(headers_.size());
  const Model* model = choose_model(given_model, headers_);
  if (model == nullptr) {
    report_file_error("no model is loaded");
    return;
  }
  task_.model = model->id;
  if (headerless) task_.model_note = "given; no header row, columns in the model's order";
  bind_header(*model, headers_);
  current_record_ = 2;
  if (headerless) {
    ++task_.stats.rows;
    check_row(record);
    current_record_ = record.number + 1;
  }
  while (reader.next(record)) {
    ++task_.stats.rows;
    check_row(record);
    current_record_ = record.number + 1;
  }
  task_.stats.bytes = reader.bytes_read();
  if (registry_rules_ && registry_rules_->towns_not_checked() > 0) {
    task_.model_note += "; the 町字 of " + std::to_string(registry_rules_->towns_not_checked()) +
                        " written addresses not checked (the registry has no 町字 of their city)";
  }
  // Detection may settle only after the first non-ASCII bytes, so look now.
  task_.encoding = std::string(grammars::encoding_name(reader.encoding()));
  if (reader.encoding() == grammars::Encoding::cp932 &&
      options_.encoding == grammars::Encoding::automatic) {
    problems_.add(make("encoding-detected", 0, 0, 0), {{"encoding", "Shift_JIS (CP932)"}});
  }
}

void FileValidation::run_xml() {
  task_.format = "xml";
  task_.encoding = "UTF-8";
  task_.model = "GIF_Core_DataModel.xsd";
  task_.model_note = "official XSD";
  std::vector<XmlIssue> issues;
  XmlDocPtr doc = parse_xml_file(task_.path, issues);
  if (doc == nullptr) {
    for (const auto& issue : issues) {
      Problem problem = make("xml-error", 0, static_cast<std::uint64_t>(issue.line), 0);
      problems_.add(std::move(problem), {{"reason", issue.message}});
    }
    if (issues.empty()) report_file_error("cannot parse XML");
    return;
  }
  if (options_.gif_xsd.empty() || !std::filesystem::exists(options_.gif_xsd)) {
    report_file_error("the official GIF XSD was not found (" + options_.gif_xsd.string() +
                      "); pass --gif-xsd or --data");
    return;
  }
  if (!validate_against_xsd(doc.get(), options_.gif_xsd, issues)) {
    for (const auto& issue : issues) {
      Problem problem = make("schema-violation", 0, static_cast<std::uint64_t>(issue.line), 0);
      problems_.add(std::move(problem), {{"reason", issue.message}});
    }
  }
}

// The model a catalog already holds from this file (the shipped model's own
// file, or a user's model loaded by an earlier call), or nullptr.
const Model* model_loaded_from(const ModelCatalog& catalog, const std::string& file) {
  for (const Model* model : catalog.models()) {
    std::error_code error;
    if (!model->source_file.empty() &&
        std::filesystem::equivalent(model->source_file, file, error)) {
      return model;
    }
  }
  return nullptr;
}

bool gate_fails(const TaskReport& task, Severity fail_on) {
  if (task.stats.errors > 0) return true;
  return fail_on == Severity::warning && task.stats.warnings > 0;
}

}  // namespace

Report validate_files(const ValidateOptions& options, ModelCatalog& catalog,
                      const CheckResources& resources, ReportSink& sink) {
  const auto started = std::chrono::steady_clock::now();
  const Model* given_model = nullptr;
  if (!options.model.empty()) {
    given_model = catalog.find(options.model);
    if (given_model == nullptr &&
        (options.model.find('/') != std::string::npos || options.model.ends_with(".xml") ||
         std::filesystem::exists(options.model))) {
      std::vector<ModelLoadError> errors;
      given_model = model_loaded_from(catalog, options.model);
      if (given_model == nullptr) given_model = catalog.load_file(options.model, errors);
      if (given_model == nullptr) {
        std::string message = "cannot load model " + options.model;
        for (const auto& error : errors) {
          message += "\n  " + error.file + ":" + std::to_string(error.line) + ":" +
                     std::to_string(error.column) + ": " + error.message;
        }
        throw ValidateFailure{message};
      }
    }
    if (given_model == nullptr) {
      throw ValidateFailure{"unknown model " + options.model +
                            " (see `gifkit model list`, or give a model file)"};
    }
  }
  Report report;
  for (const auto& input : options.inputs) {
    TaskReport& task = report.tasks.emplace_back();
    task.path = input;
    const auto task_started = std::chrono::steady_clock::now();
    sink.begin_task(task);
    FileValidation validation(options, catalog, resources, sink, task);
    if (looks_like_xml(input)) {
      validation.run_xml();
    } else {
      validation.run_csv(given_model);
    }
    task.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - task_started).count();
    if (gate_fails(task, options.fail_on)) task.valid = false;
    report.valid = report.valid && task.valid;
    sink.end_task(task);
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  sink.finish(report);
  return report;
}

bool report_has_unreadable_input(const Report& report) {
  for (const auto& task : report.tasks) {
    if (task.counts_by_code.count("file-error") != 0) return true;
  }
  return false;
}

}  // namespace gifkit::models
