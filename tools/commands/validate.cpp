// validate.cpp — `gifkit validate`: the thin command over
// models::validate_files (options → ValidateOptions, report → writer, gate →
// exit code). See docs/validate.md.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "models/engine/report/problem_codes.hpp"
#include "models/engine/validate/validate.hpp"
#include "registries/houjin/changes/change_feed.hpp"
#include "tools/command.hpp"
#include "tools/dataset_options.hpp"
#include "tools/gate_options.hpp"
#include "tools/output_option.hpp"
#include "tools/registry_option.hpp"
#include "tools/report/report_writers.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

class ValidateCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("files", inputs_, "CSV, TSV or GIF XML files; - reads standard input")
        ->required();
    app.add_option("-m,--model", model_,
                   "model id (gifkit model list) or a model file; default: picked by header");
    app.add_option("--mapping", mapping_,
                   "a mapping file (transform --save-mapping): its columns bound to the items it "
                   "names, whatever their header; it names the model when --model is not given");
    registry_.add_to(
        app,
        ", for the models' registry rules: "
        "not-in-registry, closed-corporation, registry-mismatch, registry-not-checked");
    registry_.add_address_cache(app);
    app.add_option("--changed-since", changed_since_,
                   "with --registry: registry-changed for each row whose corporation changed in "
                   "the registry on or after this date (YYYY-MM-DD, the NTA's 更新年月日)");
    add_format_option(app, format_, kReportFormats, "report format");
    app.add_option("--max-annotations", max_annotations_,
                   "-f github: at most N annotations per code and file, then one \"and M more\" "
                   "notice (default 10, what GitHub shows per step)")
        ->check([](const std::string& value) {
          return value.rfind('-', 0) == 0 ? std::string("must be 0 or more, not " + value)
                                          : std::string();
        });
    app.add_option("--sarif-root", sarif_root_,
                   "-f sarif and gitlab: the folder file paths are relative to (SARIF's "
                   "%SRCROOT%; default the working directory)");
    output_.add_to(app, "write the report to this file (atomically)");
    gate_.add_to(app);
    app.add_option("--max-errors", max_errors_,
                   "list at most N problems of each code in each column (counts cover them "
                   "all; default: all, in text 5, in html 20)");
    app.add_option("--key", key_columns_,
                   "the columns (headers or item names) whose values each problem carries as its "
                   "row's key; default: the model's key items")
        ->allow_extra_args(false);
    app.add_option("--pick", pick_, "report only these codes (comma-separated)")
        ->delimiter(',')
        ->allow_extra_args(false);
    app.add_option("--skip", skip_, "never report these codes (comma-separated)")
        ->delimiter(',')
        ->allow_extra_args(false);
    app.add_option("--require-fit", require_fit_,
                   "a model that recognises fewer than PCT % of the columns fails the gate "
                   "(poor-model-fit error; default: an error under 50 % for a model named with "
                   "--model (a partial one: 25 %), a warning for one chosen from the header)")
        ->check(CLI::Range(0, 100));
    app.add_flag("--allow-empty", allow_empty_,
                 "a header with no data rows is a no-data-rows warning, not an error (a "
                 "dataset empty on purpose)");
    dataset_.add_to(app);
    app.add_option("--gif-xsd", gif_xsd_,
                   "official GIF_Core_DataModel.xsd for XML inputs (default: DATA/gif/)");
    common_.add_to(app);
  }

  int run(const CommandContext& context) override {
    models::ValidateOptions options;
    options.inputs = inputs_;
    options.model = model_;
    options.mapping = mapping_;
    options.max_errors = max_errors_.value_or(default_max_errors(format_));
    options.profile_columns = format_ == OutputFormat::html;
    options.key_columns = key_columns_;
    options.pick.insert(pick_.begin(), pick_.end());
    options.skip.insert(skip_.begin(), skip_.end());
    options.require_fit = require_fit_;
    options.allow_empty = allow_empty_;
    auto reading = dataset_.read_options(context.err, "gifkit validate");
    if (!reading) return kExitUsage;
    options.reading = std::move(*reading);
    options.gif_xsd = gif_xsd_.empty() ? common_.data() / "gif" / "GIF_Core_DataModel.xsd"
                                       : std::filesystem::path(gif_xsd_);

    if (!gate_.apply(options, context)) return kExitUsage;
    if (!registry_.given()) {
      // A check that cannot run in this invocation is not a pass.
      auto named = gate_.codes_given();
      named.emplace_back("--pick", options.pick);
      for (const auto& [option, codes] : named) {
        const std::string problem = models::registry_code_without_registry_message(option, codes);
        if (problem.empty()) continue;
        context.err << "gifkit validate: " << problem << "\n";
        return kExitUsage;
      }
    }
    if (!check_changed_since(context)) return kExitUsage;
    options.changed_since = changed_since_;
    std::unique_ptr<models::LookupSession> session;
    std::unique_ptr<models::SessionLookup> registry;
    if (registry_.given() && !(session = registry_.open(common_, context))) return kExitUsage;
    RuntimeData data;
    if (!load_runtime_data(common_, data, context.err, session.get())) return kExitUsage;
    registries::houjin::ChangeKinds change_kinds;
    if (!changed_since_.empty() &&
        !load_change_kinds(common_, change_kinds, context.err, "gifkit validate"))
      return kExitUsage;
    if (session) {
      try {
        registry = session->lookup();
        if (!changed_since_.empty()) registry->use_change_kinds(change_kinds);
      } catch (const std::exception& error) {
        context.err << "gifkit validate: --registry: " << error.what() << "\n";
        return kExitUsage;
      }
    }
    options.individual_number_headers = data.individual_number_headers;
    models::CheckResources resources = data.resources();
    resources.registry = registry.get();

    ReportWriterOptions writer_options;
    writer_options.tool_version = std::string(gifkit_version());
    writer_options.color = !output_.to_file() && context.out_is_terminal;
    // Without --max-errors, a file's text report keeps to a page a person reads:
    // every code and column with its count and rows, as many samples as fit.
    if (!max_errors_) writer_options.text_lines_per_file = kTextLinesPerFile;
    if (!ci_writer_options(writer_options, context)) return kExitUsage;
    const std::unique_ptr<OpenOutput> output = output_.open(context);
    if (!output) return kExitUsage;
    options.keep_problems = writer_reads_kept_problems(format_);
    auto writer = make_report_writer(format_, output->stream(), writer_options);
    models::Report report;
    try {
      report = models::validate_files(options, data.catalog, resources, *writer);
    } catch (const models::ValidateFailure& failure) {
      context.err << "gifkit validate: " << failure.message << "\n";
      return kExitUsage;
    } catch (const registries::RegistryError& error) {
      context.err << "gifkit validate: registry: " << error.what() << "\n";
      return kExitUsage;
    }
    if (!output->commit(context)) return kExitUsage;
    for (const auto& note : data.notes) context.err << "gifkit validate: note: " << note << "\n";
    if (!gate_.config_file().empty())
      context.err << "gifkit validate: note: the gate's settings of "
                  << gate_.config_file().string() << " were applied\n";
    if (models::report_has_unreadable_input(report)) return kExitUsage;
    return report.valid ? kExitOk : kExitDataNotOk;
  }

 private:
  // The options of the CI formats: --max-annotations, $GITHUB_STEP_SUMMARY
  // for github, --sarif-root made absolute; false, with a message, when the
  // root is no folder.
  bool ci_writer_options(ReportWriterOptions& writer_options, const CommandContext& context) const {
    writer_options.max_annotations = static_cast<std::uint64_t>(max_annotations_);
    const char* step_summary = std::getenv("GITHUB_STEP_SUMMARY");
    if (format_ == OutputFormat::github && step_summary != nullptr)
      writer_options.step_summary_path = step_summary;
    std::error_code error;
    std::filesystem::path root = sarif_root_.empty() ? std::filesystem::current_path(error)
                                                     : std::filesystem::path(sarif_root_);
    if (!error && std::filesystem::is_directory(root, error))
      root = std::filesystem::absolute(root, error);
    else if (!error)
      error = std::make_error_code(std::errc::not_a_directory);
    if (error) {
      context.err << "gifkit validate: --sarif-root: " << (sarif_root_.empty() ? "." : sarif_root_)
                  << ": no folder (" << error.message() << ")\n";
      return false;
    }
    writer_options.source_root = root.lexically_normal().string();
    return true;
  }

  // --changed-since needs --registry and a date: false, with a message, when
  // it has not got them.
  bool check_changed_since(const CommandContext& context) const {
    if (changed_since_.empty()) return true;
    if (!registry_.given()) {
      context.err << "gifkit validate: --changed-since needs --registry (the registry whose "
                     "changes are followed)\n";
      return false;
    }
    registries::houjin::ChangeFeedOptions feed;
    feed.since = changed_since_;
    registries::houjin::ChangeKinds no_kinds;
    if (auto problem = registries::houjin::check_change_feed_options(feed, no_kinds)) {
      context.err << "gifkit validate: --changed-since: " << problem->message << "\n";
      return false;
    }
    return true;
  }

  std::vector<std::string> inputs_;
  std::string model_;
  std::string mapping_;
  RegistryOption registry_;
  std::string changed_since_;
  OutputFormat format_ = OutputFormat::text;
  std::int64_t max_annotations_ = 10;
  std::string sarif_root_;
  OutputOption output_;
  GateOptions gate_;
  std::optional<std::uint64_t> max_errors_;
  std::vector<std::string> key_columns_;
  std::vector<std::string> pick_;
  std::vector<std::string> skip_;
  int require_fit_ = -1;
  bool allow_empty_ = false;
  DatasetOptions dataset_;
  std::string gif_xsd_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_validate_command() {
  return std::make_unique<ValidateCommand>();
}

}  // namespace gifkit::tools
