// registry_audit.cpp — `gifkit registry audit REGISTRY`: the thin command
// over registries::audit::audit_registry. Its findings become validate's
// report (models/engine/report/report.hpp), one task per part (the ABR, the
// 法人番号 data), through the problem collector and the report writers, so
// codes, counts, samples and formats are validate's. Exit 0 when nothing is
// found, 1 when something is, 2 on usage or a registry that cannot be
// opened. Not through a registry session: the audit reads the tables as
// they are, like verify. See docs/registry.md "registry audit".
#include <CLI/CLI.hpp>
#include <chrono>
#include <optional>
#include <ostream>

#include "models/engine/validate/problem_collector.hpp"
#include "registries/audit/registry_audit.hpp"
#include "tools/commands/registry_subcommands.hpp"
#include "tools/output_option.hpp"
#include "tools/registry_option.hpp"
#include "tools/report/report_writers.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;
namespace audit = gifkit::registries::audit;

// The rows of a finding as its message names them: "abr_rsdt 131059 0001001
// 001 001 (mt_rsdtdsp_rsdt_pref13.csv.zip:…)", the first few, then how many more.
std::string rows_text(const audit::AuditFinding& finding) {
  std::string text = finding.row_count == 1 ? "row: " : "rows: ";
  for (std::size_t i = 0; i < finding.rows.size(); ++i) {
    const audit::AuditRow& row = finding.rows[i];
    text += (i ? "; " : "") + row.table + " " + row.key;
    if (!row.source.empty()) text += " (" + row.source + ")";
  }
  if (finding.row_count > finding.rows.size())
    text += "; and " + std::to_string(finding.row_count - finding.rows.size()) + " more";
  return text;
}

class RegistryAuditCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    registry_.add_argument(app, ", with ABR tables and/or 法人番号 data");
    add_format_option(
        app, format_,
        {OutputFormat::text, OutputFormat::json, OutputFormat::ndjson, OutputFormat::html},
        "report format");
    output_.add_to(app, "write the report to this file (atomically)");
    app.add_option("--max-errors", max_errors_,
                   "list at most N findings of each code (counts cover them all; default: all, "
                   "in text 5, in html 20)");
    app.add_option("--max-town-km", limits_.town_from_city_km,
                   "a 町字's point farther than this from its city's point is abr-position-far "
                   "(default " +
                       std::to_string(static_cast<int>(limits_.town_from_city_km)) +
                       "; the cities of models/dictionaries/city_extents.tsv have their own, "
                       "larger limits)")
        ->check(CLI::PositiveNumber);
    app.add_option("--max-point-km", limits_.point_from_town_km,
                   "a 住居表示 or 地番 point farther than this from its 町字's point is "
                   "abr-position-far (default " +
                       std::to_string(static_cast<int>(limits_.point_from_town_km)) + ")")
        ->check(CLI::PositiveNumber);
  }

  int run(const CommandContext& context) override {
    std::optional<reg::RegistryDb> opened;
    try {
      say_rollback(context, registry_.location(),
                   [&] { opened.emplace(reg::RegistryDb::open_existing(registry_.location())); });
    } catch (const reg::RegistryError& error) {
      context.err << "gifkit registry audit: " << error.what() << "\n";
      return kExitUsage;
    }
    ReportWriterOptions writer_options;
    writer_options.tool_version = std::string(gifkit_version());
    writer_options.color = !output_.to_file() && context.out_is_terminal;
    if (!max_errors_) writer_options.text_lines_per_file = kTextLinesPerFile;
    const std::unique_ptr<OpenOutput> output = output_.open(context);
    if (!output) return kExitUsage;
    auto writer = make_report_writer(format_, output->stream(), writer_options);

    models::ValidateOptions validate_options;  // the collector's: no filter, no baseline
    validate_options.max_errors = max_errors_.value_or(default_max_errors(format_));
    validate_options.keep_problems = writer_reads_kept_problems(format_);
    models::GateSettings gate;
    gate.fail_on = models::Severity::warning;  // anything found fails
    models::Report report;
    const auto started = std::chrono::steady_clock::now();
    try {
      audit_part(*opened, audit::AuditPart::abr, validate_options, gate, *writer, report);
      audit_part(*opened, audit::AuditPart::houjin, validate_options, gate, *writer, report);
    } catch (const reg::RegistryError& error) {
      context.err << "gifkit registry audit: " << error.what() << "\n";
      return kExitUsage;
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    writer->finish(report);
    if (!output->commit(context)) return kExitUsage;
    return report.valid ? kExitOk : kExitDataNotOk;
  }

 private:
  // Audits one part into a task of its own: "REGISTRY ABR" named by lg_code
  // and machiaza_id, "REGISTRY 法人番号" by the corporate number.
  void audit_part(reg::RegistryDb& db, audit::AuditPart part,
                  const models::ValidateOptions& validate_options, const models::GateSettings& gate,
                  models::ReportSink& sink, models::Report& report) const {
    const bool abr = part == audit::AuditPart::abr;
    models::TaskReport task;
    task.path = db.path().string() + (abr ? " ABR" : " 法人番号");
    task.model = abr ? "registry audit: ABR" : "registry audit: 法人番号";
    task.key_fields = abr ? std::vector<std::string>{"lg_code", "machiaza_id"}
                          : std::vector<std::string>{"corporate_number"};
    sink.begin_task(task);
    models::ProblemCollector problems(validate_options, gate, task, sink);
    audit::AuditOptions options;
    options.limits = limits_;
    options.abr = abr;
    options.houjin = !abr;
    const auto started = std::chrono::steady_clock::now();
    const audit::AuditSummary summary =
        audit::audit_registry(db, options, [&](const audit::AuditFinding& finding) {
          models::Problem problem = models::make_problem(finding.code, 0, 0, 0);
          problem.value = finding.subject;
          problem.rows = finding.row_count;
          if (abr) {
            problem.key = {{"lg_code", finding.lg_code}, {"machiaza_id", finding.machiaza_id}};
          } else {
            problem.key = {{"corporate_number", finding.corporate_number}};
          }
          problems.add(std::move(problem), {{"subject", finding.subject},
                                            {"reason", finding.reason},
                                            {"rows", rows_text(finding)}});
        });
    for (const std::string& note : summary.not_checked) {
      models::Problem problem = models::make_problem("audit-not-checked", 0, 0, 0);
      problems.add(std::move(problem), {{"reason", note}});
    }
    task.stats.rows = abr ? summary.towns + summary.residences + summary.parcels + summary.positions
                          : summary.corporations;
    task.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::uint64_t found = task.stats.errors + task.stats.warnings;
    task.valid = found == 0;
    auto counted = [](std::uint64_t count, const char* one, const char* many) {
      return std::to_string(count) + " " + (count == 1 ? one : many);
    };
    task.gate_reason = task.valid ? "passed: nothing found"
                                  : "failed: " + counted(found, "finding", "findings") + " (" +
                                        counted(task.stats.errors, "error", "errors") + ", " +
                                        counted(task.stats.warnings, "warning", "warnings") + ")";
    sink.end_task(task);
    report.valid = report.valid && task.valid;
    report.tasks.push_back(std::move(task));
  }

  RegistryOption registry_;
  OutputFormat format_ = OutputFormat::text;
  OutputOption output_;
  std::optional<std::uint64_t> max_errors_;
  audit::AuditLimits limits_ = audit::default_audit_limits();
};

}  // namespace

std::unique_ptr<Command> make_registry_audit_command(const CommonOptions&) {
  return std::make_unique<RegistryAuditCommand>();
}

}  // namespace gifkit::tools
