// routes_validate.cpp — POST /v1/validate?model=&format=json|ndjson|sarif&allow_empty=1
// with a CSV, TSV or xlsx body: `gifkit validate` as a service, the same
// library function (models::validate_files) and report writers, with the
// registry's rules. Status 200 whether or not the data passes (the report
// says; so does the X-Gifkit-Valid header); 422 (no-model-fits,
// file-error: the report's problem) when the file could not be validated at all (no model fits it,
// or it is unreadable: models::report_has_unreadable_input, the CLI's exit 2); other 4xx only for
// a bad request or a body over a cap (413 over-cap: an xlsx whose parts inflate past
// inflated_per_body × --max-body, an element with too many attributes).
// --time-limit is asked while the parts are inflated and parsed, not only
// between rows; the memory a large request freed goes back to the system
// (not after a small one: giving it back cost more than the whole request).
// Models are named by id: the service never reads a model file a client names.
#include <malloc.h>

#include <cassert>
#include <optional>
#include <sstream>
#include <utility>

#include "grammars/io/read_limits.hpp"
#include "grammars/io/xlsx_reader.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/validate/validate.hpp"
#include "models/session/session_lookup.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "tools/command.hpp"
#include "tools/report/report_writers.hpp"
#include "tools/serve/request_body.hpp"
#include "tools/serve/service.hpp"

namespace gifkit::tools::serve {

namespace {

// Gives the memory free in the allocator's arenas back to the system when
// it goes out of scope, unless the request was found small: a validation (a
// workbook's shared strings above all) may have taken hundreds of MiB in
// small blocks that free() keeps. A small one took little, and trimming
// after it cost more than the request itself (issue #29: the madvise calls
// of malloc_trim and the TLB flushes they cause, milliseconds per request).
//
// Not under AddressSanitizer: its allocator replaces glibc's, so glibc's
// arenas hold nothing to trim, and two workers trimming them at once
// crashed the server there (a SEGV in glibc's mtrim; the honest request of
// e2e 30.5 saw its connection reset).
#if defined(__SANITIZE_ADDRESS__)
#define GIFKIT_ALLOCATOR_IS_GLIBC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GIFKIT_ALLOCATOR_IS_GLIBC 0
#endif
#endif
#ifndef GIFKIT_ALLOCATOR_IS_GLIBC
#define GIFKIT_ALLOCATOR_IS_GLIBC 1
#endif
struct ReturnFreedMemory {
  bool small = false;  // set once the body and the report are known to be small
  ~ReturnFreedMemory() {
    if (GIFKIT_ALLOCATOR_IS_GLIBC && !small) ::malloc_trim(0);
  }
};

// A request is small, and its freed memory is kept for the next one, when
// its body of at most kSmallBody bytes was read as CSV or TSV (not as a
// workbook, whatever its name: a small zip may inflate to GiB) and its
// report is at most kSmallReport: what such a validation held is bounded by
// these sizes.
constexpr std::uint64_t kSmallBody = std::uint64_t{64} << 10;
constexpr std::size_t kSmallReport = std::size_t{256} << 10;
bool small_request(const SpooledBody& body, const models::Report& report, std::uint64_t text) {
  if (body.size() > kSmallBody || text > kSmallReport) return false;
  for (const auto& task : report.tasks) {
    if (task.format != "csv" && task.format != "tsv") return false;
  }
  return true;
}

// The longest file name most file systems hold (NAME_MAX), in bytes.
constexpr std::size_t kMaxFileName = 255;

// The body's file name: the client's (?filename=, its last part), else one
// made from the Content-Type, else from the first bytes (a zip is xlsx).
std::string body_file_name(const Request& request, SpooledBody& body) {
  std::string name = text_parameter(request, "filename");
  if (!name.empty()) {
    name = name.substr(name.find_last_of("/\\") + 1);
    if (name.empty() || name == "." || name == "..") {
      throw HttpError(400, "bad-parameter", "'filename' must name a file");
    }
    return name;
  }
  const std::string type = request.header("Content-Type");
  if (type.find("spreadsheetml") != std::string::npos || body.head(4) == "PK\x03\x04") {
    return "body.xlsx";
  }
  if (type.rfind("text/tab-separated-values", 0) == 0) return "body.tsv";
  return "body.csv";
}

// The report writer's sink, which also keeps the first problem of
// models::is_unreadable_code that goes by (the report keeps no problems:
// the writers keep them in a file or stream them).
class FirstUnreadable final : public models::ReportSink {
 public:
  explicit FirstUnreadable(models::ReportSink& writer) : writer_(writer) {}
  void begin_task(const models::TaskReport& task) override { writer_.begin_task(task); }
  void problem(const models::TaskReport& task, const models::Problem& problem) override {
    if (!first && models::is_unreadable_code(problem.code)) first = problem;
    writer_.problem(task, problem);
  }
  void end_task(const models::TaskReport& task) override { writer_.end_task(task); }
  void finish(const models::Report& report) override { writer_.finish(report); }
  std::optional<models::Problem> first;

 private:
  models::ReportSink& writer_;
};

// Why a report whose file could not be validated (report_has_unreadable_input)
// says so: the code of its first problem of models::is_unreadable_code (the
// error's code) and that problem's message and suggestion.
std::pair<std::string, std::string> unvalidated_reason(const models::Report& report,
                                                       const FirstUnreadable& seen) {
  if (seen.first) {
    std::string reason = seen.first->message;
    if (!seen.first->suggestion.empty()) reason += " (" + seen.first->suggestion + ")";
    return {seen.first->code, reason};
  }
  for (const auto& task : report.tasks) {  // a report that lists no problem (ndjson)
    for (std::string_view code : models::kUnreadableCodes) {
      if (task.counts_by_code.count(std::string(code)) == 0) continue;
      return {std::string(code),
              task.path + (code == "no-model-fits"
                               ? ": no model fits it; name one with ?model= (GET /v1/models)"
                               : ": it could not be read (ask with format=json for why)")};
    }
  }
  assert(false && "called only for a report with unreadable input");
  return {"file-error", "the file could not be validated"};
}

void validate(Service& service, const Request& request, Answer& answer) {
  take_route("/v1/validate");
  ReturnFreedMemory return_freed_memory;  // the last to go: after the body, report and answer
  const std::string format_name = text_parameter(request, "format");
  auto format = parse_output_format(format_name.empty() ? "json" : format_name);
  if (!format || (*format != OutputFormat::json && *format != OutputFormat::ndjson &&
                  *format != OutputFormat::sarif)) {
    throw HttpError(400, "bad-parameter", "'format' must be json, ndjson or sarif");
  }
  models::ValidateOptions options;
  options.model = text_parameter(request, "model");
  if (!options.model.empty() && service.catalog().find(options.model) == nullptr) {
    throw HttpError(400, "unknown-model",
                    "'" + shown_text(options.model) +
                        "' is not a model id (GET the list with "
                        "`gifkit model list`)");
  }
  // encoding and sheet: read as `gifkit validate` reads --encoding and --sheet.
  options.reading.limits = upload_limits(service.options());
  read_input_parameters(DatasetInput::tables, request, options.reading);
  options.max_errors = static_cast<std::uint64_t>(
      integer_parameter(request, "max_errors", 0, 0, std::int64_t{1} << 40));
  options.allow_empty = flag_parameter(request, "allow_empty");  // as --allow-empty
  options.keep_problems = writer_reads_kept_problems(*format);
  options.gif_xsd = service.data() / "gif" / "GIF_Core_DataModel.xsd";
  options.over_cap_throws = true;

  SpooledBody body(request.body, service.options().spool_threshold, service.options().max_body);
  // A 個人番号 in the client's file name is masked before the name is used:
  // the report's path never shows it.
  const std::string name = grammars::mask_individual_numbers_in(body_file_name(request, body));
  // A body over 1 MiB (the spool threshold) or a workbook is kept as a file
  // under the client's name: a name longer than a file system holds
  // (NAME_MAX) is refused whatever the body's size, not taken for a full
  // disk (it was 507 no-space, issue #56).
  if (name.size() > kMaxFileName) {
    throw HttpError(400, "bad-parameter",
                    "'filename' is longer than " + std::to_string(kMaxFileName) + " bytes");
  }
  const std::string extension = std::filesystem::path(name).extension().string();
  if (extension != ".csv" && extension != ".tsv" && extension != ".txt" && extension != ".xlsx") {
    throw HttpError(
        415, "unsupported-type",
        "the body must be CSV, TSV or xlsx (filename ending .csv, .tsv, .txt or .xlsx)");
  }
  // A body kept in memory is validated from there, a text one at least (a
  // workbook is read from a file): writing it to a file and reading it back
  // cost a small request a third of its time (issue #29).
  std::optional<BodyFile> file;
  const std::string* held = body.in_memory();
  if (held != nullptr && extension != ".xlsx" && !grammars::may_be_spreadsheet(body.head(8))) {
    options.inputs = {name};
    options.input_bytes[name] = *held;
  } else {
    file.emplace(service.body_folders(), body, name);
    options.inputs = {file->path().string()};
  }
  // The report names the body as the client did, never the server's folder.
  auto as_named = [&file](std::string text) {
    return file ? file->without_folder(std::move(text)) : text;
  };

  options.individual_number_headers = service.runtime().individual_number_headers;
  // The snapshot's session: its warm address matcher, its connections and
  // its character data, as every other route reads them.
  auto snapshot = service.snapshot();
  models::CheckResources resources = service.runtime().resources();
  resources.characters = snapshot->session().characters().get();
  std::unique_ptr<models::SessionLookup> registry;
  try {
    registry = snapshot->session().lookup();
    resources.registry = registry.get();
  } catch (const registries::RegistryUnavailable&) {
    throw;  // 503: the server is away; skipping its rules would pass bad data
  } catch (const registries::RegistryError&) {
    // neither 法人番号, ABR nor character data: the registry rules are
    // skipped, as without --registry
  }
  ReportWriterOptions writer_options;
  writer_options.tool_version = std::string(gifkit_version());
  const auto deadline = current_request().started + service.options().time_limit;
  // The report, written within the time limit, in memory up to the spool
  // threshold and in a temporary file past it, --max-report at most (1 GiB
  // by default; a report runs about 100 times its body, so the cap is its
  // own, not a multiple of --max-body), naming the body as the client did,
  // never the server's folder.
  AnswerText out(deadline, service.options().spool_threshold, service.options().max_report);
  if (file) out.hide(file->folder_text());
  auto writer = make_report_writer(*format, out, writer_options);
  FirstUnreadable sink(*writer);
  models::Report report;
  options.keep_going = [deadline] { return std::chrono::steady_clock::now() < deadline; };
  try {
    report = models::validate_files(options, service.catalog(), resources, sink);
  } catch (const models::ValidateFailure& failure) {
    throw HttpError(400, "cannot-validate", failure.message);
  } catch (const models::ValidateOverCap& refused) {
    throw HttpError(413, "over-cap", as_named(refused.message));
  } catch (const registries::houjin::NoHoujinData& missing) {
    // A model whose 法人番号 rule is not optional, on a registry without
    // 法人番号 data: refused as `gifkit validate --registry` refuses it
    // (exit 2, the same reason), and as the corporation routes answer.
    throw HttpError(503, "no-corporation-data", snapshot->without_path(missing.what()));
  } catch (const std::ios_base::failure&) {
    if (out.over_cap()) {
      throw HttpError(
          507, "report-over-cap",
          "the report passes the server's --max-report (" +
              grammars::ReadLimits::size_text(service.options().max_report) +
              "); ask for fewer findings of each code (max_errors), start the server with a "
              "larger --max-report, or validate a large file with `gifkit validate`");
    }
    if (!out.past_deadline()) throw;
    throw HttpError(503, "time-limit",
                    "the report took longer than the server's --time-limit (" +
                        std::to_string(service.options().time_limit.count()) +
                        " ms) to write; ask for a smaller one (max_errors, format=ndjson) or "
                        "validate a large file with `gifkit validate`");
  } catch (const models::ValidateStopped& stopped) {
    throw HttpError(503, "time-limit",
                    "the validation took longer than the server's --time-limit (" +
                        std::to_string(service.options().time_limit.count()) +
                        " ms) and was stopped after " + std::to_string(stopped.rows) +
                        " rows; validate a large file with `gifkit validate`");
  }
  if (models::report_has_unreadable_input(report)) {
    auto [code, reason] = unvalidated_reason(report, sink);
    throw HttpError(422, code, as_named(reason));
  }
  return_freed_memory.small = small_request(body, report, out.size());
  answer.set_header("X-Gifkit-Valid", report.valid ? "true" : "false");
  out.answer(answer, *format == OutputFormat::ndjson  ? kNdjsonType
                     : *format == OutputFormat::sarif ? "application/sarif+json"
                                                      : kJsonType);
}

}  // namespace

void add_validate_routes(Routes& server, Service& service) {
  server.Post("/v1/validate", [&service](const Request& request, Answer& answer) {
    validate(service, request, answer);
  });
}

}  // namespace gifkit::tools::serve
