// transform.cpp — `gifkit transform`: the thin command over
// models::run_transform (options → TransformOptions; the dataset, change log
// and review list written atomically; without --model the model is chosen
// per input as validate chooses it; exit 0 when nothing needs review, 1
// when something does, 2 when it could not run (no model fits an input's
// header) or an input has a column named 個人番号 without --mask
// individual-number).
// See docs/transform.md.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "grammars/io/atomic_file.hpp"
#include "models/engine/model/crosswalk.hpp"
#include "models/engine/transform/transform.hpp"
#include "tools/command.hpp"
#include "tools/dataset_options.hpp"
#include "tools/output/transform_output.hpp"
#include "tools/output_option.hpp"
#include "tools/registry_option.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

namespace fs = std::filesystem;

const std::string kTransformWho = "gifkit transform: ";

bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  return a != "-" && b != "-" && fs::exists(b, error) && fs::equivalent(a, b, error);
}

class TransformCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("files", inputs_, "CSV, TSV or .xlsx datasets; - reads standard input")
        ->required();
    app.add_option("-m,--model", model_,
                   "model id (gifkit model list) or a model file (default: chosen as validate "
                   "chooses it, by the file name's kind and the header)");
    output_
        .add_to(app,
                "the transformed CSV or .xlsx (- for standard output); a folder for several "
                "inputs")
        ->required();
    app.add_option("--to", to_,
                   "split or combined: the GIF form of 氏名 and 住所 (default: the input's)")
        ->check(CLI::IsMember({"split", "combined"}));
    registry_.add_to(app,
                     ": 全国地方公共団体コード and 町字ID for addresses, address splitting, "
                     "法人番号 by name and address");
    registry_.add_address_cache(app);
    app.add_flag("--update-from-registry", update_from_registry_,
                 "replace a corporation's stale name or address by the registered one (logged)");
    app.add_option("--mapping", mapping_, "a mapping file (--save-mapping) to replay");
    app.add_option("--save-mapping", save_mapping_, "write the header → item mapping used");
    app.add_option("--charset", charset_,
                   "shrink every text item to this character set (縮退): jisx0208, jisx0213, …");
    app.add_option("--log", log_, "write every change here (NDJSON)");
    app.add_option("--review", review_, "write what needs a person here (CSV or .xlsx)");
    app.add_flag("--bom", bom_, "start the CSV outputs with a UTF-8 byte order mark (not .xlsx)");
    app.add_option("--mask", mask_,
                   "individual-number: write a column named 個人番号 masked (digits as *) "
                   "instead of refusing the input (a column of them by their values is always "
                   "masked)")
        ->check(CLI::IsMember({"individual-number"}));
    app.add_flag("--drop-unknown", drop_unknown_,
                 "leave columns the model lacks out of the output (their values go to the log)");
    dataset_.add_to(app);
    common_.add_to(app);
  }

  int run(const CommandContext& context) override {
    const std::string& output_path = output_.path();
    auto reading = dataset_.read_options(context.err, "gifkit transform");
    if (!reading) return kExitUsage;
    options_.reading = std::move(*reading);
    options_.model = model_;
    options_.to = to_ == "split"      ? models::TargetForm::split
                  : to_ == "combined" ? models::TargetForm::combined
                                      : models::TargetForm::as_input;
    options_.charset = charset_;
    options_.drop_unknown = drop_unknown_;
    options_.update_from_registry = update_from_registry_;
    if (update_from_registry_ && !registry_.given())
      return usage(context, "--update-from-registry needs --registry");
    options_.mask_individual_numbers = mask_ == "individual-number";
    const bool several = inputs_.size() > 1;
    if (several && (output_path == "-" || !fs::is_directory(output_path)))
      return usage(context, "several inputs need -o FOLDER (an existing folder)");
    for (const std::string& table : {output_path, review_}) {
      if (const std::string problem = table_path_problem(table); !problem.empty())
        return usage(context, problem);
    }
    for (const std::string& input : inputs_) {
      if (!several && same_file(input, output_path))
        return usage(context, "-o " + output_path + " is the input itself; write to another file");
    }

    std::unique_ptr<models::LookupSession> session;
    std::unique_ptr<models::SessionLookup> registry;
    if (registry_.given() && !(session = registry_.open(common_, context))) return kExitUsage;
    RuntimeData data;
    if (!load_runtime_data(common_, data, context.err, session.get())) return kExitUsage;
    const models::Model* model = nullptr;
    if (model_.empty()) {
      // Chosen per input from its header (run_transform); a mapping is written for one model.
      if (!mapping_.empty()) return usage(context, "--mapping needs --model (the mapping's model)");
      sheet_ = "data";
    } else {
      std::string error;
      model = data.catalog.find_or_load(model_, error);
      if (model == nullptr) return usage(context, error);
      sheet_ = model->label;
    }
    if (!mapping_.empty()) {
      try {
        options_.mapping = models::load_mapping(mapping_, *model);
      } catch (const models::MappingError& failure) {
        return usage(context, "--mapping: " + failure.message);
      }
    }
    // The crosswalk between GIF releases: a file written to an earlier release
    // of the model's class is converted by it (docs/transform.md). A models
    // folder without one converts nothing; one that does not read stops the run.
    std::optional<models::Crosswalk> crosswalk;
    const std::filesystem::path crosswalk_file = models::crosswalk_path(common_.models());
    std::error_code missing;
    if (std::filesystem::exists(crosswalk_file, missing)) {
      try {
        crosswalk = models::read_crosswalk(crosswalk_file);
        options_.crosswalk = &*crosswalk;
      } catch (const models::CrosswalkError& failure) {
        return usage(context, failure.message);
      }
    }
    if (session) {
      try {
        registry = session->lookup();
      } catch (const std::exception& failure) {
        return usage(context, std::string("--registry: ") + failure.what());
      }
    }
    models::CheckResources resources = data.resources();
    options_.individual_number_headers = &data.individual_number_headers;
    resources.registry = registry.get();

    try {
      std::optional<grammars::AtomicFile> log_file;
      std::unique_ptr<TableWriter> review_table;
      std::unique_ptr<ChangeLogWriter> log;
      std::unique_ptr<ReviewListWriter> review;
      if (!log_.empty()) {
        log_file.emplace(log_);
        log = std::make_unique<ChangeLogWriter>(log_file->stream());
      }
      if (!review_.empty()) {
        review_table = open_table_writer(review_, {bom_, "review"}, context.out);
        review = std::make_unique<ReviewListWriter>(*review_table, several);
      }
      int exit = kExitOk;
      models::ColumnMapping saved;
      std::vector<std::unique_ptr<TableWriter>> outputs;  // put in place at the end
      for (const std::string& input : inputs_) {
        if (several) {
          if (log) log->set_file(input);
          if (review) review->set_file(input);
        }
        const std::string output =
            several ? (fs::path(output_path) / fs::path(input).filename().replace_extension(".csv"))
                          .string()
                    : output_path;
        if (several && same_file(input, output))
          return usage(context, output + " is the input " + input + " itself");
        const int status = transform_one(context, input, output, data.catalog, resources, log.get(),
                                         review.get(), saved, outputs);
        if (status == kExitUsage) return kExitUsage;  // nothing is left
        exit = std::max(exit, status);
      }
      std::optional<grammars::AtomicFile> mapping_file;
      if (!save_mapping_.empty()) {
        mapping_file.emplace(save_mapping_);
        mapping_file->stream() << models::mapping_json(saved, save_mapping_,
                                                       data.catalog.find(saved.model));
      }
      // Every file written to its end before any is put in place: one that
      // cannot be written (a full disk) leaves none, the datasets without
      // their log least of all.
      if (log) log->flush();
      for (const auto& table : outputs) table->finish();
      if (log_file) log_file->finish();
      if (review_table) review_table->finish();
      if (mapping_file) mapping_file->finish();
      for (const auto& table : outputs) table->commit();
      if (log_file) log_file->commit();
      if (review_table) review_table->commit();
      if (mapping_file) mapping_file->commit();
      for (const auto& note : data.notes) context.err << kTransformWho << "note: " << note << "\n";
      return exit;
    } catch (const grammars::AtomicFileError& failure) {
      context.err << kTransformWho << failure.what() << "\n";
      return kExitUsage;
    } catch (const TableWriteError& failure) {  // an .xlsx over a sheet's limits
      context.err << kTransformWho << failure.what() << "\n";
      return kExitUsage;
    }
  }

 private:
  int usage(const CommandContext& context, const std::string& message) {
    context.err << kTransformWho << message << "\n";
    return kExitUsage;
  }

  // Transforms one input into output ("-": standard output), its table
  // added to outputs for the caller to put in place (not when the output
  // is refused). Returns the exit code.
  int transform_one(const CommandContext& context, const std::string& input,
                    const std::string& output, models::ModelCatalog& catalog,
                    const models::CheckResources& resources, ChangeLogWriter* log,
                    ReviewListWriter* review, models::ColumnMapping& saved,
                    std::vector<std::unique_ptr<TableWriter>>& outputs) {
    models::TransformOptions options = options_;
    options.input = input;
    std::unique_ptr<TableWriter> table = open_table_writer(output, {bom_, sheet_}, context.out);
    models::TransformResult result;
    {
      TableTransformSink sink(*table, log, review);
      try {
        result = models::run_transform(options, catalog, resources, sink);
      } catch (const models::TransformFailure& failure) {
        context.err << kTransformWho << failure.message << "\n";
        return kExitUsage;
      } catch (const registries::RegistryError& failure) {
        context.err << kTransformWho << "registry: " << failure.what() << "\n";
        return kExitUsage;
      }
    }
    outputs.push_back(std::move(table));
    for (models::MappingEntry& entry : result.mapping.entries) {
      if (saved.find(entry.header) == nullptr) saved.entries.push_back(std::move(entry));
    }
    saved.model = result.model;
    for (const auto& note : result.notes) context.err << kTransformWho << "note: " << note << "\n";
    for (const std::string& column : result.masked_columns)
      context.err << kTransformWho << "note: " << column << ": 個人番号 written masked\n";
    context.err << kTransformWho << input << " → " << output << ": " << result.rows << " rows, "
                << result.changes << " changes, " << result.reviews << " for review (model "
                << result.model << ", " << result.columns_in << " columns in, "
                << result.columns_out << " out)\n";
    return result.reviews > 0 ? kExitDataNotOk : kExitOk;
  }

  std::vector<std::string> inputs_;
  RegistryOption registry_;
  OutputOption output_;  // a table or a folder of them: open_table_writer opens each
  std::string model_, to_, mapping_, save_mapping_, charset_, log_, review_, mask_;
  std::string sheet_;  // an .xlsx output's sheet: the model's label
  DatasetOptions dataset_;
  bool bom_ = false;
  bool drop_unknown_ = false;
  bool update_from_registry_ = false;
  models::TransformOptions options_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_transform_command() {
  return std::make_unique<TransformCommand>();
}

}  // namespace gifkit::tools
