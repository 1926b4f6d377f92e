// validate.cpp — validate_files (see validate.hpp): for each input, an XML
// instance is checked against the official XSD here, a table by
// TableValidation (table_validation.hpp); then the gate.
#include "models/engine/validate/validate.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <utility>

#include "grammars/io/regular_file.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/dataset/column_mapping.hpp"
#include "models/engine/model/xml_document.hpp"
#include "models/engine/report/problem_codes.hpp"
#include "models/engine/validate/problem_collector.hpp"
#include "models/engine/validate/table_validation.hpp"

namespace gifkit::models {
namespace {

// Whether an input's first bytes are an XML declaration (after a BOM and
// white space).
bool starts_like_xml(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  while (!head.empty() && (head.front() == ' ' || head.front() == '\n' || head.front() == '\r'))
    head.remove_prefix(1);
  return head.substr(0, 5) == "<?xml";
}

// Whether an input is an XML instance: by its name, else by its first bytes
// (bytes: the input held in memory, or nullptr).
bool looks_like_xml(const std::string& path, const std::string_view* bytes) {
  if (path.ends_with(".xml") || path.ends_with(".XML")) return true;
  if (bytes != nullptr) return starts_like_xml(bytes->substr(0, 64));
  if (path == "-") return false;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  char buffer[64];
  std::size_t n = std::fread(buffer, 1, sizeof buffer, file);
  std::fclose(file);
  return starts_like_xml(std::string_view(buffer, n));
}

// The bytes of an input held in memory (ValidateOptions::input_bytes), or
// nullptr when it is read from its path.
const std::string_view* held_bytes_of(const ValidateOptions& options, const std::string& input) {
  auto found = options.input_bytes.find(input);
  return found == options.input_bytes.end() ? nullptr : &found->second;
}

// Validates an XML instance against the official GIF XSD.
void validate_xml(const ValidateOptions& options, ProblemCollector& problems, TaskReport& task) {
  task.format = "xml";
  task.encoding = "UTF-8";
  task.model = "GIF_Core_DataModel.xsd";
  task.model_note = "official XSD";
  std::vector<XmlIssue> issues;
  grammars::ReadLimits limits = options.reading.limits;
  limits.keep_going = options.keep_going;
  const std::string_view* bytes = held_bytes_of(options, task.input);
  XmlDocPtr doc = bytes != nullptr ? parse_xml_bytes(*bytes, task.path, issues, limits)
                                   : parse_xml_file(task.input, issues, limits);
  if (doc == nullptr && !issues.empty() && issues.back().kind == XmlIssue::Kind::stopped)
    throw ValidateStopped{0};
  if (doc == nullptr && !issues.empty() && issues.back().kind == XmlIssue::Kind::over_cap) {
    report_over_cap(options, problems, task, task.path + ": " + issues.back().message);
    return;
  }
  if (doc == nullptr) {
    // Not read at all (the run exits 2): where the parser stopped, to the character (in
    // the message: a problem's column is a column of the table).
    for (const auto& issue : issues) {
      const int column = std::max(issue.column, 0);
      Problem problem = make_problem("xml-error", 0, static_cast<std::uint64_t>(issue.line), 0);
      std::string place;
      if (issue.line > 0) place = "line " + std::to_string(issue.line);
      if (issue.line > 0 && column > 0) place += ", column " + std::to_string(column);
      problems.add(std::move(problem), {{"file", task.path},
                                        {"place", place.empty() ? "" : place + ": "},
                                        {"reason", issue.message}});
    }
    if (issues.empty()) report_file_error(problems, task, "cannot parse XML");
    return;
  }
  if (options.gif_xsd.empty() || !std::filesystem::exists(options.gif_xsd)) {
    report_file_error(problems, task,
                      "the official GIF XSD was not found (" + options.gif_xsd.string() +
                          "); pass --gif-xsd or --data");
    return;
  }
  if (const std::string why = grammars::not_regular_file_reason(options.gif_xsd); !why.empty()) {
    report_file_error(problems, task, "the GIF XSD " + options.gif_xsd.string() + " " + why);
    return;
  }
  if (!validate_against_xsd(doc.get(), options.gif_xsd, issues)) {
    for (const auto& issue : issues) {
      Problem problem =
          make_problem("schema-violation", 0, static_cast<std::uint64_t>(issue.line), 0);
      problems.add(std::move(problem), {{"reason", issue.message}});
    }
  }
}

// Throws ValidateFailure when a gate names a code that does not exist (it
// would change nothing: a typo must not pass), gives file-error or
// no-model-fits another severity (what could not be read never passes), or
// a share outside 0–100. input: whose gate it is ("" for the command line's).
void check_gate_settings(const GateSettings& gate, const std::string& input) {
  const std::string whose = input.empty() ? "" : " (gifkit.toml, for " + input + ")";
  std::set<std::string> codes;
  for (const auto& [code, severity] : gate.severity) {
    if (is_unreadable_code(code))
      throw ValidateFailure{
          "--severity" + whose + ": " + code +
          " keeps its severity (a file that could not be validated never passes)"};
    codes.insert(code);
  }
  std::string unknown = unknown_problem_code_message("--severity" + whose, codes);
  if (!unknown.empty()) throw ValidateFailure{unknown};
  codes.clear();
  for (const auto& [code, percent] : gate.max_error_rate) {
    if (!(percent >= 0 && percent <= 100))
      throw ValidateFailure{"--max-error-rate" + whose + ": " + code +
                            "'s share must be a percentage from 0 to 100"};
    if (code != "all") codes.insert(code);
  }
  unknown = unknown_problem_code_message("--max-error-rate" + whose, codes);
  if (!unknown.empty()) throw ValidateFailure{unknown};
}

// "3.25%" — a share of rows, as the gate's reason writes it.
std::string percent_text(double percent) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", percent);
  return buffer;
}

// The gate: each code whose findings weigh (GateTally) fails the file unless
// --max-error-rate tolerates its share of rows. Sets task.valid (false when
// it fails; a file already invalid stays so) and task.gate_reason.
void apply_gate(TaskReport& task, const GateSettings& gate, bool with_baseline) {
  std::string failing;
  std::string tolerated;
  auto append = [](std::string& list, const std::string& item) {
    list += (list.empty() ? "" : ", ") + item;
  };
  const double rows = static_cast<double>(std::max<std::uint64_t>(task.stats.rows, 1));
  for (const auto& [code, tally] : task.gate_tallies) {
    std::string what = code + " " + std::to_string(tally.findings);
    auto rate = gate.max_error_rate.find(code);
    const bool own_rate = rate != gate.max_error_rate.end();
    if (!own_rate) rate = gate.max_error_rate.find("all");
    if (rate == gate.max_error_rate.end()) {
      append(failing, what);
      continue;
    }
    if (tally.whole_file) {
      append(failing, what + " (about the whole file: no share of rows tolerates it)");
      continue;
    }
    const double share =
        std::min(100.0, 100.0 * static_cast<double>(own_rate ? tally.rows : task.gate_rows) / rows);
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g%%", rate->second);
    const std::string rows_of = own_rate ? " of rows" : " of rows (all codes)";
    if (share > rate->second) {
      append(failing, what + " (" + percent_text(share) + rows_of + " > " + limit + ")");
    } else {
      append(tolerated, what + " (" + percent_text(share) + rows_of + " ≤ " + limit + ")");
    }
  }
  const std::string level = gate.fail_on == Severity::warning ? "warning" : "error";
  const std::string counted = with_baseline ? " new since the baseline" : "";
  if (!failing.empty()) {
    task.valid = false;
    task.gate_reason = "failed: " + level + "s" + counted + ": " + failing;
    if (!tolerated.empty()) task.gate_reason += "; tolerated: " + tolerated;
  } else if (!task.valid) {
    task.gate_reason = "failed: the file could not be validated";
  } else if (!tolerated.empty()) {
    task.gate_reason = "passed: tolerated: " + tolerated;
  } else {
    task.gate_reason = "passed: no " + level + (with_baseline ? " new since the baseline" : "");
  }
}

}  // namespace

Report validate_files(const ValidateOptions& options, ModelCatalog& catalog,
                      const CheckResources& resources, ReportSink& sink) {
  const auto started = std::chrono::steady_clock::now();
  // A mistyped code would pick nothing (every file passes) or skip nothing:
  // refused before anything is read.
  for (const auto& [option, codes] :
       {std::pair{"--pick", &options.pick}, std::pair{"--skip", &options.skip}}) {
    std::string unknown = unknown_problem_code_message(option, *codes);
    if (!unknown.empty()) throw ValidateFailure{unknown};
  }
  check_gate_settings(options.gate, "");
  for (const auto& [input, gate] : options.gate_by_input) check_gate_settings(gate, input);
  const Model* given_model = nullptr;
  auto find_model = [&](const std::string& id) {
    std::string error;
    given_model = catalog.find_or_load(id, error);
    if (given_model == nullptr) throw ValidateFailure{error};
    return given_model;
  };
  std::optional<ColumnMapping> mapping;
  if (!options.mapping.empty()) {
    try {
      // The mapping names the model when --model does not; read once.
      mapping = load_mapping(options.mapping, [&](const std::string& named) -> const Model& {
        if (options.model.empty() && named.empty())
          throw ValidateFailure{"--mapping needs --model (the mapping file names no model)"};
        const Model* model = find_model(options.model.empty() ? named : options.model);
        if (!named.empty() && named != model->id) {
          throw ValidateFailure{"--mapping: the mapping " + options.mapping.string() +
                                " was made for " + named + ", not " + model->id};
        }
        return *model;
      });
    } catch (const MappingError& failure) {
      throw ValidateFailure{"--mapping: " + failure.message};
    }
  } else if (!options.model.empty()) {
    find_model(options.model);
  }
  Report report;
  for (const auto& input : options.inputs) {
    TaskReport& task = report.tasks.emplace_back();
    task.input = input;
    task.path = grammars::mask_individual_numbers_in(input);
    const auto task_started = std::chrono::steady_clock::now();
    sink.begin_task(task);
    auto own_gate = options.gate_by_input.find(input);
    const GateSettings& gate =
        own_gate != options.gate_by_input.end() ? own_gate->second : options.gate;
    ProblemCollector problems(options, gate, task, sink);
    if (looks_like_xml(input, held_bytes_of(options, input))) {
      validate_xml(options, problems, task);
    } else {
      TableValidation(options, catalog, resources, problems, task)
          .run(given_model, mapping ? &*mapping : nullptr);
    }
    task.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - task_started).count();
    problems.finish_baseline();
    apply_gate(task, gate, options.baseline != nullptr);
    report.valid = report.valid && task.valid;
    sink.end_task(task);
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  sink.finish(report);
  return report;
}

bool is_unreadable_code(std::string_view code) {
  return std::find(std::begin(kUnreadableCodes), std::end(kUnreadableCodes), code) !=
         std::end(kUnreadableCodes);
}

bool report_has_unreadable_input(const Report& report) {
  for (const auto& task : report.tasks)
    for (std::string_view code : kUnreadableCodes)
      if (task.counts_by_code.count(std::string(code)) != 0) return true;
  return false;
}

}  // namespace gifkit::models
