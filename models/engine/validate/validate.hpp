// validate.hpp — `validate` as a library function (GDAL style): options in a
// struct, problems streamed to a ReportSink, the whole report returned. The
// gifkit validate command is a thin layer over validate_files().
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/checks/individual_number.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/model/model_catalog.hpp"
#include "models/engine/report/baseline.hpp"
#include "models/engine/report/report.hpp"

namespace gifkit::models {

// What fails a file, and how each code counts (--fail-on, --severity,
// --max-error-rate; per file from gifkit.toml).
struct GateSettings {
  Severity fail_on = Severity::error;  // the lowest severity that fails the gate
  // A code reported with this severity in place of its own; nullopt: off
  // (never reported, like --skip). file-error and no-model-fits keep theirs.
  std::map<std::string, std::optional<Severity>> severity;
  // A code, or "all", → the share of data rows (percent, 0–100) its failing
  // findings may reach and still pass; "all" weighs the rows with any failing
  // finding, for the codes without a share of their own. A finding about the
  // whole file or its header always fails.
  std::map<std::string, double> max_error_rate;
};

struct ValidateOptions {
  std::vector<std::string> inputs;  // paths; "-" is standard input
  // Inputs already in memory (a service's small request body), by their name
  // in inputs: read from these bytes, never from a file of that name. CSV,
  // TSV or XML; a workbook's bytes are a file-error (it is read from a file).
  std::map<std::string, std::string_view> input_bytes;
  std::string model;  // a model id or a model file; "" picks by header
  // A mapping file (the one transform --save-mapping writes): the columns it
  // lists are bound as it says, whatever their header (mapped-column); it
  // names the model when model is "". "": none.
  std::filesystem::path mapping;
  // How each input is read: its encoding, delimiter, an .xlsx's sheet, and
  // what reading it may cost (limits: an .xlsx's parts inflated, the
  // attributes of an XML element; a cap reached is a file-error; its
  // keep_going is not asked: keep_going below is). bytes: see input_bytes.
  DatasetReadOptions reading;
  // A cap reached throws ValidateOverCap (a service refuses the request)
  // instead of reporting a file-error and going on with the next input.
  bool over_cap_throws = false;
  GateSettings gate;
  // Another gate for some inputs (by their path in inputs: gifkit.toml's
  // patterns), in place of gate.
  std::map<std::string, GateSettings> gate_by_input;
  // A previous report's problems (--baseline): only problems it does not
  // hold count for the gate; nullptr: none.
  const Baseline* baseline = nullptr;
  // List at most this many problems of each code in each column of a file
  // (FindingGroup; 0: all); the counts cover every one.
  std::uint64_t max_errors = 0;
  // The columns (headers as written, or item names) whose values are each
  // problem's key (Problem::key); empty: the model's key items.
  std::vector<std::string> key_columns;
  std::set<std::string> pick;  // only these codes (empty: all)
  std::set<std::string> skip;  // never these codes
  // A model that recognises fewer than this percentage (0–100) of a file's
  // columns is a poor-model-fit error; -1: not asked, and a model below half
  // of them is a poor-model-fit warning.
  int require_fit = -1;
  // A header with no data row under it is a no-data-rows error (nothing was
  // checked); true (--allow-empty): a warning, for a dataset empty on purpose.
  bool allow_empty = false;
  std::filesystem::path gif_xsd;  // the official GIF_Core_DataModel.xsd, for XML inputs
  bool check_duplicate_keys = true;
  // With a registry that has a change feed (CorporationLookup::corporation_changes):
  // report registry-changed for each row whose corporation changed in the
  // registry on or after this date (YYYY-MM-DD); "": not asked.
  std::string changed_since;
  // The header names that say a column holds 個人番号 (loaded from
  // models/dictionaries/individual_number_headers.tsv); empty: such columns
  // are found by their values only.
  IndividualNumberHeaders individual_number_headers;
  // Keep the listed problems in the returned report. Streaming writers
  // (ndjson, github) get every problem through the sink and need no copy, so
  // memory stays flat however many problems a file has.
  bool keep_problems = true;
  // Count each column's distinct and most common values into its
  // ItemQuality (the html report's profile; column_profile.hpp). Off: no
  // cost for the formats that do not show them.
  bool profile_columns = false;
  // Asked every 1,024 rows, and while an .xlsx's parts or an XML instance
  // are read, block by block, whether to go on (a service's time limit; the
  // GDAL-style progress hook); when it answers false, validate_files throws
  // ValidateStopped. Empty: always go on.
  std::function<bool()> keep_going;
};

// validate_files stopped because keep_going answered false.
struct ValidateStopped {
  std::uint64_t rows = 0;  // rows read in the file being validated when it stopped
};

// validate_files met a cap of read_limits, with over_cap_throws: message
// names the file, the part or element, the cap and how to raise it.
struct ValidateOverCap {
  std::string message;
};

// Why validation could not run at all (as opposed to data problems).
struct ValidateFailure {
  std::string message;
};

// Validates every input. Problems go to sink as they are found; the returned
// report holds the statistics and the listed problems. Throws ValidateFailure,
// before any input is read, when pick or skip holds a name that is no problem
// code, the named model cannot be found or loaded, or the mapping cannot be
// read, names no model when none is given, was made for another model or
// names an item the model lacks; and, once an input's header is read, when
// the mapping lists a column that input lacks. catalog may gain the model
// loaded from a file.
Report validate_files(const ValidateOptions& options, ModelCatalog& catalog,
                      const CheckResources& resources, ReportSink& sink);

// The codes of a file that could not be validated at all: file-error (not
// read), no-model-fits (no model to read it by) and xml-error (no XML: not
// well-formed, or unsafe). They are never filtered out nor given another
// severity, and make the run exit 2.
inline constexpr std::string_view kUnreadableCodes[] = {"file-error", "no-model-fits", "xml-error"};
bool is_unreadable_code(std::string_view code);

// True when some file could not be read at all (exit code 2 rather than 1).
bool report_has_unreadable_input(const Report& report);

}  // namespace gifkit::models
